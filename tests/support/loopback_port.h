#pragma once
// A free TCP port on 127.0.0.1 for a server a test starts (the kernel picks it; the probe
// socket is closed again, so the server can bind it).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace sw::test_support {

inline std::uint16_t free_loopback_port() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

}  // namespace sw::test_support
