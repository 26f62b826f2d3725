#include "ingest/asterix/decoder.h"

#include <algorithm>

#include "ingest/asterix/bytes.h"
#include "ingest/asterix/record_decode.h"

namespace sw::asterix {
namespace {

constexpr std::uint8_t kCat010 = 10;
constexpr std::uint8_t kCat034 = 34;

void count(DecoderStats& stats, Reason reason) {
  ++stats.by_reason[static_cast<std::size_t>(reason)];
}

std::size_t block_length(std::span<const std::uint8_t> header) {
  return bytes::read_unsigned(header, 1, 2);
}

/// Decode the records of one block of a supported category; `decode` reads one record.
template <typename Record, typename DecodeRecord>
void decode_records(std::span<const std::uint8_t> records_bytes, std::uint8_t category,
                    std::vector<Record>& out, DecodedRecords& all, std::uint64_t& decoded,
                    DecoderStats& stats, DecodeRecord decode) {
  if (records_bytes.empty()) {
    count(stats, Reason::kEmptyBlock);
    return;
  }
  Record record;
  std::size_t offset = 0;
  while (offset < records_bytes.size()) {
    const ReadLength read = decode(records_bytes.subspan(offset), record);
    if (read.failure) {
      count(stats, *read.failure);
      // An empty FSPEC (a zero octet, e.g. padding) has a known length: go on after it.
      if (*read.failure != Reason::kEmptyRecord) return;
      offset += std::max<std::size_t>(read.length, 1);
      continue;
    }
    out.push_back(std::move(record));
    all.order.push_back(category);
    ++decoded;
    offset += read.length;
  }
}

}  // namespace

const char* to_string(Reason reason) {
  switch (reason) {
    case Reason::kShortBlock: return "short_block";
    case Reason::kBadLength: return "bad_length";
    case Reason::kTruncatedBlock: return "truncated_block";
    case Reason::kUnknownCategory: return "unknown_category";
    case Reason::kEmptyBlock: return "empty_block";
    case Reason::kFspecOverrun: return "fspec_overrun";
    case Reason::kEmptyRecord: return "empty_record";
    case Reason::kUndefinedItem: return "undefined_item";
    case Reason::kItemOverrun: return "item_overrun";
    case Reason::kBadExplicitLength: return "bad_explicit_length";
    case Reason::kCount: break;
  }
  return "unknown";
}

std::uint64_t DecoderStats::rejected() const {
  std::uint64_t total = 0;
  for (std::size_t reason_idx = 0; reason_idx < by_reason.size(); ++reason_idx) {
    if (static_cast<Reason>(reason_idx) != Reason::kUnknownCategory) total += by_reason[reason_idx];
  }
  return total;
}

void decode_block(std::span<const std::uint8_t> block, DecodedRecords& out, DecoderStats& stats) {
  ++stats.blocks;
  const std::uint8_t category = block[0];
  const auto records_bytes = block.subspan(kBlockHeaderBytes);
  if (category == kCat010) {
    decode_records(records_bytes, category, out.cat010, out, stats.cat010_records, stats,
                   decode_cat010_record);
  } else if (category == kCat034) {
    decode_records(records_bytes, category, out.cat034, out, stats.cat034_records, stats,
                   decode_cat034_record);
  } else {
    ++stats.skipped_blocks;
    count(stats, Reason::kUnknownCategory);
  }
}

const DecodedRecords& Decoder::decode_datagram(std::span<const std::uint8_t> datagram) {
  records_.clear();
  std::size_t offset = 0;
  while (offset < datagram.size()) {
    const auto rest = datagram.subspan(offset);
    if (rest.size() < kBlockHeaderBytes) {
      count(stats_, Reason::kShortBlock);
      break;
    }
    const std::size_t length = block_length(rest);
    if (length < kBlockHeaderBytes || length > rest.size()) {
      count(stats_, Reason::kBadLength);
      break;
    }
    decode_block(rest.first(length), records_, stats_);
    offset += length;
  }
  return records_;
}

const DecodedRecords& StreamDecoder::feed(std::span<const std::uint8_t> bytes) {
  records_.clear();
  pending_.insert(pending_.end(), bytes.begin(), bytes.end());
  scan(false);
  return records_;
}

const DecodedRecords& StreamDecoder::finish() {
  records_.clear();
  scan(true);
  resyncing_ = false;
  return records_;
}

void StreamDecoder::scan(bool at_end) {
  std::size_t offset = 0;
  bool truncated = false;
  while (pending_.size() - offset >= kBlockHeaderBytes) {
    const auto rest = std::span<const std::uint8_t>(pending_).subspan(offset);
    const std::size_t length = block_length(rest);
    const bool supported = rest[0] == kCat010 || rest[0] == kCat034;
    const bool bad_header = length < kBlockHeaderBytes || (resyncing_ && !supported);
    const bool cut_short = !bad_header && length > rest.size();
    if (cut_short && !at_end) break;  // wait for the rest of the block
    if (bad_header || cut_short) {
      if (cut_short && !truncated) count(stats_, Reason::kTruncatedBlock);
      if (bad_header && !resyncing_) count(stats_, Reason::kBadLength);
      truncated = truncated || cut_short;
      resyncing_ = true;
      ++stats_.resync_bytes;
      ++offset;
      continue;
    }
    resyncing_ = false;
    decode_block(rest.first(length), records_, stats_);
    offset += length;
  }
  if (at_end && offset < pending_.size()) {
    if (resyncing_) {
      stats_.resync_bytes += pending_.size() - offset;
    } else {
      count(stats_, Reason::kShortBlock);
    }
    offset = pending_.size();
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(offset));
}

}  // namespace sw::asterix
