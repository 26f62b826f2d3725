#pragma once
/// TrackFeeder: synthetic live traffic for the server load benchmark. Keeps `count` moving
/// tracks spread uniformly over the Dover Strait box and hands them to a LivePicture the
/// way the engine's TrackStaging does — small batches, each track once every `period` —
/// from its own thread. Each update's sensor time is the clock time at which it is handed
/// over, so a client can measure "update to receipt" per track from the track JSON alone.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include "server/live_picture.h"

namespace sw::bench {

/// The area the synthetic tracks move in (and the clients' viewports are drawn from).
struct StraitBox {
  double west = 0.8, south = 50.6, east = 2.2, north = 51.3;
};

/// Synthetic track ids start here, above any id an engine run hands out.
inline constexpr std::uint64_t kSyntheticIdBase = 1'000'000'000;

struct FeederOptions {
  std::size_t count = 10'000;
  std::chrono::milliseconds period{2500};  ///< between two updates of one track
  std::chrono::milliseconds batch{20};     ///< between two apply_tracks calls
  std::uint64_t seed = 1;
};

class TrackFeeder {
 public:
  TrackFeeder(server::LivePicture& picture, const Clock& clock, FeederOptions options);
  ~TrackFeeder();
  TrackFeeder(const TrackFeeder&) = delete;
  TrackFeeder& operator=(const TrackFeeder&) = delete;

  /// Gives every track a full trail (20 updates 10 s apart, ending now), before streaming.
  void prefill(std::size_t trail_updates = 20);
  void start();
  void stop();

  /// Updates handed to the picture, and batches that started later than scheduled by
  /// more than one batch interval (the feeder itself could not keep up).
  std::uint64_t updates() const { return updates_.load(std::memory_order_relaxed); }
  std::uint64_t late_batches() const { return late_batches_.load(std::memory_order_relaxed); }
  /// Kernel thread id of the feeder thread (0 before start), for CPU accounting.
  int thread_id() const { return thread_id_.load(); }

 private:
  void move(track::FusedTrack& track, double seconds) const;
  void run();

  server::LivePicture& picture_;
  const Clock& clock_;
  FeederOptions options_;
  StraitBox box_;
  std::vector<track::FusedTrack> tracks_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> updates_{0};
  std::atomic<std::uint64_t> late_batches_{0};
  std::atomic<int> thread_id_{0};
};

}  // namespace sw::bench
