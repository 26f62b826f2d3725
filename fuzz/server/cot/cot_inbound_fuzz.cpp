/// libFuzzer target for what TAK clients send the CoT server (server::CotInbound): the
/// stream framing, the <auth> message, ping and own-asset classification, the DOCTYPE
/// refusal, oversize skipping and the overflow limit.
///
/// The first input byte chooses how the rest is cut into feed() calls; the rest is the
/// stream. Beyond "no crash, no sanitizer report", the target aborts when a contract
/// breaks:
/// - unless the overflow limit was reached, the items do not depend on how the stream is
///   cut (same kinds, reasons, documents and credentials, in the same order);
/// - every own-asset document is a friendly atom event the engine's CoT decoder takes,
///   and never one with this node's own uid prefix.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/cot/cot_event.h"
#include "ingest/cot/event_parser.h"
#include "server/cot_stream.h"

namespace {

constexpr std::size_t kMaxEventBytes = 2048;
constexpr std::size_t kMaxPendingBytes = 6144;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "cot_inbound_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

bool same(const sw::server::CotInboundItem& left, const sw::server::CotInboundItem& right) {
  return left.kind == right.kind && left.reason == right.reason &&
         left.document == right.document && left.uid == right.uid &&
         left.username == right.username && left.password == right.password;
}

void check_own_asset(const sw::server::CotInboundItem& item) {
  if (item.kind != sw::server::CotInboundItem::Kind::kOwnAsset) return;
  const auto event = sw::cot::decode_cot(item.document);
  if (!event.ok()) contract_broken("own asset does not decode", item.document);
  if (sw::cot::affiliation(event->type) != 'f') contract_broken("not friendly", event->type);
  if (std::string_view(event->uid).starts_with(sw::server::kCotUidPrefix)) {
    contract_broken("own uid accepted", event->uid);
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece_size = 1 + data[0] % 97;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  sw::server::CotInbound whole(kMaxEventBytes, kMaxPendingBytes);
  std::vector<sw::server::CotInboundItem> whole_items;
  const bool whole_within = whole.feed(stream, whole_items);

  sw::server::CotInbound pieces(kMaxEventBytes, kMaxPendingBytes);
  std::vector<sw::server::CotInboundItem> piece_items;
  bool pieces_within = true;
  for (std::size_t begin = 0; begin < stream.size() && pieces_within; begin += piece_size) {
    // Exactly sized copy: a read past the piece is caught by AddressSanitizer.
    const std::string piece(stream.substr(begin, piece_size));
    pieces_within = pieces.feed(piece, piece_items);
  }

  for (const auto& item : whole_items) check_own_asset(item);
  for (const auto& item : piece_items) check_own_asset(item);
  if (whole_within && pieces_within) {
    if (whole_items.size() != piece_items.size()) {
      contract_broken("item count depends on how input is cut", "");
    }
    for (std::size_t index = 0; index < whole_items.size(); ++index) {
      if (!same(whole_items[index], piece_items[index])) {
        contract_broken("items depend on how input is cut", whole_items[index].document);
      }
    }
  }
  return 0;
}
