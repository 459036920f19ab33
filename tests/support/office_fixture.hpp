#pragma once

// A data directory with the demo accounts, the agency key and a workflow on a fixed clock, for
// tests of the dossier lifecycle through the service (the real store, real signatures).

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "engine/core/clock.hpp"
#include "engine/core/file.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/keys.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/authorities.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/support/fixtures.hpp"

namespace awardflow::testing {

// A calendar of weekends and New Year's Day only, around the current year, so that tests do not
// depend on which years the shipped calendar declares (tests of Tết use the shipped one).
inline std::string weekendCalendar(int from_year, int to_year) {
  std::string xml =
      "<calendar xmlns=\"urn:awardflow:calendar:1\" id=\"test\" version=\"1\" "
      "schemaVersion=\"1\"><title>Lịch thử</title><weekend><day>saturday</day><day>sunday</day>"
      "</weekend>";
  for (int y = from_year; y <= to_year; ++y)
    xml += "<year value=\"" + std::to_string(y) + "\" source=\"test\"><off from=\"" +
           std::to_string(y) + "-01-01\">Tết Dương lịch</off></year>";
  return xml + "</calendar>";
}

struct Office {
  TempDir dir;
  std::filesystem::path root = dir.path() / "data";
  std::unique_ptr<service::DataDirectory> data;
  // An hour ahead: keys issued during the test are already valid at the clock's time.
  core::FixedClock clock{std::time(nullptr) + 3600};
  std::unique_ptr<service::Workflow> workflow;
  std::map<std::string, service::SigningMaterial> keys;
  service::WorkflowConfig config;

  explicit Office(int checkpoint_every = 64) {
    REQUIRE(service::initDataDirectory(root));
    REQUIRE(service::createAgencyIdentity(root, "UBND huyện Hương Sơn"));
    auto opened = service::openDataDirectory(root);
    REQUIRE(opened);
    data = std::move(opened).value();
    REQUIRE(service::seedDemo(*data));
    const int year = core::vietnamDate(clock.now()).year;
    config = service::defaultWorkflowConfig(*data);
    config.calendar_file = dir.write("calendar.xml", weekendCalendar(year - 1, year + 2));
    config.checkpoint_every = checkpoint_every;
    reopen();
  }

  void reopen() {
    workflow.reset();
    auto wf = service::Workflow::open(*data, config, clock);
    REQUIRE_MESSAGE(wf, (wf ? "" : wf.error().message));
    workflow = std::move(wf).value();
  }

  model::User as(const std::string& login) const {
    auto u = workflow->user(login);
    REQUIRE_MESSAGE(u, login);
    return *u;
  }

  // Adds a user (and its unit when missing) in `role`.
  void addUser(const std::string& login, model::Role role,
               std::optional<std::string> unit = std::nullopt,
               model::Level level = model::Level::Commune) {
    if (unit) {
      auto existing = store::Accounts(data->database).unit(*unit);
      REQUIRE(existing);
      if (!*existing) REQUIRE(service::addUnit(*data, {*unit, "Đơn vị " + *unit, level}, "test"));
    }
    REQUIRE(service::addUser(*data, {login, "Người dùng " + login, role, unit, true},
                             "password-123456", "test"));
  }

  // A personal signing key issued by the installation CA.
  const service::SigningMaterial& keyOf(const std::string& login) {
    auto it = keys.find(login);
    if (it != keys.end()) return it->second;
    const service::AgencyPaths paths = service::agencyPaths(root);
    auto secret = service::readPassphrase(paths.passphrase);
    REQUIRE(secret);
    service::IssueRequest request;
    request.ca_cert = paths.ca_cert;
    request.ca_key = paths.ca_key;
    request.ca_passphrase = *secret;
    request.subject = "CN=" + login + ",C=VN";
    request.passphrase = "key-passphrase";
    request.out_prefix = dir.path() / ("key-" + login);
    REQUIRE(service::issue(request));
    auto material = service::loadSigningMaterial(dir.path() / ("key-" + login + "-key.pem"),
                                                 dir.path() / ("key-" + login + "-cert.pem"),
                                                 std::nullopt, "key-passphrase");
    REQUIRE(material);
    return keys.emplace(login, *material).first->second;
  }

  // An authority a rulebook names whose proposals hear back from above (an agency of the
  // province) goes under the province, with a unit of its own to propose under.
  void placeUnderProvinceIfAnswered(const model::Rulebook& book) {
    const bool answered = std::any_of(book.lifecycles.begin(), book.lifecycles.end(),
                                      [](const model::Lifecycle& l) { return l.answers; });
    if (!answered) return;
    const store::Authorities authorities(data->database);
    auto self = authorities.find(book.authority.code);
    auto province = authorities.find("UBND-HATINH");
    REQUIRE(self);
    REQUIRE(province);
    if (!*self || !*province || (*self)->parent_code) return;
    REQUIRE(service::placeAuthority(*data, book.authority.code, "UBND-HATINH", "test"));
    REQUIRE(service::addUnit(*data,
                             model::Unit("DV-" + book.authority.code, (*self)->name,
                                         model::Level::Agency, book.authority.code),
                             "test"));
  }

  // A rulebook that serves every authority of its level takes dossiers only from units placed
  // under one: a new unit of such a sample goes under a test commune of that level.
  void placeUnderCommuneIfNeeded(const std::string& xml, const std::string& unit,
                                 std::optional<model::Level> level) {
    std::smatch r;
    REQUIRE(std::regex_search(xml, r, std::regex("procedure rulebook=\"([^\"]+)\"")));
    const model::Rulebook* book = nullptr;
    for (const model::Rulebook& b : workflow->rulebooks())
      if (b.id == r[1].str()) book = &b;
    if (book == nullptr) return;
    if (!book->authority.code.empty()) {
      placeUnderProvinceIfAnswered(*book);
      return;
    }
    auto existing = store::Accounts(data->database).unit(unit);
    REQUIRE(existing);
    if (*existing && (*existing)->authority_code) return;
    const std::string code = "UBND-XA-THU";
    auto found = store::Authorities(data->database).find(code);
    REQUIRE(found);
    if (!*found) {
      model::AuthorityRecord a;
      a.code = code;
      a.name = "Ủy ban nhân dân xã Thử";
      a.level = book->authority.level;
      // Under the province its rulebooks name, when there is one, with a unit of its own: its
      // upward proposals arrive there.
      auto province = store::Authorities(data->database).find("UBND-HATINH");
      REQUIRE(province);
      if (*province) a.parent_code = "UBND-HATINH";
      REQUIRE(service::addAuthority(*data, a, "test"));
      REQUIRE(service::addUnit(*data, model::Unit("XA-THU", a.name, book->authority.level, code),
                               "test"));
    }
    if (*existing) {
      // A district-era unit of the demo (no authority) placed under the test commune.
      REQUIRE(data->database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
        std::string c = code, u = unit;
        tx.session << "UPDATE units SET authority_code = ? WHERE code = ?",
            Poco::Data::Keywords::use(c), Poco::Data::Keywords::use(u), Poco::Data::Keywords::now;
        return {};
      }));
      return;
    }
    REQUIRE(service::addUnit(
        *data, model::Unit(unit, "Đơn vị " + unit, level.value_or(model::Level::Commune), code),
        "test"));
  }

  // A sample dossier signed by `login`.
  std::string signedSample(const std::string& sample, const std::string& login) {
    auto signed_bytes = service::signBytes(readSource(sample), keyOf(login));
    REQUIRE(signed_bytes);
    return *signed_bytes;
  }

  service::SubmitRequest request(std::string xml) const {
    service::SubmitRequest r;
    r.xml = std::move(xml);
    r.source = "dossier.xml";
    r.attachments_dir = sourceDir() / "samples/attachments";
    return r;
  }

  // Submits a sample as a user of its nominating unit (added when missing).
  model::DossierInstance submitSample(const std::string& sample) {
    const std::string xml = readSource(sample);
    std::smatch m;
    REQUIRE(std::regex_search(xml, m,
                              std::regex("nominatingUnit code=\"([^\"]+)\" level=\"([a-z]+)\"")));
    const std::string unit = m[1];
    std::string login = "nop-" + unit;
    for (char& c : login) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    placeUnderCommuneIfNeeded(xml, unit, model::parseLevel(m[2].str()));
    if (!workflow->user(login)) {
      addUser(login, model::Role::SubmittingUnit, unit,
              model::parseLevel(m[2].str()).value_or(model::Level::Commune));
    }
    auto outcome = workflow->submit(as(login), request(signedSample(sample, login)));
    REQUIRE_MESSAGE(
        outcome,
        (outcome ? ""
                 : outcome.error().message + " " +
                       (outcome.error().details.empty() ? "" : outcome.error().details.front())));
    return outcome->instance;
  }

  core::Result<service::ActOutcome> act(const std::string& login, const std::string& id,
                                        const std::string& action, std::string comment = "") {
    service::ActRequest r;
    r.dossier_id = id;
    r.action = action;
    r.comment = std::move(comment);
    return workflow->act(as(login), r);
  }

  std::int64_t events() const {
    auto head = data->audit().head();
    REQUIRE(head);
    return head->first;
  }
};

// The demo council, as seedDemo makes it.
inline const std::vector<std::string> kCouncil{"hoi-dong-1", "hoi-dong-2", "hoi-dong-3"};

inline std::string openSession(Office& o, std::vector<std::string> members = {}) {
  auto session = o.workflow->openSession(o.as("thuong-truc"), "Phiên họp Hội đồng",
                                         o.workflow->today(), std::move(members));
  REQUIRE_MESSAGE(session, (session ? "" : session.error().message));
  return session->id;
}

inline bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Who acts for an authority in driveToSeal: the demo district's people by default.
struct Staff {
  std::string office = "thuong-truc";
  std::string chair = "chu-tich";
  std::string archivist = "luu-tru";
  std::vector<std::string> council = kCouncil;
};

// Drives a dossier to the archive along the path of approval, as the people in each role would:
// at each step the first allowed action offered to the office, the chairperson or the archivist
// (never a refusal), the council voting in favour, time passing through a publication window.
// Stops at "sealed", or at any state of `stop_at`. Returns the states visited.
inline std::vector<std::string> driveToSeal(Office& o, const std::string& id,
                                            const std::string& session, const Staff& staff = {},
                                            const std::vector<std::string>& stop_at = {}) {
  const std::vector<std::string> refusals{"withdraw",          "return",  "reject",
                                          "close-vote-failed", "decline", "revoke"};
  std::vector<std::string> states;
  for (int step = 0; step < 40; ++step) {
    auto current = o.workflow->status(o.as(staff.office), id);
    REQUIRE(current);
    states.push_back(current->instance.state);
    if (current->instance.state == "sealed" || contains(stop_at, current->instance.state))
      return states;
    bool acted = false;
    for (const std::string& login : {staff.office, staff.chair, staff.archivist}) {
      auto status = o.workflow->status(o.as(login), id);
      REQUIRE(status);
      for (const workflow::Choice& c : status->choices) {
        if (contains(refusals, c.action->id)) continue;
        const bool needs_key = c.unmet.size() == 1 &&
                               c.unmet.front() == model::Guard::SignaturesValid &&
                               (c.action->id == "issue" || c.action->id == "forward");
        if (!c.allowed() && !needs_key) continue;
        service::ActRequest r;
        r.dossier_id = id;
        r.action = c.action->id;
        if (needs_key) r.signer = o.keyOf(staff.chair);
        if (c.action->id == "send-to-council") r.session_id = session;
        auto done = o.workflow->act(o.as(login), r);
        REQUIRE_MESSAGE(
            done,
            (done ? ""
                  : c.action->id + ": " + done.error().message +
                        (done.error().details.empty() ? "" : " " + done.error().details.front())));
        acted = true;
        break;
      }
      if (acted) break;
    }
    if (acted) continue;
    // A proposal that arrived above: that dossier is driven to its end, and its answer comes
    // back down.
    if (current->forwarded_as) {
      auto above = o.workflow->status(o.as(staff.office), *current->forwarded_as);
      if (above && above->instance.state != "sealed") {
        driveToSeal(o, *current->forwarded_as, session, staff);
        continue;
      }
    }
    if (current->instance.state == "council-review") {
      for (const std::string& member : staff.council) {
        service::VoteRequest v;
        v.dossier_id = id;
        v.choice = model::BallotChoice::Approve;
        REQUIRE(o.workflow->vote(o.as(member), v));
      }
      continue;
    }
    if (current->instance.state == "publication") {
      o.clock.advanceDays(21);
      continue;
    }
    FAIL("stuck in state " << current->instance.state);
  }
  FAIL("no seal after 40 steps");
  return states;
}

}  // namespace awardflow::testing
