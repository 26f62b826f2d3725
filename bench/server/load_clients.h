#pragma once
/// Load clients: the WebSocket side of the server load benchmark, run in a child process
/// (forked before the server starts) so that its CPU is a separate process's, as a real
/// browser's would be. Each client connects to /api/stream, sends its viewport, reads every
/// message, and for each update notes the receipt time against the message's
/// "published_ns" and against each synthetic track's own sensor time.
///
/// The parent drives the child with one-line commands on a pipe:
///   go PORT TOKEN CLIENTS THREADS WHOLE_EVERY SEED RAMP_LIMIT_S
///     -> "ready CONNECTED FAILED SECONDS BYTES ABANDONED"
///     (BYTES: the largest snapshot a client received; ABANDONED: clients never started
///     because the ramp passed RAMP_LIMIT_S)
///   start                                            (a measured window begins)
///   stop                                             -> one ClientWindow (see to_lines)
///   quit

#include <cstdint>
#include <string>

#include "fine_histogram.h"

namespace sw::bench {

/// What the clients saw during one measured window.
struct ClientWindow {
  double seconds = 0;
  std::uint64_t connected = 0;      ///< clients still connected at the end of the window
  std::uint64_t messages = 0;       ///< all messages received
  std::uint64_t updates = 0;        ///< update messages
  std::uint64_t snapshots = 0;      ///< snapshot messages (not expected during a window)
  std::uint64_t bytes = 0;          ///< message payload bytes
  std::uint64_t track_entries = 0;  ///< tracks in update messages (all ids)
  std::uint64_t closing_slow = 0;   ///< {"type":"closing"} messages received
  std::uint64_t disconnects = 0;    ///< connections that ended
  std::uint64_t unparsed = 0;       ///< updates without a readable published_ns
  double cpu_seconds = 0;           ///< of the client process
  std::uint64_t rss_kib = 0;        ///< of the client process at the end
  FineHistogram message_latency;    ///< receipt - published_ns, one per update message
  FineHistogram track_latency;      ///< receipt - the track's own time, per synthetic track
  FineHistogram update_gap;         ///< between two updates received by the same client

  /// Four lines: counters, then each histogram.
  std::string to_lines() const;
  /// Reads the four lines of to_lines(); false when malformed.
  bool from_lines(const std::string& counters, const std::string& messages,
                  const std::string& tracks, const std::string& gaps);
};

/// The child's main: reads commands from `command_fd`, answers on `result_fd`; returns the
/// process exit status.
int run_client_process(int command_fd, int result_fd);

}  // namespace sw::bench
