#pragma once
/// Item-level JSON of decoded records, one flat object per record, for inspection and for
/// comparison with Wireshark: keys are Wireshark's ASTERIX field names without the
/// "asterix.CCC_" prefix ("010_SAC", "140_VALUE", "040_RHO", ...), values in the units
/// Wireshark shows; unmodelled items as "ITEM_hex" (e.g. "250_hex") with their bytes.

#include <string>

#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"

namespace sw::asterix {

/// {"category":10, ...} on one line, no newline.
std::string record_json_line(const Cat010Record& record);
/// {"category":34, ...} on one line, no newline.
std::string record_json_line(const Cat034Record& record);

/// The UAP item name of field reference number `frn` ("010", "SP", ...; "" if none).
const char* cat010_item_name(unsigned frn);
const char* cat034_item_name(unsigned frn);

}  // namespace sw::asterix
