#pragma once
/// Big-endian reads and writes of the unsigned and two's complement fields ASTERIX items
/// are made of. Reads take a span already checked to be long enough.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sw::asterix::bytes {

/// Unsigned big-endian value of `count` (<= 4) octets starting at `offset`.
inline std::uint32_t read_unsigned(std::span<const std::uint8_t> data, std::size_t offset,
                                   std::size_t count) {
  std::uint32_t value = 0;
  for (std::size_t octet_idx = 0; octet_idx < count; ++octet_idx) {
    value = (value << 8U) | data[offset + octet_idx];
  }
  return value;
}

/// Two's complement value of the low `bits` bits of `value`.
inline std::int32_t sign_extend(std::uint32_t value, unsigned bits) {
  const std::uint32_t sign_bit = 1U << (bits - 1U);
  const std::uint32_t mask = bits >= 32 ? 0xFFFFFFFFU : ((1U << bits) - 1U);
  const std::uint32_t field = value & mask;
  if ((field & sign_bit) == 0) return static_cast<std::int32_t>(field);
  return static_cast<std::int32_t>(static_cast<std::int64_t>(field) -
                                   (static_cast<std::int64_t>(1) << bits));
}

/// Signed big-endian value of `count` octets.
inline std::int32_t read_signed(std::span<const std::uint8_t> data, std::size_t offset,
                                std::size_t count) {
  return sign_extend(read_unsigned(data, offset, count), static_cast<unsigned>(count * 8));
}

/// Append the low `count` octets of `value`, most significant first.
inline void write(std::vector<std::uint8_t>& out, std::uint32_t value, std::size_t count) {
  for (std::size_t octet_idx = count; octet_idx > 0; --octet_idx) {
    out.push_back(static_cast<std::uint8_t>(value >> (8U * (octet_idx - 1U))));
  }
}

/// `value / lsb` rounded to the nearest integer and clamped to [low, high]; NaN gives 0
/// (or `low` when 0 is out of range).
inline std::int64_t quantize(double value, double lsb, std::int64_t low, std::int64_t high) {
  if (std::isnan(value)) return low > 0 ? low : (high < 0 ? high : 0);
  const double scaled = std::round(value / lsb);
  if (scaled <= static_cast<double>(low)) return low;
  if (scaled >= static_cast<double>(high)) return high;
  return static_cast<std::int64_t>(scaled);
}

/// `value / lsb` rounded, taken modulo `modulus` (angles, times of day); NaN gives 0.
inline std::uint32_t quantize_cyclic(double value, double lsb, std::uint32_t modulus) {
  if (!std::isfinite(value)) return 0;
  const double cycles = std::fmod(std::round(value / lsb), static_cast<double>(modulus));
  const double positive = cycles < 0 ? cycles + modulus : cycles;
  const auto raw = static_cast<std::uint32_t>(positive);
  return raw >= modulus ? 0 : raw;
}

}  // namespace sw::asterix::bytes
