#include "track_feeder.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cmath>
#include <span>
#include <string>

namespace sw::bench {
namespace {

constexpr double kMetresPerDegree = 111'320.0;

}  // namespace

TrackFeeder::TrackFeeder(server::LivePicture& picture, const Clock& clock, FeederOptions options)
    : picture_(picture), clock_(clock), options_(options) {
  std::mt19937_64 rng(options_.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  tracks_.resize(options_.count);
  for (std::size_t index = 0; index < tracks_.size(); ++index) {
    track::FusedTrack& track = tracks_[index];
    track.id = kSyntheticIdBase + index;
    track.position = {box_.south + unit(rng) * (box_.north - box_.south),
                      box_.west + unit(rng) * (box_.east - box_.west)};
    const double speed = 1.0 + unit(rng) * 9.0;  // 2..20 kn
    const double course = unit(rng) * 2.0 * M_PI;
    track.velocity = {speed * std::sin(course), speed * std::cos(course)};
    track.covariance = {400.0, 0.0, 400.0};
    track.velocity_covariance = {1.0, 0.0, 1.0};
    track.label.owner = "UK/HMCG";
    track.label.releasable_to = {"UK", "FR"};
    track.label.purposes = kPurposeSearchAndRescue | kPurposeBorderMonitoring;
    if (index % 8 == 7) {  // one in eight is a dark radar contact
      track.track_class = track::TrackClass::kDark;
      track.sources = {"radar-dover"};
    } else {
      track.track_class = track::TrackClass::kCooperative;
      track.mmsi = 235'000'000U + static_cast<std::uint32_t>(index);
      track.callsign = "MSYN" + std::to_string(index);
      track.set_detail("shipname", "SYNTHETIC " + std::to_string(index));
      track.set_detail("shiptype", "70");
      track.sources = {"ais-shore"};
    }
  }
}

TrackFeeder::~TrackFeeder() { stop(); }

void TrackFeeder::move(track::FusedTrack& track, double seconds) const {
  const double cos_lat = std::cos(track.position.lat * M_PI / 180.0);
  track.position.lat += track.velocity.north * seconds / kMetresPerDegree;
  track.position.lon += track.velocity.east * seconds / (kMetresPerDegree * cos_lat);
  // Turn back at the edges of the box.
  if (track.position.lat < box_.south || track.position.lat > box_.north) {
    track.velocity.north = -track.velocity.north;
    track.position.lat = std::clamp(track.position.lat, box_.south, box_.north);
  }
  if (track.position.lon < box_.west || track.position.lon > box_.east) {
    track.velocity.east = -track.velocity.east;
    track.position.lon = std::clamp(track.position.lon, box_.west, box_.east);
  }
}

void TrackFeeder::prefill(std::size_t trail_updates) {
  constexpr double kSpacingS = 10.0;
  const TimeNs now = clock_.now();
  for (std::size_t step = 0; step < trail_updates; ++step) {
    const TimeNs time =
        now - static_cast<TimeNs>((trail_updates - 1 - step) * kSpacingS * kNsPerSecond);
    for (track::FusedTrack& track : tracks_) {
      if (step > 0) move(track, kSpacingS);
      track.time = time;
      ++track.updates;
    }
    picture_.apply_tracks(tracks_);
  }
}

void TrackFeeder::start() {
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void TrackFeeder::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void TrackFeeder::run() {
  thread_id_ = static_cast<int>(::syscall(SYS_gettid));
  const double batches_per_period =
      static_cast<double>(options_.period.count()) / static_cast<double>(options_.batch.count());
  const double per_batch = static_cast<double>(tracks_.size()) / batches_per_period;
  const double step_s = static_cast<double>(options_.period.count()) / 1000.0;
  auto next = std::chrono::steady_clock::now();
  double owed = 0.0;  // fractional tracks carried to the next batch
  std::size_t cursor = 0;
  while (!stopping_) {
    next += options_.batch;
    std::this_thread::sleep_until(next);
    if (std::chrono::steady_clock::now() - next > options_.batch) {
      late_batches_.fetch_add(1, std::memory_order_relaxed);
    }
    owed += per_batch;
    auto take = static_cast<std::size_t>(owed);
    owed -= static_cast<double>(take);
    while (take > 0) {
      const std::size_t run_length = std::min(take, tracks_.size() - cursor);
      const TimeNs now = clock_.now();
      for (std::size_t index = cursor; index < cursor + run_length; ++index) {
        move(tracks_[index], step_s);
        tracks_[index].time = now;
        ++tracks_[index].updates;
      }
      picture_.apply_tracks(std::span<const track::FusedTrack>(&tracks_[cursor], run_length));
      updates_.fetch_add(run_length, std::memory_order_relaxed);
      cursor = (cursor + run_length) % tracks_.size();
      take -= run_length;
    }
  }
}

}  // namespace sw::bench
