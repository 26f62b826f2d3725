/// libFuzzer target for the bodies a partner node's tracks and alerts arrive in
/// (server::track_from_body, alert_from_body): signed by a known partner, yet outside bytes.
/// Beyond "no crash, no sanitizer report", the target aborts when a contract breaks: a body
/// that reads as an item, written again and read again, is the same item.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "server/federated_items.h"

namespace {

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "federated_items_fuzz: %s does not survive writing and reading\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (const auto track = sw::server::track_from_body(body)) {
    const std::string text = sw::server::track_body(*track);
    const auto again = sw::server::track_from_body(text);
    if (!again || sw::server::track_body(*again) != text) broken("a track");
  }
  if (const auto alert = sw::server::alert_from_body(body)) {
    const std::string text = sw::server::alert_body(*alert);
    const auto again = sw::server::alert_from_body(text);
    if (!again || sw::server::alert_body(*again) != text) broken("an alert");
  }
  return 0;
}
