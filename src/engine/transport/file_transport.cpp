// File and stdin transports: a reader thread that waits for queue space instead of
// dropping (a file can wait; a socket cannot).

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>

#include "engine/transport/transport.h"

namespace sw::engine {

std::unique_ptr<SourceTransport> make_socket_transport(const TransportContext& context,
                                                       boost::asio::io_context& io);

namespace {

constexpr std::size_t kChunkBytes = 65536;

class FileTransport final : public SourceTransport {
 public:
  explicit FileTransport(const TransportContext& context) : context_(context) {}
  ~FileTransport() override { stop(); }

  Status start() override {
    if (context_.config->transport == Transport::kStdin) {
      fd_ = STDIN_FILENO;
    } else {
      file_ = std::fopen(context_.config->path.c_str(), "rb");
      if (file_ == nullptr) {
        return Error{"io_error", context_.config->id + ": cannot open " + context_.config->path};
      }
      fd_ = fileno(file_);
    }
    thread_ = std::thread([this] { run(); });
    return Ok{};
  }
  void stop() override {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
  }
  bool finished() const override { return finished_; }

 private:
  void run() {
    context_.counters->connects.fetch_add(1);
    std::string chunk(kChunkBytes, '\0');
    while (!stopping_) {
      const ssize_t bytes = ::read(fd_, chunk.data(), chunk.size());
      if (bytes < 0 && errno == EINTR) continue;
      if (bytes < 0) context_.counters->transport_errors.fetch_add(1);
      if (bytes <= 0) break;
      RawInput input{context_.clock->now(), context_.source,
                     chunk.substr(0, static_cast<std::size_t>(bytes))};
      const std::size_t size = input.bytes.size();
      while (!stopping_ && !context_.queue->push(std::move(input))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      context_.counters->received.fetch_add(1);
      context_.counters->received_bytes.fetch_add(size);
    }
    finished_ = true;
  }

  TransportContext context_;
  std::FILE* file_ = nullptr;
  int fd_ = -1;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
};

/// A source fed by the node's own server through Engine::submit: nothing to open.
class ServerFedTransport final : public SourceTransport {
 public:
  Status start() override { return Ok{}; }
  void stop() override {}
};

}  // namespace

std::unique_ptr<SourceTransport> make_transport(const TransportContext& context,
                                                boost::asio::io_context& io) {
  if (context.config->transport == Transport::kFile ||
      context.config->transport == Transport::kStdin) {
    return std::make_unique<FileTransport>(context);
  }
  if (context.config->transport == Transport::kServer)
    return std::make_unique<ServerFedTransport>();
  return make_socket_transport(context, io);
}

}  // namespace sw::engine
