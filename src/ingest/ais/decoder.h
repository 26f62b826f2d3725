#pragma once
/// Decoder: the AIS stream decoder for one source. Lines in, messages out, with
/// multipart reassembly, type 24 part merging, and every rejection counted by reason.
///
/// Memory stays bounded on hostile input: at most `max_pending_groups` partial
/// messages are held, each expires after `max_group_age_lines` lines or
/// `max_group_age_ns` of receive time, and payloads over kMaxPayloadBits are refused.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "ingest/ais/decode.h"
#include "ingest/nmea/sentence.h"

namespace sw::ais {

/// Every reason a line can end without a message. Skips are not errors.
enum class LineReason : std::uint8_t {
  kDecoded,       ///< a message was produced
  kFragmentHeld,  ///< first/middle fragment stored for reassembly
  kPartHeld,      ///< type 24 part A held for its part B
  kBlank,         ///< empty or comment line: skipped
  kNotAis,        ///< other NMEA / text (GNSS, VSI, banners): skipped
  kWrapper,       ///< Gatehouse $PGHP time wrapper: applies to the next sentence
  kBadChecksum,
  kMalformed,
  kBadTagBlock,
  kBadPayloadChar,
  kLineTooLong,
  kOrphanFragment,  ///< a later fragment with no matching first fragment
  kPayloadTooLong,  ///< reassembled payload over the buffer
  kTooShort,        ///< payload too short for its message type
  kTooLongForType,  ///< payload too long for its message type
  kUnknownType,
  kUnknownSubtype,
  kCount
};

const char* to_string(LineReason reason);
/// True for reasons that are rejections of bad input (not skips or holds).
bool is_rejection(LineReason reason);

/// Counters of one Decoder.
struct DecoderStats {
  std::uint64_t lines = 0;
  std::uint64_t messages = 0;
  std::uint64_t incomplete_groups = 0;   ///< partial messages dropped (timeout, restart, overflow)
  std::uint64_t missing_checksum = 0;    ///< sentences accepted without "*hh"
  std::uint64_t tag_blocks_ignored = 0;  ///< invalid tag blocks dropped (sentence kept)
  std::array<std::uint64_t, static_cast<std::size_t>(LineReason::kCount)> by_reason{};
  std::array<std::uint64_t, 28> by_type{};  ///< decoded messages per type 1..27

  std::uint64_t count(LineReason reason) const {
    return by_reason[static_cast<std::size_t>(reason)];
  }
  std::uint64_t rejected() const;
};

/// Metadata of the sentence(s) a message came from.
struct MessageSource {
  char channel = 0;
  bool own_ship = false;            ///< VDO
  std::string_view talker;          ///< valid until the next feed_line
  std::string_view tag_source;      ///< NMEA 4.0 s: (station), valid until next feed_line
  std::int64_t tag_unix_time = -1;  ///< NMEA 4.0 c:, else a preceding $PGHP wrapper's time
  std::int32_t tag_group_id = -1;   ///< NMEA 4.0 g: id
  TimeNs receive_time = 0;          ///< as given to feed_line for the last fragment
};

/// Outcome of feeding one line.
struct LineResult {
  LineReason reason = LineReason::kBlank;
  const Message* message = nullptr;  ///< set when reason == kDecoded; valid until next feed_line
  const MessageSource* source = nullptr;
};

class Decoder {
 public:
  struct Options {
    bool split_type24 = false;                  ///< emit parts A and B as they come (gpsdecode -s)
    bool merge_type24_across_channels = false;  ///< gpsd pairs A/B per channel only
    std::size_t max_pending_groups = 32;
    std::uint64_t max_group_age_lines = 1000;
    TimeNs max_group_age_ns = 60 * kNsPerSecond;
  };

  Decoder();
  explicit Decoder(Options options);

  /// Feed one line (terminator optional). `receive_time` may be 0 when unknown.
  LineResult feed_line(std::string_view line, TimeNs receive_time = 0);

  const DecoderStats& stats() const { return stats_; }

 private:
  struct PendingGroup {
    bool active = false;
    char channel = 0;
    std::int16_t sequence_id = -1;
    std::int32_t group_id = -1;
    std::uint8_t fragment_count = 0;
    std::uint8_t next_fragment = 0;
    std::uint64_t started_line = 0;
    TimeNs started_time = 0;
    std::string tag_source;
    std::int64_t tag_unix_time = -1;
    Bits bits;
  };
  struct HeldPartA {
    std::uint32_t mmsi = 0;
    FixedText<20> shipname;
  };

  LineResult finish(LineReason reason);
  LineResult decode_payload(const Bits& bits, const nmea::Sentence& sentence);
  LineResult merge_type24(const nmea::Sentence& sentence);
  PendingGroup* find_group(const nmea::Sentence& sentence, TimeNs now);
  bool is_expired(const PendingGroup& group, TimeNs now) const;
  PendingGroup& claim_group();
  void expire_groups(TimeNs now);

  Options options_;
  DecoderStats stats_;
  nmea::Sentence sentence_;  ///< the current line's, reused (views into that line)
  Message message_;
  MessageSource source_;
  Bits single_;
  std::vector<PendingGroup> groups_;
  /// Recent type 24 parts A, one ring per radio channel (as gpsd keeps them).
  std::array<std::array<HeldPartA, 8>, 2> held_a_{};
  std::array<std::size_t, 2> held_a_next_{};
  std::int64_t wrapper_unix_time_ = -1;  ///< from a $PGHP line, for the next sentence only
};

}  // namespace sw::ais
