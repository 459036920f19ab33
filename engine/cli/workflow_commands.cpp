// awardflow submit, act, vote, status, history, dossiers, overdue, council, opinion: the dossier
// lifecycle from the command line. The CLI is the operator's tool on the data directory: --as
// names the acting user (default $AWARDFLOW_USER), whose role and unit are then enforced.
#include <cstdlib>
#include <ostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/opened.hpp"
#include "engine/core/file.hpp"
#include "engine/service/views.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::cli {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string modeText(model::VoteMode mode, bool en) {
  if (mode == model::VoteMode::Secret) return en ? "secret ballot" : "bỏ phiếu kín";
  return en ? "open vote" : "biểu quyết công khai";
}

std::string tallyText(const model::Tally& t, bool en) {
  return std::to_string(t.approve) + (en ? " for, " : " đồng ý, ") + std::to_string(t.reject) +
         (en ? " against, " : " không đồng ý, ") + std::to_string(t.abstain) +
         (en ? " abstaining; " : " không biểu quyết; ") + std::to_string(t.taking_part) + "/" +
         std::to_string(t.members) + (en ? " members took part" : " thành viên tham gia") +
         (t.in_writing
              ? " (" + std::to_string(t.in_writing) + (en ? " in writing)" : " bằng văn bản)")
              : "") +
         (t.recused ? ", " + std::to_string(t.recused) + (en ? " recused" : " không tham gia xét")
                    : "");
}

}  // namespace

// ---------------------------------------------------------------------------------------------

int runSubmit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  options.addOption(Poco::Util::Option("attachments", "a",
                                       "folder of the attached files (default: the "
                                       "dossier's folder)")
                        .argument("DIR"));
  options.addOption(idempotencyKeyOption());
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "submit", "FILE --as LOGIN [--attachments DIR] [--idempotency-key K]",
              "Validates a signed dossier (schema, rulebook, attachments, signatures against the "
              "data directory's trust store) and stores it with its attachments, pinned to its "
              "rulebook version: it enters the 'submitted' state. Prints the dossier id on the "
              "first line. Nothing is stored when anything is wrong.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, "submit", "give one dossier file", "cần đúng một tệp hồ sơ");
  const auto style = reportStyle(parsed, "submit", err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, "submit", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const std::filesystem::path file = parsed.operands.front();
  auto bytes = core::readFile(file);
  if (!bytes) return reportFailure(err, "submit", bytes.error());
  service::SubmitRequest request;
  request.xml = std::move(bytes).value();
  request.source = file.string();
  request.attachments_dir =
      parsed.has("attachments")
          ? std::filesystem::path(parsed.value("attachments"))
          : (file.has_parent_path() ? file.parent_path() : std::filesystem::path("."));
  // Exactly once across files and the store: blobs first (content-addressed), then the dossier,
  // its event and the kept answer in one transaction (runOnce).
  const auto work = [&](std::ostream& kept_out, std::ostream& kept_err) {
    auto outcome = o.workflow->submit(o.actor, request);
    if (!outcome) return reportFailure(kept_err, "submit", outcome.error());
    const bool en = style->lang == "en";
    if (style->format == "json") {
      printJson(kept_out, service::views::submitted(*outcome));
      return kExitOk;
    }
    kept_out << outcome->instance.id << "\n";
    kept_out << (en ? "submitted: " : "đã nộp: ") << outcome->instance.title << " ("
             << outcome->instance.procedure_id << ", " << outcome->instance.rulebook_id << " v"
             << outcome->instance.rulebook_version << ")\n";
    return kExitOk;
  };
  return runOnce(*o.data, o.actor.login, parsed, "submit", out, err, work,
                 service::RequestReplies::Keep::Forever);
}

int runAct(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  options.addOption(Poco::Util::Option("comment", "c",
                                       "reason or note (required to reject, "
                                       "return, withdraw, revoke …)")
                        .argument("TEXT"));
  options.addOption(
      Poco::Util::Option("expect-version", "", "act only if the dossier is still at this version")
          .argument("N"));
  options.addOption(Poco::Util::Option("deficiency", "", "one missing item (return; repeatable)")
                        .argument("TEXT")
                        .repeatable(true));
  options.addOption(
      Poco::Util::Option("session", "", "council session (send-to-council)").argument("ID"));
  options.addOption(
      Poco::Util::Option("key", "", "your signing key, PEM or PKCS#12 (issue, forward)")
          .argument("FILE"));
  options.addOption(
      Poco::Util::Option("cert", "", "your certificate (with a PEM key)").argument("FILE"));
  options.addOption(
      Poco::Util::Option("chain", "", "intermediate certificates (PEM)").argument("FILE"));
  options.addOption(Poco::Util::Option("passphrase-file", "", "file holding the key's passphrase")
                        .argument("FILE"));
  options.addOption(
      Poco::Util::Option("file", "", "the completed, signed dossier (resubmit)").argument("FILE"));
  options.addOption(Poco::Util::Option("attachments", "a", "folder of its attachments (resubmit)")
                        .argument("DIR"));
  options.addOption(idempotencyKeyOption());
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "act", "ID ACTION --as LOGIN [OPTIONS]",
              "Takes one action of the dossier's lifecycle (workflows/README.md): the rulebook "
              "pinned on the dossier decides whether this user's role may take it now and names "
              "every condition not met. One transaction: state, documents, audit event. "
              "'awardflow status ID' lists the actions open to you.");
    return kExitOk;
  }
  if (parsed.operands.size() != 2)
    return usageError(err, "act", "give the dossier id and the action", "cần mã hồ sơ và thao tác");
  const auto style = reportStyle(parsed, "act", err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, "act", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  service::ActRequest request;
  request.dossier_id = parsed.operands[0];
  request.action = parsed.operands[1];
  request.comment = parsed.value("comment");
  request.deficiencies = parsed.values("deficiency");
  if (parsed.has("session")) request.session_id = parsed.value("session");
  if (parsed.has("expect-version")) {
    char* end = nullptr;
    const std::string v = parsed.value("expect-version");
    const long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n < 1)
      return usageError(err, "act", "--expect-version takes a positive number",
                        "--expect-version cần một số dương");
    request.expected_version = n;
  }
  if (parsed.has("key")) {
    std::string passphrase;
    if (parsed.has("passphrase-file")) {
      auto p = service::readPassphrase(parsed.value("passphrase-file"));
      if (!p) return reportFailure(err, "act", p.error());
      passphrase = *p;
    }
    std::optional<std::filesystem::path> cert;
    std::optional<std::filesystem::path> chain;
    if (parsed.has("cert")) cert = parsed.value("cert");
    if (parsed.has("chain")) chain = parsed.value("chain");
    auto material = service::loadSigningMaterial(parsed.value("key"), cert, chain, passphrase);
    if (!material) return reportFailure(err, "act", material.error());
    request.signer = std::move(material).value();
  }
  if (parsed.has("file")) {
    const std::filesystem::path file = parsed.value("file");
    auto bytes = core::readFile(file);
    if (!bytes) return reportFailure(err, "act", bytes.error());
    service::SubmitRequest resubmission;
    resubmission.xml = std::move(bytes).value();
    resubmission.source = file.string();
    resubmission.attachments_dir =
        parsed.has("attachments")
            ? std::filesystem::path(parsed.value("attachments"))
            : (file.has_parent_path() ? file.parent_path() : std::filesystem::path("."));
    request.resubmission = std::move(resubmission);
  }
  const auto work = [&](std::ostream& kept_out, std::ostream& kept_err) {
    auto outcome = o.workflow->act(o.actor, request);
    if (!outcome) return reportFailure(kept_err, "act", outcome.error());
    const bool en = style->lang == "en";
    if (style->format == "json") {
      printJson(kept_out, service::views::acted(*outcome, {style->lang, false}));
      return kExitOk;
    }
    kept_out << outcome->instance.id << ": " << outcome->from << " → " << outcome->instance.state
             << (en ? " (version " : " (phiên bản ") << outcome->instance.version << ")\n";
    if (outcome->instance.due_on && outcome->from != outcome->instance.state &&
        outcome->instance.received_on && !outcome->instance.stopped_on) {
      kept_out << (en ? "due on " : "hạn giải quyết ") << outcome->instance.due_on->toString()
               << "\n";
    }
    if (outcome->tally) {
      kept_out << (en ? "tally: " : "kết quả kiểm phiếu: ") << tallyText(*outcome->tally, en)
               << "\n";
    }
    for (const auto& d : outcome->documents) {
      kept_out << (en ? "document " : "văn bản ") << d.id << " (" << d.kind
               << (d.notation.empty() ? "" : ", " + d.notation)
               << (en ? "), signed\n" : "), đã ký số\n");
    }
    return kExitOk;
  };
  return runOnce(*o.data, o.actor.login, parsed, "act", out, err, work);
}

int runVote(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  options.addOption(Poco::Util::Option("for", "",
                                       "an absent member whose written ballot the standing "
                                       "office enters")
                        .argument("LOGIN"));
  options.addOption(
      Poco::Util::Option("recuse", "", "take no part in this ballot (with --comment)"));
  options.addOption(Poco::Util::Option("comment", "c", "reason for a recusal").argument("TEXT"));
  options.addOption(idempotencyKeyOption());
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "vote",
              "ID approve|reject|abstain --as LOGIN | ID --recuse --comment TEXT --as LOGIN",
              "Casts a council member's ballot on the dossier's open vote. In a secret ballot "
              "the store records that you voted apart from what you chose, so no one can link "
              "them. The standing office enters an absent member's written ballot with --for.");
    return kExitOk;
  }
  const bool recuse = parsed.has("recuse");
  if (parsed.operands.size() != (recuse ? 1U : 2U)) {
    return usageError(err, "vote", "give the dossier id and approve, reject or abstain",
                      "cần mã hồ sơ và approve, reject hoặc abstain");
  }
  service::VoteRequest request;
  request.dossier_id = parsed.operands[0];
  request.recuse = recuse;
  request.comment = parsed.value("comment");
  if (parsed.has("for")) request.on_behalf_of = parsed.value("for");
  if (!recuse) {
    request.choice = model::parseBallotChoice(parsed.operands[1]);
    if (!request.choice) {
      return usageError(err, "vote", "the choice is approve, reject or abstain",
                        "chỉ chọn approve, reject hoặc abstain");
    }
  }
  auto opened = openFor(parsed, "vote", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const auto work = [&](std::ostream& kept_out, std::ostream& kept_err) {
    auto outcome = o.workflow->vote(o.actor, request);
    if (!outcome) return reportFailure(kept_err, "vote", outcome.error());
    kept_out << "recorded / đã ghi nhận: " << outcome->ballot_id << " (" << outcome->recorded << "/"
             << outcome->members << ")\n";
    return kExitOk;
  };
  return runOnce(*o.data, o.actor.login, parsed, "vote", out, err, work);
}

int runStatus(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "status", "ID --as LOGIN [--format text|json]",
              "Shows a dossier: state, version, due date and working days left, files, signed "
              "documents, deficiency lists, opinions, ballots with their tallies, the decision, "
              "and the actions your role may take now with the conditions not yet met.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, "status", "give one dossier id", "cần một mã hồ sơ");
  const auto style = reportStyle(parsed, "status", err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, "status", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto status = o.workflow->status(o.actor, parsed.operands[0]);
  if (!status) return reportFailure(err, "status", status.error());
  const bool en = style->lang == "en";
  if (style->format == "json") {
    printJson(out, service::views::status(*status, {style->lang, false}));
    return kExitOk;
  }
  const model::DossierInstance& d = status->instance;
  out << d.id << "  " << d.title << "\n";
  out << (en ? "  procedure: " : "  thủ tục: ") << status->procedure_title << " (" << d.procedure_id
      << ", " << d.rulebook_id << " v" << d.rulebook_version << ")\n";
  out << (en ? "  unit: " : "  đơn vị: ") << d.unit_code
      << (en ? "  submitted by " : "  người nộp ") << d.submitted_by << " " << d.submitted_at
      << "\n";
  out << (en ? "  state: " : "  trạng thái: ")
      << (en ? status->state_label_en : status->state_label_vi) << " (" << d.state
      << (en ? ", version " : ", phiên bản ") << d.version << ")\n";
  if (d.due_on) {
    out << (en ? "  received " : "  tiếp nhận ") << d.received_on->toString()
        << (en ? ", due " : ", hạn ") << d.due_on->toString();
    if (status->working_days_left) {
      const int left = *status->working_days_left;
      out << (left >= 0 ? (en ? " (" : " (còn ") : (en ? " (LATE by " : " (QUÁ HẠN "))
          << (left >= 0 ? left : -left) << (en ? " working days)" : " ngày làm việc)");
    }
    out << "\n";
  }
  for (std::size_t i = 0; i < status->deficiency_lists.size(); ++i) {
    out << (en ? "  missing (notice " : "  cần bổ sung (lần ") << i + 1 << "):";
    for (const auto& item : status->deficiency_lists[i]) out << "\n    - " << item;
    out << "\n";
  }
  for (const auto& op : status->opinions) {
    out << (en ? "  opinion of " : "  ý kiến của ") << op.agency << ": "
        << (op.received_at ? op.text : (en ? "(awaited)" : "(đang chờ)")) << "\n";
  }
  for (const auto& b : status->ballots) {
    out << (en ? "  ballot " : "  bỏ phiếu ") << b.id << " (" << modeText(b.mode, en) << ", "
        << b.session_id << "): ";
    if (b.open) {
      out << (en ? "open, " : "đang mở, ") << status->open_ballot_recorded.value_or(0)
          << (en ? " recorded" : " phiếu đã ghi nhận") << "\n";
    } else {
      out << tallyText(*b.tally, en) << " → "
          << (b.passed.value_or(false) ? (en ? "carried" : "đạt")
                                       : (en ? "not carried" : "không đạt"))
          << (en ? "; signed tally " : "; biên bản kiểm phiếu ") << b.tally_document << "\n";
    }
  }
  if (status->decision) {
    out << (en ? "  decision: " : "  quyết định: ") << status->decision->outcome;
    if (!status->decision->reason.empty()) out << " — " << status->decision->reason;
    if (status->decision->document_id) out << " [" << *status->decision->document_id << "]";
    if (status->decision->revoked_at)
      out << (en ? "; REVOKED: " : "; ĐÃ THU HỒI: ") << status->decision->revoke_reason;
    out << "\n";
  }
  for (const auto& doc : status->documents) {
    out << (en ? "  document " : "  văn bản ") << doc.id << " " << doc.kind
        << (doc.notation.empty() ? "" : " " + doc.notation) << " " << doc.issued_at << "\n";
  }
  out << (en ? "  files: " : "  tệp: ") << status->files.size() << "\n";
  if (status->choices.empty()) {
    out << (en ? "  nothing for you to do now\n" : "  bạn không có thao tác nào lúc này\n");
  }
  for (const auto& c : status->choices) {
    out << "  → " << c.action->id << "  "
        << (en && !c.action->label.en.empty() ? c.action->label.en : c.action->label.vi);
    if (!c.unmet.empty()) {
      out << (en ? "  (needs: " : "  (cần: ");
      for (std::size_t i = 0; i < c.unmet.size(); ++i) {
        const core::Message m = model::label(c.unmet[i]);
        out << (i ? "; " : "") << (en ? m.en : m.vi);
      }
      out << ")";
    }
    out << "\n";
  }
  return kExitOk;
}

int runHistory(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "history", "ID --as LOGIN [--format text|json]",
              "Lists the dossier's events from the audit chain: sequence number, time (UTC), "
              "who, what, details.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, "history", "give one dossier id", "cần một mã hồ sơ");
  const auto style = reportStyle(parsed, "history", err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, "history", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto events = o.workflow->history(o.actor, parsed.operands[0]);
  if (!events) return reportFailure(err, "history", events.error());
  if (style->format == "json") {
    service::views::history(*events)->stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  for (const auto& e : *events) {
    out << e.seq << "\t" << e.at << "\t" << e.actor << "\t" << e.kind << "\t" << e.payload << "\n";
  }
  return kExitOk;
}

int runDossiers(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  options.addOption(
      Poco::Util::Option("state", "", "only dossiers in this state").argument("STATE"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "dossiers", "--as LOGIN [--state STATE] [--format text|json]",
              "Lists the dossiers you may see (a unit's users: their unit's only).");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "dossiers", err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, "dossiers", err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  std::optional<std::string> state;
  if (parsed.has("state")) state = parsed.value("state");
  auto list = o.workflow->list(o.actor, state);
  if (!list) return reportFailure(err, "dossiers", list.error());
  if (style->format == "json") {
    Array array;
    for (const auto& d : *list) array.add(service::views::instance(d));
    array.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  for (const auto& d : *list) {
    out << d.id << "\t" << d.state << "\t" << d.unit_code << "\t" << d.procedure_id << "\t"
        << (d.due_on ? d.due_on->toString() : "-") << "\t" << d.title << "\n";
  }
  return kExitOk;
}

int runOverdue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  addReportOptions(options);
  options.addOption(Poco::Util::Option("on", "", "the day to judge (default: today in Vietnam)")
                        .argument("DATE"));
  options.addOption(Poco::Util::Option("no-escalate", "", "only list; record no escalation"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "overdue", "[--on YYYY-MM-DD] [--no-escalate] [--format text|json]",
              "Lists dossiers whose time limit (working days from receipt, per the procedure) has "
              "passed and whose decision is not made, with the working days late. The first "
              "time a dossier is seen late, a deadline.escalated event addressed to the role the "
              "lifecycle names is recorded. Derived from stored dates: nothing is lost at a "
              "restart.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "overdue", err);
  if (!style) return kExitUsage;
  std::optional<core::Date> on;
  if (parsed.has("on")) {
    on = core::Date::parse(parsed.value("on"));
    if (!on) return usageError(err, "overdue", "--on takes YYYY-MM-DD", "--on cần YYYY-MM-DD");
  }
  auto opened = openFor(parsed, "overdue", err, false);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto items = o.workflow->overdue(on, !parsed.has("no-escalate"));
  if (!items) return reportFailure(err, "overdue", items.error());
  const bool en = style->lang == "en";
  if (style->format == "json") {
    Array array;
    for (const auto& i : *items) array.add(service::views::overdue(i));
    array.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  if (items->empty()) out << (en ? "no dossier is overdue\n" : "không có hồ sơ quá hạn\n");
  for (const auto& i : *items) {
    out << i.instance.id << "\t" << i.instance.state << (en ? "\tdue " : "\thạn ")
        << i.instance.due_on->toString() << "\t" << i.working_days_late
        << (en ? " working days late\t→ " : " ngày làm việc quá hạn\t→ ")
        << model::name(i.escalate_to)
        << (i.escalated_now ? (en ? " (escalated now)" : " (vừa báo)") : "") << "\t"
        << i.instance.title << "\n";
  }
  return kExitOk;
}

int runCouncil(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> subs{"open", "list", "show", "close"};
  if (args.empty() || std::find(subs.begin(), subs.end(), args[0]) == subs.end()) {
    return usageError(err, "council", "usage: awardflow council open|list|show|close …",
                      "cách dùng: awardflow council open|list|show|close …");
  }
  const std::string& sub = args[0];
  const std::string command = "council " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  if (sub == "open") {
    options.addOption(Poco::Util::Option("title", "", "the session's title").argument("TEXT"));
    options.addOption(Poco::Util::Option("on", "", "meeting day YYYY-MM-DD").argument("DATE"));
    options.addOption(Poco::Util::Option("member", "",
                                         "a member (repeatable; default: every "
                                         "active council member)")
                          .argument("LOGIN")
                          .repeatable(true));
  }
  if (sub == "open" || sub == "close") options.addOption(idempotencyKeyOption());
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              sub == "open"   ? "--title TEXT --on DATE [--member LOGIN]... --as LOGIN"
              : sub == "list" ? "--as LOGIN"
                              : "ID --as LOGIN",
              "Council sessions (phiên họp Hội đồng Thi đua – Khen thưởng). A session lists the "
              "whole council: vote thresholds count over all its members, present or not. "
              "Dossiers join a session with 'act ID send-to-council --session ID'; 'show' gives "
              "members, ballots and signed tallies.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const bool en = style->lang == "en";
  if (sub == "open") {
    const auto on = core::Date::parse(parsed.value("on"));
    if (!on) return usageError(err, command, "--on takes YYYY-MM-DD", "--on cần YYYY-MM-DD");
    return runOnce(*o.data, o.actor.login, parsed, command, out, err,
                   [&](std::ostream& kept_out, std::ostream& kept_err) {
                     auto session = o.workflow->openSession(o.actor, parsed.value("title"), *on,
                                                            parsed.values("member"));
                     if (!session) return reportFailure(kept_err, command, session.error());
                     kept_out << session->id << "\n"
                              << (en ? "members: " : "thành viên: ") << session->members.size()
                              << "\n";
                     return kExitOk;
                   });
  }
  if (sub == "close") {
    if (parsed.operands.size() != 1)
      return usageError(err, command, "give the session id", "cần mã phiên họp");
    return runOnce(*o.data, o.actor.login, parsed, command, out, err,
                   [&](std::ostream& kept_out, std::ostream& kept_err) {
                     auto closed = o.workflow->closeSession(o.actor, parsed.operands[0]);
                     if (!closed) return reportFailure(kept_err, command, closed.error());
                     kept_out << parsed.operands[0] << (en ? " closed\n" : " đã kết thúc\n");
                     return kExitOk;
                   });
  }
  store::WorkflowStore store(o.data->database);
  if (sub == "list") {
    auto sessions = store.sessions();
    if (!sessions) return reportFailure(err, command, sessions.error());
    for (const auto& s : *sessions) {
      out << s.id << "\t" << s.meets_on.toString() << "\t" << (s.open ? "open" : "closed") << "\t"
          << s.members.size() << "\t" << s.title << "\n";
    }
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, command, "give the session id", "cần mã phiên họp");
  auto session = store.session(parsed.operands[0]);
  if (!session) return reportFailure(err, command, session.error());
  if (!*session) {
    return reportFailure(err, command,
                         core::Error{core::Errc::NotFound,
                                     "no council session " + parsed.operands[0],
                                     {"không có phiên họp " + parsed.operands[0]}});
  }
  auto ballots = store.sessionBallots((*session)->id);
  if (!ballots) return reportFailure(err, command, ballots.error());
  if (style->format == "json") {
    printJson(out, service::views::session(**session, *ballots));
    return kExitOk;
  }
  out << (*session)->id << "  " << (*session)->title << "  " << (*session)->meets_on.toString()
      << "  " << ((*session)->open ? (en ? "open" : "đang họp") : (en ? "closed" : "đã kết thúc"))
      << "\n";
  out << (en ? "  members: " : "  thành viên: ");
  for (std::size_t i = 0; i < (*session)->members.size(); ++i)
    out << (i ? ", " : "") << (*session)->members[i];
  out << "\n";
  for (const auto& b : *ballots) {
    out << "  " << b.dossier_id << "  " << b.id << " (" << modeText(b.mode, en) << "): ";
    if (b.open) {
      out << (en ? "voting\n" : "đang bỏ phiếu\n");
    } else {
      out << tallyText(*b.tally, en) << " → "
          << (b.passed.value_or(false) ? (en ? "carried" : "đạt")
                                       : (en ? "not carried" : "không đạt"))
          << (en ? "; signed tally " : "; biên bản kiểm phiếu đã ký ") << b.tally_document << "\n";
    }
  }
  return kExitOk;
}

int runOpinion(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || (args[0] != "request" && args[0] != "record")) {
    return usageError(err, "opinion", "usage: awardflow opinion request|record ID --agency NAME …",
                      "cách dùng: awardflow opinion request|record ID --agency NAME …");
  }
  const std::string& sub = args[0];
  const std::string command = "opinion " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  options.addOption(Poco::Util::Option("agency", "", "the agency asked").argument("NAME"));
  options.addOption(
      Poco::Util::Option("comment", "c", "the opinion's text (record)").argument("TEXT"));
  options.addOption(idempotencyKeyOption());
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command, "ID --agency NAME [--comment TEXT] --as LOGIN",
              "During appraisal the standing office may ask other agencies for their opinion "
              "(request); the dossier goes to the council only once every opinion asked is "
              "recorded (record).");
    return kExitOk;
  }
  if (parsed.operands.size() != 1 || !parsed.has("agency"))
    return usageError(err, command, "give the dossier id and --agency", "cần mã hồ sơ và --agency");
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const auto work = [&](std::ostream& kept_out, std::ostream& kept_err) {
    auto done =
        sub == "request"
            ? o.workflow->requestOpinion(o.actor, parsed.operands[0], parsed.value("agency"))
            : o.workflow->receiveOpinion(o.actor, parsed.operands[0], parsed.value("agency"),
                                         parsed.value("comment"));
    if (!done) return reportFailure(kept_err, command, done.error());
    kept_out << (sub == "request" ? "requested / đã xin ý kiến: " : "recorded / đã ghi nhận: ")
             << parsed.value("agency") << "\n";
    return kExitOk;
  };
  return runOnce(*o.data, o.actor.login, parsed, command, out, err, work);
}

}  // namespace awardflow::cli
