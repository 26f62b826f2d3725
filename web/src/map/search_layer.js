// Search areas on the map: the 50 % and 90 % regions after 1 h, 3 h and 6 h of drift from a
// search job (GeoJSON MultiPolygons), or an alert's attached 90 % areas, each labelled.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Point from 'ol/geom/Point.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';

const kHourColours = { 1: '#fdd835', 3: '#fb8c00', 6: '#c62828' };

function hour_colour(hours) {
  return kHourColours[Math.round(hours)] || '#6a1b9a';
}

/// Text of a search area's label: "3 h 90 %".
export function search_area_label(properties) {
  const level = Math.round((properties.level ?? 0.9) * 100);
  return `${properties.hours} h ${level} %`;
}

/// Where a label goes: the 50 % label in the middle, the 90 % one on the top edge, so
/// the two of one hour do not cover each other.
function label_point(feature) {
  const [west, south, east, north] = feature.getGeometry().getExtent();
  const inner = (feature.get('level') ?? 0.9) <= 0.5;
  return new Point([(west + east) / 2, inner ? (south + north) / 2 : north]);
}

function search_style(feature, resolution) {
  const properties = feature.getProperties();
  const colour = hour_colour(properties.hours);
  const inner = (properties.level ?? 0.9) <= 0.5;
  const area = new Style({
    fill: new Fill({ color: colour + (inner ? '55' : '22') }),
    stroke: new Stroke({ color: colour, width: inner ? 2 : 1.5, lineDash: inner ? undefined : [6, 4] }),
    zIndex: inner ? 2 : 1,
  });
  if (resolution > 400) return area;
  const label = new Style({
    geometry: label_point,
    text: new Text({
      text: search_area_label(properties),
      font: 'bold 11px sans-serif',
      fill: new Fill({ color: '#222' }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
      offsetY: inner ? 0 : -8,
    }),
    zIndex: 3,
  });
  return [area, label];
}

/// The drawn search areas, by the key of what they came from ("job:4", "alert:3").
export class SearchLayer {
  constructor() {
    this.source = new VectorSource();
    this.layer = new VectorLayer({ source: this.source, style: search_style, properties: { name: 'search-areas' }, zIndex: 5 });
    this.format = new GeoJSON();
  }

  /// Draws a search job's FeatureCollection (replacing what that key drew before).
  show_collection(key, collection) {
    this.remove(key);
    const features = this.format.readFeatures(
      { type: 'FeatureCollection', features: (collection?.features || []).filter((feature) => feature.geometry) },
      { featureProjection: 'EPSG:3857' },
    );
    features.sort((a, b) => (b.get('hours') ?? 0) - (a.get('hours') ?? 0));
    for (const feature of features) feature.set('origin', key, true);
    this.source.addFeatures(features);
    return features;
  }

  /// Draws an alert's attached areas (its 90 % regions, and 50 % ones where given).
  show_alert_areas(alert) {
    const features = [];
    for (const area of alert.search_areas || []) {
      for (const [level, key, km2] of [[0.5, 'p50_multipolygon_lonlat', area.area50_km2], [0.9, 'p90_multipolygon_lonlat', area.area90_km2]]) {
        if (!Array.isArray(area[key]) || area[key].length === 0) continue;
        features.push({
          type: 'Feature',
          properties: { hours: area.hours, level, r50_m: area.r50_m, r90_m: area.r90_m, area_km2: km2 },
          geometry: { type: 'MultiPolygon', coordinates: area[key] },
        });
      }
    }
    return this.show_collection(`alert:${alert.id}`, { features });
  }

  /// Removes what one key drew.
  remove(key) {
    for (const feature of this.source.getFeatures()) {
      if (feature.get('origin') === key) this.source.removeFeature(feature);
    }
  }

  /// Removes everything.
  clear() {
    this.source.clear();
  }

  /// Features drawn for a key, or all.
  features(key) {
    const all = this.source.getFeatures();
    return key ? all.filter((feature) => feature.get('origin') === key) : all;
  }

  /// Extent of what a key drew (map coordinates), or null.
  extent(key) {
    const features = this.features(key);
    if (features.length === 0) return null;
    const extent = features[0].getGeometry().getExtent().slice();
    for (const feature of features) {
      const other = feature.getGeometry().getExtent();
      extent[0] = Math.min(extent[0], other[0]);
      extent[1] = Math.min(extent[1], other[1]);
      extent[2] = Math.max(extent[2], other[2]);
      extent[3] = Math.max(extent[3], other[3]);
    }
    return extent;
  }
}
