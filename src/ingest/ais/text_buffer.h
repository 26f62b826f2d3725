#pragma once
/// TextBuffer: a growable output buffer whose appends inline to a few moves (the JSON
/// and CSV writers call it tens of times per message; std::string's out-of-line appends
/// cost more than the decoding).

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace sw::ais {

class TextBuffer {
 public:
  TextBuffer() { grow(4096); }
  ~TextBuffer() { std::free(data_); }
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;
  TextBuffer(TextBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }

  void push_back(char c) {
    if (size_ == capacity_) grow(1);
    data_[size_++] = c;
  }
  void append(const char* text, std::size_t count) {
    if (capacity_ - size_ < count) grow(count);
    std::memcpy(data_ + size_, text, count);
    size_ += count;
  }
  void append(std::string_view text) { append(text.data(), text.size()); }
  void append(const char* text) { append(std::string_view(text)); }
  void append(std::size_t count, char c) {
    if (capacity_ - size_ < count) grow(count);
    std::memset(data_ + size_, c, count);
    size_ += count;
  }
  /// Room for `count` more characters at tail(); then advance(written).
  char* tail(std::size_t count) {
    if (capacity_ - size_ < count) grow(count);
    return data_ + size_;
  }
  void advance(std::size_t count) { size_ += count; }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const char* data() const { return data_; }
  char back() const { return data_[size_ - 1]; }
  void clear() { size_ = 0; }
  std::string_view view() const { return {data_, size_}; }
  std::string str() const { return std::string(view()); }

 private:
  void grow(std::size_t extra) {
    std::size_t capacity = capacity_ == 0 ? 256 : capacity_ * 2;
    while (capacity - size_ < extra) capacity *= 2;
    void* grown = std::realloc(data_, capacity);
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<char*>(grown);
    capacity_ = capacity;
  }

  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace sw::ais
