#include "engine/crypto/keys.hpp"

#include <array>
#include <cstring>

#include <openssl/pem.h>

#include "engine/crypto/detail/openssl.hpp"

namespace awardflow::crypto {
namespace {

using detail::Bio;
using detail::failWithOpenssl;

std::shared_ptr<evp_pkey_st> sharePkey(EVP_PKEY* key) { return {key, &EVP_PKEY_free}; }
std::shared_ptr<x509_st> shareX509(X509* cert) { return {cert, &X509_free}; }

// A certificate read from outside: its public key must be usable, so that publicKey() never
// hands out an empty key.
core::Result<Certificate> checked(X509* cert, const char* what) {
  if (cert == nullptr) return failWithOpenssl(core::Errc::Invalid, what);
  if (X509_get0_pubkey(cert) == nullptr) {
    X509_free(cert);
    detail::opensslErrors();
    return core::fail(core::Errc::Invalid, "the certificate's public key cannot be read");
  }
  return Certificate(shareX509(cert));
}

// PEM passphrase callback; `user` is the passphrase std::string. Never logs it.
int passphraseCallback(char* buffer, int size, int /*rwflag*/, void* user) {
  const auto* passphrase = static_cast<const std::string*>(user);
  if (passphrase == nullptr || size <= 0) return 0;
  const auto length = std::min(passphrase->size(), static_cast<std::size_t>(size));
  // OpenSSL takes the length returned, not a terminator.
  std::memcpy(buffer, passphrase->data(), length);  // NOLINT(bugprone-not-null-terminated-result)
  return static_cast<int>(length);
}

std::string nameText(const X509_NAME* name) {
  Bio bio(BIO_new(BIO_s_mem()));
  // RFC 2253 with UTF-8 kept as UTF-8 (not escaped), so Vietnamese names read as written.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return detail::bioContents(bio.get());
}

std::time_t asnTime(const ASN1_TIME* time) {
  struct tm parts {};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return 0;
  return timegm(&parts);
}

}  // namespace

// ---- PublicKey

core::Result<PublicKey> PublicKey::loadPem(std::string_view pem) {
  Bio bio = detail::readBio(pem);
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return failWithOpenssl(core::Errc::Invalid, "not a PEM public key");
  return PublicKey(sharePkey(key));
}

KeyType PublicKey::type() const {
  return EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_EC ? KeyType::Ec : KeyType::Rsa;
}

int PublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

std::string PublicKey::curve() const {
  if (type() != KeyType::Ec) return {};
  std::array<char, 64> name{};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key_.get(), "group", name.data(), name.size(), &length) != 1)
    return {};
  return std::string(name.data(), length);
}

std::string PublicKey::toPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key_.get());
  return detail::bioContents(bio.get());
}

bool PublicKey::operator==(const PublicKey& other) const {
  return EVP_PKEY_eq(key_.get(), other.key_.get()) == 1;
}

// ---- PrivateKey

core::Result<PrivateKey> PrivateKey::generate(KeyType type, int bits) {
  EVP_PKEY* key = nullptr;
  if (type == KeyType::Rsa) {
    if (bits < 2048)
      return core::fail(core::Errc::InvalidArgument, "RSA keys must have at least 2048 bits");
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  } else {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  }
  if (key == nullptr) return failWithOpenssl(core::Errc::Internal, "key generation failed");
  return PrivateKey(sharePkey(key));
}

core::Result<PrivateKey> PrivateKey::loadPem(std::string_view pem, const std::string& passphrase) {
  Bio bio = detail::readBio(pem);
  std::string pass = passphrase;  // OpenSSL's callback takes a mutable pointer
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, &passphraseCallback, &pass);
  OPENSSL_cleanse(pass.data(), pass.size());
  if (key == nullptr) {
    const std::string reasons = detail::opensslErrors();
    const bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
    return core::fail(core::Errc::Invalid,
                      encrypted ? "cannot decrypt the private key: wrong passphrase or damaged file"
                                : "not a PEM private key (" + reasons + ")");
  }
  return PrivateKey(sharePkey(key));
}

core::Result<std::string> PrivateKey::toEncryptedPem(const std::string& passphrase) const {
  if (passphrase.empty())
    return core::fail(core::Errc::InvalidArgument, "a passphrase is required");
  Bio bio(BIO_new(BIO_s_mem()));
  std::string pass = passphrase;
  const int rc = PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), EVP_aes_256_cbc(), nullptr, 0,
                                               &passphraseCallback, &pass);
  OPENSSL_cleanse(pass.data(), pass.size());
  if (rc != 1) return failWithOpenssl(core::Errc::Internal, "cannot write the private key");
  return detail::bioContents(bio.get());
}

PublicKey PrivateKey::publicKey() const { return PublicKey(key_); }

// ---- Certificate

core::Result<Certificate> Certificate::loadPem(std::string_view pem) {
  Bio bio = detail::readBio(pem);
  return checked(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), "not a PEM certificate");
}

core::Result<std::vector<Certificate>> Certificate::loadPemBundle(std::string_view pem) {
  Bio bio = detail::readBio(pem);
  std::vector<Certificate> out;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    auto one = checked(cert, "");
    if (!one) return core::Unexpected{one.error()};
    out.push_back(*one);
  }
  ERR_clear_error();  // the end of the bundle reads as an error
  if (out.empty()) return core::fail(core::Errc::Invalid, "no PEM certificate found");
  return out;
}

core::Result<Certificate> Certificate::loadDer(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) return failWithOpenssl(core::Errc::Invalid, "not a DER certificate");
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    X509_free(cert);
    return core::fail(core::Errc::Invalid, "trailing bytes after the DER certificate");
  }
  return checked(cert, "not a DER certificate");
}

std::string Certificate::subject() const { return nameText(X509_get_subject_name(cert_.get())); }
std::string Certificate::issuer() const { return nameText(X509_get_issuer_name(cert_.get())); }

std::string Certificate::serialHex() const {
  detail::Bignum bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert_.get()), nullptr));
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return out;
}

std::time_t Certificate::notBefore() const { return asnTime(X509_get0_notBefore(cert_.get())); }
std::time_t Certificate::notAfter() const { return asnTime(X509_get0_notAfter(cert_.get())); }

bool Certificate::isCa() const { return X509_check_ca(cert_.get()) != 0; }

bool Certificate::allowsDocumentSigning() const {
  const uint32_t usage = X509_get_key_usage(cert_.get());
  if (usage == UINT32_MAX) return true;  // no keyUsage extension: unrestricted
  return (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

PublicKey Certificate::publicKey() const {
  EVP_PKEY* key = X509_get_pubkey(cert_.get());  // new reference
  return PublicKey(sharePkey(key));
}

std::string Certificate::toPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert_.get());
  return detail::bioContents(bio.get());
}

std::string Certificate::toDer() const {
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert_.get(), &der);
  if (length <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

bool Certificate::operator==(const Certificate& other) const {
  return X509_cmp(cert_.get(), other.cert_.get()) == 0;
}

// ---- Crl

core::Result<std::vector<Crl>> Crl::loadPemBundle(std::string_view pem) {
  Bio bio = detail::readBio(pem);
  std::vector<Crl> out;
  while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(std::shared_ptr<X509_crl_st>(crl, &X509_CRL_free));
  }
  ERR_clear_error();
  if (out.empty()) return core::fail(core::Errc::Invalid, "no PEM CRL found");
  return out;
}

std::string Crl::issuer() const { return nameText(X509_CRL_get_issuer(crl_.get())); }

std::string Crl::toPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl_.get());
  return detail::bioContents(bio.get());
}

// ---- PKCS#12

bool looksLikePkcs12(std::string_view bytes) {
  return !bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x30 &&
         bytes.find("-----BEGIN") == std::string_view::npos;
}

core::Result<Pkcs12Contents> loadPkcs12(std::string_view der, const std::string& passphrase) {
  Bio bio = detail::readBio(der);
  detail::Pkcs12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) return failWithOpenssl(core::Errc::Invalid, "not a PKCS#12 file");
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  if (PKCS12_parse(p12.get(), passphrase.c_str(), &key, &cert, &ca) != 1) {
    detail::opensslErrors();
    return core::fail(core::Errc::Invalid,
                      "cannot open the PKCS#12 file: wrong passphrase or damaged file");
  }
  detail::X509Stack chain(ca);
  if (key == nullptr || cert == nullptr) {
    EVP_PKEY_free(key);
    X509_free(cert);
    return core::fail(core::Errc::Invalid, "the PKCS#12 file holds no private key and certificate");
  }
  Pkcs12Contents out{PrivateKey(sharePkey(key)), Certificate(shareX509(cert)), {}};
  for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i) {
    X509* c = sk_X509_value(chain.get(), i);
    X509_up_ref(c);
    out.chain.emplace_back(shareX509(c));
  }
  return out;
}

core::Result<std::string> makePkcs12(const Pkcs12Contents& contents,
                                     const std::string& friendly_name,
                                     const std::string& passphrase) {
  if (passphrase.empty())
    return core::fail(core::Errc::InvalidArgument, "a passphrase is required");
  detail::X509Stack chain(sk_X509_new_null());
  for (const Certificate& c : contents.chain) {
    X509_up_ref(c.raw());
    sk_X509_push(chain.get(), c.raw());
  }
  // NID_aes_256_cbc for keys and certificates, PBKDF2 (OpenSSL 3 defaults otherwise).
  detail::Pkcs12 p12(PKCS12_create(passphrase.c_str(), friendly_name.c_str(), contents.key.raw(),
                                   contents.certificate.raw(), chain.get(), NID_aes_256_cbc,
                                   NID_aes_256_cbc, 0, 0, 0));
  if (!p12) return failWithOpenssl(core::Errc::Internal, "cannot build the PKCS#12 file");
  Bio bio(BIO_new(BIO_s_mem()));
  if (i2d_PKCS12_bio(bio.get(), p12.get()) != 1)
    return failWithOpenssl(core::Errc::Internal, "cannot write PKCS#12");
  return detail::bioContents(bio.get());
}

}  // namespace awardflow::crypto
