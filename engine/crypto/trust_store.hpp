#pragma once

#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/crypto/keys.hpp"

namespace awardflow::crypto {

// The outcome of checking a signer's certificate chain.
struct ChainVerdict {
  bool trusted = false;
  // "" when trusted, else signature.untrusted, signature.certificate-expired,
  // signature.certificate-not-yet-valid, signature.certificate-revoked, signature.crl-missing,
  // signature.key-usage.
  std::string code;
  core::Message reason;
  std::vector<std::string> chain;  // subjects, signer first, anchor last (when built)
};

// The certificates and keys an installation trusts, loaded once and read-only after (safe to
// share between threads). Layout of a trust directory (docs/signatures.md):
//   anchors/*.pem        trusted root CAs (PEM, bundles allowed)
//   intermediates/*.pem  intermediate CAs, not trusted by themselves
//   crls/*.pem           CRLs; a signer is checked for revocation when its issuer's CRL is here
//   names/<KeyName>.pem  public keys for signatures that name their key (ds:KeyName)
class TrustStore {
 public:
  // Fails with Errc::Config when the directory or a file in it cannot be read or parsed, or
  // when there is neither an anchor nor a named key.
  static core::Result<TrustStore> loadDirectory(const std::filesystem::path& dir);

  void addAnchor(Certificate certificate) { anchors_.push_back(std::move(certificate)); }
  void addIntermediate(Certificate certificate) {
    intermediates_.push_back(std::move(certificate));
  }
  void addCrl(Crl crl) { crls_.push_back(std::move(crl)); }
  void addNamedKey(const std::string& name, PublicKey key) {
    named_keys_.insert_or_assign(name, std::move(key));
  }

  // Builds and checks the chain from `signer` through `presented` certificates (e.g. from
  // KeyInfo) and the intermediates to an anchor, at time `at`; checks revocation when a CRL
  // of the signer's issuer is loaded, and that the signer's key usage allows signing documents.
  ChainVerdict verify(const Certificate& signer, const std::vector<Certificate>& presented,
                      std::time_t at) const;

  // The public key configured for `name`, or nullptr.
  const PublicKey* namedKey(const std::string& name) const;

 private:
  std::vector<Certificate> anchors_;
  std::vector<Certificate> intermediates_;
  std::vector<Crl> crls_;
  std::map<std::string, PublicKey> named_keys_;
};

}  // namespace awardflow::crypto
