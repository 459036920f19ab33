#include <algorithm>
#include <atomic>
#include <thread>

#include <Poco/Data/Session.h>
#include <doctest/doctest.h>

#include "engine/crypto/digest.hpp"
#include "engine/service/replies.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using testing::Office;

namespace {

using testing::contains;
using testing::driveToSeal;
using testing::kCouncil;
using testing::openSession;

std::size_t countKind(const service::DossierStatus& s, const std::string& kind) {
  return static_cast<std::size_t>(
      std::count_if(s.documents.begin(), s.documents.end(),
                    [&](const model::OfficeDocument& d) { return d.kind == kind; }));
}

}  // namespace

TEST_CASE("every valid sample runs its procedure's whole lifecycle to the archive") {
  Office o;
  const std::string session = openSession(o);
  std::set<std::string> procedures;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "samples/dossiers/valid")) {
    if (entry.path().extension() != ".xml") continue;
    const std::string sample = "samples/dossiers/valid/" + entry.path().filename().string();
    CAPTURE(sample);
    const model::DossierInstance d = o.submitSample(sample);
    CHECK(d.state == "submitted");
    CHECK(d.version == 1);
    const auto states = driveToSeal(o, d.id, session);
    auto status = o.workflow->status(o.as("luu-tru"), d.id);
    REQUIRE(status);
    procedures.insert(d.rulebook_id + "/" + d.procedure_id + "/" +
                      std::string(model::name(d.variant)));
    CHECK(contains(states, "received"));
    CHECK(contains(states, "appraisal"));
    CHECK(countKind(*status, "receipt") == 1);
    CHECK(status->instance.due_on.has_value());
    CHECK(status->instance.stopped_on.has_value());
    const bool upward = contains(states, "proposal-pending");
    CHECK(countKind(*status, upward ? "proposal" : "decision") == 1);
    REQUIRE(status->decision);
    CHECK(status->decision->outcome == (upward ? "forwarded" : "approved"));
    CHECK(status->decision->document_id.has_value());
    // Exactly the ballots the rulebook asks for, each closed with a signed tally.
    const bool voted = contains(states, "council-review");
    CHECK(status->ballots.size() == (voted ? 1U : 0U));
    CHECK(countKind(*status, "tally") == (voted ? 1U : 0U));
    // Every step is in the dossier's history.
    auto history = o.workflow->history(o.as("luu-tru"), d.id);
    REQUIRE(history);
    CHECK(history->front().kind == "dossier.submitted");
    CHECK(history->back().kind == "dossier.seal");
  }
  // All shipped rulebooks and all their procedures, with the simplified variant.
  CHECK(procedures.size() >= 23);
  auto audit = service::verifyAudit(*o.data);
  REQUIRE(audit);
  CHECK(audit->intact());
  CHECK(audit->checkpoints >= 1);
}

TEST_CASE("a dossier is refused whole: invalid, unsigned, or not the actor's unit") {
  Office o;
  const std::string sample = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";
  const std::int64_t before = o.events();
  SUBCASE("invalid: every problem located, nothing stored") {
    const std::string broken =
        testing::replaceOnce(testing::readSource(sample), "<annualRating>", "<annualRatin>");
    auto out = o.workflow->submit(o.as("pho-chau"), o.request(broken));
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::Invalid);
    REQUIRE_FALSE(out.error().details.empty());
    CHECK(out.error().details.front().find("line ") == 0);
  }
  SUBCASE("unsigned: the signatures-valid guard names what is missing") {
    auto out = o.workflow->submit(o.as("pho-chau"), o.request(testing::readSource(sample)));
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
    CHECK(out.error().message.find("signatures are valid") != std::string::npos);
    CHECK(out.error().details.front().find("chữ ký số hợp lệ") != std::string::npos);
  }
  SUBCASE("signed by someone the installation does not trust") {
    const testing::TempDir other;
    service::InitCaRequest ca;
    ca.subject = "CN=Other CA,C=VN";
    ca.passphrase = "other-passphrase";
    ca.out_dir = other.path();
    REQUIRE(service::initCa(ca));
    service::IssueRequest issue;
    issue.ca_cert = other.path() / "ca-cert.pem";
    issue.ca_key = other.path() / "ca-key.pem";
    issue.ca_passphrase = "other-passphrase";
    issue.subject = "CN=Outsider,C=VN";
    issue.passphrase = "outsider-pass";
    issue.out_prefix = other.path() / "outsider";
    REQUIRE(service::issue(issue));
    auto material = service::loadSigningMaterial(other.path() / "outsider-key.pem",
                                                 other.path() / "outsider-cert.pem", std::nullopt,
                                                 "outsider-pass");
    REQUIRE(material);
    auto signed_bytes = service::signBytes(testing::readSource(sample), *material);
    REQUIRE(signed_bytes);
    auto out = o.workflow->submit(o.as("pho-chau"), o.request(*signed_bytes));
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
  }
  SUBCASE("another unit's dossier") {
    auto out = o.workflow->submit(o.as("son-tien"), o.request(o.signedSample(sample, "son-tien")));
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::PermissionDenied);
  }
  SUBCASE("not a submitting unit") {
    auto out =
        o.workflow->submit(o.as("thuong-truc"), o.request(o.signedSample(sample, "thuong-truc")));
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::PermissionDenied);
  }
  CHECK(o.events() == before);
  auto list = o.workflow->list(o.as("thuong-truc"), std::nullopt);
  REQUIRE(list);
  CHECK(list->empty());
}

TEST_CASE("a retried submission with its idempotency key does not make a second dossier") {
  Office o;
  const std::string xml =
      o.signedSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  service::RequestReplies replies(o.data->database, o.clock, o.data->request_secret);
  int ran = 0;
  const auto submit = [&](const std::string& bytes) {
    return [&o, &ran, bytes]() -> service::Reply {
      ++ran;
      auto out = o.workflow->submit(o.as("pho-chau"), o.request(bytes));
      if (!out) return {422, "text/plain", out.error().message};
      return {201, "text/plain", out->instance.id};
    };
  };
  const std::string print = replies.fingerprint("POST", "/api/v1/dossiers", xml);
  auto first = replies.once("pho-chau", "lan-1", print, service::Channel::Http,
                            service::RequestReplies::Keep::Forever, submit(xml));
  REQUIRE(first);
  CHECK_FALSE(first->replayed);
  CHECK(first->reply.status == 201);
  const std::int64_t events = o.events();
  auto again = replies.once("pho-chau", "lan-1", print, service::Channel::Http,
                            service::RequestReplies::Keep::Forever, submit(xml));
  REQUIRE(again);
  CHECK(again->replayed);
  CHECK(again->reply.body == first->reply.body);
  CHECK(ran == 1);
  CHECK(o.events() == events);
  // The same key for other bytes is refused without running anything.
  const std::string other = o.signedSample(
      "samples/dossiers/valid/01-pho-chau-2023-certificate-of-merit.xml", "pho-chau");
  auto misused =
      replies.once("pho-chau", "lan-1", replies.fingerprint("POST", "/api/v1/dossiers", other),
                   service::Channel::Http, service::RequestReplies::Keep::Forever, submit(other));
  REQUIRE_FALSE(misused);
  CHECK(misused.error().code == core::Errc::Invalid);
  CHECK(ran == 1);
  // Without a key, the same bytes are a second dossier (the unit asked twice).
  auto second = o.workflow->submit(o.as("pho-chau"), o.request(xml));
  REQUIRE(second);
  CHECK(second->instance.id != first->reply.body);
}

TEST_CASE("a keyed request whose work fails keeps nothing of it") {
  Office o;
  service::RequestReplies replies(o.data->database, o.clock, o.data->request_secret);
  const std::string xml =
      o.signedSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const std::int64_t events = o.events();
  // The dossier is stored, then the request fails with a 5xx: the unit rolls back with it.
  auto failed = replies.once("pho-chau", "k", "print", service::Channel::Http,
                             service::RequestReplies::Keep::Forever, [&]() -> service::Reply {
                               REQUIRE(o.workflow->submit(o.as("pho-chau"), o.request(xml)));
                               return {503, "text/plain", "try again"};
                             });
  REQUIRE(failed);
  CHECK(failed->reply.status == 503);
  CHECK(o.events() == events);
  auto list = o.workflow->list(o.as("thuong-truc"), std::nullopt);
  REQUIRE(list);
  CHECK(list->empty());
  // The retry runs the work again, once.
  auto retried = replies.once("pho-chau", "k", "print", service::Channel::Http,
                              service::RequestReplies::Keep::Forever, [&]() -> service::Reply {
                                auto out = o.workflow->submit(o.as("pho-chau"), o.request(xml));
                                REQUIRE(out);
                                return {201, "text/plain", out->instance.id};
                              });
  REQUIRE(retried);
  CHECK_FALSE(retried->replayed);
  list = o.workflow->list(o.as("thuong-truc"), std::nullopt);
  REQUIRE(list);
  CHECK(list->size() == 1);
}

TEST_CASE("illegal actions are refused with their reason and change nothing") {
  Office o;
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  const std::int64_t events = o.events();
  const auto unchanged = [&] {
    auto s = o.workflow->status(o.as("thuong-truc"), d.id);
    REQUIRE(s);
    CHECK(s->instance.version == d.version);
    CHECK(s->instance.state == d.state);
    CHECK(o.events() == events);
  };
  SUBCASE("an action of another role") {
    auto out = o.act("chu-tich", d.id, "receive");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::PermissionDenied);
    CHECK(out.error().message.find("standing office") != std::string::npos);
  }
  SUBCASE("an action that does not leave this state") {
    auto out = o.act("luu-tru", d.id, "seal");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
    CHECK(out.error().message.find("possible now: withdraw, return, receive") != std::string::npos);
  }
  SUBCASE("an unknown action") {
    auto out = o.act("thuong-truc", d.id, "approve-everything");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
  }
  SUBCASE("a return without the list of what is missing") {
    auto out = o.act("thuong-truc", d.id, "return");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
    CHECK(out.error().details.front().find("danh mục") != std::string::npos);
  }
  SUBCASE("a withdrawal without a reason") {
    auto out = o.act("pho-chau", d.id, "withdraw");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::IllegalTransition);
  }
  SUBCASE("another unit cannot see it, let alone act") {
    auto out = o.act("son-tien", d.id, "withdraw", "nhầm");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::NotFound);
    CHECK_FALSE(o.workflow->status(o.as("son-tien"), d.id));
  }
  SUBCASE("a stale version") {
    service::ActRequest r;
    r.dossier_id = d.id;
    r.action = "receive";
    r.expected_version = 7;
    auto out = o.workflow->act(o.as("thuong-truc"), r);
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::Conflict);
  }
  SUBCASE("an unknown dossier") {
    auto out = o.act("thuong-truc", "HS-2026-999999", "receive");
    REQUIRE_FALSE(out);
    CHECK(out.error().code == core::Errc::NotFound);
  }
  unchanged();
}

TEST_CASE("one complete deficiency list: a second return may not add items") {
  Office o;
  const std::string sample = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";
  const auto d = o.submitSample(sample);
  service::ActRequest r;
  r.dossier_id = d.id;
  r.action = "return";
  r.deficiencies = {"Biên bản bình xét có chữ ký của chủ tọa", "Bản chụp rõ trang 2"};
  auto returned = o.workflow->act(o.as("thuong-truc"), r);
  REQUIRE(returned);
  CHECK(returned->instance.state == "returned");
  CHECK(returned->documents.front().kind == "deficiency-notice");
  // The unit completes the dossier: a new revision, validated and signed like the first.
  service::ActRequest resubmit;
  resubmit.dossier_id = d.id;
  resubmit.action = "resubmit";
  resubmit.resubmission = o.request(o.signedSample(sample, "nop-ubnd-phochau"));
  auto back = o.workflow->act(o.as("nop-ubnd-phochau"), resubmit);
  REQUIRE_MESSAGE(back, (back ? "" : back.error().message));
  CHECK(back->instance.revision == 2);
  // Piecemeal: a new item is refused …
  r.deficiencies = {"Bản chụp rõ trang 2", "Giấy xác nhận mới"};
  auto piecemeal = o.workflow->act(o.as("thuong-truc"), r);
  REQUIRE_FALSE(piecemeal);
  CHECK(piecemeal.error().code == core::Errc::IllegalTransition);
  CHECK(piecemeal.error().message.find("Giấy xác nhận mới") != std::string::npos);
  // … what is still missing from the first list may be asked again.
  r.deficiencies = {"Bản chụp rõ trang 2"};
  CHECK(o.workflow->act(o.as("thuong-truc"), r));
  auto status = o.workflow->status(o.as("nop-ubnd-phochau"), d.id);
  REQUIRE(status);
  CHECK(status->deficiency_lists.size() == 2);
  CHECK(status->files.size() == 6);  // two revisions of the XML and its two attachments
}

TEST_CASE("opinions asked during appraisal hold the dossier until every one is in") {
  Office o;
  const std::string session = openSession(o);
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  REQUIRE(o.act("thuong-truc", d.id, "receive"));
  CHECK_FALSE(o.workflow->requestOpinion(o.as("chu-tich"), d.id, "Công an huyện"));
  REQUIRE(o.act("thuong-truc", d.id, "start-appraisal"));
  REQUIRE(o.workflow->requestOpinion(o.as("thuong-truc"), d.id, "Công an huyện"));
  REQUIRE(o.workflow->requestOpinion(o.as("thuong-truc"), d.id, "Phòng Tư pháp"));
  service::ActRequest send;
  send.dossier_id = d.id;
  send.action = "send-to-council";
  send.session_id = session;
  auto early = o.workflow->act(o.as("thuong-truc"), send);
  REQUIRE_FALSE(early);
  CHECK(early.error().message.find("opinion") != std::string::npos);
  REQUIRE(o.workflow->receiveOpinion(o.as("thuong-truc"), d.id, "Công an huyện", "Đồng ý"));
  CHECK_FALSE(o.workflow->act(o.as("thuong-truc"), send));
  REQUIRE(o.workflow->receiveOpinion(o.as("thuong-truc"), d.id, "Phòng Tư pháp", "Đồng ý"));
  CHECK(o.workflow->act(o.as("thuong-truc"), send));
}

TEST_CASE("actions racing on one dossier: exactly one succeeds, the other gets Conflict") {
  Office o;
  constexpr int kDossiers = 12;
  std::vector<std::string> ids;
  for (int i = 0; i < kDossiers; ++i) {
    ids.push_back(o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml").id);
  }
  std::atomic<int> ok{0};
  std::atomic<int> conflicts{0};
  std::atomic<int> other{0};
  const auto racer = [&](bool receive) {
    for (const std::string& id : ids) {
      service::ActRequest r;
      r.dossier_id = id;
      r.action = receive ? "receive" : "return";
      r.expected_version = 1;
      if (!receive) r.deficiencies = {"Thiếu bản chụp"};
      auto out = o.workflow->act(o.as("thuong-truc"), r);
      if (out) {
        ++ok;
      } else if (out.error().code == core::Errc::Conflict) {
        ++conflicts;
      } else {
        ++other;
      }
    }
  };
  std::thread a(racer, true);
  std::thread b(racer, false);
  a.join();
  b.join();
  CHECK(ok == kDossiers);
  CHECK(conflicts == kDossiers);
  CHECK(other == 0);
  for (const std::string& id : ids) {
    auto history = o.workflow->history(o.as("thuong-truc"), id);
    REQUIRE(history);
    CHECK(history->size() == 2);  // submitted, then one of the two
  }
  CHECK(service::verifyAudit(*o.data)->intact());
}

TEST_CASE("a secret ballot keeps who voted apart from how") {
  Office o;
  const std::string session = openSession(o);
  // Grassroots Emulation Fighter: secret ballot.
  const auto d =
      o.submitSample("samples/dossiers/valid/03-son-tien-2023-grassroots-emulation-fighter.xml");
  for (const char* a : {"receive", "start-appraisal"}) REQUIRE(o.act("thuong-truc", d.id, a));
  service::ActRequest send;
  send.dossier_id = d.id;
  send.action = "send-to-council";
  send.session_id = session;
  REQUIRE(o.workflow->act(o.as("thuong-truc"), send));
  const std::vector<model::BallotChoice> choices{
      model::BallotChoice::Approve, model::BallotChoice::Reject, model::BallotChoice::Approve};
  for (std::size_t i = 0; i < kCouncil.size(); ++i) {
    service::VoteRequest v;
    v.dossier_id = d.id;
    v.choice = choices[i];
    REQUIRE(o.workflow->vote(o.as(kCouncil[i]), v));
    // A second ballot is refused.
    auto twice = o.workflow->vote(o.as(kCouncil[i]), v);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == core::Errc::Conflict);
  }
  // What the store holds: participation without choices, choices without voters or times.
  store::DatabaseImpl& db = o.data->database.impl();
  int with_choice = -1;
  db.session << "SELECT COUNT(*) FROM ballot_participation WHERE open_choice IS NOT NULL",
      into(with_choice), now;
  CHECK(with_choice == 0);
  std::string columns;
  db.session << "SELECT group_concat(name) FROM pragma_table_info('ballot_box')", into(columns),
      now;
  CHECK(columns == "ballot_id,token,choice");
  auto history = o.workflow->history(o.as("thuong-truc"), d.id);
  REQUIRE(history);
  for (const store::Event& e : *history) {
    if (e.kind == "ballot.cast") CHECK(e.payload.find("choice") == std::string::npos);
  }
  // The count is right, and the tally is signed and shown.
  send.action = "close-vote";
  auto closed = o.workflow->act(o.as("thuong-truc"), send);
  REQUIRE(closed);
  CHECK(closed->tally->approve == 2);
  CHECK(closed->tally->reject == 1);
  CHECK(closed->vote_passed == true);
  CHECK(closed->documents.front().kind == "tally");
  auto tally_xml = o.data->blobs.get(closed->documents.front().sha256);
  REQUIRE(tally_xml);
  service::SignatureVerifier verifier =
      *service::SignatureVerifier::open(service::agencyPaths(o.root).trust_dir);
  CHECK(verifier.verifyBytes(*tally_xml, "tally").valid());
}

TEST_CASE("vote thresholds count over all members: 9 of 10 carries 90 %, 8 of 10 does not") {
  // Excellent Collective (upward): secret ballot, at least 90 % of all members.
  for (const int in_favour : {9, 8}) {
    CAPTURE(in_favour);
    Office o;
    std::vector<std::string> members = kCouncil;
    for (int i = 4; i <= 10; ++i) {
      members.push_back("hoi-dong-" + std::to_string(i));
      o.addUser(members.back(), model::Role::CouncilMember);
    }
    const std::string session = openSession(o, members);
    const auto d = o.submitSample("samples/dossiers/valid/13-pgddt-2024-excellent-collective.xml");
    for (const char* a : {"receive", "start-appraisal"}) REQUIRE(o.act("thuong-truc", d.id, a));
    service::ActRequest r;
    r.dossier_id = d.id;
    r.action = "send-to-council";
    r.session_id = session;
    REQUIRE(o.workflow->act(o.as("thuong-truc"), r));
    // Members who do not vote count against the threshold: one is absent, and one votes in
    // writing through the office.
    for (int i = 0; i < in_favour; ++i) {
      service::VoteRequest v;
      v.dossier_id = d.id;
      v.choice = model::BallotChoice::Approve;
      if (i == 0) {
        v.on_behalf_of = members[0];
        REQUIRE(o.workflow->vote(o.as("thuong-truc"), v));
      } else {
        REQUIRE(o.workflow->vote(o.as(members[static_cast<std::size_t>(i)]), v));
      }
    }
    r.action = "close-vote";
    auto closed = o.workflow->act(o.as("thuong-truc"), r);
    if (in_favour == 9) {
      REQUIRE(closed);
      CHECK(closed->instance.state == "proposal-pending");
      CHECK(closed->tally->in_writing == 1);
      CHECK(closed->tally->members == 10);
    } else {
      REQUIRE_FALSE(closed);
      CHECK(closed.error().code == core::Errc::IllegalTransition);
      r.action = "close-vote-failed";
      r.comment = "Không đạt 90% tổng số thành viên Hội đồng";
      auto failed = o.workflow->act(o.as("thuong-truc"), r);
      REQUIRE(failed);
      CHECK(failed->instance.state == "not-proposed");
      CHECK(failed->vote_passed == false);
    }
  }
}

TEST_CASE("a recused member is not counted, a non-member cannot vote") {
  Office o;
  const std::string session = openSession(o);
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  for (const char* a : {"receive", "start-appraisal"}) REQUIRE(o.act("thuong-truc", d.id, a));
  service::ActRequest r;
  r.dossier_id = d.id;
  r.action = "send-to-council";
  r.session_id = session;
  REQUIRE(o.workflow->act(o.as("thuong-truc"), r));
  o.addUser("hoi-dong-9", model::Role::CouncilMember);
  service::VoteRequest v;
  v.dossier_id = d.id;
  v.choice = model::BallotChoice::Approve;
  auto outsider = o.workflow->vote(o.as("hoi-dong-9"), v);
  REQUIRE_FALSE(outsider);
  // Not on the session: the dossier is not even visible to them.
  CHECK_MESSAGE(outsider.error().code == core::Errc::NotFound, outsider.error().message);
  service::VoteRequest recuse;
  recuse.dossier_id = d.id;
  recuse.recuse = true;
  CHECK_FALSE(o.workflow->vote(o.as("hoi-dong-3"), recuse));  // a recusal gives its reason
  recuse.comment = "Người thân của người được đề nghị";
  REQUIRE(o.workflow->vote(o.as("hoi-dong-3"), recuse));
  // Majority of all members (> 0.5): 2 of the 2 who may vote.
  REQUIRE(o.workflow->vote(o.as("hoi-dong-1"), v));
  r.action = "close-vote";
  CHECK_FALSE(o.workflow->act(o.as("thuong-truc"), r));  // 1 of 2 is not more than half
  REQUIRE(o.workflow->vote(o.as("hoi-dong-2"), v));
  auto closed = o.workflow->act(o.as("thuong-truc"), r);
  REQUIRE(closed);
  CHECK(closed->tally->members == 2);
  CHECK(closed->tally->recused == 1);
  // The session closes once no ballot of it is open.
  CHECK(o.workflow->closeSession(o.as("thuong-truc"), session));
}

TEST_CASE("deadlines: due date in working days, overdue list, one escalation, stop at decision") {
  Office o;
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  auto received = o.act("thuong-truc", d.id, "receive");
  REQUIRE(received);
  const core::Date today = o.workflow->today();
  auto expected = o.workflow->calendar().addWorkingDays(today, 10);
  REQUIRE(expected);
  CHECK(received->instance.due_on == *expected);
  CHECK(core::weekday(*received->instance.due_on) != core::Weekday::Saturday);
  CHECK(core::weekday(*received->instance.due_on) != core::Weekday::Sunday);
  auto on_time = o.workflow->overdue(*expected, true);
  REQUIRE(on_time);
  CHECK(on_time->empty());
  const core::Date later = expected->plusDays(7);
  const std::int64_t events = o.events();
  auto late = o.workflow->overdue(later, true);
  REQUIRE(late);
  REQUIRE(late->size() == 1);
  CHECK(late->front().working_days_late == 5);
  CHECK(late->front().escalated_now);
  CHECK(late->front().escalate_to == model::Role::Chairperson);
  CHECK(o.events() == events + 1);
  // Derived from stored dates: a new workflow (a restart) sees the same, escalated once only.
  o.reopen();
  auto again = o.workflow->overdue(later, true);
  REQUIRE(again);
  REQUIRE(again->size() == 1);
  CHECK_FALSE(again->front().escalated_now);
  CHECK(o.events() == events + 1);
  // The deadline stops with the decision.
  const std::string session = openSession(o);
  REQUIRE(o.act("thuong-truc", d.id, "start-appraisal"));
  service::ActRequest r;
  r.dossier_id = d.id;
  r.action = "send-to-council";
  r.session_id = session;
  REQUIRE(o.workflow->act(o.as("thuong-truc"), r));
  r.action = "close-vote-failed";
  r.comment = "Không đủ phiếu";
  REQUIRE(o.workflow->act(o.as("thuong-truc"), r));
  auto after = o.workflow->overdue(later, true);
  REQUIRE(after);
  CHECK(after->empty());
}

TEST_CASE("a public posting window holds the decision until it has run") {
  Office o;
  const std::string session = openSession(o);
  // Cultural village: open vote, then 10 days of posting.
  const auto d = o.submitSample("samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml");
  for (const char* a : {"receive", "start-appraisal"}) REQUIRE(o.act("thuong-truc", d.id, a));
  service::ActRequest r;
  r.dossier_id = d.id;
  r.action = "send-to-council";
  r.session_id = session;
  REQUIRE(o.workflow->act(o.as("thuong-truc"), r));
  for (const std::string& m : kCouncil) {
    service::VoteRequest v;
    v.dossier_id = d.id;
    v.choice = model::BallotChoice::Approve;
    REQUIRE(o.workflow->vote(o.as(m), v));
  }
  r.action = "close-vote-and-post";
  auto posted = o.workflow->act(o.as("thuong-truc"), r);
  REQUIRE(posted);
  REQUIRE(posted->instance.publication_until);
  CHECK(*posted->instance.publication_until == o.workflow->today().plusDays(10));
  auto early = o.act("thuong-truc", d.id, "end-publication");
  REQUIRE_FALSE(early);
  CHECK(early.error().code == core::Errc::IllegalTransition);
  o.clock.advanceDays(11);
  CHECK(o.act("thuong-truc", d.id, "end-publication"));
}

TEST_CASE("running dossiers keep their pinned rulebook, a file changed in place is refused") {
  Office o;
  const testing::TempDir rulebooks;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "workflows")) {
    if (entry.path().extension() == ".xml")
      std::filesystem::copy_file(entry.path(), rulebooks.path() / entry.path().filename());
  }
  o.config.validation.rulebooks_dir = rulebooks.path();
  o.reopen();
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  // Someone edits the rulebook without a new version: the time limit of Advanced Worker.
  const auto file = rulebooks.path() / "huong-son-district-2024.xml";
  std::string text = *core::readFile(file);
  const std::string from = "<timeLimit workingDays=\"10\"/>";
  const auto at = text.find(from, text.find("<procedure id=\"advanced-worker\""));
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "<timeLimit workingDays=\"3\"/>");
  REQUIRE(core::writeFileAtomic(file, text, 0644, true));
  o.reopen();
  auto refused = o.workflow->submit(
      o.as("nop-ubnd-phochau"),
      o.request(o.signedSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml",
                               "nop-ubnd-phochau")));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::Config);
  // The dossier already running keeps its rules: 10 working days, not 3.
  auto received = o.act("thuong-truc", d.id, "receive");
  REQUIRE(received);
  CHECK(received->instance.due_on ==
        *o.workflow->calendar().addWorkingDays(o.workflow->today(), 10));
  // With a new version the change is accepted for new dossiers.
  text = testing::replaceOnce(text, "version=\"2\"", "version=\"3\"");
  REQUIRE(core::writeFileAtomic(file, text, 0644, true));
  o.reopen();
  const auto newer = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  CHECK(newer.rulebook_version == 3);
  auto fast = o.act("thuong-truc", newer.id, "receive");
  REQUIRE(fast);
  CHECK(fast->instance.due_on == *o.workflow->calendar().addWorkingDays(o.workflow->today(), 3));
}

TEST_CASE("signed checkpoints reveal events removed from the end of the chain") {
  Office o(4);
  const auto d = o.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  for (const char* a : {"receive", "start-appraisal"}) REQUIRE(o.act("thuong-truc", d.id, a));
  REQUIRE(o.workflow->checkpoint(true));
  auto ok = service::verifyAudit(*o.data);
  REQUIRE(ok);
  CHECK(ok->intact());
  CHECK(ok->checkpoints >= 1);
  CHECK(ok->uncovered == 0);
  const std::int64_t events = o.events();
  store::DatabaseImpl& db = o.data->database.impl();
  SUBCASE("the last events deleted: the chain alone still links, the checkpoint does not") {
    db.session << "DELETE FROM events WHERE seq > " + std::to_string(events - 2), now;
    auto audit = service::verifyAudit(*o.data);
    REQUIRE(audit);
    CHECK(audit->chain.intact());
    CHECK_FALSE(audit->intact());
    CHECK(*audit->broken == events - 1);
    CHECK(audit->reason.find("missing") != std::string::npos);
  }
  SUBCASE("a checkpoint forged without the agency key") {
    db.session << "UPDATE checkpoints SET at = '2020-01-01T00:00:00Z'", now;
    auto audit = service::verifyAudit(*o.data);
    REQUIRE(audit);
    CHECK_FALSE(audit->intact());
    CHECK(audit->reason.find("signature") != std::string::npos);
  }
}

TEST_CASE("attached scans are read by the PDF library: pages recorded, damaged ones refused") {
  Office o;
  const std::string sample = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";
  const auto d = o.submitSample(sample);
  auto status = o.workflow->status(o.as("thuong-truc"), d.id);
  REQUIRE(status);
  for (const model::StoredFile& f : status->files) {
    if (f.media_type != "application/pdf") continue;
    CHECK(f.pages == 1);
    CHECK_FALSE(f.pdf_version.empty());
  }
  // The same dossier whose proposal letter's cross-reference offset is wrong: the simple
  // checks (size, SHA-256, %PDF- header) pass, the PDF library does not.
  const testing::TempDir files;
  for (const char* name : {"pho-chau-2024-totrinh-231.pdf", "pho-chau-2024-bienban-binhxet-27.pdf"})
    files.write(name, testing::readSource(std::string("samples/attachments/") + name));
  std::string broken = testing::readSource("samples/attachments/pho-chau-2024-totrinh-231.pdf");
  broken = testing::replaceOnce(broken, "startxref\n2424", "startxref\n9999");
  files.write("pho-chau-2024-totrinh-231.pdf", broken);
  std::string xml = testing::readSource(sample);
  const std::string good_sha =
      crypto::sha256Hex(testing::readSource("samples/attachments/pho-chau-2024-totrinh-231.pdf"));
  xml = testing::replaceOnce(xml, good_sha, crypto::sha256Hex(broken));
  auto signed_xml = service::signBytes(xml, o.keyOf("nop-ubnd-phochau"));
  REQUIRE(signed_xml);
  service::SubmitRequest r = o.request(*signed_xml);
  r.attachments_dir = files.path();
  const std::int64_t events = o.events();
  auto refused = o.workflow->submit(o.as("nop-ubnd-phochau"), r);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::Invalid);
  CHECK(refused.error().message.find("pho-chau-2024-totrinh-231.pdf") != std::string::npos);
  CHECK(o.events() == events);
}
