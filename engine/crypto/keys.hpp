#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"

// OpenSSL's own struct names; only engine/crypto includes <openssl/…>.
struct evp_pkey_st;
struct x509_st;
struct X509_crl_st;

namespace awardflow::crypto {

// Key algorithms awardflow makes and accepts for signing.
enum class KeyType { Rsa, Ec };

// A public key. Copies share one OpenSSL key; immutable and safe to share between threads.
class PublicKey {
 public:
  // Reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo). Fails with Errc::Invalid.
  static core::Result<PublicKey> loadPem(std::string_view pem);

  KeyType type() const;
  // Modulus bits for RSA, field bits for EC.
  int bits() const;
  // For EC keys, the curve's name ("prime256v1"); "" otherwise.
  std::string curve() const;
  std::string toPem() const;
  bool operator==(const PublicKey& other) const;

  evp_pkey_st* raw() const { return key_.get(); }  // for engine/crypto
  explicit PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

// A private key. Never printed or logged; serialized only encrypted.
class PrivateKey {
 public:
  // Generates RSA (`bits` ≥ 2048) or EC P-256 (`bits` ignored). Fails with Errc::InvalidArgument
  // for RSA under 2048 bits.
  static core::Result<PrivateKey> generate(KeyType type, int bits = 2048);
  // Reads a PEM private key: encrypted PKCS#8 with `passphrase`, or unencrypted PKCS#8 / legacy
  // formats when `passphrase` is empty. Fails with Errc::Invalid, naming a wrong passphrase.
  static core::Result<PrivateKey> loadPem(std::string_view pem, const std::string& passphrase);

  // Encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2 via PBES2). REQUIRES: passphrase not empty.
  core::Result<std::string> toEncryptedPem(const std::string& passphrase) const;

  PublicKey publicKey() const;
  KeyType type() const { return publicKey().type(); }
  int bits() const { return publicKey().bits(); }

  evp_pkey_st* raw() const { return key_.get(); }  // for engine/crypto
  explicit PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

// An X.509 certificate. Copies share one OpenSSL object; immutable.
class Certificate {
 public:
  // Reads one PEM certificate, or the first of a bundle.
  static core::Result<Certificate> loadPem(std::string_view pem);
  // Reads every certificate of a PEM bundle (at least one).
  static core::Result<std::vector<Certificate>> loadPemBundle(std::string_view pem);
  static core::Result<Certificate> loadDer(std::string_view der);

  // Distinguished names in RFC 2253 form ("CN=Nguyễn Văn An,O=UBND xã Sơn Tiến,C=VN").
  std::string subject() const;
  std::string issuer() const;
  // Serial number in upper-case hex.
  std::string serialHex() const;
  std::time_t notBefore() const;
  std::time_t notAfter() const;
  bool isCa() const;
  // False when a keyUsage extension is present without digitalSignature or nonRepudiation.
  bool allowsDocumentSigning() const;
  PublicKey publicKey() const;
  std::string toPem() const;
  std::string toDer() const;
  bool operator==(const Certificate& other) const;

  x509_st* raw() const { return cert_.get(); }  // for engine/crypto
  explicit Certificate(std::shared_ptr<x509_st> cert) : cert_(std::move(cert)) {}

 private:
  std::shared_ptr<x509_st> cert_;
};

// A certificate revocation list.
class Crl {
 public:
  static core::Result<std::vector<Crl>> loadPemBundle(std::string_view pem);
  std::string issuer() const;
  std::string toPem() const;

  X509_crl_st* raw() const { return crl_.get(); }  // for engine/crypto
  explicit Crl(std::shared_ptr<X509_crl_st> crl) : crl_(std::move(crl)) {}

 private:
  std::shared_ptr<X509_crl_st> crl_;
};

// What a PKCS#12 file holds.
struct Pkcs12Contents {
  PrivateKey key;
  Certificate certificate;
  std::vector<Certificate> chain;
};

// Reads PKCS#12 bytes with `passphrase`. Fails with Errc::Invalid (wrong passphrase, no key).
core::Result<Pkcs12Contents> loadPkcs12(std::string_view der, const std::string& passphrase);
// Writes PKCS#12 (AES-256, PBKDF2) protecting key and certificates with `passphrase`.
core::Result<std::string> makePkcs12(const Pkcs12Contents& contents,
                                     const std::string& friendly_name,
                                     const std::string& passphrase);

// True when `bytes` look like DER PKCS#12 rather than PEM text.
bool looksLikePkcs12(std::string_view bytes);

}  // namespace awardflow::crypto
