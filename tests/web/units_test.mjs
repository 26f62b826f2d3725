// Unit tests of the web map's pure functions (no browser): land clipping, alert order,
// server times, and the shapes of history answers.
//
//   node --test tests/web/units_test.mjs      (after npm ci in web/)
import test from 'node:test';
import assert from 'node:assert/strict';
import { clip_ring, clipped_land } from '../../web/build_tools/land_plugin.js';
import { compare_alerts } from '../../web/src/alert_actions.js';
import { clock_text, iso_of_ms, latlon_text, time_ms } from '../../web/src/time_format.js';
import { history_tracks } from '../../web/src/panels/replay_bar.js';
import { Picture } from '../../web/src/picture.js';

test('a ring crossing the box is cut at its edges', () => {
  const square = [[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]];
  const clipped = clip_ring(square, [0, 0, 2, 2]);
  assert.deepEqual(clipped[0], clipped[clipped.length - 1]);
  for (const [lon, lat] of clipped) {
    assert.ok(lon >= 0 && lon <= 1 && lat >= 0 && lat <= 1, `${lon},${lat}`);
  }
  const area = clipped.slice(0, -1).reduce((sum, point, index, points) => {
    const next = points[(index + 1) % points.length];
    return sum + (point[0] * next[1] - next[0] * point[1]) / 2;
  }, 0);
  assert.equal(Math.abs(area), 1);
});

test('a ring outside the box disappears', () => {
  assert.equal(clip_ring([[5, 5], [6, 5], [6, 6], [5, 5]], [0, 0, 1, 1]), null);
});

test('a polygon enclosing the whole box becomes the box', () => {
  const topology = {
    type: 'Topology',
    objects: { land: { type: 'Polygon', arcs: [[0]] } },
    arcs: [[[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]]],
  };
  const land = clipped_land(topology, [0, 0, 1, 1]);
  const polygons = land.features[0].geometry.coordinates;
  assert.equal(polygons.length, 1);
  assert.equal(polygons[0][0].length, 5);
});

test('alerts sort active first, then most severe, then newest', () => {
  const alert = (id, severity, state, ns) => ({ id, severity, state, raised_at: { ns } });
  const sorted = [
    alert(1, 'warning', 'open', 100),
    alert(2, 'critical', 'closed', 300),
    alert(3, 'critical', 'acknowledged', 50),
    alert(4, 'warning', 'open', 200),
    alert(5, 'urgent', 'open', 10),
  ].sort(compare_alerts);
  assert.deepEqual(sorted.map((a) => a.id), [3, 5, 4, 1, 2]);
});

test('server times read from {utc, ns}, ISO text and ns', () => {
  const ms = Date.UTC(2024, 7, 15, 4, 40, 0);
  assert.equal(time_ms({ utc: '2024-08-15T04:40:00Z', ns: ms * 1e6 }), ms);
  assert.equal(time_ms({ utc: '2024-08-15T04:40:00Z', ns: 0 }), ms);
  assert.equal(time_ms('2024-08-15T04:40:00Z'), ms);
  assert.equal(clock_text(ms * 1e6), '04:40:00Z');
  assert.equal(iso_of_ms(ms + 250), '2024-08-15T04:40:00Z');
  assert.ok(Number.isNaN(time_ms(null)));
});

test('positions print as degrees and decimal minutes', () => {
  assert.equal(latlon_text(51.5, -1.25), "51°30.000'N 001°15.000'W");
});

test('history answers: {tracks}, a bare list, or GeoJSON', () => {
  assert.deepEqual(history_tracks({ at: {}, tracks: [{ id: 1 }] }), [{ id: 1 }]);
  assert.deepEqual(history_tracks([{ id: 2 }]), [{ id: 2 }]);
  const from_geojson = history_tracks({ features: [{ properties: { id: 3 }, geometry: { coordinates: [1.5, 51.0] } }] });
  assert.deepEqual(from_geojson, [{ id: 3, lon: 1.5, lat: 51.0 }]);
  assert.deepEqual(history_tracks({ error: 'x' }), []);
});

test('a held track keeps its trail from the snapshot and the points each update adds', () => {
  const picture = new Picture();
  const point = (n) => [1.4, 51 + n / 1000, n];
  picture.apply_snapshot({ type: 'snapshot', trail_points: 3, tracks: [{ id: 7, trail: [point(1), point(2)] }] });
  picture.apply_update({ type: 'update', tracks: [{ id: 7, trail_add: [] }] });
  assert.deepEqual(picture.tracks.get(7).trail, [point(1), point(2)]);
  picture.apply_update({ type: 'update', tracks: [{ id: 7, trail_add: [point(3), point(4)] }] });
  assert.deepEqual(picture.tracks.get(7).trail, [point(2), point(3), point(4)]);
  assert.equal(picture.tracks.get(7).trail_add, undefined);
  // A track entering the view comes whole: its trail replaces what was held.
  picture.apply_update({ type: 'update', tracks: [{ id: 7, trail: [point(9)] }, { id: 8, trail_add: [point(5)] }] });
  assert.deepEqual(picture.tracks.get(7).trail, [point(9)]);
  assert.deepEqual(picture.tracks.get(8).trail, [point(5)]);
});

test('withdrawn alerts leave the picture and are named to listeners', () => {
  const picture = new Picture();
  const events = [];
  picture.addEventListener('alerts', (event) => events.push(event.detail));
  picture.apply_snapshot({ type: 'snapshot', tracks: [], alerts: [{ id: 1, revision: 1 }, { id: 2, revision: 1 }] });
  picture.apply_update({ type: 'update', tracks: [], alerts: [], withdrawn_alerts: [2, 9] });
  assert.deepEqual([...picture.alerts.keys()], [1]);
  assert.deepEqual(events.at(-1).withdrawn, [2]);
  assert.deepEqual(events.at(-1).changed, []);
});
