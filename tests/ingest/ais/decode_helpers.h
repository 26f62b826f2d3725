#pragma once
/// Helpers shared by the AIS message tests: decode a message from its sentences and
/// print it as gpsdecode would.

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "ingest/ais/decoder.h"

namespace sw::ais::testing {

/// Feed the sentence(s) of one message and return the decoded message.
inline Message decode_lines(std::initializer_list<std::string_view> lines) {
  Decoder decoder;
  LineResult result;
  for (std::string_view line : lines) result = decoder.feed_line(line);
  EXPECT_EQ(result.reason, LineReason::kDecoded) << to_string(result.reason);
  return result.message != nullptr ? *result.message : Message{};
}

/// gpsdecode -j (scaled) or -u -j output of one message.
inline std::string json(const Message& message, bool scaled) {
  std::string out;
  append_json(message, scaled, out);
  return out;
}

/// gpsdecode -u -c output of one message.
inline std::string csv(const Message& message) {
  std::string out;
  append_csv(message, out);
  return out;
}

}  // namespace sw::ais::testing
