#include "server/stream_filter.h"

#include <unordered_map>

#include "risk/alert.h"

namespace sw::server {
namespace {

void append_list(std::string& out, const char* key, const std::vector<const std::string*>& items) {
  out += ",\"";
  out += key;
  out += "\":[";
  for (std::size_t index = 0; index < items.size(); ++index) {
    if (index > 0) out += ',';
    out += *items[index];
  }
  out += ']';
}

}  // namespace

TickEvents prepare_tick(std::vector<LiveEvent> events, TimeNs picture_time) {
  TickEvents tick;
  tick.time = picture_time;
  std::unordered_map<std::uint64_t, std::size_t> latest[4];
  for (LiveEvent& event : events) {
    if (tick.oldest_published == 0 || event.published_at < tick.oldest_published) {
      tick.oldest_published = event.published_at;
    }
    // A track's update and removal are one item: the last word counts.
    const std::size_t kind = event.kind == LiveEvent::Kind::kTrackRemoved
                                 ? static_cast<std::size_t>(LiveEvent::Kind::kTrack)
                                 : static_cast<std::size_t>(event.kind);
    const auto [found, inserted] = latest[kind].try_emplace(event.id, tick.items.size());
    if (inserted) {
      tick.items.push_back({std::move(event), {}});
    } else {
      tick.items[found->second].event = std::move(event);
    }
  }
  for (TickEvents::Item& item : tick.items) {
    switch (item.event.kind) {
      case LiveEvent::Kind::kTrack: item.json = to_text(track_json(*item.event.track)); break;
      case LiveEvent::Kind::kTrackRemoved: break;
      case LiveEvent::Kind::kAlert:
        item.json = to_text(risk::alert_to_json(*item.event.alert));
        break;
      case LiveEvent::Kind::kSearchArea:
        item.json = to_text(search_job_json(*item.event.search));
        break;
    }
  }
  return tick;
}

bool StreamFilter::may_see(const Label& label) const {
  return share::may_release(label, principal_.recipient);
}

std::string StreamFilter::snapshot(const LivePicture& picture) {
  held_.clear();
  std::string out = "{\"type\":\"snapshot\",\"time\":" + to_text(risk::time_json(picture.time()));
  out += ",\"tracks\":[";
  bool first = true;
  for (const auto& live : picture.tracks()) {
    if (!viewport_.contains(live->track.position) || !may_see(live->track.label)) continue;
    if (!first) out += ',';
    first = false;
    out += to_text(track_json(*live));
    held_.insert(live->track.id);
  }
  out += "],\"alerts\":[";
  first = true;
  for (const auto& alert : picture.alerts()) {
    if (alert->state == risk::AlertState::kClosed || !may_see(alert->label)) continue;
    if (!first) out += ',';
    first = false;
    out += to_text(risk::alert_to_json(*alert));
  }
  out += "],\"search_areas\":[";
  first = true;
  for (const auto& job : picture.searches()) {
    if (!may_see(job->label)) continue;
    if (!first) out += ',';
    first = false;
    out += to_text(search_job_json(*job));
  }
  out += "]}";
  return out;
}

std::string StreamFilter::update(const TickEvents& tick) {
  std::vector<const std::string*> tracks;
  std::vector<std::string> removed_ids;
  std::vector<const std::string*> alerts;
  std::vector<const std::string*> searches;
  for (const TickEvents::Item& item : tick.items) {
    const LiveEvent& event = item.event;
    switch (event.kind) {
      case LiveEvent::Kind::kTrack: {
        const track::FusedTrack& track = event.track->track;
        if (viewport_.contains(track.position) && may_see(track.label)) {
          tracks.push_back(&item.json);
          held_.insert(event.id);
        } else if (held_.erase(event.id) > 0) {
          removed_ids.push_back(std::to_string(event.id));  // left the view, or the label changed
        }
        break;
      }
      case LiveEvent::Kind::kTrackRemoved:
        if (held_.erase(event.id) > 0) removed_ids.push_back(std::to_string(event.id));
        break;
      case LiveEvent::Kind::kAlert:
        if (may_see(event.alert->label)) alerts.push_back(&item.json);
        break;
      case LiveEvent::Kind::kSearchArea:
        if (may_see(event.search->label)) searches.push_back(&item.json);
        break;
    }
  }
  if (tracks.empty() && removed_ids.empty() && alerts.empty() && searches.empty()) return {};
  std::string out = "{\"type\":\"update\",\"time\":" + to_text(risk::time_json(tick.time));
  append_list(out, "tracks", tracks);
  out += ",\"removed\":[";
  for (std::size_t index = 0; index < removed_ids.size(); ++index) {
    if (index > 0) out += ',';
    out += removed_ids[index];
  }
  out += ']';
  append_list(out, "alerts", alerts);
  append_list(out, "search_areas", searches);
  out += '}';
  return out;
}

}  // namespace sw::server
