#pragma once
/// ArpaDecoder: the stream decoder for one ARPA radar feed. Lines in (with their receive
/// time), kRadarTrack Observations out; every line that yields nothing is counted by reason.
///
/// Contracts:
/// - TTM targets are placed by geodesic range and true bearing from the radar: the
///   stream's own GGA/RMC/GLL fix when fresh (a ship's radar), else the configured site
///   (a shore radar), else the line is refused as "no_own_position".
/// - A relative bearing ('R') is made true with the stream's HDT/THS/HDG heading when
///   fresh, else the configured site orientation, else refused as
///   "relative_bearing_without_heading".
/// - A true course with a speed becomes the velocity. A relative course ('R': relative
///   motion) is ambiguous without own-ship motion: the velocity is left out (counted in
///   relative_course_dropped), the position is kept.
/// - Covariance: range sigma max(range_sigma_fraction * range, range_sigma_min_m),
///   bearing sigma bearing_sigma_deg (with heading_sigma_deg added in quadrature for a
///   relative bearing), propagated to east/north, plus the radar position's own variance.
///   TLL positions carry the same covariance computed from the radar's range and bearing
///   to them when the radar position is known, else tll_sigma_m in both axes.
/// - Time: the sentence's hhmmss.ss made full UTC about the reference time (the receive
///   time, or if it is 0 the last RMC/ZDA date-time of the stream) with midnight rollover;
///   a sentence without a time takes the reference time. With neither, the time of day is
///   placed on 1970-01-01 and counted in `undated`.
/// - Lost targets (status 'L') keep their last range and bearing: they come out with the
///   attribute status=lost, no velocity, and LineReason kLostTarget, so that a tracker can
///   end the radar's track instead of taking the position as a fresh detection. With
///   emit_lost = false they are only counted.
/// - Attributes: arpa_target (number), sentence (TTM/TLL), talker, status
///   (tracking/query/lost, when sent), arpa_name, acquisition, reference_target,
///   cpa_m, tcpa_min, course_reference=relative (when the velocity was dropped).
/// - Stale own-ship data (older than max_own_ship_age_ns by receive time) is not used;
///   a "no fix" sentence clears the stream position at once.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"
#include "ingest/nmea/arpa.h"
#include "ingest/nmea/arpa_fields.h"

namespace sw::nmea {

/// Every way a line can end. Skips and own-ship updates are not rejections.
enum class ArpaLineReason : std::uint8_t {
  kTarget,          ///< a TTM/TLL target: observation produced
  kLostTarget,      ///< a target with status lost (observation when emit_lost)
  kOwnShip,         ///< own-ship position, heading or time taken
  kOwnShipInvalid,  ///< own-ship sentence saying "no fix" / "no true heading"
  kBlank,           ///< empty or '#' comment line
  kOther,           ///< another sentence (AIS, depth, wind, ...): skipped
  kLineTooLong,
  kMalformed,
  kNoChecksum,
  kBadChecksum,
  kMissingField,
  kBadNumber,
  kBadFlag,
  kOutOfRange,
  kBadTime,
  kNoOwnPosition,
  kNoHeading,  ///< relative bearing without own heading
  kCount
};

const char* to_string(ArpaLineReason reason);
/// True for reasons that are rejections of bad or unusable input.
bool is_rejection(ArpaLineReason reason);

/// Configuration of one ARPA feed.
struct ArpaDecoderOptions {
  std::string source_id = "arpa";
  Label label;
  std::optional<LatLon> site;              ///< fixed radar position (shore radar)
  std::optional<double> site_heading_deg;  ///< fixed radar's reference for relative bearings
  double site_sigma_m = 5.0;               ///< 1 sigma of the configured site, metres
  double own_position_sigma_m = 10.0;      ///< 1 sigma of a stream (GNSS) fix, metres
  double range_sigma_fraction = 0.01;
  double range_sigma_min_m = 20.0;
  double bearing_sigma_deg = 1.0;
  double heading_sigma_deg = 1.0;
  double tll_sigma_m = 50.0;  ///< TLL position 1 sigma when the radar position is unknown
  TimeNs max_own_ship_age_ns = 10 * kNsPerSecond;
  bool emit_lost = true;
};

/// Counters of one ArpaDecoder.
struct ArpaDecoderStats {
  std::uint64_t lines = 0;
  std::uint64_t observations = 0;
  std::uint64_t relative_course_dropped = 0;  ///< velocities left out (relative course)
  std::uint64_t undated = 0;                  ///< observations without a date reference
  std::uint64_t from_site = 0;                ///< TTM placed from the configured site
  std::array<std::uint64_t, static_cast<std::size_t>(ArpaLineReason::kCount)> by_reason{};

  std::uint64_t count(ArpaLineReason reason) const {
    return by_reason[static_cast<std::size_t>(reason)];
  }
  std::uint64_t rejected() const;
};

/// Outcome of one line.
struct ArpaLineResult {
  ArpaLineReason reason = ArpaLineReason::kBlank;
  std::optional<ArpaTarget> target;        ///< the sentence's fields, for TTM/TLL lines
  std::optional<Observation> observation;  ///< the target as an observation
  std::string detail;                      ///< which field a rejection is about
};

/// Stream decoder of TTM/TLL with own-ship context; one per feed, not thread-safe.
class ArpaDecoder {
 public:
  ArpaDecoder() : ArpaDecoder(ArpaDecoderOptions{}) {}
  explicit ArpaDecoder(ArpaDecoderOptions options);

  /// Feed one line (terminator optional). `receive_time` 0 means unknown.
  ArpaLineResult feed_line(std::string_view line, TimeNs receive_time = 0);

  const ArpaDecoderStats& stats() const { return stats_; }
  const ArpaDecoderOptions& options() const { return options_; }

 private:
  struct Stamped {
    bool valid = false;
    TimeNs received = 0;
  };

  ArpaLineResult finish(ArpaLineResult result);
  ArpaLineResult take_own_ship(const NmeaFields& fields, TimeNs receive_time);
  ArpaLineResult take_target(ArpaTarget target, TimeNs receive_time);
  bool fresh(const Stamped& stamp, TimeNs receive_time) const;

  ArpaDecoderOptions options_;
  ArpaDecoderStats stats_;
  LatLon own_position_;
  Stamped own_position_stamp_;
  double own_heading_deg_ = 0.0;
  Stamped own_heading_stamp_;
  TimeNs stream_time_ = 0;  ///< last RMC/ZDA date-time
};

}  // namespace sw::nmea
