#pragma once
// A throw-away self-signed certificate (P-256, CN=localhost, valid for an hour) written as
// PEM files, for tests of the TLS listeners.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <string>

namespace sw::test_support {

inline bool write_self_signed(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key != nullptr && cert != nullptr;
  if (ok) {
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    ok = X509_sign(cert, key, EVP_sha256()) > 0;
  }
  FILE* cert_file = ok ? std::fopen(cert_path.c_str(), "w") : nullptr;
  FILE* key_file = ok ? std::fopen(key_path.c_str(), "w") : nullptr;
  ok = ok && cert_file != nullptr && key_file != nullptr && PEM_write_X509(cert_file, cert) == 1 &&
       PEM_write_PrivateKey(key_file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (cert_file != nullptr) std::fclose(cert_file);
  if (key_file != nullptr) std::fclose(key_file);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace sw::test_support
