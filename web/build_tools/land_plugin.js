// Vite plugin: the module 'virtual:strait-land' is the Natural Earth 1:10m land (from the
// world-atlas package) clipped at build time to a box around the Dover Strait, as GeoJSON.
// Clipping keeps the bundle small (a few tens of KiB instead of 3 MiB for the world).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const kVirtualId = 'virtual:strait-land';
const kResolvedId = '\0' + kVirtualId;

/// The box kept, [west, south, east, north] in degrees: the Strait with the coasts around it.
export const kLandBox = [-4.0, 48.0, 6.0, 54.0];

/// Sutherland-Hodgman: one closed ring ([lon, lat] points) clipped to an axis-aligned box.
export function clip_ring(ring, box) {
  const [west, south, east, north] = box;
  const edges = [
    { inside: (p) => p[0] >= west, cut: (a, b) => cut_at_x(a, b, west) },
    { inside: (p) => p[0] <= east, cut: (a, b) => cut_at_x(a, b, east) },
    { inside: (p) => p[1] >= south, cut: (a, b) => cut_at_y(a, b, south) },
    { inside: (p) => p[1] <= north, cut: (a, b) => cut_at_y(a, b, north) },
  ];
  let points = ring.slice(0, -1);
  for (const edge of edges) {
    if (points.length === 0) break;
    const kept = [];
    for (let index = 0; index < points.length; ++index) {
      const current = points[index];
      const previous = points[(index + points.length - 1) % points.length];
      if (edge.inside(current)) {
        if (!edge.inside(previous)) kept.push(edge.cut(previous, current));
        kept.push(current);
      } else if (edge.inside(previous)) {
        kept.push(edge.cut(previous, current));
      }
    }
    points = kept;
  }
  if (points.length < 3) return null;
  const rounded = points.map((p) => [round5(p[0]), round5(p[1])]);
  rounded.push(rounded[0]);
  return rounded;
}

function cut_at_x(a, b, x) {
  const t = (x - a[0]) / (b[0] - a[0]);
  return [x, a[1] + t * (b[1] - a[1])];
}

function cut_at_y(a, b, y) {
  const t = (y - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), y];
}

function round5(value) {
  return Math.round(value * 1e5) / 1e5;
}

function ring_overlaps(ring, box) {
  return ring.some(([lon, lat]) => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]);
}

/// The land polygons inside `box` as a GeoJSON FeatureCollection.
export function clipped_land(topology, box) {
  const land = feature(topology, topology.objects.land);
  const geometries = land.type === 'FeatureCollection' ? land.features.map((f) => f.geometry) : [land.geometry];
  const polygons = [];
  for (const geometry of geometries) {
    const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of list) {
      if (!ring_overlaps(polygon[0], box) && !covers_box(polygon[0], box)) continue;
      const outer = clip_ring(polygon[0], box);
      if (outer === null) continue;
      const holes = polygon.slice(1).map((ring) => clip_ring(ring, box)).filter((ring) => ring !== null);
      polygons.push([outer, ...holes]);
    }
  }
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { source: 'Natural Earth 1:10m land (public domain), via world-atlas' },
        geometry: { type: 'MultiPolygon', coordinates: polygons },
      },
    ],
  };
}

function covers_box(ring, box) {
  // A ring with no vertex inside the box may still enclose it (a box inside a continent).
  const [lon, lat] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/// The plugin itself.
export function strait_land_plugin() {
  return {
    name: 'straitwatch-strait-land',
    resolveId(id) {
      return id === kVirtualId ? kResolvedId : null;
    },
    load(id) {
      if (id !== kResolvedId) return null;
      const require = createRequire(import.meta.url);
      const path = require.resolve('world-atlas/land-10m.json');
      const topology = JSON.parse(readFileSync(path, 'utf8'));
      return `export default ${JSON.stringify(clipped_land(topology, kLandBox))};`;
    },
  };
}
