#include "sim/identity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "sim/random.h"

namespace sw::sim {
namespace {

/// A flag: maritime identification digits and a call sign prefix (ITU allocations).
struct Flag {
  std::uint32_t mid;
  const char* callsign_prefix;
};

constexpr std::array<Flag, 16> kMerchantFlags{{
    {352, "3E"},
    {636, "A8"},
    {538, "V7"},
    {256, "9H"},
    {311, "C6"},
    {563, "9V"},
    {244, "PB"},
    {211, "DA"},
    {257, "LA"},
    {210, "5B"},
    {232, "MZ"},
    {228, "FM"},
    {219, "OU"},
    {241, "SV"},
    {305, "V2"},
    {477, "VR"},
}};
constexpr Flag kFrance{227, "FH"};
constexpr Flag kUnitedKingdom{235, "MX"};

constexpr std::array<const char*, 16> kFirstWords{
    "NORDIC", "ATLANTIC", "BALTIC", "SILVER",  "GOLDEN",   "OCEAN",   "CAPE",    "BLUE",
    "POLAR",  "CORAL",    "AMBER",  "EMERALD", "NORTHERN", "EASTERN", "WESTERN", "IRON"};
constexpr std::array<const char*, 16> kSecondWords{
    "SPIRIT",  "VOYAGER", "TRADER", "PIONEER", "HARMONY", "EXPRESS", "CARRIER", "BREEZE",
    "HORIZON", "FORTUNE", "PRIDE",  "DAWN",    "STAR",    "WAVE",    "ARROW",   "GLORY"};
constexpr std::array<const char*, 8> kNorthEastPorts{"NLRTM", "DEHAM", "BEANR", "DEBRV",
                                                     "PLGDN", "SEGOT", "DKAAR", "NLAMS"};
constexpr std::array<const char*, 8> kSouthWestPorts{"FRLEH", "GBSOU", "ESALG", "USNYC",
                                                     "BRSSZ", "PTSIN", "MAPTM", "ITGOA"};
constexpr std::array<const char*, 8> kFerryNames{"OPAL COAST",   "WHITE CLIFFS",  "STRAIT VOYAGER",
                                                 "KENT BREEZE",  "FLANDERS STAR", "ARTOIS SPIRIT",
                                                 "CINQUE PORTS", "DUNES EXPRESS"};
constexpr std::array<const char*, 8> kFrenchFishingNames{
    "MARIE JEANNE", "PETIT PIERRE", "ETOILE DU NORD", "NOTRE DAME",
    "DEUX FRERES",  "BON ACCUEIL",  "VENT D AMONT",   "MAGALI"};
constexpr std::array<const char*, 8> kEnglishFishingNames{
    "OUR LADY",    "BOY JAMES",    "SEA HARVESTER", "KENTISH MAID",
    "GOOD INTENT", "SILVER SPRAY", "DOVER LASS",    "PROVIDER"};
constexpr std::array<const char*, 8> kPleasureNames{"SEA DREAM", "MOONSHADOW", "BLUE HERON",
                                                    "WANDERER",  "SALTY DOG",  "PAPILLON",
                                                    "LIBERTE",   "ALBATROS"};

std::uint32_t mmsi_for(std::uint32_t mid, std::uint32_t serial) {
  // 37 is prime to 700000, so distinct serials (< 700000) give distinct MMSIs.
  return mid * 1'000'000U + 200'000U + (serial * 37U) % 700'000U;
}

std::string callsign_for(CounterRng& rng, const char* prefix) {
  static constexpr char kSymbols[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string callsign = prefix;
  while (callsign.size() < 6) callsign += kSymbols[uniform_index(rng, sizeof kSymbols - 1)];
  return callsign;
}

void set_dimensions(VesselParticulars& vessel, double length_m, double beam_m,
                    double antenna_from_bow) {
  const auto length = static_cast<std::uint32_t>(std::lround(length_m));
  const auto beam = static_cast<std::uint32_t>(std::clamp(std::lround(beam_m), 1L, 126L));
  vessel.to_bow = std::min<std::uint32_t>(
      511, static_cast<std::uint32_t>(std::lround(length_m * antenna_from_bow)));
  vessel.to_stern = std::min<std::uint32_t>(511, length - std::min(length, vessel.to_bow));
  vessel.to_port = std::min<std::uint32_t>(63, beam / 2);
  vessel.to_starboard = std::min<std::uint32_t>(63, beam - beam / 2);
}

// A name with a number after the first round of the list, cut to AIS's 20 characters.
std::string with_number(const char* name, std::uint32_t round) {
  std::string text = name;
  if (round > 0) text += " " + std::to_string(round + 1);
  return text.substr(0, 20);
}

}  // namespace

std::uint32_t imo_number(std::uint32_t serial) {
  const std::uint32_t first_six = 900000U + serial % 100000U;
  std::uint32_t sum = 0;
  std::uint32_t digits = first_six;
  for (std::uint32_t weight = 2; weight <= 7; ++weight) {
    sum += (digits % 10U) * weight;
    digits /= 10U;
  }
  return first_six * 10U + sum % 10U;
}

double radar_cross_section(EntityKind kind, double length_m) {
  if (kind == EntityKind::kSmallBoat) return 1.0;
  // A rough square-of-length law: 100 m -> 1000 m^2, 10 m -> 10 m^2.
  return std::max(2.0, 0.1 * length_m * length_m);
}

VesselParticulars merchant_particulars(CounterRng& rng, std::uint32_t serial,
                                       bool north_east_bound) {
  VesselParticulars vessel;
  vessel.ais_class = AisClass::kA;
  const Flag& flag = kMerchantFlags[uniform_index(rng, kMerchantFlags.size())];
  vessel.mmsi = mmsi_for(flag.mid, serial);
  vessel.imo = imo_number(serial * 7919U + 13U);
  const std::uint32_t pair = (serial * 7U + 3U) % (kFirstWords.size() * kSecondWords.size());
  vessel.name =
      std::string(kFirstWords[pair / kSecondWords.size()]) + " " +
      with_number(kSecondWords[pair % kSecondWords.size()],
                  serial / static_cast<std::uint32_t>(kFirstWords.size() * kSecondWords.size()));
  vessel.name = vessel.name.substr(0, 20);
  vessel.callsign = callsign_for(rng, flag.callsign_prefix);
  const auto& ports = north_east_bound ? kNorthEastPorts : kSouthWestPorts;
  vessel.destination = ports[uniform_index(rng, ports.size())];
  const double type_draw = rng.uniform();
  double length = 0;
  if (type_draw < 0.55) {
    vessel.ship_type = 70;  // cargo
    length = uniform_between(rng, 90, 400);
  } else if (type_draw < 0.65) {
    vessel.ship_type = 71;  // cargo, hazardous category A
    length = uniform_between(rng, 90, 250);
  } else if (type_draw < 0.95) {
    vessel.ship_type = 80;  // tanker
    length = uniform_between(rng, 100, 330);
  } else {
    vessel.ship_type = 60;  // passenger (cruise)
    length = uniform_between(rng, 150, 330);
  }
  set_dimensions(vessel, length, length / uniform_between(rng, 5.5, 7.5), 0.8);
  vessel.draught_m = std::round(std::clamp(length / 25.0, 4.0, 20.0) * 10.0) / 10.0;
  return vessel;
}

VesselParticulars ferry_particulars(CounterRng& rng, std::uint32_t serial, bool to_dunkirk) {
  VesselParticulars vessel;
  vessel.ais_class = AisClass::kA;
  const Flag& flag = serial % 2 == 0 ? kUnitedKingdom : kFrance;
  vessel.mmsi = mmsi_for(flag.mid, 500'000U + serial);
  vessel.imo = imo_number(50'000U + serial);
  vessel.name = with_number(kFerryNames[serial % kFerryNames.size()],
                            serial / static_cast<std::uint32_t>(kFerryNames.size()));
  vessel.callsign = callsign_for(rng, flag.callsign_prefix);
  vessel.destination = to_dunkirk ? "DOVER-DUNKIRK" : "DOVER-CALAIS";
  vessel.ship_type = 60;
  const double length = uniform_between(rng, 160, 215);
  set_dimensions(vessel, length, uniform_between(rng, 26, 31), 0.7);
  vessel.draught_m = 6.5;
  return vessel;
}

VesselParticulars fishing_particulars(CounterRng& rng, std::uint32_t serial, bool french,
                                      bool class_b) {
  VesselParticulars vessel;
  vessel.ais_class = class_b ? AisClass::kB : AisClass::kA;
  const Flag& flag = french ? kFrance : kUnitedKingdom;
  vessel.mmsi = mmsi_for(flag.mid, 100'000U + serial);
  const auto& names = french ? kFrenchFishingNames : kEnglishFishingNames;
  vessel.name =
      with_number(names[serial % names.size()], serial / static_cast<std::uint32_t>(names.size()));
  vessel.callsign = callsign_for(rng, flag.callsign_prefix);
  vessel.ship_type = 30;
  const double length = uniform_between(rng, 10, 30);
  set_dimensions(vessel, length, length / 3.5, 0.5);
  vessel.draught_m = 2.5;
  return vessel;
}

VesselParticulars pleasure_particulars(CounterRng& rng, std::uint32_t serial, bool french) {
  VesselParticulars vessel;
  vessel.ais_class = AisClass::kB;
  const Flag& flag = french ? kFrance : kUnitedKingdom;
  vessel.mmsi = mmsi_for(flag.mid, 300'000U + serial);
  vessel.name = with_number(kPleasureNames[serial % kPleasureNames.size()],
                            serial / static_cast<std::uint32_t>(kPleasureNames.size()));
  vessel.callsign = callsign_for(rng, flag.callsign_prefix);
  const bool sailing = chance(rng, 0.6);
  vessel.ship_type = sailing ? 36 : 37;
  const double length = uniform_between(rng, 7, 16);
  set_dimensions(vessel, length, length / 3.2, 0.5);
  return vessel;
}

}  // namespace sw::sim
