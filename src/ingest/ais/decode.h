#pragma once
/// Decode one reassembled AIS payload into a Message.

#include <string>

#include "ingest/ais/families.h"

namespace sw::ais {

/// Decode `bits` (already de-armoured, fill bits removed). Type 24 parts are
/// returned as they are; merging parts A and B is the Decoder's job.
DecodeError decode_message(const Bits& bits, Message& out);

/// Append gpsd-style JSON for `message` (with "\r\n"), as `gpsdecode -j` / `-u -j`.
void append_json(const Message& message, bool scaled, TextBuffer& out,
                 std::string_view device = "stdin");

/// Append gpsd-style pipe-separated CSV (with "\r\n"), as `gpsdecode -u -c`.
void append_csv(const Message& message, TextBuffer& out);

/// Convenience forms appending to a std::string (tests, tools; slower).
void append_json(const Message& message, bool scaled, std::string& out,
                 std::string_view device = "stdin");
void append_csv(const Message& message, std::string& out);

}  // namespace sw::ais
