// UDP listener, TCP server and TCP client transports on Boost.Asio.

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>  // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include "engine/transport/transport.h"

namespace sw::engine {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

constexpr std::size_t kDatagramBytes = 65536;
constexpr std::size_t kStreamReadBytes = 65536;

/// Every datagram is one input.
class UdpListener final : public SourceTransport {
 public:
  UdpListener(const TransportContext& context, asio::io_context& io)
      : context_(context), socket_(io) {}

  Status start() override {
    boost::system::error_code error;
    const auto address = asio::ip::make_address(context_.config->host, error);
    if (error) return Error{"bad_config", "bad address " + context_.config->host};
    udp::endpoint endpoint(address, context_.config->port);
    socket_.open(endpoint.protocol(), error);
    if (!error) socket_.set_option(asio::socket_base::receive_buffer_size(8 << 20), error);
    error.clear();
    if (!error) socket_.bind(endpoint, error);
    if (error) return Error{"transport_error", context_.config->id + ": " + error.message()};
    receive();
    return Ok{};
  }
  void stop() override {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }
  std::uint16_t bound_port() const override {
    boost::system::error_code error;
    const auto endpoint = socket_.local_endpoint(error);
    return error ? 0 : endpoint.port();
  }

 private:
  void receive() {
    socket_.async_receive_from(asio::buffer(buffer_), sender_,
                               [this](const boost::system::error_code& error, std::size_t bytes) {
                                 if (error == asio::error::operation_aborted) return;
                                 if (error) {
                                   context_.counters->transport_errors.fetch_add(1);
                                 } else {
                                   deliver(context_,
                                           RawInput{context_.clock->now(), context_.source,
                                                    std::string(buffer_.data(), bytes)});
                                 }
                                 if (socket_.is_open()) receive();
                               });
  }

  TransportContext context_;
  udp::socket socket_;
  udp::endpoint sender_;
  std::array<char, kDatagramBytes> buffer_{};
};

/// Reads one connected stream into inputs; shared by the server and the client.
class StreamReader : public std::enable_shared_from_this<StreamReader> {
 public:
  StreamReader(const TransportContext& context, tcp::socket socket, std::function<void()> on_closed)
      : context_(context), socket_(std::move(socket)), on_closed_(std::move(on_closed)) {}

  void start() {
    context_.counters->connects.fetch_add(1);
    deliver(context_, RawInput{context_.clock->now(), context_.source, {}});  // new stream
    read();
  }
  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read() {
    socket_.async_read_some(
        asio::buffer(buffer_),
        [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
          if (!error) {
            deliver(self->context_, RawInput{self->context_.clock->now(), self->context_.source,
                                             std::string(self->buffer_.data(), bytes)});
            self->read();
            return;
          }
          if (error != asio::error::eof && error != asio::error::operation_aborted) {
            self->context_.counters->transport_errors.fetch_add(1);
          }
          self->close();
          if (error != asio::error::operation_aborted && self->on_closed_) self->on_closed_();
        });
  }

  TransportContext context_;
  tcp::socket socket_;
  std::function<void()> on_closed_;
  std::array<char, kStreamReadBytes> buffer_{};
};

/// Accepts one sensor connection at a time; a second one while the first is open is
/// refused (two interleaved streams cannot be framed) and counted as a transport error.
class TcpServer final : public SourceTransport {
 public:
  TcpServer(const TransportContext& context, asio::io_context& io)
      : context_(context), io_(io), acceptor_(io) {}

  Status start() override {
    boost::system::error_code error;
    const auto address = asio::ip::make_address(context_.config->host, error);
    if (error) return Error{"bad_config", "bad address " + context_.config->host};
    tcp::endpoint endpoint(address, context_.config->port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) return Error{"transport_error", context_.config->id + ": " + error.message()};
    accept();
    return Ok{};
  }
  void stop() override {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    if (auto reader = reader_.lock()) reader->close();
  }
  std::uint16_t bound_port() const override {
    boost::system::error_code error;
    const auto endpoint = acceptor_.local_endpoint(error);
    return error ? 0 : endpoint.port();
  }

 private:
  void accept() {
    acceptor_.async_accept([this](const boost::system::error_code& error, tcp::socket socket) {
      if (error == asio::error::operation_aborted) return;
      if (error) {
        context_.counters->transport_errors.fetch_add(1);
      } else if (reader_.lock()) {
        context_.counters->transport_errors.fetch_add(1);  // one stream at a time
        boost::system::error_code ignored;
        socket.close(ignored);
      } else {
        auto reader = std::make_shared<StreamReader>(context_, std::move(socket), nullptr);
        reader_ = reader;
        reader->start();
      }
      if (acceptor_.is_open()) accept();
    });
  }

  TransportContext context_;
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  std::weak_ptr<StreamReader> reader_;
};

/// Connects to a sensor's TCP server and reconnects after a failure or a close, waiting
/// 0.1 s, 0.2 s, ... up to 10 s between attempts (reset by a successful connection).
class TcpClient final : public SourceTransport {
 public:
  TcpClient(const TransportContext& context, asio::io_context& io)
      : context_(context), io_(io), timer_(io) {}

  Status start() override {
    boost::system::error_code error;
    address_ = asio::ip::make_address(context_.config->host, error);
    if (error) return Error{"bad_config", "bad address " + context_.config->host};
    connect();
    return Ok{};
  }
  void stop() override {
    stopped_ = true;
    timer_.cancel();
    if (socket_) {
      boost::system::error_code ignored;
      socket_->close(ignored);
    }
    if (auto reader = reader_.lock()) reader->close();
  }

 private:
  void connect() {
    if (stopped_) return;
    socket_ = std::make_unique<tcp::socket>(io_);
    socket_->async_connect(tcp::endpoint(address_, context_.config->port),
                           [this](const boost::system::error_code& error) {
                             if (stopped_ || error == asio::error::operation_aborted) return;
                             if (error) {
                               context_.counters->transport_errors.fetch_add(1);
                               retry();
                               return;
                             }
                             backoff_ = std::chrono::milliseconds(100);
                             auto reader = std::make_shared<StreamReader>(
                                 context_, std::move(*socket_), [this] { retry(); });
                             socket_.reset();
                             reader_ = reader;
                             reader->start();
                           });
  }
  void retry() {
    if (stopped_) return;
    timer_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(10'000));
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (!error) connect();
    });
  }

  TransportContext context_;
  asio::io_context& io_;
  asio::steady_timer timer_;
  asio::ip::address address_;
  std::unique_ptr<tcp::socket> socket_;
  std::weak_ptr<StreamReader> reader_;
  std::chrono::milliseconds backoff_{100};
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<SourceTransport> make_socket_transport(const TransportContext& context,
                                                       asio::io_context& io) {
  switch (context.config->transport) {
    case Transport::kUdp: return std::make_unique<UdpListener>(context, io);
    case Transport::kTcpServer: return std::make_unique<TcpServer>(context, io);
    case Transport::kTcpClient: return std::make_unique<TcpClient>(context, io);
    default: return nullptr;
  }
}

}  // namespace sw::engine
