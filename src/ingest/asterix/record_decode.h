#pragma once
/// Decoding of one record of a supported category from the start of a block's records.

#include <cstdint>
#include <span>

#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"
#include "ingest/asterix/item_layout.h"

namespace sw::asterix {

/// Decode the CAT010 record at the start of `data` into `record` (reset first); returns
/// its length or the reason it cannot be read.
ReadLength decode_cat010_record(std::span<const std::uint8_t> data, Cat010Record& record);

/// Decode the CAT034 record at the start of `data` into `record` (reset first).
ReadLength decode_cat034_record(std::span<const std::uint8_t> data, Cat034Record& record);

/// ICAO six-bit character set (Annex 10 Vol IV 3.1.2.9): code of `letter`, space for
/// characters it cannot carry (lower case is upcased).
std::uint8_t icao_six_bit_code(char letter);
/// Character of a six-bit code: A-Z, space, 0-9; '?' for the codes it leaves undefined.
char icao_six_bit_char(std::uint8_t code);

}  // namespace sw::asterix
