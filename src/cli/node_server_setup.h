#pragma once
/// The server part of `straitwatch run`: the demo principals of the built-in simulation,
/// the [server] table it adds to its configuration, and the start of the NodeServer.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "server/node_server.h"

namespace sw::cli {

/// A principal the built-in simulation creates, with its token in clear (printed once).
struct DemoLogin {
  std::string name;
  std::string role;
  std::string token;
};

/// Writes `data_dir`/principals.toml with fresh random tokens for the demo principals:
/// a UK watch officer, a French SAR coordinator, an EU border analyst and an admin.
Result<std::vector<DemoLogin>> write_demo_principals(const std::string& data_dir);

/// The [server] table of the built-in simulation's configuration.
std::string server_config_toml(std::uint16_t port, const std::string& principals_path,
                               const std::string& web_root);

/// Starts the node's server for `engine` (before the engine starts), reading the history
/// store `history` names (none: no history API), and prints where it is.
Result<std::unique_ptr<server::NodeServer>> start_node_server(
    engine::Engine& engine, const engine::ServerConfig& config,
    const std::optional<store::StoreSettings>& history, const Clock& clock,
    const std::vector<DemoLogin>& logins);

}  // namespace sw::cli
