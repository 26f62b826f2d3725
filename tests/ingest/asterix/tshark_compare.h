#pragma once
// Comparison of our decoded records (record_json_line) with Wireshark's dissection of the
// same bytes (`tshark -T json --no-duplicate-keys`), field by field.
//
// One known difference is allowed for: Wireshark 4.0 scales I010/202 (VX, VY) by 1/16 m/s,
// where EUROCONTROL CAT010 edition 1.1 gives 0.25 m/s (LSB 0.25 m/s, range +-8192 m/s); we
// follow EUROCONTROL, so our value is 4 times Wireshark's.

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sw::asterix::test {

/// One record as Wireshark shows it.
struct TsharkRecord {
  int category = 0;
  std::set<std::string> items;                ///< "010", "020", "SP", ...
  std::map<std::string, std::string> fields;  ///< "020_TYP" -> "3"
};

/// Leaves under `node` whose key starts with `prefix` ("asterix.010_"), prefix removed.
inline void collect_fields(const nlohmann::json& node, const std::string& prefix,
                           std::map<std::string, std::string>& fields) {
  if (node.is_array()) {
    for (const auto& element : node) collect_fields(element, prefix, fields);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (value.is_string()) {
      if (key.rfind(prefix, 0) == 0) fields[key.substr(prefix.size())] = value.get<std::string>();
    } else {
      collect_fields(value, prefix, fields);
    }
  }
}

/// The CAT010/CAT034 records of one frame's "asterix" layer (object or array of blocks).
inline std::vector<TsharkRecord> tshark_records(const nlohmann::json& layers) {
  std::vector<TsharkRecord> out;
  if (!layers.contains("asterix")) return out;
  const nlohmann::json& asterix = layers["asterix"];
  const auto blocks = asterix.is_array() ? asterix : nlohmann::json::array({asterix});
  for (const auto& block : blocks) {
    const int category = std::stoi(block.value("asterix.category", "0"));
    if ((category != 10 && category != 34) || !block.contains("asterix.message")) continue;
    const auto& message_node = block["asterix.message"];
    const auto messages =
        message_node.is_array() ? message_node : nlohmann::json::array({message_node});
    const std::string prefix = category == 10 ? "asterix.010_" : "asterix.034_";
    for (const auto& message : messages) {
      TsharkRecord record;
      record.category = category;
      for (const auto& [key, value] : message.items()) {
        if (key.rfind(prefix, 0) == 0) record.items.insert(key.substr(prefix.size()));
      }
      collect_fields(message, prefix, record.fields);
      out.push_back(std::move(record));
    }
  }
  return out;
}

inline double tshark_number(const std::string& text) {
  if (text.rfind("0x", 0) == 0) return static_cast<double>(std::stoull(text, nullptr, 16));
  return std::stod(text);
}

/// Differences between our record (record_json_line, parsed) and Wireshark's, as text.
inline std::vector<std::string> compare_with_tshark(const nlohmann::json& ours,
                                                    const TsharkRecord& theirs) {
  std::vector<std::string> differences;
  std::set<std::string> our_items;
  std::set<std::string> raw_items;
  for (const auto& [key, value] : ours.items()) {
    if (key == "category") continue;
    const std::string item = key.substr(0, key.find('_'));
    our_items.insert(item);
    if (key.size() > 4 && key.substr(key.size() - 4) == "_hex") raw_items.insert(item);
  }
  if (ours.value("category", 0) != theirs.category) differences.push_back("category");
  if (our_items != theirs.items) {
    std::string text = "items: ours";
    for (const auto& item : our_items) text += " " + item;
    text += " / tshark";
    for (const auto& item : theirs.items) text += " " + item;
    differences.push_back(text);
  }
  for (const auto& [field, text] : theirs.fields) {
    const std::string item = field.substr(0, field.find('_'));
    if (raw_items.count(item) != 0) continue;
    if (!ours.contains(field)) {
      differences.push_back("missing " + field);
      continue;
    }
    const nlohmann::json& value = ours[field];
    if (value.is_string()) {
      std::string trimmed = text;
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
      if (value.get<std::string>() != trimmed) differences.push_back(field + ": " + text);
      continue;
    }
    double expected = tshark_number(text);
    if (theirs.category == 10 && (field == "202_VX" || field == "202_VY")) expected *= 4.0;
    const double actual = value.get<double>();
    if (std::fabs(actual - expected) > 1e-9 * std::max(1.0, std::fabs(expected))) {
      differences.push_back(field + ": ours " + value.dump() + " tshark " + text);
    }
  }
  return differences;
}

/// Bytes of a "udp.payload" value ("0a:00:29:...").
inline std::vector<std::uint8_t> payload_bytes(const std::string& text) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t offset = 0; offset + 1 < text.size(); offset += 3) {
    bytes.push_back(static_cast<std::uint8_t>(std::stoul(text.substr(offset, 2), nullptr, 16)));
  }
  return bytes;
}

}  // namespace sw::asterix::test
