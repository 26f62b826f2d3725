/// libFuzzer target for what a partner node sends (share::parse_federated_payload): the
/// JSON of a federated item, after its signature checked. Beyond "no crash, no sanitizer
/// report", the target aborts when a contract breaks: an item that parses, written again
/// and parsed again, is the same item (sender, addressee, kind, id, version, label, body).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "share/federation/federation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  std::string to;
  const auto item = sw::share::parse_federated_payload(payload, to);
  if (!item) return 0;
  std::string to_again;
  const auto again =
      sw::share::parse_federated_payload(sw::share::federated_payload(*item, to), to_again);
  if (!again || to_again != to || again->from != item->from || again->kind != item->kind ||
      again->id != item->id || again->version != item->version || !(again->label == item->label) ||
      again->body != item->body) {
    std::fprintf(stderr, "federated_payload_fuzz: an item does not survive writing and reading\n");
    std::abort();
  }
  return 0;
}
