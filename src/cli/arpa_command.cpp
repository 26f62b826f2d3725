#include "cli/arpa_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/line_reader.h"
#include "cli/observation_json.h"
#include "ingest/distress/distress_time.h"
#include "ingest/nmea/arpa_decoder.h"

namespace sw::cli {
namespace {

struct ArpaDecodeOptions {
  std::optional<double> site_lat;
  std::optional<double> site_lon;
  std::optional<double> site_heading;
  std::string reference_time;
  std::string source_id = "arpa";
  std::string owner;
  bool stats = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

void print_arpa_stats(const nmea::ArpaDecoderStats& stats, std::FILE* out) {
  std::fprintf(out, "lines: %llu\nobservations: %llu\nrejected: %llu\n",
               static_cast<unsigned long long>(stats.lines),
               static_cast<unsigned long long>(stats.observations),
               static_cast<unsigned long long>(stats.rejected()));
  std::fprintf(out, "relative_course_dropped: %llu\nundated: %llu\nfrom_site: %llu\n",
               static_cast<unsigned long long>(stats.relative_course_dropped),
               static_cast<unsigned long long>(stats.undated),
               static_cast<unsigned long long>(stats.from_site));
  std::fprintf(out, "by line outcome:\n");
  for (std::size_t reason_idx = 0; reason_idx < stats.by_reason.size(); ++reason_idx) {
    if (stats.by_reason[reason_idx] == 0) continue;
    const auto reason = static_cast<nmea::ArpaLineReason>(reason_idx);
    std::fprintf(out, "  %s%s: %llu\n", nmea::to_string(reason),
                 nmea::is_rejection(reason) ? " (rejected)" : "",
                 static_cast<unsigned long long>(stats.by_reason[reason_idx]));
  }
}

int run_arpa_decode(const ArpaDecodeOptions& options) {
  nmea::ArpaDecoderOptions decoder_options;
  decoder_options.source_id = options.source_id;
  decoder_options.label.owner = options.owner;
  if (options.site_lat.has_value() != options.site_lon.has_value()) {
    std::fprintf(stderr, "straitwatch: --site-lat and --site-lon go together\n");
    return 2;
  }
  if (options.site_lat) decoder_options.site = LatLon{*options.site_lat, *options.site_lon};
  decoder_options.site_heading_deg = options.site_heading;
  TimeNs reference = 0;
  if (!options.reference_time.empty()) {
    const auto parsed = distress::parse_iso_time(options.reference_time);
    if (!parsed.ok()) {
      std::fprintf(stderr, "straitwatch: bad --reference-time: %s\n",
                   parsed.error().detail.c_str());
      return 2;
    }
    reference = *parsed;
  }

  nmea::ArpaDecoder decoder(decoder_options);
  StdoutBuffer out;
  const int status = for_each_input_line(
      options.inputs,
      [&](std::string_view /*name*/, std::uint64_t /*line_number*/, std::string_view line) {
        const auto result = decoder.feed_line(line, reference);
        if (!result.observation || options.quiet) return;
        const std::string json = observation_json_line(*result.observation);
        out.text().append(json.data(), json.size());
        out.text().append("\n", 1);
        out.maybe_flush();
      });
  out.flush();
  if (options.stats) print_arpa_stats(decoder.stats(), stderr);
  return status;
}

}  // namespace

void add_arpa_commands(CLI::App& app) {
  auto* arpa = app.add_subcommand("arpa", "ARPA radar targets (NMEA 0183 TTM/TLL) tools");
  arpa->require_subcommand(1);

  auto options = std::make_shared<ArpaDecodeOptions>();
  auto* decode = arpa->add_subcommand(
      "decode",
      "Decode TTM/TLL lines (with own-ship GGA/RMC/GLL/HDT/HDG/THS/ZDA) to observation JSON");
  decode->add_option("--site-lat", options->site_lat, "fixed radar latitude, degrees (shore radar)")
      ->check(CLI::Range(-90.0, 90.0));
  decode->add_option("--site-lon", options->site_lon, "fixed radar longitude, degrees")
      ->check(CLI::Range(-180.0, 180.0));
  decode
      ->add_option("--site-heading", options->site_heading,
                   "fixed radar's reference direction for relative bearings, degrees true")
      ->check(CLI::Range(0.0, 360.0));
  decode->add_option("--reference-time", options->reference_time,
                     "receive time of the input, ISO-8601 UTC: dates hhmmss stamps (default: "
                     "the stream's RMC/ZDA)");
  decode->add_option("--source-id", options->source_id, "source id of the observations");
  decode->add_option("--owner", options->owner, "label owner of the observations");
  decode->add_flag("--stats", options->stats, "print counts by line outcome to stderr");
  decode->add_flag("-q,--quiet", options->quiet, "decode and count, print nothing");
  decode->add_option("inputs", options->inputs, "input files ('-' or none for stdin)");
  decode->callback([options] {
    const int status = run_arpa_decode(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
