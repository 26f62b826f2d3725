#pragma once
/// IMO meteorological/hydrological reports in AIS type 8 (DAC 1, FI 11 and FI 31):
/// decoding and gpsd-compatible JSON and CSV.

#include "ingest/ais/binary_messages.h"
#include "ingest/ais/bits.h"
#include "ingest/ais/json_out.h"

namespace sw::ais {

MetHydroImo236 decode_met_hydro_236(const Bits& bits);
MetHydroImo289 decode_met_hydro_289(const Bits& bits);
void write_met_hydro_json(JsonOut& json, bool scaled, const MetHydroImo236& met);
void write_met_hydro_json(JsonOut& json, bool scaled, const MetHydroImo289& met);
void csv_met_hydro(CsvOut& csv, const MetHydroImo236& met);
void csv_met_hydro(CsvOut& csv, const MetHydroImo289& met);

}  // namespace sw::ais
