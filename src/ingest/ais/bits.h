#pragma once
/// Bit-level access to a de-armoured AIS payload (ITU-R M.1371 bit order: MSB first).

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sw::ais {

/// The largest payload we accept, in bits. ITU-R M.1371 allows 5 slots (1008 bits
/// with stuffing); real feeds split at most 9 fragments of 82 payload characters.
constexpr std::size_t kMaxPayloadBits = 9 * 82 * 6;

/// Six-bit ASCII alphabet of ITU-R M.1371 Table 47.
inline constexpr char kSixbitAscii[65] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

/// Value of an armoured payload character ('0'..'W', '`'..'w'), or 0xff if invalid.
constexpr std::uint8_t dearmour(char c) {
  auto value = static_cast<std::uint8_t>(static_cast<std::uint8_t>(c) - 48);
  if (value > 40) value = static_cast<std::uint8_t>(value - 8);
  return value < 64 ? value : 0xff;
}

/// dearmour() for every byte value, 0xff for characters outside the alphabet.
inline constexpr std::array<std::uint8_t, 256> kDearmourTable = [] {
  std::array<std::uint8_t, 256> table{};
  for (std::size_t char_idx = 0; char_idx < table.size(); ++char_idx) {
    table[char_idx] = dearmour(static_cast<char>(char_idx));
  }
  return table;
}();

/// Eight armoured characters, loaded little-endian (the first in the low byte), as
/// their 48 six-bit values, the first character's in the highest bits. SWAR: each
/// byte minus '0', minus 8 more above 'W' (dearmour()), then pairs, quads, halves
/// merged.
constexpr std::uint64_t pack_sixbit(std::uint64_t chunk) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  std::uint64_t values = chunk - kOnes * 0x30;
  values -= ((values + kOnes * 0x57) & (kOnes * 0x80)) >> 4;  // 8 where the byte > 40
  values &= kOnes * 0x3f;
  const std::uint64_t pairs =
      ((values << 6) & 0x0FC00FC00FC00FC0ULL) | ((values >> 8) & 0x003F003F003F003FULL);
  const std::uint64_t quads =
      ((pairs << 12) & 0x00FFF00000FFF000ULL) | ((pairs >> 16) & 0x00000FFF00000FFFULL);
  return ((quads & 0xFFFFFFULL) << 24) | ((quads >> 32) & 0xFFFFFFULL);
}

/// A packed, zero-padded bit buffer. Reads beyond the end return zero bits, so a
/// decoder never touches memory it does not own, whatever the length it is given.
class Bits {
 public:
  Bits() { bytes_.fill(0); }

  void clear() {
    std::memset(bytes_.data(), 0, (high_water_ + 7) / 8 + 1);
    bit_count_ = 0;
    high_water_ = 0;
  }
  std::size_t size() const { return bit_count_; }

  /// Append six-bit armoured characters; returns false if the buffer would overflow
  /// (characters are assumed already validated by the sentence layer; others give
  /// wrong bits, never a write outside the buffer).
  bool append_armoured(std::string_view payload) {
    if (bit_count_ + payload.size() * 6 > kMaxPayloadBits) return false;
    const auto* chars = reinterpret_cast<const unsigned char*>(payload.data());
    std::size_t char_idx = 0;
    // Eight characters at a time make 48 bits, stored through one 64-bit big-endian
    // window at any bit offset (the buffer has 8 bytes of slack). The window is kept
    // in a register: it starts as the eight bytes at bit_count_, which hold the bits
    // before it and any dropped fill bits (gpsd ORs the next fragment over those; past
    // high_water_ the buffer is zero), and carries its last two bytes into the next
    // store. Reading the buffer back after each store instead stalls on the store just
    // made. More than 48 dropped bits (never from fragments: 5 fill bits each, at most
    // 9 fragments) could reach past those eight bytes: the loop below takes that case.
    if (payload.size() >= 8 && high_water_ - bit_count_ <= 48) {
      std::uint8_t* out = bytes_.data() + bit_count_ / 8;
      const unsigned shift = 16 - static_cast<unsigned>(bit_count_ % 8);
      std::uint64_t window = 0;
      std::memcpy(&window, out, sizeof(window));
      window = __builtin_bswap64(window);
      for (; char_idx + 8 <= payload.size(); char_idx += 8, out += 6) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, chars + char_idx, sizeof(chunk));
        window |= pack_sixbit(chunk) << shift;
        const std::uint64_t big_endian = __builtin_bswap64(window);
        std::memcpy(out, &big_endian, sizeof(big_endian));
        window <<= 48;
      }
      if (const std::size_t rest = payload.size() - char_idx; rest != 0) {
        // The last 1..7 characters: the low bits of the last eight packed.
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, chars + payload.size() - 8, sizeof(chunk));
        const std::uint64_t last = pack_sixbit(chunk) & ((1ULL << (6 * rest)) - 1);
        window |= last << (shift + 48 - 6 * rest);
        const std::uint64_t big_endian = __builtin_bswap64(window);
        std::memcpy(out, &big_endian, sizeof(big_endian));
        char_idx = payload.size();
      }
      bit_count_ += char_idx * 6;
    }
    for (; char_idx < payload.size(); ++char_idx) {
      // Six bits at bit_count_ span at most two bytes: OR them in through a 16-bit
      // window (OR, not assign, as gpsd does over dropped fill bits).
      const std::uint32_t value = kDearmourTable[chars[char_idx]] & 0x3fU;
      const std::size_t byte_idx = bit_count_ / 8;
      const std::uint32_t window = value << (10 - bit_count_ % 8);
      bytes_[byte_idx] |= static_cast<std::uint8_t>(window >> 8);
      bytes_[byte_idx + 1] |= static_cast<std::uint8_t>(window & 0xffU);
      bit_count_ += 6;
    }
    if (bit_count_ > high_water_) high_water_ = bit_count_;
    return true;
  }
  /// Remove the fill bits of the current fragment from the count. As in gpsd, the
  /// bits themselves stay in the buffer: a field that runs past the end of a message
  /// reads them, and the next fragment is OR-ed over them. This is what gpsdecode
  /// prints, so it is kept for byte-identical output.
  void drop_bits(std::size_t count) { bit_count_ -= count > bit_count_ ? bit_count_ : count; }
  /// Append the low `width` bits of value, MSB first (width <= 32).
  void put(std::uint32_t value, unsigned width) {
    for (unsigned bit = width; bit-- > 0;) {
      if ((value >> bit) & 1U)
        bytes_[bit_count_ / 8] |= static_cast<std::uint8_t>(0x80U >> (bit_count_ % 8));
      ++bit_count_;
    }
    if (bit_count_ > high_water_) high_water_ = bit_count_;
  }

  /// Unsigned field of `width` bits (<= 32) at bit `start`.
  std::uint32_t u(std::size_t start, unsigned width) const {
    if (width == 0 || start >= kMaxPayloadBits) return 0;
    // One unaligned big-endian 64-bit load (the buffer has 8 bytes of slack).
    std::uint64_t word = 0;
    std::memcpy(&word, bytes_.data() + start / 8, sizeof(word));
    word = __builtin_bswap64(word);
    const unsigned shift = static_cast<unsigned>(64 - (start % 8) - width);
    return static_cast<std::uint32_t>((word >> shift) & ((1ULL << width) - 1));
  }
  /// Two's-complement signed field of `width` bits (<= 32) at bit `start`.
  std::int32_t s(std::size_t start, unsigned width) const {
    const std::uint32_t raw = u(start, width);
    const std::uint32_t sign = 1U << (width - 1);
    return static_cast<std::int32_t>(static_cast<std::int64_t>(raw ^ sign) -
                                     static_cast<std::int64_t>(sign));
  }
  bool flag(std::size_t start) const { return u(start, 1) != 0; }

  /// Raw bytes (bit 0 is the MSB of byte 0).
  const std::uint8_t* data() const { return bytes_.data(); }

 private:
  // 8 bytes of slack so u() may always load a whole 64-bit word.
  std::array<std::uint8_t, kMaxPayloadBits / 8 + 16> bytes_{};
  std::size_t bit_count_ = 0;
  std::size_t high_water_ = 0;  ///< furthest bit ever written since clear()
};

}  // namespace sw::ais
