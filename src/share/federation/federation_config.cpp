#include "share/federation/federation_config.h"

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

}  // namespace

Result<FederationSetup> parse_federation_config(const std::string& text, const std::string& name,
                                                const std::filesystem::path& base,
                                                const std::string& nats_password) {
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    return Error{"bad_federation", name + ": not UTF-8 at byte " + std::to_string(bad)};
  }
  if (toml_bracket_depth(text) > kMaxTomlNesting) {
    return Error{"bad_federation", name + ": nested too deeply"};
  }
  try {
    std::istringstream stream(text);
    const toml::value root = toml::parse(stream, name);
    only_keys(root, {"node", "partner"}, name);
    if (!root.contains("node")) throw PolicyError{"no [node] table"};
    const toml::value& node = toml::find(root, "node");
    only_keys(node, {"name", "nats_url", "nats_user", "key"}, "[node]");
    FederationConfig config;
    config.node = text_of(node, "name", "[node]", true);
    if (node.contains("nats_url")) config.nats_url = toml::find<std::string>(node, "nats_url");
    config.nats_user = text_of(node, "nats_user", "[node]", false);
    config.nats_password = nats_password;
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
    auto key = SigningKey::load_or_create(key_path, public_path);
    if (!key) throw PolicyError{key.error().detail};
    return FederationSetup{std::move(config), std::move(*key)};
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
