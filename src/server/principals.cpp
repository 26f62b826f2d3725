#include "server/principals.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include <toml.hpp>

#include "core/toml_guard.h"
#include "share/signing_key.h"

namespace sw::server {
namespace {

constexpr std::array<std::pair<std::string_view, Role>, 4> kRoleNames{{
    {"watch_officer", kRoleWatchOfficer},
    {"sar_coordinator", kRoleSarCoordinator},
    {"analyst", kRoleAnalyst},
    {"admin", kRoleAdmin},
}};

struct PrincipalError {
  std::string message;
};

Principal parse_principal(const toml::value& entry, std::size_t index) {
  const std::string where = "principal " + std::to_string(index + 1);
  static const std::set<std::string> keys{"name",  "token_sha256", "nation",       "agency",
                                          "roles", "purposes",     "personal_data"};
  for (const auto& [key, value] : entry.as_table()) {
    if (keys.count(key) == 0) throw PrincipalError{"unknown key '" + key + "' in " + where};
  }
  Principal principal;
  principal.recipient.name = toml::find<std::string>(entry, "name");
  principal.token_sha256 = toml::find<std::string>(entry, "token_sha256");
  principal.recipient.nation = toml::find<std::string>(entry, "nation");
  if (entry.contains("agency")) {
    principal.recipient.agency = toml::find<std::string>(entry, "agency");
  }
  if (principal.recipient.name.empty()) throw PrincipalError{where + ": empty name"};
  if (principal.token_sha256.size() != 64 ||
      principal.token_sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw PrincipalError{where + ": token_sha256 must be 64 lower-case hex digits"};
  }
  for (const std::string& role : toml::find<std::vector<std::string>>(entry, "roles")) {
    const std::uint8_t flag = role_from_name(role);
    if (flag == 0) {
      throw PrincipalError{where + ": role '" + role +
                           "': expected watch_officer, sar_coordinator, analyst, admin"};
    }
    principal.roles |= flag;
  }
  if (principal.roles == 0) throw PrincipalError{where + ": no role"};
  principal.recipient.purposes = 0;
  for (const std::string& purpose : toml::find<std::vector<std::string>>(entry, "purposes")) {
    const std::uint8_t flag = purpose_from_name(purpose);
    if (flag == 0)
      throw PrincipalError{where + ": purpose '" + purpose + "': expected sar, border, law"};
    principal.recipient.purposes |= flag;
  }
  if (entry.contains("personal_data")) {
    principal.recipient.personal_data = toml::find<bool>(entry, "personal_data");
  }
  return principal;
}

}  // namespace

std::uint8_t role_from_name(std::string_view name) {
  for (const auto& [text, role] : kRoleNames) {
    if (text == name) return role;
  }
  return 0;
}

std::vector<std::string> role_names(std::uint8_t roles) {
  std::vector<std::string> names;
  for (const auto& [text, role] : kRoleNames) {
    if ((roles & role) != 0) names.emplace_back(text);
  }
  return names;
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return share::to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

Result<Principals> Principals::parse(const std::string& text, const std::string& name) {
  if (Status checked = check_toml_text(text, name, "bad_principals"); !checked) {
    return checked.error();
  }
  try {
    std::istringstream stream(text);
    const toml::value root = toml::parse(stream, name);
    std::vector<Principal> principals;
    std::set<std::string> names;
    std::set<std::string> tokens;
    if (root.contains("principal")) {
      const auto& entries = toml::find(root, "principal").as_array();
      for (std::size_t index = 0; index < entries.size(); ++index) {
        Principal principal = parse_principal(entries[index], index);
        if (!names.insert(principal.name()).second) {
          throw PrincipalError{"duplicate principal " + principal.name()};
        }
        if (!tokens.insert(principal.token_sha256).second) {
          throw PrincipalError{"principal " + principal.name() + " shares a token"};
        }
        principals.push_back(std::move(principal));
      }
    }
    for (const auto& [key, value] : root.as_table()) {
      if (key != "principal") throw PrincipalError{"unknown table '" + key + "'"};
    }
    if (principals.empty()) throw PrincipalError{"no [[principal]]: nobody could sign in"};
    return Principals(std::move(principals));
  } catch (const PrincipalError& error) {
    return Error{"bad_principals", name + ": " + error.message};
  } catch (const std::exception& error) {
    return Error{"bad_principals", name + ": " + error.what()};
  }
}

Result<Principals> Principals::load(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Error{"io_error", "cannot read principals file " + path};
  std::stringstream text;
  text << file.rdbuf();
  return parse(text.str(), path);
}

const Principal* Principals::authenticate(std::string_view token) const {
  if (token.empty()) return nullptr;
  const std::string digest = sha256_hex(token);
  const Principal* found = nullptr;
  for (const Principal& principal : principals_) {
    // Constant time per comparison, and every principal compared.
    if (CRYPTO_memcmp(digest.data(), principal.token_sha256.data(), digest.size()) == 0) {
      found = &principal;
    }
  }
  return found;
}

}  // namespace sw::server
