// The tracks on the map: one feature per track id, kept in step with the picture (or with a
// replayed past), with its heading vector and trail as extra geometries of the same feature.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import LineString from 'ol/geom/LineString.js';
import { fromLonLat } from 'ol/proj.js';
import { track_style } from './track_style.js';
import { feature_id_at } from './pick.js';

const kVectorMinutes = 6;
const kKnotMs = 1852 / 3600;

/// End of the heading vector in map coordinates (Mercator metres grow by 1/cos(lat)).
function vector_end(track, start) {
  if (typeof track.sog_kn !== 'number' || typeof track.cog_deg !== 'number' || track.sog_kn < 0.3) return null;
  const metres = track.sog_kn * kKnotMs * kVectorMinutes * 60;
  const scale = 1 / Math.cos((track.lat * Math.PI) / 180);
  const course = (track.cog_deg * Math.PI) / 180;
  return [start[0] + metres * scale * Math.sin(course), start[1] + metres * scale * Math.cos(course)];
}

/// Holds the track features and answers which track is where.
export class TracksLayer {
  constructor() {
    this.source = new VectorSource();
    this.layer = new VectorLayer({
      source: this.source,
      style: track_style,
      properties: { name: 'tracks' },
      zIndex: 10,
      updateWhileAnimating: true,
      updateWhileInteracting: true,
    });
    this.selected_id = null;
  }

  /// Replaces every feature by these tracks.
  set_all(tracks) {
    this.source.clear(true);
    this.source.addFeatures([...tracks].map((track) => this.#feature(track)));
    this.#reselect();
  }

  /// Adds or moves these tracks.
  upsert(tracks) {
    const added = [];
    for (const track of tracks) {
      const existing = this.source.getFeatureById(track.id);
      if (existing) {
        this.#update(existing, track);
      } else {
        added.push(this.#feature(track));
      }
    }
    if (added.length > 0) this.source.addFeatures(added);
    this.#reselect();
  }

  /// Takes these track ids off the map.
  remove(ids) {
    for (const id of ids) {
      const feature = this.source.getFeatureById(id);
      if (feature) this.source.removeFeature(feature);
    }
  }

  /// Highlights one track (null: none).
  select(id) {
    if (this.selected_id !== null) this.source.getFeatureById(this.selected_id)?.set('selected', false);
    this.selected_id = id;
    this.#reselect();
  }

  /// The track id under a map pixel, or null.
  track_at(map, pixel) {
    return feature_id_at(map, this.layer, pixel, 6);
  }

  /// The track shown under this id (live or replayed), or undefined.
  track(id) {
    return this.source.getFeatureById(id)?.get('track');
  }

  /// Every track shown.
  tracks() {
    return this.source.getFeatures().map((feature) => feature.get('track'));
  }

  #reselect() {
    if (this.selected_id === null) return;
    this.source.getFeatureById(this.selected_id)?.set('selected', true);
  }

  #feature(track) {
    const feature = new Feature();
    feature.setId(track.id);
    this.#update(feature, track);
    return feature;
  }

  #update(feature, track) {
    const position = fromLonLat([track.lon, track.lat]);
    const end = vector_end(track, position);
    const trail = Array.isArray(track.trail) && track.trail.length > 1
      ? new LineString([...track.trail.map((point) => fromLonLat([point[0], point[1]])), position])
      : null;
    feature.setProperties(
      {
        track,
        vector_geometry: end ? new LineString([position, end]) : null,
        trail_geometry: trail,
      },
      true,
    );
    const geometry = feature.getGeometry();
    if (geometry) {
      geometry.setCoordinates(position);
    } else {
      feature.setGeometry(new Point(position));
    }
    feature.changed();
  }
}
