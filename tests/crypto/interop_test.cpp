// Interoperability with the reference implementation, xmlsec1 (Debian package xmlsec1), and the
// xmlsec project's published vectors in ../shared/testdata/xmldsig.
#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "engine/crypto/xmldsig.hpp"
#include "tests/crypto/test_pki.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

const std::filesystem::path kVectors = testing::sourceDir() / "../shared/testdata/xmldsig";

// Our PKI on disk for xmlsec1: root and intermediate certificates, keys encrypted with "pw".
struct PkiFiles {
  testing::TempDir dir;
  std::string root;
  std::string intermediate;
  PkiFiles() {
    const auto& pki = testing::testPki();
    root = dir.write("root.pem", pki.root.toPem()).string();
    intermediate = dir.write("intermediate.pem", pki.intermediate.toPem()).string();
  }
  std::string key(const std::string& name, const crypto::PrivateKey& key,
                  const crypto::Certificate& cert) {
    dir.write(name + "-cert.pem", cert.toPem());
    return dir.write(name + "-key.pem", *key.toEncryptedPem("pw")).string();
  }
};

crypto::VerificationReport verify(const std::string& text, const crypto::TrustStore& trust) {
  auto parsed = xml::parse(text);
  REQUIRE(parsed.document.has_value());
  return crypto::verifyEnveloped(*parsed.document, trust);
}

std::string xmlsecVerify(const PkiFiles& files, const std::filesystem::path& file,
                         const std::string& extra = "") {
  const auto run = testing::runCommand("xmlsec1 verify --trusted-pem " + files.root +
                                       " --untrusted-pem " + files.intermediate +
                                       " --enabled-key-data x509 " + extra + " " + file.string());
  return run.status == 0 ? "OK" : run.output;
}

// Our profile's template: the dossier with an empty signature for xmlsec1 to fill.
std::string profileTemplate(const std::string& signature_method,
                            const std::string& c14n = "http://www.w3.org/2001/10/xml-exc-c14n#",
                            const std::string& digest = "http://www.w3.org/2001/04/xmlenc#sha256") {
  std::string tmpl = R"(<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>)";
  tmpl += R"(<CanonicalizationMethod Algorithm="C14N"/><SignatureMethod Algorithm="METHOD"/>)";
  tmpl += R"(<Reference URI=""><Transforms>)";
  tmpl += R"(<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>)";
  tmpl += R"(<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">)";
  tmpl +=
      R"(<XPath xmlns:dsig="http://www.w3.org/2000/09/xmldsig#">not(ancestor-or-self::dsig:Signature)</XPath>)";
  tmpl += R"(</Transform><Transform Algorithm="C14N"/></Transforms>)";
  tmpl += R"(<DigestMethod Algorithm="DIGEST"/><DigestValue/></Reference></SignedInfo>)";
  tmpl += R"(<SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>)";
  tmpl = testing::replaceOnce(tmpl, "C14N", c14n);
  tmpl = testing::replaceOnce(tmpl, "C14N", c14n);
  tmpl = testing::replaceOnce(tmpl, "METHOD", signature_method);
  tmpl = testing::replaceOnce(tmpl, "DIGEST", digest);
  return testing::replaceOnce(testing::kAdvancedWorkerDossier, "</dossier>", tmpl + "</dossier>");
}

}  // namespace

TEST_CASE("xmlsec1 is installed (make test installs it)") {
  CHECK(testing::runCommand("xmlsec1 --version").status == 0);
}

TEST_CASE(
    "what awardflow signs, xmlsec1 verifies: RSA, ECDSA, and both signatures of one document") {
  const auto& pki = testing::testPki();
  PkiFiles files;
  const auto rsa =
      crypto::signEnveloped(testing::kAdvancedWorkerDossier, pki.person_key, pki.person);
  REQUIRE(rsa);
  CHECK(xmlsecVerify(files, files.dir.write("rsa.xml", *rsa)) == "OK");
  const auto both = crypto::signEnveloped(*rsa, pki.seal_key, pki.seal);
  REQUIRE(both);
  const auto both_file = files.dir.write("both.xml", *both);
  CHECK(xmlsecVerify(files, both_file, "--node-xpath \"(//*[local-name()='Signature'])[1]\"") ==
        "OK");
  CHECK(xmlsecVerify(files, both_file, "--node-xpath \"(//*[local-name()='Signature'])[2]\"") ==
        "OK");
  // And xmlsec1 agrees that a tampered document is not valid.
  const auto tampered =
      files.dir.write("tampered.xml", testing::replaceOnce(*rsa, "Lê Thị Hoa", "Lê Thị Hòa"));
  CHECK(xmlsecVerify(files, tampered) != "OK");
}

TEST_CASE("what xmlsec1 signs from our profile's template, awardflow verifies: RSA and ECDSA") {
  const auto& pki = testing::testPki();
  PkiFiles files;
  struct Case {
    const char* name;
    const crypto::PrivateKey& key;
    const crypto::Certificate& cert;
    const char* method;
  };
  for (const Case& c : {Case{"rsa", pki.person_key, pki.person,
                             "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"},
                        Case{"ec", pki.seal_key, pki.seal,
                             "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"}}) {
    INFO(c.name);
    const std::string key = files.key(c.name, c.key, c.cert);
    const auto tmpl = files.dir.write(std::string(c.name) + ".tmpl", profileTemplate(c.method));
    const auto out = files.dir.path() / (std::string(c.name) + "-signed.xml");
    const auto run =
        testing::runCommand("xmlsec1 sign --pwd pw --privkey-pem " + key + "," +
                            (files.dir.path() / (std::string(c.name) + "-cert.pem")).string() +
                            " --output " + out.string() + " " + tmpl.string());
    REQUIRE_MESSAGE(run.status == 0, run.output);
    const auto report = verify(*core::readFile(out), pki.trust());
    REQUIRE(report.signatures.size() == 1);
    CHECK_MESSAGE(report.signatures[0].valid, report.signatures[0].reason.en);
    CHECK(report.signatures[0].signer_subject == c.cert.subject());
  }
}

TEST_CASE("xmlsec vectors: ECDSA-SHA256 with a named key, and the signed template") {
  crypto::TrustStore named;
  named.addNamedKey(
      "TestKeyName-ec-prime256v1",
      *crypto::PublicKey::loadPem(*core::readFile(kVectors / "keys/ec/ec-prime256v1-pubkey.pem")));
  const auto report = verify(
      *core::readFile(kVectors / "aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml"), named);
  REQUIRE(report.signatures.size() == 1);
  CHECK_MESSAGE(report.signatures[0].valid, report.signatures[0].reason.en);
  CHECK(report.signatures[0].key_source == "key-name:TestKeyName-ec-prime256v1");

  testing::TempDir dir;
  const auto out = dir.path() / "signed.xml";
  const auto run = testing::runCommand(
      "xmlsec1 sign --privkey-pem:TestKeyName-ec-prime256v1 " +
      (kVectors / "keys/ec/ec-prime256v1-key.pem").string() + " --output " + out.string() + " " +
      (kVectors / "aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.tmpl").string());
  REQUIRE_MESSAGE(run.status == 0, run.output);
  CHECK(verify(*core::readFile(out), named).allValid());

  crypto::TrustStore nobody;
  nobody.addNamedKey(
      "someone-else",
      *crypto::PublicKey::loadPem(*core::readFile(kVectors / "keys/ec/ec-prime256v1-pubkey.pem")));
  CHECK(verify(*core::readFile(kVectors / "aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml"),
               nobody)
            .signatures.at(0)
            .code == "signature.untrusted");
}

TEST_CASE("xmlsec vectors: X.509 chain with a missing intermediate, three trust settings") {
  const std::string text =
      *core::readFile(kVectors / "aleksey-xmldsig-01/enveloped-x509-missing-cert.xml");
  const auto cert = [](const char* name) {
    return *crypto::Certificate::loadPem(*core::readFile(kVectors / "keys" / name));
  };

  crypto::TrustStore full;
  full.addIntermediate(cert("ca2cert.pem"));
  full.addAnchor(cert("cacert.pem"));
  const auto ok = verify(text, full);
  REQUIRE(ok.signatures.size() == 1);
  CHECK_MESSAGE(ok.signatures[0].valid, ok.signatures[0].reason.en);

  crypto::TrustStore anchor_only;
  anchor_only.addAnchor(cert("cacert.pem"));
  CHECK(verify(text, anchor_only).signatures.at(0).code == "signature.untrusted");

  crypto::TrustStore wrong_anchor;
  wrong_anchor.addIntermediate(cert("ca2cert.pem"));
  wrong_anchor.addAnchor(cert("rsa/rsa-2048-cert.pem"));
  CHECK(verify(text, wrong_anchor).signatures.at(0).code == "signature.untrusted");
}

namespace {

// xmlsec1 signs `tmpl` with the seal's or the person's key; returns the signed text.
std::string xmlsecSign(PkiFiles& files, const std::string& name, const crypto::PrivateKey& key,
                       const crypto::Certificate& cert, const std::string& tmpl) {
  const std::string key_file = files.key(name, key, cert);
  const auto in = files.dir.write(name + ".tmpl", tmpl);
  const auto out = files.dir.path() / (name + "-signed.xml");
  const auto run = testing::runCommand("xmlsec1 sign --pwd pw --privkey-pem " + key_file + "," +
                                       (files.dir.path() / (name + "-cert.pem")).string() +
                                       " --output " + out.string() + " " + in.string());
  REQUIRE_MESSAGE(run.status == 0, run.output);
  return *core::readFile(out);
}

}  // namespace

TEST_CASE(
    "every canonicalization the profile accepts, with and without comments, as xmlsec1 makes it") {
  const auto& pki = testing::testPki();
  PkiFiles files;
  int n = 0;
  for (const char* c14n :
       {"http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
        "http://www.w3.org/2006/12/xml-c14n11", "http://www.w3.org/2006/12/xml-c14n11#WithComments",
        "http://www.w3.org/2001/10/xml-exc-c14n#",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"}) {
    INFO(c14n);
    // A comment in the content: removed by URI="" whatever the method says.
    const std::string tmpl = testing::replaceOnce(
        profileTemplate("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", c14n), "<nominees>",
        "<nominees><!-- danh sách -->");
    const std::string signed_text =
        xmlsecSign(files, "c14n" + std::to_string(n++), pki.seal_key, pki.seal, tmpl);
    const auto report = verify(signed_text, pki.trust());
    REQUIRE(report.signatures.size() == 1);
    CHECK_MESSAGE(report.signatures[0].valid, report.signatures[0].reason.en);
    CHECK_FALSE(verify(testing::replaceOnce(signed_text, "Lê Thị Hoa", "Lê Thị Hòa"), pki.trust())
                    .allValid());
  }
}

TEST_CASE("every signature and digest algorithm the profile accepts, as xmlsec1 makes it") {
  const auto& pki = testing::testPki();
  PkiFiles files;
  struct Case {
    const char* method;
    const char* digest;
    bool rsa;
  };
  int n = 0;
  for (const Case& c : {Case{"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                             "http://www.w3.org/2001/04/xmlenc#sha256", true},
                        Case{"http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
                             "http://www.w3.org/2001/04/xmldsig-more#sha384", true},
                        Case{"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
                             "http://www.w3.org/2001/04/xmlenc#sha512", true},
                        Case{"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
                             "http://www.w3.org/2001/04/xmlenc#sha512", false},
                        Case{"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
                             "http://www.w3.org/2001/04/xmldsig-more#sha384", false}}) {
    INFO(c.method);
    const std::string tmpl =
        profileTemplate(c.method, "http://www.w3.org/2001/10/xml-exc-c14n#", c.digest);
    const std::string signed_text =
        c.rsa ? xmlsecSign(files, "alg" + std::to_string(n++), pki.person_key, pki.person, tmpl)
              : xmlsecSign(files, "alg" + std::to_string(n++), pki.seal_key, pki.seal, tmpl);
    const auto report = verify(signed_text, pki.trust());
    REQUIRE(report.signatures.size() == 1);
    CHECK_MESSAGE(report.signatures[0].valid, report.signatures[0].reason.en);
  }

  // SHA-1, as old documents have it: refused unless the legacy option is set.
  const std::string sha1 = xmlsecSign(files, "sha1", pki.person_key, pki.person,
                                      profileTemplate("http://www.w3.org/2000/09/xmldsig#rsa-sha1",
                                                      "http://www.w3.org/2001/10/xml-exc-c14n#",
                                                      "http://www.w3.org/2000/09/xmldsig#sha1"));
  CHECK(verify(sha1, pki.trust()).signatures.at(0).code == "signature.sha1-refused");
  auto parsed = xml::parse(sha1);
  crypto::VerifyOptions legacy;
  legacy.allow_sha1 = true;
  CHECK(crypto::verifyEnveloped(*parsed.document, pki.trust(), legacy).allValid());
}

TEST_CASE("a KeyValue-only signature made by xmlsec1 is refused") {
  const auto& pki = testing::testPki();
  PkiFiles files;
  std::string tmpl = profileTemplate("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  tmpl = testing::replaceOnce(tmpl, "<KeyInfo><X509Data/></KeyInfo>",
                              "<KeyInfo><KeyValue/></KeyInfo>");
  const std::string signed_text = xmlsecSign(files, "keyvalue", pki.person_key, pki.person, tmpl);
  REQUIRE(signed_text.find("KeyValue") != std::string::npos);
  CHECK(verify(signed_text, pki.trust()).signatures.at(0).code == "signature.keyvalue-only");
}
