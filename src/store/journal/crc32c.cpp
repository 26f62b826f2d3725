#include "store/journal/crc32c.h"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace sw::store {
namespace {

constexpr std::uint32_t kReflectedPolynomial = 0x82F63B78;  // 0x1EDC6F41 bit-reversed

/// Slicing-by-8 tables: table[k][byte] is the CRC of `byte` followed by k zero bytes.
using SliceTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr SliceTables make_tables() {
  SliceTables tables{};
  for (std::uint32_t byte_value = 0; byte_value < 256; ++byte_value) {
    std::uint32_t crc = byte_value;
    for (int bit_idx = 0; bit_idx < 8; ++bit_idx) {
      crc = (crc & 1U) != 0 ? (crc >> 1) ^ kReflectedPolynomial : crc >> 1;
    }
    tables[0][byte_value] = crc;
  }
  for (std::size_t slice_idx = 1; slice_idx < 8; ++slice_idx) {
    for (std::size_t byte_value = 0; byte_value < 256; ++byte_value) {
      const std::uint32_t previous = tables[slice_idx - 1][byte_value];
      tables[slice_idx][byte_value] = (previous >> 8) ^ tables[0][previous & 0xFFU];
    }
  }
  return tables;
}

constexpr SliceTables kTables = make_tables();

std::uint32_t software_update(std::uint32_t state, const unsigned char* bytes, std::size_t size) {
  while (size >= 8) {
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    std::memcpy(&low, bytes, 4);
    std::memcpy(&high, bytes + 4, 4);
    if constexpr (std::endian::native == std::endian::big) {
      low = __builtin_bswap32(low);
      high = __builtin_bswap32(high);
    }
    low ^= state;
    state = kTables[7][low & 0xFFU] ^ kTables[6][(low >> 8) & 0xFFU] ^
            kTables[5][(low >> 16) & 0xFFU] ^ kTables[4][low >> 24] ^ kTables[3][high & 0xFFU] ^
            kTables[2][(high >> 8) & 0xFFU] ^ kTables[1][(high >> 16) & 0xFFU] ^
            kTables[0][high >> 24];
    bytes += 8;
    size -= 8;
  }
  while (size > 0) {
    state = (state >> 8) ^ kTables[0][(state ^ *bytes) & 0xFFU];
    ++bytes;
    --size;
  }
  return state;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t hardware_update(std::uint32_t state,
                                                                const unsigned char* bytes,
                                                                std::size_t size) {
  std::uint64_t wide_state = state;
  while (size >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, 8);
    wide_state = _mm_crc32_u64(wide_state, word);
    bytes += 8;
    size -= 8;
  }
  auto narrow_state = static_cast<std::uint32_t>(wide_state);
  while (size > 0) {
    narrow_state = _mm_crc32_u8(narrow_state, *bytes);
    ++bytes;
    --size;
  }
  return narrow_state;
}

bool detect_hardware() { return __builtin_cpu_supports("sse4.2") != 0; }
#else
bool detect_hardware() { return false; }
#endif

const bool kHardware = detect_hardware();

}  // namespace

std::uint32_t crc32c_extend_software(std::uint32_t crc, const void* data, std::size_t size) {
  return ~software_update(~crc, static_cast<const unsigned char*>(data), size);
}

std::uint32_t crc32c_extend(std::uint32_t crc, const void* data, std::size_t size) {
#if defined(__x86_64__)
  if (kHardware) return ~hardware_update(~crc, static_cast<const unsigned char*>(data), size);
#endif
  return crc32c_extend_software(crc, data, size);
}

bool crc32c_uses_hardware() { return kHardware; }

}  // namespace sw::store
