#pragma once
/// Conversion of decoded CoT events into Observations, the input of fusion.

#include <optional>
#include <string>
#include <string_view>

#include "core/label.h"
#include "core/observation.h"
#include "ingest/cot/cot_event.h"

namespace sw::cot {

/// Which feed an event came from and the label its observations start from.
struct ObservationContext {
  std::string source_id;
  Label label;  ///< the source's label; an event's releaseableTo/caveat only narrow it
  /// One standard deviation (metres, per axis) used when the event's ce is unknown
  /// (9999999): a human estimate from an aircraft or a drone operator.
  double unknown_ce_sigma_m = 500.0;
};

/// Sensitivity a caveat asks for: a TLP 2.0 marking found in it ("TLP:CLEAR"/"TLP:WHITE",
/// "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED", any case), else kAmber for
/// any other non-blank caveat ("FOUO", "NOFORN": limited disclosure), else nullopt.
std::optional<Sensitivity> caveat_sensitivity(std::string_view caveat);

/// The label of an event's observation. The event can narrow the source label, never
/// widen it:
/// - releaseableTo: if the event lists any, releasable_to becomes the entries of the
///   source label that the event also lists (source order); an empty source list (owner
///   only) stays empty;
/// - caveat: sensitivity becomes the more restrictive of the source's and
///   caveat_sensitivity(caveat);
/// - remarks (free text, may name people) set personal_data.
Label event_label(const Label& source_label, const CotEvent& event);

/// Atom events (type "a-<affiliation>-...") become observations; others (drawings,
/// routes, chat, tasking, "b-" bits, types without an affiliation): nullopt.
/// - kind: kAssetPosition for friendly ("a-f-...": own patrol vessels, aircraft, teams),
///   kSighting for every other affiliation (a-u-S unknown surface, a-h-S, a-n-S, ...);
/// - time = event time; position = point; covariance diag(ce^2, ce^2), ce taken as the
///   one-sigma error per axis (MITRE base-event schema: "the one sigma point for a zero
///   mean normal distribution"), unknown_ce_sigma_m when ce is unknown;
/// - velocity from track course (deg true) and speed (m/s); no heading (CoT has none);
/// - identity.asset_id = uid, identity.callsign = contact callsign;
/// - attributes: cot_type, how, start, stale (ISO-8601), hae_m, le_m, ce_unknown,
///   group_name, group_role, caveat, releaseable_to (as sent), access, opex, remarks
///   (only those present);
/// - label = event_label(context.label, event).
std::optional<Observation> to_observation(const CotEvent& event, const ObservationContext& context);

}  // namespace sw::cot
