#include "server/search_service.h"

#include "risk/search_planner.h"

namespace sw::server {

SearchService::SearchService(LivePicture& picture, risk::SearchSettings settings,
                             risk::Environment environment, std::uint64_t seed,
                             std::size_t max_queued)
    : picture_(picture),
      settings_(std::move(settings)),
      environment_(environment),
      seed_(seed),
      max_queued_(max_queued) {
  settings_.enabled = true;
  thread_ = std::thread([this] { run(); });
}

SearchService::~SearchService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<SearchJob> SearchService::submit(SearchJob job) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= max_queued_) {
      return Error{"busy", "too many drift runs are waiting; try again shortly"};
    }
    job.id = next_id_++;
    job.state = SearchJob::State::kQueued;
    job.progress = 0.0;
    queue_.push_back(job);
    // Published under the lock, so the worker's "running" cannot be overwritten by "queued".
    picture_.put_search(job);
  }
  wake_.notify_one();
  return job;
}

void SearchService::run() {
  for (;;) {
    SearchJob job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job.state = SearchJob::State::kRunning;
    picture_.put_search(job);
    // One run per hour, so progress moves as each finishes.
    const std::uint64_t seed = seed_ * 1000003ULL + job.id;
    for (std::size_t index = 0; index < settings_.hours.size(); ++index) {
      risk::SearchSettings one = settings_;
      one.hours = {settings_.hours[index]};
      auto planner = risk::SearchPlanner::create(one, environment_);
      if (!planner) {
        job.error = planner.error().detail;
        break;
      }
      std::vector<risk::AttachedSearchArea> areas =
          planner->plan(job.position, job.radius_m, job.time, seed);
      if (areas.empty()) {
        job.error = "the drift run for " + std::to_string(settings_.hours[index]) + " h failed";
        break;
      }
      job.areas.push_back(std::move(areas.front()));
      job.progress = static_cast<double>(index + 1) / static_cast<double>(settings_.hours.size());
      if (index + 1 < settings_.hours.size()) picture_.put_search(job);
    }
    job.state = job.error.empty() ? SearchJob::State::kDone : SearchJob::State::kFailed;
    picture_.put_search(job);
  }
}

}  // namespace sw::server
