#pragma once
/// CotEvent: one Cursor-on-Target `<event>` (MITRE CoT 2.0 base schema plus the TAK detail
/// elements straitwatch uses), as decoded from XML or built for encoding.
///
/// Units are the wire units: degrees, metres, metres per second. Optional wire values are
/// std::optional here; "unknown" sentinels (9999999 for hae/ce/le) never reach this struct.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace sw::cot {

/// CoT's "unknown" value for hae, ce and le. Decoding treats any value >= kUnknownThreshold
/// as unknown (TAK's protobuf documents 999999, the XML world writes 9999999).
constexpr double kUnknownValue = 9999999.0;
constexpr double kUnknownThreshold = 999999.0;

/// `<point lat lon hae ce le>`: WGS-84 position with its circular (ce) and linear (le)
/// error, each the one-sigma value in metres (MITRE base-event schema).
struct CotPoint {
  double lat = 0.0;             ///< degrees, -90..90
  double lon = 0.0;             ///< degrees, -180..180
  std::optional<double> hae_m;  ///< height above the WGS-84 ellipsoid; nullopt = unknown
  std::optional<double> ce_m;   ///< circular error, 1 sigma; nullopt = unknown
  std::optional<double> le_m;   ///< linear (vertical) error, 1 sigma; nullopt = unknown

  bool operator==(const CotPoint&) const = default;
};

/// `<track course speed>`: motion over the ground.
struct CotTrack {
  double course_deg = 0.0;  ///< degrees true, [0, 360)
  double speed_mps = 0.0;   ///< metres per second, >= 0

  bool operator==(const CotTrack&) const = default;
};

/// `<__group name role>`: the TAK team (colour) and role of the sender.
struct CotGroup {
  std::string name;  ///< e.g. "Cyan"
  std::string role;  ///< e.g. "Team Member"

  bool operator==(const CotGroup&) const = default;
};

/// One Cursor-on-Target event.
struct CotEvent {
  std::string type;  ///< e.g. "a-f-S" (friendly surface), "a-u-S", "a-f-A"
  std::string uid;   ///< globally unique id of the thing described
  std::string how;   ///< e.g. "m-g" (machine, GPS), "h-e" (human, estimated)
  TimeNs time = 0;   ///< when the event was generated (UTC ns)
  TimeNs start = 0;  ///< start of validity
  TimeNs stale = 0;  ///< end of validity
  CotPoint point;

  std::optional<CotTrack> track;        ///< <detail><track>
  std::optional<std::string> callsign;  ///< <detail><contact callsign>
  std::optional<CotGroup> group;        ///< <detail><__group>
  std::optional<std::string> remarks;   ///< <detail><remarks> text (free text: may name people)

  /// `releaseableTo`: nations/agencies the event may be released to. On the wire one
  /// attribute, entries separated by commas, semicolons or spaces (TAK writes it on <event>; some
  /// producers put it on <detail>, which the decoder also reads).
  std::vector<std::string> releaseable_to;
  std::optional<std::string> caveat;  ///< `caveat`, e.g. "FOUO"; on <event> or <detail>
  std::optional<std::string> access;  ///< `access`, e.g. "Unclassified"
  std::optional<std::string> opex;    ///< `opex`: "o", "e" or "s" (+ "-name")
  std::optional<std::string> qos;     ///< `qos`, e.g. "1-r-c"

  bool operator==(const CotEvent&) const = default;
};

/// CoT affiliation: the second field of an atom type ("a-f-S" -> 'f'), or 0 if the type
/// is not an atom ("a-...") with an affiliation.
char affiliation(const std::string& type);

/// Battle dimension: the third field of an atom type ("a-f-S" -> 'S'), or 0.
char battle_dimension(const std::string& type);

}  // namespace sw::cot
