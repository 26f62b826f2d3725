#include "server/stream_filter.h"

#include <algorithm>

#include "risk/alert.h"

namespace sw::server {
namespace {

const std::string& text_of(const std::string* item) { return *item; }
const std::string& text_of(const std::string& item) { return item; }

/// ,"key":[item,item,...] with each item's JSON text (serialised texts, or ids).
template <typename Item>
void append_list(std::string& out, const char* key, const std::vector<Item>& items) {
  out += ",\"";
  out += key;
  out += "\":[";
  for (std::size_t index = 0; index < items.size(); ++index) {
    if (index > 0) out += ',';
    out += text_of(items[index]);
  }
  out += ']';
}

const Label* event_label(const LiveEvent& event) {
  switch (event.kind) {
    case LiveEvent::Kind::kTrack: return &event.track->track.label;
    case LiveEvent::Kind::kTrackRemoved: return nullptr;
    case LiveEvent::Kind::kAlert: return &event.alert->label;
    case LiveEvent::Kind::kSearchArea: return &event.search->label;
  }
  return nullptr;
}

/// Index of `label` in `labels`, added when new (a tick carries a handful of labels).
std::size_t label_index(std::vector<Label>& labels, const Label& label) {
  const auto found = std::find(labels.begin(), labels.end(), label);
  if (found != labels.end()) return static_cast<std::size_t>(found - labels.begin());
  labels.push_back(label);
  return labels.size() - 1;
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
    const std::size_t added = event.kind == LiveEvent::Kind::kTrack ? event.track->trail_added : 0;
    const auto [found, inserted] = latest[kind].try_emplace(event.id, tick.items.size());
    if (inserted) {
      tick.items.push_back({std::move(event), {}, 0, added});
    } else {
      TickEvents::Item& item = tick.items[found->second];
      item.event = std::move(event);
      item.trail_added += added;
    }
  }
  for (TickEvents::Item& item : tick.items) {
    if (const Label* label = event_label(item.event)) item.label = label_index(tick.labels, *label);
    switch (item.event.kind) {
      case LiveEvent::Kind::kTrack:
        item.json = track_change_text(*item.event.track, item.trail_added);
        break;
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

const std::string& TrackTexts::whole(const std::shared_ptr<const LiveTrack>& track) {
  Entry& entry = texts_[track->track.id];
  if (entry.version != track) {
    entry.text = to_text(track_json(*track));
    entry.version = track;
  }
  return entry.text;
}

bool StreamFilter::may_see(const Label& label) const {
  return share::may_release(label, principal_.recipient);
}

std::string StreamFilter::snapshot(const LivePicture& picture) {
  held_.clear();
  held_alerts_.clear();
  std::string out = "{\"type\":\"snapshot\",\"time\":" + to_text(risk::time_json(picture.time()));
  out += ",\"trail_points\":" + std::to_string(picture.trail_points());
  out += ",\"tracks\":[";
  std::vector<std::pair<Label, bool>> decided;  // the picture carries a handful of labels
  const auto visible = [&](const Label& label) {
    for (const auto& [known, allowed] : decided) {
      if (known == label) return allowed;
    }
    decided.emplace_back(label, may_see(label));
    return decided.back().second;
  };
  bool first = true;
  for (const auto& live : picture.tracks()) {
    if (!viewport_.contains(live->track.position) || !visible(live->track.label)) continue;
    if (!first) out += ',';
    first = false;
    out += texts_.whole(live);
    held_.insert(live->track.id);
  }
  out += "],\"alerts\":[";
  first = true;
  for (const auto& alert : picture.alerts()) {
    if (alert->state == risk::AlertState::kClosed || !may_see(alert->label)) continue;
    if (!first) out += ',';
    first = false;
    held_alerts_.insert(alert->id);
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

std::string StreamFilter::update(const TickEvents& tick, TimeNs published_ns) {
  visible_.assign(tick.labels.size(), 0);
  for (std::size_t index = 0; index < tick.labels.size(); ++index) {
    visible_[index] = may_see(tick.labels[index]) ? 1 : 0;
  }
  std::vector<const std::string*> tracks;
  std::vector<std::string> removed_ids;
  std::vector<const std::string*> alerts;
  std::vector<std::string> withdrawn_alerts;
  std::vector<const std::string*> searches;
  for (const TickEvents::Item& item : tick.items) {
    const LiveEvent& event = item.event;
    switch (event.kind) {
      case LiveEvent::Kind::kTrack: {
        if (viewport_.contains(event.track->track.position) && visible_[item.label] != 0) {
          // A track the client holds gets the change; one entering its view comes whole.
          tracks.push_back(held_.insert(event.id).second ? &texts_.whole(event.track) : &item.json);
        } else if (held_.erase(event.id) > 0) {
          removed_ids.push_back(std::to_string(event.id));  // left the view, or the label changed
        }
        break;
      }
      case LiveEvent::Kind::kTrackRemoved:
        if (held_.erase(event.id) > 0) removed_ids.push_back(std::to_string(event.id));
        break;
      case LiveEvent::Kind::kAlert:
        if (visible_[item.label] != 0) {
          alerts.push_back(&item.json);
          held_alerts_.insert(event.id);
        } else if (held_alerts_.erase(event.id) > 0) {
          withdrawn_alerts.push_back(std::to_string(event.id));  // its label changed
        }
        break;
      case LiveEvent::Kind::kSearchArea:
        if (visible_[item.label] != 0) searches.push_back(&item.json);
        break;
    }
  }
  if (tracks.empty() && removed_ids.empty() && alerts.empty() && withdrawn_alerts.empty() &&
      searches.empty()) {
    return {};
  }
  std::string out = "{\"type\":\"update\",\"time\":" + to_text(risk::time_json(tick.time));
  append_list(out, "tracks", tracks);
  append_list(out, "removed", removed_ids);
  append_list(out, "alerts", alerts);
  if (!withdrawn_alerts.empty()) append_list(out, "withdrawn_alerts", withdrawn_alerts);
  append_list(out, "search_areas", searches);
  if (published_ns != 0) out += ",\"published_ns\":" + std::to_string(published_ns);
  out += '}';
  return out;
}

}  // namespace sw::server
