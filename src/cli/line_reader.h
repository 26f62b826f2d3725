#pragma once
/// LineReader: reads a file or stdin in large blocks and yields lines without
/// copying (a line is valid until the next call). Lines longer than the block are
/// returned in pieces of at most the block size, never dropped silently.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ais/text_buffer.h"

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

/// Buffered standard output for commands that print one record per line.
class StdoutBuffer {
 public:
  StdoutBuffer() { text_.tail(kFlushBytes + 4096); }
  ~StdoutBuffer() { flush(); }
  StdoutBuffer(const StdoutBuffer&) = delete;
  StdoutBuffer& operator=(const StdoutBuffer&) = delete;

  /// The buffer to append to; call maybe_flush() after each record.
  ais::TextBuffer& text() { return text_; }
  void maybe_flush() {
    if (text_.size() >= kFlushBytes) flush();
  }
  void flush() {
    std::fwrite(text_.data(), 1, text_.size(), stdout);
    std::fflush(stdout);
    text_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = 1 << 20;
  ais::TextBuffer text_;
};

/// Calls on_line(input_name, line_number, line) for every line of every input ("-" or
/// no inputs: standard input). Returns 1 if an input could not be opened or read (it is
/// reported on stderr and the others are still read), else 0.
template <typename OnLine>
int for_each_input_line(const std::vector<std::string>& inputs, OnLine&& on_line) {
  std::vector<std::string> names = inputs;
  if (names.empty()) names.emplace_back("-");
  int status = 0;
  for (const auto& input : names) {
    std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (file == nullptr) {
      std::fprintf(stderr, "straitwatch: cannot open %s\n", input.c_str());
      status = 1;
      continue;
    }
    const std::string_view name = input == "-" ? std::string_view("stdin") : input;
    LineReader reader(file);
    std::uint64_t line_number = 0;
    while (auto line = reader.next()) on_line(name, ++line_number, *line);
    if (reader.error()) {
      std::fprintf(stderr, "straitwatch: read error on %s\n", input.c_str());
      status = 1;
    }
  }
  return status;
}

}  // namespace sw::cli
