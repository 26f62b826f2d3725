#include "cli/distress_command.h"

#include <CLI/CLI.hpp>
#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/line_reader.h"
#include "cli/observation_json.h"
#include "ingest/distress/distress_decoder.h"

namespace sw::cli {
namespace {

struct DistressDecodeOptions {
  std::string source_id = "distress";
  std::string owner;
  double default_uncertainty_m = 1000.0;
  bool stats = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

void print_distress_stats(const distress::DistressDecoderStats& stats, std::FILE* out) {
  std::fprintf(out, "reports: %llu\nobservations: %llu\nrejected: %llu\npersonal_data: %llu\n",
               static_cast<unsigned long long>(stats.reports),
               static_cast<unsigned long long>(stats.observations),
               static_cast<unsigned long long>(stats.rejected()),
               static_cast<unsigned long long>(stats.personal_data));
  std::fprintf(out, "by outcome:\n");
  for (std::size_t reason_idx = 0; reason_idx < stats.by_reason.size(); ++reason_idx) {
    if (stats.by_reason[reason_idx] == 0) continue;
    const auto reason = static_cast<distress::DistressReason>(reason_idx);
    std::fprintf(out, "  %s%s: %llu\n", distress::to_string(reason),
                 distress::is_rejection(reason) ? " (rejected)" : "",
                 static_cast<unsigned long long>(stats.by_reason[reason_idx]));
  }
}

/// Splits one input into the units the decoder takes, with bounded memory: a JSON array
/// (first non-blank byte '[') is gathered whole up to max_document_bytes; otherwise each
/// line is one unit. Of an overlong unit only its first limit + 1 bytes are kept, enough
/// for the decoder to count it as too large.
class JsonUnitSplitter {
 public:
  JsonUnitSplitter(distress::DistressDecoder& decoder, std::size_t max_document_bytes)
      : decoder_(decoder), max_document_bytes_(max_document_bytes) {}

  template <typename OnItems>
  void feed(std::string_view bytes, OnItems&& on_items) {
    for (const char c : bytes) {
      if (mode_ == Mode::kUnknown) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        mode_ = c == '[' ? Mode::kDocument : Mode::kLines;
      }
      if (mode_ == Mode::kLines && c == '\n') {
        on_items(decoder_.feed_line(unit_));
        unit_.clear();
        continue;
      }
      const std::size_t limit =
          mode_ == Mode::kDocument ? max_document_bytes_ : distress::kMaxReportBytes;
      if (unit_.size() <= limit) unit_.push_back(c);
    }
  }

  template <typename OnItems>
  void finish(OnItems&& on_items) {
    if (mode_ == Mode::kDocument) {
      on_items(decoder_.feed_text(unit_));
    } else if (!unit_.empty()) {
      on_items(decoder_.feed_line(unit_));
    }
    unit_.clear();
    mode_ = Mode::kUnknown;
  }

 private:
  enum class Mode { kUnknown, kDocument, kLines };
  distress::DistressDecoder& decoder_;
  std::size_t max_document_bytes_;
  Mode mode_ = Mode::kUnknown;
  std::string unit_;
};

int run_distress_decode(const DistressDecodeOptions& options) {
  distress::DistressDecoderOptions decoder_options;
  decoder_options.source_id = options.source_id;
  decoder_options.label.owner = options.owner;
  decoder_options.default_uncertainty_m = options.default_uncertainty_m;
  distress::DistressDecoder decoder(decoder_options);
  JsonUnitSplitter splitter(decoder, decoder_options.max_document_bytes);

  StdoutBuffer out;
  const auto print = [&](const std::vector<distress::DistressItem>& items) {
    if (options.quiet) return;
    for (const auto& item : items) {
      if (!item.observation) continue;
      out.text().append(observation_json_line(*item.observation));
      out.text().append("\n");
      out.maybe_flush();
    }
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
      splitter.feed(std::string_view(block.data(), count), print);
    }
    if (std::ferror(file) != 0) {
      std::fprintf(stderr, "straitwatch: read error on %s\n", input.c_str());
      status = 1;
    }
    splitter.finish(print);
    if (file != stdin) std::fclose(file);
  }
  out.flush();
  if (options.stats) print_distress_stats(decoder.stats(), stderr);
  return status;
}

}  // namespace

void add_distress_commands(CLI::App& app) {
  auto* distress = app.add_subcommand("distress", "distress report (JSON) tools");
  distress->require_subcommand(1);

  auto options = std::make_shared<DistressDecodeOptions>();
  auto* decode = distress->add_subcommand(
      "decode", "Decode distress reports (JSON Lines or a JSON array) to observation JSON");
  decode->add_option("--source-id", options->source_id, "source id of the observations");
  decode->add_option("--owner", options->owner, "label owner of the observations");
  decode
      ->add_option("--default-uncertainty", options->default_uncertainty_m,
                   "1 sigma in metres for reports without uncertainty_m")
      ->check(CLI::PositiveNumber);
  decode->add_flag("--stats", options->stats, "print counts by outcome to stderr");
  decode->add_flag("-q,--quiet", options->quiet, "decode and count, print nothing");
  decode->add_option("inputs", options->inputs, "input files ('-' or none for stdin)");
  decode->callback([options] {
    const int status = run_distress_decode(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sw::cli
