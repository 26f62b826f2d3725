// Cursor-on-Target sources: XML events (a stream of them over TCP, one per UDP datagram).

#include "engine/source_decoders.h"
#include "ingest/cot/decoder.h"
#include "ingest/cot/to_observation.h"

namespace sw::engine {
namespace {

class CotSource final : public SourceDecoder {
 public:
  explicit CotSource(const SourceConfig& source) : datagram_(is_datagram(source)) {
    context_.source_id = source.id;
    context_.label = source.label;
  }

  void decode(const RawInput& input, std::vector<Observation>& out) override {
    events_.clear();
    if (datagram_) {
      auto event = datagrams_.decode_datagram(input.bytes);
      if (event) events_.push_back(std::move(*event));
    } else if (input.bytes.empty()) {
      stream_.finish();  // a new connection: the partial event of the old one is truncated
    } else {
      stream_.feed(input.bytes, events_);
    }
    for (const cot::CotEvent& event : events_) {
      if (auto observation = cot::to_observation(event, context_)) {
        out.push_back(std::move(*observation));
      } else {
        ++not_observations_;
      }
    }
  }

  ReasonCounts rejections() const override {
    ReasonCounts counts;
    for (const cot::DecoderStats* stats : {&datagrams_.stats(), &stream_.stats()}) {
      for (std::size_t reason = 1; reason < stats->by_reason.size(); ++reason) {
        if (stats->by_reason[reason] == 0) continue;
        counts[cot::to_string(static_cast<cot::Reason>(reason))] += stats->by_reason[reason];
      }
    }
    if (not_observations_ > 0) counts["not_an_observation"] = not_observations_;
    return counts;
  }

  std::uint64_t decoded() const override {
    return datagrams_.stats().events() + stream_.stats().events();
  }

 private:
  bool datagram_;
  cot::ObservationContext context_;
  cot::Decoder datagrams_;
  cot::Decoder stream_;
  std::vector<cot::CotEvent> events_;
  std::uint64_t not_observations_ = 0;
};

}  // namespace

std::unique_ptr<SourceDecoder> make_cot_source(const SourceConfig& source) {
  return std::make_unique<CotSource>(source);
}

}  // namespace sw::engine
