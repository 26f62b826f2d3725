#pragma once
/// Helpers for the journal tests: reading a whole journal into owned records, raw file
/// access for damaging segments, and options that skip fsync (tests check logic, the
/// crash test checks durability with real fsyncs).

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/journal/journal_reader.h"
#include "store/journal/journal_writer.h"

namespace sw::store::testing {

/// A record copied out of the reader.
struct OwnedRecord {
  Sequence sequence = 0;
  TimeNs receive_time = 0;
  std::string source_id;
  std::string payload;
  bool operator==(const OwnedRecord&) const = default;
};

inline std::vector<OwnedRecord> read_all(const std::string& directory, Sequence from = 1,
                                         std::vector<JournalEvent>* events = nullptr) {
  auto reader = JournalReader::open(directory, from);
  EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().detail);
  std::vector<OwnedRecord> records;
  if (!reader.ok()) return records;
  while (const auto record = reader->next()) {
    records.push_back(OwnedRecord{record->sequence, record->receive_time,
                                  std::string(record->source_id), std::string(record->payload)});
  }
  if (events != nullptr) *events = reader->events();
  return records;
}

inline JournalOptions test_options(const std::string& directory) {
  JournalOptions options;
  options.directory = directory;
  options.sync = false;
  options.salt = 0x5EED;
  return options;
}

/// Payload of record `sequence` in tests that check content by sequence.
inline std::string payload_for(Sequence sequence) {
  std::string payload = "!AIVDM,1,1,,A,payload-" + std::to_string(sequence) + ",0*00";
  payload.append(sequence % 7, static_cast<char>(sequence & 0xFFU));
  return payload;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::vector<std::string> segment_paths(const std::string& directory) {
  std::vector<std::string> paths;
  auto segments = list_segments(directory);
  if (!segments) return paths;
  for (const auto& segment : *segments) paths.push_back(join_path(directory, segment.name));
  return paths;
}

inline std::size_t count_events(const std::vector<JournalEvent>& events, JournalEventKind kind) {
  std::size_t count = 0;
  for (const auto& event : events) count += event.kind == kind ? 1 : 0;
  return count;
}

}  // namespace sw::store::testing
