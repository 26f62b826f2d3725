// CRC-32C: the RFC 3720 (iSCSI) test vectors, and the hardware, software and Boost.CRC
// implementations agreeing on every length and alignment.

#include "store/journal/crc32c.h"

#include <gtest/gtest.h>

#include <boost/crc.hpp>
#include <cstdint>
#include <string>

#include "core/rng.h"

namespace sw::store {
namespace {

using BoostCrc32c = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

std::uint32_t boost_crc(const std::string& bytes) {
  BoostCrc32c crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

TEST(Crc32c, Rfc3720Vectors) {
  EXPECT_EQ(crc32c(""), 0x00000000U);
  EXPECT_EQ(crc32c("123456789"), 0xE3069283U);
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAU);
  EXPECT_EQ(crc32c(std::string(32, '\xFF')), 0x62A8AB43U);
  std::string ascending;
  std::string descending;
  for (int byte_value = 0; byte_value < 32; ++byte_value) {
    ascending.push_back(static_cast<char>(byte_value));
    descending.push_back(static_cast<char>(31 - byte_value));
  }
  EXPECT_EQ(crc32c(ascending), 0x46DD794EU);
  EXPECT_EQ(crc32c(descending), 0x113FDB5CU);
}

TEST(Crc32c, HardwareSoftwareAndBoostAgreeOnEveryLengthAndAlignment) {
  Rng rng(20240601);
  std::string bytes(1100, '\0');
  for (char& byte : bytes) byte = static_cast<char>(rng.next());
  for (std::size_t offset = 0; offset < 9; ++offset) {
    for (std::size_t length = 0; length + offset <= bytes.size(); length += 37) {
      const std::string piece = bytes.substr(offset, length);
      const std::uint32_t expected = boost_crc(piece);
      ASSERT_EQ(crc32c(piece), expected) << offset << " " << length;
      ASSERT_EQ(crc32c_extend_software(0, piece.data(), piece.size()), expected);
    }
  }
}

TEST(Crc32c, ExtendEqualsCrcOfConcatenation) {
  const std::string first = "SJWR header bytes";
  const std::string second = "and the body that follows them";
  const std::uint32_t whole = crc32c(first + second);
  EXPECT_EQ(crc32c_extend(crc32c(first), second.data(), second.size()), whole);
  EXPECT_EQ(crc32c_extend_software(crc32c(first), second.data(), second.size()), whole);
}

}  // namespace
}  // namespace sw::store
