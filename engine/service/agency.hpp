#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/signatures.hpp"

namespace awardflow::service {

// The agency's own signing identity in a data directory (DATA/agency/): the seal key that signs
// receipts, tallies, decisions and audit checkpoints. `awardflow init` makes an installation CA
// and issues the seal under it; the CA certificate is the anchor of DATA/trust/, the trust
// directory every signature is checked against. A real deployment replaces both with
// certificates from a licensed CA (docs/signatures.md). Keys are written encrypted only, under a
// random passphrase kept in DATA/agency/passphrase (mode 0600) unless
// $AWARDFLOW_AGENCY_PASSPHRASE_FILE names another file.
struct AgencyPaths {
  std::filesystem::path dir;         // DATA/agency
  std::filesystem::path passphrase;  // the passphrase file in use
  std::filesystem::path ca_cert;
  std::filesystem::path ca_key;
  std::filesystem::path key;
  std::filesystem::path cert;
  std::filesystem::path trust_dir;  // DATA/trust
};

AgencyPaths agencyPaths(const std::filesystem::path& data_root);

// Makes the installation CA and the agency seal for `agency_name` ("UBND huyện Hương Sơn") when
// DATA/agency holds none; returns false when they exist already (nothing is replaced). Fails with
// Errc::Unavailable on I/O and Errc::InvalidArgument for an unusable name.
core::Result<bool> createAgencyIdentity(const std::filesystem::path& data_root,
                                        const std::string& agency_name);

// Opens the agency's seal key. Fails with Errc::NotFound (run awardflow init), Errc::Invalid
// (wrong passphrase, damaged files).
core::Result<SigningMaterial> loadAgencySigner(const std::filesystem::path& data_root);

// The seal of one authority of the installation (a commune's, an agency head's): its key,
// certificate and chain in DATA/agency/authorities/CODE/ (seal-key.pem encrypted under the
// agency passphrase, seal-cert.pem, seal-chain.pem). Every document an authority issues carries
// its own seal and names it as issuer; the installation's seal (above) stays the fallback for
// dossiers of no authority and signs the audit checkpoints. `code` is an authority code (letters,
// digits, '.', '-', '_', starting with a letter or digit); Errc::InvalidArgument otherwise.
core::Result<std::filesystem::path> authoritySealDir(const std::filesystem::path& data_root,
                                                     const std::string& code);

// Issues the seal of authority `code` named `name` under the installation CA when it has none;
// false when it has one already (nothing is replaced). Fails like createAgencyIdentity, and with
// Errc::NotFound when the installation has no CA (run awardflow init).
core::Result<bool> createAuthoritySeal(const std::filesystem::path& data_root,
                                       const std::string& code, const std::string& name);

// Installs a seal issued elsewhere (by a licensed CA) for authority `code`, replacing the one
// kept: `key_file` opened with `key_passphrase`, `cert_file`, and the intermediates in
// `chain_file`. The key must belong to the certificate, the certificate must allow document
// signing, not be a CA's and be in force at `now`, and a document it signs must verify against
// the installation's trust directory; Errc::Invalid otherwise, and nothing is written. The key is
// stored re-encrypted under the agency passphrase.
core::Result<void> installAuthoritySeal(const std::filesystem::path& data_root,
                                        const std::string& code,
                                        const std::filesystem::path& key_file,
                                        const std::filesystem::path& cert_file,
                                        const std::optional<std::filesystem::path>& chain_file,
                                        const std::string& key_passphrase, std::time_t now);

// Opens the seal of authority `code`. Errc::NotFound when it has none, Invalid when its files
// do not open under the agency passphrase.
core::Result<SigningMaterial> loadAuthoritySeal(const std::filesystem::path& data_root,
                                                const std::string& code);

// For the demo: a personal signing key for each account, as DATA/demo-keys/<login>.p12 under
// the account's demo password, issued by the installation CA. Existing files are kept. Returns
// the files written.
core::Result<std::vector<std::filesystem::path>> issueDemoKeys(
    const std::filesystem::path& data_root, const std::vector<DemoAccount>& accounts);

// The personal signing key kept for `login` (DATA/demo-keys/LOGIN.p12, as issueDemoKeys makes
// it), opened with the user's signing PIN: how a signer signs through the HTTP API (server-side
// signing). Errc::NotFound when none is kept, Errc::PermissionDenied for a wrong PIN.
core::Result<SigningMaterial> loadUserSigningKey(const std::filesystem::path& data_root,
                                                 const std::string& login, const std::string& pin);

// A certificate the installation keeps, as the administration page lists it.
struct CertificateInfo {
  std::string kind;   // "anchor", "intermediate", "agency", "seal", "user"
  std::string owner;  // the user's login, or the file's name
  std::string subject;
  std::string issuer;
  std::string serial;
  std::time_t not_before = 0;
  std::time_t not_after = 0;
  bool ca = false;
};

// The certificates of the installation an administrator manages: the trust anchors and
// intermediates (DATA/trust, which every authority relies on), the seal of each authority it
// manages (kind "seal", owner its code) and the certificates of the users of those authorities
// and of their units (DATA/demo-keys/LOGIN-cert.pem). The installation's own agency certificate,
// and users and seals of no authority, only for an administrator of every authority (the
// province's, or one of no authority). A commune's administrator never sees another commune's
// seal or people. Administrators only (Errc::PermissionDenied). A file that does not read is
// listed with its name and no subject.
core::Result<std::vector<CertificateInfo>> listCertificates(const DataDirectory& data,
                                                            const model::User& actor);

}  // namespace awardflow::service
