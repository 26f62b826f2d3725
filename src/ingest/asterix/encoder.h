#pragma once
/// Encoder: CAT010 / CAT034 records -> ASTERIX data blocks (CAT, LEN, records), the inverse
/// of the decoder. Deterministic: same records, same bytes.
///
/// Values are rounded to the item's LSB and clamped to its range (e.g. a range over
/// 65535 m is sent as 65535 m, an azimuth is taken modulo 360 deg, a time of day modulo
/// 24 h). Items are written in UAP order with the shortest FSPEC; extensible items
/// (I010/020, 170, 270) with as few extents as their values need. `other_items` are
/// written as given (a later item with the same FRN as an earlier one is ignored; an item
/// with an FRN the record models itself, or of a spare UAP slot, is ignored).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"
#include "ingest/asterix/common.h"

namespace sw::asterix {

/// Append one CAT010 record (FSPEC and items, no block header) to `out`.
void append_cat010_record(const Cat010Record& record, std::vector<std::uint8_t>& out);

/// Append one CAT034 record (FSPEC and items, no block header) to `out`.
void append_cat034_record(const Cat034Record& record, std::vector<std::uint8_t>& out);

/// One CAT010 data block holding `records` — or, when they do not fit in
/// `max_block_bytes` (at most kMaxBlockBytes), several consecutive blocks, each as full as
/// it can be. A record is never split: one larger than the limit gets a block to itself,
/// and one that cannot fit in any block (possible only with oversized `other_items`) is
/// left out. No records: empty result.
std::vector<std::uint8_t> encode_cat010_block(std::span<const Cat010Record> records,
                                              std::size_t max_block_bytes = kMaxBlockBytes);

/// As encode_cat010_block, for CAT034.
std::vector<std::uint8_t> encode_cat034_block(std::span<const Cat034Record> records,
                                              std::size_t max_block_bytes = kMaxBlockBytes);

}  // namespace sw::asterix
