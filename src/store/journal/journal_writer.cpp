#include "store/journal/journal_writer.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <random>
#include <system_error>
#include <utility>

#include "store/journal/segment_scanner.h"

namespace sw::store {
namespace {

constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::string_view kQuarantineSuffix = ".corrupt";

std::uint64_t split_mix(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27U)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31U);
}

/// Removes `journal-*.swj.tmp` files left by a crash during segment creation: they hold
/// at most a header and were never renamed into the journal.
void remove_temporary_segments(const std::string& directory) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > kTempSuffix.size() &&
        name.compare(name.size() - kTempSuffix.size(), kTempSuffix.size(), kTempSuffix) == 0 &&
        parse_segment_file_name(name.substr(0, name.size() - kTempSuffix.size()))) {
      std::error_code remove_error;
      std::filesystem::remove(entry.path(), remove_error);
    }
  }
}

/// `<path>.corrupt`, or `<path>.corrupt.<n>` when earlier quarantines hold that name.
std::string quarantine_path(const std::string& path) {
  std::string candidate = path + std::string(kQuarantineSuffix);
  std::error_code error;
  for (int attempt = 1; std::filesystem::exists(candidate, error); ++attempt) {
    candidate = path + std::string(kQuarantineSuffix) + "." + std::to_string(attempt);
  }
  return candidate;
}

}  // namespace

JournalWriter::JournalWriter(JournalOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

Result<std::unique_ptr<JournalWriter>> JournalWriter::open(JournalOptions options,
                                                           const Clock& clock) {
  if (options.directory.empty()) return Error{"bad_options", "journal directory is empty"};
  options.batch_max_records = std::max<std::size_t>(options.batch_max_records, 1);
  std::unique_ptr<JournalWriter> writer(new JournalWriter(std::move(options), clock));
  const Status recovered = writer->recover();
  if (!recovered) return recovered.error();
  writer->opening_ = false;
  return writer;
}

JournalWriter::~JournalWriter() {
  if (!failed_.load() && pending_records_ > 0) {
    const Status committed = commit();
    static_cast<void>(committed);  // reported through on_event when it fails
  }
}

std::string JournalWriter::path_of(std::string_view name) const {
  return join_path(options_.directory, name);
}

void JournalWriter::report(JournalEvent event) {
  switch (event.kind) {
    case JournalEventKind::kTailTruncated:
      ++stats_.truncations;
      stats_.truncated_bytes += event.bytes;
      stats_.truncated_records += event.records;
      break;
    case JournalEventKind::kCorruptRegion: ++stats_.corrupt_regions; break;
    case JournalEventKind::kSegmentQuarantined: ++stats_.quarantined_segments; break;
    case JournalEventKind::kSegmentDeleted:
      ++stats_.segments_deleted;
      stats_.deleted_bytes += event.bytes;
      break;
    case JournalEventKind::kIoError: ++stats_.io_errors; break;
    case JournalEventKind::kIncompleteTail:
    case JournalEventKind::kSequenceGap: break;
  }
  if (opening_) recovery_events_.push_back(event);
  if (options_.on_event) options_.on_event(event);
}

Status JournalWriter::fail(Error error) {
  if (!failure_) failure_ = error;
  JournalEvent event;
  event.kind = JournalEventKind::kIoError;
  event.segment = segments_.empty() ? std::string() : segments_.back().name;
  event.reason = error.detail;
  report(std::move(event));
  {
    const std::lock_guard<std::mutex> lock(durable_mutex_);
    failed_.store(true, std::memory_order_release);
  }
  durable_changed_.notify_all();
  return error;
}

std::uint64_t JournalWriter::salt_for(Sequence first_sequence) {
  if (options_.salt != 0) return split_mix(options_.salt ^ split_mix(first_sequence));
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32U) ^ device();
}

Status JournalWriter::recover() {
  if (Status made = make_directories(options_.directory); !made) return made;
  remove_temporary_segments(options_.directory);
  auto listed = list_segments(options_.directory);
  if (!listed) return listed.error();

  for (const SegmentFile& file : *listed) {
    Segment segment{file.name, file.first_sequence, file.size, 0};
    auto prefix = read_file_prefix(path_of(file.name), kSegmentHeaderSize);
    if (prefix) {
      const auto header = decode_segment_header(*prefix);
      if (header) segment.created_time = header->created_time;
    }
    segments_.push_back(std::move(segment));
  }
  // A segment whose header is unreadable takes its successor's creation time, so age
  // retention treats it like its neighbours.
  TimeNs later_created = clock_.now();
  for (auto segment = segments_.rbegin(); segment != segments_.rend(); ++segment) {
    if (segment->created_time == 0) segment->created_time = later_created;
    later_created = segment->created_time;
  }

  while (!segments_.empty()) {
    auto recovered = recover_last_segment();
    if (!recovered) return recovered.error();
    if (*recovered) break;
  }
  if (segments_.empty()) {
    if (Status created = create_segment(next_sequence_); !created) return created;
  }
  durable_.store(next_sequence_ - 1, std::memory_order_release);
  return enforce_retention();
}

Result<bool> JournalWriter::recover_last_segment() {
  Segment& segment = segments_.back();
  const std::string path = path_of(segment.name);
  auto bytes = read_whole_file(path, options_.max_recovery_bytes);
  if (!bytes) return bytes.error();

  const auto header = decode_segment_header(*bytes);
  if (!header || header->first_sequence != segment.first_sequence) {
    JournalEvent event;
    event.kind = JournalEventKind::kSegmentQuarantined;
    event.segment = segment.name;
    event.bytes = bytes->size();
    event.first_sequence = segment.first_sequence;
    event.reason = header ? "name_mismatch" : header.error().code;
    if (Status renamed = rename_file(path, quarantine_path(path)); !renamed) {
      return renamed.error();
    }
    if (options_.sync) {
      if (Status synced = sync_directory(options_.directory); !synced) return synced.error();
    }
    next_sequence_ = segment.first_sequence;
    segments_.pop_back();
    report(std::move(event));
    return false;
  }

  SegmentScanner scanner(*bytes, header->salt, header->first_sequence);
  std::uint64_t records = 0;
  std::optional<DamagedRegion> tail;
  for (auto step = scanner.next(); step != SegmentScanner::Step::kEnd; step = scanner.next()) {
    if (step == SegmentScanner::Step::kRecord) {
      ++records;
      continue;
    }
    const DamagedRegion& damage = scanner.damage();
    if (damage.at_tail) {
      tail = damage;
      continue;
    }
    JournalEvent event;
    event.segment = segment.name;
    event.offset = damage.offset;
    event.reason = to_string(damage.defect);
    if (damage.defect == FrameDefect::kSequenceGap) {
      event.kind = JournalEventKind::kSequenceGap;
      event.first_sequence = damage.missing_from;
      event.last_sequence = damage.missing_to;
    } else {
      event.kind = JournalEventKind::kCorruptRegion;
      event.bytes = damage.size;
      event.records = damage.frames;
    }
    report(std::move(event));
  }

  auto file = open_for_append(path);
  if (!file) return file.error();
  if (tail) {
    if (Status cut = truncate_file(*file, scanner.valid_end(), path); !cut) return cut.error();
    if (Status synced = sync_file(*file, path); !synced) return synced.error();
    JournalEvent event;
    event.kind = JournalEventKind::kTailTruncated;
    event.segment = segment.name;
    event.offset = tail->offset;
    event.bytes = tail->size;
    event.records = tail->frames;
    event.reason = to_string(tail->defect);
    report(std::move(event));
  }
  segment.size = scanner.valid_end();
  active_file_ = std::move(*file);
  active_seed_ = salt_seed(header->salt);
  active_records_ = records;
  next_sequence_ = records > 0 ? scanner.last_sequence() + 1 : header->first_sequence;
  return true;
}

Status JournalWriter::create_segment(Sequence first_sequence) {
  const std::string name = segment_file_name(first_sequence);
  const std::string path = path_of(name);
  const std::string temp_path = path + std::string(kTempSuffix);
  SegmentHeader header;
  header.first_sequence = first_sequence;
  header.created_time = clock_.now();
  header.salt = salt_for(first_sequence);
  std::string header_bytes;
  encode_segment_header(header, header_bytes);

  auto file = create_exclusive(temp_path);
  if (!file) return file.error();
  if (Status written = write_all(*file, header_bytes, temp_path); !written) return written;
  if (options_.sync) {
    if (Status synced = sync_file(*file, temp_path, true); !synced) return synced;
  }
  if (Status renamed = rename_file(temp_path, path); !renamed) return renamed;
  if (options_.sync) {
    if (Status synced = sync_directory(options_.directory); !synced) return synced;
  }
  active_file_ = std::move(*file);
  active_seed_ = salt_seed(header.salt);
  active_records_ = 0;
  segments_.push_back(Segment{name, first_sequence, header_bytes.size(), header.created_time});
  ++stats_.segments_created;
  return Ok{};
}

Status JournalWriter::rotate() {
  if (Status committed = commit(); !committed) return committed;
  active_file_.close();
  if (Status created = create_segment(next_sequence_); !created) return fail(created.error());
  return enforce_retention();
}

Result<Sequence> JournalWriter::append(TimeNs receive_time, std::string_view source_id,
                                       std::string_view payload) {
  if (failure_) return Error{"journal_failed", failure_->detail};
  if (source_id.size() > kMaxSourceIdSize) {
    return Error{"source_id_too_long", "source id over 255 bytes"};
  }
  if (payload.size() > options_.max_payload_bytes) {
    return Error{"record_too_large", "payload over max_payload_bytes"};
  }
  if (next_sequence_ == std::numeric_limits<Sequence>::max()) {
    return Error{"sequence_exhausted", "no sequence numbers left"};
  }
  const std::size_t size = frame_size(source_id.size(), payload.size());
  if (active_records_ > 0 &&
      segments_.back().size + pending_.size() + size > options_.segment_max_bytes) {
    if (Status rotated = rotate(); !rotated) return rotated.error();
  }
  const Sequence sequence = next_sequence_;
  encode_frame(active_seed_, sequence, receive_time, source_id, payload, pending_);
  if (pending_records_ == 0) pending_since_ = clock_.now();
  ++pending_records_;
  ++active_records_;
  ++next_sequence_;
  ++stats_.records;
  stats_.bytes += size;
  if (pending_records_ >= options_.batch_max_records ||
      pending_.size() >= options_.batch_max_bytes || commit_due()) {
    if (Status committed = commit(); !committed) return committed.error();
  }
  return sequence;
}

bool JournalWriter::commit_due() const {
  return pending_records_ > 0 && clock_.now() - pending_since_ >= options_.batch_max_latency;
}

Status JournalWriter::commit_if_due() {
  if (!commit_due()) return Ok{};
  return commit();
}

Status JournalWriter::commit() {
  if (failure_) return Error{"journal_failed", failure_->detail};
  if (pending_records_ == 0) return Ok{};
  Segment& active = segments_.back();
  const std::string path = path_of(active.name);
  if (Status written = write_all(active_file_, pending_, path); !written) {
    // Best effort: cut the partial batch so that the file ends on a record boundary.
    const Status cut = truncate_file(active_file_, active.size, path);
    static_cast<void>(cut);
    return fail(written.error());
  }
  if (options_.sync) {
    if (Status synced = sync_file(active_file_, path); !synced) return fail(synced.error());
    ++stats_.fsyncs;
  }
  active.size += pending_.size();
  ++stats_.batches;
  pending_.clear();
  pending_records_ = 0;
  const Sequence durable = next_sequence_ - 1;
  {
    const std::lock_guard<std::mutex> lock(durable_mutex_);
    durable_.store(durable, std::memory_order_release);
  }
  durable_changed_.notify_all();
  if (durable_callback_) durable_callback_(durable);
  return Ok{};
}

bool JournalWriter::wait_durable(Sequence sequence, std::chrono::nanoseconds timeout) const {
  std::unique_lock<std::mutex> lock(durable_mutex_);
  durable_changed_.wait_for(lock, timeout, [&] {
    return durable_.load(std::memory_order_acquire) >= sequence ||
           failed_.load(std::memory_order_acquire);
  });
  return durable_.load(std::memory_order_acquire) >= sequence;
}

void JournalWriter::set_durable_callback(std::function<void(Sequence)> callback) {
  durable_callback_ = std::move(callback);
}

Sequence JournalWriter::first_sequence() const {
  return segments_.empty() ? next_sequence_ : segments_.front().first_sequence;
}

std::uint64_t JournalWriter::total_bytes() const {
  std::uint64_t total = 0;
  for (const Segment& segment : segments_) total += segment.size;
  return total;
}

Status JournalWriter::delete_oldest_segment(const char* reason) {
  const Segment oldest = segments_.front();
  const Status removed = remove_file(path_of(oldest.name));
  if (!removed && std::filesystem::exists(path_of(oldest.name))) {
    JournalEvent event;
    event.kind = JournalEventKind::kIoError;
    event.segment = oldest.name;
    event.reason = removed.error().detail;
    report(std::move(event));
    return removed;
  }
  segments_.erase(segments_.begin());
  JournalEvent event;
  event.kind = JournalEventKind::kSegmentDeleted;
  event.segment = oldest.name;
  event.bytes = oldest.size;
  event.first_sequence = oldest.first_sequence;
  event.last_sequence = segments_.front().first_sequence - 1;
  event.reason = reason;
  report(std::move(event));
  return Ok{};
}

Status JournalWriter::enforce_retention() {
  bool deleted = false;
  while (options_.retain_max_bytes > 0 && segments_.size() > 1 &&
         total_bytes() > options_.retain_max_bytes) {
    if (Status removed = delete_oldest_segment("size"); !removed) return removed;
    deleted = true;
  }
  const TimeNs now = clock_.now();
  while (options_.retain_max_age > 0 && segments_.size() > 1 &&
         segments_[1].created_time <= now - options_.retain_max_age) {
    if (Status removed = delete_oldest_segment("age"); !removed) return removed;
    deleted = true;
  }
  if (deleted && options_.sync) return sync_directory(options_.directory);
  return Ok{};
}

}  // namespace sw::store
