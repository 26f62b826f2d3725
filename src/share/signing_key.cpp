#include "share/signing_key.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sw::share {

struct SigningKey::Impl {
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

struct VerifyKey::Impl {
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

namespace {

Result<EVP_PKEY*> read_pem(const std::filesystem::path& path, bool private_key) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    return Error{"io", "cannot read key " + path.string() + ": " + std::strerror(errno)};
  }
  EVP_PKEY* key = private_key ? PEM_read_PrivateKey(file, nullptr, nullptr, nullptr)
                              : PEM_read_PUBKEY(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  if (key == nullptr || EVP_PKEY_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return Error{"bad_key", path.string() + " is not an Ed25519 " +
                                (private_key ? "private" : "public") + " key (PEM)"};
  }
  return key;
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    out += kDigits[value >> 4U];
    out += kDigits[value & 0x0FU];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return std::nullopt;
  }
  const auto nibble = [](char digit) { return digit <= '9' ? digit - '0' : digit - 'a' + 10; };
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t index = 0; index < hex.size(); index += 2) {
    bytes += static_cast<char>((nibble(hex[index]) << 4) | nibble(hex[index + 1]));
  }
  return bytes;
}

Result<SigningKey> SigningKey::load_or_create(const std::filesystem::path& private_path,
                                              const std::filesystem::path& public_path) {
  auto impl = std::make_shared<Impl>();
  std::error_code error;
  if (std::filesystem::exists(private_path, error)) {
    auto key = read_pem(private_path, true);
    if (!key) return key.error();
    impl->key = *key;
    return SigningKey(std::move(impl));
  }
  impl->key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (impl->key == nullptr) return Error{"crypto", "Ed25519 key generation failed (OpenSSL)"};
  const mode_t old_mask = ::umask(077);  // the private key readable by its owner only
  std::FILE* file = std::fopen(private_path.c_str(), "w");
  ::umask(old_mask);
  if (file == nullptr) {
    return Error{"io", "cannot create key " + private_path.string() + ": " + std::strerror(errno)};
  }
  const bool written =
      PEM_write_PrivateKey(file, impl->key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(file);
  std::FILE* public_file = std::fopen(public_path.c_str(), "w");
  const bool public_written =
      public_file != nullptr && PEM_write_PUBKEY(public_file, impl->key) == 1;
  if (public_file != nullptr) std::fclose(public_file);
  if (!written || !public_written) {
    return Error{"io", "cannot write the key pair " + private_path.string()};
  }
  return SigningKey(std::move(impl));
}

std::string SigningKey::sign(std::string_view message) const {
  std::array<unsigned char, 64> signature{};
  std::size_t size = signature.size();
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestSignInit(context, nullptr, nullptr, nullptr, impl_->key) == 1 &&
      EVP_DigestSign(context, signature.data(), &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(context);
  return ok ? std::string(reinterpret_cast<const char*>(signature.data()), size) : std::string();
}

Result<VerifyKey> VerifyKey::load(const std::filesystem::path& public_path) {
  auto key = read_pem(public_path, false);
  if (!key) return key.error();
  auto impl = std::make_shared<Impl>();
  impl->key = *key;
  return VerifyKey(std::move(impl));
}

bool VerifyKey::verify(std::string_view message, std::string_view signature) const {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(context, nullptr, nullptr, nullptr, impl_->key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  EVP_MD_CTX_free(context);
  return ok;
}

}  // namespace sw::share
