#pragma once
/// SourceDecoder: turns the raw inputs of one source into Observations with that source's
/// id and label; every input it cannot use is counted by reason, never fatal. One per
/// source, owned by the engine thread; the same raw inputs in the same order give the same
/// observations (replay).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/observation.h"
#include "core/result.h"
#include "engine/config.h"
#include "engine/raw_input.h"

namespace sw::engine {

/// Rejections of one source by reason (sorted, for stable printing).
using ReasonCounts = std::map<std::string, std::uint64_t>;

/// Decoder of one configured source.
class SourceDecoder {
 public:
  virtual ~SourceDecoder() = default;
  /// Decodes one input (a whole datagram, or the next piece of a stream) and appends
  /// the observations it completes to `out`.
  virtual void decode(const RawInput& input, std::vector<Observation>& out) = 0;
  /// Rejected inputs (lines, blocks, documents) by reason since construction.
  virtual ReasonCounts rejections() const = 0;
  /// Units decoded (lines, records, events) since construction.
  virtual std::uint64_t decoded() const = 0;
};

/// The decoder for `source`'s format; `datagrams` is true when each input is a whole
/// datagram (UDP) rather than a piece of a byte stream.
Result<std::unique_ptr<SourceDecoder>> make_source_decoder(const SourceConfig& source);

/// True when `source`'s inputs are whole datagrams.
inline bool is_datagram(const SourceConfig& source) { return source.transport == Transport::kUdp; }

}  // namespace sw::engine
