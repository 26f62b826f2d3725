#pragma once
/// Decoder: the Cursor-on-Target decoder of one source — byte streams (file, TCP) and
/// single UDP datagrams in, CotEvents out, every rejection counted by reason.
///
/// Stream input may hold many events, with or without XML declarations and newlines
/// between them, split anywhere across feed() calls (see framer.h for how documents are
/// delimited and how the stream resynchronises). Memory stays bounded by
/// `max_event_bytes` plus one feed(). TAK protocol (protobuf) is not supported: a
/// datagram starting with the 0xBF magic is counted as tak_protobuf.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/cot/cot_event.h"
#include "ingest/cot/decode_reason.h"
#include "ingest/cot/framer.h"

namespace sw::cot {

/// Counters of one Decoder.
struct DecoderStats {
  std::uint64_t bytes = 0;           ///< stream bytes and datagram bytes fed
  std::uint64_t documents = 0;       ///< documents handed to the XML parser
  std::uint64_t tracks_ignored = 0;  ///< <track> without valid course/speed dropped (event kept)
  std::array<std::uint64_t, static_cast<std::size_t>(Reason::kCount)> by_reason{};

  std::uint64_t count(Reason reason) const { return by_reason[static_cast<std::size_t>(reason)]; }
  std::uint64_t events() const { return count(Reason::kDecoded); }
  std::uint64_t rejected() const;
};

class Decoder {
 public:
  /// Limits of one decoder.
  struct Options {
    std::size_t max_event_bytes = 64 * 1024;  ///< larger documents: oversized (min 64)
  };

  Decoder();
  explicit Decoder(Options options);

  /// Stream input: appends the events completed by `bytes` to `events`; returns how many.
  std::size_t feed(std::string_view bytes, std::vector<CotEvent>& events);
  /// End of the stream (EOF, connection closed): an incomplete event is counted as
  /// truncated. The decoder is then ready for a new stream.
  void finish();

  /// One UDP datagram holding one document (no framing, no state kept between calls).
  Result<CotEvent> decode_datagram(std::string_view datagram);

  const DecoderStats& stats() const { return stats_; }

 private:
  void count(Reason reason) { ++stats_.by_reason[static_cast<std::size_t>(reason)]; }
  /// Parses one document and counts the outcome; fills `event` when decoded.
  Reason decode_document(std::string_view document, CotEvent& event);

  Options options_;
  Framer framer_;
  DecoderStats stats_;
};

}  // namespace sw::cot
