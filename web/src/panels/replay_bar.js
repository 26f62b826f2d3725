// Replay: a time slider over the stored history. Dragging it shows the tracks as stored at
// that time (GET /api/history?at=...&bbox=...) instead of the live picture; "Live" returns.
// The slider spans the chosen window ending at the sensor time when the drag began.
import { api_get } from '../api.js';
import { by_id } from '../dom.js';
import { date_time_text, iso_of_ms } from '../time_format.js';

const kDebounceMs = 150;

/// Tracks of a GET /api/history answer: an array, {tracks}, or a GeoJSON FeatureCollection.
export function history_tracks(answer) {
  if (Array.isArray(answer)) return answer;
  if (Array.isArray(answer?.tracks)) return answer.tracks;
  if (Array.isArray(answer?.features)) {
    return answer.features.map((feature) => ({
      ...feature.properties,
      lon: feature.geometry?.coordinates?.[0],
      lat: feature.geometry?.coordinates?.[1],
    }));
  }
  return [];
}

/// The replay controls and state.
export class ReplayBar {
  /// `actions`: {live_time_ms() -> number, bbox() -> [W,S,E,N], show(tracks), leave()}.
  constructor(actions) {
    this.actions = actions;
    this.bar = by_id('replay');
    this.slider = by_id('replay-slider');
    this.span = by_id('replay-span');
    this.label = by_id('replay-time');
    this.live_button = by_id('replay-live');
    this.active = false;
    this.anchor_ms = NaN;
    this.at_ms = NaN;
    this.timer = null;
    this.request = 0;
    this.slider.addEventListener('input', () => this.#on_drag());
    this.span.addEventListener('change', () => this.#set_span());
    this.live_button.addEventListener('click', () => this.leave());
    this.#set_span();
  }

  /// Updates the label while live.
  tick() {
    if (!this.active) this.label.textContent = `LIVE ${date_time_text(this.actions.live_time_ms() * 1e6)}`;
  }

  /// Returns to the live picture.
  leave() {
    if (!this.active) return;
    this.active = false;
    this.request += 1;
    clearTimeout(this.timer);
    this.slider.value = this.slider.max;
    this.bar.classList.remove('replaying');
    this.bar.dataset.mode = 'live';
    this.live_button.disabled = true;
    this.actions.leave();
    this.tick();
  }

  /// Fetches again for the current view (the map moved while replaying).
  refresh() {
    if (this.active) this.#schedule();
  }

  #set_span() {
    const seconds = Number(this.span.value) || 3600;
    this.slider.min = String(-seconds);
    this.slider.max = '0';
    this.slider.step = String(Math.max(5, Math.round(seconds / 720)));
    if (!this.active) this.slider.value = '0';
    else this.#on_drag();
  }

  #on_drag() {
    const live = this.actions.live_time_ms();
    if (!Number.isFinite(live)) return;
    if (!this.active) {
      this.active = true;
      this.anchor_ms = live;
      this.bar.classList.add('replaying');
      this.bar.dataset.mode = 'replay';
      this.live_button.disabled = false;
    }
    this.at_ms = this.anchor_ms + Number(this.slider.value) * 1000;
    this.label.textContent = `REPLAY ${date_time_text(this.at_ms * 1e6)}`;
    this.#schedule();
  }

  #schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.#fetch(), kDebounceMs);
  }

  async #fetch() {
    const request = ++this.request;
    const bbox = this.actions.bbox();
    this.bar.dataset.loading = 'true';
    try {
      const answer = await api_get('api/history', { at: iso_of_ms(this.at_ms), bbox: bbox ? bbox.join(',') : undefined });
      if (request !== this.request || !this.active) return;
      const tracks = history_tracks(answer);
      this.bar.dataset.count = String(tracks.length);
      this.actions.show(tracks);
    } catch (error) {
      if (request === this.request) this.label.textContent = `REPLAY ${date_time_text(this.at_ms * 1e6)} — ${error.message}`;
    } finally {
      if (request === this.request) this.bar.dataset.loading = 'false';
    }
  }
}
