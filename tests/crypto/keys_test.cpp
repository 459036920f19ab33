#include "engine/crypto/keys.hpp"

#include <doctest/doctest.h>

#include "engine/crypto/base64.hpp"
#include "engine/crypto/password.hpp"
#include "engine/crypto/pki.hpp"
#include "engine/crypto/signature.hpp"
#include "tests/crypto/test_pki.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("base64 round-trips and refuses junk") {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    CHECK(crypto::base64Decode(crypto::base64Encode(s)) == s);
  }
  CHECK(crypto::base64Decode("YWJj\n ZA==") == std::optional<std::string>("abcd"));
  CHECK_FALSE(crypto::base64Decode("YW=j"));
  CHECK_FALSE(crypto::base64Decode("YWJ"));
  CHECK_FALSE(crypto::base64Decode("YW*j"));
}

TEST_CASE("private keys are stored encrypted and need their passphrase") {
  const auto& pki = testing::testPki();
  auto pem = pki.seal_key.toEncryptedPem("mật khẩu đủ dài");
  REQUIRE(pem);
  CHECK(pem->find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);
  auto back = crypto::PrivateKey::loadPem(*pem, "mật khẩu đủ dài");
  REQUIRE(back);
  CHECK(back->publicKey() == pki.seal_key.publicKey());
  auto wrong = crypto::PrivateKey::loadPem(*pem, "sai");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message.find("wrong passphrase") != std::string::npos);
  CHECK(wrong.error().message.find("sai") == std::string::npos);  // never echoed
  CHECK_FALSE(pki.seal_key.toEncryptedPem(""));
  CHECK(crypto::PrivateKey::generate(crypto::KeyType::Rsa, 1024).error().code ==
        core::Errc::InvalidArgument);
}

TEST_CASE("PKCS#12 keeps key, certificate and chain behind the passphrase") {
  const auto& pki = testing::testPki();
  auto p12 = crypto::makePkcs12({pki.person_key, pki.person, {pki.intermediate}}, "Trần Văn Bình",
                                "bí mật");
  REQUIRE(p12);
  CHECK(crypto::looksLikePkcs12(*p12));
  auto back = crypto::loadPkcs12(*p12, "bí mật");
  REQUIRE(back);
  CHECK(back->certificate == pki.person);
  REQUIRE(back->chain.size() == 1);
  CHECK(back->chain[0] == pki.intermediate);
  CHECK_FALSE(crypto::loadPkcs12(*p12, "khác"));
}

TEST_CASE("certificates carry the profile's names, usages and validity") {
  const auto& pki = testing::testPki();
  CHECK(pki.person.subject().find("CN=Trần Văn Bình") != std::string::npos);
  CHECK(pki.person.issuer() == pki.intermediate.subject());
  CHECK(pki.person.allowsDocumentSigning());
  CHECK_FALSE(pki.person.isCa());
  CHECK(pki.root.isCa());
  CHECK_FALSE(pki.root.allowsDocumentSigning());  // keyCertSign, cRLSign only
  CHECK(pki.person.notAfter() - pki.person.notBefore() == 365 * 86400);
  CHECK(pki.person.serialHex().size() >= 30);
  auto pem = crypto::Certificate::loadPem(pki.person.toPem());
  REQUIRE(pem);
  CHECK(*pem == pki.person);
  CHECK(crypto::Certificate::loadDer(pki.person.toDer()));
  CHECK_FALSE(crypto::Certificate::loadDer(pki.person.toDer() + "x"));
  CHECK(crypto::issueCertificate({"CN", crypto::CertificateProfile::Person, 0, 10},
                                 pki.seal_key.publicKey(), pki.root_key, &pki.root)
            .error()
            .code == core::Errc::InvalidArgument);
}

TEST_CASE("raw signatures: RSA and ECDSA r‖s, and the DER form is told apart") {
  const auto& pki = testing::testPki();
  const std::string data = "SignedInfo";
  auto rsa = crypto::signRaw(pki.person_key, crypto::SignatureAlgorithm::RsaSha256, data);
  REQUIRE(rsa);
  CHECK(rsa->size() == 256);
  CHECK(crypto::verifyRaw(pki.person.publicKey(), crypto::SignatureAlgorithm::RsaSha256, data,
                          *rsa) == crypto::VerifyOutcome::Valid);
  CHECK(crypto::verifyRaw(pki.person.publicKey(), crypto::SignatureAlgorithm::RsaSha256, data + "!",
                          *rsa) == crypto::VerifyOutcome::BadValue);
  auto ec = crypto::signRaw(pki.seal_key, crypto::SignatureAlgorithm::EcdsaSha256, data);
  REQUIRE(ec);
  CHECK(ec->size() == 64);
  CHECK(crypto::verifyRaw(pki.seal.publicKey(), crypto::SignatureAlgorithm::EcdsaSha256, data,
                          *ec) == crypto::VerifyOutcome::Valid);
  CHECK(crypto::verifyRaw(pki.seal.publicKey(), crypto::SignatureAlgorithm::RsaSha256, data, *ec) ==
        crypto::VerifyOutcome::WrongKeyType);
  CHECK(crypto::signRaw(pki.seal_key, crypto::SignatureAlgorithm::RsaSha256, data).error().code ==
        core::Errc::InvalidArgument);
}

TEST_CASE("a trust store loads from its directory layout") {
  const auto& pki = testing::testPki();
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "anchors");
  std::filesystem::create_directories(dir.path() / "intermediates");
  std::filesystem::create_directories(dir.path() / "names");
  dir.write("anchors/root.pem", pki.root.toPem());
  dir.write("intermediates/issuing.pem", pki.intermediate.toPem());
  dir.write("names/so-noi-vu.pem", pki.seal.publicKey().toPem());
  auto store = crypto::TrustStore::loadDirectory(dir.path());
  REQUIRE(store);
  CHECK(store->namedKey("so-noi-vu"));
  CHECK_FALSE(store->namedKey("other"));
  CHECK(store->verify(pki.person, {}, std::time(nullptr)).trusted);

  dir.write("anchors/broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  auto broken = crypto::TrustStore::loadDirectory(dir.path());
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == core::Errc::Config);
  CHECK(broken.error().details[0].find("broken.pem") != std::string::npos);
  testing::TempDir empty;
  CHECK(crypto::TrustStore::loadDirectory(empty.path()).error().code == core::Errc::Config);
}

TEST_CASE("chains: trusted, unknown anchor, expired, not yet valid, revoked, wrong usage") {
  const auto& pki = testing::testPki();
  const crypto::TrustStore store = pki.trust();
  const std::time_t now = std::time(nullptr);
  const auto ok = store.verify(pki.person, {}, now);
  CHECK(ok.trusted);
  REQUIRE(ok.chain.size() == 3);
  CHECK(ok.chain[2] == pki.root.subject());

  crypto::TrustStore other;
  other.addAnchor(pki.outsider);
  CHECK(other.verify(pki.person, {pki.intermediate}, now).code == "signature.untrusted");
  CHECK(store.verify(pki.person, {}, now + 400L * 86400).code == "signature.certificate-expired");
  CHECK(store.verify(pki.person, {}, now - 2L * 86400).code ==
        "signature.certificate-not-yet-valid");

  crypto::TrustStore with_crl = pki.trust();
  auto crl = crypto::makeCrl(pki.intermediate, pki.intermediate_key, {pki.person});
  REQUIRE(crl);
  with_crl.addCrl(*crl);
  CHECK(with_crl.verify(pki.person, {}, now).code == "signature.certificate-revoked");
  CHECK(with_crl.verify(pki.seal, {}, now).trusted);  // listed CRL, not revoked

  CHECK(store.verify(pki.intermediate, {}, now).code == "signature.key-usage");
}

TEST_CASE("passwords are stored as salted scrypt and checked in constant time") {
  auto stored = crypto::hashPassword("mật khẩu demo 2026");
  REQUIRE(stored);
  CHECK(stored->rfind("scrypt$32768$8$1$", 0) == 0);
  CHECK(stored->find("mật khẩu") == std::string::npos);
  CHECK(crypto::verifyPassword("mật khẩu demo 2026", *stored));
  CHECK_FALSE(crypto::verifyPassword("mật khẩu demo 2025", *stored));
  CHECK(*crypto::hashPassword("same") != *crypto::hashPassword("same"));  // fresh salt each time
  CHECK_FALSE(crypto::verifyPassword("x", "plain-text"));
  CHECK_FALSE(crypto::verifyPassword(
      "x", "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"));  // weak, refused
}
