/// libFuzzer target for journal recovery and replay: the input is one segment file.
///
/// 1. SegmentScanner over the bytes (salt and first sequence from the header when it
///    decodes, else fixed ones), with its contracts checked: records and damaged regions
///    tile the bytes after the header exactly, in order; every record re-encodes to the
///    very bytes it was read from; sequences strictly increase; valid_end is the end of
///    the last record.
/// 2. The bytes as the only segment of a journal directory: JournalWriter::open recovers
///    it (quarantine or tail truncation), one record is appended and committed, and
///    JournalReader must then return exactly the records step 1 found, followed by the
///    appended one, with no incomplete tail left.
///
/// Beyond "no crash, no sanitizer report", a broken contract aborts. Step 2 works in a
/// directory under the temporary directory (TMPDIR): on a tmpfs it runs about ten times
/// faster than on a disk.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "store/journal/journal_format.h"
#include "store/journal/journal_reader.h"
#include "store/journal/journal_writer.h"
#include "store/journal/segment_files.h"
#include "store/journal/segment_scanner.h"

namespace {

using sw::store::FrameDefect;
using sw::store::JournalEventKind;
using sw::store::SegmentScanner;
using sw::store::Sequence;

[[noreturn]] void contract_broken(const char* what) {
  std::fprintf(stderr, "journal_reader_fuzz: %s\n", what);
  std::abort();
}

struct ScannedRecord {
  Sequence sequence = 0;
  sw::TimeNs receive_time = 0;
  std::string source_id;
  std::string payload;
};

constexpr std::uint64_t kFallbackSalt = 0x5EED;

std::vector<ScannedRecord> scan_and_check(std::string_view segment, std::uint64_t salt,
                                          Sequence first_sequence) {
  SegmentScanner scanner(segment, salt, first_sequence);
  const std::uint32_t seed = sw::store::salt_seed(salt);
  std::vector<ScannedRecord> records;
  std::size_t covered = std::min(segment.size(), sw::store::kSegmentHeaderSize);
  std::size_t record_end = covered;
  for (auto step = scanner.next(); step != SegmentScanner::Step::kEnd; step = scanner.next()) {
    if (step == SegmentScanner::Step::kDamage) {
      const auto& damage = scanner.damage();
      if (damage.defect == FrameDefect::kSequenceGap) {
        if (damage.size != 0 || damage.missing_from > damage.missing_to) {
          contract_broken("bad gap report");
        }
        continue;
      }
      if (damage.offset != covered || damage.size == 0) contract_broken("damage does not tile");
      if (damage.frames == 0) contract_broken("damage counts no frame");
      covered += damage.size;
      if (damage.at_tail != (covered == segment.size())) contract_broken("at_tail wrong");
      continue;
    }
    const auto& record = scanner.record();
    if (scanner.record_offset() != covered) contract_broken("record does not tile");
    if (!records.empty() && record.sequence <= records.back().sequence) {
      contract_broken("sequence not increasing");
    }
    if (record.sequence < first_sequence) contract_broken("sequence below the first");
    std::string encoded;
    sw::store::encode_frame(seed, record.sequence, record.receive_time, record.source_id,
                            record.payload, encoded);
    if (encoded != segment.substr(covered, scanner.record_size())) {
      contract_broken("record does not re-encode to its bytes");
    }
    covered += scanner.record_size();
    record_end = covered;
    records.push_back(ScannedRecord{record.sequence, record.receive_time,
                                    std::string(record.source_id), std::string(record.payload)});
  }
  if (covered != segment.size()) contract_broken("bytes left unscanned");
  if (scanner.valid_end() != record_end) contract_broken("valid_end wrong");
  return records;
}

const std::string& work_directory() {
  static const std::string directory =
      (std::filesystem::temp_directory_path() / ("sw-journal-fuzz-" + std::to_string(::getpid())))
          .string();
  return directory;
}

void recover_and_check(std::string_view segment, const std::vector<ScannedRecord>& scanned,
                       bool header_ok, Sequence first_sequence) {
  const std::string& directory = work_directory();
  std::error_code error;
  std::filesystem::remove_all(directory, error);
  std::filesystem::create_directories(directory, error);
  {
    std::ofstream file(
        sw::store::join_path(directory, sw::store::segment_file_name(first_sequence)),
        std::ios::binary);
    file.write(segment.data(), static_cast<std::streamsize>(segment.size()));
  }
  sw::ManualClock clock(1'700'000'000 * sw::kNsPerSecond);
  sw::store::JournalOptions options;
  options.directory = directory;
  options.sync = false;
  options.salt = kFallbackSalt;
  Sequence appended = 0;
  {
    auto writer = sw::store::JournalWriter::open(options, clock);
    if (!writer) contract_broken("writer failed to open a damaged journal");
    const Sequence expected_last =
        !header_ok ? first_sequence - 1
                   : (scanned.empty() ? first_sequence - 1 : scanned.back().sequence);
    if ((*writer)->last_sequence() != expected_last) contract_broken("recovered last sequence");
    auto sequence = (*writer)->append(42, "fuzz", "appended");
    if (!sequence) {
      if (sequence.error().code != "sequence_exhausted") contract_broken("append failed");
      return;
    }
    appended = *sequence;
    if (!(*writer)->commit()) contract_broken("commit failed");
  }
  auto reader = sw::store::JournalReader::open(directory);
  if (!reader) contract_broken("reader failed to open");
  std::vector<ScannedRecord> read;
  while (const auto record = reader->next()) {
    read.push_back(ScannedRecord{record->sequence, record->receive_time,
                                 std::string(record->source_id), std::string(record->payload)});
  }
  for (const auto& event : reader->events()) {
    if (event.kind == JournalEventKind::kIncompleteTail)
      contract_broken("tail left after recovery");
  }
  const std::size_t kept = header_ok ? scanned.size() : 0;
  if (read.size() != kept + 1) contract_broken("record count after recovery");
  for (std::size_t record_idx = 0; record_idx < kept; ++record_idx) {
    if (read[record_idx].sequence != scanned[record_idx].sequence ||
        read[record_idx].receive_time != scanned[record_idx].receive_time ||
        read[record_idx].source_id != scanned[record_idx].source_id ||
        read[record_idx].payload != scanned[record_idx].payload) {
      contract_broken("recovered record differs");
    }
  }
  if (read.back().sequence != appended || read.back().payload != "appended") {
    contract_broken("appended record missing");
  }
}

}  // namespace

// libFuzzer entry point; the name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // Exactly sized copy: ASan catches a read past the end.
  const std::unique_ptr<char[]> copy(new char[size == 0 ? 1 : size]);
  if (size > 0) std::memcpy(copy.get(), data, size);
  const std::string_view segment(copy.get(), size);
  const auto header = sw::store::decode_segment_header(segment);
  const std::uint64_t salt = header ? header->salt : kFallbackSalt;
  const Sequence first_sequence = header ? header->first_sequence : 1;
  const auto scanned = scan_and_check(segment, salt, first_sequence);
  recover_and_check(segment, scanned, header.ok(), first_sequence);
  return 0;
}
