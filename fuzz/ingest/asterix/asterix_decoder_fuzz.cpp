/// libFuzzer target for the ASTERIX CAT010/CAT034 decoders: data block framing, FSPEC,
/// every item format (fixed, extended, repetitive, explicit, compound), the record
/// decoders, the stream decoder's resynchronisation, the encoder, the conversion to
/// Observations and both JSON writers.
///
/// The input is one datagram, copied into a heap buffer of exactly its size so that
/// AddressSanitizer catches a read past its end. Beyond "no crash, no sanitizer report",
/// the target aborts when a contract is broken:
/// - the stream decoder finds the same records and counts whether the input comes whole or
///   in pieces (piece sizes taken from the input);
/// - every record decoded re-encodes to bytes that decode to the same record (values the
///   encoder must wrap or clamp — out-of-range latitudes, times of day past 24 h,
///   identification characters outside the ICAO set — are normalised first);
/// - an Observation has a finite position and covariance and a time within 12 h of the
///   receive time.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cli/observation_json.h"
#include "ingest/asterix/decoder.h"
#include "ingest/asterix/encoder.h"
#include "ingest/asterix/record_json.h"
#include "ingest/asterix/to_observation.h"

namespace {

using sw::asterix::Cat010Record;
using sw::asterix::Cat034Record;
using sw::asterix::DecodedRecords;

constexpr sw::TimeNs kReceiveTime = 1'767'268'800LL * sw::kNsPerSecond;

[[noreturn]] void contract_broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "asterix_decoder_fuzz: %s: %s\n", what, detail.c_str());
  std::abort();
}

volatile std::size_t g_sink = 0;

/// What the encoder cannot send back as decoded: normalised as the encoder does.
Cat010Record normalised(Cat010Record record) {
  if (record.time_of_day_s) record.time_of_day_s = std::fmod(*record.time_of_day_s, 86400.0);
  if (record.target_identification) {
    std::string& text = *record.target_identification;
    for (char& letter : text) {
      if (letter == '?') letter = ' ';
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  return record;
}

Cat034Record normalised(Cat034Record record) {
  if (record.time_of_day_s) record.time_of_day_s = std::fmod(*record.time_of_day_s, 86400.0);
  return record;
}

bool latitude_in_range(const Cat010Record& record) {
  return !record.position_wgs84 || std::fabs(record.position_wgs84->lat) <= 90.0;
}

bool latitude_in_range(const Cat034Record& record) {
  return !record.source_position || std::fabs(record.source_position->position.lat) <= 90.0;
}

void check_round_trip(const DecodedRecords& records) {
  for (const Cat010Record& record : records.cat010) {
    if (!latitude_in_range(record)) continue;
    const Cat010Record expected = normalised(record);
    sw::asterix::Decoder decoder;
    const auto& again =
        decoder.decode_datagram(sw::asterix::encode_cat010_block(std::span(&expected, 1)));
    if (again.cat010.size() != 1 || !(normalised(again.cat010[0]) == expected)) {
      contract_broken("CAT010 record does not survive encode/decode",
                      sw::asterix::record_json_line(record));
    }
  }
  for (const Cat034Record& record : records.cat034) {
    if (!latitude_in_range(record)) continue;
    const Cat034Record expected = normalised(record);
    sw::asterix::Decoder decoder;
    const auto& again =
        decoder.decode_datagram(sw::asterix::encode_cat034_block(std::span(&expected, 1)));
    if (again.cat034.size() != 1 || !(again.cat034[0] == expected)) {
      contract_broken("CAT034 record does not survive encode/decode",
                      sw::asterix::record_json_line(record));
    }
  }
}

void check_observations(const DecodedRecords& records) {
  sw::asterix::RadarSite site;
  site.source_id = "fuzz";
  site.position = sw::LatLon{51.1279, 1.3134};
  for (const Cat010Record& record : records.cat010) {
    g_sink = g_sink + sw::asterix::record_json_line(record).size();
    if (record.data_source) site.data_source = *record.data_source;
    const auto observation = sw::asterix::to_observation(record, site, kReceiveTime);
    if (!observation) continue;
    const auto& value = *observation;
    if (!value.position || !std::isfinite(value.position->lat) ||
        !std::isfinite(value.position->lon) || !std::isfinite(value.position_covariance.ee) ||
        !std::isfinite(value.position_covariance.en) ||
        !std::isfinite(value.position_covariance.nn)) {
      contract_broken("observation position or covariance not finite",
                      sw::asterix::record_json_line(record));
    }
    if (std::llabs(value.time - kReceiveTime) > 12 * 3600 * sw::kNsPerSecond) {
      contract_broken("observation time more than 12 h from the receive time",
                      sw::asterix::record_json_line(record));
    }
    g_sink = g_sink + sw::cli::observation_json_line(value).size();
  }
  for (const Cat034Record& record : records.cat034) {
    g_sink = g_sink + sw::asterix::record_json_line(record).size();
  }
}

std::string stream_summary(const sw::asterix::StreamDecoder& decoder,
                           const std::vector<std::uint8_t>& order) {
  std::string text;
  for (const std::uint64_t count : decoder.stats().by_reason) text += std::to_string(count) + ",";
  text += std::to_string(decoder.stats().resync_bytes) + "/" + std::to_string(order.size());
  for (const std::uint8_t category : order) text += std::to_string(category) + ",";
  return text;
}

void append(std::vector<std::uint8_t>& order, const DecodedRecords& records) {
  order.insert(order.end(), records.order.begin(), records.order.end());
}

void check_stream(std::span<const std::uint8_t> input) {
  sw::asterix::StreamDecoder whole;
  std::vector<std::uint8_t> whole_order;
  append(whole_order, whole.feed(input));
  append(whole_order, whole.finish());

  sw::asterix::StreamDecoder pieces;
  std::vector<std::uint8_t> pieces_order;
  std::size_t offset = 0;
  std::size_t piece_idx = 0;
  while (offset < input.size()) {
    const std::size_t piece = 1 + input[piece_idx++ % input.size()] % 61;
    const std::size_t length = std::min(piece, input.size() - offset);
    append(pieces_order, pieces.feed(input.subspan(offset, length)));
    offset += length;
  }
  append(pieces_order, pieces.finish());
  if (stream_summary(whole, whole_order) != stream_summary(pieces, pieces_order)) {
    contract_broken(
        "stream decoding depends on how the input is cut",
        stream_summary(whole, whole_order) + " vs " + stream_summary(pieces, pieces_order));
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // Exactly sized copy: the datagram ends where ASan's redzone starts.
  const std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[size == 0 ? 1 : size]);
  if (size != 0) std::memcpy(copy.get(), data, size);
  const std::span<const std::uint8_t> input(copy.get(), size);

  sw::asterix::Decoder decoder;
  const DecodedRecords& records = decoder.decode_datagram(input);
  if (records.order.size() != records.cat010.size() + records.cat034.size()) {
    contract_broken("record order and record lists disagree", "");
  }
  check_round_trip(records);
  check_observations(records);
  check_stream(input);
  return 0;
}
