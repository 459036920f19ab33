#include "engine/service/keys.hpp"

#include "engine/core/file.hpp"

namespace awardflow::service {
namespace {

struct Ca {
  crypto::Certificate certificate;
  crypto::PrivateKey key;
};

core::Result<Ca> loadCa(const std::filesystem::path& cert_file,
                        const std::filesystem::path& key_file, const std::string& passphrase) {
  auto cert_bytes = core::readFile(cert_file, std::size_t{1} << 20);
  if (!cert_bytes) return core::Unexpected{cert_bytes.error()};
  auto cert = crypto::Certificate::loadPem(*cert_bytes);
  if (!cert) return core::Unexpected{cert.error()};
  auto key_bytes = core::readFile(key_file, std::size_t{1} << 20);
  if (!key_bytes) return core::Unexpected{key_bytes.error()};
  auto key = crypto::PrivateKey::loadPem(*key_bytes, passphrase);
  if (!key) return core::Unexpected{key.error()};
  if (!(key->publicKey() == cert->publicKey())) {
    return core::fail(core::Errc::Invalid, "the CA key does not belong to the CA certificate");
  }
  if (!cert->isCa())
    return core::fail(core::Errc::Invalid, "the certificate is not a CA certificate");
  return Ca{*cert, *key};
}

// Writes every (path, bytes) pair or none: files are checked first and written without
// overwriting; a failure part-way removes what was written.
core::Result<std::vector<std::filesystem::path>> writeAll(
    const std::vector<std::tuple<std::filesystem::path, std::string, unsigned>>& files) {
  std::vector<std::filesystem::path> written;
  std::error_code ec;
  for (const auto& [path, bytes, mode] : files) {
    if (std::filesystem::exists(path, ec)) {
      return core::fail(core::Errc::Conflict,
                        path.string() + " exists already; refusing to overwrite it");
    }
  }
  for (const auto& [path, bytes, mode] : files) {
    auto ok = core::writeFileAtomic(path, bytes, mode, false);
    if (!ok) {
      for (const auto& w : written) std::filesystem::remove(w, ec);
      return core::Unexpected{ok.error()};
    }
    written.push_back(path);
  }
  return written;
}

}  // namespace

core::Result<std::vector<std::filesystem::path>> initCa(const InitCaRequest& request) {
  if (request.passphrase.empty())
    return core::fail(core::Errc::InvalidArgument, "a passphrase for the CA key is required");
  auto key = crypto::PrivateKey::generate(request.algorithm, 3072);
  if (!key) return core::Unexpected{key.error()};
  auto cert =
      crypto::issueCertificate({request.subject, crypto::CertificateProfile::Ca, 0, request.days},
                               key->publicKey(), *key, nullptr);
  if (!cert) return core::Unexpected{cert.error()};
  auto pem = key->toEncryptedPem(request.passphrase);
  if (!pem) return core::Unexpected{pem.error()};
  std::error_code ec;
  std::filesystem::create_directories(request.out_dir, ec);
  return writeAll({{request.out_dir / "ca-cert.pem", cert->toPem(), 0644},
                   {request.out_dir / "ca-key.pem", *pem, 0600}});
}

core::Result<std::vector<std::filesystem::path>> issue(const IssueRequest& request) {
  if (request.passphrase.empty())
    return core::fail(core::Errc::InvalidArgument, "a passphrase for the new key is required");
  if (request.profile == crypto::CertificateProfile::Ca) {
    return core::fail(core::Errc::InvalidArgument, "use init-ca for CA certificates");
  }
  auto ca = loadCa(request.ca_cert, request.ca_key, request.ca_passphrase);
  if (!ca) return core::Unexpected{ca.error()};
  auto key = crypto::PrivateKey::generate(request.algorithm, 2048);
  if (!key) return core::Unexpected{key.error()};
  auto cert = crypto::issueCertificate({request.subject, request.profile, 0, request.days},
                                       key->publicKey(), ca->key, &ca->certificate);
  if (!cert) return core::Unexpected{cert.error()};
  const std::string prefix = request.out_prefix.string();
  if (request.format == KeyFormat::Pkcs12) {
    auto p12 =
        crypto::makePkcs12({*key, *cert, {ca->certificate}}, request.subject, request.passphrase);
    if (!p12) return core::Unexpected{p12.error()};
    return writeAll({{prefix + ".p12", *p12, 0600}, {prefix + "-cert.pem", cert->toPem(), 0644}});
  }
  auto pem = key->toEncryptedPem(request.passphrase);
  if (!pem) return core::Unexpected{pem.error()};
  return writeAll({{prefix + "-key.pem", *pem, 0600},
                   {prefix + "-cert.pem", cert->toPem(), 0644},
                   {prefix + "-chain.pem", ca->certificate.toPem(), 0644}});
}

core::Result<void> makeCrl(const CrlRequest& request) {
  auto ca = loadCa(request.ca_cert, request.ca_key, request.ca_passphrase);
  if (!ca) return core::Unexpected{ca.error()};
  std::vector<crypto::Certificate> revoked;
  for (const auto& file : request.revoked) {
    auto bytes = core::readFile(file, std::size_t{1} << 20);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto cert = crypto::Certificate::loadPem(*bytes);
    if (!cert) return core::Unexpected{cert.error()};
    if (cert->issuer() != ca->certificate.subject()) {
      return core::fail(core::Errc::Invalid, file.string() + " was not issued by this CA");
    }
    revoked.push_back(*cert);
  }
  auto crl = crypto::makeCrl(ca->certificate, ca->key, revoked, 0, request.days);
  if (!crl) return core::Unexpected{crl.error()};
  std::error_code ec;
  if (request.out.has_parent_path())
    std::filesystem::create_directories(request.out.parent_path(), ec);
  return core::writeFileAtomic(request.out, crl->toPem(), 0644, true);
}

}  // namespace awardflow::service
