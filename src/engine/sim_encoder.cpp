#include "engine/sim_encoder.h"

#include <span>
#include <variant>

#include "ingest/asterix/encoder.h"
#include "ingest/cot/encoder.h"
#include "ingest/distress/distress_report.h"

namespace sw::engine {
namespace {

std::string_view as_text(const std::vector<std::uint8_t>& block) {
  return {reinterpret_cast<const char*>(block.data()), block.size()};
}

}  // namespace

void SimEncoder::emit(const sim::Report& report) {
  ++reports_;
  std::visit([this](const auto& item) { encode(item); }, report);
}

void SimEncoder::encode(const sim::TruthRecord& /*truth*/) {}

void SimEncoder::encode(const sim::AisReport& report) {
  text_.clear();
  if (ais_.write(report, text_)) deliver_("ais-shore", text_, true, report.time);
}

void SimEncoder::encode(const sim::RadarNorthMarker& marker) {
  const asterix::Cat034Record record = sim::cat034_record(marker);
  deliver_("radar-" + marker.radar_id, as_text(asterix::encode_cat034_block(std::span(&record, 1))),
           true, marker.time);
}

void SimEncoder::encode(const sim::RadarPlot& plot) {
  const asterix::Cat010Record record = sim::cat010_record(plot);
  deliver_("radar-" + plot.radar_id, as_text(asterix::encode_cat010_block(std::span(&record, 1))),
           true, plot.time);
}

void SimEncoder::encode(const sim::SightingReport& sighting) {
  deliver_("air-cot", cot::encode_cot(sim::cot_event(sighting)) + "\n", false, sighting.time);
}

void SimEncoder::encode(const sim::AssetPosition& asset) {
  deliver_("air-cot", cot::encode_cot(sim::cot_event(asset)) + "\n", false, asset.time);
}

void SimEncoder::encode(const sim::DistressEvent& event) {
  deliver_("distress-calls", distress::encode_distress_json(sim::distress_report(event)) + "\n",
           false, event.time);
}

}  // namespace sw::engine
