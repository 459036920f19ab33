#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "engine/cli/cli.hpp"
#include "engine/core/file.hpp"
#include "tests/cli/run_cli.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

using Run = testing::CliRun;

Run run(const std::vector<std::string>& args) { return testing::runCli(args); }

// A demo PKI made with `awardflow keys`, as a user would: a CA, a person (RSA, PEM) and an
// agency seal (EC, PKCS#12), and a trust directory holding the CA.
struct DemoPki {
  testing::TempDir dir;
  std::string path(const std::string& name) const { return (dir.path() / name).string(); }
  DemoPki() {
    dir.write("ca.pass", "ca-passphrase\n");
    dir.write("key.pass", "key-passphrase\n");
    REQUIRE(run({"keys", "init-ca", "--subject", "CN=Demo CA,O=Sở Nội vụ tỉnh Hà Tĩnh,C=VN",
                 "--passphrase-file", path("ca.pass"), "--out", path("ca")})
                .status == 0);
    const std::vector<std::string> ca = {
        "--ca-cert",           path("ca/ca-cert.pem"), "--ca-key",
        path("ca/ca-key.pem"), "--ca-passphrase-file", path("ca.pass"),
        "--passphrase-file",   path("key.pass")};
    auto issue = [&](std::vector<std::string> args) {
      args.insert(args.begin(), {"keys", "issue"});
      args.insert(args.end(), ca.begin(), ca.end());
      const Run r = run(args);
      REQUIRE_MESSAGE(r.status == 0, r.err);
    };
    issue({"--subject", "CN=Trần Văn Bình,O=UBND xã Sơn Tiến,C=VN", "--kind", "person",
           "--algorithm", "rsa", "--out", path("binh")});
    issue({"--subject", "CN=UBND xã Sơn Tiến,C=VN", "--kind", "seal", "--format", "p12", "--out",
           path("seal")});
    std::filesystem::create_directories(dir.path() / "trust/anchors");
    std::filesystem::copy_file(dir.path() / "ca/ca-cert.pem", dir.path() / "trust/anchors/ca.pem");
  }
};

}  // namespace

TEST_CASE("keys: files are written once, private keys encrypted and private") {
  DemoPki pki;
  const std::string key = *core::readFile(pki.path("binh-key.pem"));
  CHECK(key.find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);
  CHECK(key.find("key-passphrase") == std::string::npos);
  CHECK((std::filesystem::status(pki.path("binh-key.pem")).permissions() &
         std::filesystem::perms::group_read) == std::filesystem::perms::none);
  CHECK(std::filesystem::exists(pki.path("seal.p12")));
  // Nothing is overwritten.
  const Run again = run({"keys", "init-ca", "--subject", "CN=Other", "--passphrase-file",
                         pki.path("ca.pass"), "--out", pki.path("ca")});
  CHECK(again.status == cli::kExitData);
  CHECK(again.err.find("exists already") != std::string::npos);
  // A wrong CA passphrase is said plainly, and the passphrase is not echoed.
  pki.dir.write("wrong.pass", "nope\n");
  const Run wrong =
      run({"keys", "issue", "--ca-cert", pki.path("ca/ca-cert.pem"), "--ca-key",
           pki.path("ca/ca-key.pem"), "--ca-passphrase-file", pki.path("wrong.pass"),
           "--passphrase-file", pki.path("key.pass"), "--subject", "CN=X", "--out", pki.path("x")});
  CHECK(wrong.status == cli::kExitData);
  CHECK(wrong.err.find("wrong passphrase") != std::string::npos);
  CHECK(wrong.err.find("nope") == std::string::npos);
  CHECK(run({"keys", "init-ca", "--subject", "CN=Y", "--out", pki.path("y")}).status ==
        cli::kExitUsage);
  CHECK(run({"keys"}).status == cli::kExitUsage);
  CHECK(run({"keys", "frob"}).status == cli::kExitUsage);
}

TEST_CASE("sign twice, verify: signer and seal, tampering and revocation change the verdict") {
  DemoPki pki;
  const auto dossier = pki.dir.write("dossier.xml", testing::kAdvancedWorkerDossier);
  Run s1 =
      run({"sign", "--key", pki.path("binh-key.pem"), "--cert", pki.path("binh-cert.pem"),
           "--passphrase-file", pki.path("key.pass"), dossier.string(), "-o", pki.path("s1.xml")});
  REQUIRE_MESSAGE(s1.status == 0, s1.err);
  Run s2 = run({"sign", "--key", pki.path("seal.p12"), "--passphrase-file", pki.path("key.pass"),
                pki.path("s1.xml"), "--output", pki.path("s2.xml")});
  REQUIRE_MESSAGE(s2.status == 0, s2.err);

  const Run ok = run({"verify", "--trust", pki.path("trust"), "--lang", "en", pki.path("s2.xml")});
  CHECK(ok.status == 0);
  CHECK(ok.out.find("2/2 signatures valid") != std::string::npos);
  CHECK(ok.out.find("signer: CN=Trần Văn Bình,O=UBND xã Sơn Tiến,C=VN") != std::string::npos);

  const Run json =
      run({"verify", "--trust", pki.path("trust"), "--format", "json", pki.path("s2.xml")});
  Poco::JSON::Parser parser;
  const auto root = parser.parse(json.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(root->getValue<bool>("valid"));
  const auto sigs = root->getArray("files")->getObject(0)->getArray("signatures");
  REQUIRE(sigs->size() == 2);
  CHECK(sigs->getObject(1)->getValue<std::string>("algorithm") == "ecdsa-sha256");
  CHECK(sigs->getObject(0)->getObject("signer")->getValue<std::string>("subject").find(
            "Trần Văn Bình") != std::string::npos);

  // Tampered content: exit 65 with the reason in Vietnamese by default.
  pki.dir.write("tampered.xml", testing::replaceOnce(*core::readFile(pki.path("s2.xml")),
                                                     "Lê Thị Hoa", "Lê Thị Hòa"));
  const Run bad = run({"verify", "--trust", pki.path("trust"), pki.path("tampered.xml")});
  CHECK(bad.status == 65);
  CHECK(bad.out.find("signature.digest-mismatch") != std::string::npos);
  CHECK(bad.out.find("đã bị thay đổi") != std::string::npos);

  // Revoke the person's certificate: that signature fails, the seal's stands.
  REQUIRE(run({"keys", "crl", "--ca-cert", pki.path("ca/ca-cert.pem"), "--ca-key",
               pki.path("ca/ca-key.pem"), "--ca-passphrase-file", pki.path("ca.pass"), "--out",
               pki.path("trust/crls/ca.pem"), pki.path("binh-cert.pem")})
              .status == 0);
  const Run revoked =
      run({"verify", "--trust", pki.path("trust"), "--lang", "en", pki.path("s2.xml")});
  CHECK(revoked.status == 65);
  CHECK(revoked.out.find("signature.certificate-revoked") != std::string::npos);
  CHECK(revoked.out.find("1/2 signatures valid") != std::string::npos);

  // Later than the certificates' validity.
  std::filesystem::remove(pki.path("trust/crls/ca.pem"));
  CHECK(run({"verify", "--trust", pki.path("trust"), "--at", "2099-01-01", pki.path("s2.xml")})
            .status == 65);
  CHECK(run({"verify", "--trust", pki.path("trust"), "--at", "tomorrow", pki.path("s2.xml")})
            .status == 64);
}

TEST_CASE("validate --trust reports signature verdicts beside the dossier's rules") {
  DemoPki pki;
  const auto dossier = pki.dir.write("dossier.xml", testing::kAdvancedWorkerDossier);
  REQUIRE(run({"sign", "--key", pki.path("seal.p12"), "--passphrase-file", pki.path("key.pass"),
               dossier.string(), "-o", pki.path("signed.xml")})
              .status == 0);
  const Run ok =
      run({"validate", "--trust", pki.path("trust"), "--lang", "en", pki.path("signed.xml")});
  CHECK(ok.status == 0);
  CHECK(ok.out.find("[notice] signature.valid") != std::string::npos);
  const Run unsigned_dossier =
      run({"validate", "--trust", pki.path("trust"), "--lang", "en", dossier.string()});
  CHECK(unsigned_dossier.status == 0);
  CHECK(unsigned_dossier.out.find("[warning] signature.none") != std::string::npos);
  pki.dir.write("bad.xml", testing::replaceOnce(*core::readFile(pki.path("signed.xml")),
                                                "<birthYear>1980", "<birthYear>1979"));
  const Run bad = run({"validate", "--trust", pki.path("trust"), pki.path("bad.xml")});
  CHECK(bad.status == 65);
  CHECK(bad.out.find("signature.digest-mismatch") != std::string::npos);
  CHECK(run({"validate", "--trust", pki.path("nowhere"), dossier.string()}).status == 78);
}

TEST_CASE("sign: usage and input errors") {
  DemoPki pki;
  const auto dossier = pki.dir.write("dossier.xml", testing::kAdvancedWorkerDossier);
  CHECK(run({"sign", dossier.string()}).status == 64);
  CHECK(run({"sign", "--key", pki.path("binh-key.pem"), "--passphrase-file", pki.path("key.pass"),
             dossier.string()})
            .status == 64);  // no certificate
  CHECK(run({"sign", "--key", pki.path("none.pem"), "--cert", pki.path("binh-cert.pem"),
             dossier.string()})
            .status == 66);
  const auto broken = pki.dir.write("broken.xml", "<dossier>");
  CHECK(run({"sign", "--key", pki.path("seal.p12"), "--passphrase-file", pki.path("key.pass"),
             broken.string()})
            .status == 65);
  CHECK(run({"verify", dossier.string()}).status == 64);  // no --trust
  const auto doctype =
      pki.dir.write("doctype.xml", "<!DOCTYPE dossier [<!ENTITY x 'y'>]>\n<dossier>&x;</dossier>");
  const Run refused =
      run({"verify", "--trust", pki.path("trust"), "--lang", "en", doctype.string()});
  CHECK(refused.status == 65);
  CHECK(refused.out.find("xml.doctype") != std::string::npos);
  CHECK(run({"verify", "--trust", pki.path("trust"), pki.path("missing.xml")}).status == 66);
}
