// Lines from stream pieces and datagrams.

#include "engine/line_assembler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sw::engine {
namespace {

std::vector<std::string> feed_all(LineAssembler& lines, const std::vector<std::string>& pieces,
                                  bool datagram) {
  std::vector<std::string> out;
  for (const std::string& piece : pieces) {
    lines.feed(piece, datagram, [&](std::string_view line) { out.emplace_back(line); });
  }
  return out;
}

TEST(LineAssembler, JoinsLinesSplitAcrossStreamReads) {
  LineAssembler lines(100);
  EXPECT_EQ(feed_all(lines, {"!AIVDM,1", ",1,,A,x*00\n!AI", "VDM,2\nrest"}, false),
            (std::vector<std::string>{"!AIVDM,1,1,,A,x*00", "!AIVDM,2"}));
  lines.reset();  // new connection: "rest" is gone
  EXPECT_EQ(feed_all(lines, {"next\n"}, false), std::vector<std::string>{"next"});
}

TEST(LineAssembler, DatagramEndsItsLastLine) {
  LineAssembler lines(100);
  EXPECT_EQ(feed_all(lines, {"a\nb", "c"}, true), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(LineAssembler, OversizedLineIsSkippedToItsEndAndCounted) {
  LineAssembler lines(8);
  EXPECT_EQ(feed_all(lines, {"short\n0123456", "789abcdef", "ghi\nok\n"}, false),
            (std::vector<std::string>{"short", "ok"}));
  EXPECT_EQ(lines.oversized(), 1U);
  EXPECT_EQ(feed_all(lines, {"0123456789\nfine\n"}, false), std::vector<std::string>{"fine"});
  EXPECT_EQ(lines.oversized(), 2U);
}

}  // namespace
}  // namespace sw::engine
