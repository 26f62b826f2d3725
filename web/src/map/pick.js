// Which feature of one layer lies under a map pixel.

/// The id of the topmost feature of `layer` within `tolerance` pixels of `pixel`, or null.
export function feature_id_at(map, layer, pixel, tolerance) {
  let found = null;
  map.forEachFeatureAtPixel(
    pixel,
    (feature) => {
      found = feature.getId();
      return true;
    },
    { layerFilter: (candidate) => candidate === layer, hitTolerance: tolerance },
  );
  return found;
}
