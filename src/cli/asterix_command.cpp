#include "cli/asterix_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/line_reader.h"
#include "cli/observation_json.h"
#include "core/clock.h"
#include "drift/time_text.h"
#include "ingest/asterix/decoder.h"
#include "ingest/asterix/encoder.h"
#include "ingest/asterix/pcap_writer.h"
#include "ingest/asterix/record_json.h"
#include "ingest/asterix/test_pattern.h"
#include "ingest/asterix/to_observation.h"

namespace sw::cli {
namespace {

struct DecodeOptions {
  std::vector<std::string> inputs;
  std::optional<int> sac;
  std::optional<int> sic;
  double site_lat = 0.0;
  double site_lon = 0.0;
  std::string source_id = "asterix";
  std::string site_label;
  double range_sigma_m = 15.0;
  double azimuth_sigma_deg = 0.2;
  std::string reference_time;
  bool records = false;
  bool stats = false;
  bool quiet = false;
};

struct EncodeOptions {
  std::string output = "-";
  bool pcap = false;
  int port = 8600;
};

/// Counts of records that gave no observation, by error code.
using SkipCounts = std::map<std::string, std::uint64_t>;

void print_stats(const asterix::DecoderStats& stats, std::uint64_t observations,
                 const SkipCounts& skipped, std::FILE* out) {
  std::fprintf(out, "blocks: %llu\ncat010_records: %llu\ncat034_records: %llu\n",
               static_cast<unsigned long long>(stats.blocks),
               static_cast<unsigned long long>(stats.cat010_records),
               static_cast<unsigned long long>(stats.cat034_records));
  std::fprintf(out,
               "observations: %llu\nrejected: %llu\nskipped_blocks: %llu\nresync_bytes: %llu\n",
               static_cast<unsigned long long>(observations),
               static_cast<unsigned long long>(stats.rejected()),
               static_cast<unsigned long long>(stats.skipped_blocks),
               static_cast<unsigned long long>(stats.resync_bytes));
  std::fprintf(out, "by reason:\n");
  for (std::size_t reason_idx = 0; reason_idx < stats.by_reason.size(); ++reason_idx) {
    if (stats.by_reason[reason_idx] == 0) continue;
    std::fprintf(out, "  %s: %llu\n", asterix::to_string(static_cast<asterix::Reason>(reason_idx)),
                 static_cast<unsigned long long>(stats.by_reason[reason_idx]));
  }
  if (skipped.empty()) return;
  std::fprintf(out, "records without observation:\n");
  for (const auto& [code, count] : skipped) {
    std::fprintf(out, "  %s: %llu\n", code.c_str(), static_cast<unsigned long long>(count));
  }
}

Result<TimeNs> reference_time_of(const std::string& text) {
  if (text.empty()) return SystemClock().now();
  return drift::parse_utc_time(text);
}

int run_decode(const DecodeOptions& options) {
  const Result<TimeNs> reference = reference_time_of(options.reference_time);
  if (!reference) {
    std::fprintf(stderr, "straitwatch: bad --reference-time: %s\n",
                 reference.error().detail.c_str());
    return 2;
  }
  asterix::RadarSite site;
  site.source_id = options.source_id;
  site.position = LatLon{options.site_lat, options.site_lon};
  site.label_text = options.site_label;
  site.range_sigma_m = options.range_sigma_m;
  site.azimuth_sigma_deg = options.azimuth_sigma_deg;
  const bool any_source = !options.sac || !options.sic;
  if (!any_source) {
    site.data_source = asterix::DataSourceId{static_cast<std::uint8_t>(*options.sac),
                                             static_cast<std::uint8_t>(*options.sic)};
  }

  asterix::StreamDecoder decoder;
  std::uint64_t observations = 0;
  SkipCounts skipped;
  StdoutBuffer out;
  const auto print_line = [&](const std::string& line) {
    if (options.quiet) return;
    out.text().append(line);
    out.text().append("\n");
  };
  const auto emit = [&](const asterix::DecodedRecords& records) {
    std::size_t cat010_idx = 0;
    std::size_t cat034_idx = 0;
    for (const std::uint8_t category : records.order) {
      if (category == 34) {
        const auto& record = records.cat034[cat034_idx++];
        if (options.records) print_line(asterix::record_json_line(record));
        continue;
      }
      const auto& record = records.cat010[cat010_idx++];
      if (options.records) {
        print_line(asterix::record_json_line(record));
        continue;
      }
      if (any_source && record.data_source) site.data_source = *record.data_source;
      const Result<Observation> observation = asterix::to_observation(record, site, *reference);
      if (!observation) {
        ++skipped[observation.error().code];
        continue;
      }
      ++observations;
      print_line(observation_json_line(*observation));
    }
    out.maybe_flush();
  };

  std::vector<std::string> names = options.inputs;
  if (names.empty()) names.emplace_back("-");
  int status = 0;
  std::vector<std::uint8_t> buffer(1 << 16);
  for (const auto& input : names) {
    std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (file == nullptr) {
      std::fprintf(stderr, "straitwatch: cannot open %s\n", input.c_str());
      status = 1;
      continue;
    }
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
      emit(decoder.feed(std::span<const std::uint8_t>(buffer.data(), got)));
    }
    if (std::ferror(file) != 0) {
      std::fprintf(stderr, "straitwatch: read error on %s\n", input.c_str());
      status = 1;
    }
    if (file != stdin) std::fclose(file);
    emit(decoder.finish());  // each file is a stream of whole blocks
  }
  out.flush();
  if (options.stats) print_stats(decoder.stats(), observations, skipped, stderr);
  return status;
}

int run_encode(const EncodeOptions& options) {
  const auto cat010 = asterix::cat010_test_pattern();
  const auto cat034 = asterix::cat034_test_pattern();
  // North marker alone; the plots and tracks; then sector crossings and the tracks again
  // as two blocks in one datagram.
  std::vector<std::vector<std::uint8_t>> datagrams;
  datagrams.push_back(asterix::encode_cat034_block(std::span(cat034).first(1)));
  datagrams.push_back(asterix::encode_cat010_block(cat010));
  auto combined = asterix::encode_cat034_block(std::span(cat034).subspan(1));
  const auto tracks = asterix::encode_cat010_block(std::span(cat010).subspan(2, 2));
  combined.insert(combined.end(), tracks.begin(), tracks.end());
  datagrams.push_back(std::move(combined));

  std::vector<std::uint8_t> bytes;
  if (options.pcap) {
    asterix::PcapOptions pcap_options;
    pcap_options.destination_port = static_cast<std::uint16_t>(options.port);
    pcap_options.first_time = 1767268800LL * kNsPerSecond;  // 2026-01-01T12:00:00Z
    bytes = asterix::udp_pcap(datagrams, pcap_options);
  } else {
    for (const auto& datagram : datagrams)
      bytes.insert(bytes.end(), datagram.begin(), datagram.end());
  }
  std::FILE* file = options.output == "-" ? stdout : std::fopen(options.output.c_str(), "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "straitwatch: cannot write %s\n", options.output.c_str());
    return 1;
  }
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const bool closed = file == stdout ? std::fflush(file) == 0 : std::fclose(file) == 0;
  if (!written || !closed) {
    std::fprintf(stderr, "straitwatch: write error on %s\n", options.output.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

void add_asterix_commands(CLI::App& app) {
  auto* asterix = app.add_subcommand(
      "asterix", "EUROCONTROL ASTERIX CAT010 (surface movement radar) and CAT034 tools");
  asterix->require_subcommand(1);

  auto decode_options = std::make_shared<DecodeOptions>();
  auto* decode = asterix->add_subcommand(
      "decode", "Decode concatenated ASTERIX data blocks to one observation JSON per line");
  decode->add_option("inputs", decode_options->inputs, "input files ('-' or none for stdin)");
  decode->add_option("--sac", decode_options->sac, "radar System Area Code (default: any)")
      ->check(CLI::Range(0, 255));
  decode->add_option("--sic", decode_options->sic, "radar System Identification Code")
      ->check(CLI::Range(0, 255));
  decode->add_option("--site-lat", decode_options->site_lat, "radar latitude, degrees")
      ->check(CLI::Range(-90.0, 90.0));
  decode->add_option("--site-lon", decode_options->site_lon, "radar longitude, degrees")
      ->check(CLI::Range(-180.0, 180.0));
  decode->add_option("--source-id", decode_options->source_id, "source id of the feed");
  decode->add_option("--site-label", decode_options->site_label, "human label of the site");
  decode->add_option("--range-sigma", decode_options->range_sigma_m,
                     "range sigma, m, when I010/500 is absent (15)");
  decode->add_option("--azimuth-sigma", decode_options->azimuth_sigma_deg,
                     "azimuth sigma, degrees, when I010/500 is absent (0.2)");
  decode->add_option("--reference-time", decode_options->reference_time,
                     "receive time the times of day are taken nearest to (ISO 8601 UTC; "
                     "default: now)");
  decode->add_flag("--records", decode_options->records,
                   "print the decoded CAT010/CAT034 records (item fields) instead");
  decode->add_flag("--stats", decode_options->stats,
                   "print counts of records and of rejections by reason to stderr");
  decode->add_flag("-q,--quiet", decode_options->quiet, "decode and count, print nothing");
  decode->callback([decode_options] {
    const int status = run_decode(*decode_options);
    if (status != 0) throw CLI::RuntimeError(status);
  });

  auto encode_options = std::make_shared<EncodeOptions>();
  auto* encode = asterix->add_subcommand(
      "encode", "Write the CAT010/CAT034 test pattern as data blocks (or a pcap capture)");
  encode->add_option("-o,--output", encode_options->output, "output file ('-' = stdout)");
  encode->add_flag("--pcap", encode_options->pcap,
                   "write a pcap capture: one Ethernet/IPv4/UDP frame per datagram");
  encode->add_option("--port", encode_options->port, "UDP destination port (8600)")
      ->check(CLI::Range(1, 65535));
  encode->callback([encode_options] {
    const int status = run_encode(*encode_options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
