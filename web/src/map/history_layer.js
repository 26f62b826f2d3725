// The stored history of the selected track (GET /api/tracks/{id}) as a line with dots.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import MultiPoint from 'ol/geom/MultiPoint.js';
import { fromLonLat } from 'ol/proj.js';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style.js';

const kStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 214, 0, 0.9)', width: 3 }) }),
  new Style({
    image: new CircleStyle({ radius: 2, fill: new Fill({ color: '#5d4037' }) }),
    geometry: (feature) => new MultiPoint(feature.getGeometry().getCoordinates()),
  }),
];

/// One line: the selected track's past positions.
export class HistoryLayer {
  constructor() {
    this.source = new VectorSource();
    this.layer = new VectorLayer({ source: this.source, style: kStyle, properties: { name: 'track-history' }, zIndex: 8 });
  }

  /// Draws positions ([{lat, lon}] oldest first); fewer than two clears.
  show(positions) {
    this.source.clear();
    const points = positions.filter((p) => typeof p.lat === 'number' && typeof p.lon === 'number');
    if (points.length < 2) return;
    this.source.addFeature(new Feature(new LineString(points.map((p) => fromLonLat([p.lon, p.lat])))));
  }

  /// Removes the line.
  clear() {
    this.source.clear();
  }
}
