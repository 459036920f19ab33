// Signature verification on arbitrary documents, against a trust store with one anchor.
#include <cstdint>
#include <cstdlib>

#include "engine/crypto/pki.hpp"
#include "engine/crypto/xmldsig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace awardflow;
  static const crypto::TrustStore trust = [] {
    auto key = crypto::PrivateKey::generate(crypto::KeyType::Ec);
    auto ca = crypto::issueCertificate({"CN=Fuzz CA", crypto::CertificateProfile::Ca, 0, 30},
                                       key->publicKey(), *key, nullptr);
    crypto::TrustStore store;
    store.addAnchor(*ca);
    store.addNamedKey("fuzz", key->publicKey());
    return store;
  }();
  const auto parsed = xml::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.document) return 0;
  const auto report = crypto::verifyEnveloped(*parsed.document, trust);
  for (const auto& s : report.signatures) {
    if (s.valid == (s.code != "signature.valid")) std::abort();
  }
  return 0;
}
