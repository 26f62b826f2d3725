#pragma once
/// Result<T>: a value or an Error, for everything that can fail on outside input,
/// I/O or the network (std::expected is C++23; this is the subset we need).

#include <string>
#include <utility>
#include <variant>

namespace sw {

/// A failure with a stable machine-readable code and a human-readable detail.
struct Error {
  std::string code;    ///< short stable reason, e.g. "bad_checksum"
  std::string detail;  ///< free text for logs and operators
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Result of an operation that yields nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace sw
