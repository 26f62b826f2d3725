// AIS NMEA 0183 sources: lines -> ais::Decoder -> ais::to_observation.

#include "engine/line_assembler.h"
#include "engine/source_decoders.h"
#include "ingest/ais/decoder.h"
#include "ingest/ais/to_observation.h"

namespace sw::engine {
namespace {

class AisSource final : public SourceDecoder {
 public:
  explicit AisSource(const SourceConfig& source) : datagram_(is_datagram(source)) {
    context_.source_id = source.id;
    context_.label = source.label;
  }

  void decode(const RawInput& input, std::vector<Observation>& out) override {
    context_.receive_time = input.receive_time;
    if (input.bytes.empty()) lines_.reset();  // a new connection of a stream source
    lines_.feed(input.bytes, datagram_, [&](std::string_view line) {
      const ais::LineResult result = decoder_.feed_line(line, input.receive_time);
      if (result.reason != ais::LineReason::kDecoded) return;
      if (auto observation = ais::to_observation(*result.message, *result.source, context_)) {
        out.push_back(std::move(*observation));
      }
    });
  }

  ReasonCounts rejections() const override {
    ReasonCounts counts;
    const ais::DecoderStats& stats = decoder_.stats();
    for (std::size_t reason = 0; reason < stats.by_reason.size(); ++reason) {
      const auto line_reason = static_cast<ais::LineReason>(reason);
      if (stats.by_reason[reason] == 0 || line_reason == ais::LineReason::kDecoded ||
          line_reason == ais::LineReason::kFragmentHeld ||
          line_reason == ais::LineReason::kPartHeld || line_reason == ais::LineReason::kWrapper ||
          line_reason == ais::LineReason::kBlank) {
        continue;
      }
      counts[ais::to_string(line_reason)] = stats.by_reason[reason];
    }
    if (stats.incomplete_groups > 0) counts["incomplete_group"] = stats.incomplete_groups;
    if (lines_.oversized() > 0) counts["line_too_long"] += lines_.oversized();
    if (lines_.truncated() > 0) counts["truncated_by_disconnect"] += lines_.truncated();
    return counts;
  }

  std::uint64_t decoded() const override {
    return decoder_.stats().count(ais::LineReason::kDecoded);
  }

 private:
  bool datagram_;
  ais::Decoder decoder_;
  ais::ObservationContext context_;
  LineAssembler lines_{4096};
};

}  // namespace

std::unique_ptr<SourceDecoder> make_ais_source(const SourceConfig& source) {
  return std::make_unique<AisSource>(source);
}

}  // namespace sw::engine
