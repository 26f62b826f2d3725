#include "sim/output.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "ingest/asterix/encoder.h"
#include "ingest/cot/encoder.h"

namespace sw::sim {
namespace {

std::string_view as_text(const std::vector<std::uint8_t>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

const char* to_string(Channel channel) {
  switch (channel) {
    case Channel::kAis: return "ais";
    case Channel::kAsterix: return "asterix";
    case Channel::kCot: return "cot";
    case Channel::kDistress: return "distress";
    case Channel::kTruth: return "truth";
  }
  return "unknown";
}

Result<Channel> parse_channel(std::string_view name) {
  for (const Channel channel :
       {Channel::kAis, Channel::kAsterix, Channel::kCot, Channel::kDistress, Channel::kTruth}) {
    if (name == to_string(channel)) return channel;
  }
  return Error{"bad_format",
               "unknown format '" + std::string(name) + "' (ais, asterix, cot, distress, truth)"};
}

void EncodingSink::emit(const Report& report) {
  text_.clear();
  bytes_.clear();
  if (const auto* ais = std::get_if<AisReport>(&report)) {
    if (!ais_.write(*ais, text_)) {
      ++refused_;
      return;
    }
    out_.write(Channel::kAis, ais->receiver_id, text_);
  } else if (const auto* plot = std::get_if<RadarPlot>(&report)) {
    const asterix::Cat010Record record = cat010_record(*plot);
    bytes_ = asterix::encode_cat010_block(std::span(&record, 1));
    out_.write(Channel::kAsterix, plot->radar_id, as_text(bytes_));
  } else if (const auto* marker = std::get_if<RadarNorthMarker>(&report)) {
    const asterix::Cat034Record record = cat034_record(*marker);
    bytes_ = asterix::encode_cat034_block(std::span(&record, 1));
    out_.write(Channel::kAsterix, marker->radar_id, as_text(bytes_));
  } else if (const auto* sighting = std::get_if<SightingReport>(&report)) {
    text_ = cot::encode_cot(cot_event(*sighting)) + "\n";
    out_.write(Channel::kCot, {}, text_);
  } else if (const auto* asset = std::get_if<AssetPosition>(&report)) {
    text_ = cot::encode_cot(cot_event(*asset)) + "\n";
    out_.write(Channel::kCot, {}, text_);
  } else if (const auto* distress = std::get_if<DistressEvent>(&report)) {
    text_ = distress::encode_distress_json(distress_report(*distress)) + "\n";
    out_.write(Channel::kDistress, {}, text_);
  } else if (const auto* truth = std::get_if<TruthRecord>(&report)) {
    if (!truth_header_written_) {
      text_ = truth_csv_header();
      truth_header_written_ = true;
    }
    append_truth_csv(*truth, text_);
    out_.write(Channel::kTruth, {}, text_);
  }
}

Result<std::unique_ptr<DirectoryOutput>> DirectoryOutput::open(
    const std::string& directory, const std::vector<std::string>& radar_ids) {
  if (::mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
    return Error{"io", "cannot create " + directory + ": " + std::strerror(errno)};
  }
  std::unique_ptr<DirectoryOutput> output(new DirectoryOutput());
  output->directory_ = directory;
  const std::pair<Channel, const char*> names[] = {{Channel::kAis, "ais.nmea"},
                                                   {Channel::kCot, "cot.xml"},
                                                   {Channel::kDistress, "distress.jsonl"},
                                                   {Channel::kTruth, "truth.csv"}};
  for (const auto& [channel, name] : names) {
    auto file = output->open_file(name);
    if (!file) return file.error();
    output->files_[channel] = *file;
  }
  for (const std::string& radar_id : radar_ids) {
    auto file = output->open_file("radar_" + radar_id + ".ast");
    if (!file) return file.error();
    output->radar_files_.emplace(radar_id, *file);
  }
  return output;
}

Result<std::FILE*> DirectoryOutput::open_file(const std::string& name) {
  const std::string path = directory_ + "/" + name;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Error{"io", "cannot write " + path + ": " + std::strerror(errno)};
  all_.push_back(file);
  return file;
}

DirectoryOutput::~DirectoryOutput() { (void)close(); }

void DirectoryOutput::write(Channel channel, std::string_view stream, std::string_view bytes) {
  std::FILE* file = nullptr;
  if (channel == Channel::kAsterix) {
    const auto found = radar_files_.find(stream);
    if (found != radar_files_.end()) file = found->second;
  } else {
    file = files_[channel];
  }
  if (file == nullptr) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) failed_ = true;
}

void DirectoryOutput::flush() {
  for (std::FILE* file : all_) {
    if (std::fflush(file) != 0) failed_ = true;
  }
}

Status DirectoryOutput::close() {
  for (std::FILE* file : all_) {
    if (std::fclose(file) != 0) failed_ = true;
  }
  all_.clear();
  files_.clear();
  radar_files_.clear();
  if (failed_) return Error{"io", "error writing to " + directory_};
  return Ok{};
}

void StreamOutput::write(Channel channel, std::string_view /*stream*/, std::string_view bytes) {
  if (channel != channel_) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
}

}  // namespace sw::sim
