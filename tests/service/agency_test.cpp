// Seals: each authority of a province installation issues its documents under its own name and
// seal, and a seal from a licensed CA replaces the one the installation issued.
#include "engine/service/agency.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/demo.hpp"
#include "engine/service/keys.hpp"
#include "engine/service/signatures.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::Office;

namespace fs = std::filesystem;

namespace {

struct Province : Office {
  Province() { REQUIRE(service::seedProvinceDemo(*data)); }

  // The receipt a commune's office issues for a sample dossier: its XML.
  std::string receiptOf(const std::string& sample, const std::string& office) {
    const model::DossierInstance d = submitSample(sample);
    auto received = act(office, d.id, "receive");
    REQUIRE_MESSAGE(received, (received ? "" : received.error().message));
    REQUIRE_FALSE(received->documents.empty());
    auto doc = workflow->document(as(office), d.id, received->documents.front().id);
    REQUIRE(doc);
    return doc->second;
  }

  // The subject of the seal (the last signature) of a signed document, checked against the
  // installation's trust directory.
  std::string sealSubject(const std::string& xml) {
    auto verifier = service::SignatureVerifier::open(service::agencyPaths(root).trust_dir);
    REQUIRE(verifier);
    const service::FileSignatures checked = verifier->verifyBytes(xml, "document");
    CHECK(checked.valid());
    REQUIRE_FALSE(checked.report.signatures.empty());
    return checked.report.signatures.back().signer_subject;
  }
};

std::string issuerOf(const std::string& xml) {
  std::smatch m;
  REQUIRE(std::regex_search(xml, m, std::regex("<issuer>([^<]*)</issuer>")));
  return m[1];
}

const char* const kSonKim = "samples/dossiers/valid/26-tyt-son-kim-1-2026-advanced-worker.xml";
const char* const kSonTay = "samples/dossiers/valid/16-tyt-son-tay-2025-advanced-worker.xml";

}  // namespace

TEST_CASE("each commune issues its documents under its own name and its own seal") {
  Province o;
  const std::string son_kim = o.receiptOf(kSonKim, "sonkim1-van-phong");
  const std::string son_tay = o.receiptOf(kSonTay, "sontay-van-phong");
  CHECK(issuerOf(son_kim) == "Ủy ban nhân dân xã Sơn Kim 1");
  CHECK(issuerOf(son_tay) == "Ủy ban nhân dân xã Sơn Tây");
  // Neither is the installation's seal, nor the abolished district's name.
  CHECK(o.sealSubject(son_kim).find("CN=Ủy ban nhân dân xã Sơn Kim 1") != std::string::npos);
  CHECK(o.sealSubject(son_tay).find("CN=Ủy ban nhân dân xã Sơn Tây") != std::string::npos);
  CHECK(son_kim.find("huyện Hương Sơn") == std::string::npos);

  // The administrator sees every authority's seal among the installation's certificates.
  auto certificates = service::listCertificates(*o.data, o.as("tinh-quan-tri"));
  REQUIRE(certificates);
  int seals = 0;
  for (const service::CertificateInfo& c : *certificates) {
    if (c.kind != "seal") continue;
    ++seals;
    if (c.owner == "UBND-SONKIM1") CHECK(c.subject.find("Sơn Kim 1") != std::string::npos);
  }
  CHECK(seals >= 4);  // the province and three communes of the demo, at least
}

TEST_CASE("a commune's administrator lists its own seal and people's certificates, no one else's") {
  Province o;
  std::vector<service::DemoAccount> some;
  for (const service::DemoAccount& a : service::provinceDemoAccounts()) {
    for (const std::string login :
         {"sonkim1-chu-tich", "xa-sonkim1", "sontay-chu-tich", "tinh-chu-tich"})
      if (a.user.login == login) some.push_back(a);
  }
  REQUIRE(some.size() == 4);
  REQUIRE(service::issueDemoKeys(o.root, some));
  const auto listed = [&](const std::string& admin) {
    auto certificates = service::listCertificates(*o.data, o.as(admin));
    REQUIRE_MESSAGE(certificates, admin);
    std::set<std::string> out;
    for (const service::CertificateInfo& c : *certificates) out.insert(c.kind + ":" + c.owner);
    return out;
  };
  const std::set<std::string> commune = listed("sonkim1-quan-tri");
  CHECK(commune.count("seal:UBND-SONKIM1") == 1);
  CHECK(commune.count("user:sonkim1-chu-tich") == 1);
  CHECK(commune.count("user:xa-sonkim1") == 1);  // a user of a unit under the commune
  for (const std::string other :
       {"seal:UBND-SONTAY", "seal:UBND-HATINH", "user:sontay-chu-tich", "user:tinh-chu-tich"})
    CHECK_MESSAGE(commune.count(other) == 0, other);
  for (const std::string& entry : commune) CHECK_MESSAGE(entry.rfind("agency:", 0) != 0, entry);
  // The trust anchors every authority relies on are listed to each.
  CHECK(std::any_of(commune.begin(), commune.end(),
                    [](const std::string& e) { return e.rfind("anchor:", 0) == 0; }));
  // The province's administrator manages every authority: all of it.
  const std::set<std::string> province = listed("tinh-quan-tri");
  for (const std::string each : {"seal:UBND-SONKIM1", "seal:UBND-SONTAY", "seal:UBND-HATINH",
                                 "user:sontay-chu-tich", "user:tinh-chu-tich", "user:xa-sonkim1"})
    CHECK_MESSAGE(province.count(each) == 1, each);
  CHECK(std::any_of(province.begin(), province.end(),
                    [](const std::string& e) { return e.rfind("agency:", 0) == 0; }));
}

TEST_CASE("a seal from a licensed CA replaces the issued one once the installation trusts it") {
  Province o;
  // A CA outside the installation, as a licensed public CA would be.
  const fs::path ca = o.dir.path() / "licensed-ca";
  service::InitCaRequest made;
  made.subject = "CN=CA công cộng thử nghiệm,C=VN";
  made.passphrase = "ca-passphrase";
  made.out_dir = ca;
  REQUIRE(service::initCa(made));
  service::IssueRequest request;
  request.ca_cert = ca / "ca-cert.pem";
  request.ca_key = ca / "ca-key.pem";
  request.ca_passphrase = "ca-passphrase";
  request.subject = "CN=Ủy ban nhân dân xã Sơn Tây,O=UBND-SONTAY,C=VN";
  request.profile = crypto::CertificateProfile::Seal;
  request.passphrase = "seal-passphrase";
  request.out_prefix = ca / "son-tay";
  REQUIRE(service::issue(request));
  const fs::path key = ca / "son-tay-key.pem";
  const fs::path cert = ca / "son-tay-cert.pem";
  const fs::path chain = ca / "son-tay-chain.pem";
  const std::time_t now = o.clock.now();

  // A store from before seals were kept: Sơn Tây's seal is issued with its first document.
  const fs::path sealed_at = service::agencyPaths(o.root).dir / "authorities" / "UBND-SONTAY";
  fs::remove_all(sealed_at);
  CHECK(service::loadAuthoritySeal(o.root, "UBND-SONTAY").error().code == core::Errc::NotFound);
  const std::string first = o.receiptOf(kSonTay, "sontay-van-phong");
  auto before = service::loadAuthoritySeal(o.root, "UBND-SONTAY");
  REQUIRE(before);
  const auto kept_files = [&] {
    return core::readFile(sealed_at / "seal-cert.pem").value() +
           core::readFile(sealed_at / "seal-key.pem").value();
  };
  const std::string kept = kept_files();
  CHECK(o.sealSubject(first).find("CN=Ủy ban nhân dân xã Sơn Tây") != std::string::npos);

  // Not trusted yet: refused, nothing replaced.
  auto untrusted = service::installAuthoritySeal(o.root, "UBND-SONTAY", key, cert, chain,
                                                 "seal-passphrase", now);
  REQUIRE_FALSE(untrusted);
  CHECK(untrusted.error().code == core::Errc::Invalid);
  CHECK(untrusted.error().message.find("trust") != std::string::npos);
  CHECK(kept_files() == kept);
  // A wrong passphrase, a key that is not the certificate's, a code that is a path: refused.
  CHECK_FALSE(service::installAuthoritySeal(o.root, "UBND-SONTAY", key, cert, chain, "sai", now));
  const fs::path other_key =
      service::agencyPaths(o.root).dir / "authorities" / "UBND-SONKIM1" / "seal-key.pem";
  const std::string agency_secret =
      service::readPassphrase(service::agencyPaths(o.root).passphrase).value();
  auto mismatched = service::installAuthoritySeal(o.root, "UBND-SONTAY", other_key, cert, chain,
                                                  agency_secret, now);
  REQUIRE_FALSE(mismatched);
  CHECK(mismatched.error().message.find("does not belong") != std::string::npos);
  CHECK(service::installAuthoritySeal(o.root, "..", key, cert, chain, "seal-passphrase", now)
            .error()
            .code == core::Errc::InvalidArgument);
  CHECK(kept_files() == kept);

  // The operator adds the CA to the trust anchors; the seal installs, and the running workflow
  // seals Sơn Tây's next document with it.
  REQUIRE(core::writeFileAtomic(service::agencyPaths(o.root).trust_dir / "anchors" / "licensed.pem",
                                core::readFile(ca / "ca-cert.pem").value()));
  REQUIRE(service::installAuthoritySeal(o.root, "UBND-SONTAY", key, cert, chain, "seal-passphrase",
                                        now));
  CHECK(kept_files() != kept);
  o.reopen();  // the workflow's verifier reads the new anchor when it opens
  const std::string receipt = o.receiptOf(kSonTay, "sontay-van-phong");
  const std::string subject = o.sealSubject(receipt);
  CHECK(subject.find("O=UBND-SONTAY") != std::string::npos);
  auto after = service::loadAuthoritySeal(o.root, "UBND-SONTAY");
  REQUIRE(after);
  CHECK(after->certificate.issuer().find("CA công cộng thử nghiệm") != std::string::npos);
  CHECK_FALSE(after->certificate == before->certificate);
}

TEST_CASE("an authority code is never a path") {
  Office o;
  for (const char* code : {"..", ".", ".hidden", "a/b", ""}) {
    model::AuthorityRecord a;
    a.code = code;
    a.name = "Ủy ban nhân dân xã Thử";
    a.level = model::Level::Commune;
    CHECK_MESSAGE(
        service::addAuthority(*o.data, a, "admin").error().code == core::Errc::InvalidArgument,
        code);
    CHECK(service::authoritySealDir(o.root, code).error().code == core::Errc::InvalidArgument);
  }
}
