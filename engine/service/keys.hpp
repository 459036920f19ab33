#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/crypto/keys.hpp"
#include "engine/crypto/pki.hpp"

namespace awardflow::service {

// Demo and test PKI (docs/signatures.md). Real deployments import certificates from a licensed
// CA instead. Private keys are only ever written encrypted; no file is overwritten.

struct InitCaRequest {
  std::string subject;
  crypto::KeyType algorithm = crypto::KeyType::Ec;
  int days = 10 * 365;
  std::string passphrase;         // protects the CA key; required
  std::filesystem::path out_dir;  // receives ca-cert.pem and ca-key.pem
};

// Makes a self-signed CA. Returns the files written. Fails with Errc::InvalidArgument (bad
// subject, empty passphrase), Errc::Conflict (files exist) or Errc::Unavailable (I/O).
core::Result<std::vector<std::filesystem::path>> initCa(const InitCaRequest& request);

enum class KeyFormat { Pem, Pkcs12 };

struct IssueRequest {
  std::filesystem::path ca_cert;
  std::filesystem::path ca_key;
  std::string ca_passphrase;
  std::string subject;
  crypto::CertificateProfile profile = crypto::CertificateProfile::Person;  // Person or Seal
  crypto::KeyType algorithm = crypto::KeyType::Ec;
  int days = 2 * 365;
  KeyFormat format = KeyFormat::Pem;
  std::string passphrase;            // protects the new key; required
  std::filesystem::path out_prefix;  // PREFIX-cert.pem + PREFIX-key.pem, or PREFIX.p12
};

// Issues a signer's key and certificate under a CA made by initCa (or any PEM CA). Returns the
// files written. Fails like initCa, and with Errc::Invalid when the CA key does not open.
core::Result<std::vector<std::filesystem::path>> issue(const IssueRequest& request);

struct CrlRequest {
  std::filesystem::path ca_cert;
  std::filesystem::path ca_key;
  std::string ca_passphrase;
  std::vector<std::filesystem::path> revoked;  // PEM certificates to list
  int days = 30;
  std::filesystem::path out;
};

// Writes a CRL (replacing `out`) listing `revoked`.
core::Result<void> makeCrl(const CrlRequest& request);

}  // namespace awardflow::service
