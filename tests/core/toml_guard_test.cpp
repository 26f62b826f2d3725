// The checks on TOML text made before parsing: UTF-8 validity and bracket nesting.

#include "core/toml_guard.h"

#include <gtest/gtest.h>

#include <string>

namespace sw {
namespace {

TEST(InvalidUtf8, FindsTheFirstBadByte) {
  EXPECT_EQ(invalid_utf8_at("plain ascii"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_at("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\xA2"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_at("ab\xC3"), 2U);            // cut short
  EXPECT_EQ(invalid_utf8_at("a\xC0\xAF"), 1U);         // overlong
  EXPECT_EQ(invalid_utf8_at("a\xE0\x80\xAF"), 1U);     // overlong, 3 bytes
  EXPECT_EQ(invalid_utf8_at("ab\xED\xA0\x80"), 2U);    // a surrogate
  EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0U);  // above U+10FFFF
  EXPECT_EQ(invalid_utf8_at("x = 'ok' # \xFF"), 11U);  // a byte never in UTF-8
}

TEST(TomlBracketDepth, CountsOnlyBracketsOutsideStringsAndComments) {
  EXPECT_EQ(toml_bracket_depth("a = 1\n"), 0);
  EXPECT_EQ(toml_bracket_depth("[table]\na = [[1, 2], {b = [3]}]\n"), 3);
  EXPECT_EQ(toml_bracket_depth("a = \"[[[[\"\nb = '{{{{'\n# [[[[[[\n"), 0);
  EXPECT_EQ(toml_bracket_depth("a = \"\"\"x\"\"\"\" \nb = [1]\n"), 1);  // """x"""" then [1]
  EXPECT_EQ(toml_bracket_depth("a = '''[[''' \nb = [[1]]\n"), 2);
  std::string deep = "a = ";
  for (int level = 0; level < 2000; ++level) deep += '[';
  EXPECT_EQ(toml_bracket_depth(deep), 2000);
  EXPECT_GT(toml_bracket_depth(deep), kMaxTomlNesting);
}

}  // namespace
}  // namespace sw
