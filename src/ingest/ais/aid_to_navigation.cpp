// Type 21: aid-to-navigation report (ITU-R M.1371-5 Annex 8, 3.18).

#include "ingest/ais/families.h"

namespace sw::ais {
namespace {

constexpr std::size_t kNameChars = 20;
constexpr std::size_t kExtensionStart = 272;
constexpr std::size_t kGpsdNameCapacity = 35;  // bytes, terminating NUL included

/// The accuracy flag and longitude as gpsd 3.22 prints them. gpsd stores the name in
/// 35 bytes followed by the one-byte accuracy flag and the little-endian longitude:
/// the terminator of a 35-character name clears the flag; a 36-character name puts
/// its last character in the flag and its terminator in the longitude's low byte.
struct GpsdAccuracyAndLon {
  std::uint32_t accuracy;  ///< 0/1, or the character code that overwrote the flag
  std::int32_t lon;
};

GpsdAccuracyAndLon gpsd_accuracy_and_lon(const AidToNavigation& body) {
  GpsdAccuracyAndLon view{body.accuracy ? 1U : 0U, body.lon};
  if (body.name_untrimmed_length == kGpsdNameCapacity) {
    view.accuracy = 0;
  } else if (body.name_untrimmed_length > kGpsdNameCapacity) {
    // Trimming a trailing space writes a NUL over the flag again.
    view.accuracy = body.name.size() > kGpsdNameCapacity
                        ? static_cast<unsigned char>(body.name.view()[kGpsdNameCapacity])
                        : 0U;
    view.lon = static_cast<std::int32_t>(static_cast<std::uint32_t>(body.lon) & 0xffffff00U);
  }
  return view;
}

}  // namespace

DecodeError decode_body(const Bits& bits, Message& /*header*/, AidToNavigation& body) {
  // 272 bits, plus up to 16 characters of name extension.
  if (auto error = require_range(bits, 272, 368); error != DecodeError::kNone) return error;
  body.aid_type = bits.u(38, 5);
  read_sixbit(bits, 43, kNameChars, body.name, /*trim=*/false);
  body.accuracy = bits.flag(163);
  body.lon = bits.s(164, 28);
  body.lat = bits.s(192, 27);
  body.to_bow = bits.u(219, 9);
  body.to_stern = bits.u(228, 9);
  body.to_port = bits.u(237, 6);
  body.to_starboard = bits.u(243, 6);
  body.epfd = bits.u(249, 4);
  body.second = bits.u(253, 6);
  body.off_position = bits.flag(259);
  body.regional = bits.u(260, 8);
  body.raim = bits.flag(268);
  body.virtual_aid = bits.flag(269);
  body.assigned = bits.flag(270);
  // The extension only follows a full 20-character name (no '@' terminator).
  if (body.name.size() == kNameChars && bits.size() > kExtensionStart) {
    FixedText<16> extension;
    read_sixbit(bits, kExtensionStart, (bits.size() - kExtensionStart) / 6, extension,
                /*trim=*/false);
    for (char c : extension.view()) body.name.push_back(c);
  }
  body.name_untrimmed_length = static_cast<std::uint8_t>(body.name.size());
  body.name.trim_right();
  return DecodeError::kNone;
}

void write_json(const Message& /*header*/, const AidToNavigation& body, bool scaled,
                JsonOut& json) {
  const GpsdAccuracyAndLon gpsd_view = gpsd_accuracy_and_lon(body);
  json.u("aid_type", body.aid_type);
  json.str("aid_type_text", navaid_type_text(body.aid_type));
  json.str("name", body.name.view());
  // gpsd puts the position before the accuracy flag when scaled, after it when not.
  if (scaled) {
    json_latlon(json, "lon", gpsd_view.lon, "lat", body.lat, true);
    json.b("accuracy", gpsd_view.accuracy != 0);
  } else {
    json.b("accuracy", gpsd_view.accuracy != 0);
    json_latlon(json, "lon", gpsd_view.lon, "lat", body.lat, false);
  }
  json_dimensions(json, body.to_bow, body.to_stern, body.to_port, body.to_starboard);
  json_epfd(json, body.epfd);
  json.u("second", body.second);
  json.u("regional", body.regional);
  json.b("off_position", body.off_position);
  json.b("raim", body.raim);
  json.b("virtual_aid", body.virtual_aid);
}

void write_csv(const Message& /*header*/, const AidToNavigation& body, CsvOut& csv) {
  const GpsdAccuracyAndLon gpsd_view = gpsd_accuracy_and_lon(body);
  csv.u(body.aid_type).str(body.name.view()).u(gpsd_view.accuracy).i(gpsd_view.lon).i(body.lat);
  csv.u(body.to_bow).u(body.to_stern).u(body.to_port).u(body.to_starboard).u(body.epfd);
  csv.u(body.second).u(body.regional).hex(body.off_position).u(body.raim).u(body.virtual_aid);
}

}  // namespace sw::ais
