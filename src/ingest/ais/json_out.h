#pragma once
/// Appends gpsd-style JSON and CSV fields to an output buffer. The formats are those
/// of gpsd's `gpsdecode` (BSD-2-Clause project; the output layout is the de-facto AIS
/// JSON): fields in a fixed order, printf-style number formats, `\uXXXX` escapes.

#include <cstdint>
#include <string>
#include <string_view>

namespace sw::ais {

/// Append decimal integers and printf-compatible fixed-point numbers without locale
/// or allocation.
void append_uint(std::string& out, std::uint64_t value);
void append_int(std::string& out, std::int64_t value);
/// printf("%.*f", decimals, value), byte-identical to glibc for finite values.
void append_fixed(std::string& out, double value, int decimals);
/// printf("%0*u", width, value).
void append_uint_padded(std::string& out, std::uint64_t value, int width);
/// printf("%x", value).
void append_hex(std::string& out, std::uint64_t value);
/// Escape as gpsd's json_stringify does: '"' and '\\' backslashed, control and
/// non-ASCII bytes as \b \f \n \r \t or \u00XX.
void append_json_escaped(std::string& out, std::string_view text);

/// Writes the members of one JSON object, gpsd style: `,"name":value`.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  void u(std::string_view name, std::uint64_t value) { key(name), append_uint(out_, value); }
  void i(std::string_view name, std::int64_t value) { key(name), append_int(out_, value); }
  void b(std::string_view name, bool value) { key(name), out_.append(value ? "true" : "false"); }
  void fixed(std::string_view name, double value, int decimals) {
    key(name);
    append_fixed(out_, value, decimals);
  }
  /// A JSON string, escaped.
  void str(std::string_view name, std::string_view value) {
    key(name);
    out_.push_back('"');
    append_json_escaped(out_, value);
    out_.push_back('"');
  }
  /// Pre-formatted JSON (a number, a quoted legend, an array).
  void raw(std::string_view name, std::string_view json) {
    key(name);
    out_.append(json);
  }
  /// Start a member and return the buffer for custom formatting of its value.
  std::string& value_of(std::string_view name) {
    key(name);
    return out_;
  }
  std::string& buffer() { return out_; }

 private:
  void key(std::string_view name) {
    out_.append(",\"");
    out_.append(name);
    out_.append("\":");
  }
  std::string& out_;
};

/// Writes pipe-separated CSV fields, gpsdecode -c style.
class CsvOut {
 public:
  explicit CsvOut(std::string& out) : out_(out) {}
  CsvOut& u(std::uint64_t value) { return sep(), append_uint(out_, value), *this; }
  CsvOut& i(std::int64_t value) { return sep(), append_int(out_, value), *this; }
  CsvOut& hex(std::uint64_t value) {
    return sep(), out_.append("0x"), append_hex(out_, value), *this;
  }
  CsvOut& str(std::string_view text) { return sep(), out_.append(text), *this; }
  CsvOut& padded(std::uint64_t value, int width) {
    return sep(), append_uint_padded(out_, value, width), *this;
  }
  std::string& buffer() { return sep(), out_; }
  /// The first field of a line takes no separator.
  void first() { started_ = false; }

 private:
  void sep() {
    if (started_) out_.push_back('|');
    started_ = true;
  }
  std::string& out_;
  bool started_ = true;
};

}  // namespace sw::ais
