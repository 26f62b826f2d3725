#pragma once
/// Writers: the simulator's reports in their real wire formats — AIS as NMEA 0183
/// !AIVDM sentences with an NMEA 4.0 tag block (s: station, c: Unix time), radar as
/// ASTERIX CAT010 plots and CAT034 north markers, sightings and own-asset positions as
/// Cursor-on-Target XML, distress calls as JSON lines, and ground truth as CSV.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ingest/ais/encoder.h"
#include "ingest/asterix/cat010.h"
#include "ingest/asterix/cat034.h"
#include "ingest/cot/cot_event.h"
#include "ingest/distress/distress_report.h"
#include "sim/reports.h"

namespace sw::sim {

/// AIS reports -> sentences. One SentenceEncoder per station, so the sequence ids of
/// multi-sentence messages cycle per station as a real receiver's do.
class AisNmeaWriter {
 public:
  /// Append the sentences of `report`, each ending in "\r\n". Returns false (and appends
  /// nothing) if the encoder refused the message.
  bool write(const AisReport& report, std::string& out);

 private:
  std::map<std::string, ais::SentenceEncoder, std::less<>> encoders_;
  std::vector<std::string> sentences_;
};

/// The CAT010 target report of a plot: data source, message type, descriptor (PSR), time
/// of day, measured polar position, and the same placed in WGS-84; for a track report
/// also the track number, status (CNF while unconfirmed) and Cartesian velocity.
asterix::Cat010Record cat010_record(const RadarPlot& plot);
/// The CAT034 north marker: data source, message type, time of day, rotation period, and
/// the site position.
asterix::Cat034Record cat034_record(const RadarNorthMarker& marker);

/// A sighting as a CoT event: type "a-u-S" (unknown surface), how "h-e" (placed by the
/// crew or drone operator), ce = position sigma, stale after five minutes. No remarks:
/// free text would mark the observation as personal data.
cot::CotEvent cot_event(const SightingReport& sighting);
/// An own asset as a CoT event: "a-f-A-C-F" aircraft, "a-f-A-M-F-Q" drone, "a-f-S-X-L"
/// patrol vessel; how "m-g"; stale after three report intervals.
cot::CotEvent cot_event(const AssetPosition& asset);

/// A distress call as a distress report.
distress::DistressReport distress_report(const DistressEvent& event);

/// The header line of the truth CSV (with "\n").
std::string truth_csv_header();
/// One truth row (with "\n").
void append_truth_csv(const TruthRecord& record, std::string& out);

}  // namespace sw::sim
