#pragma once
/// SearchService: drift runs that operators request (for a track, an alert or a
/// position), computed one at a time on the service's own thread so neither the engine
/// nor the server waits for them. Each run is a Leeway Monte Carlo (risk::SearchPlanner)
/// under the node's configured wind and current; its seed (the node's seed and the job id)
/// is recorded in the job. Progress and results are published through the LivePicture.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "risk/risk_settings.h"
#include "server/live_picture.h"

namespace sw::server {

class SearchService {
 public:
  /// `settings` and `environment` as the risk stage has them; `seed` is the node's.
  SearchService(LivePicture& picture, risk::SearchSettings settings, risk::Environment environment,
                std::uint64_t seed, std::size_t max_queued = 16);
  ~SearchService();
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  /// Queues a run; fills in id, state and the seed. Error "busy" when `max_queued` runs wait.
  Result<SearchJob> submit(SearchJob job);

 private:
  void run();

  LivePicture& picture_;
  risk::SearchSettings settings_;
  risk::Environment environment_;
  std::uint64_t seed_;
  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<SearchJob> queue_;
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sw::server
