// The details of the clicked track: identity (name, MMSI, callsign, asset id), class,
// sources, speed, course, sigma, label, and its stored history from GET /api/tracks/{id}
// (table here, line on the map). Live values follow the stream while the panel is open.
import { api_get } from '../api.js';
import { by_id, el, field_row } from '../dom.js';
import { clock_text, date_time_text, latlon_text, number_text, distance_text, time_ms } from '../time_format.js';
import { kClassLooks } from '../map/track_style.js';

/// History points from the answer of GET /api/tracks/{id}, oldest first, as {time_ms, lat, lon, sog_kn, cog_deg}.
export function history_points(answer) {
  let raw = answer?.history ?? answer?.positions ?? answer?.track?.history ?? [];
  if (raw && !Array.isArray(raw) && Array.isArray(raw.points)) raw = raw.points;
  const points = [];
  for (const entry of Array.isArray(raw) ? raw : []) {
    if (Array.isArray(entry)) {
      // [lon, lat, ns, sog_kn, cog_deg]
      points.push({ time_ms: time_ms(entry[2]), lon: entry[0], lat: entry[1], sog_kn: entry[3], cog_deg: entry[4] });
    } else if (entry && typeof entry === 'object') {
      const position = Array.isArray(entry.position) ? { lat: entry.position[0], lon: entry.position[1] } : {};
      points.push({
        time_ms: time_ms(entry.time),
        lat: entry.lat ?? position.lat,
        lon: entry.lon ?? position.lon,
        sog_kn: entry.sog_kn,
        cog_deg: entry.cog_deg,
        sigma_m: entry.sigma_m,
      });
    }
  }
  points.sort((a, b) => (a.time_ms || 0) - (b.time_ms || 0));
  return points;
}

/// "TLP:GREEN" from "green" or "TLP:GREEN"; '' when absent.
function tlp_text(sensitivity) {
  if (!sensitivity) return '';
  const text = String(sensitivity).toUpperCase();
  return text.startsWith('TLP:') ? text : `TLP:${text}`;
}

/// The details panel of one track at a time.
export class TrackDetails {
  /// `actions`: {track(id) -> shown track or undefined, search(track), closed(), history(points)}.
  constructor(picture, actions) {
    this.actions = actions;
    this.panel = by_id('track-details');
    this.body = by_id('track-details-body');
    this.history_box = by_id('track-history');
    this.track_id = null;
    this.request = 0;
    // The stored history grows while the panel is open: reload it now and then.
    setInterval(() => {
      if (this.track_id !== null && !document.hidden) this.load_history(true);
    }, 30000);
    by_id('track-details-close').addEventListener('click', () => this.close());
    by_id('track-search').addEventListener('click', () => {
      const track = this.actions.track(this.track_id) || this.last;
      if (track) this.actions.search(track);
    });
    picture.addEventListener('tracks', (event) => {
      if (this.track_id === null) return;
      const { changed, removed } = event.detail;
      if (changed.includes(this.track_id) || removed.includes(this.track_id)) this.refresh();
    });
  }

  /// Opens the panel on a track and loads its history.
  async open(id) {
    this.track_id = id;
    this.panel.hidden = false;
    this.panel.dataset.trackId = String(id);
    this.refresh();
    await this.load_history();
  }

  /// Closes the panel.
  close() {
    this.track_id = null;
    this.panel.hidden = true;
    delete this.panel.dataset.trackId;
    this.actions.closed();
  }

  /// Redraws the live values of the open track.
  refresh() {
    if (this.track_id === null) return;
    const track = this.actions.track(this.track_id);
    if (track) this.last = track;
    const shown = track || this.last;
    this.panel.dataset.present = track ? 'true' : 'false';
    if (!shown) {
      this.body.replaceChildren(el('p', {}, `Track #${this.track_id} is not in the picture.`));
      return;
    }
    const looks = kClassLooks[shown.class];
    const label = shown.label || {};
    const identity = [shown.name, shown.mmsi ? `MMSI ${shown.mmsi}` : '', shown.callsign, shown.asset_id].filter(Boolean);
    const detail_text = Object.entries(shown.details || {})
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ');
    this.body.replaceChildren(
      el(
        'h3',
        { class: `track-title class-${shown.class}` },
        el('span', { class: 'class-swatch', style: `background:${looks?.colour || '#888'}` }),
        identity[0] || (shown.class === 'dark' ? `DARK contact #${shown.id}` : `Track #${shown.id}`),
      ),
      ...(track ? [] : [el('p', { class: 'warning' }, 'No longer in the live picture (last known values).')]),
      el(
        'dl',
        { class: 'fields' },
        field_row('Track', `#${shown.id}`, 'id'),
        field_row('Class', looks ? looks.label : shown.class, 'class'),
        field_row('Status', shown.status, 'status'),
        field_row('Name', shown.name, 'name'),
        field_row('MMSI', shown.mmsi ? String(shown.mmsi) : '', 'mmsi'),
        field_row('Callsign', shown.callsign, 'callsign'),
        field_row('Asset id', shown.asset_id, 'asset_id'),
        shown.node ? field_row('Shared by', `partner node ${shown.node}`, 'node') : [],
        field_row('Sources', (shown.sources || []).join(', '), 'sources'),
        field_row('Position', latlon_text(shown.lat, shown.lon), 'position'),
        field_row('Speed', number_text(shown.sog_kn, 1, 'kn'), 'speed'),
        field_row('Course', number_text(shown.cog_deg, 0, '°'), 'course'),
        field_row('Sigma', distance_text(shown.sigma_m), 'sigma'),
        field_row('Updated', date_time_text(shown.time), 'time'),
        field_row('Updates', shown.updates !== undefined ? String(shown.updates) : '', 'updates'),
        field_row('Label owner', label.owner, 'label_owner'),
        field_row('Release', [tlp_text(label.sensitivity), (label.releasable_to || []).join(', ')].filter(Boolean).join(' → '), 'label_release'),
        field_row('Purposes', (label.purposes || []).join(', '), 'label_purposes'),
        detail_text ? field_row('Details', detail_text, 'details') : [],
      ),
    );
  }

  /// Fetches and shows the stored history (the last hour); `quiet` keeps the old table meanwhile.
  async load_history(quiet = false) {
    const id = this.track_id;
    const request = ++this.request;
    if (!quiet) {
      this.history_box.replaceChildren(el('p', { class: 'muted' }, 'Loading history…'));
      this.history_box.dataset.state = 'loading';
    }
    try {
      const answer = await api_get(`api/tracks/${id}`);
      if (request !== this.request) return;
      const points = history_points(answer);
      this.actions.history(points);
      this.history_box.dataset.state = 'loaded';
      this.history_box.dataset.count = String(points.length);
      const rows = points
        .slice(-12)
        .reverse()
        .map((point) =>
          el(
            'tr',
            {},
            el('td', {}, Number.isFinite(point.time_ms) ? clock_text(point.time_ms * 1e6) : '—'),
            el('td', {}, latlon_text(point.lat, point.lon)),
            el('td', {}, number_text(point.sog_kn, 1)),
            el('td', {}, number_text(point.cog_deg, 0)),
          ),
        );
      this.history_box.replaceChildren(
        el('h4', {}, `History: ${points.length} stored positions`),
        el('table', { class: 'history' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'), el('th', {}, 'Position'), el('th', {}, 'kn'), el('th', {}, '°'))), el('tbody', {}, rows)),
      );
    } catch (error) {
      if (request !== this.request) return;
      this.history_box.dataset.state = 'error';
      this.history_box.replaceChildren(el('p', { class: 'warning' }, `History not available: ${error.message}`));
    }
  }
}
