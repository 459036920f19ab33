#pragma once

#include <ctime>

#include <doctest/doctest.h>

#include "engine/crypto/keys.hpp"
#include "engine/crypto/pki.hpp"
#include "engine/crypto/trust_store.hpp"

namespace awardflow::testing {

// A small PKI made once per test binary: a root CA, an intermediate CA under it, a person (RSA)
// and an agency seal (EC P-256) issued by the intermediate, and an outsider CA nobody trusts.
struct TestPki {
  crypto::PrivateKey root_key = *crypto::PrivateKey::generate(crypto::KeyType::Ec);
  crypto::Certificate root = issue("CN=Awardflow Test Root CA,O=Sở Nội vụ tỉnh Hà Tĩnh,C=VN",
                                   crypto::CertificateProfile::Ca, root_key, root_key, nullptr);
  crypto::PrivateKey intermediate_key = *crypto::PrivateKey::generate(crypto::KeyType::Ec);
  crypto::Certificate intermediate =
      issue("CN=Awardflow Test Issuing CA,O=Sở Nội vụ tỉnh Hà Tĩnh,C=VN",
            crypto::CertificateProfile::Ca, intermediate_key, root_key, &root);
  crypto::PrivateKey person_key = *crypto::PrivateKey::generate(crypto::KeyType::Rsa, 2048);
  crypto::Certificate person =
      issue("CN=Trần Văn Bình,title=Chủ tịch UBND xã,O=UBND xã Sơn Tiến,C=VN",
            crypto::CertificateProfile::Person, person_key, intermediate_key, &intermediate);
  crypto::PrivateKey seal_key = *crypto::PrivateKey::generate(crypto::KeyType::Ec);
  crypto::Certificate seal =
      issue("CN=UBND xã Sơn Tiến,O=UBND huyện Hương Sơn,C=VN", crypto::CertificateProfile::Seal,
            seal_key, intermediate_key, &intermediate);
  crypto::PrivateKey outsider_key = *crypto::PrivateKey::generate(crypto::KeyType::Ec);
  crypto::Certificate outsider = issue("CN=Outsider CA,C=VN", crypto::CertificateProfile::Ca,
                                       outsider_key, outsider_key, nullptr);

  // Trusts the root, knows the intermediate.
  crypto::TrustStore trust() const {
    crypto::TrustStore store;
    store.addAnchor(root);
    store.addIntermediate(intermediate);
    return store;
  }

  static crypto::Certificate issue(const std::string& subject, crypto::CertificateProfile profile,
                                   const crypto::PrivateKey& subject_key,
                                   const crypto::PrivateKey& issuer_key,
                                   const crypto::Certificate* issuer, std::time_t not_before = 0,
                                   int days = 365) {
    crypto::CertificateRequest request{subject, profile, not_before, days};
    auto cert = crypto::issueCertificate(request, subject_key.publicKey(), issuer_key, issuer);
    REQUIRE_MESSAGE(cert.has_value(), (cert ? "" : cert.error().message));
    return *cert;
  }
};

inline const TestPki& testPki() {
  static const TestPki pki;
  return pki;
}

}  // namespace awardflow::testing
