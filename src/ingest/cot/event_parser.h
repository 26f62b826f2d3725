#pragma once
/// Event parser: one complete XML document -> CotEvent, or the reason it is refused.
///
/// Security: a document containing "<!DOCTYPE" or "<!ENTITY" (any case) is refused
/// before parsing, and pugixml runs without parse_doctype, so no entity is ever declared
/// or expanded (only the five predefined entities and character references are decoded).

#include <string_view>

#include "core/result.h"
#include "ingest/cot/cot_event.h"
#include "ingest/cot/decode_reason.h"

namespace sw::cot {

/// Outcome of parsing one document.
struct ParsedDocument {
  Reason reason = Reason::kNotXml;
  CotEvent event;              ///< meaningful when reason == Reason::kDecoded
  bool track_ignored = false;  ///< a <track> without a valid course and speed was dropped
};

/// Parses one document: an optional XML declaration, comments and whitespace, and one
/// root element, which must be <event>. What is read (all else is ignored):
/// - event@uid, @type (required, non-empty), @how (optional, "" if absent);
/// - event@time and @stale (required), @start (defaults to time); stale < time is refused;
/// - point@lat, @lon (required, in range), @hae, @ce, @le (absent, NaN or >= 999999:
///   unknown; ce and le must be >= 0);
/// - detail/track@course (0..360 deg true, 360 read as 0) and @speed (>= 0 m/s), both or
///   the track is dropped (event kept); detail/contact@callsign; detail/__group@name,@role;
///   detail/remarks text;
/// - @releaseableTo (also spelled releasableTo) and @caveat on <event>, else on <detail>;
///   @access, @qos, @opex on <event>.
ParsedDocument parse_document(std::string_view document);

/// parse_document() as a Result: the error code is to_string(reason).
Result<CotEvent> decode_cot(std::string_view document);

}  // namespace sw::cot
