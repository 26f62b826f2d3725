#include "server/listener.h"

namespace sw::server {

namespace net = boost::asio;

bool is_loopback(const std::string& address) {
  boost::system::error_code error;
  const auto parsed = net::ip::make_address(address, error);
  return !error && parsed.is_loopback();
}

Result<bool> configure_tls(net::ssl::context& ssl, const std::string& cert, const std::string& key,
                           const std::string& listen, const char* what) {
  if (cert.empty()) {
    if (is_loopback(listen)) return false;
    return Error{"tls", std::string("plain ") + what +
                            " is only for loopback; configure tls_cert and tls_key to listen on " +
                            listen};
  }
  boost::system::error_code error;
  ssl.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                  net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                  net::ssl::context::no_tlsv1_1);
  ssl.use_certificate_chain_file(cert, error);
  if (error) return Error{"tls", "certificate " + cert + ": " + error.message()};
  ssl.use_private_key_file(key, net::ssl::context::pem, error);
  if (error) return Error{"tls", "private key " + key + ": " + error.message()};
  return true;
}

Status open_acceptor(net::ip::tcp::acceptor& acceptor, const std::string& listen,
                     std::uint16_t port, const char* what) {
  boost::system::error_code error;
  const auto address = net::ip::make_address(listen, error);
  if (error) return Error{"bad_config", "listen address " + listen + ": " + error.message()};
  const net::ip::tcp::endpoint endpoint(address, port);
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    return Error{"io_error", std::string("cannot listen for ") + what + " on " + listen + ":" +
                                 std::to_string(port) + ": " + error.message()};
  }
  return Ok{};
}

}  // namespace sw::server
