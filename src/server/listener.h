#pragma once
/// Listener set-up shared by the HTTP server and the CoT stream: the TLS context from PEM
/// files (plain text only on loopback) and a bound, listening acceptor.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <string>

#include "core/result.h"

namespace sw::server {

/// True for a loopback address (127.0.0.0/8, ::1).
bool is_loopback(const std::string& address);

/// Loads `cert` and `key` into `ssl` (TLS 1.2 and later) and returns true; with no
/// certificate returns false, or an error when `listen` is not a loopback address (`what`
/// names the service in the message).
Result<bool> configure_tls(boost::asio::ssl::context& ssl, const std::string& cert,
                           const std::string& key, const std::string& listen, const char* what);

/// Opens, binds and listens on `listen`:`port` (0: any free port).
Status open_acceptor(boost::asio::ip::tcp::acceptor& acceptor, const std::string& listen,
                     std::uint16_t port, const char* what);

}  // namespace sw::server
