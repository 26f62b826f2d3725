// The Strait's reference geography from GET /api/geography as map layers: traffic lanes and
// separation zone, inshore zones, SRR boundary and regions, rescue centres, ports and
// landmarks, radar coverage circles. One layer per group so each can be switched off.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { circular } from 'ol/geom/Polygon.js';
import { Circle as CircleStyle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';

/// Layer groups, in drawing order, with the feature kinds each holds.
export const kGeographyGroups = [
  { id: 'srr', title: 'SRR regions', kinds: ['srr', 'srr_boundary'] },
  { id: 'lanes', title: 'Traffic lanes', kinds: ['tss_lane', 'tss_separation_zone', 'inshore_traffic_zone'] },
  { id: 'radar', title: 'Radar coverage', kinds: ['radar_coverage', 'radar', 'radar_site'] },
  { id: 'places', title: 'Centres, ports, landmarks', kinds: ['rescue_centre', 'port', 'landmark', 'launch_area'] },
];

const kMagenta = 'rgba(176, 48, 176, 1)';
const styles = {
  tss_lane: new Style({
    fill: new Fill({ color: 'rgba(176, 48, 176, 0.06)' }),
    stroke: new Stroke({ color: kMagenta, width: 1.2, lineDash: [8, 4] }),
  }),
  tss_separation_zone: new Style({
    fill: new Fill({ color: 'rgba(176, 48, 176, 0.22)' }),
    stroke: new Stroke({ color: kMagenta, width: 1 }),
  }),
  inshore_traffic_zone: new Style({
    stroke: new Stroke({ color: 'rgba(176, 48, 176, 0.5)', width: 1, lineDash: [2, 4] }),
  }),
  srr_boundary: new Style({
    stroke: new Stroke({ color: 'rgba(20, 60, 160, 0.9)', width: 2.5, lineDash: [12, 6, 2, 6] }),
  }),
  radar_coverage: new Style({
    stroke: new Stroke({ color: 'rgba(30, 140, 60, 0.7)', width: 1, lineDash: [4, 6] }),
  }),
};

function text_style(text, color = '#223', offset_y = -12, font = '11px sans-serif') {
  return new Text({
    text,
    font,
    offsetY: offset_y,
    fill: new Fill({ color }),
    stroke: new Stroke({ color: 'rgba(255,255,255,0.85)', width: 3 }),
  });
}

function point_style(kind, name, resolution) {
  const show_name = resolution < 150;
  if (kind === 'rescue_centre') {
    return new Style({
      image: new RegularShape({
        points: 4,
        radius: 9,
        radius2: 3,
        angle: 0,
        fill: new Fill({ color: '#c62828' }),
        stroke: new Stroke({ color: '#fff', width: 1 }),
      }),
      text: text_style(name, '#8e0000', -16, 'bold 11px sans-serif'),
    });
  }
  if (kind === 'radar_site' || kind === 'radar') {
    return new Style({
      image: new CircleStyle({ radius: 4, fill: new Fill({ color: 'rgba(30, 140, 60, 0.9)' }) }),
      text: show_name ? text_style(name, '#1b5e20') : undefined,
    });
  }
  const colour = kind === 'launch_area' ? '#ef6c00' : kind === 'port' ? '#37474f' : '#78909c';
  const named = kind === 'port' ? show_name : resolution < 40;
  return new Style({
    image: new CircleStyle({ radius: kind === 'port' ? 4 : 2.5, fill: new Fill({ color: colour }) }),
    text: named ? text_style(name, colour) : undefined,
  });
}

function feature_style(feature, resolution) {
  const kind = feature.get('kind');
  const geometry = feature.getGeometry();
  const name = feature.get('name') || '';
  if (geometry && geometry.getType() === 'Point') return point_style(kind, name, resolution);
  if (kind === 'srr') {
    return new Style({
      stroke: new Stroke({ color: 'rgba(20, 60, 160, 0.08)', width: 1 }),
      text: resolution < 300 ? text_style(name, 'rgba(20, 60, 160, 0.6)', 0, 'bold 13px sans-serif') : undefined,
    });
  }
  return styles[kind] || styles.radar_coverage;
}

/// Radar coverage given as a point with a range becomes a circle polygon.
function radar_circle(feature) {
  const properties = feature.properties || {};
  const range_m =
    properties.range_m ?? properties.radius_m ?? (properties.range_nm ? properties.range_nm * 1852 : undefined);
  if (feature.geometry?.type !== 'Point' || !range_m) return null;
  const circle = circular(feature.geometry.coordinates, range_m, 96);
  return { ...feature, properties: { ...properties, kind: 'radar_coverage' }, geometry: { type: 'Polygon', coordinates: circle.getCoordinates() } };
}

/// One vector layer per group from the geography FeatureCollection; unknown kinds go to 'places'
/// (points) or 'lanes' (areas and lines).
export function geography_layers(collection) {
  const format = new GeoJSON();
  const by_group = new Map(kGeographyGroups.map((group) => [group.id, []]));
  for (const raw of collection?.features || []) {
    const kind = raw.properties?.kind || '';
    const circle = kind.startsWith('radar') ? radar_circle(raw) : null;
    const extra = circle ? [circle] : [];
    for (const item of [raw, ...extra]) {
      const item_kind = item.properties?.kind || '';
      let group = kGeographyGroups.find((candidate) => candidate.kinds.includes(item_kind));
      if (!group) group = kGeographyGroups.find((candidate) => candidate.id === (item.geometry?.type === 'Point' ? 'places' : 'lanes'));
      by_group.get(group.id).push(item);
    }
  }
  return kGeographyGroups.map((group, index) => {
    const features = format.readFeatures(
      { type: 'FeatureCollection', features: by_group.get(group.id) },
      { featureProjection: 'EPSG:3857' },
    );
    return new VectorLayer({
      source: new VectorSource({ features }),
      style: feature_style,
      properties: { name: `geography-${group.id}`, title: group.title },
      zIndex: 1 + index * 0.1,
    });
  });
}
