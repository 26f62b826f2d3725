#pragma once
/// Fixed-capacity text fields of AIS messages (names, callsigns, free text): no heap.

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "ingest/ais/bits.h"

namespace sw::ais {

/// A string of at most N characters stored inline.
template <std::size_t N>
class FixedText {
 public:
  std::string_view view() const { return {chars_.data(), size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void assign(std::string_view text) {
    size_ = text.size() < N ? text.size() : N;
    for (std::size_t char_idx = 0; char_idx < size_; ++char_idx) chars_[char_idx] = text[char_idx];
  }
  void push_back(char c) {
    if (size_ < N) chars_[size_++] = c;
  }
  void clear() { size_ = 0; }
  /// Drop trailing spaces and '@' (ITU-R M.1371 padding), as gpsd does.
  void trim_right() {
    while (size_ > 0 && (chars_[size_ - 1] == ' ' || chars_[size_ - 1] == '@')) --size_;
  }
  bool operator==(const FixedText& other) const { return view() == other.view(); }

 private:
  std::array<char, N> chars_{};
  std::size_t size_ = 0;
};

/// Read `count` six-bit characters from `start`, stopping at the first '@'.
/// gpsd keeps the characters before '@' and then trims trailing spaces/'@'.
template <std::size_t N>
void read_sixbit(const Bits& bits, std::size_t start, std::size_t count, FixedText<N>& out,
                 bool trim = true) {
  out.clear();
  for (std::size_t char_idx = 0; char_idx < count; ++char_idx) {
    const char c = kSixbitAscii[bits.u(start + 6 * char_idx, 6)];
    if (c == '@') break;
    out.push_back(c);
  }
  if (trim) out.trim_right();
}

/// Raw binary payload (applications, DGNSS corrections) with its bit count.
template <std::size_t MaxBits>
struct BitData {
  std::size_t bit_count = 0;
  std::array<std::uint8_t, (MaxBits + 7) / 8> bytes{};

  /// Copy `count` bits starting at `start` (zero-padded to a byte boundary).
  void copy_from(const Bits& bits, std::size_t start, std::size_t count) {
    if (count > MaxBits) count = MaxBits;
    bit_count = count;
    const std::size_t used = (count + 7) / 8;
    if (start % 8 == 0) {
      // Byte-aligned (types 6 and 8): copy whole bytes, then cut the last one.
      std::memcpy(bytes.data(), bits.data() + start / 8, used);
      if (count % 8 != 0) bytes[used - 1] &= static_cast<std::uint8_t>(0xff00U >> (count % 8));
    } else {
      for (std::size_t byte_idx = 0; byte_idx < used; ++byte_idx) {
        const std::size_t remaining = count - byte_idx * 8;
        const unsigned width = remaining >= 8 ? 8U : static_cast<unsigned>(remaining);
        bytes[byte_idx] =
            static_cast<std::uint8_t>(bits.u(start + byte_idx * 8, width) << (8 - width));
      }
    }
    std::memset(bytes.data() + used, 0, bytes.size() - used);
  }
};

}  // namespace sw::ais
