#pragma once
/// Conversion of CAT010 records into Observations, the input of fusion: a record with a
/// track number becomes a kRadarTrack, one without a kRadarPlot.

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/geo.h"
#include "core/label.h"
#include "core/observation.h"
#include "core/result.h"
#include "ingest/asterix/cat010.h"

namespace sw::asterix {

/// A radar site: where it stands and how good it is when its records do not say.
struct RadarSite {
  std::string source_id;           ///< configured id of the feed, e.g. "uk-dover-vts-1"
  DataSourceId data_source;        ///< SAC/SIC it sends in I010/010
  LatLon position;                 ///< antenna position (origin of I010/040 and I010/042)
  std::string label_text;          ///< free human label, e.g. "Dover VTS radar"; an attribute
  double range_sigma_m = 15.0;     ///< one sigma of range, metres
  double azimuth_sigma_deg = 0.2;  ///< one sigma of azimuth, degrees
  Label label;                     ///< release label of its observations
  /// Frame about `position` fitted over the coverage (LocalFrame::for_area), for a site
  /// that converts many plots; without it each plot is converted exactly.
  std::optional<LocalFrame> frame;
};

/// The area a site's fitted frame covers: beyond any marine radar's range at these
/// latitudes (a position outside it is still converted, exactly).
constexpr double kCoverageHalfLatDeg = 1.5;
constexpr double kCoverageHalfLonDeg = 2.5;

/// UTC time of a time of day (seconds since midnight, from I010/140 or I034/030): the
/// instant at that time of day nearest to `reference` (the receive time), so a report
/// stamped just before midnight and received just after lands on the previous day, and
/// the other way round.
TimeNs time_from_time_of_day(double time_of_day_s, TimeNs reference);

/// The east-north covariance (m^2) of a radar measurement at
/// (range, azimuth from north) with the given range and azimuth sigmas.
Covariance2 polar_covariance(double range_m, double azimuth_deg, double range_sigma_m,
                             double azimuth_sigma_deg);

/// Convert one CAT010 target report. Position: I010/041 (WGS-84) when present, else
/// I010/042 (Cartesian) or I010/040 (polar) about the site, through sw::LocalFrame.
/// Covariance: I010/500 when present, else the site's range/azimuth sigmas at the target's
/// range and bearing. Velocity: I010/202, else I010/200. Time: I010/140 nearest to
/// `receive_time`, else `receive_time`. Identity: I010/245 as callsign. Attributes:
/// "track_number", "sac_sic" ("SAC/SIC"), "site", "target_address" (6 hex digits),
/// "mode3a" (4 octal digits), "target_length_m", "target_width_m", "orientation_deg",
/// "track_status" flags ("initiating", "last_report", "coasting", "ghost"), "simulated" and
/// "test_target" ("true", from I010/020 SIM and TST). Heading: I010/270 orientation.
/// Errors (code): "not_target_report" (I010/000 present and not 1), "other_source"
/// (I010/010 present and not the site's SAC/SIC), "no_position", "bad_position" (latitude
/// beyond 90 deg — I010/041 can carry up to 180 — or a value that is not finite).
Result<Observation> to_observation(const Cat010Record& record, const RadarSite& site,
                                   TimeNs receive_time);

}  // namespace sw::asterix
