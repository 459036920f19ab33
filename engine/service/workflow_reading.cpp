// Reading: a dossier's status and history, lists with paging and filters, the work queue, counts
// by state, council sessions, issued documents and files, and the overdue list.

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

std::optional<int> Workflow::workingDaysLeft(const model::DossierInstance& d) const {
  if (!d.due_on || d.stopped_on) return std::nullopt;
  const core::Date today = core::vietnamDate(clock_.now());
  auto left = today <= *d.due_on ? calendar_.workingDaysBetween(today, *d.due_on)
                                 : calendar_.workingDaysBetween(*d.due_on, today);
  if (!left) return std::nullopt;
  return today <= *d.due_on ? *left : -*left;
}

core::Result<std::vector<workflow::Choice>> Workflow::choicesOf(
    const model::User& actor, const model::DossierInstance& d, const model::Rulebook& rulebook,
    const model::Procedure& procedure, const std::vector<model::Opinion>& opinions,
    const std::vector<model::Ballot>& ballots) const {
  // What the asker could do now; guards that depend on the request itself (a reason, a list,
  // a key) are shown unmet until given.
  workflow::Facts facts;
  facts.parts_complete = d.complete;
  facts.signatures_valid = d.signed_valid;
  facts.opinions_received = std::all_of(opinions.begin(), opinions.end(),
                                        [](const model::Opinion& o) { return o.received_at; });
  facts.publication_elapsed =
      d.publication_until && core::vietnamDate(clock_.now()) > *d.publication_until;
  for (const model::Ballot& b : ballots) {
    if (!b.open) continue;
    auto session = store_.session(b.session_id);
    if (!session) return core::Unexpected{session.error()};
    auto tally = store_.count(b, *session ? static_cast<int>((*session)->members.size()) : 0);
    if (!tally) return core::Unexpected{tally.error()};
    const model::Variant* variant = procedure.variant(d.variant);
    if (variant != nullptr) {
      facts.vote_passed =
          workflow::voteRuleMet(variant->vote, tally->members, tally->approve, tally->taking_part);
    }
  }
  std::vector<workflow::Choice> out =
      workflow::choices(rulebook, procedure, d.variant, d.state, actor.role, facts);
  for (workflow::Choice& c : out) {
    // Issuing and forwarding are signed with the actor's key, given with the request.
    const bool signs =
        std::any_of(c.action->effects.begin(), c.action->effects.end(), [](model::Effect e) {
          return e == model::Effect::IssueDecision || e == model::Effect::ForwardUpward;
        });
    const bool listed =
        std::find(c.unmet.begin(), c.unmet.end(), model::Guard::SignaturesValid) != c.unmet.end();
    if (signs && !listed) c.unmet.push_back(model::Guard::SignaturesValid);
  }
  return out;
}

core::Result<DossierStatus> Workflow::status(const model::User& actor,
                                             const std::string& dossier_id) const {
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  DossierStatus out;
  out.instance = std::move(d).value();
  auto rulebook = pinned(out.instance.rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(out.instance.procedure_id);
  if (procedure == nullptr) return core::fail(core::Errc::Internal, "pinned procedure missing");
  out.procedure_title = procedure->title.vi;
  const model::Lifecycle* lifecycle = (*rulebook)->lifecycle(procedure->lifecycle);
  if (lifecycle != nullptr) {
    out.state_label_vi = detail::stateLabel(*lifecycle, out.instance.state, true);
    out.state_label_en = detail::stateLabel(*lifecycle, out.instance.state, false);
    const model::LifecycleState* s = lifecycle->state(out.instance.state);
    out.terminal = s != nullptr && s->kind == model::LifecycleState::Kind::Terminal;
  }
  auto files = store_.files(out.instance.id);
  if (!files) return core::Unexpected{files.error()};
  out.files = std::move(files).value();
  for (const model::StoredFile& f : out.files) {
    if (!data_.blobs.present(f.sha256, f.size))
      out.unusable_files.insert("r" + std::to_string(f.revision) + "/" + f.name);
  }
  auto documents = store_.documents(out.instance.id);
  if (!documents) return core::Unexpected{documents.error()};
  out.documents = std::move(documents).value();
  auto lists = store_.deficiencyLists(out.instance.id);
  if (!lists) return core::Unexpected{lists.error()};
  out.deficiency_lists = std::move(lists).value();
  auto link = store_.linkOf(out.instance.id);
  if (!link) return core::Unexpected{link.error()};
  if (*link && (*link)->origin_id == out.instance.id) out.forwarded_as = (*link)->incoming_id;
  if (*link && (*link)->incoming_id == out.instance.id) out.arrived_from = (*link)->origin_id;
  auto opinions = store_.opinions(out.instance.id);
  if (!opinions) return core::Unexpected{opinions.error()};
  out.opinions = std::move(opinions).value();
  auto ballots = store_.ballots(out.instance.id);
  if (!ballots) return core::Unexpected{ballots.error()};
  out.ballots = std::move(ballots).value();
  for (const model::Ballot& b : out.ballots) {
    if (!b.open) continue;
    auto records = store_.participation(b.id);
    if (!records) return core::Unexpected{records.error()};
    out.open_ballot_recorded = static_cast<int>(records->size());
  }
  auto decision = store_.decision(out.instance.id);
  if (!decision) return core::Unexpected{decision.error()};
  out.decision = std::move(decision).value();
  out.working_days_left = workingDaysLeft(out.instance);
  auto choices = choicesOf(actor, out.instance, **rulebook, *procedure, out.opinions, out.ballots);
  if (!choices) return core::Unexpected{choices.error()};
  out.choices = std::move(choices).value();
  return out;
}

core::Result<std::vector<store::Event>> Workflow::history(const model::User& actor,
                                                          const std::string& dossier_id) const {
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  return data_.audit().about(d->id);
}

core::Result<std::vector<model::DossierInstance>> Workflow::list(
    const model::User& actor, std::optional<std::string> state) const {
  ListQuery query;
  query.state = std::move(state);
  query.limit = 1000;
  auto page = list(actor, query);
  if (!page) return core::Unexpected{page.error()};
  return std::move(page->items);
}

core::Result<Workflow::ListPage> Workflow::list(const model::User& actor,
                                                const ListQuery& query) const {
  if (query.limit < 1 || query.limit > 1000) {
    return refuse(core::Errc::InvalidArgument,
                  "limit is from 1 to 1000, not " + std::to_string(query.limit),
                  "limit từ 1 đến 1000, không phải " + std::to_string(query.limit));
  }
  auto seen = seenBy(actor);
  if (!seen) return core::Unexpected{seen.error()};
  store::DossierFilter filter = std::move(seen).value();
  if (!canSeeAll(actor.role)) {
    // A unit asking for another unit's dossiers sees none of them.
    if (query.unit && *query.unit != *filter.unit_code) return ListPage{};
  } else {
    filter.unit_code = query.unit;
  }
  filter.state = query.state;
  filter.states = query.states;
  filter.procedure_id = query.procedure;
  filter.year = query.year;
  filter.after = query.after;
  // One row more than the page says whether another page follows.
  filter.limit = query.limit + 1;
  ListPage page;
  for (;;) {
    auto rows = store_.dossiers(filter);
    if (!rows) return core::Unexpected{rows.error()};
    const bool full_read = static_cast<std::int64_t>(rows->size()) == filter.limit;
    std::size_t used = 0;
    for (model::DossierInstance& d : *rows) {
      if (static_cast<std::int64_t>(page.items.size()) == query.limit) break;
      ++used;
      filter.after = d.id;
      // A council member's list: the dossiers on their sessions only.
      if (actor.role == model::Role::CouncilMember) {
        auto on = store_.onSessionOf(d.id, actor.login);
        if (!on) return core::Unexpected{on.error()};
        if (!*on) continue;
      }
      page.items.push_back(std::move(d));
    }
    if (static_cast<std::int64_t>(page.items.size()) == query.limit) {
      if (used < rows->size() || full_read) page.next = page.items.back().id;
      return page;
    }
    if (!full_read) return page;
  }
}

core::Result<store::DossierFilter> Workflow::seenBy(const model::User& actor) const {
  store::DossierFilter filter;
  if (!canSeeAll(actor.role)) {
    filter.unit_code = actor.unit_code.value_or("");
    return filter;
  }
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  filter.authority_codes = std::move(scope).value();
  return filter;
}

std::string Workflow::stateLabel(const model::DossierInstance& d, const std::string& lang) const {
  auto rulebook = pinned(d.rulebook_sha256);
  if (!rulebook) return d.state;
  const model::Procedure* procedure = (*rulebook)->procedure(d.procedure_id);
  const model::Lifecycle* lifecycle =
      procedure ? (*rulebook)->lifecycle(procedure->lifecycle) : nullptr;
  return lifecycle ? detail::stateLabel(*lifecycle, d.state, lang != "en") : d.state;
}

core::Result<Workflow::QueueItem> Workflow::queueItem(
    const model::User& actor, model::DossierInstance instance,
    const store::WorkflowStore::GuardFacts& facts) const {
  QueueItem item;
  item.instance = std::move(instance);
  const model::DossierInstance& d = item.instance;
  auto rulebook = pinned(d.rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(d.procedure_id);
  if (procedure == nullptr) return core::fail(core::Errc::Internal, "pinned procedure missing");
  if (const model::Lifecycle* lifecycle = (*rulebook)->lifecycle(procedure->lifecycle)) {
    item.state_label_vi = detail::stateLabel(*lifecycle, d.state, true);
    item.state_label_en = detail::stateLabel(*lifecycle, d.state, false);
  }
  item.working_days_left = workingDaysLeft(d);
  auto choices = choicesOf(actor, d, **rulebook, *procedure, facts.opinions, facts.ballots);
  if (!choices) return core::Unexpected{choices.error()};
  item.choices = std::move(choices).value();
  item.decided = facts.decided;
  return item;
}

core::Result<Workflow::QueuePage> Workflow::queue(const model::User& actor,
                                                  std::optional<std::string> after,
                                                  std::int64_t limit) const {
  if (limit < 1 || limit > 200) {
    return refuse(
        core::Errc::InvalidArgument,
        "a queue page holds 1 to 200 dossiers, not " + std::to_string(limit),
        "một trang việc cần làm có từ 1 đến 200 hồ sơ, không phải " + std::to_string(limit));
  }
  auto seen = seenBy(actor);
  if (!seen) return core::Unexpected{seen.error()};
  auto groups = store_.stateGroups(*seen);
  if (!groups) return core::Unexpected{groups.error()};
  // The states where the role has an action, in the lifecycles the dossiers are pinned to.
  std::set<std::string> acting;
  for (const store::WorkflowStore::StateGroup& g : *groups) {
    if (acting.count(g.state) != 0) continue;
    auto rulebook = pinned(g.rulebook_sha256);
    if (!rulebook) return core::Unexpected{rulebook.error()};
    const model::Procedure* procedure = (*rulebook)->procedure(g.procedure_id);
    const model::Lifecycle* lifecycle =
        procedure ? (*rulebook)->lifecycle(procedure->lifecycle) : nullptr;
    if (lifecycle == nullptr) continue;
    for (const model::LifecycleAction& a : lifecycle->actions) {
      if (a.role == actor.role && a.leaves(g.state)) acting.insert(g.state);
    }
  }
  QueuePage page;
  if (acting.empty()) return page;
  if (acting.size() > store::kMaxListedStates) {
    return core::fail(core::Errc::Internal, "more acting states than a list takes");
  }
  ListQuery query;
  query.states.assign(acting.begin(), acting.end());
  query.after = std::move(after);
  // Most candidates have an action open: read one more than the page first, and more at a time
  // only while the guards keep some of them out.
  query.limit = limit + 1;
  for (;;) {
    auto candidates = list(actor, query);
    if (!candidates) return core::Unexpected{candidates.error()};
    std::vector<std::string> ids;
    for (const model::DossierInstance& d : candidates->items) ids.push_back(d.id);
    auto facts = store_.guardFacts(ids);
    if (!facts) return core::Unexpected{facts.error()};
    for (model::DossierInstance& d : candidates->items) {
      if (static_cast<std::int64_t>(page.items.size()) == limit) {
        page.next = page.items.back().instance.id;
        return page;
      }
      // The list is scoped already; what the role may do needs only the guards' facts.
      const store::WorkflowStore::GuardFacts& its = facts->at(d.id);
      auto item = queueItem(actor, std::move(d), its);
      if (!item) return core::Unexpected{item.error()};
      if (std::none_of(item->choices.begin(), item->choices.end(),
                       [](const workflow::Choice& c) { return c.allowed(); }))
        continue;
      page.items.push_back(std::move(item).value());
    }
    if (!candidates->next) return page;
    query.after = candidates->next;
    query.limit = std::min<std::int64_t>(query.limit * 2, 1000);
  }
}

core::Result<std::vector<Workflow::StateCount>> Workflow::stateCounts(
    const model::User& actor) const {
  std::map<std::string, StateCount> by_state;
  const auto label = [&](StateCount& c, const std::string& sha, const std::string& procedure_id) {
    if (!c.label_vi.empty()) return;
    model::DossierInstance d;
    d.rulebook_sha256 = sha;
    d.procedure_id = procedure_id;
    d.state = c.state;
    c.label_vi = stateLabel(d, "vi");
    c.label_en = stateLabel(d, "en");
  };
  if (actor.role == model::Role::CouncilMember) {
    // A member sees the dossiers of their own sessions: counted from their list.
    ListQuery query;
    query.limit = 1000;
    for (;;) {
      auto page = list(actor, query);
      if (!page) return core::Unexpected{page.error()};
      for (const model::DossierInstance& d : page->items) {
        StateCount& c = by_state[d.state];
        c.state = d.state;
        ++c.count;
        label(c, d.rulebook_sha256, d.procedure_id);
      }
      if (!page->next) break;
      query.after = page->next;
    }
  } else {
    auto seen = seenBy(actor);
    if (!seen) return core::Unexpected{seen.error()};
    auto groups = store_.stateGroups(*seen);
    if (!groups) return core::Unexpected{groups.error()};
    for (const store::WorkflowStore::StateGroup& g : *groups) {
      StateCount& c = by_state[g.state];
      c.state = g.state;
      c.count += g.count;
      label(c, g.rulebook_sha256, g.procedure_id);
    }
  }
  std::vector<StateCount> out;
  for (auto& [state, c] : by_state) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(),
                   [](const StateCount& a, const StateCount& b) { return a.count > b.count; });
  return out;
}

core::Result<std::vector<model::CouncilSession>> Workflow::councilSessions(
    const model::User& actor) const {
  if (actor.role == model::Role::SubmittingUnit) {
    return refuse(core::Errc::PermissionDenied, "council sessions are not shown to units",
                  "đơn vị trình không xem được phiên họp Hội đồng");
  }
  auto all = store_.sessions();
  if (!all) return all;
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  std::vector<model::CouncilSession> mine;
  for (model::CouncilSession& s : *all) {
    if (!inScope(*scope, s.authority_code)) continue;
    if (actor.role == model::Role::CouncilMember &&
        std::find(s.members.begin(), s.members.end(), actor.login) == s.members.end())
      continue;
    mine.push_back(std::move(s));
  }
  return mine;
}

core::Result<std::pair<model::CouncilSession, std::vector<model::Ballot>>> Workflow::councilSession(
    const model::User& actor, const std::string& session_id) const {
  auto session = store_.session(session_id);
  if (!session) return core::Unexpected{session.error()};
  const bool member = *session && std::find((*session)->members.begin(), (*session)->members.end(),
                                            actor.login) != (*session)->members.end();
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  if (!*session || actor.role == model::Role::SubmittingUnit ||
      (actor.role == model::Role::CouncilMember && !member) ||
      !inScope(*scope, (*session)->authority_code)) {
    return refuse(core::Errc::NotFound, "no council session " + session_id,
                  "không có phiên họp " + session_id);
  }
  auto ballots = store_.sessionBallots(session_id);
  if (!ballots) return core::Unexpected{ballots.error()};
  return std::make_pair(std::move(**session), std::move(ballots).value());
}

core::Result<std::vector<std::pair<model::DossierInstance, model::OfficeDocument>>>
Workflow::publishedDecisions(std::int64_t limit) const {
  return store_.publishedDecisions(limit);
}

core::Result<std::pair<model::OfficeDocument, std::string>> Workflow::document(
    const model::User& actor, const std::string& dossier_id, const std::string& document_id) const {
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  auto doc = store_.document(document_id);
  if (!doc) return core::Unexpected{doc.error()};
  if (!*doc || (*doc)->dossier_id != d->id) {
    return refuse(core::Errc::NotFound, "no document " + document_id + " on " + d->id,
                  "hồ sơ " + d->id + " không có văn bản " + document_id);
  }
  auto bytes = data_.blobs.get((*doc)->sha256);
  if (!bytes) return core::Unexpected{bytes.error()};
  return std::make_pair(std::move(**doc), std::move(bytes).value());
}

core::Result<std::pair<model::StoredFile, std::string>> Workflow::file(
    const model::User& actor, const std::string& dossier_id, const std::string& name) const {
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  auto files = store_.files(d->id);
  if (!files) return core::Unexpected{files.error()};
  const model::StoredFile* latest = nullptr;
  for (const model::StoredFile& f : *files) {
    if (f.name == name && (latest == nullptr || f.revision > latest->revision)) latest = &f;
  }
  if (latest == nullptr) {
    return refuse(core::Errc::NotFound, "no file " + name + " in " + d->id,
                  "hồ sơ " + d->id + " không có tệp " + name);
  }
  auto bytes = data_.blobs.get(latest->sha256);
  if (!bytes) return core::Unexpected{bytes.error()};
  return std::make_pair(*latest, std::move(bytes).value());
}

core::Result<std::vector<OverdueItem>> Workflow::overdueFor(const model::User& actor,
                                                            std::optional<core::Date> on) {
  if (actor.role == model::Role::SubmittingUnit || actor.role == model::Role::CouncilMember) {
    return refuse(core::Errc::PermissionDenied, "the overdue list is for the office",
                  "danh sách quá hạn dành cho cơ quan thường trực");
  }
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  // The actor's authorities are asked of the store: a commune's office reads its own rows, not
  // the province's.
  return overdueIn(on, false, *scope);
}

core::Result<std::vector<OverdueItem>> Workflow::overdue(std::optional<core::Date> on,
                                                         bool escalate) {
  return overdueIn(on, escalate, std::nullopt);
}

core::Result<std::vector<OverdueItem>> Workflow::overdueIn(
    std::optional<core::Date> on, bool escalate,
    const std::optional<std::vector<std::string>>& authorities) {
  const core::Date day = on.value_or(core::vietnamDate(clock_.now()));
  auto due = store_.dueBy(day, authorities);
  if (!due) return core::Unexpected{due.error()};
  std::vector<OverdueItem> out;
  out.reserve(due->size());  // hundreds at a province's office: moved once, not at each growth
  const std::string at = core::utcTimestamp(clock_.now());
  std::map<core::Date, int> late_by_due;
  for (model::DossierInstance& d : *due) {
    if (!d.due_on || *d.due_on >= day) continue;
    OverdueItem item;
    // Counted once per due date: a backlog shares few of them.
    auto counted = late_by_due.find(*d.due_on);
    if (counted == late_by_due.end()) {
      auto late = calendar_.workingDaysBetween(*d.due_on, day);
      counted = late_by_due.emplace(*d.due_on, late ? *late : 0).first;
    }
    item.working_days_late = counted->second;
    auto rulebook = pinned(d.rulebook_sha256);
    if (!rulebook) return core::Unexpected{rulebook.error()};
    const model::Procedure* procedure = (*rulebook)->procedure(d.procedure_id);
    const model::Lifecycle* lifecycle =
        procedure ? (*rulebook)->lifecycle(procedure->lifecycle) : nullptr;
    if (lifecycle != nullptr && lifecycle->deadline)
      item.escalate_to = lifecycle->deadline->escalate_to;
    if (escalate && !d.escalated_at) {
      bool marked = false;
      auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
        auto m = store::WorkflowStore::markEscalatedIn(tx, d.id, at);
        if (!m) return core::Unexpected{m.error()};
        marked = *m;
        if (!marked) return {};
        store::Event e;
        e.at = at;
        e.actor = "system";
        e.kind = "deadline.escalated";
        e.subject = d.id;
        e.payload = "{\"dueOn\":" + js(d.due_on->toString()) + ",\"on\":" + js(day.toString()) +
                    ",\"workingDaysLate\":" + std::to_string(item.working_days_late) +
                    ",\"escalateTo\":" + js(std::string(model::name(item.escalate_to))) + "}";
        auto appended = store::AuditLog::appendIn(tx, e);
        if (!appended) return core::Unexpected{appended.error()};
        return {};
      });
      if (!done) return core::Unexpected{done.error()};
      item.escalated_now = marked;
      if (marked) d.escalated_at = at;
    }
    item.instance = std::move(d);
    out.push_back(std::move(item));
  }
  if (escalate) checkpointQuietly();
  return out;
}

}  // namespace awardflow::service
