#include "engine/builtin_sim.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <variant>

#include <fmt/format.h>

#include "engine/sim_encoder.h"
#include "sim/sink.h"

namespace sw::engine {
namespace {

/// AIS is broadcast in clear and goes to the EU agency too; sensor data stays with the two
/// nations.
std::string label_toml(const std::string& owner, bool personal_data,
                       const char* releasable_to = R"("UK", "FR")") {
  return fmt::format(
      "[source.label]\nowner = \"{}\"\nreleasable_to = [{}]\n"
      "purposes = [\"sar\", \"border\"]\nsensitivity = \"green\"\npersonal_data = {}\n"
      "retention_days = {}\n",
      owner, releasable_to, personal_data ? "true" : "false", personal_data ? 30 : 365);
}

std::string radar_owner(const std::string& radar_id) {
  return radar_id.rfind("fr", 0) == 0 ? "FR/CROSS-GN" : "UK/HMCG";
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

std::string builtin_config_toml(const sim::Simulator& simulator, const std::string& data_dir,
                                double speed) {
  // A late report is late in wall time (the host's lag), so the window scales with speed.
  std::string text = fmt::format(
      "# Engine sources for the built-in Dover Strait simulation (seed {}, {}x).\n"
      "[engine]\ndata_dir = \"{}\"\nreorder_window_s = {}\n\n",
      simulator.scenario().seed, speed, data_dir, 5.0 * std::max(1.0, speed));
  text += "[[source]]\nid = \"ais-shore\"\ntransport = \"udp\"\nformat = \"ais\"\n";
  text += label_toml("UK/HMCG", false, R"("UK", "FR", "EU")") + "\n";
  for (const sim::RadarSite& radar : simulator.radar_sites()) {
    text += fmt::format(
        "[[source]]\nid = \"radar-{}\"\ntransport = \"udp\"\nformat = \"asterix\"\n"
        "site = {{ lat = {:.7f}, lon = {:.7f} }}\nsac = {}\nsic = {}\n",
        radar.id, radar.position.lat, radar.position.lon, radar.sac, radar.sic);
    text += label_toml(radar_owner(radar.id), false) + "\n";
  }
  text += "[[source]]\nid = \"air-cot\"\ntransport = \"tcp-server\"\nformat = \"cot\"\n";
  text += label_toml("UK/BF", false) + "\n";
  text +=
      "[[source]]\nid = \"distress-calls\"\ntransport = \"tcp-server\"\nformat = \"distress\"\n";
  text += label_toml("FR/CROSS-GN", true) + "\n";
  // Own assets reported by TAK clients through the node's CoT stream.
  text += "[[source]]\nid = \"tak-clients\"\ntransport = \"server\"\nformat = \"cot\"\n";
  text += label_toml("UK/HMCG", false) + "\n";
  // Risk assessment on the scenario's geography and weather (what a node would take from
  // its forecast service).
  const sim::Scenario& scenario = simulator.scenario();
  const sim::EnvironmentConfig& environment = scenario.environment;
  text += fmt::format(
      "[risk]\ngeography = \"{}\"\nseed = {}\nwind_from_deg = {}\nwind_speed_kn = {}\n"
      "current_to_deg = {}\ncurrent_speed_kn = {}\n",
      std::filesystem::absolute(scenario.geography_path()).generic_string(), scenario.seed,
      environment.wind_from_deg, environment.wind_speed_kn, environment.current_to_deg,
      environment.current_speed_kn);
  return text;
}

Result<BuiltinSimulation> build_builtin_simulation(const sim::Scenario& scenario) {
  BuiltinSimulation built;
  Result<sim::Geography> geography = sim::load_geography(scenario.geography_path());
  if (!geography) return geography.error();
  built.geography = std::move(*geography);
  Result<std::unique_ptr<sim::Simulator>> simulator =
      sim::Simulator::create(scenario, built.geography);
  if (!simulator) return simulator.error();
  built.simulator = std::move(*simulator);
  Result<EngineConfig> config = parse_config_text(
      builtin_config_toml(*built.simulator, "unused", 1.0), "built-in simulation");
  if (!config) return config.error();
  built.config = std::move(*config);
  return built;
}

/// Sends what the SimEncoder encodes to the engine's sources by id.
class SimFeeder::Sender final : public sim::ReportSink {
 public:
  Sender(const Engine& engine, FeederStats& stats)
      : engine_(engine),
        stats_(stats),
        encoder_([this](const std::string& source, std::string_view bytes, bool datagram,
                        TimeNs /*time*/) {
          if (datagram) {
            send_datagram(source, bytes);
          } else {
            send_stream(source, bytes);
          }
        }) {}
  ~Sender() override {
    if (udp_ >= 0) ::close(udp_);
    for (auto& [id, fd] : streams_) ::close(fd);
  }
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  Status open() {
    udp_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (udp_ < 0) return Error{"io_error", "no UDP socket"};
    const auto& sources = engine_.config().sources;
    for (std::size_t source = 0; source < sources.size(); ++source) {
      ports_[sources[source].id] = engine_.bound_port(source);
      if (sources[source].transport != Transport::kTcpServer) continue;
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      const sockaddr_in address = loopback(engine_.bound_port(source));
      if (fd < 0 ||
          ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        if (fd >= 0) ::close(fd);
        return Error{"io_error", "cannot connect to source " + sources[source].id};
      }
      streams_[sources[source].id] = fd;
    }
    return Ok{};
  }

  void emit(const sim::Report& report) override {
    ++stats_.reports;
    encoder_.emit(report);
  }

 private:
  void send_datagram(const std::string& source, std::string_view bytes) {
    const auto port = ports_.find(source);
    if (port == ports_.end() || bytes.empty()) return;
    const sockaddr_in address = loopback(port->second);
    if (::sendto(udp_, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&address),
                 sizeof(address)) < 0) {
      ++stats_.send_errors;
      return;
    }
    ++stats_.datagrams;
  }
  void send_stream(const std::string& source, std::string_view bytes) {
    const auto fd = streams_.find(source);
    if (fd == streams_.end()) return;
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t written =
          ::send(fd->second, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (written <= 0) {
        ++stats_.send_errors;
        return;
      }
      sent += static_cast<std::size_t>(written);
    }
    stats_.stream_bytes += bytes.size();
  }

  const Engine& engine_;
  FeederStats& stats_;
  SimEncoder encoder_;
  int udp_ = -1;
  std::map<std::string, std::uint16_t> ports_;
  std::map<std::string, int> streams_;
};

SimFeeder::SimFeeder(sim::Simulator& simulator, const Engine& engine, const Clock& clock)
    : simulator_(simulator), engine_(engine), clock_(clock) {}

SimFeeder::~SimFeeder() { stop(); }

Status SimFeeder::start() {
  sender_ = std::make_unique<Sender>(engine_, stats_);
  if (Status opened = sender_->open(); !opened) return opened;
  thread_ = std::thread([this] { run(); });
  return Ok{};
}

void SimFeeder::run() {
  while (!stopping_ && !simulator_.finished()) {
    simulator_.step(std::min(clock_.now(), simulator_.end_time()), *sender_);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  finished_ = simulator_.finished();
}

void SimFeeder::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace sw::engine
