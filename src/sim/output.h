#pragma once
/// Output: reports encoded into their wire formats and written to files or a stream.
/// EncodingSink (a ReportSink) encodes; a ByteSink takes the bytes — DirectoryOutput
/// writes one file per format (and per radar), StreamOutput one format to a FILE*. The
/// engine can put its own ByteSink (sockets) behind EncodingSink.

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sim/sink.h"
#include "sim/writers.h"

namespace sw::sim {

/// The wire formats.
enum class Channel : std::uint8_t { kAis, kAsterix, kCot, kDistress, kTruth };

/// "ais", "asterix", "cot", "distress", "truth".
const char* to_string(Channel channel);
/// The channel of a name given by to_string().
Result<Channel> parse_channel(std::string_view name);

/// Takes encoded bytes. `stream` names the sender within a channel: the radar id for
/// kAsterix, the station id for kAis, empty otherwise.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(Channel channel, std::string_view stream, std::string_view bytes) = 0;
};

/// Encodes every report and hands the bytes to a ByteSink: AIS sentences (each with its
/// "\r\n"), one ASTERIX data block per plot or north marker, one CoT XML document per line,
/// one distress JSON object per line, one truth CSV row per record (after the header,
/// written before the first row).
class EncodingSink final : public ReportSink {
 public:
  explicit EncodingSink(ByteSink& out) : out_(out) {}
  void emit(const Report& report) override;
  /// Reports the encoders refused (none expected; counted, never fatal).
  std::uint64_t refused() const { return refused_; }

 private:
  ByteSink& out_;
  AisNmeaWriter ais_;
  std::string text_;
  std::vector<std::uint8_t> bytes_;
  bool truth_header_written_ = false;
  std::uint64_t refused_ = 0;
};

/// One file per channel in a directory: ais.nmea, radar_<id>.ast (one per radar),
/// cot.xml, distress.jsonl, truth.csv. Files are created when opened, so a format with
/// no report leaves an empty file.
class DirectoryOutput final : public ByteSink {
 public:
  /// Create the directory if needed and open the files.
  static Result<std::unique_ptr<DirectoryOutput>> open(const std::string& directory,
                                                       const std::vector<std::string>& radar_ids);
  ~DirectoryOutput() override;
  DirectoryOutput(const DirectoryOutput&) = delete;
  DirectoryOutput& operator=(const DirectoryOutput&) = delete;

  void write(Channel channel, std::string_view stream, std::string_view bytes) override;
  /// Push buffered bytes to the files (real-time runs, for readers following them).
  void flush();
  /// Flush and close every file; errors if any write failed.
  Status close();

 private:
  DirectoryOutput() = default;
  Result<std::FILE*> open_file(const std::string& name);

  std::string directory_;
  std::map<Channel, std::FILE*> files_;
  std::map<std::string, std::FILE*, std::less<>> radar_files_;
  std::vector<std::FILE*> all_;
  bool failed_ = false;
};

/// One channel to a FILE* (e.g. stdout); the other channels are dropped.
class StreamOutput final : public ByteSink {
 public:
  StreamOutput(Channel channel, std::FILE* file) : channel_(channel), file_(file) {}
  void write(Channel channel, std::string_view stream, std::string_view bytes) override;
  bool failed() const { return failed_; }

 private:
  Channel channel_;
  std::FILE* file_;
  bool failed_ = false;
};

}  // namespace sw::sim
