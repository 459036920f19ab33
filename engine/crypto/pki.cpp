#include "engine/crypto/pki.hpp"

#include <algorithm>
#include <array>

#include <openssl/rand.h>

#include "engine/crypto/detail/openssl.hpp"

namespace awardflow::crypto {
namespace {

using detail::failWithOpenssl;

core::Result<detail::X509Name> parseName(const std::string& text) {
  detail::X509Name name(X509_NAME_new());
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      parts.back() += text[++i];
    } else if (text[i] == ',') {
      parts.emplace_back();
    } else {
      parts.back() += text[i];
    }
  }
  // The text lists the most specific attribute first (RFC 4514); the ASN.1 sequence is written
  // from the root down (C, O, …, CN), so the parts are added in reverse.
  std::reverse(parts.begin(), parts.end());
  for (std::string part : parts) {
    const auto trim = [](const std::string& s) {
      const auto b = s.find_first_not_of(' ');
      const auto e = s.find_last_not_of(' ');
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    };
    part = trim(part);
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
      return core::fail(core::Errc::InvalidArgument,
                        "malformed subject part '" + part + "'; expected KEY=VALUE");
    }
    const std::string key = trim(part.substr(0, eq));
    const std::string value = trim(part.substr(eq + 1));
    if (X509_NAME_add_entry_by_txt(name.get(), key.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0) != 1) {
      detail::opensslErrors();
      return core::fail(core::Errc::InvalidArgument, "unknown subject attribute '" + key + "'");
    }
  }
  return name;
}

bool addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (ext == nullptr) return false;
  const int rc = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return rc == 1;
}

core::Result<detail::Asn1Integer> randomSerial() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return failWithOpenssl(core::Errc::Internal, "no randomness for a serial number");
  }
  bytes[0] &= 0x7f;  // positive
  bytes[0] |= 0x40;  // full length, never a leading zero byte
  detail::Bignum bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  return detail::Asn1Integer(BN_to_ASN1_INTEGER(bn.get(), nullptr));
}

}  // namespace

core::Result<Certificate> issueCertificate(const CertificateRequest& request,
                                           const PublicKey& subject_key,
                                           const PrivateKey& issuer_key,
                                           const Certificate* issuer_certificate) {
  auto subject = parseName(request.subject);
  if (!subject) return core::Unexpected{subject.error()};
  auto serial = randomSerial();
  if (!serial) return core::Unexpected{serial.error()};
  if (request.days <= 0)
    return core::fail(core::Errc::InvalidArgument, "validity must be at least one day");

  detail::X509Handle cert(X509_new());
  std::time_t start = request.not_before != 0 ? request.not_before : std::time(nullptr);
  bool ok = X509_set_version(cert.get(), 2) == 1 &&
            X509_set_serialNumber(cert.get(), serial->get()) == 1 &&
            X509_set_subject_name(cert.get(), subject->get()) == 1 &&
            X509_set_issuer_name(cert.get(), issuer_certificate != nullptr
                                                 ? X509_get_subject_name(issuer_certificate->raw())
                                                 : subject->get()) == 1 &&
            X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, &start) != nullptr &&
            X509_time_adj_ex(X509_getm_notAfter(cert.get()), request.days, 0, &start) != nullptr &&
            X509_set_pubkey(cert.get(), subject_key.raw()) == 1;
  if (!ok) return failWithOpenssl(core::Errc::Internal, "cannot fill the certificate");

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer_certificate != nullptr ? issuer_certificate->raw() : cert.get(),
                 cert.get(), nullptr, nullptr, 0);
  const bool ca = request.profile == CertificateProfile::Ca;
  ok = addExtension(cert.get(), &ctx, NID_basic_constraints,
                    ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
       addExtension(
           cert.get(), &ctx, NID_key_usage,
           ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation") &&
       addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash") &&
       addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  if (!ok) return failWithOpenssl(core::Errc::Internal, "cannot add certificate extensions");
  if (X509_sign(cert.get(), issuer_key.raw(), EVP_sha256()) <= 0) {
    return failWithOpenssl(core::Errc::Internal, "cannot sign the certificate");
  }
  return Certificate(std::shared_ptr<x509_st>(cert.release(), &X509_free));
}

core::Result<Crl> makeCrl(const Certificate& ca, const PrivateKey& ca_key,
                          const std::vector<Certificate>& revoked, std::time_t this_update,
                          int days) {
  detail::X509CrlHandle crl(X509_CRL_new());
  const std::time_t now = this_update != 0 ? this_update : std::time(nullptr);
  detail::Asn1Time last(ASN1_TIME_adj(nullptr, now, 0, 0));
  detail::Asn1Time next(ASN1_TIME_adj(nullptr, now, days, 0));
  bool ok = X509_CRL_set_version(crl.get(), 1) == 1 &&
            X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.raw())) == 1 &&
            X509_CRL_set1_lastUpdate(crl.get(), last.get()) == 1 &&
            X509_CRL_set1_nextUpdate(crl.get(), next.get()) == 1;
  for (const Certificate& c : revoked) {
    X509_REVOKED* entry = X509_REVOKED_new();
    detail::Asn1Integer serial(ASN1_INTEGER_dup(X509_get0_serialNumber(c.raw())));
    ok = ok && entry != nullptr && serial &&
         X509_REVOKED_set_serialNumber(entry, serial.get()) == 1 &&
         X509_REVOKED_set_revocationDate(entry, last.get()) == 1 &&
         X509_CRL_add0_revoked(crl.get(), entry) == 1;
    if (!ok) {
      X509_REVOKED_free(entry);
      break;
    }
  }
  ok = ok && X509_CRL_sort(crl.get()) == 1 &&
       X509_CRL_sign(crl.get(), ca_key.raw(), EVP_sha256()) > 0;
  if (!ok) return failWithOpenssl(core::Errc::Internal, "cannot build the CRL");
  return Crl(std::shared_ptr<X509_crl_st>(crl.release(), &X509_CRL_free));
}

}  // namespace awardflow::crypto
