#include "region/joined_picture.h"

#include "region/region_wire.h"
#include "server/federated_items.h"

namespace sw::region {

bool JoinedPicture::apply(const std::string& region, const track::FusedTrack& track,
                          const std::string& message_id) {
  if (const auto said = parse_output_message_id(message_id)) {
    const auto [last, first] = last_said_.try_emplace(region, *said);
    if (!first && *said <= last->second) {
      ++stats_.repeats;
      return false;
    }
    last->second = *said;
  }
  const std::uint64_t version = server::track_version(track);
  auto [entry, inserted] = tracks_.try_emplace(track.id);
  if (!inserted && version <= entry->second.version) {
    ++stats_.stale;
    return false;
  }
  if (!inserted && entry->second.region != region) ++stats_.regions_changed;
  entry->second = Entry{track, version, region};
  ++stats_.applied;
  return true;
}

std::vector<track::FusedTrack> JoinedPicture::current() const {
  std::vector<track::FusedTrack> tracks;
  for (const auto& [id, entry] : tracks_) {
    if (entry.track.status == track::PictureStatus::kLost ||
        entry.track.status == track::PictureStatus::kMerged) {
      continue;
    }
    tracks.push_back(entry.track);
  }
  return tracks;
}

std::optional<std::string> JoinedPicture::region_of(std::uint64_t id) const {
  const auto found = tracks_.find(id);
  if (found == tracks_.end()) return std::nullopt;
  return found->second.region;
}

}  // namespace sw::region
