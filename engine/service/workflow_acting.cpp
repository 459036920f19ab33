// Acting on a dossier: one transition of its lifecycle, its guards checked and its effects
// (receipt, deficiency notice, ballot, decision, forward upward, seal, revocation) done in one
// transaction.

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

core::Result<ActOutcome> Workflow::act(const model::User& actor, const ActRequest& request) {
  auto seen = visible(actor, request.dossier_id);
  if (!seen) return core::Unexpected{seen.error()};
  model::DossierInstance d = std::move(seen).value();
  if (request.expected_version && *request.expected_version != d.version) {
    return refuse(core::Errc::Conflict,
                  "dossier " + d.id + " is at version " + std::to_string(d.version) + ", not " +
                      std::to_string(*request.expected_version) + "; reload it and try again",
                  "hồ sơ " + d.id + " đang ở phiên bản " + std::to_string(d.version) +
                      ", không phải " + std::to_string(*request.expected_version) +
                      "; hãy tải lại và thử lại");
  }
  const std::int64_t seen_version = d.version;
  auto rulebook = pinned(d.rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(d.procedure_id);
  if (procedure == nullptr) return core::fail(core::Errc::Internal, "pinned procedure missing");
  const model::Lifecycle* lifecycle = (*rulebook)->lifecycle(procedure->lifecycle);
  const model::Variant* variant = procedure->variant(d.variant);
  if (lifecycle == nullptr || variant == nullptr)
    return core::fail(core::Errc::Internal, "pinned lifecycle or variant missing");
  // A completed dossier sent to one the level above returned is the lifecycle's resubmit-above.
  if (const model::LifecycleAction* above = lifecycle->action("resubmit-above");
      request.action == "resubmit" && above != nullptr && above->leaves(d.state)) {
    ActRequest completing = request;
    completing.action = above->id;
    return act(actor, completing);
  }
  const model::LifecycleAction* action = lifecycle->action(request.action);
  const std::string comment = trimmed(request.comment);
  std::vector<std::string> deficiencies;
  for (const std::string& item : request.deficiencies) {
    if (!trimmed(item).empty()) deficiencies.push_back(trimmed(item));
  }

  // Facts for the guards, gathered before the transaction (some are expensive).
  workflow::Facts facts;
  facts.parts_complete = d.complete;
  facts.signatures_valid = d.signed_valid;
  facts.comment_given = !comment.empty();
  facts.deficiencies_listed = !deficiencies.empty();
  const auto guarded = [&](model::Guard g) {
    return action != nullptr &&
           std::find(action->guards.begin(), action->guards.end(), g) != action->guards.end();
  };
  if (guarded(model::Guard::OpinionsReceived)) {
    auto opinions = store_.opinions(d.id);
    if (!opinions) return core::Unexpected{opinions.error()};
    facts.opinions_received = std::all_of(opinions->begin(), opinions->end(),
                                          [](const model::Opinion& o) { return o.received_at; });
  }
  const core::Date today = core::vietnamDate(clock_.now());
  facts.publication_elapsed = d.publication_until && today > *d.publication_until;
  std::optional<model::Tally> expected_tally;
  core::Result<std::optional<model::Ballot>> ballot = std::optional<model::Ballot>();
  if (guarded(model::Guard::VotePassed) || guarded(model::Guard::VoteFailed)) {
    ballot = store_.openBallot(d.id);
  }
  if (!ballot) return core::Unexpected{ballot.error()};
  if (*ballot) {
    auto session = store_.session((*ballot)->session_id);
    if (!session) return core::Unexpected{session.error()};
    const int members = *session ? static_cast<int>((*session)->members.size()) : 0;
    auto tally = store_.count(**ballot, members);
    if (!tally) return core::Unexpected{tally.error()};
    expected_tally = *tally;
    facts.vote_passed =
        workflow::voteRuleMet(variant->vote, tally->members, tally->approve, tally->taking_part);
  }

  // A resubmission brings a new revision of the dossier: validated like a first submission.
  std::optional<ValidationResult> resubmitted;
  std::vector<model::StoredFile> new_files;
  // (`resubmit-above`: completing a proposal the level above returned.)
  if (action != nullptr && (action->id == "resubmit" || action->id == "resubmit-above")) {
    if (!request.resubmission) {
      return refuse(core::Errc::InvalidArgument, "resubmit needs the completed dossier (--file)",
                    "nộp lại cần hồ sơ đã bổ sung (--file)");
    }
    const SubmitRequest& r = *request.resubmission;
    resubmitted = validator_.validateBytes(r.xml, r.source, r.attachments_dir);
    std::vector<std::string> errors;
    bool signature_error = false;
    for (const core::Problem& p : resubmitted->report.problems()) {
      if (p.severity != core::Severity::Error) continue;
      errors.push_back(locatedProblem(p));
      if (isSignatureProblem(p)) signature_error = true;
    }
    const bool other_errors =
        std::any_of(resubmitted->report.problems().begin(), resubmitted->report.problems().end(),
                    [](const core::Problem& p) {
                      return p.severity == core::Severity::Error && !isSignatureProblem(p);
                    });
    if (!resubmitted->dossier || other_errors) {
      return core::fail(core::Errc::Invalid,
                        "the completed dossier is not valid; nothing was stored", errors);
    }
    const DossierSummary& s = *resubmitted->dossier;
    if (s.rulebook != d.rulebook_id || s.procedure != d.procedure_id ||
        s.unit_code != d.unit_code || s.variant != d.variant) {
      return refuse(core::Errc::Invalid,
                    "the completed dossier must keep its unit, rulebook, procedure and variant",
                    "hồ sơ bổ sung phải giữ nguyên đơn vị, bộ quy tắc, thủ tục và hình thức");
    }
    facts.parts_complete = true;
    facts.signatures_valid = !signature_error && resubmitted->report.hasCode("signature.valid");
    if (facts.signatures_valid) {
      auto xml_sha = data_.blobs.put(r.xml);
      if (!xml_sha) return core::Unexpected{xml_sha.error()};
      const int revision = d.revision + 1;
      new_files.push_back({revision, "dossier.xml", *xml_sha,
                           static_cast<std::int64_t>(r.xml.size()), "application/xml", std::nullopt,
                           ""});
      for (const model::Attachment& a : s.attachments) {
        auto bytes =
            core::readFile(r.attachments_dir / a.file_name, static_cast<std::size_t>(a.size) + 1);
        if (!bytes) return core::Unexpected{bytes.error()};
        auto sha = data_.blobs.put(*bytes);
        if (!sha) return core::Unexpected{sha.error()};
        auto scanned = scannedFile(revision, a, *bytes, *sha);
        if (!scanned) return core::Unexpected{scanned.error()};
        new_files.push_back(*scanned);
      }
    }
  }
  // Issuing a decision or forwarding a proposal is signed by the actor's own key: it must be
  // trusted here before anything is written.
  const bool needs_signer =
      action != nullptr &&
      std::any_of(action->effects.begin(), action->effects.end(), [](model::Effect e) {
        return e == model::Effect::IssueDecision || e == model::Effect::ForwardUpward;
      });
  std::optional<core::Message> signer_problem;
  if (needs_signer) {
    if (!request.signer) {
      facts.signatures_valid = false;
      signer_problem = core::Message{"cần khóa ký số của người ký (--key)",
                                     "the signer's key is needed (--key)"};
    } else {
      const crypto::ChainVerdict verdict = verifier_.trust().verify(
          request.signer->certificate, request.signer->chain, clock_.now());
      facts.signatures_valid = verdict.trusted;
      if (!verdict.trusted) signer_problem = verdict.reason;
    }
  }

  auto transition = workflow::decide(**rulebook, *procedure, d.variant, d.state, request.action,
                                     actor.role, facts);
  if (!transition) {
    core::Error e = transition.error();
    if (signer_problem && e.code == core::Errc::IllegalTransition) {
      e.message += " (" + signer_problem->en + ")";
      if (!e.details.empty()) e.details.front() += " (" + signer_problem->vi + ")";
    }
    return core::Unexpected{e};
  }
  if (actor.role == model::Role::SubmittingUnit && d.unit_code != actor.unit_code.value_or("")) {
    return refuse(core::Errc::PermissionDenied, "this dossier belongs to another unit",
                  "hồ sơ này thuộc đơn vị khác");
  }
  // An incoming proposal is answered through the dossier it came from, never by a unit here.
  if (actor.role == model::Role::SubmittingUnit) {
    auto link = store_.linkOf(d.id);
    if (!link) return core::Unexpected{link.error()};
    if (*link && (*link)->incoming_id == d.id) {
      return refuse(core::Errc::PermissionDenied,
                    d.id + " is the proposal forwarded by " + (*link)->origin_id +
                        "; it is completed there, by the authority that forwarded it",
                    d.id + " là tờ trình chuyển lên từ hồ sơ " + (*link)->origin_id +
                        "; việc bổ sung thực hiện tại hồ sơ đó, do cơ quan trình");
    }
  }
  // A forward whose lifecycle hears back from above makes the incoming dossier there: what it
  // needs is gathered now, and a proposal nothing above can take is refused before any write.
  std::shared_ptr<const Arrival> arrival;
  if (lifecycle->answers && std::find(transition->effects.begin(), transition->effects.end(),
                                      model::Effect::ForwardUpward) != transition->effects.end()) {
    auto prepared = prepareArrival(d, *procedure, today);
    if (!prepared) return core::Unexpected{prepared.error()};
    arrival = std::move(prepared).value();
  }

  // The documents of this step are issued by the dossier's authority, under its seal.
  auto issuer = issuerOf(d.authority_code);
  if (!issuer) return core::Unexpected{issuer.error()};

  const std::time_t now = clock_.now();
  const std::string at = core::utcTimestamp(now);
  // Sealing spans files and the store, and stays exactly once this way: the archival package is
  // written first (files, outside the transaction) and only the catalogue row, committed with the
  // state, makes it the dossier's record. A package whose transaction fails, or whose keyed unit
  // of work is rolled back later (RequestReplies::once: its answer could not be kept), is removed
  // again; a package left by a process that died before the commit is uncatalogued, and the next
  // sealing moves it aside (writePackage). So a retry after any crash seals once.
  std::optional<model::ArchiveRecord> sealed;
  if (std::find(transition->effects.begin(), transition->effects.end(), model::Effect::Seal) !=
      transition->effects.end()) {
    auto written = writePackage(d, *procedure, actor.login, now);
    if (!written) return core::Unexpected{written.error()};
    sealed = std::move(written).value();
    data_.database.onRollback([package = data_.root / sealed->package] {
      std::error_code ec;
      std::filesystem::remove_all(package, ec);
    });
  }
  ActOutcome outcome;
  std::int64_t last_seq = 0;
  outcome.from = d.state;
  outcome.action = request.action;
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    outcome.documents.clear();
    model::DossierInstance next = d;
    next.state = transition->to;
    next.updated_at = at;
    std::string extra;
    const auto document = [&](const std::string& kind, std::optional<int> number,
                              const std::string& notation, const std::string& subject,
                              const Fields& fields, const std::vector<std::string>& items,
                              const SigningMaterial* signer) -> core::Result<void> {
      model::OfficeDocument doc;
      doc.dossier_id = d.id;
      doc.kind = kind;
      doc.year = today.year;
      doc.number = number;
      doc.notation = notation;
      doc.issued_at = at;
      auto made = makeDocument(tx, doc, *issuer, subject, fields, items, signer);
      if (!made) return core::Unexpected{made.error()};
      outcome.documents.push_back(*made);
      return {};
    };

    if (!next.received_on && lifecycle->deadline && transition->to == lifecycle->deadline->start) {
      auto due = calendar_.addWorkingDays(today, variant->time_limit_working_days);
      if (!due) {
        return refuse(core::Errc::Config,
                      "the working-day calendar cannot count " +
                          std::to_string(variant->time_limit_working_days) + " days from " +
                          today.toString() + ": " + due.error().message,
                      "lịch ngày làm việc không tính được thời hạn: " + due.error().message);
      }
      next.received_on = today;
      next.due_on = *due;
      extra += ",\"receivedOn\":" + js(today.toString()) + ",\"dueOn\":" + js(due->toString());
    }
    const model::LifecycleState* to_state = lifecycle->state(transition->to);
    const bool stops =
        (lifecycle->deadline &&
         std::find(lifecycle->deadline->stop.begin(), lifecycle->deadline->stop.end(),
                   transition->to) != lifecycle->deadline->stop.end()) ||
        (to_state != nullptr && to_state->kind == model::LifecycleState::Kind::Terminal);
    if (stops && !next.stopped_on) next.stopped_on = today;

    for (model::Effect effect : transition->effects) {
      switch (effect) {
        case model::Effect::IssueReceipt: {
          Fields fields{{"trackingCode", d.id},
                        {"unit", d.unit_code},
                        {"procedure", procedure->title.vi},
                        {"receivedOn", next.received_on ? next.received_on->toString() : ""},
                        {"dueOn", next.due_on ? next.due_on->toString() : ""},
                        {"workingDays", std::to_string(variant->time_limit_working_days)}};
          auto made =
              document("receipt", std::nullopt, "",
                       "Giấy tiếp nhận hồ sơ và hẹn trả kết quả: " + d.title, fields, {}, nullptr);
          if (!made) return made;
          break;
        }
        case model::Effect::RecordDeficiencies: {
          auto lists = store::WorkflowStore::deficiencyListsIn(tx, d.id);
          if (!lists) return core::Unexpected{lists.error()};
          if (!lists->empty()) {
            // One complete list, once (DOMAIN.md §4): a later return may repeat what is still
            // missing from the first list, never add to it.
            const std::vector<std::string>& first = lists->front();
            std::vector<std::string> added;
            for (const std::string& item : deficiencies) {
              if (std::find(first.begin(), first.end(), item) == first.end()) added.push_back(item);
            }
            if (!added.empty()) {
              return refuse(core::Errc::IllegalTransition,
                            "the list of what is missing is given once and complete; not on the "
                            "first list: " +
                                jsList(added),
                            "danh mục cần bổ sung chỉ được thông báo một lần, đầy đủ; không có "
                            "trong danh mục đầu tiên: " +
                                jsList(added));
            }
          }
          const int round = static_cast<int>(lists->size()) + 1;
          auto added = store::WorkflowStore::addDeficiencyListIn(tx, d.id, round, deficiencies,
                                                                 actor.login, at);
          if (!added) return added;
          auto made = document(
              "deficiency-notice", std::nullopt, "", "Thông báo bổ sung, hoàn thiện hồ sơ " + d.id,
              {{"trackingCode", d.id}, {"round", std::to_string(round)}}, deficiencies, nullptr);
          if (!made) return made;
          extra += ",\"deficiencies\":" + jsList(deficiencies);
          auto answered = answerBelowIn(tx, d, Answer::Returned, deficiencies,
                                        &outcome.documents.back(), "", actor, at);
          if (!answered) return answered;
          break;
        }
        case model::Effect::OpenBallot: {
          std::optional<model::CouncilSession> session;
          if (request.session_id) {
            auto s = store::WorkflowStore::sessionIn(tx, *request.session_id);
            if (!s) return core::Unexpected{s.error()};
            session = *s;
            if (!session) {
              return refuse(core::Errc::NotFound, "no council session " + *request.session_id,
                            "không có phiên họp Hội đồng " + *request.session_id);
            }
          } else {
            auto all = store_.sessions();
            if (!all) return core::Unexpected{all.error()};
            std::vector<model::CouncilSession> open;
            for (auto& s : *all) {
              if (s.open && (!s.authority_code || s.authority_code == d.authority_code))
                open.push_back(s);
            }
            if (open.size() != 1) {
              return refuse(core::Errc::InvalidArgument,
                            open.empty()
                                ? "no council session is open: open one first"
                                : "several council sessions are open: name one (--session)",
                            open.empty() ? "chưa có phiên họp Hội đồng nào đang mở"
                                         : "đang mở nhiều phiên họp: hãy chọn một (--session)");
            }
            session = open.front();
          }
          if (session->authority_code && session->authority_code != d.authority_code) {
            return refuse(core::Errc::InvalidArgument,
                          "council session " + session->id + " is of " + *session->authority_code +
                              "; the dossier is for " + d.authority_code.value_or("?"),
                          "phiên họp " + session->id + " là của " + *session->authority_code +
                              "; hồ sơ gửi " + d.authority_code.value_or("?"));
          }
          if (!session->open) {
            return refuse(core::Errc::IllegalTransition,
                          "council session " + session->id + " is closed",
                          "phiên họp " + session->id + " đã kết thúc");
          }
          auto serial = store::WorkflowStore::nextNumberIn(tx, "ballot", today.year);
          if (!serial) return core::Unexpected{serial.error()};
          model::Ballot b;
          b.id = "PB-" + std::to_string(today.year) + "-" + std::to_string(*serial);
          b.dossier_id = d.id;
          b.session_id = session->id;
          b.mode = variant->vote.mode;
          b.opened_at = at;
          auto inserted = store::WorkflowStore::insertBallotIn(tx, b);
          if (!inserted) return inserted;
          extra += ",\"ballot\":" + js(b.id) + ",\"session\":" + js(session->id) +
                   ",\"mode\":" + js(std::string(model::name(b.mode)));
          break;
        }
        case model::Effect::CloseBallot: {
          auto open = store::WorkflowStore::openBallotIn(tx, d.id);
          if (!open) return core::Unexpected{open.error()};
          if (!*open) return core::fail(core::Errc::Internal, "close-ballot without a ballot");
          auto session = store::WorkflowStore::sessionIn(tx, (*open)->session_id);
          if (!session) return core::Unexpected{session.error()};
          const int members = *session ? static_cast<int>((*session)->members.size()) : 0;
          auto tally = store::WorkflowStore::countIn(tx, **open, members);
          if (!tally) return core::Unexpected{tally.error()};
          const bool passed = workflow::voteRuleMet(variant->vote, tally->members, tally->approve,
                                                    tally->taking_part);
          if (!expected_tally || facts.vote_passed != passed) {
            return refuse(core::Errc::Conflict,
                          "a ballot arrived while the vote was being closed; try again",
                          "có phiếu mới trong khi kết thúc bỏ phiếu; hãy thử lại");
          }
          const model::VoteRule& rule = variant->vote;
          std::ostringstream threshold;
          threshold << (rule.strict ? "> " : ">= ") << rule.threshold.value_or(0);
          Fields fields{{"ballot", (*open)->id},
                        {"session", (*open)->session_id},
                        {"mode", std::string(model::name(rule.mode))},
                        {"members", std::to_string(tally->members)},
                        {"recused", std::to_string(tally->recused)},
                        {"takingPart", std::to_string(tally->taking_part)},
                        {"inWriting", std::to_string(tally->in_writing)},
                        {"approve", std::to_string(tally->approve)},
                        {"reject", std::to_string(tally->reject)},
                        {"abstain", std::to_string(tally->abstain)},
                        {"threshold", threshold.str()},
                        {"quorum", rule.quorum ? std::to_string(*rule.quorum) : "-"},
                        {"passed", passed ? "true" : "false"}};
          auto made =
              document("tally", std::nullopt, "",
                       "Biên bản kiểm phiếu hồ sơ " + d.id + " – " + d.title, fields, {}, nullptr);
          if (!made) return made;
          model::Ballot closed = **open;
          closed.open = false;
          closed.closed_at = at;
          closed.tally = *tally;
          closed.passed = passed;
          closed.tally_document = outcome.documents.back().id;
          auto written = store::WorkflowStore::closeBallotIn(tx, closed);
          if (!written) return written;
          outcome.tally = *tally;
          outcome.vote_passed = passed;
          extra += R"(,"tally":{"members":)" + std::to_string(tally->members) +
                   ",\"takingPart\":" + std::to_string(tally->taking_part) +
                   ",\"approve\":" + std::to_string(tally->approve) +
                   ",\"reject\":" + std::to_string(tally->reject) +
                   ",\"abstain\":" + std::to_string(tally->abstain) +
                   ",\"passed\":" + (passed ? "true" : "false") + "}";
          break;
        }
        case model::Effect::OpenPublication: {
          const model::Publication window = variant->publication.value_or(model::Publication{});
          core::Date until = today.plusDays(window.days);
          if (window.working_days) {
            auto due = calendar_.addWorkingDays(today, window.days);
            if (!due) return core::Unexpected{due.error()};
            until = *due;
          }
          next.publication_from = today;
          next.publication_until = until;
          extra += ",\"publicationUntil\":" + js(until.toString());
          break;
        }
        case model::Effect::RecordDecision: {
          model::Decision decision;
          decision.dossier_id = d.id;
          decision.outcome = transition->to == "approved" ? "approved" : transition->to;
          decision.reason = comment;
          decision.decided_by = actor.login;
          decision.decided_at = at;
          auto put = store::WorkflowStore::putDecisionIn(tx, decision);
          if (!put) return put;
          if (decision.outcome != "approved") {
            auto answered =
                answerBelowIn(tx, d, Answer::NotApproved, {}, nullptr, comment, actor, at);
            if (!answered) return answered;
          }
          break;
        }
        case model::Effect::IssueDecision:
        case model::Effect::ForwardUpward: {
          const bool decision = effect == model::Effect::IssueDecision;
          // Numbered per authority and year (N/QĐ-UBND of each commune), continuing after the
          // installation's single series where it was used before authorities were kept.
          const std::string series = decision ? "decision" : "proposal";
          auto number = d.authority_code
                            ? store::WorkflowStore::nextNumberIn(
                                  tx, series + "@" + *d.authority_code, today.year, series)
                            : store::WorkflowStore::nextNumberIn(tx, series, today.year);
          if (!number) return core::Unexpected{number.error()};
          const std::string notation =
              std::to_string(*number) + (decision ? "/QĐ-" : "/TTr-") +
              notationSuffix(d.authority_code.value_or((*rulebook)->authority.code));
          Fields fields{{"trackingCode", d.id},
                        {"unit", d.unit_code},
                        {"procedure", procedure->title.vi},
                        {"decidedBy", decidedByName(d, **rulebook, *procedure)},
                        {"signer", commonName(request.signer->certificate.subject())}};
          auto made =
              document(decision ? "decision" : "proposal", *number, notation,
                       (decision ? "Quyết định: " : "Tờ trình đề nghị khen thưởng: ") + d.title,
                       fields, {}, &*request.signer);
          if (!made) return made;
          auto existing = store::WorkflowStore::decisionIn(tx, d.id);
          if (!existing) return core::Unexpected{existing.error()};
          model::Decision record = existing->value_or(model::Decision{});
          record.dossier_id = d.id;
          if (record.outcome.empty()) {
            record.outcome = decision ? "approved" : "forwarded";
            record.decided_by = actor.login;
            record.decided_at = at;
          }
          if (!decision) record.outcome = "forwarded";
          record.document_id = outcome.documents.back().id;
          auto put = store::WorkflowStore::putDecisionIn(tx, record);
          if (!put) return put;
          extra += ",\"notation\":" + js(notation);
          if (decision) {
            auto answered =
                answerBelowIn(tx, d, Answer::Decided, {}, &outcome.documents.back(), "", actor, at);
            if (!answered) return answered;
          } else if (arrival) {
            auto arrived =
                arriveIn(tx, *arrival, d, outcome.documents.back(), *request.signer, actor, now);
            if (!arrived) return core::Unexpected{arrived.error()};
            extra += ",\"incoming\":" + js(*arrived);
          }
          break;
        }
        case model::Effect::Seal: {
          auto added = store::ArchiveStore::addRecordIn(tx, *sealed);
          if (!added) return added;
          auto checked = store::ArchiveStore::fixityIn(
              tx, {0, sealed->file_code, at, "intact", "kiểm tra khi niêm phong / at sealing"});
          if (!checked) return checked;
          extra += ",\"fileCode\":" + js(sealed->file_code) +
                   ",\"package\":" + js(sealed->package) +
                   ",\"packageSha256\":" + js(sealed->package_sha256);
          break;
        }
        case model::Effect::Revoke: {
          auto existing = store::WorkflowStore::decisionIn(tx, d.id);
          if (!existing) return core::Unexpected{existing.error()};
          if (!*existing)
            return core::fail(core::Errc::Internal, "revoking a dossier without a decision");
          model::Decision record = **existing;
          record.revoked_at = at;
          record.revoke_reason = comment;
          auto put = store::WorkflowStore::putDecisionIn(tx, record);
          if (!put) return put;
          auto made = document("revocation", std::nullopt, "",
                               "Thu hồi quyết định khen thưởng hồ sơ " + d.id,
                               {{"trackingCode", d.id}, {"reason", comment}}, {}, nullptr);
          if (!made) return made;
          // A decision on a proposal from below is revoked below too.
          auto answered = answerBelowIn(tx, d, Answer::Revoked, {}, &outcome.documents.back(),
                                        comment, actor, at);
          if (!answered) return answered;
          break;
        }
      }
    }
    if (!new_files.empty()) {
      next.revision = new_files.front().revision;
      next.xml_sha256 = new_files.front().sha256;
      next.complete = true;
      next.signed_valid = true;
      auto added = store::WorkflowStore::addFilesIn(tx, d.id, new_files);
      if (!added) return added;
      extra += ",\"revision\":" + std::to_string(next.revision) +
               ",\"xmlSha256\":" + js(next.xml_sha256);
    }
    auto updated = store::WorkflowStore::updateDossierIn(tx, next, seen_version);
    if (!updated) return updated;
    next.version = seen_version + 1;
    std::vector<std::string> document_ids;
    for (const model::OfficeDocument& doc : outcome.documents) document_ids.push_back(doc.id);
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "dossier." + request.action;
    e.subject = d.id;
    e.payload = "{\"action\":" + js(request.action) + ",\"from\":" + js(d.state) +
                ",\"to\":" + js(next.state) + ",\"version\":" + std::to_string(next.version) +
                (comment.empty() ? "" : ",\"comment\":" + js(comment)) +
                (document_ids.empty() ? "" : ",\"documents\":" + jsList(document_ids)) + extra +
                "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    last_seq = appended->seq;
    outcome.instance = std::move(next);
    return {};
  });
  if (!done) {
    if (sealed) {
      std::error_code ec;
      std::filesystem::remove_all(data_.root / sealed->package, ec);
    }
    return core::Unexpected{done.error()};
  }
  checkpointQuietly(last_seq);
  return outcome;
}

}  // namespace awardflow::service
