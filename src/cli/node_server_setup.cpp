#include "cli/node_server_setup.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <fmt/format.h>

namespace sw::cli {
namespace {

std::string random_token() {
  std::random_device device;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string token;
  for (int index = 0; index < 32; ++index) token.push_back(kAlphabet[device() % 62U]);
  return token;
}

}  // namespace

Result<std::vector<DemoLogin>> write_demo_principals(const std::string& data_dir) {
  struct Demo {
    const char* name;
    const char* nation;
    const char* agency;
    const char* role;
    const char* purposes;
    bool personal_data;
  };
  static constexpr Demo kDemo[] = {
      {"uk-watch", "UK", "UK/HMCG", "watch_officer", R"("sar", "border")", true},
      {"fr-cross", "FR", "FR/CROSS-GN", "sar_coordinator", R"("sar")", true},
      {"eu-analyst", "EU", "EU/FRONTEX", "analyst", R"("border")", false},
      {"admin", "UK", "UK/HMCG", "admin", R"("sar", "border", "law")", true},
  };
  std::vector<DemoLogin> logins;
  std::string text =
      "# Principals of the built-in simulation, with fresh tokens at each run (the tokens\n"
      "# are printed once at start; only their SHA-256 is kept here).\n";
  for (const Demo& demo : kDemo) {
    DemoLogin login{demo.name, demo.role, random_token()};
    text += fmt::format(
        "\n[[principal]]\nname = \"{}\"\ntoken_sha256 = \"{}\"\nnation = \"{}\"\nagency = "
        "\"{}\"\nroles = [\"{}\"]\npurposes = [{}]\npersonal_data = {}\n",
        demo.name, server::sha256_hex(login.token), demo.nation, demo.agency, demo.role,
        demo.purposes, demo.personal_data ? "true" : "false");
    logins.push_back(std::move(login));
  }
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  const std::string path = (std::filesystem::path(data_dir) / "principals.toml").string();
  std::ofstream file(path);
  file << text;
  if (!file) return Error{"io_error", "cannot write " + path};
  return logins;
}

std::string server_config_toml(std::uint16_t port, const std::string& principals_path,
                               const std::string& web_root) {
  return fmt::format(
      "\n[server]\nlisten = \"127.0.0.1\"\nport = {}\nprincipals = \"{}\"\n"
      "web_root = \"{}\"\ncot_source = \"tak-clients\"\n",
      port, principals_path, web_root);
}

Result<std::unique_ptr<server::NodeServer>> start_node_server(
    engine::Engine& engine, const engine::ServerConfig& config,
    const std::optional<store::StoreSettings>& history, const Clock& clock,
    const std::vector<DemoLogin>& logins) {
  auto node = server::NodeServer::create(engine, config, history, clock);
  if (!node) return node.error();
  const std::string base =
      fmt::format("{}://{}:{}/", (*node)->tls() ? "https" : "http", config.listen, (*node)->port());
  std::printf("server: %s (API %sapi/, OpenAPI %sapi/openapi.json)\n", base.c_str(), base.c_str(),
              base.c_str());
  if ((*node)->cot_port() != 0) {
    std::printf(
        "cot: TAK clients at %s:%u (%s; first send <auth><cot username=NAME "
        "password=TOKEN/></auth>)\n",
        config.listen.c_str(), static_cast<unsigned>((*node)->cot_port()),
        (*node)->tls() ? "TLS" : "plain TCP");
  }
  for (const DemoLogin& login : logins) {
    std::printf("  login as %-10s (%s): %s#token=%s\n", login.name.c_str(), login.role.c_str(),
                base.c_str(), login.token.c_str());
  }
  std::fflush(stdout);
  return node;
}

}  // namespace sw::cli
