// How a track looks: AIS (cooperative) vessels a green triangle pointing along the course,
// DARK contacts a red-orange diamond with a black edge, own assets a blue square; each with
// its heading vector (6 minutes ahead at its speed), its short trail, and a name when zoomed in.
import { Circle as CircleStyle, Fill, Icon, RegularShape, Stroke, Style, Text } from 'ol/style.js';

/// Colour and shape per class.
export const kClassLooks = {
  cooperative: { colour: '#2e7d32', edge: '#ffffff', label: 'AIS vessel' },
  dark: { colour: '#ff3d00', edge: '#000000', label: 'DARK contact' },
  own_asset: { colour: '#1565c0', edge: '#ffffff', label: 'Own asset' },
};

const symbol_cache = new Map();

/// A slim arrowhead pointing up (north), so the course reads at a glance.
function arrow_icon(colour, edge, rotation_deg) {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="20" viewBox="0 0 14 20">` +
    `<path d="M7 1 L13 19 L7 15 L1 19 Z" fill="${colour}" stroke="${edge}" stroke-width="1.2" stroke-linejoin="round"/></svg>`;
  return new Icon({
    src: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`,
    rotation: (rotation_deg * Math.PI) / 180,
    rotateWithView: true,
    anchor: [0.5, 0.55],
  });
}

function symbol(track_class, tentative, rotation_deg) {
  const bucket = Math.round((rotation_deg || 0) / 5) * 5;
  const key = `${track_class}|${tentative}|${track_class === 'cooperative' ? bucket : 0}`;
  let style = symbol_cache.get(key);
  if (style) return style;
  const looks = kClassLooks[track_class] || kClassLooks.cooperative;
  const fill = new Fill({ color: tentative ? looks.colour + '88' : looks.colour });
  let image;
  if (track_class === 'dark') {
    image = new RegularShape({ points: 4, radius: 9, angle: 0, fill, stroke: new Stroke({ color: looks.edge, width: 2 }) });
  } else if (track_class === 'own_asset') {
    image = new RegularShape({ points: 4, radius: 8, angle: Math.PI / 4, fill, stroke: new Stroke({ color: '#0d2a5c', width: 2 }) });
  } else {
    image = arrow_icon(tentative ? looks.colour + '88' : looks.colour, '#1b3d1d', bucket);
  }
  style = new Style({ image, zIndex: track_class === 'dark' ? 30 : track_class === 'own_asset' ? 20 : 10 });
  symbol_cache.set(key, style);
  return style;
}

const kSelectedHalo = new Style({
  image: new CircleStyle({ radius: 15, stroke: new Stroke({ color: '#ffd600', width: 3 }) }),
  zIndex: 40,
});

const line_cache = new Map();

function line_style(track_class, kind) {
  const key = `${track_class}|${kind}`;
  let style = line_cache.get(key);
  if (style) return style;
  const looks = kClassLooks[track_class] || kClassLooks.cooperative;
  style =
    kind === 'trail'
      ? new Style({
          stroke: new Stroke({ color: looks.colour + '80', width: 1.5, lineDash: track_class === 'dark' ? [3, 3] : undefined }),
          geometry: (feature) => feature.get('trail_geometry'),
        })
      : new Style({
          stroke: new Stroke({ color: looks.colour, width: 2 }),
          geometry: (feature) => feature.get('vector_geometry'),
        });
  line_cache.set(key, style);
  return style;
}

/// The style function of the tracks layer.
export function track_style(feature, resolution) {
  const track = feature.get('track');
  if (!track) return null;
  const track_class = kClassLooks[track.class] ? track.class : 'cooperative';
  const styles = [];
  if (feature.get('trail_geometry')) styles.push(line_style(track_class, 'trail'));
  if (feature.get('vector_geometry')) styles.push(line_style(track_class, 'vector'));
  styles.push(symbol(track_class, track.status === 'tentative', track.cog_deg));
  if (feature.get('selected')) styles.push(kSelectedHalo);
  if (resolution < 60 || feature.get('selected')) {
    const name = track.name || track.asset_id || (track.class === 'dark' ? `DARK ${track.id}` : `#${track.id}`);
    styles.push(
      new Style({
        text: new Text({
          text: name,
          font: track.class === 'dark' ? 'bold 11px sans-serif' : '11px sans-serif',
          offsetY: 16,
          fill: new Fill({ color: track.class === 'dark' ? '#b71c1c' : '#1a1a1a' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
        }),
        zIndex: 50,
      }),
    );
  }
  return styles;
}
