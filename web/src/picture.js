// The live picture in the browser: tracks, alerts and search jobs as the stream last told,
// with the newest sensor time. Listeners hear 'tracks', 'alerts', 'searches' and 'time'.
import { time_ms } from './time_format.js';

/// Holds what the stream sent and tells listeners what changed.
export class Picture extends EventTarget {
  constructor() {
    super();
    this.tracks = new Map();
    this.alerts = new Map();
    this.searches = new Map();
    this.time_ms = NaN;
    this.trail_points = 20;
  }

  /// A snapshot: everything in view is replaced.
  apply_snapshot(message) {
    this.tracks.clear();
    if (Number.isInteger(message.trail_points)) this.trail_points = message.trail_points;
    for (const track of message.tracks || []) this.tracks.set(track.id, track);
    const changed_alerts = this.#merge_alerts(message.alerts || [], true);
    this.#merge_searches(message.search_areas || []);
    this.#set_time(message.time);
    this.#emit('tracks', { snapshot: true, changed: [...this.tracks.keys()], removed: [] });
    this.#emit('alerts', { snapshot: true, changed: changed_alerts });
  }

  /// An update: changed tracks, removed track ids, changed alerts and search jobs.
  apply_update(message) {
    const changed = [];
    for (const track of message.tracks || []) {
      // A track entering the view comes whole; one already held comes with only the
      // trail points added since ("trail_add").
      if (!Array.isArray(track.trail)) {
        const held = this.tracks.get(track.id)?.trail || [];
        track.trail = held.concat(track.trail_add || []).slice(-this.trail_points);
      }
      delete track.trail_add;
      this.tracks.set(track.id, track);
      changed.push(track.id);
    }
    const removed = [];
    for (const id of message.removed || []) {
      if (this.tracks.delete(id)) removed.push(id);
    }
    if (changed.length > 0 || removed.length > 0) {
      this.#emit('tracks', { snapshot: false, changed, removed });
    }
    // Alerts whose label no longer releases them to this principal are withdrawn.
    const withdrawn = (message.withdrawn_alerts || []).filter((id) => this.alerts.delete(id));
    if ((message.alerts || []).length > 0 || withdrawn.length > 0) {
      const changed = this.#merge_alerts(message.alerts || [], false);
      this.#emit('alerts', { snapshot: false, changed, withdrawn });
    }
    this.#merge_searches(message.search_areas || []);
    this.#set_time(message.time);
  }

  /// Alerts from a REST answer (an operator action, or the list with closed ones).
  put_alerts(alerts) {
    const valid = alerts.filter((alert) => alert && alert.id !== undefined);
    if (valid.length === 0) return;
    this.#emit('alerts', { snapshot: false, changed: this.#merge_alerts(valid, false) });
  }

  #merge_alerts(alerts, snapshot) {
    const changed = [];
    const before = new Map(this.alerts);
    if (snapshot) this.alerts.clear();
    for (const alert of alerts) {
      const previous = before.get(alert.id);
      if (!snapshot && previous && (previous.revision ?? 0) > (alert.revision ?? 0)) continue;
      changed.push({ alert, previous });
      this.alerts.set(alert.id, alert);
    }
    return changed;
  }

  #merge_searches(jobs) {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      if (job && job.id !== undefined) this.searches.set(job.id, { ...this.searches.get(job.id), ...job });
    }
    this.#emit('searches', { jobs });
  }

  #set_time(time) {
    const ms = time_ms(time);
    if (Number.isFinite(ms) && !(ms <= this.time_ms)) {
      this.time_ms = ms;
      this.#emit('time', { ms });
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
