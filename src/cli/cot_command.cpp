#include "cli/cot_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/line_reader.h"
#include "cli/observation_json.h"
#include "ingest/cot/decoder.h"
#include "ingest/cot/to_observation.h"

namespace sw::cli {
namespace {

struct CotDecodeOptions {
  std::string source_id = "cot";
  std::string owner;
  std::vector<std::string> releasable_to;
  double unknown_ce_sigma_m = 500.0;
  std::size_t max_event_bytes = 64 * 1024;
  bool stats = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

/// Counts of the conversion step (the decoder counts the rest).
struct ConversionCounts {
  std::uint64_t observations = 0;
  std::uint64_t not_atoms = 0;  ///< decoded events that describe no thing (shapes, chat...)
};

void print_cot_stats(const cot::DecoderStats& stats, const ConversionCounts& counts,
                     std::FILE* out) {
  std::fprintf(out,
               "bytes: %llu\ndocuments: %llu\nevents: %llu\nobservations: %llu\n"
               "not_atoms: %llu\nrejected: %llu\ntracks_ignored: %llu\n",
               static_cast<unsigned long long>(stats.bytes),
               static_cast<unsigned long long>(stats.documents),
               static_cast<unsigned long long>(stats.events()),
               static_cast<unsigned long long>(counts.observations),
               static_cast<unsigned long long>(counts.not_atoms),
               static_cast<unsigned long long>(stats.rejected()),
               static_cast<unsigned long long>(stats.tracks_ignored));
  std::fprintf(out, "by outcome:\n");
  for (std::size_t reason_idx = 0; reason_idx < stats.by_reason.size(); ++reason_idx) {
    if (stats.by_reason[reason_idx] == 0) continue;
    const auto reason = static_cast<cot::Reason>(reason_idx);
    std::fprintf(out, "  %s%s: %llu\n", cot::to_string(reason),
                 reason == cot::Reason::kDecoded ? "" : " (rejected)",
                 static_cast<unsigned long long>(stats.by_reason[reason_idx]));
  }
}

int run_cot_decode(const CotDecodeOptions& options) {
  cot::Decoder::Options decoder_options;
  decoder_options.max_event_bytes = options.max_event_bytes;
  cot::Decoder decoder(decoder_options);
  cot::ObservationContext context;
  context.source_id = options.source_id;
  context.label.owner = options.owner;
  context.label.releasable_to = options.releasable_to;
  context.unknown_ce_sigma_m = options.unknown_ce_sigma_m;

  StdoutBuffer out;
  ConversionCounts counts;
  std::vector<cot::CotEvent> events;
  const auto print = [&] {
    for (const auto& event : events) {
      const auto observation = cot::to_observation(event, context);
      if (!observation) {
        ++counts.not_atoms;
        continue;
      }
      ++counts.observations;
      if (options.quiet) continue;
      out.text().append(observation_json_line(*observation));
      out.text().append("\n");
      out.maybe_flush();
    }
    events.clear();
  };

  std::vector<std::string> names = options.inputs;
  if (names.empty()) names.emplace_back("-");
  int status = 0;
  std::vector<char> block(1 << 16);
  for (const auto& input : names) {
    std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (file == nullptr) {
      std::fprintf(stderr, "straitwatch: cannot open %s\n", input.c_str());
      status = 1;
      continue;
    }
    std::size_t count = 0;
    while ((count = std::fread(block.data(), 1, block.size(), file)) > 0) {
      decoder.feed(std::string_view(block.data(), count), events);
      print();
    }
    if (std::ferror(file) != 0) {
      std::fprintf(stderr, "straitwatch: read error on %s\n", input.c_str());
      status = 1;
    }
    decoder.finish();  // each input is its own stream
    if (file != stdin) std::fclose(file);
  }
  out.flush();
  if (options.stats) print_cot_stats(decoder.stats(), counts, stderr);
  return status;
}

}  // namespace

void add_cot_commands(CLI::App& app) {
  auto* cot = app.add_subcommand("cot", "Cursor-on-Target (CoT XML, as TAK uses) tools");
  cot->require_subcommand(1);

  auto options = std::make_shared<CotDecodeOptions>();
  auto* decode = cot->add_subcommand(
      "decode", "Decode a CoT XML stream (events concatenated) to observation JSON lines");
  decode->add_option("--source-id", options->source_id, "source id of the observations");
  decode->add_option("--owner", options->owner, "label owner of the observations");
  decode
      ->add_option("--releasable-to", options->releasable_to,
                   "source label releasable-to, comma-separated or repeated (an event's "
                   "releaseableTo narrows it)")
      ->delimiter(',')
      ->expected(1)
      ->allow_extra_args(false)  // one value per occurrence: inputs may follow
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  decode
      ->add_option("--unknown-ce", options->unknown_ce_sigma_m,
                   "1 sigma in metres for events whose ce is unknown (9999999)")
      ->check(CLI::PositiveNumber);
  decode
      ->add_option("--max-event-bytes", options->max_event_bytes,
                   "larger events are counted as oversized and skipped")
      ->check(CLI::Range(64, 16 << 20));
  decode->add_flag("--stats", options->stats, "print counts by outcome to stderr");
  decode->add_flag("-q,--quiet", options->quiet, "decode and count, print nothing");
  decode->add_option("inputs", options->inputs, "input files ('-' or none for stdin)");
  decode->callback([options] {
    const int status = run_cot_decode(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
