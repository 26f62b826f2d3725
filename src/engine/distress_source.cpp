// Distress reports as JSON lines (one report per line over a stream, or per datagram).

#include "engine/line_assembler.h"
#include "engine/source_decoders.h"
#include "ingest/distress/distress_decoder.h"

namespace sw::engine {
namespace {

distress::DistressDecoderOptions distress_options(const SourceConfig& source) {
  distress::DistressDecoderOptions options;
  options.source_id = source.id;
  options.label = source.label;
  return options;
}

class DistressSource final : public SourceDecoder {
 public:
  explicit DistressSource(const SourceConfig& source)
      : datagram_(is_datagram(source)), decoder_(distress_options(source)) {}

  void decode(const RawInput& input, std::vector<Observation>& out) override {
    if (input.bytes.empty()) lines_.reset();
    lines_.feed(input.bytes, datagram_, [&](std::string_view line) {
      for (distress::DistressItem& item : decoder_.feed_line(line)) {
        if (item.observation) out.push_back(std::move(*item.observation));
      }
    });
  }

  ReasonCounts rejections() const override {
    ReasonCounts counts;
    const distress::DistressDecoderStats& stats = decoder_.stats();
    for (std::size_t reason = 0; reason < stats.by_reason.size(); ++reason) {
      const auto report_reason = static_cast<distress::DistressReason>(reason);
      if (stats.by_reason[reason] == 0 || !distress::is_rejection(report_reason)) continue;
      counts[distress::to_string(report_reason)] = stats.by_reason[reason];
    }
    if (lines_.oversized() > 0) counts["too_large"] += lines_.oversized();
    if (lines_.truncated() > 0) counts["truncated_by_disconnect"] += lines_.truncated();
    return counts;
  }

  std::uint64_t decoded() const override { return decoder_.stats().observations; }

 private:
  bool datagram_;
  distress::DistressDecoder decoder_;
  LineAssembler lines_{64 * 1024};
};

}  // namespace

std::unique_ptr<SourceDecoder> make_distress_source(const SourceConfig& source) {
  return std::make_unique<DistressSource>(source);
}

}  // namespace sw::engine
