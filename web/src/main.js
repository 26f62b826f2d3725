// Entry point: log in, build the map and its layers, connect the stream, and wire the
// panels (alerts, track details, search areas, replay) to the map and to each other.
import 'ol/ol.css';
import './style.css';
import { fromLonLat } from 'ol/proj.js';
import { adopt_token_from_fragment, clear_token, get_token, set_token } from './auth.js';
import { api_get, on_unauthorized } from './api.js';
import { Picture } from './picture.js';
import { Stream } from './stream.js';
import { unlock_audio_on_gesture, beep_count } from './audio.js';
import { acknowledge_alert, close_alert, hand_over_alert, kActingRoles, kAlertKindNames } from './alert_actions.js';
import { basemap_settings } from './map/basemap.js';
import { create_map, focus_on, kStraitCentre, view_bbox } from './map/map_view.js';
import { geography_layers } from './map/geography_layers.js';
import { TracksLayer } from './map/tracks_layer.js';
import { AlertsLayer } from './map/alerts_layer.js';
import { SearchLayer } from './map/search_layer.js';
import { HistoryLayer } from './map/history_layer.js';
import { ask_for_token } from './panels/login_box.js';
import { StatusBar } from './panels/status_bar.js';
import { AlertsPanel } from './panels/alerts_panel.js';
import { CriticalAlarm } from './panels/critical_alarm.js';
import { TrackDetails } from './panels/track_details.js';
import { SearchPanel } from './panels/search_panel.js';
import { ReplayBar } from './panels/replay_bar.js';
import { layer_switcher } from './panels/layer_switcher.js';
import { ask_text } from './panels/action_dialog.js';
import { toast } from './panels/toast.js';
import { by_id } from './dom.js';

/// Logs in (fragment, stored token or the login box) and returns GET /api/health's answer.
async function log_in() {
  adopt_token_from_fragment();
  let message = '';
  for (;;) {
    if (!get_token()) set_token(await ask_for_token(message));
    try {
      return await api_get('api/health');
    } catch (error) {
      if (error.status === 401) {
        clear_token();
        message = 'The server does not know this token.';
      } else {
        toast(`The server cannot be reached (${error.message}); retrying…`, 'error');
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  }
}

function may_act(principal) {
  if (!principal || typeof principal !== 'object' || !Array.isArray(principal.roles)) return true;
  return principal.roles.some((role) => kActingRoles.includes(role));
}

async function start() {
  const health = await log_in();
  on_unauthorized(() => {
    clear_token();
    window.location.reload();
  });
  by_id('logout').addEventListener('click', () => {
    clear_token();
    window.location.reload();
  });
  unlock_audio_on_gesture();

  const status = new StatusBar();
  status.set_principal(health?.principal);
  const settings = await basemap_settings();
  const map = create_map(by_id('map'), settings);
  const picture = new Picture();
  const stream = new Stream(picture);
  const tracks_layer = new TracksLayer();
  const alerts_layer = new AlertsLayer();
  const search_layer = new SearchLayer();
  const history_layer = new HistoryLayer();
  for (const layer of [search_layer.layer, history_layer.layer, tracks_layer.layer, alerts_layer.layer]) map.addLayer(layer);
  let rescue_centres = [];

  api_get('api/geography')
    .then((collection) => {
      const layers = geography_layers(collection);
      layers.forEach((layer) => map.addLayer(layer));
      layer_switcher(layers);
      rescue_centres = (collection?.features || []).filter((f) => f.properties?.kind === 'rescue_centre').map((f) => f.properties.name);
      by_id('map').dataset.geography = String((collection?.features || []).length);
    })
    .catch((error) => toast(`Geography not loaded: ${error.message}`, 'error'));

  const details = new TrackDetails(picture, {
    track: (id) => tracks_layer.track(id),
    search: (track) => request_search({ track: track.id }, `track #${track.id}${track.name ? ' ' + track.name : ''}`),
    closed: () => {
      tracks_layer.select(null);
      history_layer.clear();
    },
    history: (points) => history_layer.show(points),
  });

  const search_panel = new SearchPanel(picture, search_layer, {
    fit: (extent) => map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom: 13, duration: 400 }),
  });

  async function request_search(subject, title) {
    try {
      const id = await search_panel.request(subject, title);
      toast(`Search area #${id} requested`);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function select_track(id) {
    tracks_layer.select(id);
    details.open(id);
  }

  function focus_alert(alert) {
    const current = picture.alerts.get(alert.id) || alert;
    if (Array.isArray(current.position)) focus_on(map, current.position[1], current.position[0], 11);
    alerts_layer.focus(current.id);
    alerts_panel.set_focused(current.id);
    if ((current.search_areas || []).length > 0) search_layer.show_alert_areas(current);
    const subject = (current.subjects || []).find((id) => tracks_layer.track(id));
    if (subject !== undefined) select_track(subject);
  }

  async function run_action(label, action) {
    try {
      const alert = await action();
      toast(`${label}: alert #${alert?.id ?? ''} is ${String(alert?.state ?? 'updated').replace('_', ' ')}`);
    } catch (error) {
      toast(`${label} refused: ${error.message}`, 'error');
    }
  }

  const alerts_panel = new AlertsPanel(picture, {
    focus: focus_alert,
    acknowledge: (alert) => run_action('Acknowledged', () => acknowledge_alert(picture, alert)),
    hand_over: async (alert) => {
      const addressed = alert.addressed_to || [];
      const to = await ask_text({
        title: `Hand over alert #${alert.id}`,
        label: 'Rescue centre',
        value: addressed[addressed.length - 1] || rescue_centres[0] || '',
        suggestions: [...addressed, ...rescue_centres],
        confirm: 'Hand over',
      });
      if (to) await run_action('Handed over', () => hand_over_alert(picture, alert, to));
    },
    close: async (alert) => {
      const reason = await ask_text({ title: `Close alert #${alert.id}`, label: 'Reason', value: 'resolved', confirm: 'Close alert' });
      if (reason) await run_action('Closed', () => close_alert(picture, alert, reason));
    },
    search: (alert) => request_search({ alert: alert.id }, `alert #${alert.id} ${kAlertKindNames[alert.kind] || alert.kind}`),
  });
  alerts_panel.set_can_act(may_act(health?.principal));
  by_id('track-search').disabled = !may_act(health?.principal);
  const alarm = new CriticalAlarm(picture, focus_alert);

  const replay = new ReplayBar({
    live_time_ms: () => picture.time_ms,
    bbox: () => view_bbox(map, 0.1),
    show: (tracks) => {
      tracks_layer.set_all(tracks);
      status.set_counts(tracks);
      details.refresh();
    },
    leave: () => {
      tracks_layer.set_all(picture.tracks.values());
      status.set_counts(tracks_layer.tracks());
      details.refresh();
    },
  });

  picture.addEventListener('tracks', (event) => {
    if (replay.active) return;
    const { snapshot, changed, removed } = event.detail;
    if (snapshot) {
      tracks_layer.set_all(picture.tracks.values());
    } else {
      tracks_layer.upsert(changed.map((id) => picture.tracks.get(id)));
      tracks_layer.remove(removed);
    }
    status.set_counts(tracks_layer.tracks());
  });
  picture.addEventListener('alerts', (event) => {
    const changed = event.detail.changed.map((change) => change.alert);
    if (event.detail.snapshot) alerts_layer.clear();
    alerts_layer.put(changed);
    alerts_layer.remove(event.detail.withdrawn || []);
  });
  picture.addEventListener('time', (event) => {
    status.set_time(event.detail.ms);
    replay.tick();
  });
  stream.addEventListener('state', (event) => status.set_stream_state(event.detail.state));

  map.on('singleclick', (event) => {
    const track_id = tracks_layer.track_at(map, event.pixel);
    if (track_id !== null) {
      select_track(track_id);
      return;
    }
    const alert_id = alerts_layer.alert_at(map, event.pixel);
    if (alert_id !== null && picture.alerts.has(alert_id)) focus_alert(picture.alerts.get(alert_id));
  });
  map.on('pointermove', (event) => {
    if (event.dragging) return;
    const hit = tracks_layer.track_at(map, event.pixel) !== null || alerts_layer.alert_at(map, event.pixel) !== null;
    map.getTargetElement().style.cursor = hit ? 'pointer' : '';
  });
  map.on('moveend', () => {
    const bbox = view_bbox(map, 0.1);
    if (bbox) stream.set_viewport(bbox);
    replay.refresh();
  });

  stream.start();
  setInterval(async () => {
    try {
      const answer = await api_get('api/health');
      by_id('server-state').textContent = `${answer.status || 'ok'} · ${answer.alerts_open ?? '?'} open alerts`;
    } catch (error) {
      by_id('server-state').textContent = `server: ${error.message}`;
    }
  }, 15000);

  // Hooks for the browser tests and for anyone at the console.
  window.straitwatch = {
    map,
    picture,
    stream,
    replay,
    tracks_layer,
    alerts_layer,
    search_layer,
    beeps: beep_count,
    critical_alarms: () => alarm.count,
    /// The pixel of a shown track, or null.
    pixel_of_track(id) {
      const track = tracks_layer.track(id);
      if (!track) return null;
      return map.getPixelFromCoordinate(fromLonLat([track.lon, track.lat]));
    },
    /// The shown tracks, for comparisons with the REST API.
    shown_tracks: () => tracks_layer.tracks().map((t) => ({ id: t.id, class: t.class, lat: t.lat, lon: t.lon, label: t.label })),
    search_feature_count: () => search_layer.features().length,
    /// Centres the map on a shown track at a zoom level.
    focus_track(id, zoom) {
      const track = tracks_layer.track(id);
      if (track) map.getView().setCenter(fromLonLat([track.lon, track.lat]));
      map.getView().setZoom(zoom);
    },
    /// Back to the whole Strait.
    home() {
      map.getView().setCenter(fromLonLat(kStraitCentre));
      map.getView().setZoom(9);
    },
  };
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  console.error(error);
  document.body.dataset.ready = 'failed';
  toast(`The map failed to start: ${error.message}`, 'error');
});
