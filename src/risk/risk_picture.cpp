#include "risk/risk_picture.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace sw::risk {
namespace {

std::optional<double> number_detail(const track::FusedTrack& fused, const char* key) {
  const std::string text = fused.detail(key);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// AIS ship types of units that respond rather than endanger: SAR (51), law enforcement
/// (55), military (35), pilot (50), tug (52).
bool is_service_type(int ship_type) {
  return ship_type == 35 || ship_type == 50 || ship_type == 51 || ship_type == 52 ||
         ship_type == 55;
}

}  // namespace

const char* to_string(VesselRole role) {
  switch (role) {
    case VesselRole::kSmallCraft: return "small_craft";
    case VesselRole::kShip: return "ship";
    case VesselRole::kOwnAsset: return "own_asset";
    case VesselRole::kOther: return "other";
  }
  return "other";
}

double RiskTrack::speed_mps() const { return std::hypot(velocity.east, velocity.north); }

EastNorth RiskTrack::plane_at(TimeNs at) const {
  const double seconds = static_cast<double>(at - time) / static_cast<double>(kNsPerSecond);
  return {plane.east + velocity.east * seconds, plane.north + velocity.north * seconds};
}

std::string RiskTrack::describe() const {
  if (track_class == track::TrackClass::kDark) return "dark contact " + std::to_string(id);
  std::string text = name.empty() ? "track " + std::to_string(id) : name;
  if (mmsi) text += " (MMSI " + std::to_string(*mmsi) + ")";
  if (!asset_id.empty()) text += " (" + asset_id + ")";
  return text;
}

VesselRole role_of(const track::FusedTrack& fused, const RoleSettings& settings) {
  if (fused.track_class == track::TrackClass::kOwnAsset) return VesselRole::kOwnAsset;
  if (fused.track_class == track::TrackClass::kDark) {
    // Fast and known to be fast: a ship with its AIS off. A boat seen now and then has a
    // poor velocity estimate that may be fast by chance: it stays a small craft.
    const double speed = std::hypot(fused.velocity.east, fused.velocity.north);
    const double sigma = mean_sigma(fused.velocity_covariance);
    return speed > settings.dark_ship_min_speed_mps && sigma < settings.dark_ship_max_sigma_mps
               ? VesselRole::kShip
               : VesselRole::kSmallCraft;
  }
  const std::optional<double> ship_type = number_detail(fused, "shiptype");
  if (ship_type && is_service_type(static_cast<int>(*ship_type))) return VesselRole::kOwnAsset;
  // Fishing vessels work slowly and turn often: neither the small craft at risk nor the
  // ships that run them down.
  if (ship_type && *ship_type == 30) return VesselRole::kOther;
  if (const std::optional<double> length = number_detail(fused, "length_m")) {
    return *length < settings.small_craft_max_length_m ? VesselRole::kSmallCraft
                                                       : VesselRole::kShip;
  }
  if (ship_type && (*ship_type == 36 || *ship_type == 37)) return VesselRole::kSmallCraft;
  // Unknown size: a Class B transponder is a small vessel, a Class A one a ship.
  return fused.detail("class") == "B" ? VesselRole::kSmallCraft : VesselRole::kShip;
}

RiskPicture::RiskPicture(LatLon origin, RoleSettings settings)
    : frame_(LocalFrame::for_area(origin, kPictureHalfLatDeg, kPictureHalfLonDeg)),
      settings_(settings) {}

void RiskPicture::apply(std::span<const track::FusedTrack> updates) {
  for (const track::FusedTrack& fused : updates) {
    if (fused.status == track::PictureStatus::kLost ||
        fused.status == track::PictureStatus::kMerged) {
      tracks_.erase(fused.id);
      history_.erase(fused.id);
      continue;
    }
    RiskTrack& item = tracks_[fused.id];
    item.id = fused.id;
    item.role = role_of(fused, settings_);
    item.base_role = item.role;
    item.echo_of = 0;
    item.track_class = fused.track_class;
    item.coasting = fused.status == track::PictureStatus::kCoasting;
    item.time = fused.time;
    item.position = fused.position;
    item.plane = frame_.forward(fused.position);
    item.velocity = fused.velocity;
    item.covariance = fused.covariance;
    item.velocity_covariance = fused.velocity_covariance;
    item.length_m = 0;
    if (const std::optional<double> length = number_detail(fused, "length_m")) {
      item.length_m = *length;
    }
    item.name = fused.detail("shipname");
    if (item.name.empty()) item.name = fused.callsign;
    item.mmsi = fused.mmsi;
    item.asset_id = fused.asset_id;
    item.label = fused.label;
    if (fused.status == track::PictureStatus::kConfirmed) {
      std::vector<Fix>& fixes = history_[fused.id];
      if (fixes.empty() || fused.time > fixes.back().time)
        fixes.push_back({fused.time, item.plane});
      const TimeNs oldest = fused.time - static_cast<TimeNs>(kHistoryS * 1e9);
      std::size_t keep = 0;
      while (keep < fixes.size() && fixes[keep].time < oldest) ++keep;
      if (keep > 0) fixes.erase(fixes.begin(), fixes.begin() + static_cast<std::ptrdiff_t>(keep));
    }
  }
}

std::optional<FittedVelocity> RiskPicture::fitted_velocity(std::uint64_t id, TimeNs now,
                                                           double window_s) const {
  const auto found = history_.find(id);
  if (found == history_.end()) return std::nullopt;
  const TimeNs from = now - static_cast<TimeNs>(window_s * 1e9);
  std::vector<const Fix*> fixes;
  for (const Fix& fix : found->second) {
    if (fix.time >= from && fix.time <= now) fixes.push_back(&fix);
  }
  if (fixes.size() < 3) return std::nullopt;
  // Least squares of east and north on time, about the mean time.
  const double count = static_cast<double>(fixes.size());
  double mean_t = 0, mean_e = 0, mean_n = 0;
  for (const Fix* fix : fixes) {
    mean_t += static_cast<double>(fix->time - from) / 1e9;
    mean_e += fix->plane.east;
    mean_n += fix->plane.north;
  }
  mean_t /= count;
  mean_e /= count;
  mean_n /= count;
  double stt = 0, ste = 0, stn = 0;
  for (const Fix* fix : fixes) {
    const double dt = static_cast<double>(fix->time - from) / 1e9 - mean_t;
    stt += dt * dt;
    ste += dt * (fix->plane.east - mean_e);
    stn += dt * (fix->plane.north - mean_n);
  }
  if (!(stt > 0.0)) return std::nullopt;
  FittedVelocity fitted;
  fitted.velocity = {ste / stt, stn / stt};
  double residual = 0;
  for (const Fix* fix : fixes) {
    const double dt = static_cast<double>(fix->time - from) / 1e9 - mean_t;
    const double east = fix->plane.east - (mean_e + fitted.velocity.east * dt);
    const double north = fix->plane.north - (mean_n + fitted.velocity.north * dt);
    residual += east * east + north * north;
  }
  // Per-component residual variance with n - 2 degrees of freedom.
  const double variance = residual / 2.0 / std::max(1.0, count - 2.0);
  fitted.sigma_mps = std::sqrt(variance / stt);
  fitted.span_s = static_cast<double>(fixes.back()->time - fixes.front()->time) / 1e9;
  fitted.points = static_cast<int>(fixes.size());
  return fitted;
}

std::int64_t RiskPicture::cell_key(std::int64_t column, std::int64_t row) {
  return column * 1'000'003LL + row;
}

void RiskPicture::index(TimeNs now) {
  grid_.clear();
  indexed_.clear();
  for (auto& [id, item] : tracks_) {
    const EastNorth at = item.plane_at(now);
    indexed_[id] = at;
    const auto column = static_cast<std::int64_t>(std::floor(at.east / kCellM));
    const auto row = static_cast<std::int64_t>(std::floor(at.north / kCellM));
    grid_[cell_key(column, row)].push_back(&item);
  }
  for (auto& [id, item] : tracks_) {
    if (item.track_class != track::TrackClass::kDark) continue;
    if (item.echo_of != 0) {  // the role it had before it was taken for an echo
      item.echo_of = 0;
      item.role = item.base_role;
    }
    const EastNorth at = indexed_.at(id);
    const double sigma = mean_sigma(item.velocity_covariance);
    for (const RiskTrack* other : near(at, settings_.echo_radius_m)) {
      if (other->track_class == track::TrackClass::kDark) continue;
      // On the vessel and moving with it (or moving in no way known): its echo. A boat
      // measured to move otherwise is a boat, however close (the emergency itself).
      const double difference = std::hypot(item.velocity.east - other->velocity.east,
                                           item.velocity.north - other->velocity.north);
      if (sigma <= settings_.dark_ship_max_sigma_mps &&
          difference >= settings_.echo_max_speed_difference_mps) {
        continue;
      }
      item.echo_of = other->id;
      item.role = VesselRole::kOther;
      break;
    }
  }
}

std::vector<const RiskTrack*> RiskPicture::near(EastNorth point, double radius_m) const {
  std::vector<const RiskTrack*> found;
  const auto first_column = static_cast<std::int64_t>(std::floor((point.east - radius_m) / kCellM));
  const auto last_column = static_cast<std::int64_t>(std::floor((point.east + radius_m) / kCellM));
  const auto first_row = static_cast<std::int64_t>(std::floor((point.north - radius_m) / kCellM));
  const auto last_row = static_cast<std::int64_t>(std::floor((point.north + radius_m) / kCellM));
  for (std::int64_t column = first_column; column <= last_column; ++column) {
    for (std::int64_t row = first_row; row <= last_row; ++row) {
      const auto cell = grid_.find(cell_key(column, row));
      if (cell == grid_.end()) continue;
      for (const RiskTrack* item : cell->second) {
        const EastNorth at = indexed_.at(item->id);
        if (std::hypot(at.east - point.east, at.north - point.north) <= radius_m) {
          found.push_back(item);
        }
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const RiskTrack* left, const RiskTrack* right) { return left->id < right->id; });
  return found;
}

const RiskTrack* RiskPicture::find(std::uint64_t id) const {
  const auto found = tracks_.find(id);
  return found == tracks_.end() ? nullptr : &found->second;
}

}  // namespace sw::risk
