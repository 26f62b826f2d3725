#pragma once
// A real PostgreSQL 15 server for tests: a fresh cluster (initdb) in a temporary folder,
// listening on loopback on a free port and on a Unix socket in that folder, stopped and
// removed with the object. PostgreSQL refuses to run as root, so under root (CI) initdb
// and postgres run as the unprivileged user "nobody", which owns the folder. The server
// dies with the test process (parent-death signal) if the process crashes.
//
// Databases: create_database() makes a fresh one, with PostGIS, from a template made
// once per server, so each test gets an empty store in about a tenth of a second.

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "support/loopback_port.h"

namespace sw::test_support {

class PostgresServer {
 public:
  /// Where initdb and postgres are (SW_POSTGRES_BINDIR overrides).
  static std::string bin_dir() {
    const char* configured = std::getenv("SW_POSTGRES_BINDIR");
    return configured != nullptr && *configured != '\0' ? configured : "/usr/lib/postgresql/15/bin";
  }

  PostgresServer() : port_(free_loopback_port()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "sw-pg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) folder_ = pattern;
  }
  ~PostgresServer() {
    stop();
    std::error_code ignored;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
  }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  /// Initialises the cluster, starts the server and makes the PostGIS template database.
  /// Returns "" when the server accepts connections, else why not.
  std::string start() {
    if (folder_.empty()) return "cannot create a temporary folder";
    const std::string initdb = bin_dir() + "/initdb";
    const std::string postgres = bin_dir() + "/postgres";
    if (::access(initdb.c_str(), X_OK) != 0 || ::access(postgres.c_str(), X_OK) != 0) {
      return "PostgreSQL 15 server binaries not found in " + bin_dir() +
             " (install postgresql-15 and postgresql-15-postgis-3: scripts/setup.sh)";
    }
    if (::geteuid() == 0) {
      const passwd* nobody = ::getpwnam("nobody");
      if (nobody == nullptr) return "running as root and there is no user 'nobody' to run as";
      run_as_uid_ = nobody->pw_uid;
      run_as_gid_ = nobody->pw_gid;
      if (::chown(folder_.c_str(), run_as_uid_, run_as_gid_) != 0) {
        return "cannot hand " + folder_ + " to user 'nobody'";
      }
    }
    const std::string data = folder_ + "/data";
    const pid_t init = spawn({initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                              "--locale=C", "--no-sync"},
                             folder_ + "/initdb.log", false);
    int status = 0;
    if (init <= 0 || ::waitpid(init, &status, 0) != init || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
      return "initdb failed: " + tail(folder_ + "/initdb.log");
    }
    if (std::string started = resume(); !started.empty()) return started;
    if (std::string made = run_sql("postgres", "CREATE DATABASE sw_template"); !made.empty()) {
      return made;
    }
    if (std::string made = run_sql("sw_template", "CREATE EXTENSION postgis"); !made.empty()) {
      return "PostGIS is not available (install postgis and postgresql-15-postgis-3): " + made;
    }
    return {};
  }

  /// Starts postgres on the cluster start() made (after stop() or kill_now()), on the same
  /// port; "" when it accepts connections, else why not.
  std::string resume() {
    const std::string postgres = bin_dir() + "/postgres";
    pid_ = spawn({postgres, "-D", folder_ + "/data", "-k", folder_, "-h", "127.0.0.1", "-p",
                  std::to_string(port_), "-F", "-c", "full_page_writes=off", "-c",
                  durable_commits_ ? "synchronous_commit=on" : "synchronous_commit=off", "-c",
                  "max_connections=50"},
                 folder_ + "/postgres.log", true);
    if (pid_ <= 0) return "cannot start postgres";
    int status = 0;
    bool up = false;
    for (int attempt = 0; attempt < 750 && !up; ++attempt) {
      up = PQping(conninfo("postgres").c_str()) == PQPING_OK;
      if (!up) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          return "postgres exited at start-up: " + tail(folder_ + "/postgres.log");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (!up) {
      return "postgres did not accept connections within 15 s: " + tail(folder_ + "/postgres.log");
    }
    return {};
  }

  /// Stops the server (fast shutdown) and waits for it.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGINT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  /// Stops the server at once, dropping every connection without a checkpoint (as a
  /// crash does; tests of a server going away).
  void kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGQUIT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  bool running() const { return pid_ > 0; }

  /// Commits wait for their WAL to be written (before start(); by default they do not,
  /// which is faster but loses the last commits when the server is killed).
  void set_durable_commits(bool durable) { durable_commits_ = durable; }

  /// A new empty database with PostGIS; "" on success, else why not.
  std::string create_database(const std::string& name) {
    return run_sql("postgres", "CREATE DATABASE " + name + " TEMPLATE sw_template");
  }

  std::string conninfo(const std::string& database) const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + database +
           " user=postgres connect_timeout=5";
  }
  std::uint16_t port() const { return port_; }

 private:
  /// Runs `sql` on `database`; "" or the error.
  std::string run_sql(const std::string& database, const std::string& sql) const {
    PGconn* connection = PQconnectdb(conninfo(database).c_str());
    std::string error;
    if (PQstatus(connection) != CONNECTION_OK) {
      error = PQerrorMessage(connection);
    } else {
      PGresult* result = PQexec(connection, sql.c_str());
      if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
      PQclear(result);
    }
    PQfinish(connection);
    return error;
  }

  /// Forks and runs `arguments` (as the unprivileged user under root) with output to
  /// `log`; the child dies with this process when `tie_to_parent`.
  pid_t spawn(const std::vector<std::string>& arguments, const std::string& log,
              bool tie_to_parent) const {
    // Everything the child needs is made before fork (no allocation after it).
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    if (run_as_uid_ != 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(run_as_gid_) != 0 ||
          ::setuid(run_as_uid_) != 0) {
        ::_exit(126);
      }
    }
    if (tie_to_parent) ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
      ::dup2(out, STDOUT_FILENO);
      ::dup2(out, STDERR_FILENO);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }

  static std::string tail(const std::string& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    std::string all = text.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
  }

  std::string folder_;
  std::uint16_t port_;
  pid_t pid_ = -1;
  uid_t run_as_uid_ = 0;
  gid_t run_as_gid_ = 0;
  bool durable_commits_ = false;
};

}  // namespace sw::test_support
