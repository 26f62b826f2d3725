#pragma once
/// TTM/TLL fields of an already split sentence: the step of parse_arpa_sentence() that
/// ArpaDecoder shares (it splits each line once for radar and own-ship sentences).

#include "core/result.h"
#include "ingest/nmea/arpa.h"
#include "ingest/nmea/arpa_fields.h"

namespace sw::nmea {

/// The ArpaTarget of a split TTM or TLL sentence; error codes as parse_arpa_sentence().
Result<ArpaTarget> parse_arpa_fields(const NmeaFields& fields);

}  // namespace sw::nmea
