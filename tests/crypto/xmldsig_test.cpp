#include "engine/crypto/xmldsig.hpp"

#include <doctest/doctest.h>

#include "engine/crypto/base64.hpp"
#include "tests/crypto/test_pki.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using testing::replaceOnce;

namespace {

const std::string kDossier = testing::kAdvancedWorkerDossier;

std::string sign(const std::string& text, const crypto::PrivateKey& key,
                 const crypto::Certificate& cert, std::vector<crypto::Certificate> chain = {}) {
  crypto::SignOptions options;
  options.chain = std::move(chain);
  auto signed_text = crypto::signEnveloped(text, key, cert, options);
  REQUIRE_MESSAGE(signed_text.has_value(), (signed_text ? "" : signed_text.error().message));
  return *signed_text;
}

crypto::VerificationReport verify(const std::string& text, const crypto::TrustStore& trust,
                                  crypto::VerifyOptions options = {}) {
  auto parsed = xml::parse(text);
  REQUIRE_MESSAGE(parsed.document.has_value(), "does not parse");
  return crypto::verifyEnveloped(*parsed.document, trust, options);
}

std::string onlyCode(const crypto::VerificationReport& report) {
  REQUIRE(report.signatures.size() == 1);
  return report.signatures[0].code;
}

// The text between `open` and `close` (first occurrence), for tampering.
std::pair<std::size_t, std::size_t> span(const std::string& text, const std::string& open,
                                         const std::string& close) {
  const std::size_t a = text.find(open);
  REQUIRE(a != std::string::npos);
  const std::size_t b = text.find(close, a);
  REQUIRE(b != std::string::npos);
  return {a + open.size(), b};
}

// Flips one base64 character inside the first `element` value.
std::string flipIn(std::string text, const std::string& element) {
  const auto [a, b] = span(text, "<" + element + ">", "</" + element + ">");
  const std::size_t at = a + (b - a) / 2;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  return text;
}

}  // namespace

TEST_CASE("a signed dossier verifies, keeps its bytes, and reports the signer") {
  const auto& pki = testing::testPki();
  const std::string signed_text = sign(kDossier, pki.person_key, pki.person, {pki.intermediate});
  // Everything before the end tag is unchanged: the dossier still reads the same.
  CHECK(signed_text.substr(0, kDossier.rfind("</dossier>")) ==
        kDossier.substr(0, kDossier.rfind("</dossier>")));
  const auto report = verify(signed_text, pki.trust());
  REQUIRE(report.signatures.size() == 1);
  const auto& s = report.signatures[0];
  CHECK(s.valid);
  CHECK(s.code == "signature.valid");
  CHECK(s.signature_algorithm == "rsa-sha256");
  CHECK(s.digest_algorithm == "sha256");
  CHECK(s.signer_subject == pki.person.subject());
  CHECK(s.signer_issuer == pki.intermediate.subject());
  CHECK(s.signer_serial == pki.person.serialHex());
  CHECK(s.claimed_signing_time.size() == 20);
  CHECK(s.chain.size() == 3);
  CHECK(report.allValid());
}

TEST_CASE("signer and agency seal: two signatures, each verifiable alone") {
  const auto& pki = testing::testPki();
  const std::string once = sign(kDossier, pki.person_key, pki.person);
  const std::string twice = sign(once, pki.seal_key, pki.seal);
  const auto report = verify(twice, pki.trust());
  REQUIRE(report.signatures.size() == 2);
  CHECK(report.signatures[0].valid);
  CHECK(report.signatures[1].valid);
  CHECK(report.signatures[1].signature_algorithm == "ecdsa-sha256");
  // Removing the agency's signature leaves the signer's valid, and the other way round.
  const std::size_t second = twice.rfind("<Signature ");
  const std::string first_only =
      twice.substr(0, second) + twice.substr(twice.find("</Signature>", second) + 12);
  CHECK(verify(first_only, pki.trust()).allValid());
  const std::size_t first = twice.find("<Signature ");
  const std::string second_only =
      twice.substr(0, first) + twice.substr(twice.find("</Signature>", first) + 12);
  CHECK(verify(second_only, pki.trust()).allValid());
}

TEST_CASE("tampering with content, digest, value or certificate fails with its reason") {
  const auto& pki = testing::testPki();
  const std::string good = sign(kDossier, pki.seal_key, pki.seal);
  CHECK(onlyCode(verify(replaceOnce(good, "Nguyễn Văn An", "Nguyễn Văn Ân"), pki.trust())) ==
        "signature.digest-mismatch");
  CHECK(onlyCode(verify(replaceOnce(good, "<birthYear>1980", "<birthYear>1981"), pki.trust())) ==
        "signature.digest-mismatch");
  CHECK(onlyCode(verify(flipIn(good, "DigestValue"), pki.trust())) == "signature.digest-mismatch");
  CHECK(onlyCode(verify(flipIn(good, "SignatureValue"), pki.trust())) == "signature.bad-value");
  // A changed certificate no longer parses, or no longer holds the key that signed.
  const std::string bad_cert =
      verify(flipIn(good, "X509Certificate"), pki.trust()).signatures.at(0).code;
  CHECK((bad_cert == "signature.malformed" || bad_cert == "signature.bad-value"));
  // Comments and white space inside the signature do not matter; outside, content does.
  CHECK(verify(replaceOnce(good, "<SignatureValue>", "<!-- note --><SignatureValue>"), pki.trust())
            .allValid());
  CHECK(verify(replaceOnce(good, "<nominees>", "<nominees><!-- comment -->"), pki.trust())
            .allValid());
}

TEST_CASE("signature wrapping is refused") {
  const auto& pki = testing::testPki();
  const std::string good = sign(kDossier, pki.seal_key, pki.seal);
  const std::size_t a = good.find("<Signature ");
  const std::size_t b = good.find("</Signature>") + 12;
  const std::string signature = good.substr(a, b - a);
  const std::string body = good.substr(0, a) + good.substr(b);

  SUBCASE("signature moved into the content") {
    const std::string moved = replaceOnce(body, "</nominees>", signature + "</nominees>");
    CHECK(onlyCode(verify(moved, pki.trust())) == "signature.position");
  }
  SUBCASE("a second, unsigned dossier hidden in the signature") {
    const std::string hidden = replaceOnce(good, "</SignatureProperties></Object>",
                                           "</SignatureProperties></Object><Object><dossier "
                                           "xmlns=\"urn:awardflow:dossier:1\"/></Object>");
    CHECK(onlyCode(verify(hidden, pki.trust())) == "signature.unexpected-content");
  }
  SUBCASE("duplicate signature ids") {
    const std::string twice = replaceOnce(good, "</dossier>", signature + "</dossier>");
    const auto report = verify(twice, pki.trust());
    REQUIRE(report.signatures.size() == 2);
    CHECK(report.signatures[0].code == "signature.duplicate-id");
  }
  SUBCASE("a reference to an element by id instead of the whole document") {
    CHECK(onlyCode(verify(replaceOnce(good, "<Reference URI=\"\">", "<Reference URI=\"#d1\">"),
                          pki.trust())) == "signature.reference-uri");
  }
  SUBCASE("a second reference") {
    const auto [ra, rb] = span(good, "<SignedInfo>", "</SignedInfo>");
    const std::string reference =
        good.substr(good.find("<Reference", ra), rb - good.find("<Reference", ra));
    CHECK(onlyCode(verify(replaceOnce(good, "</SignedInfo>", reference + "</SignedInfo>"),
                          pki.trust())) == "signature.references");
  }
  SUBCASE("an XPath other than the interop filter") {
    CHECK(onlyCode(verify(replaceOnce(good, "not(ancestor-or-self::dsig:Signature)", "//*"),
                          pki.trust())) == "signature.unknown-transform");
  }
}

TEST_CASE("keys: KeyValue only, no key, DER-encoded ECDSA, untrusted signer") {
  const auto& pki = testing::testPki();
  const std::string good = sign(kDossier, pki.seal_key, pki.seal);
  const auto [ka, kb] = span(good, "<KeyInfo>", "</KeyInfo>");
  const std::string key_value =
      "<KeyValue><ECKeyValue xmlns=\"http://www.w3.org/2009/xmldsig11#\"/></KeyValue>";
  CHECK(onlyCode(verify(good.substr(0, ka) + key_value + good.substr(kb), pki.trust())) ==
        "signature.keyvalue-only");
  CHECK(onlyCode(verify(good.substr(0, ka - 9) + good.substr(kb + 10), pki.trust())) ==
        "signature.no-key");

  // r‖s re-encoded as DER.
  const auto [va, vb] = span(good, "<SignatureValue>", "</SignatureValue>");
  const std::string raw = *crypto::base64Decode(good.substr(va, vb - va));
  REQUIRE(raw.size() == 64);
  std::string der = "\x30\x44\x02\x20" + raw.substr(0, 32) + "\x02\x20" + raw.substr(32);
  if (static_cast<unsigned char>(raw[0]) >= 0x80 || static_cast<unsigned char>(raw[32]) >= 0x80) {
    // keep DER canonical: pad high integers with a zero byte
    std::string r = raw.substr(0, 32);
    std::string s = raw.substr(32);
    if (static_cast<unsigned char>(r[0]) >= 0x80) r = std::string(1, '\0') + r;
    if (static_cast<unsigned char>(s[0]) >= 0x80) s = std::string(1, '\0') + s;
    der = std::string("\x30") + static_cast<char>(4 + r.size() + s.size()) + "\x02" +
          static_cast<char>(r.size()) + r + "\x02" + static_cast<char>(s.size()) + s;
  }
  const std::string with_der = good.substr(0, va) + crypto::base64Encode(der) + good.substr(vb);
  CHECK(onlyCode(verify(with_der, pki.trust())) == "signature.ecdsa-der");

  crypto::TrustStore strangers;
  strangers.addAnchor(pki.outsider);
  CHECK(onlyCode(verify(good, strangers)) == "signature.untrusted");
  crypto::VerifyOptions later;
  later.at = std::time(nullptr) + 400L * 86400;
  CHECK(onlyCode(verify(good, pki.trust(), later)) == "signature.certificate-expired");
}

TEST_CASE("algorithms: SHA-1 only in legacy mode, unknown ones refused") {
  const auto& pki = testing::testPki();
  crypto::SignOptions sha1;
  sha1.digest = crypto::DigestAlgorithm::Sha1;
  auto legacy = crypto::signEnveloped(kDossier, pki.seal_key, pki.seal, sha1);
  REQUIRE(legacy);
  CHECK(onlyCode(verify(*legacy, pki.trust())) == "signature.sha1-refused");
  crypto::VerifyOptions allow;
  allow.allow_sha1 = true;
  CHECK(verify(*legacy, pki.trust(), allow).allValid());

  const std::string good = sign(kDossier, pki.seal_key, pki.seal);
  CHECK(onlyCode(
            verify(replaceOnce(good, "xmldsig-more#ecdsa-sha256", "xmldsig-more#ecdsa-ripemd160"),
                   pki.trust())) == "signature.unknown-algorithm");
  CHECK(onlyCode(verify(
            replaceOnce(good, "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                        "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#base64\"/>"),
            pki.trust())) == "signature.unknown-transform");
}

TEST_CASE("signing refuses what it cannot do well") {
  const auto& pki = testing::testPki();
  CHECK(crypto::signEnveloped(kDossier, pki.seal_key, pki.person).error().code ==
        core::Errc::InvalidArgument);
  CHECK(crypto::signEnveloped("<a>", pki.seal_key, pki.seal).error().code == core::Errc::Malformed);
  CHECK(crypto::signEnveloped("<!DOCTYPE a><a/>", pki.seal_key, pki.seal).error().code ==
        core::Errc::Malformed);
  CHECK(crypto::signEnveloped("<a/>", pki.seal_key, pki.seal).error().code ==
        core::Errc::Malformed);
  // A trailing comment after the document element is kept after the signature.
  auto with_comment = crypto::signEnveloped("<a>x</a>\n<!-- end -->\n", pki.seal_key, pki.seal);
  REQUIRE(with_comment);
  CHECK(with_comment->find("</Signature></a>\n<!-- end -->\n") != std::string::npos);
  CHECK(verify(*with_comment, pki.trust()).allValid());
}

TEST_CASE("no signature is no valid signature") {
  const auto& pki = testing::testPki();
  const auto report = verify(kDossier, pki.trust());
  CHECK(report.signatures.empty());
  CHECK_FALSE(report.allValid());
}
