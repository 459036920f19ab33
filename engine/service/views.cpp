#include "engine/service/views.hpp"

#include <string_view>

#include <Poco/JSON/Parser.h>

namespace awardflow::service::views {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var optionalDate(const std::optional<core::Date>& d) {
  return d ? Poco::Dynamic::Var(d->toString()) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optionalText(const std::optional<std::string>& s) {
  return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var();
}

// A path segment for a link: unreserved characters kept, the rest percent-encoded.
std::string segment(const std::string& text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4U];
      out += kHex[u & 0x0FU];
    }
  }
  return out;
}

core::Message retentionLabel(model::Retention retention) {
  switch (retention) {
    case model::Retention::Permanent:
      return {"bảo quản vĩnh viễn", "kept permanently"};
    case model::Retention::Years20:
      return {"bảo quản 20 năm", "kept 20 years"};
    case model::Retention::Years10:
      return {"bảo quản 10 năm", "kept 10 years"};
    case model::Retention::Years5:
      return {"bảo quản 5 năm", "kept 5 years"};
  }
  return {"", ""};
}

const std::string& pick(const std::string& lang, const std::string& vi, const std::string& en) {
  return lang == "en" && !en.empty() ? en : vi;
}

}  // namespace

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr user(const model::User& u) {
  Object::Ptr o = object();
  o->set("login", u.login);
  o->set("name", u.full_name);
  o->set("role", std::string(model::name(u.role)));
  if (u.unit_code) o->set("unit", *u.unit_code);
  if (u.authority_code) o->set("authority", *u.authority_code);
  o->set("active", u.active);
  return o;
}

Object::Ptr unit(const model::Unit& u) {
  Object::Ptr o = object();
  o->set("code", u.code);
  o->set("name", u.name);
  o->set("level", std::string(model::name(u.level)));
  if (u.authority_code) o->set("authority", *u.authority_code);
  if (u.parent_code) o->set("parent", *u.parent_code);
  return o;
}

Object::Ptr authority(const model::AuthorityRecord& a) {
  Object::Ptr o = object();
  o->set("code", a.code);
  o->set("name", a.name);
  o->set("level", std::string(model::name(a.level)));
  if (a.parent_code) o->set("parent", *a.parent_code);
  if (a.successor_code) o->set("successor", *a.successor_code);
  o->set("historical", a.historical);
  return o;
}

Object::Ptr instance(const model::DossierInstance& d) {
  Object::Ptr o = object();
  o->set("id", d.id);
  o->set("unit", d.unit_code);
  if (d.authority_code) o->set("authority", *d.authority_code);
  o->set("sourceId", d.source_id);
  o->set("title", d.title);
  o->set("rulebook", d.rulebook_id);
  o->set("rulebookVersion", d.rulebook_version);
  o->set("rulebookSha256", d.rulebook_sha256);
  o->set("procedure", d.procedure_id);
  o->set("variant", std::string(model::name(d.variant)));
  o->set("state", d.state);
  o->set("version", d.version);
  o->set("revision", d.revision);
  o->set("submittedBy", d.submitted_by);
  o->set("submittedAt", d.submitted_at);
  o->set("updatedAt", d.updated_at);
  o->set("receivedOn", optionalDate(d.received_on));
  o->set("dueOn", optionalDate(d.due_on));
  o->set("stoppedOn", optionalDate(d.stopped_on));
  o->set("escalatedAt", optionalText(d.escalated_at));
  o->set("publicationUntil", optionalDate(d.publication_until));
  return o;
}

namespace {

// `text` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7);
// every other byte, UTF-8 included, as it is.
void appendString(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  // Runs of bytes that need no escape (nearly all of them) are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    if (u == '"' || u == '\\') {
      out += '\\';
      out += static_cast<char>(u);
    } else {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void member(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":";
  appendString(out, value);
}

void member(std::string& out, std::string_view name, std::int64_t value) {
  out += ",\"";
  out += name;
  out += "\":";
  out += std::to_string(value);
}

void nullable(std::string& out, std::string_view name, const std::optional<core::Date>& value) {
  if (value) return member(out, name, std::string_view(value->toString()));
  out += ",\"";
  out += name;
  out += "\":null";
}

void nullable(std::string& out, std::string_view name, const std::optional<std::string>& value) {
  if (value) return member(out, name, std::string_view(*value));
  out += ",\"";
  out += name;
  out += "\":null";
}

}  // namespace

namespace {

// The members of instance(d), after the object's opening brace and before its closing one.
void instanceMembers(std::string& out, const model::DossierInstance& d) {
  out += "\"id\":";
  appendString(out, d.id);
  member(out, "unit", d.unit_code);
  if (d.authority_code) member(out, "authority", *d.authority_code);
  member(out, "sourceId", d.source_id);
  member(out, "title", d.title);
  member(out, "rulebook", d.rulebook_id);
  member(out, "rulebookVersion", std::int64_t{d.rulebook_version});
  member(out, "rulebookSha256", d.rulebook_sha256);
  member(out, "procedure", d.procedure_id);
  member(out, "variant", model::name(d.variant));
  member(out, "state", d.state);
  member(out, "version", d.version);
  member(out, "revision", std::int64_t{d.revision});
  member(out, "submittedBy", d.submitted_by);
  member(out, "submittedAt", d.submitted_at);
  member(out, "updatedAt", d.updated_at);
  nullable(out, "receivedOn", d.received_on);
  nullable(out, "dueOn", d.due_on);
  nullable(out, "stoppedOn", d.stopped_on);
  nullable(out, "escalatedAt", d.escalated_at);
  nullable(out, "publicationUntil", d.publication_until);
}

// A JSON array of one object per item: `more` writes the item's members after the instance's.
template <typename T, typename Instance, typename More>
std::string arrayOf(const std::vector<T>& items, Instance&& instance_of, More&& more) {
  std::string out = "[";
  out.reserve(items.size() * 680 + 4);
  for (const T& item : items) {
    if (out.size() > 1) out += ",\n";
    out += '{';
    instanceMembers(out, instance_of(item));
    more(out, item);
    out += '}';
  }
  out += "]\n";
  return out;
}

}  // namespace

std::string instancesJson(const std::vector<model::DossierInstance>& instances) {
  return arrayOf(
      instances, [](const model::DossierInstance& d) -> const auto& { return d; },
      [](std::string&, const model::DossierInstance&) {});
}

std::string overdueJson(const std::vector<OverdueItem>& items) {
  return arrayOf(
      items, [](const OverdueItem& i) -> const auto& { return i.instance; },
      [](std::string& out, const OverdueItem& i) {
        member(out, "workingDaysLate", std::int64_t{i.working_days_late});
        member(out, "escalateTo", model::name(i.escalate_to));
        out += i.escalated_now ? ",\"escalatedNow\":true" : ",\"escalatedNow\":false";
      });
}

std::string queueJson(const std::vector<Workflow::QueueItem>& items) {
  return arrayOf(
      items, [](const Workflow::QueueItem& i) -> const auto& { return i.instance; },
      [](std::string& out, const Workflow::QueueItem& i) {
        out += ",\"actions\":[";
        bool first = true;
        for (const workflow::Choice& c : i.choices) {
          if (!c.allowed()) continue;
          if (!first) out += ',';
          first = false;
          appendString(out, c.action->id);
        }
        out += ']';
      });
}

Object::Ptr tally(const model::Tally& t) {
  Object::Ptr o = object();
  o->set("members", t.members);
  o->set("recused", t.recused);
  o->set("takingPart", t.taking_part);
  o->set("inWriting", t.in_writing);
  o->set("approve", t.approve);
  o->set("reject", t.reject);
  o->set("abstain", t.abstain);
  return o;
}

Object::Ptr document(const std::string& dossier, const model::OfficeDocument& d,
                     const Style& style) {
  Object::Ptr o = object();
  o->set("id", d.id);
  o->set("kind", d.kind);
  if (d.number) o->set("number", *d.number);
  if (!d.notation.empty()) o->set("notation", d.notation);
  o->set("issuedAt", d.issued_at);
  o->set("sha256", d.sha256);
  if (style.links) o->set("href", "/api/v1/dossiers/" + dossier + "/documents/" + d.id);
  return o;
}

Object::Ptr ballot(const model::Ballot& b) {
  Object::Ptr o = object();
  o->set("id", b.id);
  o->set("dossier", b.dossier_id);
  o->set("session", b.session_id);
  o->set("mode", std::string(model::name(b.mode)));
  o->set("open", b.open);
  if (b.tally) o->set("tally", tally(*b.tally));
  if (b.passed) o->set("passed", *b.passed);
  if (!b.tally_document.empty()) o->set("tallyDocument", b.tally_document);
  return o;
}

Object::Ptr session(const model::CouncilSession& s) {
  Object::Ptr o = object();
  o->set("id", s.id);
  o->set("title", s.title);
  o->set("meetsOn", s.meets_on.toString());
  o->set("open", s.open);
  Array::Ptr members = new Array;
  for (const auto& m : s.members) members->add(m);
  o->set("members", members);
  return o;
}

Object::Ptr session(const model::CouncilSession& s, const std::vector<model::Ballot>& ballots) {
  Object::Ptr o = session(s);
  Array::Ptr list = new Array;
  for (const auto& b : ballots) list->add(ballot(b));
  o->set("ballots", list);
  return o;
}

Object::Ptr status(const DossierStatus& s, const Style& style) {
  Object::Ptr o = instance(s.instance);
  o->set("procedureTitle", s.procedure_title);
  o->set("stateLabel", pick(style.lang, s.state_label_vi, s.state_label_en));
  o->set("terminal", s.terminal);
  if (s.working_days_left) o->set("workingDaysLeft", *s.working_days_left);
  Array::Ptr files = new Array;
  for (const auto& f : s.files) {
    Object::Ptr fo = object();
    fo->set("revision", f.revision);
    fo->set("name", f.name);
    fo->set("sha256", f.sha256);
    fo->set("size", f.size);
    if (f.pages) fo->set("pages", *f.pages);
    if (!f.pdf_version.empty()) fo->set("pdfVersion", f.pdf_version);
    fo->set("available",
            s.unusable_files.count("r" + std::to_string(f.revision) + "/" + f.name) == 0);
    if (style.links) fo->set("href", "/api/v1/dossiers/" + s.instance.id + "/files/" + f.name);
    files->add(fo);
  }
  o->set("files", files);
  Array::Ptr docs = new Array;
  for (const auto& d : s.documents) docs->add(document(s.instance.id, d, style));
  o->set("documents", docs);
  Array::Ptr lists = new Array;
  for (const auto& l : s.deficiency_lists) {
    Array::Ptr items = new Array;
    for (const auto& i : l) items->add(i);
    lists->add(items);
  }
  o->set("deficiencyLists", lists);
  if (s.forwarded_as) o->set("forwardedAs", *s.forwarded_as);
  if (s.arrived_from) o->set("arrivedFrom", *s.arrived_from);
  Array::Ptr opinions = new Array;
  for (const auto& op : s.opinions) {
    Object::Ptr oo = object();
    oo->set("agency", op.agency);
    oo->set("received", op.received_at.has_value());
    if (op.received_at) oo->set("text", op.text);
    opinions->add(oo);
  }
  o->set("opinions", opinions);
  Array::Ptr ballots = new Array;
  for (const auto& b : s.ballots) {
    Object::Ptr bo = ballot(b);
    if (b.open && s.open_ballot_recorded) bo->set("recorded", *s.open_ballot_recorded);
    ballots->add(bo);
  }
  o->set("ballots", ballots);
  if (s.decision) {
    Object::Ptr d = object();
    d->set("outcome", s.decision->outcome);
    d->set("reason", s.decision->reason);
    d->set("decidedBy", s.decision->decided_by);
    d->set("decidedAt", s.decision->decided_at);
    if (s.decision->document_id) d->set("document", *s.decision->document_id);
    if (s.decision->revoked_at) {
      d->set("revokedAt", *s.decision->revoked_at);
      d->set("revokeReason", s.decision->revoke_reason);
    }
    o->set("decision", d);
  }
  Array::Ptr actions = new Array;
  for (const auto& c : s.choices) {
    Object::Ptr co = object();
    co->set("action", c.action->id);
    co->set("label", pick(style.lang, c.action->label.vi, c.action->label.en));
    Array::Ptr unmet = new Array;
    for (auto g : c.unmet) {
      Object::Ptr go = object();
      go->set("guard", std::string(model::name(g)));
      const core::Message m = model::label(g);
      go->set("label", m.in(style.lang));
      unmet->add(go);
    }
    co->set("unmet", unmet);
    actions->add(co);
  }
  o->set("actions", actions);
  return o;
}

Array::Ptr history(const std::vector<store::Event>& events) {
  Array::Ptr a = new Array;
  Poco::JSON::Parser parser;
  for (const auto& e : events) {
    Object::Ptr eo = object();
    eo->set("seq", e.seq);
    eo->set("at", e.at);
    eo->set("actor", e.actor);
    eo->set("kind", e.kind);
    eo->set("payload", parser.parse(e.payload));
    parser.reset();
    eo->set("hash", e.hash);
    a->add(eo);
  }
  return a;
}

Object::Ptr overdue(const OverdueItem& item) {
  Object::Ptr o = instance(item.instance);
  o->set("workingDaysLate", item.working_days_late);
  o->set("escalateTo", std::string(model::name(item.escalate_to)));
  o->set("escalatedNow", item.escalated_now);
  return o;
}

Object::Ptr submitted(const SubmitOutcome& outcome) { return instance(outcome.instance); }

Object::Ptr acted(const ActOutcome& outcome, const Style& style) {
  Object::Ptr o = object();
  o->set("action", outcome.action);
  o->set("from", outcome.from);
  o->set("to", outcome.instance.state);
  o->set("version", outcome.instance.version);
  Array::Ptr docs = new Array;
  for (const auto& d : outcome.documents) docs->add(document(outcome.instance.id, d, style));
  o->set("documents", docs);
  if (outcome.tally) o->set("tally", tally(*outcome.tally));
  if (outcome.vote_passed) o->set("votePassed", *outcome.vote_passed);
  o->set("dossier", instance(outcome.instance));
  return o;
}

Object::Ptr archiveRecord(const model::ArchiveRecord& r, const Style& style) {
  Object::Ptr o = object();
  o->set("fileCode", r.file_code);
  o->set("organId", r.organ_id);
  o->set("fileCatalog", r.file_catalog);
  o->set("fileNotation", r.file_notation);
  o->set("dossier", r.dossier_id);
  o->set("title", r.title);
  o->set("unit", r.unit_code);
  o->set("unitName", r.unit_name);
  o->set("rulebook", r.rulebook_id);
  o->set("procedure", r.procedure_id);
  o->set("awardForm", r.award_form);
  o->set("level", r.level);
  o->set("decisionNumber", r.decision_number);
  o->set("outcome", r.outcome);
  Array::Ptr names = new Array;
  for (const auto& n : r.names) names->add(n);
  o->set("names", names);
  o->set("rights", r.rights);
  o->set("language", r.language);
  o->set("startDate", r.start_date.toString());
  o->set("endDate", r.end_date.toString());
  o->set("docTotal", r.doc_total);
  o->set("pageTotal", r.page_total);
  o->set("sealedAt", r.sealed_at);
  o->set("sealedBy", r.sealed_by);
  o->set("retention", std::string(model::name(r.retention)));
  o->set("retentionLabel", retentionLabel(r.retention).in(style.lang));
  o->set("transferDue", optionalDate(r.transfer_due));
  o->set("disposeDue", optionalDate(r.dispose_due));
  o->set("legalHold", r.legal_hold);
  o->set("holdReason", r.hold_reason);
  o->set("disposalRequestedBy", r.disposal_requested_by);
  o->set("disposalReason", r.disposal_reason);
  o->set("disposed", !r.disposed_at.empty());
  o->set("disposedAt",
         r.disposed_at.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.disposed_at));
  o->set("disposalApprovedBy", r.disposal_approved_by);
  o->set("package", r.package);
  o->set("packageSha256", r.package_sha256);
  o->set("packageBytes", r.package_bytes);
  if (style.links) {
    const std::string href = "/api/v1/archive/records/" + segment(r.file_code);
    o->set("href", href);
    if (r.disposed_at.empty()) o->set("packageHref", href + "/package");
  }
  return o;
}

Object::Ptr archivePage(const store::ArchivePage& page, const store::ArchiveQuery& query,
                        const Style& style) {
  Object::Ptr o = object();
  Array::Ptr records = new Array;
  for (const auto& r : page.records) records->add(archiveRecord(r, style));
  o->set("records", records);
  o->set("more", page.more);
  o->set("ranked", page.ranked);
  o->set("newestFirst", page.newest_first);
  o->set("offset", query.offset);
  o->set("limit", query.limit);
  return o;
}

Object::Ptr fixityCheck(const store::FixityCheck& check) {
  Object::Ptr o = object();
  o->set("id", check.id);
  o->set("fileCode", check.file_code);
  o->set("at", check.at);
  o->set("outcome", check.outcome);
  Array::Ptr files = new Array;
  std::size_t from = 0;
  while (from < check.details.size()) {
    std::size_t to = check.details.find('\n', from);
    if (to == std::string::npos) to = check.details.size();
    if (to > from) files->add(check.details.substr(from, to - from));
    from = to + 1;
  }
  o->set("files", files);
  return o;
}

Object::Ptr fixityAudit(const FixityAudit& audit) {
  Object::Ptr o = object();
  o->set("records", static_cast<int>(audit.checks.size()));
  o->set("intact", audit.intact);
  o->set("damaged", audit.damaged);
  o->set("missing", audit.missing);
  Array::Ptr checks = new Array;
  for (const auto& c : audit.checks) checks->add(fixityCheck(c));
  o->set("checks", checks);
  return o;
}

Object::Ptr packageCheck(const PackageCheck& check, const Style& style) {
  Object::Ptr o = object();
  o->set("fileCode", check.file_code);
  o->set("valid", check.valid());
  o->set("files", check.files);
  o->set("signatures", check.signatures);
  o->set("events", check.events);
  o->set("errors", static_cast<int>(check.report.count(core::Severity::Error)));
  o->set("warnings", static_cast<int>(check.report.count(core::Severity::Warning)));
  Array::Ptr problems = new Array;
  for (const core::Problem& p : check.report.problems()) {
    Object::Ptr po = object();
    po->set("severity", std::string(core::severityName(p.severity)));
    po->set("code", p.code);
    po->set("path", p.location.path);
    if (p.location.line > 0) po->set("line", p.location.line);
    po->set("message", p.message.in(style.lang));
    problems->add(po);
  }
  o->set("problems", problems);
  return o;
}

Object::Ptr accessEntry(const store::ArchiveAccess& access) {
  Object::Ptr o = object();
  o->set("fileCode", access.file_code);
  o->set("login", access.login);
  o->set("at", access.at);
  o->set("what", access.what);
  return o;
}

Object::Ptr exported(const ExportOutcome& outcome) {
  Object::Ptr o = object();
  o->set("path", outcome.path.string());
  o->set("records", outcome.records);
  o->set("files", outcome.files);
  o->set("bytes", outcome.bytes);
  return o;
}

// ---- reports

namespace {

Object::Ptr outcomeCounts(const store::OutcomeCounts& c) {
  Object::Ptr o = object();
  o->set("received", c.received);
  o->set("returned", c.returned);
  o->set("approved", c.approved);
  o->set("refused", c.refused);
  o->set("forwarded", c.forwarded);
  o->set("withdrawn", c.withdrawn);
  o->set("revoked", c.revoked);
  o->set("pending", c.pending);
  o->set("overdue", c.overdue);
  return o;
}

Object::Ptr awardTotals(const store::AwardTotals& a) {
  Object::Ptr o = object();
  o->set("total", a.total);
  o->set("individuals", a.individuals);
  o->set("collectives", a.collectives);
  o->set("families", a.families);
  o->set("women", a.women);
  o->set("directLabourers", a.direct_labourers);
  return o;
}

Poco::Dynamic::Var orNull(const std::optional<double>& v) {
  return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

Array::Ptr reportLines(const std::vector<ReportLine>& lines, const Style& style) {
  Array::Ptr out = new Array;
  for (const ReportLine& l : lines) {
    Object::Ptr o = object();
    o->set("key", l.key);
    o->set("label", style.lang == "en" ? l.label_en : l.label_vi);
    o->set("counts", outcomeCounts(l.counts));
    o->set("awards", awardTotals(l.awards));
    out->add(o);
  }
  return out;
}

}  // namespace

Object::Ptr periodReport(const PeriodReport& r, const Style& style) {
  Object::Ptr o = object();
  Object::Ptr q = object();
  q->set("year", r.query.year);
  q->set("period", r.query.period);
  q->set("campaign", r.query.campaign);
  q->set("unit", r.query.unit_code);
  q->set("awardForm", r.query.award_form);
  q->set("level", r.query.level);
  o->set("query", q);
  o->set("on", r.on.toString());
  o->set("counts", outcomeCounts(r.counts));
  Object::Ptr awards = awardTotals(r.awards);
  awards->set("directLabourerShare", orNull(r.directShare()));
  awards->set("directLabourerTarget", r.direct_target);
  awards->set("directLabourerTargetMet", r.directTargetMet());
  awards->set("womenShare", orNull(r.womenShare()));
  o->set("awards", awards);
  Object::Ptr p = object();
  p->set("decided", r.processing.decided);
  p->set("medianWorkingDays", orNull(r.processing.median));
  p->set("p90WorkingDays", orNull(r.processing.p90));
  p->set("late", r.processing.late);
  o->set("processing", p);
  o->set("byUnit", reportLines(r.by_unit, style));
  o->set("byAwardForm", reportLines(r.by_form, style));
  o->set("byLevel", reportLines(r.by_level, style));
  return o;
}

Object::Ptr statistics(const StatisticsTable& t, const Style& style) {
  Object::Ptr o = object();
  o->set("year", t.year);
  o->set("form", "0602.N/BNV-TĐKT");
  Array::Ptr rows = new Array;
  for (const ReportLine& l : t.rows) {
    Object::Ptr row = object();
    row->set("awardForm", l.key);
    row->set("label", style.lang == "en" ? l.label_en : l.label_vi);
    row->set("awards", awardTotals(l.awards));
    rows->add(row);
  }
  o->set("rows", rows);
  o->set("total", awardTotals(t.total));
  return o;
}

Object::Ptr comment(const model::PublicComment& c) {
  Object::Ptr o = object();
  o->set("id", c.id);
  o->set("dossier", c.dossier_id);
  o->set("at", c.at);
  o->set("author", c.author);
  if (!c.contact.empty()) o->set("contact", c.contact);
  o->set("text", c.text);
  o->set("resolution", c.resolution ? Poco::Dynamic::Var(*c.resolution) : Poco::Dynamic::Var());
  o->set("resolvedBy", c.resolution ? Poco::Dynamic::Var(c.resolved_by) : Poco::Dynamic::Var());
  o->set("resolvedAt", c.resolution ? Poco::Dynamic::Var(c.resolved_at) : Poco::Dynamic::Var());
  return o;
}

Object::Ptr notice(const PublicNotice& n, const Style& style) {
  Object::Ptr o = object();
  o->set("dossier", n.dossier_id);
  o->set("title", n.title);
  o->set("unit", n.unit_name);
  o->set("procedure", style.lang == "en" ? n.procedure_title_en : n.procedure_title_vi);
  o->set("from", n.from.toString());
  o->set("until", n.until.toString());
  Array::Ptr nominees = new Array;
  for (const PublicNominee& p : n.nominees) {
    Object::Ptr row = object();
    row->set("name", p.name);
    row->set("position", p.position);
    row->set("worksAt", p.works_at);
    row->set("achievement", p.achievement);
    nominees->add(row);
  }
  o->set("nominees", nominees);
  if (style.links) o->set("commentsHref", "/api/v1/public/notices/" + n.dossier_id + "/comments");
  return o;
}

// ---- emulation

Object::Ptr emulationGroup(const model::EmulationGroup& g) {
  Object::Ptr o = object();
  o->set("id", g.id);
  o->set("name", g.name);
  o->set("kind", g.kind);
  Array::Ptr units = new Array;
  for (const std::string& u : g.units) units->add(u);
  o->set("units", units);
  o->set("createdBy", g.created_by);
  o->set("createdAt", g.created_at);
  if (g.authority_code) o->set("authority", *g.authority_code);
  return o;
}

Object::Ptr criteriaSet(const model::CriteriaSet& s) {
  Object::Ptr o = object();
  o->set("id", s.id);
  o->set("group", s.group_id);
  o->set("period", s.period);
  o->set("title", s.title);
  Array::Ptr criteria = new Array;
  for (const model::Criterion& c : s.criteria) {
    Object::Ptr k = object();
    k->set("code", c.code);
    k->set("title", c.title);
    k->set("maxPoints", c.max_points);
    k->set("weight", c.weight);
    criteria->add(k);
  }
  o->set("criteria", criteria);
  o->set("createdBy", s.created_by);
  o->set("closedAt", s.closed_at ? Poco::Dynamic::Var(*s.closed_at) : Poco::Dynamic::Var());
  o->set("closedBy", s.closed_at ? Poco::Dynamic::Var(s.closed_by) : Poco::Dynamic::Var());
  return o;
}

Object::Ptr standings(const Standings& s) {
  Object::Ptr o = object();
  o->set("set", criteriaSet(s.set));
  o->set("group", emulationGroup(s.group));
  Array::Ptr rows = new Array;
  for (const StandingRow& r : s.rows) {
    Object::Ptr row = object();
    row->set("unit", r.unit_code);
    row->set("unitName", r.unit_name);
    Array::Ptr averages = new Array;
    for (const auto& a : r.averages)
      averages->add(a ? Poco::Dynamic::Var(*a) : Poco::Dynamic::Var());
    row->set("averages", averages);
    row->set("total", r.total);
    row->set("rank", r.rank);
    row->set("scorers", r.scorers);
    rows->add(row);
  }
  o->set("rows", rows);
  Array::Ptr leaders = new Array;
  for (const std::string& l : s.leaders) leaders->add(l);
  o->set("proposed", leaders);
  o->set("tie", s.tie);
  o->set("complete", s.complete);
  o->set("maxTotal", s.max_total);
  return o;
}

}  // namespace awardflow::service::views
