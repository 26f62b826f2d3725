#include "ingest/asterix/record_json.h"

#include <array>
#include <nlohmann/json.hpp>

namespace sw::asterix {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 28> kCat010Names = {
    "010", "000", "020", "140", "041", "040", "042", "200", "202", "161",
    "170", "060", "220", "245", "250", "300", "090", "091", "270", "550",
    "310", "500", "280", "131", "210", "",    "SP",  "RE"};
constexpr std::array<const char*, 14> kCat034Names = {
    "010", "000", "030", "020", "041", "050", "060", "070", "100", "110", "120", "090", "RE", "SP"};

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t octet : bytes) {
    text.push_back(kDigits[octet >> 4U]);
    text.push_back(kDigits[octet & 0x0FU]);
  }
  return text;
}

void add_raw_items(json& out, const std::vector<RawItem>& items, const char* (*name)(unsigned)) {
  for (const RawItem& item : items) out[std::string(name(item.frn)) + "_hex"] = hex(item.bytes);
}

void add_data_source(json& out, const std::optional<DataSourceId>& source) {
  if (!source) return;
  out["010_SAC"] = source->sac;
  out["010_SIC"] = source->sic;
}

void add_descriptor(json& out, const TargetReportDescriptor& descriptor) {
  out["020_TYP"] = static_cast<int>(descriptor.typ);
  out["020_DCR"] = static_cast<int>(descriptor.dcr);
  out["020_CHN"] = static_cast<int>(descriptor.chn);
  out["020_GBS"] = static_cast<int>(descriptor.gbs);
  out["020_CRT"] = static_cast<int>(descriptor.crt);
  out["020_SIM"] = static_cast<int>(descriptor.sim);
  out["020_TST"] = static_cast<int>(descriptor.tst);
  out["020_RAB"] = static_cast<int>(descriptor.rab);
  out["020_LOP"] = descriptor.lop;
  out["020_TOT"] = descriptor.tot;
  out["020_SPI"] = static_cast<int>(descriptor.spi);
}

void add_track_status(json& out, const TrackStatus& status) {
  out["170_CNF"] = static_cast<int>(status.cnf);
  out["170_TRE"] = static_cast<int>(status.tre);
  out["170_CST"] = status.cst;
  out["170_MAH"] = static_cast<int>(status.mah);
  out["170_TCC"] = static_cast<int>(status.tcc);
  out["170_STH"] = static_cast<int>(status.sth);
  out["170_TOM"] = status.tom;
  out["170_DOU"] = status.dou;
  out["170_MRS"] = status.mrs;
  out["170_GHO"] = static_cast<int>(status.gho);
}

}  // namespace

const char* cat010_item_name(unsigned frn) {
  return frn >= 1 && frn <= kCat010Names.size() ? kCat010Names[frn - 1] : "";
}

const char* cat034_item_name(unsigned frn) {
  return frn >= 1 && frn <= kCat034Names.size() ? kCat034Names[frn - 1] : "";
}

std::string record_json_line(const Cat010Record& record) {
  json out = json::object();
  out["category"] = 10;
  add_data_source(out, record.data_source);
  if (record.message_type) out["000_VALUE"] = static_cast<int>(*record.message_type);
  if (record.descriptor) add_descriptor(out, *record.descriptor);
  if (record.time_of_day_s) out["140_VALUE"] = *record.time_of_day_s;
  if (record.position_wgs84) {
    out["041_LAT"] = record.position_wgs84->lat;
    out["041_LON"] = record.position_wgs84->lon;
  }
  if (record.position_polar) {
    out["040_RHO"] = record.position_polar->range_m;
    out["040_TH"] = record.position_polar->azimuth_deg;
  }
  if (record.position_cartesian) {
    out["042_X"] = record.position_cartesian->x_m;
    out["042_Y"] = record.position_cartesian->y_m;
  }
  if (record.velocity_polar) {
    out["200_GSP"] = record.velocity_polar->ground_speed_nm_per_s;
    out["200_TRA"] = record.velocity_polar->track_angle_deg;
  }
  if (record.velocity_cartesian) {
    out["202_VX"] = record.velocity_cartesian->vx_mps;
    out["202_VY"] = record.velocity_cartesian->vy_mps;
  }
  if (record.track_number) out["161_TRK"] = *record.track_number;
  if (record.track_status) add_track_status(out, *record.track_status);
  if (record.mode3a) {
    out["060_V"] = static_cast<int>(record.mode3a->not_validated);
    out["060_G"] = static_cast<int>(record.mode3a->garbled);
    out["060_L"] = static_cast<int>(record.mode3a->not_from_last_scan);
    out["060_MODE3A"] = record.mode3a->code;
  }
  if (record.target_address) out["220_VALUE"] = *record.target_address;
  if (record.target_identification) {
    out["245_STI"] = record.target_identification_sti.value_or(0);
    out["245_CHR"] = *record.target_identification;
  }
  if (record.target_size) {
    out["270_LENGTH"] = record.target_size->length_m;
    if (record.target_size->orientation_deg) {
      out["270_ORIENTATION"] = *record.target_size->orientation_deg;
    }
    if (record.target_size->width_m) out["270_WIDTH"] = *record.target_size->width_m;
  }
  if (record.system_status) {
    out["550_NOGO"] = record.system_status->nogo;
    out["550_OVL"] = static_cast<int>(record.system_status->ovl);
    out["550_TSV"] = static_cast<int>(record.system_status->tsv);
    out["550_DIV"] = static_cast<int>(record.system_status->div);
    out["550_TTF"] = static_cast<int>(record.system_status->ttf);
  }
  if (record.position_deviation) {
    out["500_DEVX"] = record.position_deviation->sigma_x_m;
    out["500_DEVY"] = record.position_deviation->sigma_y_m;
    out["500_COVXY"] = record.position_deviation->covariance_xy_m2;
  }
  add_raw_items(out, record.other_items, cat010_item_name);
  return out.dump();
}

std::string record_json_line(const Cat034Record& record) {
  json out = json::object();
  out["category"] = 34;
  add_data_source(out, record.data_source);
  if (record.message_type) out["000_VALUE"] = static_cast<int>(*record.message_type);
  if (record.time_of_day_s) out["030_VALUE"] = *record.time_of_day_s;
  if (record.sector_azimuth_deg) out["020_VALUE"] = *record.sector_azimuth_deg;
  if (record.antenna_rotation_period_s) out["041_VALUE"] = *record.antenna_rotation_period_s;
  if (record.source_position) {
    out["120_HGT"] = record.source_position->height_m;
    out["120_LAT"] = record.source_position->position.lat;
    out["120_LON"] = record.source_position->position.lon;
  }
  add_raw_items(out, record.other_items, cat034_item_name);
  return out.dump();
}

}  // namespace sw::asterix
