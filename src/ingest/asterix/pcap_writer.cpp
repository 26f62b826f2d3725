#include "ingest/asterix/pcap_writer.h"

namespace sw::asterix {
namespace {

constexpr std::size_t kMaxUdpPayload = 65507;
constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpv4Header = 20;
constexpr std::size_t kUdpHeader = 8;

void little_endian(std::vector<std::uint8_t>& out, std::uint32_t value, std::size_t octets) {
  for (std::size_t octet_idx = 0; octet_idx < octets; ++octet_idx) {
    out.push_back(static_cast<std::uint8_t>(value >> (8U * octet_idx)));
  }
}

void big_endian(std::vector<std::uint8_t>& out, std::uint32_t value, std::size_t octets) {
  for (std::size_t octet_idx = octets; octet_idx > 0; --octet_idx) {
    out.push_back(static_cast<std::uint8_t>(value >> (8U * (octet_idx - 1U))));
  }
}

/// RFC 791 header checksum: one's complement of the one's complement sum of 16-bit words.
std::uint16_t ipv4_checksum(std::span<const std::uint8_t> header) {
  std::uint32_t sum = 0;
  for (std::size_t word_idx = 0; word_idx + 1 < header.size(); word_idx += 2) {
    sum += static_cast<std::uint32_t>(header[word_idx] << 8U) | header[word_idx + 1];
  }
  while ((sum >> 16U) != 0) sum = (sum & 0xFFFFU) + (sum >> 16U);
  return static_cast<std::uint16_t>(~sum);
}

void append_frame(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> payload,
                  TimeNs time, std::uint16_t ip_id, const PcapOptions& options) {
  const std::size_t frame_length = kEthernetHeader + kIpv4Header + kUdpHeader + payload.size();
  const TimeNs micros = time / 1000;
  little_endian(out, static_cast<std::uint32_t>(micros / 1000000), 4);
  little_endian(out, static_cast<std::uint32_t>(micros % 1000000), 4);
  little_endian(out, static_cast<std::uint32_t>(frame_length), 4);
  little_endian(out, static_cast<std::uint32_t>(frame_length), 4);
  // Ethernet II: multicast MAC of the destination group, locally administered source.
  const std::uint32_t group = options.destination_ip & 0x007FFFFFU;
  out.insert(out.end(), {0x01, 0x00, 0x5E});
  big_endian(out, group, 3);
  out.insert(out.end(), {0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00});
  // IPv4.
  const std::size_t ip_start = out.size();
  out.insert(out.end(), {0x45, 0x00});
  big_endian(out, static_cast<std::uint32_t>(kIpv4Header + kUdpHeader + payload.size()), 2);
  big_endian(out, ip_id, 2);
  out.insert(out.end(), {0x40, 0x00, 0x40, 0x11, 0x00, 0x00});  // DF, TTL 64, UDP, checksum
  big_endian(out, options.source_ip, 4);
  big_endian(out, options.destination_ip, 4);
  const std::uint16_t checksum =
      ipv4_checksum(std::span<const std::uint8_t>(out).subspan(ip_start, kIpv4Header));
  out[ip_start + 10] = static_cast<std::uint8_t>(checksum >> 8U);
  out[ip_start + 11] = static_cast<std::uint8_t>(checksum);
  // UDP, checksum 0 (none: allowed over IPv4).
  big_endian(out, options.source_port, 2);
  big_endian(out, options.destination_port, 2);
  big_endian(out, static_cast<std::uint32_t>(kUdpHeader + payload.size()), 2);
  big_endian(out, 0, 2);
  out.insert(out.end(), payload.begin(), payload.end());
}

}  // namespace

std::vector<std::uint8_t> udp_pcap(std::span<const std::vector<std::uint8_t>> datagrams,
                                   const PcapOptions& options) {
  std::vector<std::uint8_t> out;
  little_endian(out, 0xA1B2C3D4U, 4);  // magic: microsecond timestamps
  little_endian(out, 2, 2);            // version 2.4
  little_endian(out, 4, 2);
  little_endian(out, 0, 4);      // thiszone
  little_endian(out, 0, 4);      // sigfigs
  little_endian(out, 65535, 4);  // snaplen
  little_endian(out, 1, 4);      // LINKTYPE_ETHERNET
  TimeNs time = options.first_time;
  std::uint16_t ip_id = 1;
  for (const auto& datagram : datagrams) {
    if (datagram.size() > kMaxUdpPayload) continue;
    append_frame(out, datagram, time, ip_id++, options);
    time += options.interval;
  }
  return out;
}

}  // namespace sw::asterix
