// The council: ballots and votes (secret ballots unlinkable), council sessions, and the opinions
// the standing office asks of other bodies before a dossier goes to the council.

#include <algorithm>
#include <set>
#include <sstream>

#include "engine/core/file.hpp"
#include "engine/crypto/base64.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/crypto/signature.hpp"
#include "engine/dossier/pdf.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/calendar.hpp"
#include "engine/service/detail/workflow_support.hpp"
#include "engine/service/office_document.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/archive_store.hpp"
#include "engine/store/authorities.hpp"
#include "engine/workflow/rulebook_loader.hpp"

namespace awardflow::service {
using namespace detail;  // NOLINT(google-build-using-namespace): the use cases' helpers

core::Result<VoteOutcome> Workflow::vote(const model::User& actor, const VoteRequest& request) {
  auto d = visible(actor, request.dossier_id);
  if (!d) return core::Unexpected{d.error()};
  std::string voter = actor.login;
  model::Participation manner = model::Participation::InPerson;
  if (request.on_behalf_of) {
    auto allowed =
        requireRole(actor, model::Role::StandingOffice, "enter an absent member's written ballot",
                    "ghi phiếu bằng văn bản của thành viên vắng mặt");
    if (!allowed) return core::Unexpected{allowed.error()};
    voter = *request.on_behalf_of;
    manner = model::Participation::InWriting;
  } else {
    auto allowed = requireRole(actor, model::Role::CouncilMember, "vote", "bỏ phiếu");
    if (!allowed) return core::Unexpected{allowed.error()};
  }
  if (request.recuse) {
    manner = model::Participation::Recused;
    if (trimmed(request.comment).empty()) {
      return refuse(core::Errc::InvalidArgument, "a recusal needs its reason (--comment)",
                    "không tham gia biểu quyết cần nêu lý do (--comment)");
    }
  } else if (!request.choice) {
    return refuse(
        core::Errc::InvalidArgument, "choose approve, reject or abstain",
        "hãy chọn approve (đồng ý), reject (không đồng ý) hoặc abstain (không biểu quyết)");
  }
  auto ballot = store_.openBallot(d->id);
  if (!ballot) return core::Unexpected{ballot.error()};
  if (!*ballot) {
    return refuse(core::Errc::IllegalTransition, "no ballot is open on dossier " + d->id,
                  "hồ sơ " + d->id + " không có cuộc bỏ phiếu nào đang mở");
  }
  auto session = store_.session((*ballot)->session_id);
  if (!session) return core::Unexpected{session.error()};
  const std::vector<std::string>& members =
      *session ? (*session)->members : std::vector<std::string>{};
  if (std::find(members.begin(), members.end(), voter) == members.end()) {
    return refuse(core::Errc::PermissionDenied,
                  voter + " is not a member of council session " + (*ballot)->session_id,
                  voter + " không phải thành viên phiên họp " + (*ballot)->session_id);
  }
  VoteOutcome outcome;
  outcome.ballot_id = (*ballot)->id;
  outcome.members = static_cast<int>(members.size());
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto records = store::WorkflowStore::participationIn(tx, (*ballot)->id);
    if (!records) return core::Unexpected{records.error()};
    for (const store::ParticipationRecord& r : *records) {
      if (r.login != voter) continue;
      return refuse(core::Errc::Conflict, voter + " has voted in this ballot already",
                    voter + " đã bỏ phiếu trong lần biểu quyết này");
    }
    store::ParticipationRecord record;
    record.login = voter;
    record.manner = manner;
    record.recorded_by = actor.login;
    record.at = at;
    auto cast = store::WorkflowStore::castIn(tx, (*ballot)->id, (*ballot)->mode, record,
                                             request.recuse ? std::nullopt : request.choice);
    if (!cast) return cast;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = request.recuse ? "ballot.recused" : "ballot.cast";
    e.subject = d->id;
    // The receipt of a secret ballot says who took part, never how.
    e.payload = "{\"ballot\":" + js((*ballot)->id) + ",\"member\":" + js(voter) +
                ",\"manner\":" + js(std::string(model::name(manner))) +
                ((*ballot)->mode == model::VoteMode::Open && request.choice && !request.recuse
                     ? ",\"choice\":" + js(std::string(model::name(*request.choice)))
                     : "") +
                (request.recuse ? ",\"reason\":" + js(trimmed(request.comment)) : "") + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    outcome.recorded = static_cast<int>(records->size()) + 1;
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  checkpointQuietly();
  return outcome;
}

core::Result<model::CouncilSession> Workflow::openSession(const model::User& actor,
                                                          const std::string& title,
                                                          const core::Date& meets_on,
                                                          std::vector<std::string> members) {
  auto allowed = requireRole(actor, model::Role::StandingOffice, "open council sessions",
                             "mở phiên họp Hội đồng");
  if (!allowed) return core::Unexpected{allowed.error()};
  if (trimmed(title).empty()) {
    return refuse(core::Errc::InvalidArgument, "a council session needs a title",
                  "phiên họp cần có tên");
  }
  auto users = store::Accounts(data_.database).users();
  if (!users) return core::Unexpected{users.error()};
  // The council of the actor's authority; for an office of the whole installation, the members
  // who belong to no authority (every member in an installation of one authority).
  std::set<std::string> council;
  for (const model::User& u : *users) {
    if (u.role == model::Role::CouncilMember && u.active &&
        u.authority_code == actor.authority_code)
      council.insert(u.login);
  }
  if (members.empty()) members.assign(council.begin(), council.end());
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  for (const std::string& m : members) {
    if (council.count(m) == 0) {
      return refuse(core::Errc::InvalidArgument, m + " is not an active council member",
                    m + " không phải thành viên Hội đồng đang hoạt động");
    }
  }
  if (members.empty()) {
    return refuse(core::Errc::InvalidArgument, "the council has no members: add them first",
                  "Hội đồng chưa có thành viên");
  }
  model::CouncilSession session;
  session.title = trimmed(title);
  session.meets_on = meets_on;
  session.opened_by = actor.login;
  session.members = members;
  session.authority_code = actor.authority_code;
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto serial = store::WorkflowStore::nextNumberIn(tx, "session", meets_on.year);
    if (!serial) return core::Unexpected{serial.error()};
    session.id = "HD-" + std::to_string(meets_on.year) + "-" + (*serial < 10 ? "0" : "") +
                 std::to_string(*serial);
    auto inserted = store::WorkflowStore::insertSessionIn(tx, session);
    if (!inserted) return inserted;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "council.session-opened";
    e.subject = session.id;
    e.payload = "{\"title\":" + js(session.title) + ",\"meetsOn\":" + js(meets_on.toString()) +
                ",\"members\":" + jsList(members) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  checkpointQuietly();
  return session;
}

core::Result<void> Workflow::closeSession(const model::User& actor, const std::string& session_id) {
  auto allowed = requireRole(actor, model::Role::StandingOffice, "close council sessions",
                             "kết thúc phiên họp Hội đồng");
  if (!allowed) return allowed;
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto session = store::WorkflowStore::sessionIn(tx, session_id);
    if (!session) return core::Unexpected{session.error()};
    if (!*session) {
      return refuse(core::Errc::NotFound, "no council session " + session_id,
                    "không có phiên họp " + session_id);
    }
    if (!(*session)->open) {
      return refuse(core::Errc::IllegalTransition,
                    "council session " + session_id + " is closed already",
                    "phiên họp " + session_id + " đã kết thúc");
    }
    auto ballots = store_.sessionBallots(session_id);
    if (!ballots) return core::Unexpected{ballots.error()};
    for (const model::Ballot& b : *ballots) {
      if (b.open) {
        return refuse(core::Errc::IllegalTransition,
                      "the ballot on " + b.dossier_id + " is still open; close it first",
                      "việc bỏ phiếu hồ sơ " + b.dossier_id + " chưa kết thúc");
      }
    }
    auto closed = store::WorkflowStore::closeSessionIn(tx, session_id);
    if (!closed) return closed;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "council.session-closed";
    e.subject = session_id;
    e.payload = "{\"ballots\":" + std::to_string(ballots->size()) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (done) checkpointQuietly();
  return done;
}

// ---------------------------------------------------------------------------------------------
// opinions

core::Result<void> Workflow::requestOpinion(const model::User& actor, const std::string& dossier_id,
                                            const std::string& agency) {
  auto allowed = requireRole(actor, model::Role::StandingOffice, "ask for opinions",
                             "xin ý kiến cơ quan khác");
  if (!allowed) return allowed;
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  auto rulebook = pinned(d->rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(d->procedure_id);
  const model::Lifecycle* lifecycle =
      procedure ? (*rulebook)->lifecycle(procedure->lifecycle) : nullptr;
  // Opinions are asked where the lifecycle waits for them: some action leaving the current
  // state has the opinions-received guard.
  const bool waits =
      lifecycle != nullptr &&
      std::any_of(lifecycle->actions.begin(), lifecycle->actions.end(),
                  [&](const model::LifecycleAction& a) {
                    return a.leaves(d->state) &&
                           std::find(a.guards.begin(), a.guards.end(),
                                     model::Guard::OpinionsReceived) != a.guards.end();
                  });
  if (!waits) {
    return refuse(
        core::Errc::IllegalTransition,
        "opinions are asked during appraisal, not while the dossier is " + d->state,
        "chỉ xin ý kiến trong khi thẩm định, không phải khi hồ sơ ở trạng thái " + d->state);
  }
  if (trimmed(agency).empty()) {
    return refuse(core::Errc::InvalidArgument, "name the agency asked", "hãy ghi tên cơ quan");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto asked = store::WorkflowStore::requestOpinionIn(
        tx, d->id, model::Opinion{trimmed(agency), actor.login, at, std::nullopt, ""});
    if (!asked) return asked;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "opinion.requested";
    e.subject = d->id;
    e.payload = "{\"agency\":" + js(trimmed(agency)) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<void> Workflow::receiveOpinion(const model::User& actor, const std::string& dossier_id,
                                            const std::string& agency, const std::string& text) {
  auto allowed =
      requireRole(actor, model::Role::StandingOffice, "record opinions", "ghi nhận ý kiến");
  if (!allowed) return allowed;
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  if (trimmed(text).empty()) {
    return refuse(core::Errc::InvalidArgument, "an opinion needs its text (--comment)",
                  "cần ghi nội dung ý kiến (--comment)");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto received =
        store::WorkflowStore::receiveOpinionIn(tx, d->id, trimmed(agency), trimmed(text), at);
    if (!received) return received;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "opinion.received";
    e.subject = d->id;
    e.payload = "{\"agency\":" + js(trimmed(agency)) + ",\"text\":" + js(trimmed(text)) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

}  // namespace awardflow::service
