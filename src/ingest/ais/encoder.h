#pragma once
/// AIS encoder: Message -> payload bits (ITU-R M.1371-5) -> NMEA 0183 !AIVDM/!AIVDO
/// sentences (IEC 61162-1), the exact inverse of the family decoders (decode_body()).
///
/// Encoded types: 1, 2, 3 (Class A position), 4 and 11 (base station / UTC response),
/// 5 (static and voyage), 18, 19 (Class B position), 21 (aid to navigation, with the
/// name extension), 24 (Class B static data, part A and/or B), 27 (long range).
///
/// Inputs are never trusted and never asserted on. A field value that does not fit its
/// bit width is clamped to the nearest representable value (unsigned: 2^w - 1; signed:
/// -2^(w-1) .. 2^(w-1) - 1), text is cut to its field and characters outside the six-bit
/// alphabet are replaced; each such adjustment is reported in EncodeStatus and the
/// message is still encoded. Value semantics are not checked: a raw value that fits its
/// field (e.g. latitude 95 degrees) is sent as given, as the decoder reads it back.
///
/// Text fields are padded with '@' to their full length (ITU-R M.1371-5 Table 47).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ais/bits.h"
#include "ingest/ais/messages.h"

namespace sw::ais {

/// Why a message (or its sentences) could not be encoded at all.
enum class EncodeError : std::uint8_t {
  kNone,
  kUnsupportedType,   ///< a type this encoder does not produce
  kBodyMismatch,      ///< `body` does not hold the family of `type`
  kNoSuchPayload,     ///< payload index beyond payload_count()
  kBadOptions,        ///< talker, channel, sequence id, payload size or tag source invalid
  kTooManyFragments,  ///< the payload needs more than 9 sentences at max_payload_chars
};

const char* to_string(EncodeError error);

/// Non-fatal adjustments made while encoding (bits of EncodeStatus::adjustments).
enum EncodeAdjustment : std::uint8_t {
  kClampedValue = 1U << 0,       ///< a numeric field did not fit its bit width: clamped
  kTruncatedText = 1U << 1,      ///< text longer than its field: cut
  kReplacedCharacter = 1U << 2,  ///< lower case upcased; other characters outside
                                 ///< six-bit ASCII sent as '?'
  kVendorIdOverlap = 1U << 3,    ///< type 24: vendor id characters 4-7 disagree with
                                 ///< model/serial, which share their bits: model/serial sent
};

/// Outcome of an encode: a fatal error, or success with the adjustments made.
struct EncodeStatus {
  EncodeError error = EncodeError::kNone;
  std::uint8_t adjustments = 0;                ///< EncodeAdjustment bits
  const char* first_adjusted_field = nullptr;  ///< gpsd JSON name of the first field adjusted

  bool ok() const { return error == EncodeError::kNone; }
  /// Encoded with no adjustment: decoding gives back the message.
  bool exact() const { return ok() && adjustments == 0; }
  void adjust(EncodeAdjustment what, const char* field) {
    if (first_adjusted_field == nullptr) first_adjusted_field = field;
    adjustments = static_cast<std::uint8_t>(adjustments | what);
  }
};

/// Number of payloads `message` encodes to: 2 for a type 24 holding both parts (A, B),
/// otherwise 1.
std::size_t payload_count(const Message& message);

/// Encode payload `payload_index` of `message` into `out` (cleared first). For a type 24
/// message with both parts, index 0 is part A and index 1 is part B.
EncodeStatus encode_payload(const Message& message, Bits& out, std::size_t payload_index = 0);

/// Armour `bits` as six-bit ASCII payload characters appended to `out`; returns the
/// number of fill bits (0..5) added to complete the last character.
unsigned armour(const Bits& bits, std::string& out);

/// Sentence-level options.
struct EncodeOptions {
  std::string talker = "AI";  ///< two upper-case letters
  bool own_ship = false;      ///< VDO (own ship) instead of VDM
  char channel = 'A';         ///< 'A', 'B', or 0 for an empty channel field
  int sequence_id = 0;        ///< 0..9, used by multi-sentence messages only
  /// Payload characters per sentence: 1..82. 60 (as common transmitters) keeps each
  /// sentence within NMEA 0183's 82 characters, even with two-digit fields.
  std::size_t max_payload_chars = 60;
  std::string tag_source;           ///< NMEA 4.0 tag block "s:" (none when empty)
  std::int64_t tag_unix_time = -1;  ///< NMEA 4.0 tag block "c:" seconds (none when < 0)
};

/// True when `options` are usable: talker of two upper-case letters, channel 'A', 'B'
/// or 0, sequence id 0..9, 1..82 payload characters, tag source of printable characters
/// other than the delimiters , * \ ! $.
bool valid_options(const EncodeOptions& options);

/// Encode `message` as sentences without line terminators (the caller adds "\r\n").
/// Multi-sentence payloads use options.sequence_id (a type 24 with both parts, when
/// each part needs several sentences, uses it and the next one). The tag block, when
/// any, is put on every sentence. Empty on error; `status` (optional) says why.
std::vector<std::string> encode_sentences(const Message& message, const EncodeOptions& options,
                                          EncodeStatus* status = nullptr);

/// A stream of sentences from one transmitter: like encode_sentences(), but the
/// sequence id of multi-sentence messages cycles 0..9 from options.sequence_id, and
/// the scratch buffers and output strings are reused from call to call.
class SentenceEncoder {
 public:
  SentenceEncoder() = default;
  explicit SentenceEncoder(EncodeOptions options);

  /// Replace the contents of `out` with the sentences of `message` (none on error).
  EncodeStatus encode(const Message& message, std::vector<std::string>& out);

  /// Options for the next messages (e.g. to update tag_unix_time).
  EncodeOptions& options() { return options_; }
  int next_sequence_id() const { return next_sequence_id_; }

 private:
  EncodeOptions options_;
  int next_sequence_id_ = 0;
  Bits bits_;
  std::string payload_;
};

}  // namespace sw::ais
