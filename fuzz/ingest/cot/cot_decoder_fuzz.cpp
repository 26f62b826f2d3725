/// libFuzzer target for the Cursor-on-Target decoder: the stream framer (markup lexing,
/// resynchronisation, truncation, oversize skipping), the pugixml event parser with its
/// DOCTYPE refusal, the datagram path, the encoder and the conversion to observations.
///
/// The first input byte chooses how the rest is cut into feed() calls; the rest is the
/// stream. Beyond "no crash, no sanitizer report", the target aborts when a contract
/// breaks:
/// - the outcome does not depend on how the stream is cut: the same bytes fed whole and
///   in pieces give the same events and the same counts by reason;
/// - the framer holds at most max_event_bytes plus one piece;
/// - every decoded event encodes to a document that decodes again, and encoding is
///   idempotent after that first pass (the encoder only replaces what XML cannot carry);
/// - every event that becomes an observation prints as one JSON line.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/observation_json.h"
#include "ingest/cot/decoder.h"
#include "ingest/cot/encoder.h"
#include "ingest/cot/event_parser.h"
#include "ingest/cot/to_observation.h"

namespace {

constexpr std::size_t kMaxEventBytes = 2048;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "cot_decoder_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

sw::cot::Decoder::Options options() {
  sw::cot::Decoder::Options decoder_options;
  decoder_options.max_event_bytes = kMaxEventBytes;
  return decoder_options;
}

void check_event(const sw::cot::CotEvent& event) {
  const std::string xml = sw::cot::encode_cot(event);
  const auto again = sw::cot::decode_cot(xml);
  if (!again.ok())
    contract_broken("encoded event does not decode", again.error().code + "\n" + xml);
  if (sw::cot::encode_cot(*again) != xml) contract_broken("encoding is not idempotent", xml);

  sw::cot::ObservationContext context;
  context.source_id = "fuzz";
  context.label.releasable_to = {"FRA", "GBR"};
  if (const auto observation = sw::cot::to_observation(event, context)) {
    const std::string line = sw::cli::observation_json_line(*observation);
    if (line.find('\n') != std::string::npos) contract_broken("JSON line has a newline", line);
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece_size = 1 + data[0] % 97;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  sw::cot::Decoder whole(options());
  std::vector<sw::cot::CotEvent> whole_events;
  whole.feed(stream, whole_events);
  whole.finish();

  sw::cot::Decoder pieces(options());
  std::vector<sw::cot::CotEvent> piece_events;
  sw::cot::Framer framer(kMaxEventBytes);
  for (std::size_t begin = 0; begin < stream.size(); begin += piece_size) {
    // Exactly sized copy: a read past the piece is caught by AddressSanitizer.
    const std::string piece(stream.substr(begin, piece_size));
    pieces.feed(piece, piece_events);
    framer.append(piece);
    while (framer.next()) {
    }
    if (framer.pending_bytes() > kMaxEventBytes + piece_size) {
      contract_broken("framer holds too much", std::to_string(framer.pending_bytes()));
    }
  }
  pieces.finish();

  if (piece_events != whole_events) contract_broken("events depend on how input is cut", "");
  if (pieces.stats().by_reason != whole.stats().by_reason) {
    contract_broken("counts depend on how input is cut", "");
  }
  for (const auto& event : whole_events) check_event(event);

  sw::cot::Decoder datagrams(options());
  if (const auto event = datagrams.decode_datagram(stream)) check_event(*event);
  return 0;
}
