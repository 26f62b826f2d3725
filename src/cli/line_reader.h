#pragma once
/// LineReader: reads a file or stdin in large blocks and yields lines without
/// copying (a line is valid until the next call). Lines longer than the block are
/// returned in pieces of at most the block size, never dropped silently.

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sw::cli {

class LineReader {
 public:
  /// Takes ownership of `file` unless it is stdin.
  explicit LineReader(std::FILE* file, std::size_t block_size = 1 << 20);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Next line without its '\n', or nullopt at end of input.
  std::optional<std::string_view> next();
  bool error() const { return error_; }

 private:
  bool refill();

  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool error_ = false;
};

}  // namespace sw::cli
