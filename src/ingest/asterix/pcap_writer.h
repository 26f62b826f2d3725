#pragma once
/// A minimal classic-pcap writer: each datagram in its own Ethernet II / IPv4 / UDP frame,
/// so that packet analysers (Wireshark, tshark) can dissect encoder output.

#include <cstdint>
#include <span>
#include <vector>

#include "core/clock.h"

namespace sw::asterix {

/// Frame addressing and timing of a capture.
struct PcapOptions {
  std::uint16_t destination_port = 8600;
  std::uint16_t source_port = 8600;
  std::uint32_t source_ip = 0x0A000001;       ///< 10.0.0.1
  std::uint32_t destination_ip = 0xE8000001;  ///< 232.0.0.1 (multicast, as radars send)
  TimeNs first_time = 0;                      ///< capture time of the first frame
  TimeNs interval = kNsPerSecond / 100;       ///< between frames
};

/// The whole capture file: global header (microsecond timestamps, LINKTYPE_ETHERNET) and
/// one frame per datagram. Datagrams over 65507 bytes (the UDP limit) are left out.
std::vector<std::uint8_t> udp_pcap(std::span<const std::vector<std::uint8_t>> datagrams,
                                   const PcapOptions& options = {});

}  // namespace sw::asterix
