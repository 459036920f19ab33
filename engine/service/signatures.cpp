#include "engine/service/signatures.hpp"

#include <cstdio>

#include "engine/core/date.hpp"
#include "engine/core/file.hpp"

namespace awardflow::service {

core::Result<std::string> readPassphrase(const std::filesystem::path& file) {
  auto bytes = core::readFile(file, 4096);
  if (!bytes) return core::Unexpected{bytes.error()};
  std::string line = bytes->substr(0, bytes->find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

core::Result<SigningMaterial> loadSigningMaterial(
    const std::filesystem::path& key_file, const std::optional<std::filesystem::path>& cert_file,
    const std::optional<std::filesystem::path>& chain_file, const std::string& passphrase) {
  auto key_bytes = core::readFile(key_file, std::size_t{1} << 20);
  if (!key_bytes) return core::Unexpected{key_bytes.error()};
  std::optional<crypto::PrivateKey> key;
  std::optional<crypto::Certificate> certificate;
  std::vector<crypto::Certificate> chain;
  if (crypto::looksLikePkcs12(*key_bytes)) {
    auto p12 = crypto::loadPkcs12(*key_bytes, passphrase);
    if (!p12) return core::Unexpected{p12.error()};
    key = p12->key;
    certificate = p12->certificate;
    chain = p12->chain;
  } else {
    auto pem = crypto::PrivateKey::loadPem(*key_bytes, passphrase);
    if (!pem) return core::Unexpected{pem.error()};
    key = *pem;
  }
  if (cert_file) {
    auto bytes = core::readFile(*cert_file, std::size_t{1} << 20);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto cert = crypto::Certificate::loadPem(*bytes);
    if (!cert) return core::Unexpected{cert.error()};
    certificate = *cert;
  }
  if (!certificate) {
    return core::fail(core::Errc::InvalidArgument,
                      "no certificate: give --cert, or a PKCS#12 file that holds one");
  }
  if (chain_file) {
    auto bytes = core::readFile(*chain_file, std::size_t{1} << 20);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto certs = crypto::Certificate::loadPemBundle(*bytes);
    if (!certs) return core::Unexpected{certs.error()};
    chain.insert(chain.end(), certs->begin(), certs->end());
  }
  return SigningMaterial{*key, *certificate, chain};
}

core::Result<std::string> signFile(const std::filesystem::path& in, const SigningMaterial& material,
                                   std::time_t signing_time) {
  auto bytes = core::readFile(in);
  if (!bytes) return core::Unexpected{bytes.error()};
  crypto::SignOptions options;
  options.signing_time = signing_time;
  options.chain = material.chain;
  return crypto::signEnveloped(*bytes, material.key, material.certificate, options);
}

core::Result<std::string> signBytes(std::string_view bytes, const SigningMaterial& material,
                                    std::time_t signing_time) {
  crypto::SignOptions options;
  options.signing_time = signing_time;
  options.chain = material.chain;
  return crypto::signEnveloped(bytes, material.key, material.certificate, options);
}

FileSignatures SignatureVerifier::verifyBytes(std::string_view bytes,
                                              const std::string& label) const {
  FileSignatures out;
  out.file = label;
  xml::Parsed parsed = xml::parse(bytes);
  out.parse_problems = std::move(parsed.report);
  if (parsed.document) out.report = crypto::verifyEnveloped(*parsed.document, trust_, options_);
  return out;
}

core::Result<SignatureVerifier> SignatureVerifier::open(const std::filesystem::path& trust_dir,
                                                        crypto::VerifyOptions options) {
  auto trust = crypto::TrustStore::loadDirectory(trust_dir);
  if (!trust) return core::Unexpected{trust.error()};
  return SignatureVerifier(std::move(trust).value(), options);
}

FileSignatures SignatureVerifier::verifyFile(const std::filesystem::path& file) const {
  FileSignatures out;
  out.file = file.string();
  auto bytes = core::readFile(file);
  if (!bytes) {
    if (bytes.error().code == core::Errc::TooLarge) {
      out.parse_problems.error("xml.too-large", {}, {"Tệp quá lớn.", bytes.error().message});
    } else {
      out.failure = bytes.error();
    }
    return out;
  }
  xml::Parsed parsed = xml::parse(*bytes);
  out.parse_problems = std::move(parsed.report);
  if (parsed.document) out.report = crypto::verifyEnveloped(*parsed.document, trust_, options_);
  return out;
}

core::Report SignatureVerifier::verifyAsProblems(const xml::Document& document) const {
  core::Report out;
  const crypto::VerificationReport report = crypto::verifyEnveloped(document, trust_, options_);
  if (report.signatures.empty()) {
    out.add(core::Severity::Warning, "signature.none", {},
            {"Hồ sơ chưa được ký số.", "The dossier carries no digital signature."});
  }
  for (const crypto::SignatureReport& s : report.signatures) {
    out.add(s.valid ? core::Severity::Notice : core::Severity::Error, s.code, s.where, s.reason);
  }
  return out;
}

std::optional<std::time_t> parseUtcTime(const std::string& text) {
  const auto date = core::Date::parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  long seconds = 0;
  if (text.size() > 10) {
    int h = 0;
    int m = 0;
    int s = 0;
    char z = 0;
    if (text.size() != 20 || text[10] != 'T' ||
        std::sscanf(text.c_str() + 11, "%2d:%2d:%2d%c", &h, &m, &s, &z) != 4 || z != 'Z' ||
        h > 23 || m > 59 || s > 60) {
      return std::nullopt;
    }
    seconds = h * 3600L + m * 60L + s;
  }
  return std::time_t{date->daysSinceEpoch() * 86400L + seconds};
}

}  // namespace awardflow::service
