// The base map. Offline by default: Natural Earth land (clipped to the Strait at build
// time) drawn as a vector layer over a sea-coloured background. A raster tile server can be
// put underneath by URL (see web/README.md): then the land layer is hidden.
import VectorLayer from 'ol/layer/Vector.js';
import TileLayer from 'ol/layer/Tile.js';
import VectorSource from 'ol/source/Vector.js';
import XYZ from 'ol/source/XYZ.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import land from 'virtual:strait-land';

/// The offline land layer.
export function land_layer() {
  const source = new VectorSource({
    features: new GeoJSON().readFeatures(land, { featureProjection: 'EPSG:3857' }),
    attributions: 'Land: Natural Earth (public domain)',
  });
  return new VectorLayer({
    source,
    style: new Style({
      fill: new Fill({ color: '#e8e2d0' }),
      stroke: new Stroke({ color: '#9a8f74', width: 1 }),
    }),
    properties: { name: 'land' },
    zIndex: 0,
  });
}

/// A raster tile layer from an XYZ URL template ({z}/{x}/{y}), or null when none is set.
export function tile_layer(settings) {
  if (!settings.tile_url) return null;
  return new TileLayer({
    source: new XYZ({
      url: settings.tile_url,
      attributions: settings.tile_attribution || undefined,
      maxZoom: settings.tile_max_zoom || 18,
      crossOrigin: 'anonymous',
    }),
    properties: { name: 'tiles' },
    zIndex: 0,
  });
}

/// Where the tile URL comes from, first found wins: ?tiles= in the page address, the
/// localStorage key 'straitwatch.tileUrl', config.json beside index.html, VITE_TILE_URL at build.
export async function basemap_settings() {
  const settings = { tile_url: '', tile_attribution: '', tile_max_zoom: 18 };
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = await response.json();
      settings.tile_url = config.tileUrl || '';
      settings.tile_attribution = config.tileAttribution || '';
      settings.tile_max_zoom = config.tileMaxZoom || 18;
    }
  } catch {
    // No config.json: offline defaults.
  }
  const built = import.meta.env.VITE_TILE_URL || '';
  const stored = window.localStorage.getItem('straitwatch.tileUrl') || '';
  const query = new URLSearchParams(window.location.search).get('tiles') || '';
  settings.tile_url = query || stored || settings.tile_url || built;
  return settings;
}
