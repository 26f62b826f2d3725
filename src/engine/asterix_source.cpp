// ASTERIX sources: CAT010 target reports become observations; CAT034 service messages
// (north marker, sector crossing) are decoded and counted.

#include "engine/source_decoders.h"
#include "ingest/asterix/decoder.h"
#include "ingest/asterix/to_observation.h"

namespace sw::engine {
namespace {

class AsterixSource final : public SourceDecoder {
 public:
  explicit AsterixSource(const SourceConfig& source) : datagram_(is_datagram(source)) {
    site_.source_id = source.id;
    site_.data_source = {source.sac, source.sic};
    site_.position = source.site.value_or(LatLon{});
    site_.range_sigma_m = source.range_sigma_m;
    site_.azimuth_sigma_deg = source.azimuth_sigma_deg;
    site_.label = source.label;
    site_.frame = LocalFrame::for_area(site_.position, asterix::kCoverageHalfLatDeg,
                                       asterix::kCoverageHalfLonDeg);
  }

  void decode(const RawInput& input, std::vector<Observation>& out) override {
    const std::span<const std::uint8_t> bytes(
        reinterpret_cast<const std::uint8_t*>(input.bytes.data()), input.bytes.size());
    if (!datagram_ && bytes.empty()) {
      // A new connection: the old stream's partial block is counted (truncated_block) and
      // dropped; its counts are kept.
      stream_.finish();
      past_decoded_ += stream_.stats().cat010_records + stream_.stats().cat034_records;
      add_reasons(stream_.stats(), past_rejections_);
      stream_ = asterix::StreamDecoder{};
      return;
    }
    const asterix::DecodedRecords& records =
        datagram_ ? datagram_decoder_.decode_datagram(bytes) : stream_.feed(bytes);
    for (const asterix::Cat010Record& record : records.cat010) {
      auto observation = asterix::to_observation(record, site_, input.receive_time);
      if (observation) {
        out.push_back(std::move(*observation));
      } else {
        ++refused_[observation.error().code];
      }
    }
  }

  ReasonCounts rejections() const override {
    ReasonCounts counts = refused_;
    for (const auto& [reason, count] : past_rejections_) counts[reason] += count;
    add_reasons(datagram_decoder_.stats(), counts);
    add_reasons(stream_.stats(), counts);
    return counts;
  }

  std::uint64_t decoded() const override {
    return past_decoded_ + datagram_decoder_.stats().cat010_records +
           datagram_decoder_.stats().cat034_records + stream_.stats().cat010_records +
           stream_.stats().cat034_records;
  }

 private:
  static void add_reasons(const asterix::DecoderStats& stats, ReasonCounts& counts) {
    for (std::size_t reason = 0; reason < stats.by_reason.size(); ++reason) {
      if (stats.by_reason[reason] == 0) continue;
      counts[asterix::to_string(static_cast<asterix::Reason>(reason))] += stats.by_reason[reason];
    }
  }

  bool datagram_;
  asterix::RadarSite site_;
  asterix::Decoder datagram_decoder_;
  asterix::StreamDecoder stream_;
  ReasonCounts refused_;  ///< records refused by to_observation, by error code
  ReasonCounts past_rejections_;
  std::uint64_t past_decoded_ = 0;
};

}  // namespace

std::unique_ptr<SourceDecoder> make_asterix_source(const SourceConfig& source) {
  return std::make_unique<AsterixSource>(source);
}

}  // namespace sw::engine
