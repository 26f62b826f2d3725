// Bits::append_armoured (eight characters at a time) against the definition of the
// armour, one character at a time (ITU-R M.1371 §8.2.4: six bits per character, MSB
// first), including fragments appended at every bit offset after dropped fill bits.

#include "ingest/ais/bits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace sw::ais {
namespace {

/// The 64 armour characters, in value order.
std::string armour_alphabet() {
  std::string alphabet;
  for (char c = '0'; c <= 'W'; ++c) alphabet.push_back(c);
  for (char c = '`'; c <= 'w'; ++c) alphabet.push_back(c);
  return alphabet;
}

/// Reference: a vector of bits, OR-ed in one character at a time at `at`.
void or_in_reference(std::vector<bool>& bits, std::size_t at, std::string_view payload) {
  for (char c : payload) {
    const std::uint8_t value = dearmour(c);
    for (int bit = 5; bit >= 0; --bit) {
      if (bits.size() <= at) bits.resize(at + 1, false);
      bits[at] = bits[at] || ((value >> bit) & 1U) != 0;
      ++at;
    }
  }
}

TEST(Bits, PackSixbitPutsTheFirstCharacterInTheHighestBits) {
  const std::string alphabet = armour_alphabet();
  ASSERT_EQ(alphabet.size(), 64U);
  for (std::size_t value = 0; value < 64; ++value) EXPECT_EQ(dearmour(alphabet[value]), value);
  // "0123456w": values 0..6, then 63.
  std::uint64_t chunk = 0;
  std::memcpy(&chunk, "0123456w", 8);
  // 000000 000001 000010 000011 000100 000101 000110 111111
  EXPECT_EQ(pack_sixbit(chunk), 0x0010831051bfULL);
}

TEST(Bits, AppendArmouredMatchesTheCharacterByCharacterDefinition) {
  const std::string alphabet = armour_alphabet();
  std::mt19937 rng(20261125);  // fixed seed: the same cases every run
  std::uniform_int_distribution<std::size_t> pick_char(0, 63);
  std::uniform_int_distribution<std::size_t> pick_length(0, 82);
  std::uniform_int_distribution<int> pick_fill(0, 5);
  std::uniform_int_distribution<int> pick_fragments(1, 5);
  Bits bits;
  for (int case_idx = 0; case_idx < 2000; ++case_idx) {
    bits.clear();
    std::vector<bool> expected;
    std::size_t count = 0;
    const int fragments = pick_fragments(rng);
    for (int fragment = 0; fragment < fragments; ++fragment) {
      std::string payload;
      const std::size_t length = pick_length(rng);
      for (std::size_t char_idx = 0; char_idx < length; ++char_idx) {
        payload.push_back(alphabet[pick_char(rng)]);
      }
      ASSERT_TRUE(bits.append_armoured(payload));
      or_in_reference(expected, count, payload);
      count += payload.size() * 6;
      ASSERT_EQ(bits.size(), count);
      const int fill = pick_fill(rng);  // the next fragment starts at any bit offset
      bits.drop_bits(static_cast<std::size_t>(fill));
      count -= std::min<std::size_t>(count, static_cast<std::size_t>(fill));
    }
    // Every bit written, including dropped fill bits that stay in the buffer, and
    // zeros after them.
    for (std::size_t bit_idx = 0; bit_idx < expected.size() + 16; ++bit_idx) {
      const bool want = bit_idx < expected.size() && expected[bit_idx];
      ASSERT_EQ(bits.u(bit_idx, 1) != 0, want) << "case " << case_idx << " bit " << bit_idx;
    }
  }
}

TEST(Bits, AppendArmouredOrsOverEveryDroppedBit) {
  // Empty fragments drop their fill bits one after another: from 0 to 80 dropped bits
  // (past the eight bytes the fast path starts from), all ones, then zeros and ones
  // appended over them.
  for (std::size_t dropped = 0; dropped <= 80; ++dropped) {
    for (const std::string_view next : {"00000000000000000", "0w0w0w0w0w0w0w0w0w0", "00000000"}) {
      Bits bits;
      std::vector<bool> expected;
      ASSERT_TRUE(bits.append_armoured("wwwwwwwwwwwwwwwwwwww"));  // 120 one bits
      or_in_reference(expected, 0, "wwwwwwwwwwwwwwwwwwww");
      for (std::size_t left = dropped; left > 0; left -= std::min<std::size_t>(left, 5)) {
        ASSERT_TRUE(bits.append_armoured(""));
        bits.drop_bits(std::min<std::size_t>(left, 5));
      }
      const std::size_t at = 120 - dropped;
      ASSERT_EQ(bits.size(), at);
      ASSERT_TRUE(bits.append_armoured(next));
      or_in_reference(expected, at, next);
      for (std::size_t bit_idx = 0; bit_idx < expected.size() + 16; ++bit_idx) {
        const bool want = bit_idx < expected.size() && expected[bit_idx];
        ASSERT_EQ(bits.u(bit_idx, 1) != 0, want)
            << "dropped " << dropped << " then " << next << ": bit " << bit_idx;
      }
    }
  }
}

TEST(Bits, AppendArmouredRefusesOverflowAndStaysInsideOnBadCharacters) {
  Bits bits;
  const std::string full(kMaxPayloadBits / 6, 'w');
  ASSERT_TRUE(bits.append_armoured(full));
  EXPECT_EQ(bits.size(), kMaxPayloadBits);
  EXPECT_FALSE(bits.append_armoured("0"));
  EXPECT_EQ(bits.size(), kMaxPayloadBits);
  // Characters outside the armour (the sentence layer refuses them) give some bits,
  // but only in the characters' own places: under the sanitizers, no stray write.
  bits.clear();
  ASSERT_TRUE(bits.append_armoured(std::string(kMaxPayloadBits / 6, '\xff')));
  EXPECT_EQ(bits.size(), kMaxPayloadBits);
}

}  // namespace
}  // namespace sw::ais
