#include "cli/ais_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/ais_encode_command.h"
#include "cli/line_reader.h"
#include "ingest/ais/decoder.h"

namespace sw::cli {
namespace {

struct DecodeOptions {
  bool json = false;
  bool unscaled = false;
  bool csv = false;
  bool split24 = false;
  bool stats = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

void print_stats(const ais::DecoderStats& stats, std::FILE* out) {
  std::fprintf(out, "lines: %llu\nmessages: %llu\nrejected: %llu\nincomplete_groups: %llu\n",
               static_cast<unsigned long long>(stats.lines),
               static_cast<unsigned long long>(stats.messages),
               static_cast<unsigned long long>(stats.rejected()),
               static_cast<unsigned long long>(stats.incomplete_groups));
  std::fprintf(out, "by type:\n");
  for (std::size_t type_idx = 1; type_idx < stats.by_type.size(); ++type_idx) {
    if (stats.by_type[type_idx] != 0) {
      std::fprintf(out, "  %2zu: %llu\n", type_idx,
                   static_cast<unsigned long long>(stats.by_type[type_idx]));
    }
  }
  std::fprintf(out, "by line outcome:\n");
  for (std::size_t reason_idx = 0; reason_idx < stats.by_reason.size(); ++reason_idx) {
    if (stats.by_reason[reason_idx] != 0) {
      const auto reason = static_cast<ais::LineReason>(reason_idx);
      std::fprintf(out, "  %s%s: %llu\n", ais::to_string(reason),
                   ais::is_rejection(reason) ? " (rejected)" : "",
                   static_cast<unsigned long long>(stats.by_reason[reason_idx]));
    }
  }
}

int run_decode(const DecodeOptions& options) {
  ais::Decoder::Options decoder_options;
  decoder_options.split_type24 = options.split24;
  ais::Decoder decoder(decoder_options);
  const bool scaled = !options.unscaled;
  const bool csv = options.csv && !options.json;

  StdoutBuffer out;
  const int status = for_each_input_line(
      options.inputs,
      [&](std::string_view /*name*/, std::uint64_t /*line_number*/, std::string_view line) {
        const ais::LineResult result = decoder.feed_line(line);
        if (result.message == nullptr || options.quiet) return;
        if (csv) {
          ais::append_csv(*result.message, out.text());
        } else {
          ais::append_json(*result.message, scaled, out.text());
        }
        out.maybe_flush();
      });
  out.flush();
  if (options.stats) print_stats(decoder.stats(), stderr);
  return status;
}

}  // namespace

void add_ais_commands(CLI::App& app) {
  auto* ais = app.add_subcommand("ais", "AIS (ITU-R M.1371, NMEA 0183 !AIVDM/!AIVDO) tools");
  ais->require_subcommand(1);

  auto options = std::make_shared<DecodeOptions>();
  auto* decode = ais->add_subcommand(
      "decode", "Decode AIVDM/AIVDO lines to gpsd-compatible JSON or CSV (as gpsdecode)");
  decode->add_flag("-j,--json", options->json, "JSON output (the default)");
  decode->add_flag("-u,--unscaled", options->unscaled, "raw field values, no scaling");
  decode->add_flag("-c,--csv", options->csv, "pipe-separated CSV output (gpsdecode -c)");
  decode->add_flag("-s,--split24", options->split24, "print type 24 parts A and B separately");
  decode->add_flag("--stats", options->stats,
                   "print counts by type and by rejection reason to stderr");
  decode->add_flag("-q,--quiet", options->quiet, "decode and count, print no messages");
  decode->add_option("inputs", options->inputs, "input files ('-' or none for stdin)");
  decode->callback([options] {
    const int status = run_decode(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
  add_ais_encode_command(*ais);
}

}  // namespace sw::cli
