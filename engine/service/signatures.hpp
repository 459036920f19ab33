#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/crypto/keys.hpp"
#include "engine/crypto/trust_store.hpp"
#include "engine/crypto/xmldsig.hpp"

namespace awardflow::service {

// What a signer signs with: the key, its certificate, and the chain to put in KeyInfo.
struct SigningMaterial {
  crypto::PrivateKey key;
  crypto::Certificate certificate;
  std::vector<crypto::Certificate> chain;
};

// Reads signing material. `key_file` is an encrypted PKCS#8 PEM (with `cert_file`) or a PKCS#12
// file (which may carry its own certificate and chain; `cert_file` then optional). `chain_file`
// adds PEM intermediates. Fails with Errc::NotFound / Unreadable for files, Errc::Invalid for
// content (wrong passphrase included), Errc::InvalidArgument when no certificate is given.
core::Result<SigningMaterial> loadSigningMaterial(
    const std::filesystem::path& key_file, const std::optional<std::filesystem::path>& cert_file,
    const std::optional<std::filesystem::path>& chain_file, const std::string& passphrase);

// Reads a passphrase file: its first line, without the line end. Fails like core::readFile.
core::Result<std::string> readPassphrase(const std::filesystem::path& file);

// Signs the XML document in `in` (see crypto::signEnveloped) and returns the signed bytes.
core::Result<std::string> signFile(const std::filesystem::path& in, const SigningMaterial& material,
                                   std::time_t signing_time = 0);

// Signs XML bytes the same way.
core::Result<std::string> signBytes(std::string_view bytes, const SigningMaterial& material,
                                    std::time_t signing_time = 0);

// The signatures of one file, or why they could not be checked.
struct FileSignatures {
  std::string file;
  std::optional<core::Error> failure;  // the file could not be read
  core::Report parse_problems;         // not well-formed, DOCTYPE, too large …
  crypto::VerificationReport report;

  bool valid() const { return !failure && parse_problems.valid() && report.allValid(); }
};

// Verifies signed documents against one trust store. Thread-safe once opened.
class SignatureVerifier {
 public:
  // Loads the trust directory (crypto::TrustStore layout). Fails with Errc::Config.
  static core::Result<SignatureVerifier> open(const std::filesystem::path& trust_dir,
                                              crypto::VerifyOptions options = {});

  FileSignatures verifyFile(const std::filesystem::path& file) const;
  // The same for bytes in memory; `label` names them in the report.
  FileSignatures verifyBytes(std::string_view bytes, const std::string& label) const;
  const crypto::TrustStore& trust() const { return trust_; }

  // The signatures of an already parsed document, as validation problems: one notice per valid
  // signature (signature.valid), one error per invalid one (its code), and a warning
  // (signature.none) when there is none.
  core::Report verifyAsProblems(const xml::Document& document) const;

 private:
  SignatureVerifier(crypto::TrustStore trust, crypto::VerifyOptions options)
      : trust_(std::move(trust)), options_(options) {}
  crypto::TrustStore trust_;
  crypto::VerifyOptions options_;
};

// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ"; nullopt otherwise.
std::optional<std::time_t> parseUtcTime(const std::string& text);

}  // namespace awardflow::service
