#pragma once
/// LineAssembler: splits stream pieces and datagrams into lines for the line-based formats
/// (AIS and ARPA NMEA, distress JSON lines). A line split across reads is joined; a line
/// longer than the limit is cut off, counted, and skipped up to its end.

#include <cstdint>
#include <string>
#include <string_view>

namespace sw::engine {

/// Bounded line splitter with the partial last line of a stream held between calls.
class LineAssembler {
 public:
  explicit LineAssembler(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  /// Calls on_line(line) for every complete line of `bytes` (without '\n'). With
  /// `datagram` set, the bytes are complete: a last line without '\n' is a line too.
  template <typename OnLine>
  void feed(std::string_view bytes, bool datagram, OnLine&& on_line) {
    while (!bytes.empty()) {
      const std::size_t end = bytes.find('\n');
      const std::string_view piece = bytes.substr(0, end);
      if (skipping_) {
        if (end == std::string_view::npos) return;
        skipping_ = false;
      } else if (partial_.size() + piece.size() > max_line_bytes_) {
        ++oversized_;
        partial_.clear();
        skipping_ = end == std::string_view::npos;
      } else if (partial_.empty() && end != std::string_view::npos) {
        on_line(piece);
      } else {
        partial_.append(piece);
        if (end != std::string_view::npos) {
          on_line(std::string_view(partial_));
          partial_.clear();
        }
      }
      if (end == std::string_view::npos) break;
      bytes.remove_prefix(end + 1);
    }
    if (datagram) {
      if (!partial_.empty()) on_line(std::string_view(partial_));
      partial_.clear();
      skipping_ = false;
    }
  }

  /// A new stream: the partial line of the previous one is dropped and counted.
  void reset() {
    if (!partial_.empty() || skipping_) ++truncated_;
    partial_.clear();
    skipping_ = false;
  }

  std::uint64_t oversized() const { return oversized_; }
  /// Lines cut off by the end of their stream (a dropped connection).
  std::uint64_t truncated() const { return truncated_; }

 private:
  std::size_t max_line_bytes_;
  std::string partial_;
  bool skipping_ = false;
  std::uint64_t oversized_ = 0;
  std::uint64_t truncated_ = 0;
};

}  // namespace sw::engine
