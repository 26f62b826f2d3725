#pragma once
/// Encoder: CotEvent -> one Cursor-on-Target XML document.

#include <string>

#include "ingest/cot/cot_event.h"

namespace sw::cot {

/// One well-formed XML document holding one `<event version="2.0">`, starting with
/// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and ending with `</event>`
/// (no trailing newline). Deterministic: same event, same bytes. Attribute values and
/// text are escaped (& < > " ' and control bytes as character references; bytes that
/// XML 1.0 cannot carry — C0 controls other than tab/LF/CR — are replaced by '?').
/// Times are ISO-8601 UTC with 'Z' and 3 to 9 fractional digits, as many as needed to
/// be exact; unknown hae/ce/le are written as 9999999.0; numbers are written with up to 17
/// significant digits so that decode(encode(event)) == event for finite values.
/// `releaseableTo` and `caveat` are written as attributes of <event>, as TAK does.
std::string encode_cot(const CotEvent& event);

}  // namespace sw::cot
