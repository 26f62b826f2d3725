#pragma once
// A real nats-server with JetStream for tests: on loopback, on a free port, storing in a
// given folder, with per-node users; stopped (and restartable on the same port and store).

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/loopback_port.h"

namespace sw::test_support {

class NatsServer {
 public:
  /// `users`: name and password of each node allowed to connect.
  /// `tls_cert` / `tls_key` (PEM files; empty: plain): the server accepts TLS only.
  NatsServer(std::filesystem::path folder, std::vector<std::pair<std::string, std::string>> users,
             const std::string& tls_cert = {}, const std::string& tls_key = {})
      : folder_(std::move(folder)), port_(free_loopback_port()) {
    std::ofstream config(folder_ / "nats.conf");
    if (!tls_cert.empty()) {
      config << "tls { cert_file: \"" << tls_cert << "\", key_file: \"" << tls_key << "\" }\n";
    }
    config << "listen: 127.0.0.1:" << port_ << "\n"
           << "jetstream { store_dir: \"" << (folder_ / "jetstream").string() << "\" }\n"
           << "authorization { users = [\n";
    for (const auto& [name, password] : users) {
      config << "  { user: \"" << name << "\", password: \"" << password << "\" }\n";
    }
    config << "] }\n";
  }
  ~NatsServer() { stop(); }
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  /// Starts nats-server and waits until it accepts connections; false if it did not.
  bool start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string config = (folder_ / "nats.conf").string();
      const std::string log = (folder_ / "nats.log").string();
      ::execlp("nats-server", "nats-server", "-c", config.c_str(), "-l", log.c_str(), nullptr);
      ::_exit(127);
    }
    for (int attempt = 0; attempt < 500; ++attempt) {
      if (accepts()) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }

 private:
  bool accepts() const {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port_);
    const bool ok =
        ::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket_fd);
    return ok;
  }

  std::filesystem::path folder_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace sw::test_support
