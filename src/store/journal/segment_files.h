#pragma once
/// Segment files: naming, listing and the POSIX file operations the journal needs
/// (whole writes, fdatasync, truncation, directory sync). Errors carry the code
/// "io_error" and the failing call, path and errno text as detail.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/journal/journal_format.h"

namespace sw::store {

/// A segment file found in a journal directory.
struct SegmentFile {
  std::string name;  ///< journal-<20 digits>.swj
  Sequence first_sequence = 0;
  std::uint64_t size = 0;
};

/// `journal-00000000000000000001.swj` for first sequence 1.
std::string segment_file_name(Sequence first_sequence);

/// The first sequence encoded in a segment file name, or nullopt for any other name.
std::optional<Sequence> parse_segment_file_name(std::string_view name);

/// Segment files of `directory`, by first sequence. Other files are ignored.
Result<std::vector<SegmentFile>> list_segments(const std::string& directory);

/// `directory` + "/" + `name`.
std::string join_path(const std::string& directory, std::string_view name);

/// An owned file descriptor, closed on destruction.
class FileHandle {
 public:
  FileHandle() = default;
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle();
  FileHandle(FileHandle&& other) noexcept;
  FileHandle& operator=(FileHandle&& other) noexcept;
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  int fd() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void close();

 private:
  int fd_ = -1;
};

/// Opens for reading.
Result<FileHandle> open_for_read(const std::string& path);
/// Opens an existing file for appending writes.
Result<FileHandle> open_for_append(const std::string& path);
/// Creates a new file (fails if it exists).
Result<FileHandle> create_exclusive(const std::string& path);

/// Reads a whole file; "file_too_large" when it exceeds `max_size` bytes.
Result<std::string> read_whole_file(const std::string& path, std::uint64_t max_size);
/// Reads at most `size` bytes from the start of a file.
Result<std::string> read_file_prefix(const std::string& path, std::size_t size);

/// Writes every byte, retrying short writes and EINTR.
Status write_all(const FileHandle& file, std::string_view bytes, const std::string& path);
/// fdatasync, or fsync when `metadata` is set.
Status sync_file(const FileHandle& file, const std::string& path, bool metadata = false);
Status truncate_file(const FileHandle& file, std::uint64_t size, const std::string& path);
/// Makes renames, creations and deletions in `directory` durable.
Status sync_directory(const std::string& directory);
Status rename_file(const std::string& from, const std::string& to);
Status remove_file(const std::string& path);
Status make_directories(const std::string& directory);

}  // namespace sw::store
