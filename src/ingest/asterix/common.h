#pragma once
/// Types shared by the ASTERIX categories: data source identifier, items kept as raw
/// bytes, and the data block limits (EUROCONTROL ASTERIX Part 1).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sw::asterix {

/// Largest data block: LEN is a 16-bit count of the whole block (CAT, LEN and records).
constexpr std::size_t kMaxBlockBytes = 65535;
/// Size of the data block header: one octet CAT, two octets LEN (big-endian).
constexpr std::size_t kBlockHeaderBytes = 3;

/// I0xx/010 Data Source Identifier: System Area Code and System Identification Code.
struct DataSourceId {
  std::uint8_t sac = 0;
  std::uint8_t sic = 0;

  bool operator==(const DataSourceId&) const = default;
};

/// A data item this library does not model, kept as its exact bytes: `frn` is its field
/// reference number in the category's UAP (1-based FSPEC bit), `bytes` the whole item
/// (for an explicit item, its length octet included).
struct RawItem {
  std::uint8_t frn = 0;
  std::vector<std::uint8_t> bytes;

  bool operator==(const RawItem&) const = default;
};

}  // namespace sw::asterix
