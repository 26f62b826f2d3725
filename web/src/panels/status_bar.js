// The top bar: who is logged in (from GET /api/health), the stream's state, the newest
// sensor time and how many tracks of each class are shown.
import { by_id } from '../dom.js';
import { clock_text } from '../time_format.js';

/// Text for a principal as /api/health gives it (a name, or an object).
export function principal_text(principal) {
  if (!principal) return 'unknown';
  if (typeof principal === 'string') return principal;
  const name = principal.name || principal.id || 'unnamed';
  const where = principal.agency || principal.nation || '';
  const roles = Array.isArray(principal.roles) ? principal.roles.join(', ') : '';
  return [name, where && `(${where})`, roles && `— ${roles}`].filter(Boolean).join(' ');
}

/// Fills the top bar.
export class StatusBar {
  constructor() {
    this.principal = by_id('principal');
    this.stream = by_id('stream-state');
    this.time = by_id('sensor-time');
    this.counts = by_id('track-counts');
  }

  /// Shows the logged-in principal.
  set_principal(principal) {
    this.principal.textContent = principal_text(principal);
    this.principal.dataset.name = typeof principal === 'string' ? principal : principal?.name || '';
  }

  /// Shows the stream's state ('open', 'reconnecting', ...).
  set_stream_state(state) {
    this.stream.textContent = state === 'open' ? 'live' : state;
    this.stream.dataset.state = state;
  }

  /// Shows the newest sensor time.
  set_time(ms) {
    this.time.textContent = clock_text(ms * 1e6);
  }

  /// Shows the counts by class of the tracks on the map.
  set_counts(tracks) {
    const counts = { cooperative: 0, dark: 0, own_asset: 0 };
    for (const track of tracks) counts[track.class] = (counts[track.class] || 0) + 1;
    this.counts.textContent = `AIS ${counts.cooperative} · DARK ${counts.dark} · own ${counts.own_asset}`;
    this.counts.dataset.total = String(tracks.length);
    this.counts.dataset.dark = String(counts.dark);
    this.counts.dataset.cooperative = String(counts.cooperative);
    this.counts.dataset.ownAsset = String(counts.own_asset);
  }
}
