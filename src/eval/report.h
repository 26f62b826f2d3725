#pragma once
/// The evaluation report: from the JSON summary of evaluate(), a folder with
/// summary.json, report.md, report.html (the same document) and the plots as PNG
/// (completeness over time, warning-time histogram, calibration curve, a map of the
/// dangerous encounters, missed ones marked).

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "sim/geography.h"

namespace sw::eval {

/// Writes the report into `folder` (created if needed). Error "report_write".
Status write_report(const std::string& folder, const nlohmann::json& summary,
                    const sim::Geography& geography);

}  // namespace sw::eval
