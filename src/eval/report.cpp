#include "eval/report.h"

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <variant>
#include <vector>

#include "eval/plot.h"

namespace sw::eval {
namespace {

using nlohmann::json;

// The report as a list of blocks, rendered once as Markdown and once as HTML.
struct Heading {
  int level = 2;
  std::string text;
};
struct Paragraph {
  std::string text;
};
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
struct Image {
  std::string file;
  std::string caption;
};
using Block = std::variant<Heading, Paragraph, Table, Image>;

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& block : blocks) {
    if (const auto* heading = std::get_if<Heading>(&block)) {
      out +=
          std::string(static_cast<std::size_t>(heading->level), '#') + " " + heading->text + "\n\n";
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += paragraph->text + "\n\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      const auto row = [](const std::vector<std::string>& cells) {
        std::string line = "|";
        for (const std::string& cell : cells) line += " " + cell + " |";
        return line + "\n";
      };
      out += row(table->header);
      out += row(std::vector<std::string>(table->header.size(), "---"));
      for (const auto& cells : table->rows) out += row(cells);
      out += "\n";
    } else if (const auto* image = std::get_if<Image>(&block)) {
      out += "![" + image->caption + "](" + image->file + ")\n\n";
    }
  }
  return out;
}

std::string html(const std::vector<Block>& blocks, const std::string& title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      html_escape(title) +
      "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;"
      "line-height:1.4}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid "
      "#ccc;padding:.25em .6em;text-align:left}th{background:#eef}img{max-width:100%}"
      "</style></head><body>\n";
  for (const Block& block : blocks) {
    if (const auto* heading = std::get_if<Heading>(&block)) {
      out += fmt::format("<h{0}>{1}</h{0}>\n", heading->level, html_escape(heading->text));
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += "<p>" + html_escape(paragraph->text) + "</p>\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      out += "<table><tr>";
      for (const std::string& cell : table->header) out += "<th>" + html_escape(cell) + "</th>";
      out += "</tr>\n";
      for (const auto& cells : table->rows) {
        out += "<tr>";
        for (const std::string& cell : cells) out += "<td>" + html_escape(cell) + "</td>";
        out += "</tr>\n";
      }
      out += "</table>\n";
    } else if (const auto* image = std::get_if<Image>(&block)) {
      out += "<figure><img src=\"" + html_escape(image->file) + "\" alt=\"" +
             html_escape(image->caption) + "\"><figcaption>" + html_escape(image->caption) +
             "</figcaption></figure>\n";
    }
  }
  return out + "</body></html>\n";
}

std::string number(const json& value) {
  if (value.is_number_float()) return fmt::format("{:g}", value.get<double>());
  if (value.is_number()) return std::to_string(value.get<std::int64_t>());
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string percent(const json& value) {
  return fmt::format("{:.1f} %", 100.0 * value.get<double>());
}

Table tracking_table(const json& tracking) {
  Table table{{"", "small boats (no AIS)", "ships"}, {}};
  const json& small = tracking["small_boats"];
  const json& ships = tracking["ships"];
  const auto add = [&](const std::string& name, const std::string& a, const std::string& b) {
    table.rows.push_back({name, a, b});
  };
  add("vessels at sea", number(small["vessels"]), number(ships["vessels"]));
  add("seen by a sensor", number(small["detected"]), number(ships["detected"]));
  add("tracked within 2 min of first sight", number(small["tracked_within_2_min"]),
      number(ships["tracked_within_2_min"]));
  add("time to track p50 / p90 / max (s)",
      fmt::format("{} / {} / {}", number(small["time_to_track_s"]["p50"]),
                  number(small["time_to_track_s"]["p90"]), number(small["time_to_track_s"]["max"])),
      fmt::format("{} / {} / {}", number(ships["time_to_track_s"]["p50"]),
                  number(ships["time_to_track_s"]["p90"]),
                  number(ships["time_to_track_s"]["max"])));
  add("completeness (all time at sea)", percent(small["completeness"]),
      percent(ships["completeness"]));
  add("completeness after first sight", percent(small["completeness_after_detection"]),
      percent(ships["completeness_after_detection"]));
  add("completeness while a sensor reports it (last 30 s)", percent(small["completeness_in_sight"]),
      percent(ships["completeness_in_sight"]));
  add("identity switches", number(small["id_switches"]), number(ships["id_switches"]));
  return table;
}

std::vector<Block> document(const json& summary, const std::vector<std::string>& plots) {
  std::vector<Block> blocks;
  std::string seeds;
  for (const json& seed : summary["seeds"]) seeds += (seeds.empty() ? "" : ", ") + number(seed);
  blocks.emplace_back(Heading{1, "Life-safety evaluation: " + number(summary["scenario"])});
  blocks.emplace_back(Paragraph{fmt::format(
      "{} h from {} per run, seeds {} ({}). Every figure is measured against the "
      "simulator's ground truth; the whole pipeline ran in one process (wire formats, "
      "decoders, tracker, risk stage, search areas), in simulated time.",
      number(summary["hours"]), number(summary["start"]), seeds, number(summary["variant"]))});

  blocks.emplace_back(Heading{2, "Targets"});
  Table targets{{"measure", "value", "goal", "met"}, {}};
  for (const json& target : summary["targets"]) {
    targets.rows.push_back({number(target["name"]), number(target["value"]), number(target["goal"]),
                            target["met"].get<bool>() ? "yes" : "NO"});
  }
  blocks.emplace_back(targets);

  const json& tracking = summary["tracking"];
  blocks.emplace_back(Heading{2, "Tracking"});
  blocks.emplace_back(tracking_table(tracking));
  blocks.emplace_back(Paragraph{fmt::format(
      "False tracks (picture tracks never matched to a vessel): {} per hour. Mean GOSPA {} m "
      "(cut-off 500 m); RMS position error of matched tracks {} m. A vessel counts as covered "
      "when a picture track is assigned to it within 500 m (optimal assignment, every 5 s).",
      number(tracking["false_tracks_per_hour"]), number(tracking["mean_gospa_m"]),
      number(tracking["rms_position_error_m"]))});
  if (plots.size() > 0) blocks.emplace_back(Image{plots[0], "Completeness over time"});

  const json& warnings = summary["warnings"];
  const json& encounters = warnings["encounters"];
  blocks.emplace_back(Heading{2, "Warnings"});
  blocks.emplace_back(Paragraph{fmt::format(
      "Dangerous encounters (a small craft truly within {} m of a ship): {} of {} warned by a "
      "collision alert, median lead {} min (shortest {} min). False collision alerts: {} per "
      "hour per 100 tracks (all kinds: {}).",
      number(encounters["dangerous_m"]), number(encounters["warned"]), number(encounters["count"]),
      number(encounters["lead_min"]["p50"]), number(encounters["lead_min"]["min"]),
      number(warnings["false_collision_per_hour_per_100_tracks"]),
      number(warnings["false_alerts_per_hour_per_100_tracks"]))});
  Table list{{"seed", "boat", "ship", "CPA (h)", "true CPA (m)", "warned", "lead (min)",
              "boat in picture"},
             {}};
  for (const json& encounter : encounters["list"]) {
    list.rows.push_back({number(encounter["seed"]), number(encounter["boat"]),
                         number(encounter["ship"]), number(encounter["cpa_h"]),
                         number(encounter["true_cpa_m"]), number(encounter["warned"]),
                         number(encounter["lead_min"]), percent(encounter["boat_in_picture"])});
  }
  if (!list.rows.empty()) blocks.emplace_back(list);
  const json& drifting = warnings["drifting"];
  const json& handover = warnings["sar_handover"];
  const json& lanes = warnings["lane_crossing"];
  Table others{{"situation", "in the truth", "alerted", "median time"}, {}};
  others.rows.push_back({"boat stopped (engine failure)", number(drifting["stops"]),
                         number(drifting["alerted"]),
                         number(drifting["delay_min"]["p50"]) + " min after the stop"});
  others.rows.push_back({"SAR-region crossing", number(handover["crossings"]),
                         number(handover["announced_before"]) + " before the crossing",
                         number(handover["lead_min"]["p50"]) + " min before"});
  others.rows.push_back({"small boat entering a lane", number(lanes["entries"]),
                         number(lanes["alerted"]),
                         number(lanes["delay_min"]["p50"]) + " min after entry"});
  blocks.emplace_back(others);
  Table kinds{{"alert kind", "raised", "true", "false"}, {}};
  for (const auto& [kind, score] : warnings["by_kind"].items()) {
    kinds.rows.push_back(
        {kind, number(score["raised"]), number(score["true"]), number(score["false"])});
  }
  blocks.emplace_back(kinds);
  if (plots.size() > 1) blocks.emplace_back(Image{plots[1], "Warning lead before the CPA"});
  if (plots.size() > 3) blocks.emplace_back(Image{plots[3], "Dangerous encounters"});

  const json& areas = summary["search_areas"];
  blocks.emplace_back(Heading{2, "Search areas"});
  blocks.emplace_back(Paragraph{fmt::format(
      "{} boats stopped at random in mid-Strait; the drift prediction (Leeway {}, the risk "
      "stage's own Monte Carlo) started from a fix with 100 m error and knew only the "
      "configured wind and current. Truth forcing: {}.",
      number(areas["stops"]), number(areas["leeway_class"]), number(areas["perturbation"]))});
  Table calibration{
      {"hours", "cases", "inside 50 % area", "inside 90 % area", "50 % area (km², median)",
       "90 % area (km², median)", "centroid miss (m, median)"},
      {}};
  for (const json& point : areas["by_hours"]) {
    calibration.rows.push_back({number(point["hours"]), number(point["cases"]),
                                percent(point["inside50"]), percent(point["inside90"]),
                                number(point["area50_km2_p50"]), number(point["area90_km2_p50"]),
                                number(point["centroid_miss_m_p50"])});
  }
  blocks.emplace_back(calibration);
  if (plots.size() > 2) blocks.emplace_back(Image{plots[2], "Calibration of the search areas"});

  const json& latency = summary["latency"];
  blocks.emplace_back(Heading{2, "Latency"});
  blocks.emplace_back(Paragraph{fmt::format(
      "Sensor time to picture track: p50 {} s, p99 {} s; to alert: p50 {} s, p99 {} s (the "
      "reorder window and the risk stage's cadence, in simulated time). Processing per input "
      "on this machine: p50 {} us, p99 {} us (histogram bucket bounds). With the WebSocket "
      "push recorded by bench/server (p50 {} ms, p99 {} ms), sensor to map: track p50 {} s / "
      "p99 {} s, alert p50 {} s / p99 {} s.",
      number(latency["sensor_to_track_s"]["p50"]), number(latency["sensor_to_track_s"]["p99"]),
      number(latency["sensor_to_alert_s"]["p50"]), number(latency["sensor_to_alert_s"]["p99"]),
      number(latency["processing_per_input_us"]["p50"]),
      number(latency["processing_per_input_us"]["p99"]),
      number(latency["push_to_map_ms_recorded"]["p50"]),
      number(latency["push_to_map_ms_recorded"]["p99"]),
      number(latency["sensor_to_map_track_s"]["p50"]),
      number(latency["sensor_to_map_track_s"]["p99"]),
      number(latency["sensor_to_map_alert_s"]["p50"]),
      number(latency["sensor_to_map_alert_s"]["p99"]))});

  if (summary.contains("siting")) {
    blocks.emplace_back(Heading{2, "Sensor siting"});
    Table siting{{"radars", "sites", "dark-boat completeness", "after first sight",
                  "time to track p50 (s)", "gain over the first"},
                 {}};
    for (const json& variant : summary["siting"]) {
      std::string sites;
      for (const json& radar : variant["radars"])
        sites += (sites.empty() ? "" : ", ") + number(radar);
      siting.rows.push_back(
          {number(variant["name"]), sites, percent(variant["small_boat_completeness"]),
           percent(variant["small_boat_completeness_after_detection"]),
           number(variant["time_to_track_p50_s"]),
           fmt::format("{:+.1f} points", 100.0 * variant["gain_over_first"].get<double>())});
    }
    blocks.emplace_back(siting);
  }

  blocks.emplace_back(Heading{2, "Runs"});
  Table runs{{"seed", "wall time (s)", "small-boat completeness", "ship completeness", "encounters",
              "false alerts", "mean picture tracks"},
             {}};
  for (const json& run : summary["runs"]) {
    runs.rows.push_back({number(run["seed"]), number(run["wall_s"]),
                         percent(run["small_boat_completeness"]), percent(run["ship_completeness"]),
                         number(run["encounters"]), number(run["false_alerts"]),
                         number(run["mean_tracks"])});
  }
  blocks.emplace_back(runs);
  return blocks;
}

Status write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Error{"report_write", "cannot write " + path.string()};
  return Ok{};
}

Status write_plots(const std::filesystem::path& folder, const json& summary,
                   const sim::Geography& geography) {
  // Completeness over time.
  Chart completeness{"Completeness over time (10-minute bins)", "hours from the start",
                     "share of vessels covered"};
  completeness.y_max = 1.05;
  Series boats{"small boats (no AIS)", {}, {}, {0.85, 0.3, 0.1}, true};
  Series ships{"ships", {}, {}, {0.2, 0.45, 0.75}, true};
  for (const json& bin : summary["tracking"]["over_time"]) {
    const double hour = bin["start_h"].get<double>() + 1.0 / 12.0;
    if (bin["small_boat_samples"].get<std::uint64_t>() > 0) {
      boats.x.push_back(hour);
      boats.y.push_back(bin["small_boat_completeness"]);
    }
    ships.x.push_back(hour);
    ships.y.push_back(bin["ship_completeness"]);
  }
  completeness.x_max = std::max(1.0, summary["hours"].get<double>());
  completeness.series = {boats, ships};
  if (Status status = write_chart_png((folder / "completeness.png").string(), completeness);
      !status) {
    return status;
  }
  // Warning leads.
  std::vector<double> leads;
  for (const json& encounter : summary["warnings"]["encounters"]["list"]) {
    if (encounter["warned"].get<bool>()) leads.push_back(encounter["lead_min"]);
  }
  if (Status status = write_histogram_png(
          (folder / "warning_lead.png").string(), "Collision warning lead before the CPA",
          "minutes before the closest approach", leads, 0, 2.5, {15.0});
      !status) {
    return status;
  }
  // Calibration: nominal vs observed containment.
  Chart calibration{"Search-area calibration", "nominal probability of the area",
                    "share of true positions inside"};
  calibration.diagonal = true;
  const std::vector<Rgb> colours{{0.2, 0.45, 0.75}, {0.85, 0.3, 0.1}, {0.2, 0.6, 0.3}};
  std::size_t index = 0;
  for (const json& point : summary["search_areas"]["by_hours"]) {
    Series series{fmt::format("{:g} h", point["hours"].get<double>()),
                  {0.0, 0.5, 0.9, 1.0},
                  {0.0, point["inside50"].get<double>(), point["inside90"].get<double>(), 1.0},
                  colours[index++ % colours.size()],
                  true};
    series.markers = true;
    calibration.series.push_back(series);
  }
  if (Status status = write_chart_png((folder / "calibration.png").string(), calibration);
      !status) {
    return status;
  }
  // Map of the dangerous encounters.
  const Rgb warned{0.2, 0.6, 0.3}, missed{0.85, 0.1, 0.1};
  std::vector<MapMark> marks;
  for (const json& encounter : summary["warnings"]["encounters"]["list"]) {
    const bool was_warned = encounter["warned"];
    marks.push_back({{encounter["lat"], encounter["lon"]},
                     was_warned ? warned : missed,
                     was_warned ? "" : number(encounter["boat"])});
  }
  return write_map_png((folder / "encounters_map.png").string(),
                       "Dangerous encounters (boat position at the CPA)", geography, marks,
                       {{warned, "warned"}, {missed, "not warned"}});
}

}  // namespace

Status write_report(const std::string& folder, const json& summary,
                    const sim::Geography& geography) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Error{"report_write", folder + ": " + error.message()};
  const std::filesystem::path path(folder);
  const Status plotted = write_plots(path, summary, geography);
  release_plot_caches();
  if (!plotted) return Error{"report_write", plotted.error().detail};
  const std::vector<std::string> plots{"completeness.png", "warning_lead.png", "calibration.png",
                                       "encounters_map.png"};
  const std::vector<Block> blocks = document(summary, plots);
  if (Status status = write_file(path / "summary.json", summary.dump(2) + "\n"); !status) {
    return status;
  }
  if (Status status = write_file(path / "report.md", markdown(blocks)); !status) return status;
  return write_file(path / "report.html",
                    html(blocks, "straitwatch evaluation: " + number(summary["scenario"])));
}

}  // namespace sw::eval
