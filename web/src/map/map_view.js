// The OpenLayers map: Web Mercator view on the Dover Strait, the base map underneath, and
// helpers to turn the view into the [W, S, E, N] viewport the stream and history take.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { defaults as default_controls, ScaleLine, MousePosition } from 'ol/control.js';
import { land_layer, tile_layer } from './basemap.js';

/// Centre of the Strait, lon/lat.
export const kStraitCentre = [1.45, 51.0];

/// Creates the map in `target` with the base map from `settings`.
export function create_map(target, settings) {
  const tiles = tile_layer(settings);
  const layers = tiles ? [tiles] : [land_layer()];
  const map = new Map({
    target,
    layers,
    view: new View({ center: fromLonLat(kStraitCentre), zoom: 9, minZoom: 5, maxZoom: 17 }),
    controls: default_controls({ attributionOptions: { collapsible: true } }).extend([
      new ScaleLine({ units: 'nautical' }),
      new MousePosition({
        projection: 'EPSG:4326',
        coordinateFormat: (c) => (c ? `${c[1].toFixed(4)} N ${c[0].toFixed(4)} E` : ''),
        className: 'mouse-position',
      }),
    ]),
  });
  return map;
}

/// The view's extent as [west, south, east, north] degrees, grown by `margin` of its size.
export function view_bbox(map, margin = 0.1) {
  const size = map.getSize();
  if (!size) return null;
  const extent = map.getView().calculateExtent(size);
  const [west, south, east, north] = transformExtent(extent, 'EPSG:3857', 'EPSG:4326');
  const grow_x = (east - west) * margin;
  const grow_y = (north - south) * margin;
  return [
    Math.max(-180, west - grow_x),
    Math.max(-85, south - grow_y),
    Math.min(180, east + grow_x),
    Math.min(85, north + grow_y),
  ];
}

/// Centres the map on a lon/lat position, zooming in to at least `zoom`.
export function focus_on(map, lon, lat, zoom = 11) {
  const view = map.getView();
  view.animate({ center: fromLonLat([lon, lat]), zoom: Math.max(view.getZoom() || zoom, zoom), duration: 400 });
}
