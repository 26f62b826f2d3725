#pragma once
// Hand-made ASTERIX byte vectors shared by the tests, built from the EUROCONTROL item
// layouts (CAT010 Part 7 edition 1.1, CAT034 edition 1.27).

#include <cstdint>
#include <vector>

namespace sw::asterix::test {

using Bytes = std::vector<std::uint8_t>;

/// One CAT010 track record: SAC 1 / SIC 2, target report, PSR, time of day 3600.5 s,
/// polar 5000 m at 90 deg, Cartesian (-1000, 250) m, track 291, track status with its
/// first extension, size 12 m / 45 deg / 4 m, sigma x 10 m, sigma y 5.5 m, cov -12.5 m^2.
inline Bytes cat010_track_record() {
  return {
      0xF7, 0x31, 0x09, 0x80,  // FSPEC: FRN 1-4, 6, 7 | 10, 11 | 19 | 22
      0x01, 0x02,              // I010/010 SAC 1, SIC 2
      0x01,                    // I010/000 target report
      0x60,                    // I010/020 TYP 3 (PSR), no extension
      0x07, 0x08, 0x40,        // I010/140 460864 / 128 = 3600.5 s
      0x13, 0x88, 0x40, 0x00,  // I010/040 rho 5000 m, theta 0x4000 = 90 deg
      0xFC, 0x18, 0x00, 0xFA,  // I010/042 x -1000 m, y 250 m
      0x01, 0x23,              // I010/161 track 291
      0x0F, 0xD2,              // I010/170 MAH TCC STH + FX | TOM 3, DOU 2, MRS 1
      0x19, 0x21, 0x08,        // I010/270 length 12 + FX, orientation 16 (45 deg) + FX, width 4
      0x28, 0x16, 0xFF, 0xCE,  // I010/500 sigma x 40/4, sigma y 22/4, cov -50/4
  };
}

/// A data block of `category` around `records` (LEN computed).
inline Bytes block(std::uint8_t category, const Bytes& records) {
  Bytes out = {category, static_cast<std::uint8_t>((records.size() + 3) >> 8U),
               static_cast<std::uint8_t>(records.size() + 3)};
  out.insert(out.end(), records.begin(), records.end());
  return out;
}

/// One CAT034 north marker: SAC 1 / SIC 2, time of day 43200 s, rotation period 4 s.
inline Bytes cat034_north_marker_record() {
  return {
      0xE8,              // FSPEC: FRN 1, 2, 3, 5
      0x01, 0x02,        // I034/010
      0x01,              // I034/000 north marker
      0x54, 0x60, 0x00,  // I034/030 5529600 / 128 = 43200 s
      0x02, 0x00,        // I034/041 512 / 128 = 4 s
  };
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

}  // namespace sw::asterix::test
