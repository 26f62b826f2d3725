#include "ingest/asterix/item_layout.h"

namespace sw::asterix {
namespace {

constexpr std::uint8_t kFxBit = 0x01;

constexpr ItemLayout fixed(std::uint8_t size) { return {ItemFormat::kFixed, size, {}}; }
constexpr ItemLayout extended() { return {ItemFormat::kExtended, 1, {}}; }
constexpr ItemLayout repetitive(std::uint8_t size) { return {ItemFormat::kRepetitive, size, {}}; }
constexpr ItemLayout explicit_length() { return {ItemFormat::kExplicit, 0, {}}; }
constexpr ItemLayout undefined() { return {ItemFormat::kUndefined, 0, {}}; }
constexpr ItemLayout compound(std::array<std::uint8_t, 7> subfield_sizes) {
  return {ItemFormat::kCompound, 0, subfield_sizes};
}

/// Octets of an FX-extended field at the start of `data`, or 0 if it runs past the end.
std::size_t extended_length(std::span<const std::uint8_t> data, std::size_t octet_size) {
  std::size_t offset = 0;
  while (offset + octet_size <= data.size()) {
    offset += octet_size;
    if ((data[offset - 1] & kFxBit) == 0) return offset;
  }
  return 0;
}

ReadLength compound_length(const ItemLayout& layout, std::span<const std::uint8_t> data) {
  const std::size_t primary = extended_length(data, 1);
  if (primary == 0) return {0, Reason::kItemOverrun};
  std::size_t length = primary;
  for (std::size_t octet_idx = 0; octet_idx < primary; ++octet_idx) {
    for (unsigned bit_idx = 0; bit_idx < 7; ++bit_idx) {
      if ((data[octet_idx] & (0x80U >> bit_idx)) == 0) continue;
      const std::size_t subfield_idx = octet_idx * 7 + bit_idx;
      if (subfield_idx >= layout.subfield_sizes.size() ||
          layout.subfield_sizes[subfield_idx] == 0) {
        return {0, Reason::kUndefinedItem};
      }
      length += layout.subfield_sizes[subfield_idx];
    }
  }
  if (length > data.size()) return {0, Reason::kItemOverrun};
  return {length, std::nullopt};
}

}  // namespace

ReadLength item_length(const ItemLayout& layout, std::span<const std::uint8_t> data) {
  switch (layout.format) {
    case ItemFormat::kUndefined: return {0, Reason::kUndefinedItem};
    case ItemFormat::kFixed:
      if (layout.size > data.size()) return {0, Reason::kItemOverrun};
      return {layout.size, std::nullopt};
    case ItemFormat::kExtended: {
      const std::size_t length = extended_length(data, layout.size);
      if (length == 0) return {0, Reason::kItemOverrun};
      return {length, std::nullopt};
    }
    case ItemFormat::kRepetitive: {
      if (data.empty()) return {0, Reason::kItemOverrun};
      const std::size_t length = 1 + static_cast<std::size_t>(data[0]) * layout.size;
      if (length > data.size()) return {0, Reason::kItemOverrun};
      return {length, std::nullopt};
    }
    case ItemFormat::kExplicit: {
      if (data.empty()) return {0, Reason::kItemOverrun};
      const std::size_t length = data[0];
      if (length == 0) return {0, Reason::kBadExplicitLength};
      if (length > data.size()) return {0, Reason::kItemOverrun};
      return {length, std::nullopt};
    }
    case ItemFormat::kCompound: return compound_length(layout, data);
  }
  return {0, Reason::kUndefinedItem};
}

Fspec read_fspec(std::span<const std::uint8_t> data, std::size_t item_count) {
  Fspec fspec;
  std::size_t octet_idx = 0;
  while (true) {
    if (octet_idx >= data.size()) {
      fspec.failure = Reason::kFspecOverrun;
      return fspec;
    }
    const std::uint8_t octet = data[octet_idx];
    for (unsigned bit_idx = 0; bit_idx < 7; ++bit_idx) {
      if ((octet & (0x80U >> bit_idx)) == 0) continue;
      const std::size_t frn = octet_idx * 7 + bit_idx + 1;
      if (frn > item_count) {
        fspec.failure = Reason::kUndefinedItem;
        return fspec;
      }
      fspec.frns[fspec.frn_count++] = static_cast<std::uint8_t>(frn);
    }
    ++octet_idx;
    if ((octet & kFxBit) == 0) break;
  }
  fspec.length = octet_idx;
  if (fspec.frn_count == 0) fspec.failure = Reason::kEmptyRecord;
  return fspec;
}

const Uap<28>& cat010_uap() {
  static const Uap<28> uap = {
      fixed(2),           // 1  I010/010 Data Source Identifier
      fixed(1),           // 2  I010/000 Message Type
      extended(),         // 3  I010/020 Target Report Descriptor
      fixed(3),           // 4  I010/140 Time of Day
      fixed(8),           // 5  I010/041 Position in WGS-84
      fixed(4),           // 6  I010/040 Position in Polar
      fixed(4),           // 7  I010/042 Position in Cartesian
      fixed(4),           // 8  I010/200 Track Velocity in Polar
      fixed(4),           // 9  I010/202 Track Velocity in Cartesian
      fixed(2),           // 10 I010/161 Track Number
      extended(),         // 11 I010/170 Track Status
      fixed(2),           // 12 I010/060 Mode-3/A Code
      fixed(3),           // 13 I010/220 Target Address
      fixed(7),           // 14 I010/245 Target Identification
      repetitive(8),      // 15 I010/250 Mode S MB Data
      fixed(1),           // 16 I010/300 Vehicle Fleet Identification
      fixed(2),           // 17 I010/090 Flight Level
      fixed(2),           // 18 I010/091 Measured Height
      extended(),         // 19 I010/270 Target Size and Orientation
      fixed(1),           // 20 I010/550 System Status
      fixed(1),           // 21 I010/310 Pre-programmed Message
      fixed(4),           // 22 I010/500 Standard Deviation of Position
      repetitive(2),      // 23 I010/280 Presence
      fixed(1),           // 24 I010/131 Amplitude of Primary Plot
      fixed(2),           // 25 I010/210 Calculated Acceleration
      undefined(),        // 26 spare
      explicit_length(),  // 27 SP Special Purpose Field
      explicit_length(),  // 28 RE Reserved Expansion Field
  };
  return uap;
}

const Uap<14>& cat034_uap() {
  static const Uap<14> uap = {
      fixed(2),                         // 1  I034/010 Data Source Identifier
      fixed(1),                         // 2  I034/000 Message Type
      fixed(3),                         // 3  I034/030 Time of Day
      fixed(1),                         // 4  I034/020 Sector Number
      fixed(2),                         // 5  I034/041 Antenna Rotation Period
      compound({1, 0, 0, 1, 1, 2, 0}),  // 6  I034/050 System Configuration and Status
      compound({1, 0, 0, 1, 1, 1, 0}),  // 7  I034/060 System Processing Mode
      repetitive(2),                    // 8  I034/070 Message Count Values
      fixed(8),                         // 9  I034/100 Generic Polar Window
      fixed(1),                         // 10 I034/110 Data Filter
      fixed(8),                         // 11 I034/120 3D-Position of Data Source
      fixed(2),                         // 12 I034/090 Collimation Error
      explicit_length(),                // 13 RE Reserved Expansion Field
      explicit_length(),                // 14 SP Special Purpose Field
  };
  return uap;
}

}  // namespace sw::asterix
