#pragma once
/// NMEA 0183 / IEC 61162 sentence layer for AIS: tag blocks, !xxVDM/!xxVDO fields,
/// checksums. Views into the caller's line; nothing is copied or allocated.
///
/// Real-world tolerance (contracts, not guesses):
/// - any two-letter talker (AI, AB, AD, AN, AR, AS, AT, AX, BS, SA, ...) is accepted;
/// - trailing CR/LF/whitespace and USCG fields after the checksum are ignored;
/// - an NMEA 4.0 tag block (`\k:v,...*hh\`) may precede the sentence; its values may
///   contain spaces (ORBCOMM `T:2014-12-10 00.00.01`);
/// - a missing channel is normal on VDO sentences;
/// - a sentence without "*hh" is accepted (gpsd does; the caller counts it);
/// - an invalid tag block (bad checksum, unknown syntax) is dropped, not the sentence:
///   gpsd ignores tag blocks altogether, and their checksums are often wrong in the wild.

#include <cstdint>
#include <string_view>

namespace sw::nmea {

/// Why a line was not accepted as an AIS sentence.
enum class SentenceError : std::uint8_t {
  kNone,
  kNotAis,  ///< a valid-looking line that is not VDM/VDO (GNSS, VSI, comment): skipped
  kBadChecksum,
  kMalformed,       ///< missing fields, bad numbers, no checksum
  kBadTagBlock,     ///< tag block not terminated or with a bad checksum
  kBadPayloadChar,  ///< payload character outside the AIS six-bit alphabet
  kTooLong,
};

const char* to_string(SentenceError error);

/// Parsed NMEA 4.0 tag block fields (only those present are set).
struct TagBlock {
  bool present = false;
  std::string_view source;          ///< s: source station
  std::int64_t unix_time = -1;      ///< c: seconds (or milliseconds when > 1e11) since epoch
  std::string_view text_time;       ///< T: free-form time text as sent
  std::int32_t line_count = -1;     ///< n:
  std::int32_t relative_time = -1;  ///< r:
  std::string_view destination;     ///< d:
  std::string_view text;            ///< t:
  std::uint8_t group_sentence = 0;  ///< g: sentence number in group
  std::uint8_t group_total = 0;     ///< g: sentences in group
  std::int32_t group_id = -1;       ///< g: group id
};

/// One !xxVDM / !xxVDO sentence.
struct Sentence {
  TagBlock tag;
  std::string_view talker;           ///< two letters, e.g. "AI", "BS"
  bool own_ship = false;             ///< VDO rather than VDM
  std::uint8_t fragment_count = 0;   ///< 1..9
  std::uint8_t fragment_number = 0;  ///< 1..fragment_count
  std::int16_t sequence_id = -1;     ///< 0..9, or -1 when empty
  char channel = 0;                  ///< 'A', 'B' or 0 when empty ('1'/'2' map to 'A'/'B')
  std::string_view payload;          ///< six-bit armoured payload
  std::uint8_t fill_bits = 0;        ///< 0..5
  bool has_checksum = true;          ///< false: no "*hh" (accepted, as gpsd does; counted)
  bool tag_block_ignored = false;    ///< a tag block was present but invalid (bad checksum or
                                     ///< field): its fields are dropped, the sentence is kept
};

/// Result of parsing one line.
struct ParseOutcome {
  SentenceError error = SentenceError::kNone;
  Sentence sentence;
};

/// True if every character belongs to the AIS six-bit armour ('0'..'W', '`'..'w').
bool is_armoured_payload(std::string_view payload);

/// XOR checksum over [begin, end).
std::uint8_t nmea_checksum(std::string_view body);

/// Parse one line (without or with its line terminator) into `sentence`, which may be
/// reused from line to line (the decoder's hot path: nothing is zeroed that the line
/// does not set). After an error its fields are unspecified.
SentenceError parse_sentence(std::string_view line, Sentence& sentence);

/// Parse one line into a fresh Sentence.
ParseOutcome parse_sentence(std::string_view line);

/// Parse a Gatehouse `$PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,...*hh` wrapper, which carries the
/// receive time of the AIS sentence that follows it. Returns milliseconds since the
/// Unix epoch, or -1 if the line is not a valid type-1 wrapper.
std::int64_t parse_gatehouse_time_ms(std::string_view line);

/// Strip trailing CR, LF, spaces and tabs.
std::string_view trim_line(std::string_view line);

}  // namespace sw::nmea
