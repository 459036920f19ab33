// Upward proposals that arrive: a village's proposal through the commune's council to the
// province's decision, and back.
#include <algorithm>
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/demo.hpp"
#include "engine/service/signatures.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::driveToSeal;
using testing::Office;
using testing::Staff;

namespace {

const char* const kSample =
    "samples/dossiers/valid/28-thon-trung-luu-2026-provincial-certificate.xml";

Staff staffOf(const std::string& prefix) {
  return {prefix + "-van-phong",
          prefix + "-chu-tich",
          prefix + "-luu-tru",
          {prefix + "-hoi-dong-1", prefix + "-hoi-dong-2", prefix + "-hoi-dong-3"}};
}

// An office with the demo province: UBND tỉnh Hà Tĩnh, its communes, their people.
struct Province : Office {
  Province() { REQUIRE(service::seedProvinceDemo(*data)); }

  std::string session(const std::string& prefix) {
    auto s = workflow->openSession(as(prefix + "-van-phong"), "Phiên họp " + prefix,
                                   workflow->today(), {});
    REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
    return s->id;
  }

  service::DossierStatus status(const std::string& login, const std::string& id) {
    auto s = workflow->status(as(login), id);
    REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
    return *s;
  }

  core::Result<service::ActOutcome> forward(const std::string& id,
                                            const std::string& chair = "sontay-chu-tich") {
    service::ActRequest r;
    r.dossier_id = id;
    r.action = "forward";
    r.signer = keyOf(chair);
    return workflow->act(as(chair), r);
  }

  // The archival package of a sealed dossier, as its history records it.
  std::string fileCodeOf(const std::string& archivist, const std::string& id) {
    auto history = workflow->history(as(archivist), id);
    REQUIRE(history);
    std::smatch m;
    for (const store::Event& e : *history) {
      if (e.kind == "dossier.seal" &&
          std::regex_search(e.payload, m, std::regex("\"fileCode\":\"([^\"]+)\"")))
        return m[1];
    }
    FAIL("no seal event for " << id);
    return "";
  }
};

// The queue says what status() says: for each of `logins`, every dossier the queue holds has
// the allowed actions of its status, and every dossier of `ids` whose status allows an action
// is in the queue.
void queueAgreesWithStatus(Province& o, const std::vector<std::string>& logins,
                           const std::vector<std::string>& ids) {
  const auto allowed = [](const std::vector<workflow::Choice>& choices) {
    std::set<std::string> out;
    for (const workflow::Choice& c : choices)
      if (c.allowed()) out.insert(c.action->id);
    return out;
  };
  for (const std::string& login : logins) {
    CAPTURE(login);
    auto page = o.workflow->queue(o.as(login), std::nullopt, 200);
    REQUIRE(page);
    std::set<std::string> queued;
    for (const service::Workflow::QueueItem& item : page->items) {
      queued.insert(item.instance.id);
      auto status = o.workflow->status(o.as(login), item.instance.id);
      REQUIRE(status);
      CHECK(allowed(item.choices) == allowed(status->choices));
      CHECK(item.state_label_vi == status->state_label_vi);
      CHECK(item.working_days_left == status->working_days_left);
      CHECK(item.decided == status->decision.has_value());
    }
    for (const std::string& id : ids) {
      auto status = o.workflow->status(o.as(login), id);
      if (!status || allowed(status->choices).empty()) continue;
      CHECK_MESSAGE(queued.count(id) == 1, id);
    }
  }
}

bool hasFile(const service::DossierStatus& s, const std::string& prefix) {
  return std::any_of(s.files.begin(), s.files.end(),
                     [&](const model::StoredFile& f) { return f.name.rfind(prefix, 0) == 0; });
}

const model::OfficeDocument* documentOf(const service::DossierStatus& s, const std::string& kind) {
  for (const model::OfficeDocument& d : s.documents)
    if (d.kind == kind) return &d;
  return nullptr;
}

// The dossier `above` that `below`'s forward made: in the province's scope, linked back, proposed
// by `unit` under the province's rulebook, signed, and holding the signed proposal (signed by
// `chair` in the name of `issuer`), the tally, the dossier below and its scan `scan`. Returns its
// status.
service::DossierStatus checkArrival(Province& o, const std::string& above, const std::string& below,
                                    const std::string& unit, const std::string& scan,
                                    const std::string& chair, const std::string& issuer) {
  service::DossierStatus province = o.status("tinh-van-phong", above);
  CHECK(province.arrived_from == std::optional<std::string>(below));
  CHECK(province.instance.authority_code == std::optional<std::string>("UBND-HATINH"));
  CHECK(province.instance.unit_code == unit);
  CHECK(province.instance.rulebook_id == "ha-tinh-province-2025");
  CHECK(province.instance.procedure_id == "provincial-certificate");
  CHECK(province.instance.signed_valid);
  CHECK(hasFile(province, "to-trinh-"));
  CHECK(hasFile(province, "bien-ban-kiem-phieu-"));
  CHECK(hasFile(province, "ho-so-" + below + "-r1.xml"));
  CHECK(hasFile(province, scan));
  const auto proposal =
      std::find_if(province.files.begin(), province.files.end(),
                   [](const model::StoredFile& f) { return f.name.rfind("to-trinh-", 0) == 0; });
  REQUIRE(proposal != province.files.end());
  auto proposal_bytes = o.workflow->file(o.as("tinh-van-phong"), above, proposal->name);
  REQUIRE(proposal_bytes);
  CHECK(proposal_bytes->second.find("Tờ trình đề nghị khen thưởng") != std::string::npos);
  CHECK(proposal_bytes->second.find(chair) != std::string::npos);  // signed by
  CHECK(proposal_bytes->second.find(issuer) != std::string::npos);
  return province;
}

// The province decided `above`: `below` (read by its archivist `archivist`) is decided-above
// with the same signed decision; it is sealed, and both packages verify, each holding the other
// side's documents.
void checkDecidedAndSealed(Province& o, const std::string& above, const std::string& below,
                           const std::string& archivist) {
  const service::DossierStatus decided = o.status(archivist, below);
  CHECK(decided.instance.state == "decided-above");
  const model::OfficeDocument* copy = documentOf(decided, "decision-above");
  REQUIRE(copy != nullptr);
  const service::DossierStatus province_decided = o.status("tinh-luu-tru", above);
  const model::OfficeDocument* original = documentOf(province_decided, "decision");
  REQUIRE(original != nullptr);
  CHECK(copy->sha256 == original->sha256);
  CHECK(copy->notation == original->notation);

  REQUIRE(o.act(archivist, below, "seal"));
  service::Archive archive(*o.data, o.clock);
  for (const auto& [who, id] : std::vector<std::pair<std::string, std::string>>{
           {"tinh-luu-tru", above}, {archivist, below}}) {
    const std::string code = o.fileCodeOf(who, id);
    auto check = archive.verify(o.as(who), code);
    REQUIRE(check);
    CHECK_MESSAGE(check->valid(), id);
    auto contents = archive.contents(o.as(who), code);
    REQUIRE(contents);
    const auto holds = [&](const std::string& part) {
      return std::any_of(contents->begin(), contents->end(), [&](const archive::MetsFile& f) {
        return f.path.find(part) != std::string::npos;
      });
    };
    if (id == above) {
      CHECK(holds("to-trinh-"));
      CHECK(holds("ho-so-" + below));
    } else {
      CHECK(holds(copy->id));
    }
  }
}

}  // namespace

TEST_CASE(
    "a commune's proposal arrives at the province, is returned, completed, decided, and "
    "both archives hold each other's documents") {
  Province o;
  const std::string commune_session = o.session("sontay");
  auto submitted = o.workflow->submit(o.as("thon-trungluu"),
                                      o.request(o.signedSample(kSample, "thon-trungluu")));
  REQUIRE_MESSAGE(submitted, (submitted ? "" : submitted.error().message));
  const std::string below = submitted->instance.id;
  CHECK(submitted->instance.authority_code == std::optional<std::string>("UBND-SONTAY"));

  // The commune's council votes; the chairperson signs and forwards.
  const auto states =
      driveToSeal(o, below, commune_session, staffOf("sontay"), {"proposal-pending"});
  CHECK(states.back() == "proposal-pending");
  const std::int64_t before_forward = o.events();
  auto forwarded = o.forward(below);
  REQUIRE_MESSAGE(
      forwarded,
      (forwarded
           ? ""
           : forwarded.error().message + " " +
                 (forwarded.error().details.empty() ? "" : forwarded.error().details.front())));
  CHECK(forwarded->instance.state == "forwarded");
  CHECK(o.events() == before_forward + 2);  // the forward below, the arrival above

  const service::DossierStatus commune = o.status("sontay-van-phong", below);
  REQUIRE(commune.forwarded_as);
  const std::string above = *commune.forwarded_as;

  // It is in the province's intake, with the commune's signed proposal, the tally, the village's
  // dossier and its scans, linked back.
  auto intake = o.workflow->list(o.as("tinh-van-phong"), std::string("submitted"));
  REQUIRE(intake);
  CHECK(std::any_of(intake->begin(), intake->end(),
                    [&](const model::DossierInstance& d) { return d.id == above; }));
  service::DossierStatus province =
      checkArrival(o, above, below, "XA-SONTAY", "thon-trung-luu-2026-bctt-ho-nguyen-van-toan.pdf",
                   "sontay-chu-tich", "xã Sơn Tây");

  queueAgreesWithStatus(o,
                        {"tinh-van-phong", "tinh-chu-tich", "sontay-van-phong", "sontay-chu-tich"},
                        {above, below});
  // Each side sees its own: the commune's office not the province's dossier, the village its own.
  CHECK(o.workflow->status(o.as("sontay-van-phong"), above).error().code == core::Errc::NotFound);
  CHECK(o.workflow->status(o.as("thon-trungluu"), above).error().code == core::Errc::NotFound);
  CHECK(o.workflow->status(o.as("sonkim1-van-phong"), below).error().code == core::Errc::NotFound);
  // A unit never acts on the incoming dossier: it is completed below.
  o.addUser("nop-xa-sontay", model::Role::SubmittingUnit, std::string("XA-SONTAY"));
  const auto withdrawn = o.act("nop-xa-sontay", above, "withdraw", "rút");
  REQUIRE_FALSE(withdrawn);
  CHECK(withdrawn.error().code == core::Errc::PermissionDenied);

  // The province returns it: the list reaches the commune's office and the village.
  service::ActRequest back;
  back.dossier_id = above;
  back.action = "return";
  back.deficiencies = {"Báo cáo thành tích chưa có xác nhận của UBND xã Sơn Tây"};
  REQUIRE(o.workflow->act(o.as("tinh-van-phong"), back));
  const service::DossierStatus returned = o.status("thon-trungluu", below);
  CHECK(returned.instance.state == "returned-above");
  REQUIRE_FALSE(returned.deficiency_lists.empty());
  CHECK(returned.deficiency_lists.back() == back.deficiencies);
  const service::DossierStatus office_view = o.status("sontay-van-phong", below);
  CHECK(documentOf(office_view, "deficiency-notice-above") != nullptr);

  queueAgreesWithStatus(o, {"thon-trungluu", "sontay-van-phong", "tinh-van-phong"}, {above, below});
  // The village completes; the commune's chairperson forwards again; the province's dossier
  // takes the completed proposal as its next revision.
  service::ActRequest again;
  again.dossier_id = below;
  again.action = "resubmit-above";
  again.resubmission = o.request(o.signedSample(kSample, "thon-trungluu"));
  auto completed = o.workflow->act(o.as("thon-trungluu"), again);
  REQUIRE_MESSAGE(completed, (completed ? "" : completed.error().message));
  CHECK(completed->instance.state == "proposal-pending");
  REQUIRE(o.forward(below));
  province = o.status("tinh-van-phong", above);
  CHECK(province.instance.state == "submitted");
  CHECK(province.instance.revision == 2);
  CHECK(o.status("sontay-van-phong", below).forwarded_as == std::optional<std::string>(above));

  // The province decides; the decision goes back down and closes the commune's dossier.
  const std::string province_session = o.session("tinh");
  driveToSeal(o, above, province_session, staffOf("tinh"), {"council-review"});
  queueAgreesWithStatus(o, {"tinh-van-phong", "tinh-hoi-dong-1", "tinh-chu-tich"}, {above});
  driveToSeal(o, above, province_session, staffOf("tinh"));
  checkDecidedAndSealed(o, above, below, "sontay-luu-tru");
}

TEST_CASE("a department's proposal arrives at the province, is decided, and both archives verify") {
  Province o;
  const char* const sample =
      "samples/dossiers/valid/29-thpt-huong-son-2026-provincial-certificate.xml";
  // The school submits to its department (an agency authority), not to the province.
  auto submitted =
      o.workflow->submit(o.as("thpt-huongson"), o.request(o.signedSample(sample, "thpt-huongson")));
  REQUIRE_MESSAGE(submitted, (submitted ? "" : submitted.error().message));
  const std::string below = submitted->instance.id;
  CHECK(submitted->instance.authority_code == std::optional<std::string>("SGDDT-HATINH"));
  CHECK(o.workflow->status(o.as("tinh-van-phong"), below).error().code == core::Errc::NotFound);
  CHECK(o.workflow->status(o.as("sontay-van-phong"), below).error().code == core::Errc::NotFound);

  // The department's council votes; its Director signs and forwards.
  driveToSeal(o, below, o.session("sgddt"), staffOf("sgddt"), {"proposal-pending"});
  auto forwarded = o.forward(below, "sgddt-chu-tich");
  REQUIRE_MESSAGE(forwarded, (forwarded ? "" : forwarded.error().message));
  CHECK(forwarded->instance.state == "forwarded");
  const service::DossierStatus department = o.status("sgddt-van-phong", below);
  REQUIRE(department.forwarded_as);
  const std::string above = *department.forwarded_as;

  // The province receives it from the department's own unit, with the signed proposal, the
  // tally, the school's dossier and its scans.
  checkArrival(o, above, below, "SO-GDDT-HATINH", "thpt-huong-son-2026-bctt-dinh-khoi.pdf",
               "sgddt-chu-tich", "Sở Giáo dục và Đào tạo");
  queueAgreesWithStatus(o, {"tinh-van-phong", "sgddt-van-phong", "sgddt-chu-tich"}, {above, below});
  CHECK(o.workflow->status(o.as("sgddt-van-phong"), above).error().code == core::Errc::NotFound);
  CHECK(o.workflow->status(o.as("thpt-huongson"), above).error().code == core::Errc::NotFound);

  // The province decides; its decision closes the department's dossier; both seal and verify.
  driveToSeal(o, above, o.session("tinh"), staffOf("tinh"));
  CHECK(o.status("thpt-huongson", below).instance.state == "decided-above");
  checkDecidedAndSealed(o, above, below, "sgddt-luu-tru");
  service::Archive archive(*o.data, o.clock);
  // Each side's archivist holds only its own package.
  auto foreign = archive.verify(o.as("sonkim1-luu-tru"), o.fileCodeOf("sgddt-luu-tru", below));
  REQUIRE_FALSE(foreign);
  CHECK(foreign.error().code == core::Errc::NotFound);

  // Years later the province revokes its decision: the department's sealed dossier says so too,
  // with the reason and the revocation, and stays sealed; its package still verifies.
  const std::string reason = "Phát hiện kê khai thành tích không trung thực";
  const std::int64_t before_revoke = o.events();
  auto revoked = o.act("tinh-chu-tich", above, "revoke", reason);
  REQUIRE_MESSAGE(revoked, (revoked ? "" : revoked.error().message));
  CHECK(revoked->instance.state == "revoked");
  CHECK(o.events() == before_revoke + 2);  // the revocation above, its answer below
  for (const std::string who : {"sgddt-luu-tru", "sgddt-van-phong", "thpt-huongson"}) {
    CAPTURE(who);
    const service::DossierStatus below_now = o.status(who, below);
    CHECK(below_now.instance.state == "sealed");
    REQUIRE(below_now.decision);
    REQUIRE(below_now.decision->revoked_at);
    CHECK(below_now.decision->revoke_reason == reason);
    CHECK(documentOf(below_now, "revocation-above") != nullptr);
  }
  auto still = archive.verify(o.as("sgddt-luu-tru"), o.fileCodeOf("sgddt-luu-tru", below));
  REQUIRE(still);
  CHECK(still->valid());
  // Revoking again is refused above and changes nothing below.
  const std::int64_t after_revoke = o.events();
  CHECK_FALSE(o.act("tinh-chu-tich", above, "revoke", reason));
  CHECK(o.events() == after_revoke);
}

TEST_CASE("a proposal nothing above can take is refused at forward, and nothing changes") {
  Province o;
  const std::string session = o.session("sontay");
  auto submitted = o.workflow->submit(o.as("thon-trungluu"),
                                      o.request(o.signedSample(kSample, "thon-trungluu")));
  REQUIRE(submitted);
  driveToSeal(o, submitted->instance.id, session, staffOf("sontay"), {"proposal-pending"});
  // The commune has no unit of its own to propose under (its unit made an agency's).
  auto db = o.data->database.transaction([](store::DatabaseImpl& tx) -> core::Result<void> {
    tx.session << "UPDATE units SET level = 'agency' WHERE code = 'XA-SONTAY'",
        Poco::Data::Keywords::now;
    return {};
  });
  REQUIRE(db);
  const std::int64_t before = o.events();
  auto refused = o.forward(submitted->instance.id);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::Config);
  CHECK(refused.error().message.find("no unit of its own") != std::string::npos);
  CHECK(o.events() == before);
  CHECK(o.status("sontay-van-phong", submitted->instance.id).instance.state == "proposal-pending");
}

TEST_CASE("a proposal that leaves the installation is one package, its manifest signed") {
  Office o;
  const std::string session = testing::openSession(o);
  const model::DossierInstance d =
      o.submitSample("samples/dossiers/valid/07-son-tien-2023-provincial-certificate.xml");
  // Before the chairperson signs there is nothing to hand on.
  const auto early = o.workflow->outgoingPackage(o.as("thuong-truc"), d.id);
  REQUIRE_FALSE(early);
  CHECK(early.error().code == core::Errc::IllegalTransition);
  driveToSeal(o, d.id, session, {}, {"forwarded"});
  auto forwarded = o.workflow->status(o.as("thuong-truc"), d.id);
  REQUIRE(forwarded);
  CHECK(forwarded->instance.state == "forwarded");
  CHECK_FALSE(forwarded->forwarded_as);  // the province is not in this installation

  auto package = o.workflow->outgoingPackage(o.as("chu-tich"), d.id);
  REQUIRE_MESSAGE(package, (package ? "" : package.error().message));
  CHECK(package->file_name == d.id + "-to-trinh.zip");
  const std::filesystem::path dir = o.dir.path() / "outgoing";
  std::filesystem::create_directories(dir);
  REQUIRE(core::writeFileAtomic(dir / package->file_name, package->bytes));
  const auto unzipped = testing::runCommand("cd " + dir.string() + " && python3 -m zipfile -e " +
                                            package->file_name + " .");
  REQUIRE_MESSAGE(unzipped.status == 0, unzipped.output);
  const std::filesystem::path root = dir / (d.id + "-to-trinh");
  const auto read = [](const std::filesystem::path& file) {
    auto bytes = core::readFile(file);
    REQUIRE_MESSAGE(bytes, file.string());
    return *bytes;
  };
  const std::string manifest = read(root / "manifest.xml");
  // Every file listed with the SHA-256 of its bytes, and the files are all there.
  std::regex entry(
      "<file name=\"([^\"]+)\" role=\"([a-z]+)\" size=\"[0-9]+\" sha256=\"([0-9a-f]+)\"");
  int listed = 0;
  std::set<std::string> roles;
  for (std::sregex_iterator it(manifest.begin(), manifest.end(), entry), end; it != end; ++it) {
    ++listed;
    roles.insert((*it)[2]);
    CHECK_MESSAGE(crypto::sha256Hex(read(root / (*it)[1].str())) == (*it)[3].str(), (*it)[1].str());
  }
  CHECK(roles == std::set<std::string>{"proposal", "tally", "dossier", "attachment"});
  CHECK(listed + 1 == std::distance(std::filesystem::directory_iterator(root),
                                    std::filesystem::directory_iterator()));
  // The reference tool accepts the agency's signature on the manifest and the chairperson's on
  // the proposal.
  const std::string ca = service::agencyPaths(o.root).ca_cert.string();
  std::smatch proposal;
  REQUIRE(std::regex_search(manifest, proposal, std::regex("name=\"(to-trinh-[^\"]+)\"")));
  for (const std::filesystem::path& signed_file :
       {root / "manifest.xml", root / proposal[1].str()}) {
    const auto run = testing::runCommand("xmlsec1 verify --trusted-pem " + ca +
                                         " --enabled-key-data x509 " + signed_file.string());
    CHECK_MESSAGE(run.status == 0, signed_file.filename().string() << ": " << run.output);
  }
  // Units and council members do not hand it on.
  CHECK(o.workflow->outgoingPackage(o.as("hoi-dong-1"), d.id).error().code ==
        core::Errc::PermissionDenied);
}
