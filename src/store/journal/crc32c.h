#pragma once
/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected, init and final XOR 0xFFFFFFFF):
/// the checksum of journal frames. Uses the SSE4.2 crc32 instruction when the CPU has it,
/// else a table-driven software path; both give identical results.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sw::store {

/// CRC-32C of `size` bytes continuing from a finished CRC `crc` (0 to start):
/// crc32c_extend(crc32c(a), b) == crc32c(a + b).
std::uint32_t crc32c_extend(std::uint32_t crc, const void* data, std::size_t size);

inline std::uint32_t crc32c(std::string_view bytes) {
  return crc32c_extend(0, bytes.data(), bytes.size());
}

/// The software path alone (for tests and benchmarks).
std::uint32_t crc32c_extend_software(std::uint32_t crc, const void* data, std::size_t size);

/// True when crc32c_extend uses the SSE4.2 instruction on this CPU.
bool crc32c_uses_hardware();

}  // namespace sw::store
