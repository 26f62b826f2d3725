#include "store/journal/segment_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace sw::store {
namespace {

constexpr std::string_view kNamePrefix = "journal-";
constexpr std::string_view kNameSuffix = ".swj";
constexpr std::size_t kSequenceDigits = 20;

Error io_error(const char* call, const std::string& path, int error_number) {
  return Error{"io_error", std::string(call) + " " + path + ": " + std::strerror(error_number)};
}

}  // namespace

std::string segment_file_name(Sequence first_sequence) {
  char digits[kSequenceDigits + 1];
  std::snprintf(digits, sizeof(digits), "%020llu", static_cast<unsigned long long>(first_sequence));
  std::string name(kNamePrefix);
  name.append(digits);
  name.append(kNameSuffix);
  return name;
}

std::optional<Sequence> parse_segment_file_name(std::string_view name) {
  if (name.size() != kNamePrefix.size() + kSequenceDigits + kNameSuffix.size()) return std::nullopt;
  if (name.substr(0, kNamePrefix.size()) != kNamePrefix) return std::nullopt;
  if (name.substr(name.size() - kNameSuffix.size()) != kNameSuffix) return std::nullopt;
  const std::string_view digits = name.substr(kNamePrefix.size(), kSequenceDigits);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  Sequence sequence = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), sequence);
  if (parsed.ec != std::errc()) return std::nullopt;
  return sequence;
}

std::string join_path(const std::string& directory, std::string_view name) {
  std::string path = directory;
  if (!path.empty() && path.back() != '/') path.push_back('/');
  path.append(name);
  return path;
}

Result<std::vector<SegmentFile>> list_segments(const std::string& directory) {
  std::error_code error;
  std::filesystem::directory_iterator entries(directory, error);
  if (error) {
    return Error{"io_error", "list " + directory + ": " + error.message()};
  }
  std::vector<SegmentFile> segments;
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    const auto first_sequence = parse_segment_file_name(name);
    if (!first_sequence) continue;
    std::error_code size_error;
    if (!entry.is_regular_file(size_error)) continue;
    const auto size = entry.file_size(size_error);
    if (size_error) continue;  // vanished while listing (retention on another handle)
    segments.push_back(SegmentFile{name, *first_sequence, static_cast<std::uint64_t>(size)});
  }
  std::sort(segments.begin(), segments.end(),
            [](const SegmentFile& left, const SegmentFile& right) {
              return left.first_sequence < right.first_sequence;
            });
  return segments;
}

FileHandle::~FileHandle() { close(); }

FileHandle::FileHandle(FileHandle&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void FileHandle::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Result<FileHandle> open_for_read(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path, errno);
  return FileHandle(fd);
}

Result<FileHandle> open_for_append(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return io_error("open", path, errno);
  return FileHandle(fd);
}

Result<FileHandle> create_exclusive(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("create", path, errno);
  return FileHandle(fd);
}

Result<std::string> read_whole_file(const std::string& path, std::uint64_t max_size) {
  auto file = open_for_read(path);
  if (!file) return file.error();
  struct stat status {};
  if (::fstat(file->fd(), &status) != 0) return io_error("fstat", path, errno);
  if (static_cast<std::uint64_t>(status.st_size) > max_size) {
    return Error{"file_too_large", path + " is larger than the read limit"};
  }
  std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t count = ::read(file->fd(), bytes.data() + filled, bytes.size() - filled);
    if (count < 0) {
      if (errno == EINTR) continue;
      return io_error("read", path, errno);
    }
    if (count == 0) break;  // shrank while reading
    filled += static_cast<std::size_t>(count);
  }
  bytes.resize(filled);
  return bytes;
}

Result<std::string> read_file_prefix(const std::string& path, std::size_t size) {
  auto file = open_for_read(path);
  if (!file) return file.error();
  std::string bytes(size, '\0');
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t count = ::read(file->fd(), bytes.data() + filled, size - filled);
    if (count < 0) {
      if (errno == EINTR) continue;
      return io_error("read", path, errno);
    }
    if (count == 0) break;
    filled += static_cast<std::size_t>(count);
  }
  bytes.resize(filled);
  return bytes;
}

Status write_all(const FileHandle& file, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t count = ::write(file.fd(), bytes.data(), bytes.size());
    if (count < 0) {
      if (errno == EINTR) continue;
      return io_error("write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(count));
  }
  return Ok{};
}

Status sync_file(const FileHandle& file, const std::string& path, bool metadata) {
  const int result = metadata ? ::fsync(file.fd()) : ::fdatasync(file.fd());
  if (result != 0) return io_error(metadata ? "fsync" : "fdatasync", path, errno);
  return Ok{};
}

Status truncate_file(const FileHandle& file, std::uint64_t size, const std::string& path) {
  if (::ftruncate(file.fd(), static_cast<off_t>(size)) != 0) {
    return io_error("ftruncate", path, errno);
  }
  return Ok{};
}

Status sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open", directory, errno);
  const FileHandle handle(fd);
  if (::fsync(handle.fd()) != 0) return io_error("fsync", directory, errno);
  return Ok{};
}

Status rename_file(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error("rename", from, errno);
  return Ok{};
}

Status remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return io_error("unlink", path, errno);
  return Ok{};
}

Status make_directories(const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return Error{"io_error", "mkdir " + directory + ": " + error.message()};
  return Ok{};
}

}  // namespace sw::store
