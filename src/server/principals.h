#pragma once
/// Principals: who may use the server. Each principal (a user, or a partner node) has a
/// token, a nation and agency, roles, and the purposes it uses data for; the file keeps only
/// the SHA-256 of each token. Example:
///
///   [[principal]]
///   name = "uk-watch"
///   token_sha256 = "9f86d0..."  (64 hex digits)
///   nation = "UK"
///   agency = "UK/HMCG"
///   roles = ["watch_officer"]
///   purposes = ["sar", "border"]
///   personal_data = true

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "share/release.h"

namespace sw::server {

/// What a principal may do (bit flags).
enum Role : std::uint8_t {
  kRoleWatchOfficer = 1U << 0,    ///< sees the picture, acts on alerts, asks for search areas
  kRoleSarCoordinator = 1U << 1,  ///< the same, for a rescue centre
  kRoleAnalyst = 1U << 2,         ///< reads the picture, history and metrics
  kRoleAdmin = 1U << 3,           ///< everything, including metrics
};

/// Roles that may act on alerts and request drift runs.
inline constexpr std::uint8_t kOperatorRoles = kRoleWatchOfficer | kRoleSarCoordinator | kRoleAdmin;

/// One authenticated party.
struct Principal {
  share::Recipient recipient;  ///< name, nation, agency, purposes, personal-data right
  std::string token_sha256;    ///< lower-case hex
  std::uint8_t roles = 0;

  const std::string& name() const { return recipient.name; }
  bool has_any(std::uint8_t wanted) const { return (roles & wanted) != 0; }
};

/// Lower-case hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

/// The principals of a node.
class Principals {
 public:
  Principals() = default;
  explicit Principals(std::vector<Principal> principals) : principals_(std::move(principals)) {}

  /// Parses a principals TOML file; a clear error names the entry at fault.
  static Result<Principals> parse(const std::string& text, const std::string& name);
  static Result<Principals> load(const std::string& path);

  /// The principal whose token this is (compared in constant time), or nullptr.
  const Principal* authenticate(std::string_view token) const;
  const std::vector<Principal>& all() const { return principals_; }

 private:
  std::vector<Principal> principals_;
};

/// Role flag of its name ("watch_officer", ...); 0 for any other text.
std::uint8_t role_from_name(std::string_view name);
/// Names of the roles set in `roles`.
std::vector<std::string> role_names(std::uint8_t roles);

}  // namespace sw::server
