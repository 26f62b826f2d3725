// journal_list: prints every record of a journal directory, one per line, for the engine
// crash test (tests/engine/crash/engine_crash.py):
//
//   <sequence> TAB <receive time ns> TAB <source id> TAB <payload as lowercase hex>
//
// Damage, gaps and unreadable segments the reader met go to stderr as "event: ..." lines,
// followed by one "stats: ..." line. Exit status 0 when the journal opened, 2 on a usage or
// open error.

#include <cstdio>
#include <string>
#include <string_view>

#include "store/journal/journal_reader.h"

namespace {

void print_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    text.push_back(kDigits[value >> 4U]);
    text.push_back(kDigits[value & 0x0FU]);
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: journal_list JOURNAL_DIR\n");
    return 2;
  }
  auto reader = sw::store::JournalReader::open(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "journal_list: %s (%s)\n", reader.error().detail.c_str(),
                 reader.error().code.c_str());
    return 2;
  }
  while (auto record = reader->next()) {
    std::printf("%llu\t%lld\t%.*s\t", static_cast<unsigned long long>(record->sequence),
                static_cast<long long>(record->receive_time),
                static_cast<int>(record->source_id.size()), record->source_id.data());
    print_hex(record->payload);
    std::fputc('\n', stdout);
  }
  for (const sw::store::JournalEvent& event : reader->events()) {
    std::fprintf(
        stderr, "event: %s %s at byte %llu: %llu bytes, %llu records, sequences %llu-%llu (%s)\n",
        sw::store::to_string(event.kind), event.segment.c_str(),
        static_cast<unsigned long long>(event.offset), static_cast<unsigned long long>(event.bytes),
        static_cast<unsigned long long>(event.records),
        static_cast<unsigned long long>(event.first_sequence),
        static_cast<unsigned long long>(event.last_sequence), event.reason.c_str());
  }
  const sw::store::JournalReadStats& stats = reader->stats();
  std::fprintf(stderr,
               "stats: records %llu segments %llu corrupt_regions %llu skipped_bytes %llu "
               "sequence_gaps %llu unreadable_segments %llu\n",
               static_cast<unsigned long long>(stats.records),
               static_cast<unsigned long long>(stats.segments),
               static_cast<unsigned long long>(stats.corrupt_regions),
               static_cast<unsigned long long>(stats.skipped_bytes),
               static_cast<unsigned long long>(stats.sequence_gaps),
               static_cast<unsigned long long>(stats.unreadable_segments));
  return 0;
}
