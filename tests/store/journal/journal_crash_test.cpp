// Crash safety: a child process appends and commits records and reports each durable
// sequence through a pipe; the parent SIGKILLs it at a random point (seeded), reopens
// the journal and checks that every acknowledged record is present exactly once, intact,
// in order, and that the only damage ever found is a torn tail.
//
// The suite runs a few seconds' worth of kills. Long-run variant (e.g. before a release):
//   SW_JOURNAL_CRASH_ITERATIONS=2000 SW_JOURNAL_CRASH_SEED=<n> store_tests
//     --gtest_filter='JournalCrash.*'        (one command line)
// SIGKILL tests the process-crash path (the page cache survives); power loss needs a VM
// or a fault-injecting block device and is out of scope here.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../temp_directory.h"
#include "core/rng.h"
#include "journal_test_util.h"
#include "store/journal/journal_writer.h"

namespace sw::store {
namespace {

using testing::read_all;
using testing::TempDirectory;

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return fallback;
  return std::strtoull(value, nullptr, 10);
}

/// Content of record `sequence`: a function of the sequence only, so that a record
/// re-numbered after a torn tail still has the expected bytes. Every 13th is 20 kB and
/// every 47th 300 kB, so that a kill can land inside a long write() and tear it.
std::string crash_payload(Sequence sequence) {
  std::string payload = "record " + std::to_string(sequence) + " ";
  const std::size_t size = sequence % 47 == 0   ? 300'000
                           : sequence % 13 == 0 ? 20'000
                                                : 20 + sequence % 50;
  while (payload.size() < size) payload.push_back(static_cast<char>('a' + sequence % 26));
  return payload;
}

/// Child: append random-size batches forever, acknowledging each commit on `ack_fd`.
[[noreturn]] void run_writer_child(const std::string& directory, int ack_fd, std::uint64_t seed) {
  SystemClock clock;
  JournalOptions options;
  options.directory = directory;
  options.segment_max_bytes = 96 * 1024;
  options.batch_max_records = 1'000'000;
  options.batch_max_bytes = 1U << 30U;
  options.batch_max_latency = 3600 * kNsPerSecond;
  auto writer = JournalWriter::open(options, clock);
  if (!writer) ::_exit(3);
  Rng rng(seed);
  while (true) {
    const auto batch_size = static_cast<int>(1 + rng.next() % 40);
    for (int record_idx = 0; record_idx < batch_size; ++record_idx) {
      const Sequence sequence = (*writer)->last_sequence() + 1;
      if (!(*writer)->append(clock.now(), "crash", crash_payload(sequence))) ::_exit(4);
    }
    if (!(*writer)->commit()) ::_exit(5);
    const Sequence durable = (*writer)->durable_sequence();
    if (::write(ack_fd, &durable, sizeof(durable)) != sizeof(durable)) ::_exit(6);
  }
}

/// Reads acknowledgements until EOF; after `acks_before_kill` of them (and `delay_us`),
/// kills the child. Returns the highest acknowledged sequence.
Sequence collect_acks_and_kill(pid_t child, int ack_fd, std::uint64_t acks_before_kill,
                               unsigned delay_us) {
  Sequence highest = 0;
  std::uint64_t acks = 0;
  bool killed = false;
  Sequence ack = 0;
  std::size_t filled = 0;
  while (true) {
    const ssize_t count =
        ::read(ack_fd, reinterpret_cast<char*>(&ack) + filled, sizeof(ack) - filled);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    filled += static_cast<std::size_t>(count);
    if (filled < sizeof(ack)) continue;
    filled = 0;
    highest = std::max(highest, ack);
    if (++acks == acks_before_kill && !killed) {
      ::usleep(delay_us);
      ::kill(child, SIGKILL);
      killed = true;
    }
  }
  if (!killed) ::kill(child, SIGKILL);
  return highest;
}

/// Records from `from` on are numbered from..N without gaps or repeats, carry their
/// expected content, and reach at least `acknowledged`; nothing is reported damaged.
void check_records(const std::string& directory, Sequence from, Sequence acknowledged) {
  std::vector<JournalEvent> events;
  const auto records = read_all(directory, from, &events);
  EXPECT_TRUE(events.empty());
  ASSERT_GE(from + records.size(), acknowledged + 1);
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    ASSERT_EQ(records[record_idx].sequence, from + record_idx);
    ASSERT_EQ(records[record_idx].payload, crash_payload(from + record_idx));
  }
}

TEST(JournalCrash, EveryAcknowledgedRecordSurvivesSigkillExactlyOnce) {
  const std::uint64_t iterations = env_or("SW_JOURNAL_CRASH_ITERATIONS", 8);
  const std::uint64_t seed = env_or("SW_JOURNAL_CRASH_SEED", 20240607);
  SCOPED_TRACE("SW_JOURNAL_CRASH_SEED=" + std::to_string(seed));
  Rng rng(seed);
  TempDirectory directory;
  Sequence acknowledged = 0;
  Sequence verified = 0;
  std::uint64_t truncations = 0;

  for (std::uint64_t iteration = 0; iteration < iterations; ++iteration) {
    SCOPED_TRACE("iteration " + std::to_string(iteration));
    int ack_pipe[2];
    ASSERT_EQ(::pipe(ack_pipe), 0);
    const std::uint64_t child_seed = rng.next();
    const std::uint64_t acks_before_kill = 1 + rng.next() % 12;
    // Half the kills land within 400 us of an acknowledgement, when the child is most
    // likely inside its next write(): that is what tears a tail.
    const auto delay_us = static_cast<unsigned>(rng.next() % (rng.next() % 2 == 0 ? 400 : 3000));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(ack_pipe[0]);
      run_writer_child(directory.path(), ack_pipe[1], child_seed);
    }
    ::close(ack_pipe[1]);
    const Sequence highest = collect_acks_and_kill(child, ack_pipe[0], acks_before_kill, delay_us);
    ::close(ack_pipe[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "child ended by itself, status " << status;
    acknowledged = std::max(acknowledged, highest);

    ManualClock clock;
    JournalOptions options;
    options.directory = directory.path();
    auto writer = JournalWriter::open(options, clock);
    ASSERT_TRUE(writer.ok()) << writer.error().detail;
    for (const auto& event : (*writer)->recovery_events()) {
      EXPECT_EQ(event.kind, JournalEventKind::kTailTruncated) << event.reason;
    }
    truncations += (*writer)->stats().truncations;
    ASSERT_GE((*writer)->durable_sequence(), acknowledged);
    writer->reset();

    // Records before this round were checked after the previous kill: read from there.
    check_records(directory.path(), verified + 1, acknowledged);
    verified = acknowledged;
  }
  // And the whole journal once more at the end.
  check_records(directory.path(), 1, acknowledged);
  RecordProperty("acknowledged", static_cast<int>(acknowledged));
  RecordProperty("tail_truncations", static_cast<int>(truncations));
}

}  // namespace
}  // namespace sw::store
