#include "risk/distress_assessor.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

namespace sw::risk {
namespace {

/// The attribute's value, or empty.
std::string attribute(const Observation& observation, const char* key) {
  const std::string* value = find_attribute(observation, key);
  return value != nullptr ? *value : std::string();
}

}  // namespace

void DistressAssessor::observe(const Observation& observation) {
  if (observation.kind != ObservationKind::kDistressReport || !observation.position) return;
  std::string id = attribute(observation, "report_id");
  if (id.empty()) id = observation.source_id + "@" + std::to_string(observation.time);
  const auto known = reports_.find(id);
  if (known != reports_.end() && known->second.time > observation.time) return;  // older
  reports_[id] = observation;
}

void DistressAssessor::assess(const AssessmentContext& context, std::vector<Finding>& out) {
  const TimeNs now = context.now();
  const RiskPicture& picture = context.picture();
  for (auto item = reports_.begin(); item != reports_.end();) {
    if (seconds_between(item->second.time, now) > settings_.report_lifetime_s) {
      item = reports_.erase(item);
      continue;
    }
    const auto& [id, report] = *item;
    ++item;
    if (report.time > now) continue;
    const LatLon reported = *report.position;
    const EastNorth point = picture.frame().forward(reported);
    const double sigma = mean_sigma(report.position_covariance);
    const double radius = settings_.match_radius_m + 3.0 * sigma;

    struct Candidate {
      const RiskTrack* track;
      double distance_m;
    };
    std::vector<Candidate> matches;
    std::vector<Candidate> assets;
    for (const auto& [track_id, candidate] : picture.tracks()) {
      const EastNorth at = candidate.plane_at(now);
      const double distance = std::hypot(at.east - point.east, at.north - point.north);
      if (candidate.role == VesselRole::kOwnAsset) {
        assets.push_back({&candidate, distance});
      } else if (candidate.role == VesselRole::kSmallCraft && distance <= radius) {
        matches.push_back({&candidate, distance});
      }
    }
    const auto by_distance = [](const Candidate& left, const Candidate& right) {
      return left.distance_m != right.distance_m ? left.distance_m < right.distance_m
                                                 : left.track->id < right.track->id;
    };
    std::sort(matches.begin(), matches.end(), by_distance);
    std::sort(assets.begin(), assets.end(), by_distance);
    if (matches.size() > static_cast<std::size_t>(settings_.max_matches)) {
      matches.resize(settings_.max_matches);
    }

    Finding finding;
    finding.kind = AlertKind::kDistress;
    finding.key_by_subjects = false;
    finding.key_suffix = id;
    finding.severity = Severity::kCritical;
    finding.immediate = true;
    finding.sticky = true;
    finding.wants_search_areas = true;
    finding.search_radius_m = sigma;
    finding.position = reported;
    finding.event_time = report.time;
    finding.label = report.label;
    finding.details = {{"report_id", id},
                       {"reported_at", std::to_string(report.time)},
                       {"uncertainty_m", fmt::format("{:.0f}", sigma)}};
    for (const char* key : {"source", "persons_on_board", "vessel_type", "vessel_colour",
                            "vessel_length_m", "vessel_description", "text"}) {
      const std::string value = attribute(report, key);
      if (!value.empty()) finding.details.emplace_back(key, value);
    }
    std::string matched;
    for (const Candidate& match : matches) {
      finding.subjects.push_back(match.track->id);
      finding.label = combine_labels(finding.label, match.track->label);
      if (!matched.empty()) matched += "; ";
      matched += fmt::format("{} at {:.0f} m", match.track->describe(), match.distance_m);
    }
    finding.details.emplace_back("matching_tracks", matched);
    std::string nearest_assets;
    for (std::size_t index = 0;
         index < assets.size() && index < static_cast<std::size_t>(settings_.max_assets); ++index) {
      const Candidate& asset = assets[index];
      const double speed = std::max(asset.track->speed_mps(), settings_.asset_nominal_speed_mps);
      if (!nearest_assets.empty()) nearest_assets += "; ";
      nearest_assets += fmt::format("{} at {:.0f} m, {:.0f} min", asset.track->describe(),
                                    asset.distance_m, asset.distance_m / speed / 60.0);
    }
    finding.details.emplace_back("nearest_assets", nearest_assets);
    out.push_back(std::move(finding));
  }
}

}  // namespace sw::risk
