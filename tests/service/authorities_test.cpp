// Many authorities in one installation: who sees, submits, numbers and manages what.
#include "engine/service/authorities.hpp"

#include <sqlite3.h>

#include <algorithm>

#include <doctest/doctest.h>

#include "engine/service/accounts.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/signatures.hpp"
#include "engine/store/authorities.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::driveToSeal;
using testing::Office;

namespace {

const char* const kDistrictSample = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";
const char* const kHealthSample =
    "samples/dossiers/valid/19-ttyt-ksbt-2024-certificate-of-merit.xml";

void addStaff(Office& o, const std::string& login, model::Role role, const std::string& authority) {
  REQUIRE(service::addUser(
      *o.data, model::User(login, "Cán bộ " + login, role, std::nullopt, true, authority),
      "password-123456", "test"));
}

model::AuthorityRecord authority(const std::string& code, model::Level level,
                                 std::optional<std::string> parent = std::nullopt) {
  model::AuthorityRecord a;
  a.code = code;
  a.name = "Cơ quan " + code;
  a.level = level;
  a.parent_code = std::move(parent);
  return a;
}

void ensureAuthority(Office& o, const model::AuthorityRecord& a) {
  auto found = store::Authorities(o.data->database).find(a.code);
  REQUIRE(found);
  if (!*found) REQUIRE(service::addAuthority(*o.data, a, "test"));
}

std::vector<std::string> idsSeenBy(Office& o, const std::string& login) {
  auto listed = o.workflow->list(o.as(login), std::nullopt);
  REQUIRE(listed);
  std::vector<std::string> ids;
  for (const auto& d : *listed) ids.push_back(d.id);
  return ids;
}

std::string decisionNotation(Office& o, const std::string& id) {
  auto status = o.workflow->status(o.as("luu-tru"), id);
  REQUIRE(status);
  for (const model::OfficeDocument& doc : status->documents)
    if (doc.kind == "decision") return doc.notation;
  return "";
}

}  // namespace

TEST_CASE("the authorities of the rulebooks are kept, and each dossier goes to its rulebook's") {
  Office o;
  auto all = service::listAuthorities(*o.data);
  REQUIRE(all);
  const auto has = [&](const std::string& code) {
    return std::any_of(all->begin(), all->end(),
                       [&](const model::AuthorityRecord& a) { return a.code == code; });
  };
  CHECK(has("UBND-HUONGSON"));
  CHECK(has("TTYT-HUONGSON"));
  const model::DossierInstance district = o.submitSample(kDistrictSample);
  const model::DossierInstance health = o.submitSample(kHealthSample);
  CHECK(district.authority_code == std::optional<std::string>("UBND-HUONGSON"));
  CHECK(health.authority_code == std::optional<std::string>("TTYT-HUONGSON"));
}

TEST_CASE("staff of an authority see, list and act on its dossiers only") {
  Office o;
  const std::string district = o.submitSample(kDistrictSample).id;
  const std::string health = o.submitSample(kHealthSample).id;
  addStaff(o, "vp-huyen", model::Role::StandingOffice, "UBND-HUONGSON");
  addStaff(o, "vp-ttyt", model::Role::StandingOffice, "TTYT-HUONGSON");

  CHECK(idsSeenBy(o, "vp-huyen") == std::vector<std::string>{district});
  CHECK(idsSeenBy(o, "vp-ttyt") == std::vector<std::string>{health});
  // The installation's own staff (no authority) see both, as before authorities were kept.
  CHECK(idsSeenBy(o, "thuong-truc").size() == 2);

  // Another authority's dossier does not exist for them: not shown, not acted on, no history.
  const auto unseen = o.workflow->status(o.as("vp-ttyt"), district);
  REQUIRE_FALSE(unseen);
  CHECK(unseen.error().code == core::Errc::NotFound);
  const std::int64_t before = o.events();
  const auto acted = o.act("vp-ttyt", district, "receive");
  REQUIRE_FALSE(acted);
  CHECK(acted.error().code == core::Errc::NotFound);
  CHECK(o.events() == before);
  CHECK_FALSE(o.workflow->history(o.as("vp-ttyt"), district));
  // Their own they take on.
  REQUIRE(o.act("vp-huyen", district, "receive"));
  REQUIRE(o.act("vp-ttyt", health, "receive"));
}

TEST_CASE("a council session is its authority's: its members, its dossiers") {
  Office o;
  const std::string district = o.submitSample(kDistrictSample).id;
  addStaff(o, "vp-ttyt", model::Role::StandingOffice, "TTYT-HUONGSON");
  addStaff(o, "vp-huyen", model::Role::StandingOffice, "UBND-HUONGSON");
  // The centre has no council member yet: the installation's do not sit on its council.
  const auto none =
      o.workflow->openSession(o.as("vp-ttyt"), "Hội đồng TTYT", o.workflow->today(), {});
  REQUIRE_FALSE(none);
  CHECK(none.error().code == core::Errc::InvalidArgument);
  addStaff(o, "hd-ttyt", model::Role::CouncilMember, "TTYT-HUONGSON");
  const auto session =
      o.workflow->openSession(o.as("vp-ttyt"), "Hội đồng TTYT", o.workflow->today(), {});
  REQUIRE(session);
  CHECK(session->members == std::vector<std::string>{"hd-ttyt"});
  CHECK(session->authority_code == std::optional<std::string>("TTYT-HUONGSON"));
  auto sessions = o.workflow->councilSessions(o.as("vp-huyen"));
  REQUIRE(sessions);
  CHECK(std::none_of(sessions->begin(), sessions->end(),
                     [&](const model::CouncilSession& s) { return s.id == session->id; }));
  // A district dossier is not put before the centre's council.
  REQUIRE(o.act("thuong-truc", district, "receive"));
  REQUIRE(o.act("thuong-truc", district, "start-appraisal"));
  service::ActRequest send;
  send.dossier_id = district;
  send.action = "send-to-council";
  send.session_id = session->id;
  const auto refused = o.workflow->act(o.as("thuong-truc"), send);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("TTYT-HUONGSON") != std::string::npos);
}

TEST_CASE("each authority numbers its own decisions") {
  Office o;
  const std::string session = testing::openSession(o);
  const std::string district = o.submitSample(kDistrictSample).id;
  const std::string health = o.submitSample(kHealthSample).id;
  driveToSeal(o, district, session);
  driveToSeal(o, health, session);
  const std::string first = decisionNotation(o, district);
  const std::string other = decisionNotation(o, health);
  CHECK(first == "1/QĐ-UBND");
  CHECK(other == "1/QĐ-TTYT");
  const std::string next = o.submitSample(kDistrictSample).id;
  driveToSeal(o, next, session);
  CHECK(decisionNotation(o, next) == "2/QĐ-UBND");
}

TEST_CASE("an ended authority takes no new dossiers, and its successor holds its records") {
  Office o;
  const std::string district = o.submitSample(kDistrictSample).id;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  addStaff(o, "vp-tinh", model::Role::StandingOffice, "UBND-HATINH");
  CHECK(idsSeenBy(o, "vp-tinh").empty());
  REQUIRE(service::endAuthority(*o.data, "UBND-HUONGSON", "UBND-HATINH", "2025-07-01", "test"));
  CHECK(idsSeenBy(o, "vp-tinh") == std::vector<std::string>{district});
  REQUIRE(o.act("vp-tinh", district, "receive"));

  // A new dossier under the district's rulebook is refused, and nothing is stored.
  auto xml = o.signedSample(kDistrictSample, "nop-ubnd-phochau");
  const std::int64_t before = o.events();
  const auto refused = o.workflow->submit(o.as("nop-ubnd-phochau"), o.request(xml));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::PermissionDenied);
  CHECK(refused.error().message.find("has ended") != std::string::npos);
  CHECK(o.events() == before);

  // Ending again, ending into itself or into an ended authority: refused.
  CHECK(service::endAuthority(*o.data, "UBND-HUONGSON", "UBND-HATINH", "2025-07-01", "test")
            .error()
            .code == core::Errc::Conflict);
  CHECK(service::endAuthority(*o.data, "TTYT-HUONGSON", "UBND-HUONGSON", "2025-07-01", "test")
            .error()
            .code == core::Errc::Invalid);
  CHECK(service::endAuthority(*o.data, "TTYT-HUONGSON", "TTYT-HUONGSON", "2025-07-01", "test")
            .error()
            .code == core::Errc::Invalid);
  CHECK(service::endAuthority(*o.data, "TTYT-HUONGSON", "UBND-HATINH", "1 July", "test")
            .error()
            .code == core::Errc::InvalidArgument);
}

TEST_CASE("a unit placed under an authority submits to it or above it, never to a neighbour") {
  Office o;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  ensureAuthority(o, authority("UBND-XA-A", model::Level::Commune, "UBND-HATINH"));
  REQUIRE(service::addUnit(
      *o.data, model::Unit("UBND-SONKIM1", "UBND xã Sơn Kim 1", model::Level::Commune, "UBND-XA-A"),
      "test"));
  REQUIRE(service::addUser(*o.data,
                           model::User("nop-sonkim", "Văn thư", model::Role::SubmittingUnit,
                                       std::string("UBND-SONKIM1")),
                           "password-123456", "test"));
  const auto xml = o.signedSample(
      "samples/dossiers/valid/08-son-kim-1-2024-certificate-of-merit.xml", "nop-sonkim");
  // The district is neither the commune nor above it.
  const auto refused = o.workflow->submit(o.as("nop-sonkim"), o.request(xml));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::PermissionDenied);
  CHECK(refused.error().message.find("belongs to UBND-XA-A") != std::string::npos);
  // The unit's user belongs to the unit's authority.
  CHECK(o.as("nop-sonkim").authority_code == std::optional<std::string>("UBND-XA-A"));
}

TEST_CASE("administrators manage their own authority and what is under it") {
  Office o;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  ensureAuthority(o, authority("UBND-XA-A", model::Level::Commune, "UBND-HATINH"));
  ensureAuthority(o, authority("UBND-XA-B", model::Level::Commune, "UBND-HATINH"));
  addStaff(o, "qt-tinh", model::Role::Admin, "UBND-HATINH");
  addStaff(o, "qt-xa-a", model::Role::Admin, "UBND-XA-A");
  addStaff(o, "vp-xa-b", model::Role::StandingOffice, "UBND-XA-B");
  const model::User commune = o.as("qt-xa-a");
  const model::User province = o.as("qt-tinh");

  auto own = service::listAuthoritiesAs(*o.data, commune);
  REQUIRE(own);
  REQUIRE(own->size() == 1);
  CHECK(own->front().code == "UBND-XA-A");
  auto every = service::listAuthoritiesAs(*o.data, province);
  REQUIRE(every);
  CHECK(every->size() >= 3);

  // A commune's administrator adds no neighbour, and no unit or user of another commune.
  const auto neighbour = service::addAuthorityAs(
      *o.data, commune, authority("UBND-XA-C", model::Level::Commune, "UBND-HATINH"));
  REQUIRE_FALSE(neighbour);
  CHECK(neighbour.error().code == core::Errc::PermissionDenied);
  CHECK(service::addUnitAs(*o.data, commune,
                           model::Unit("THON-1", "Thôn 1", model::Level::Village, "UBND-XA-B"))
            .error()
            .code == core::Errc::PermissionDenied);
  CHECK(service::addUserAs(*o.data, commune,
                           model::User("x-b", "X", model::Role::StandingOffice, std::nullopt, true,
                                       std::string("UBND-XA-B")),
                           "password-123456")
            .error()
            .code == core::Errc::PermissionDenied);
  // Another commune's people are not even named to it.
  CHECK(service::setUserActiveAs(*o.data, commune, "vp-xa-b", false).error().code ==
        core::Errc::NotFound);
  auto users = service::listUsersAs(*o.data, commune);
  REQUIRE(users);
  CHECK(std::all_of(users->begin(), users->end(), [](const model::User& u) {
    return u.authority_code == std::optional<std::string>("UBND-XA-A");
  }));

  // Its own: a village unit under it (by default), a clerk of that unit, its office.
  REQUIRE(service::addUnitAs(*o.data, commune,
                             model::Unit("THON-A1", "Thôn A1", model::Level::Village)));
  auto unit = store::Accounts(o.data->database).unit("THON-A1");
  REQUIRE(unit);
  REQUIRE(*unit);
  CHECK((*unit)->authority_code == std::optional<std::string>("UBND-XA-A"));
  REQUIRE(service::addUserAs(*o.data, commune,
                             model::User("vp-xa-a", "Văn phòng xã A", model::Role::StandingOffice),
                             "password-123456"));
  CHECK(o.as("vp-xa-a").authority_code == std::optional<std::string>("UBND-XA-A"));

  // The province's administrator adds communes; a bad code or an unknown parent is refused.
  REQUIRE(service::addAuthorityAs(*o.data, province,
                                  authority("UBND-XA-C", model::Level::Commune, "UBND-HATINH")));
  CHECK(service::addAuthorityAs(*o.data, province, authority("bad code", model::Level::Commune))
            .error()
            .code == core::Errc::InvalidArgument);
  CHECK(service::addAuthorityAs(*o.data, province,
                                authority("UBND-XA-D", model::Level::Commune, "UBND-NONE"))
            .error()
            .code == core::Errc::Invalid);
  CHECK(service::addAuthority(*o.data, authority("UBND-XA-C", model::Level::Commune), "test")
            .error()
            .code == core::Errc::Conflict);
  // Other roles manage nothing.
  CHECK(service::listAuthoritiesAs(*o.data, o.as("vp-xa-b")).error().code ==
        core::Errc::PermissionDenied);
}

TEST_CASE("one rulebook serves every commune: each dossier goes to its unit's commune") {
  Office o;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  model::AuthorityRecord kim = authority("UBND-SONKIM1", model::Level::Commune, "UBND-HATINH");
  kim.name = "Ủy ban nhân dân xã Sơn Kim 1";
  ensureAuthority(o, kim);
  model::AuthorityRecord other = authority("UBND-SONHONG", model::Level::Commune, "UBND-HATINH");
  other.name = "Ủy ban nhân dân xã Sơn Hồng";
  ensureAuthority(o, other);
  REQUIRE(service::addUnit(
      *o.data,
      model::Unit("TYT-SONKIM1", "Trạm Y tế xã Sơn Kim 1", model::Level::Agency, "UBND-SONKIM1"),
      "test"));
  REQUIRE(service::addUnit(
      *o.data,
      model::Unit("TYT-SONHONG", "Trạm Y tế xã Sơn Hồng", model::Level::Agency, "UBND-SONHONG"),
      "test"));
  const char* const sample = "samples/dossiers/valid/26-tyt-son-kim-1-2026-advanced-worker.xml";
  const model::DossierInstance kim_dossier = o.submitSample(sample);
  CHECK(kim_dossier.authority_code == std::optional<std::string>("UBND-SONKIM1"));

  // The same rulebook from a health station of another commune goes to that commune.
  std::string xml = testing::readSource(sample);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"TYT-SONKIM1", "TYT-SONHONG"}, {"Sơn Kim 1", "Sơn Hồng"}}) {
    for (auto at = xml.find(from); at != std::string::npos; at = xml.find(from, at + to.size()))
      xml.replace(at, from.size(), to);
  }
  o.addUser("nop-tyt-sonhong", model::Role::SubmittingUnit, "TYT-SONHONG");
  auto signed_xml = service::signBytes(xml, o.keyOf("nop-tyt-sonhong"));
  REQUIRE(signed_xml);
  auto hong = o.workflow->submit(o.as("nop-tyt-sonhong"), o.request(*signed_xml));
  REQUIRE_MESSAGE(hong, (hong ? "" : hong.error().message));
  CHECK(hong->instance.authority_code == std::optional<std::string>("UBND-SONHONG"));

  // A unit placed under no authority cannot file under a rulebook that serves every commune,
  // and nothing is stored.
  o.addUser("nop-tyt-le", model::Role::SubmittingUnit, "TYT-LE", model::Level::Agency);
  std::string stray = testing::readSource(sample);
  for (auto at = stray.find("TYT-SONKIM1"); at != std::string::npos;
       at = stray.find("TYT-SONKIM1", at))
    stray.replace(at, 11, "TYT-LE");
  auto stray_signed = service::signBytes(stray, o.keyOf("nop-tyt-le"));
  REQUIRE(stray_signed);
  const std::int64_t before = o.events();
  auto refused = o.workflow->submit(o.as("nop-tyt-le"), o.request(*stray_signed));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::PermissionDenied);
  CHECK(refused.error().message.find("belongs to none") != std::string::npos);
  CHECK(o.events() == before);

  // Each commune numbers its own decisions, and each decision names its own chairperson.
  const std::string session = testing::openSession(o);
  driveToSeal(o, kim_dossier.id, session);
  driveToSeal(o, hong->instance.id, session);
  CHECK(decisionNotation(o, kim_dossier.id) == "1/QĐ-UBND");
  CHECK(decisionNotation(o, hong->instance.id) == "1/QĐ-UBND");
  const auto decisionText = [&](const std::string& id) {
    auto status = o.workflow->status(o.as("luu-tru"), id);
    REQUIRE(status);
    for (const model::OfficeDocument& doc : status->documents) {
      if (doc.kind != "decision") continue;
      auto read = o.workflow->document(o.as("luu-tru"), id, doc.id);
      REQUIRE(read);
      return read->second;
    }
    return std::string();
  };
  CHECK(decisionText(kim_dossier.id).find("Chủ tịch Ủy ban nhân dân xã Sơn Kim 1") !=
        std::string::npos);
  CHECK(decisionText(hong->instance.id).find("Chủ tịch Ủy ban nhân dân xã Sơn Hồng") !=
        std::string::npos);
  CHECK(decisionText(hong->instance.id).find("Sơn Kim 1") == std::string::npos);
}

TEST_CASE("archive and reports are scoped by authority like the dossiers") {
  Office o;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  ensureAuthority(o, authority("UBND-SONKIM1", model::Level::Commune, "UBND-HATINH"));
  REQUIRE(service::addUnit(
      *o.data,
      model::Unit("TYT-SONKIM1", "Trạm Y tế xã Sơn Kim 1", model::Level::Agency, "UBND-SONKIM1"),
      "test"));
  addStaff(o, "lt-sonkim", model::Role::Archivist, "UBND-SONKIM1");
  addStaff(o, "vp-sonkim", model::Role::StandingOffice, "UBND-SONKIM1");
  const std::string session = testing::openSession(o);
  const std::string district = o.submitSample(kDistrictSample).id;
  const std::string commune =
      o.submitSample("samples/dossiers/valid/26-tyt-son-kim-1-2026-advanced-worker.xml").id;
  driveToSeal(o, district, session);
  driveToSeal(o, commune, session);

  service::Archive archive(*o.data, o.clock);
  const auto codes = [&](const std::string& login) {
    auto page = archive.search(o.as(login), store::ArchiveQuery{});
    REQUIRE(page);
    std::vector<std::string> out;
    for (const model::ArchiveRecord& r : page->records) out.push_back(r.dossier_id);
    return out;
  };
  CHECK(codes("luu-tru").size() == 2);  // the installation's archivist sees both
  CHECK(codes("lt-sonkim") == std::vector<std::string>{commune});
  auto all = archive.search(o.as("luu-tru"), store::ArchiveQuery{});
  REQUIRE(all);
  for (const model::ArchiveRecord& r : all->records) {
    const auto read = archive.record(o.as("lt-sonkim"), r.file_code);
    CHECK(static_cast<bool>(read) == (r.dossier_id == commune));
    if (!read) CHECK(read.error().code == core::Errc::NotFound);
    const auto fixity = archive.fixityReport(o.as("lt-sonkim"), r.file_code, 10);
    CHECK(static_cast<bool>(fixity) == (r.dossier_id == commune));
  }

  service::Reports reports(*o.data, *o.workflow);
  const auto received = [&](const std::string& login, int year) {
    service::ReportQuery q;
    q.year = year;
    auto report = reports.period(o.as(login), q);
    REQUIRE(report);
    return report->counts.received;
  };
  CHECK(received("thuong-truc", 2024) == 1);
  CHECK(received("vp-sonkim", 2024) == 0);  // the district's year is not the commune's
  CHECK(received("vp-sonkim", 2026) == 1);
  CHECK(received("thuong-truc", 2026) == 1);
}

TEST_CASE("a successor of many authorities lists exactly their dossiers") {
  Office o;
  ensureAuthority(o, authority("UBND-HATINH", model::Level::Province));
  const char* const sample = "samples/dossiers/valid/26-tyt-son-kim-1-2026-advanced-worker.xml";
  // Eleven former communes and one that stays; dossiers in three of the former and in it.
  const auto fileFrom = [&](const std::string& commune) {
    ensureAuthority(o, authority(commune, model::Level::Commune, "UBND-HATINH"));
    const std::string unit = "TYT-" + commune;
    REQUIRE(service::addUnit(
        *o.data, model::Unit(unit, "Trạm Y tế " + commune, model::Level::Agency, commune), "test"));
    std::string xml = testing::readSource(sample);
    for (auto at = xml.find("TYT-SONKIM1"); at != std::string::npos;
         at = xml.find("TYT-SONKIM1", at + unit.size()))
      xml.replace(at, 11, unit);
    std::string login = "nop-" + unit;
    for (char& c : login) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    o.addUser(login, model::Role::SubmittingUnit, unit);
    auto signed_xml = service::signBytes(xml, o.keyOf(login));
    REQUIRE(signed_xml);
    auto done = o.workflow->submit(o.as(login), o.request(*signed_xml));
    REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
    return done->instance.id;
  };
  std::vector<std::string> held;
  for (int i = 0; i < 11; ++i) {
    const std::string code = "UBND-CU-" + std::to_string(i);
    if (i == 0 || i == 5 || i == 10) {
      held.push_back(fileFrom(code));
    } else {
      ensureAuthority(o, authority(code, model::Level::Commune, "UBND-HATINH"));
    }
  }
  const std::string kept = fileFrom("UBND-CON-LAI");
  for (int i = 0; i < 11; ++i) {
    REQUIRE(service::endAuthority(*o.data, "UBND-CU-" + std::to_string(i), "UBND-HATINH",
                                  "2025-07-01", "test"));
  }
  addStaff(o, "vp-tinh", model::Role::StandingOffice, "UBND-HATINH");
  auto seen = idsSeenBy(o, "vp-tinh");
  std::sort(seen.begin(), seen.end());
  std::sort(held.begin(), held.end());
  CHECK(seen == held);  // twelve authorities in scope: more than one statement lists
  CHECK(std::find(seen.begin(), seen.end(), kept) == seen.end());
  addStaff(o, "vp-con-lai", model::Role::StandingOffice, "UBND-CON-LAI");
  CHECK(idsSeenBy(o, "vp-con-lai") == std::vector<std::string>{kept});
  // The year's report counts the same dossiers, by either shape of its scope.
  service::Reports reports(*o.data, *o.workflow);
  const auto received = [&](const std::string& login) {
    service::ReportQuery q;
    q.year = 2026;
    auto report = reports.period(o.as(login), q);
    REQUIRE(report);
    return report->counts.received;
  };
  CHECK(received("vp-tinh") == 3);
  CHECK(received("vp-con-lai") == 1);
}

TEST_CASE("a store from before authorities were kept is adopted once, then only read") {
  Office o;
  const std::string id = o.submitSample(kDistrictSample).id;
  // As a store of the district era left it: no authority on the dossier.
  sqlite3* db = o.data->database.impl().statements.db();
  {
    // Its report row made already, as migration 14 leaves it when the dossier had none.
    service::Reports reports(*o.data, *o.workflow);
    service::ReportQuery q;
    q.year = 2024;
    REQUIRE(reports.period(o.as("thuong-truc"), q));
  }
  REQUIRE(sqlite3_exec(db,
                       "UPDATE dossiers SET authority_code = NULL; "
                       "UPDATE report_dossiers SET authority_code = NULL",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(*store::Authorities(o.data->database).anyDossierWithoutAuthority());
  const std::int64_t before = o.events();
  o.reopen();
  auto status = o.workflow->status(o.as("thuong-truc"), id);
  REQUIRE(status);
  CHECK(status->instance.authority_code == std::optional<std::string>("UBND-HUONGSON"));
  CHECK_FALSE(*store::Authorities(o.data->database).anyDossierWithoutAuthority());
  // Its authority's staff now see it; opening again writes nothing.
  addStaff(o, "vp-huyen", model::Role::StandingOffice, "UBND-HUONGSON");
  CHECK(idsSeenBy(o, "vp-huyen") == std::vector<std::string>{id});
  {
    // And count it in their report: the report row took the stamp with the dossier.
    service::Reports reports(*o.data, *o.workflow);
    service::ReportQuery q;
    q.year = 2024;
    auto report = reports.period(o.as("vp-huyen"), q);
    REQUIRE(report);
    CHECK(report->counts.received == 1);
  }
  const std::int64_t adopted = o.events();
  CHECK(adopted - before == 1);  // the staff account only; stamping adds no event
  o.reopen();
  CHECK(o.events() == adopted);
}
