#include "ingest/asterix/encoder.h"

#include <algorithm>

#include "ingest/asterix/bytes.h"

namespace sw::asterix {
namespace {

constexpr std::uint8_t kCat010 = 10;
constexpr std::uint8_t kCat034 = 34;

/// Frame encoded records into blocks of at most `max_block_bytes` (see encode_cat010_block).
template <typename Record, typename AppendRecord>
std::vector<std::uint8_t> encode_blocks(std::uint8_t category, std::span<const Record> records,
                                        std::size_t max_block_bytes, AppendRecord append_record) {
  const std::size_t limit =
      std::clamp<std::size_t>(max_block_bytes, kBlockHeaderBytes + 1, kMaxBlockBytes);
  std::vector<std::uint8_t> out;
  std::vector<std::uint8_t> encoded;
  std::size_t block_start = 0;
  bool block_open = false;
  const auto close_block = [&] {
    if (!block_open) return;
    const std::size_t length = out.size() - block_start;
    out[block_start + 1] = static_cast<std::uint8_t>(length >> 8U);
    out[block_start + 2] = static_cast<std::uint8_t>(length);
    block_open = false;
  };
  for (const Record& record : records) {
    encoded.clear();
    append_record(record, encoded);
    if (encoded.size() + kBlockHeaderBytes > kMaxBlockBytes) continue;  // fits in no block
    if (block_open && out.size() - block_start + encoded.size() > limit) close_block();
    if (!block_open) {
      block_start = out.size();
      out.push_back(category);
      out.push_back(0);
      out.push_back(0);
      block_open = true;
    }
    out.insert(out.end(), encoded.begin(), encoded.end());
  }
  close_block();
  return out;
}

}  // namespace

std::vector<std::uint8_t> encode_cat010_block(std::span<const Cat010Record> records,
                                              std::size_t max_block_bytes) {
  return encode_blocks(kCat010, records, max_block_bytes, append_cat010_record);
}

std::vector<std::uint8_t> encode_cat034_block(std::span<const Cat034Record> records,
                                              std::size_t max_block_bytes) {
  return encode_blocks(kCat034, records, max_block_bytes, append_cat034_record);
}

}  // namespace sw::asterix
