#include "cli/line_reader.h"

#include <cstring>

namespace sw::cli {

LineReader::LineReader(std::FILE* file, std::size_t block_size)
    : file_(file), buffer_(block_size) {}

LineReader::~LineReader() {
  if (file_ != nullptr && file_ != stdin) std::fclose(file_);
}

bool LineReader::refill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return true;  // full block without newline: caller splits
  const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  if (got == 0) {
    eof_ = true;
    error_ = std::ferror(file_) != 0;
    return false;
  }
  end_ += got;
  return true;
}

std::optional<std::string_view> LineReader::next() {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    if (newline != nullptr) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      begin_ += length + 1;
      return std::string_view(start, length);
    }
    if (end_ - begin_ == buffer_.size()) {  // overlong line: hand it out in pieces
      begin_ = end_;
      return std::string_view(start, buffer_.size());
    }
    if (!refill()) {
      if (begin_ == end_) return std::nullopt;
      const std::string_view last(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      return last;
    }
  }
}

}  // namespace sw::cli
