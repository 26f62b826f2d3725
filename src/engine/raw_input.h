#pragma once
/// RawInput: bytes as they arrived from one source — what the I/O threads hand to the
/// engine, what the journal stores, and what replay feeds back.

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace sw::engine {

/// One datagram or one stream read of one source.
struct RawInput {
  TimeNs receive_time = 0;   ///< wall clock of the receiving host, UTC ns
  std::uint32_t source = 0;  ///< index into the configured sources
  std::string bytes;
};

}  // namespace sw::engine
