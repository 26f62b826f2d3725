#include "store/canonical_dump.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/label.h"
#include "store/canonical_text.h"
#include "store/record_columns.h"

namespace sw::store {
namespace {

constexpr char kTab = '\t';

constexpr std::string_view kLabelHeader =
    "label_owner label_releasable_to label_purposes label_sensitivity label_personal_data "
    "label_retention_s";

template <typename T>
std::optional<std::int64_t> optional_integer(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

}  // namespace

CanonicalDumpWriter::CanonicalDumpWriter(std::ostream& out) : out_(out) {
  out_ << kDumpHeader << '\n';
}

void CanonicalDumpWriter::label(const Label& label) {
  out_ << dump_text(label.owner) << kTab << dump_text(encode_releasable_to(label.releasable_to))
       << kTab << static_cast<int>(label.purposes) << kTab << to_string(label.sensitivity) << kTab
       << (label.personal_data ? 1 : 0) << kTab << label.retention_s;
}

void CanonicalDumpWriter::begin_sources() {
  out_ << "[sources] source_id format description " << kLabelHeader << '\n';
}

void CanonicalDumpWriter::source(const SourceRecord& source) {
  out_ << dump_text(source.source_id) << kTab << dump_text(source.format) << kTab
       << dump_text(source.description) << kTab;
  label(source.label);
  out_ << '\n';
}

void CanonicalDumpWriter::begin_tracks() {
  out_ << "[tracks] track_id class mmsi name callsign ship_type length_m width_m asset_id "
          "first_seen_ns last_seen_ns "
       << kLabelHeader << '\n';
}

void CanonicalDumpWriter::track(const TrackRecord& track) {
  const TrackIdentity& identity = track.identity;
  out_ << static_cast<std::int64_t>(track.track_id) << kTab << to_string(track.track_class) << kTab
       << dump_optional_integer(optional_integer(identity.mmsi)) << kTab << dump_text(identity.name)
       << kTab << dump_text(identity.callsign) << kTab
       << dump_optional_integer(optional_integer(identity.ship_type)) << kTab
       << dump_optional_fixed(identity.length_m, 3) << kTab
       << dump_optional_fixed(identity.width_m, 3) << kTab << dump_text(identity.asset_id) << kTab
       << track.first_seen << kTab << track.last_seen << kTab;
  label(track.label);
  out_ << '\n';
}

void CanonicalDumpWriter::begin_positions() {
  out_ << "[track_positions] track_id time_ns lat lon vel_east vel_north cov_ee cov_en cov_nn "
          "status\n";
}

void CanonicalDumpWriter::position(const TrackPosition& position) {
  out_ << static_cast<std::int64_t>(position.track_id) << kTab << position.time << kTab
       << dump_fixed(position.position.lat, 9) << kTab << dump_fixed(position.position.lon, 9)
       << kTab << dump_fixed(position.velocity.east, 6) << kTab
       << dump_fixed(position.velocity.north, 6) << kTab << dump_fixed(position.covariance.ee, 6)
       << kTab << dump_fixed(position.covariance.en, 6) << kTab
       << dump_fixed(position.covariance.nn, 6) << kTab << to_string(position.status) << '\n';
}

void CanonicalDumpWriter::begin_observations() {
  out_ << "[observations] time_ns source_id kind journal_sequence track_id\n";
}

void CanonicalDumpWriter::observation(const ObservationRecord& observation) {
  out_ << observation.time << kTab << dump_text(observation.source_id) << kTab
       << to_string(observation.kind) << kTab
       << static_cast<std::int64_t>(observation.journal_sequence) << kTab
       << dump_optional_integer(optional_integer(observation.track_id)) << '\n';
}

void CanonicalDumpWriter::begin_counters() { out_ << "[counters] source_id name time_ns value\n"; }

void CanonicalDumpWriter::counter(const CounterSample& sample) {
  out_ << dump_text(sample.source_id) << kTab << dump_text(sample.name) << kTab << sample.time
       << kTab << sample.value << '\n';
}

void CanonicalDumpWriter::begin_alerts() {
  out_ << "[alerts] alert_id revision time_ns kind state severity change actor region lat lon "
          "subjects body_json "
       << kLabelHeader << '\n';
}

void CanonicalDumpWriter::alert(const AlertRecord& alert) {
  out_ << alert.alert_id << kTab << alert.revision << kTab << alert.time << kTab
       << dump_text(alert.kind) << kTab << dump_text(alert.state) << kTab << alert.severity << kTab
       << dump_text(alert.change) << kTab << dump_text(alert.actor) << kTab
       << dump_text(alert.region) << kTab << dump_fixed(alert.position.lat, 9) << kTab
       << dump_fixed(alert.position.lon, 9) << kTab << encode_subjects(alert.subjects) << kTab
       << dump_text(alert.body_json) << kTab;
  label(alert.label);
  out_ << '\n';
}

}  // namespace sw::store
