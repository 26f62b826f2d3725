#pragma once
/// SimEncoder: the simulator's reports in the wire formats the built-in sources expect —
/// AIS NMEA (source "ais-shore") and ASTERIX CAT010/034 ("radar-<id>") as datagrams,
/// Cursor-on-Target ("air-cot") and distress JSON ("distress-calls") as stream bytes —
/// handed to a delivery callback (loopback sockets live, Pipeline inputs in process).

#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "sim/reports.h"
#include "sim/sink.h"
#include "sim/writers.h"

namespace sw::engine {

/// Where encoded bytes go: the source id, the bytes, whether they are one datagram (else a
/// piece of a stream), and the report's time.
using Delivery =
    std::function<void(const std::string& source, std::string_view bytes, bool datagram, TimeNs)>;

class SimEncoder final : public sim::ReportSink {
 public:
  explicit SimEncoder(Delivery deliver) : deliver_(std::move(deliver)) {}
  void emit(const sim::Report& report) override;
  std::uint64_t reports() const { return reports_; }

 private:
  void encode(const sim::TruthRecord& truth);
  void encode(const sim::AisReport& report);
  void encode(const sim::RadarNorthMarker& marker);
  void encode(const sim::RadarPlot& plot);
  void encode(const sim::SightingReport& sighting);
  void encode(const sim::AssetPosition& asset);
  void encode(const sim::DistressEvent& event);

  Delivery deliver_;
  sim::AisNmeaWriter ais_;
  std::string text_;
  std::uint64_t reports_ = 0;
};

}  // namespace sw::engine
