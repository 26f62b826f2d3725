// Alert positions on the map: a ring coloured by severity (open alerts filled, handled ones
// hollow), above the tracks so an alert can be found and clicked.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style.js';
import { feature_id_at } from './pick.js';

/// Colour per severity, least to most urgent.
export const kSeverityColours = {
  info: '#0277bd',
  warning: '#f9a825',
  urgent: '#ef6c00',
  critical: '#d50000',
};

function alert_style(feature) {
  const alert = feature.get('alert');
  const colour = kSeverityColours[alert.severity] || '#555';
  const open = alert.state === 'open';
  return new Style({
    image: new CircleStyle({
      radius: feature.get('focused') ? 20 : 14,
      fill: open ? new Fill({ color: colour + '30' }) : undefined,
      stroke: new Stroke({ color: colour, width: open ? 3 : 1.5, lineDash: open ? undefined : [4, 3] }),
    }),
    zIndex: alert.severity === 'critical' ? 5 : 1,
  });
}

/// The alert markers, kept in step with the picture's alerts (closed ones are not drawn).
export class AlertsLayer {
  constructor() {
    this.source = new VectorSource();
    this.layer = new VectorLayer({ source: this.source, style: alert_style, properties: { name: 'alerts' }, zIndex: 12 });
  }

  /// Removes the markers of these alert ids (withdrawn from this principal).
  remove(ids) {
    for (const id of ids) {
      const existing = this.source.getFeatureById(id);
      if (existing) this.source.removeFeature(existing);
    }
  }

  /// Adds, moves or removes the marker of each alert.
  put(alerts) {
    for (const alert of alerts) {
      const existing = this.source.getFeatureById(alert.id);
      const position = Array.isArray(alert.position) ? alert.position : null;
      if (alert.state === 'closed' || !position) {
        if (existing) this.source.removeFeature(existing);
        continue;
      }
      const point = fromLonLat([position[1], position[0]]);
      if (existing) {
        existing.set('alert', alert, true);
        existing.getGeometry().setCoordinates(point);
      } else {
        const feature = new Feature({ geometry: new Point(point), alert });
        feature.setId(alert.id);
        this.source.addFeature(feature);
      }
    }
  }

  /// Removes every marker.
  clear() {
    this.source.clear();
  }

  /// Enlarges the marker of one alert (null: none).
  focus(id) {
    for (const feature of this.source.getFeatures()) feature.set('focused', feature.getId() === id);
  }

  /// The alert id under a pixel, or null.
  alert_at(map, pixel) {
    return feature_id_at(map, this.layer, pixel, 2);
  }
}
