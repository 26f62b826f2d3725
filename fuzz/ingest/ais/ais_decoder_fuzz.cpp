/// libFuzzer target for the AIS stream decoder: NMEA sentence layer, tag blocks,
/// multipart reassembly and eviction, type 24 merging, every message decoder, and the
/// gpsd-style JSON and CSV writers.
///
/// The input is split into lines; each line is copied into a heap buffer of exactly its
/// size so that AddressSanitizer catches a read past the end of a line. Two decoders see
/// the same lines:
/// - a small one (2 pending groups, groups expire after 4 lines) to exercise eviction;
/// - one that splits type 24 parts and merges them across channels, with a receive time
///   that advances 10 s per line so that groups also expire by age.
/// Every message is written as scaled JSON, unscaled JSON and CSV into a TextBuffer (the
/// path the CLI uses).
///
/// Beyond "no crash, no sanitizer report", the target checks contracts that the CLI and
/// downstream readers rely on, and aborts when one is broken:
/// - a message comes with kDecoded and a source, and nothing else does;
/// - a JSON message is one line: no control byte before its final "\r\n";
/// - the integer number formatters print what their printf contract says, for values
///   taken from the input bytes (int32 little-endian words);
/// - the JSON string escaper prints what a byte-at-a-time reference prints, for the input
///   bytes themselves.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/ais/decode.h"
#include "ingest/ais/decoder.h"
#include "ingest/ais/json_out.h"
#include "ingest/ais/text_buffer.h"

namespace {

using sw::ais::Decoder;
using sw::ais::LineReason;
using sw::ais::LineResult;
using sw::ais::TextBuffer;

[[noreturn]] void contract_broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "ais_decoder_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

/// Touch every byte a view points to, so that a dangling view is reported by ASan.
std::size_t touch(std::string_view text) {
  std::size_t sum = 0;
  for (const char c : text) sum += static_cast<unsigned char>(c);
  return sum;
}

void check_one_json_line(std::string_view json) {
  if (json.size() < 2 || json.substr(json.size() - 2) != "\r\n") {
    contract_broken("JSON line does not end in CRLF", json);
  }
  for (std::size_t byte_idx = 0; byte_idx + 2 < json.size(); ++byte_idx) {
    if (static_cast<unsigned char>(json[byte_idx]) < 0x20) {
      contract_broken("control byte inside a JSON line", json);
    }
  }
}

volatile std::size_t g_sink = 0;

void consume(const LineResult& result, TextBuffer& out) {
  if ((result.reason == LineReason::kDecoded) != (result.message != nullptr)) {
    contract_broken("message pointer and reason disagree", sw::ais::to_string(result.reason));
  }
  if (result.message == nullptr) return;
  if (result.source == nullptr) contract_broken("message without source", "");
  g_sink = g_sink + touch(result.source->talker) + touch(result.source->tag_source);

  out.clear();
  sw::ais::append_json(*result.message, true, out);
  check_one_json_line(out.view());
  out.clear();
  sw::ais::append_json(*result.message, false, out);
  check_one_json_line(out.view());
  out.clear();
  sw::ais::append_csv(*result.message, out);
  g_sink = g_sink + out.size();
}

/// printf("%.*f") of `value`, the contract of the integer formatters.
std::string printf_fixed(double value, int decimals) {
  char text[64];
  const int length = std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  return std::string(text, static_cast<std::size_t>(length));
}

void check_number_formatters(std::string_view input) {
  TextBuffer out;
  for (std::size_t word_idx = 0; word_idx < 16 && (word_idx + 1) * 4 <= input.size(); ++word_idx) {
    std::int32_t raw = 0;
    std::memcpy(&raw, input.data() + word_idx * 4, sizeof(raw));

    out.clear();
    sw::ais::append_ten_thousandth_minutes_as_degrees(out, raw);
    if (out.view() != printf_fixed(raw / 600000.0, 6)) {
      contract_broken("position differs from printf(\"%.6f\", raw / 600000.0)",
                      printf_fixed(raw, 0) + " -> " + out.str());
    }
    out.clear();
    sw::ais::append_tenths(out, raw);
    if (out.view() != printf_fixed(raw / 10.0, 1)) {
      contract_broken("tenths differ from printf(\"%.1f\", raw / 10.0)",
                      printf_fixed(raw, 0) + " -> " + out.str());
    }
  }
}

/// gpsd's json_stringify, one byte at a time.
std::string reference_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || byte < 0x20 || byte == 0x7f) {
      out.push_back('\\');
      switch (c) {
        case '\b': out.push_back('b'); break;
        case '\f': out.push_back('f'); break;
        case '\n': out.push_back('n'); break;
        case '\r': out.push_back('r'); break;
        case '\t': out.push_back('t'); break;
        default:
          out.append("u00");
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
      }
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void check_json_escaper(std::string_view input) {
  const std::string_view text = input.substr(0, 256);
  TextBuffer out;
  sw::ais::append_json_escaped(out, text);
  if (out.view() != reference_escape(text)) contract_broken("JSON escape differs", text);
}

Decoder::Options evicting_options() {
  Decoder::Options options;
  options.max_pending_groups = 2;
  options.max_group_age_lines = 4;
  return options;
}

Decoder::Options split_type24_options() {
  Decoder::Options options;
  options.split_type24 = true;
  options.merge_type24_across_channels = true;
  options.max_pending_groups = 4;
  options.max_group_age_ns = 25 * sw::kNsPerSecond;
  return options;
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Decoder evicting(evicting_options());
  Decoder splitting(split_type24_options());
  TextBuffer out;

  std::size_t line_begin = 0;
  sw::TimeNs receive_time = 1'700'000'000 * sw::kNsPerSecond;
  while (line_begin < input.size()) {
    std::size_t line_end = input.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = input.size();
    const std::size_t length = line_end - line_begin;

    // Exactly sized copy: the line ends where ASan's redzone starts.
    const std::unique_ptr<char[]> line_copy(new char[length == 0 ? 1 : length]);
    input.copy(line_copy.get(), length, line_begin);
    const std::string_view line(line_copy.get(), length);

    consume(evicting.feed_line(line), out);
    consume(splitting.feed_line(line, receive_time), out);

    receive_time += 10 * sw::kNsPerSecond;
    line_begin = line_end + 1;
  }

  const auto& stats = evicting.stats();
  if (stats.messages > stats.lines) contract_broken("more messages than lines", "");

  check_number_formatters(input);
  check_json_escaper(input);
  return 0;
}
