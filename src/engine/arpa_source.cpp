// NMEA TTM/TLL sources (ARPA radar targets), placed from the stream's own-ship sentences
// or from the configured site.

#include "engine/line_assembler.h"
#include "engine/source_decoders.h"
#include "ingest/nmea/arpa_decoder.h"

namespace sw::engine {
namespace {

nmea::ArpaDecoderOptions arpa_options(const SourceConfig& source) {
  nmea::ArpaDecoderOptions options;
  options.source_id = source.id;
  options.label = source.label;
  options.site = source.site;
  return options;
}

class ArpaSource final : public SourceDecoder {
 public:
  explicit ArpaSource(const SourceConfig& source)
      : datagram_(is_datagram(source)), decoder_(arpa_options(source)) {}

  void decode(const RawInput& input, std::vector<Observation>& out) override {
    if (input.bytes.empty()) lines_.reset();
    lines_.feed(input.bytes, datagram_, [&](std::string_view line) {
      nmea::ArpaLineResult result = decoder_.feed_line(line, input.receive_time);
      // The decoder skips other sentences quietly; a line that is no sentence at all is
      // garbage on this feed and is counted.
      if (result.reason == nmea::ArpaLineReason::kOther && !line.empty() && line[0] != '$' &&
          line[0] != '!') {
        ++not_nmea_;
      }
      if (result.observation) out.push_back(std::move(*result.observation));
    });
  }

  ReasonCounts rejections() const override {
    ReasonCounts counts;
    const nmea::ArpaDecoderStats& stats = decoder_.stats();
    for (std::size_t reason = 0; reason < stats.by_reason.size(); ++reason) {
      const auto line_reason = static_cast<nmea::ArpaLineReason>(reason);
      if (stats.by_reason[reason] == 0 || !nmea::is_rejection(line_reason)) continue;
      counts[nmea::to_string(line_reason)] = stats.by_reason[reason];
    }
    if (lines_.oversized() > 0) counts["line_too_long"] += lines_.oversized();
    if (not_nmea_ > 0) counts["not_nmea"] = not_nmea_;
    if (lines_.truncated() > 0) counts["truncated_by_disconnect"] += lines_.truncated();
    return counts;
  }

  std::uint64_t decoded() const override { return decoder_.stats().observations; }

 private:
  bool datagram_;
  nmea::ArpaDecoder decoder_;
  LineAssembler lines_{4096};
  std::uint64_t not_nmea_ = 0;
};

}  // namespace

std::unique_ptr<SourceDecoder> make_arpa_source(const SourceConfig& source) {
  return std::make_unique<ArpaSource>(source);
}

}  // namespace sw::engine
