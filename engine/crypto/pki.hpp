#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/crypto/keys.hpp"

namespace awardflow::crypto {

// What a certificate is for. Ca: signs certificates and CRLs. Person: a signer's own signature
// (chữ ký số cá nhân). Seal: an agency's signature (chữ ký số của cơ quan, tổ chức), which
// NĐ 30/2020 asks for beside the signer's on issued documents.
enum class CertificateProfile { Ca, Person, Seal };

struct CertificateRequest {
  // Distinguished name as "CN=…,O=…,L=…,C=VN" (UTF-8; "\," for a comma inside a value).
  std::string subject;
  CertificateProfile profile = CertificateProfile::Person;
  std::time_t not_before = 0;  // 0 = now
  int days = 3 * 365;
};

// Issues a certificate for `subject_key`, signed with SHA-256 by `issuer_key` under
// `issuer_certificate` (self-signed when it is null). Extensions per profile: basicConstraints
// and keyUsage (critical), subject and authority key identifiers. A random 127-bit serial.
// Fails with Errc::InvalidArgument for a malformed subject and Errc::Internal when OpenSSL fails.
core::Result<Certificate> issueCertificate(const CertificateRequest& request,
                                           const PublicKey& subject_key,
                                           const PrivateKey& issuer_key,
                                           const Certificate* issuer_certificate);

// A CRL from `ca` listing `revoked`, valid from `this_update` (0 = now) for `days`.
core::Result<Crl> makeCrl(const Certificate& ca, const PrivateKey& ca_key,
                          const std::vector<Certificate>& revoked, std::time_t this_update = 0,
                          int days = 30);

}  // namespace awardflow::crypto
