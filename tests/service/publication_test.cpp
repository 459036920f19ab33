#include <doctest/doctest.h>

#include "engine/service/agency.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::Office;

namespace {

constexpr const char* kVillage = "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml";

// A cultural-village dossier taken to its publication window: received, appraised, voted for.
std::string postedVillage(Office& o) {
  const model::DossierInstance d = o.submitSample(kVillage);
  REQUIRE(o.act("thuong-truc", d.id, "receive"));
  REQUIRE(o.act("thuong-truc", d.id, "start-appraisal"));
  service::ActRequest send;
  send.dossier_id = d.id;
  send.action = "send-to-council";
  send.session_id = testing::openSession(o);
  REQUIRE(o.workflow->act(o.as("thuong-truc"), send));
  for (const std::string& member : testing::kCouncil) {
    service::VoteRequest v;
    v.dossier_id = d.id;
    v.choice = model::BallotChoice::Approve;
    REQUIRE(o.workflow->vote(o.as(member), v));
  }
  REQUIRE(o.act("thuong-truc", d.id, "close-vote-and-post"));
  return d.id;
}

std::size_t countEvents(Office& o, const std::string& id, const std::string& kind) {
  auto events = o.workflow->history(o.as("thuong-truc"), id);
  REQUIRE(events);
  return static_cast<std::size_t>(std::count_if(
      events->begin(), events->end(), [&](const store::Event& e) { return e.kind == kind; }));
}

}  // namespace

TEST_CASE("a nominee list is public, and takes comments, only during its posting window") {
  Office office;
  const model::DossierInstance before = office.submitSample(kVillage);
  // Submitted, not posted: nothing public.
  CHECK(office.workflow->publicNotices()->empty());
  auto hidden = office.workflow->publicNotice(before.id);
  REQUIRE_FALSE(hidden);
  CHECK(hidden.error().code == core::Errc::NotFound);
  auto early = office.workflow->comment(before.id, "Nguyễn Văn Dân", "", "Góp ý");
  REQUIRE_FALSE(early);
  CHECK(early.error().code == core::Errc::NotFound);

  const std::string id = postedVillage(office);
  auto notices = office.workflow->publicNotices();
  REQUIRE(notices);
  REQUIRE(notices->size() == 1);
  const service::PublicNotice& notice = notices->front();
  CHECK(notice.dossier_id == id);
  // Ten calendar days counted from the day after posting (the usual legal count).
  CHECK(notice.until == notice.from.plusDays(10));
  REQUIRE_FALSE(notice.nominees.empty());
  CHECK_FALSE(notice.nominees.front().name.empty());

  SUBCASE("bad comments are refused and nothing is stored") {
    const std::int64_t events = office.events();
    CHECK(office.workflow->comment(id, "  ", "", "Góp ý").error().code ==
          core::Errc::InvalidArgument);
    CHECK(office.workflow->comment(id, "Dân", "", "").error().code == core::Errc::InvalidArgument);
    CHECK(office.workflow->comment(id, "Dân", "", std::string(4001, 'a')).error().code ==
          core::Errc::InvalidArgument);
    // 4000 Vietnamese characters are more bytes, and still fine by characters.
    std::string long_vi;
    for (int i = 0; i < 4000; ++i) long_vi += "ệ";
    CHECK(office.workflow->comment(id, "Dân", "", long_vi));
    CHECK(office.events() == events + 1);
  }

  SUBCASE("a comment is recorded, shown with its contact to the office only, and answered once") {
    auto taken = office.workflow->comment(id, " Nguyễn Văn Dân ", "0912 345 678",
                                          "Tổ dân phố giữ gìn vệ sinh tốt.");
    REQUIRE(taken);
    CHECK(taken->author == "Nguyễn Văn Dân");
    CHECK(countEvents(office, id, "comment.received") == 1);
    auto seen = office.workflow->comments(office.as("thuong-truc"), id);
    REQUIRE(seen);
    REQUIRE(seen->size() == 1);
    CHECK(seen->front().contact == "0912 345 678");
    auto member = office.workflow->comments(office.as("hoi-dong-1"), id);
    REQUIRE(member);
    CHECK(member->front().contact.empty());
    // Another unit's clerk does not see the dossier, nor its comments.
    CHECK(office.workflow->comments(office.as("son-tien"), id).error().code ==
          core::Errc::NotFound);
    // Only the office answers; once.
    auto wrong = office.workflow->resolveComment(office.as("hoi-dong-1"), id, taken->id, "OK");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == core::Errc::PermissionDenied);
    CHECK(office.workflow->resolveComment(office.as("thuong-truc"), id, taken->id, "  ")
              .error()
              .code == core::Errc::InvalidArgument);
    REQUIRE(office.workflow->resolveComment(office.as("thuong-truc"), id, taken->id,
                                            "Đã xác minh, ghi nhận."));
    auto twice = office.workflow->resolveComment(office.as("thuong-truc"), id, taken->id, "Lại");
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == core::Errc::Conflict);
    CHECK(office.workflow->resolveComment(office.as("thuong-truc"), id, taken->id + 99, "?")
              .error()
              .code == core::Errc::NotFound);
    auto answered = office.workflow->comments(office.as("pho-chau"), id);
    REQUIRE(answered);
    CHECK(answered->front().resolution == std::optional<std::string>("Đã xác minh, ghi nhận."));
    CHECK(answered->front().resolved_by == "thuong-truc");
    CHECK(countEvents(office, id, "comment.resolved") == 1);
  }

  SUBCASE("after the last day the list is no longer public and takes no comment") {
    office.clock.advanceDays(11);
    CHECK(office.workflow->publicNotices()->empty());
    auto late = office.workflow->comment(id, "Dân", "", "Muộn");
    REQUIRE_FALSE(late);
    CHECK(late.error().code == core::Errc::NotFound);
  }

  SUBCASE("one address may not fill the list: five comments in ten minutes, then wait") {
    for (int i = 0; i < 5; ++i)
      REQUIRE(office.workflow->comment(id, "Dân", "", "Góp ý " + std::to_string(i), "10.0.0.7"));
    auto sixth = office.workflow->comment(id, "Dân", "", "Góp ý 6", "10.0.0.7");
    REQUIRE_FALSE(sixth);
    CHECK(sixth.error().code == core::Errc::TooManyRequests);
    CHECK(office.workflow->comment(id, "Người khác", "", "Góp ý", "10.0.0.8"));
    office.clock.set(office.clock.now() + 601);
    CHECK(office.workflow->comment(id, "Dân", "", "Góp ý 6", "10.0.0.7"));
    CHECK(office.workflow->comments(office.as("thuong-truc"), id)->size() == 7);
  }

  SUBCASE("on the last day it still does") {
    office.clock.advanceDays(10);
    CHECK(office.workflow->publicNotices()->size() == 1);
    CHECK(office.workflow->comment(id, "Dân", "", "Kịp hạn"));
  }
}

TEST_CASE("the administrators list the installation's certificates") {
  Office office;
  REQUIRE(service::issueDemoKeys(office.root, service::demoAccounts()));
  auto listed = service::listCertificates(*office.data, office.as("quan-tri"));
  REQUIRE(listed);
  const auto has = [&](const std::string& kind, const std::string& owner) {
    return std::any_of(listed->begin(), listed->end(), [&](const service::CertificateInfo& c) {
      return c.kind == kind && (owner.empty() || c.owner == owner) && !c.subject.empty();
    });
  };
  CHECK(has("anchor", ""));
  CHECK(has("agency", ""));
  CHECK(has("user", "pho-chau"));
  auto refused = service::listCertificates(*office.data, office.as("thuong-truc"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::PermissionDenied);
}
