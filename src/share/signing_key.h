#pragma once
/// Ed25519 keys of a node (OpenSSL): the private key signs the audit log's seals and the
/// items it sends to partner nodes; partners check them with its public key (PEM files).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sw::share {

/// Lowercase hex of bytes.
std::string to_hex(std::string_view bytes);
/// The bytes of lowercase hex (what to_hex writes); nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex);

class SigningKey {
 public:
  /// Loads the private key at `private_path`, or creates it (readable by its owner only)
  /// with its public half at `public_path` when it does not exist.
  static Result<SigningKey> load_or_create(const std::filesystem::path& private_path,
                                           const std::filesystem::path& public_path);
  /// The 64-byte signature of `message` (raw bytes).
  std::string sign(std::string_view message) const;

  struct Impl;

 private:
  explicit SigningKey(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

class VerifyKey {
 public:
  /// Loads an Ed25519 public key (PEM).
  static Result<VerifyKey> load(const std::filesystem::path& public_path);
  bool verify(std::string_view message, std::string_view signature) const;

  struct Impl;

 private:
  explicit VerifyKey(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace sw::share
