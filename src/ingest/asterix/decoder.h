#pragma once
/// Decoder: ASTERIX data blocks -> CAT010 and CAT034 records, for datagrams (one UDP
/// payload holding one or more blocks) and for byte streams (files, TCP) where blocks are
/// concatenated and may be split across reads.
///
/// Outside bytes are never trusted: every block or record that cannot be decoded is
/// counted by reason and skipped. Records decoded before a fault are kept; a fault inside
/// a record loses the rest of its block (record boundaries are unknown past it) but not
/// the blocks after it, since the block length says where the next one starts. Blocks of
/// other categories are skipped by their length and counted.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"

namespace sw::asterix {

/// Every way a data block or a record can fail to decode.
enum class Reason : std::uint8_t {
  kShortBlock,         ///< fewer than 3 bytes left for a block header
  kBadLength,          ///< LEN < 3 or LEN past the end of the datagram
  kTruncatedBlock,     ///< stream ended inside a block
  kUnknownCategory,    ///< a category other than 010 and 034: block skipped
  kEmptyBlock,         ///< a block with no records (LEN == 3)
  kFspecOverrun,       ///< FSPEC runs past the end of the block
  kEmptyRecord,        ///< FSPEC with no item bit set
  kUndefinedItem,      ///< FSPEC bit of a spare/undefined UAP slot or subfield
  kItemOverrun,        ///< an item runs past the end of the block
  kBadExplicitLength,  ///< explicit (SP/RE) length octet of 0
  kCount
};

const char* to_string(Reason reason);

/// Counters of one decoder.
struct DecoderStats {
  std::uint64_t blocks = 0;          ///< block headers seen (every category)
  std::uint64_t cat010_records = 0;  ///< records decoded
  std::uint64_t cat034_records = 0;
  std::uint64_t skipped_blocks = 0;  ///< blocks of other categories (also kUnknownCategory)
  std::uint64_t resync_bytes = 0;    ///< stream bytes dropped to find the next block
  std::array<std::uint64_t, static_cast<std::size_t>(Reason::kCount)> by_reason{};

  std::uint64_t count(Reason reason) const { return by_reason[static_cast<std::size_t>(reason)]; }
  /// Rejections of bad input (every reason but kUnknownCategory, which is a skip).
  std::uint64_t rejected() const;
};

/// Records decoded from one datagram or one stream read, in arrival order within each
/// category. `order` gives the interleaving: for each record, its category (10 or 34).
struct DecodedRecords {
  std::vector<Cat010Record> cat010;
  std::vector<Cat034Record> cat034;
  std::vector<std::uint8_t> order;

  void clear() {
    cat010.clear();
    cat034.clear();
    order.clear();
  }
  bool empty() const { return order.empty(); }
};

/// Decode one data block (`block` is exactly CAT, LEN and LEN - 3 bytes of records)
/// into `out`, counting in `stats`. Used by both decoders below.
void decode_block(std::span<const std::uint8_t> block, DecodedRecords& out, DecoderStats& stats);

/// Decodes datagrams of data blocks (one UDP payload each); keeps counters across calls.
class Decoder {
 public:
  /// Decode every data block of `datagram`; returns the records (valid until the next call).
  const DecodedRecords& decode_datagram(std::span<const std::uint8_t> datagram);

  const DecoderStats& stats() const { return stats_; }

 private:
  DecoderStats stats_;
  DecodedRecords records_;
};

/// Decodes a byte stream of concatenated data blocks fed in arbitrary pieces (files, TCP).
/// A header with LEN < 3 is garbage: it is counted once as kBadLength and bytes are dropped
/// (counted in resync_bytes) until a header of CAT 010 or 034 with LEN >= 3 is found.
/// Memory is bounded: at most one block (kMaxBlockBytes) is held between calls.
class StreamDecoder {
 public:
  /// Append `bytes`; decode every complete block. Records valid until the next call.
  const DecodedRecords& feed(std::span<const std::uint8_t> bytes);
  /// End of stream. A block cut short by the end (or a garbage header whose LEN runs past
  /// it) is counted once as kTruncatedBlock, and the bytes after its first are searched
  /// again for blocks, so that a bad header does not hide the blocks behind it; fewer than
  /// 3 bytes left over are kShortBlock. Returns the records so recovered.
  const DecodedRecords& finish();

  const DecoderStats& stats() const { return stats_; }

 private:
  void scan(bool at_end);

  DecoderStats stats_;
  DecodedRecords records_;
  std::vector<std::uint8_t> pending_;
  bool resyncing_ = false;
};

}  // namespace sw::asterix
