#pragma once
/// JSON <-> DistressReport on nlohmann::json values: the step shared by
/// parse_distress_json() and DistressDecoder (which also meets arrays of reports).

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "ingest/distress/distress_report.h"

namespace sw::distress {

/// The report of one parsed JSON value; error codes are DistressReason names.
Result<DistressReport> report_from_json(const nlohmann::json& value);

/// Deepest nesting of objects and arrays in a JSON text (brackets inside strings do not
/// count), scanning no further than `stop_above` levels.
int json_nesting_depth(std::string_view text, int stop_above);

}  // namespace sw::distress
