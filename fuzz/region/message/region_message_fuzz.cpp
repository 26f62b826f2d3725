/// libFuzzer target for what a region process reads from the bus (region::parse_region_payload):
/// a published track or a handed-over one. Beyond "no crash, no sanitizer report", the target
/// aborts when a contract breaks: a message that parses, written again and parsed again, is the
/// same message (sender, addressee, track id, version and label).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "region/region_wire.h"
#include "server/federated_items.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const auto message = sw::region::parse_region_payload(payload);
  if (!message) return 0;
  const auto again = sw::region::parse_region_payload(sw::region::region_payload(*message));
  if (!again || again->from != message->from || again->to != message->to ||
      again->track.id != message->track.id ||
      sw::server::track_version(again->track) != sw::server::track_version(message->track) ||
      !(again->track.label == message->track.label)) {
    std::fprintf(stderr, "region_message_fuzz: a message does not survive writing and reading\n");
    std::abort();
  }
  return 0;
}
