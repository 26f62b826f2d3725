#include "ingest/cot/decoder.h"

#include <algorithm>
#include <utility>

#include "ingest/cot/event_parser.h"

namespace sw::cot {

std::uint64_t DecoderStats::rejected() const {
  std::uint64_t total = 0;
  for (std::size_t reason_idx = 0; reason_idx < by_reason.size(); ++reason_idx) {
    if (static_cast<Reason>(reason_idx) != Reason::kDecoded) total += by_reason[reason_idx];
  }
  return total;
}

Decoder::Decoder() : Decoder(Options{}) {}

Decoder::Decoder(Options options)
    : options_{std::max<std::size_t>(options.max_event_bytes, 64)},
      framer_(options_.max_event_bytes) {}

Reason Decoder::decode_document(std::string_view document, CotEvent& event) {
  ++stats_.documents;
  ParsedDocument parsed = parse_document(document);
  count(parsed.reason);
  if (parsed.reason == Reason::kDecoded) {
    if (parsed.track_ignored) ++stats_.tracks_ignored;
    event = std::move(parsed.event);
  }
  return parsed.reason;
}

std::size_t Decoder::feed(std::string_view bytes, std::vector<CotEvent>& events) {
  stats_.bytes += bytes.size();
  framer_.append(bytes);
  std::size_t decoded = 0;
  while (const auto frame = framer_.next()) {
    switch (frame->kind) {
      case Frame::Kind::kDocument: {
        CotEvent event;
        if (decode_document(frame->bytes, event) == Reason::kDecoded) {
          events.push_back(std::move(event));
          ++decoded;
        }
        break;
      }
      case Frame::Kind::kJunk: count(Reason::kNotXml); break;
      case Frame::Kind::kTruncated: count(Reason::kTruncated); break;
      case Frame::Kind::kOversized: count(Reason::kOversized); break;
    }
  }
  return decoded;
}

void Decoder::finish() {
  if (framer_.finish()) count(Reason::kTruncated);
}

Result<CotEvent> Decoder::decode_datagram(std::string_view datagram) {
  stats_.bytes += datagram.size();
  if (datagram.size() > options_.max_event_bytes) {
    count(Reason::kOversized);
    return Error{to_string(Reason::kOversized), "datagram over the maximum event size"};
  }
  CotEvent event;
  const Reason reason = decode_document(datagram, event);
  if (reason != Reason::kDecoded) return Error{to_string(reason), "CoT datagram refused"};
  return event;
}

}  // namespace sw::cot
