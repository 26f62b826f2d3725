#include "share/federation/federation_config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "core/toml_guard.h"

namespace sw::share {
namespace {

struct PolicyError {
  std::string message;
};

void only_keys(const toml::value& table, const std::set<std::string>& keys,
               const std::string& where) {
  for (const auto& [key, value] : table.as_table()) {
    if (keys.count(key) == 0) throw PolicyError{where + ": unknown key '" + key + "'"};
  }
}

std::string text_of(const toml::value& table, const char* key, const std::string& where,
                    bool required) {
  if (!table.contains(key)) {
    if (required) throw PolicyError{where + ": '" + key + "' is required"};
    return {};
  }
  return toml::find<std::string>(table, key);
}

std::filesystem::path resolved(const std::filesystem::path& base, const std::string& path) {
  const std::filesystem::path file(path);
  return file.is_absolute() ? file : base / file;
}

PartnerNode parse_partner(const toml::value& entry, std::size_t index,
                          const std::filesystem::path& base) {
  const std::string where = "partner " + std::to_string(index + 1);
  only_keys(
      entry,
      {"name", "nation", "agency", "purposes", "max_sensitivity", "personal_data", "public_key"},
      where);
  const std::string name = text_of(entry, "name", where, true);
  Recipient recipient;
  recipient.name = "node:" + name;
  recipient.nation = text_of(entry, "nation", where, true);
  recipient.agency = text_of(entry, "agency", where, false);
  recipient.purposes = 0;
  for (const std::string& purpose : toml::find<std::vector<std::string>>(entry, "purposes")) {
    const std::uint8_t flag = purpose_from_name(purpose);
    if (flag == 0)
      throw PolicyError{where + ": purpose '" + purpose + "': expected sar, border, law"};
    recipient.purposes |= flag;
  }
  const std::string cap = text_of(entry, "max_sensitivity", where, false);
  if (!cap.empty()) {
    const auto sensitivity = sensitivity_from_name(cap);
    if (!sensitivity) {
      throw PolicyError{where + ": max_sensitivity '" + cap +
                        "': expected clear, green, amber, red"};
    }
    recipient.max_sensitivity = *sensitivity;
  } else {
    recipient.max_sensitivity = Sensitivity::kAmber;  // RED only when a policy says so
  }
  if (entry.contains("personal_data")) {
    recipient.personal_data = toml::find<bool>(entry, "personal_data");
  }
  auto key = VerifyKey::load(resolved(base, text_of(entry, "public_key", where, true)));
  if (!key) throw PolicyError{where + ": " + key.error().detail};
  return PartnerNode{name, std::move(recipient), std::move(*key)};
}

DerivedRule parse_derived(const toml::value& entry, std::size_t index,
                          const std::vector<PartnerNode>& partners) {
  const std::string where = "derived " + std::to_string(index + 1);
  only_keys(entry, {"name", "alert_kinds", "partners", "sensitivity"}, where);
  DerivedRule rule;
  rule.name = text_of(entry, "name", where, true);
  static const std::set<std::string> kinds = {"collision", "drifting", "lane_crossing",
                                              "sar_handover", "distress"};
  rule.alert_kinds = toml::find<std::vector<std::string>>(entry, "alert_kinds");
  for (const std::string& kind : rule.alert_kinds) {
    if (kinds.count(kind) == 0) throw PolicyError{where + ": unknown alert kind '" + kind + "'"};
  }
  rule.partners = toml::find<std::vector<std::string>>(entry, "partners");
  for (const std::string& partner : rule.partners) {
    const bool known = std::any_of(partners.begin(), partners.end(),
                                   [&](const PartnerNode& node) { return node.name == partner; });
    if (!known) throw PolicyError{where + ": '" + partner + "' is not a [[partner]]"};
  }
  if (rule.alert_kinds.empty() || rule.partners.empty()) {
    throw PolicyError{where + ": a rule names alert kinds and partners"};
  }
  const std::string level = text_of(entry, "sensitivity", where, false);
  if (!level.empty()) {
    const auto sensitivity = sensitivity_from_name(level);
    if (!sensitivity || *sensitivity == Sensitivity::kRed) {
      throw PolicyError{where + ": sensitivity '" + level + "': expected clear, green, amber"};
    }
    rule.sensitivity = *sensitivity;
  }
  return rule;
}

}  // namespace

Result<FederationSetup> parse_federation_config(const std::string& text, const std::string& name,
                                                const std::filesystem::path& base,
                                                const std::string& nats_password) {
  if (Status checked = check_toml_text(text, name, "bad_federation"); !checked) {
    return checked.error();
  }
  try {
    std::istringstream stream(text);
    const toml::value root = toml::parse(stream, name);
    only_keys(root, {"node", "partner", "derived"}, name);
    if (!root.contains("node")) throw PolicyError{"no [node] table"};
    const toml::value& node = toml::find(root, "node");
    only_keys(
        node,
        {"name", "nats_url", "nats_user", "key", "nats_ca", "nats_cert", "nats_key", "keep_days"},
        "[node]");
    FederationConfig config;
    config.node = text_of(node, "name", "[node]", true);
    if (node.contains("nats_url")) config.nats_url = toml::find<std::string>(node, "nats_url");
    config.nats_user = text_of(node, "nats_user", "[node]", false);
    config.nats_password = nats_password;
    const auto path_of = [&](const char* key) {
      const std::string text = text_of(node, key, "[node]", false);
      return text.empty() ? std::string() : resolved(base, text).string();
    };
    config.nats_ca = path_of("nats_ca");
    config.nats_cert = path_of("nats_cert");
    config.nats_key = path_of("nats_key");
    if (config.nats_cert.empty() != config.nats_key.empty()) {
      throw PolicyError{"[node]: nats_cert and nats_key go together"};
    }
    if (node.contains("keep_days")) {
      const toml::value& value = toml::find(node, "keep_days");
      if (!value.is_integer() && !value.is_floating()) {
        throw PolicyError{"[node] keep_days: a number of days"};
      }
      const double days =
          value.is_integer() ? static_cast<double>(value.as_integer()) : value.as_floating();
      if (!(days > 0.0 && days <= 3650.0)) throw PolicyError{"[node] keep_days: 0 < days <= 3650"};
      config.keep_s = static_cast<std::int64_t>(days * 86400.0);
    }
    const std::filesystem::path key_path = resolved(base, text_of(node, "key", "[node]", true));
    std::filesystem::path public_path = key_path;
    public_path.replace_extension(".pub.pem");
    if (root.contains("partner")) {
      const auto& entries = toml::find(root, "partner").as_array();
      std::set<std::string> names;
      for (std::size_t index = 0; index < entries.size(); ++index) {
        PartnerNode partner = parse_partner(entries[index], index, base);
        if (!names.insert(partner.name).second || partner.name == config.node) {
          throw PolicyError{"partner " + partner.name + " is repeated or this node"};
        }
        config.partners.push_back(std::move(partner));
      }
    }
    std::vector<DerivedRule> derived;
    if (root.contains("derived")) {
      const auto& entries = toml::find(root, "derived").as_array();
      for (std::size_t index = 0; index < entries.size(); ++index) {
        derived.push_back(parse_derived(entries[index], index, config.partners));
      }
    }
    auto key = SigningKey::load_or_create(key_path, public_path);
    if (!key) throw PolicyError{key.error().detail};
    return FederationSetup{std::move(config), std::move(*key), std::move(derived)};
  } catch (const PolicyError& error) {
    return Error{"bad_federation", name + ": " + error.message};
  } catch (const std::exception& error) {
    return Error{"bad_federation", name + ": " + error.what()};
  }
}

Result<FederationSetup> load_federation_config(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) return Error{"io_error", "cannot read federation policy " + path.string()};
  std::stringstream text;
  text << file.rdbuf();
  const char* password = std::getenv("STRAITWATCH_NATS_PASSWORD");
  return parse_federation_config(text.str(), path.string(), path.parent_path(),
                                 password == nullptr ? "" : password);
}

}  // namespace sw::share
