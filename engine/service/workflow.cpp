#include "engine/service/workflow.hpp"

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
#include "engine/store/accounts.hpp"
#include "engine/store/archive_store.hpp"
#include "engine/store/authorities.hpp"
#include "engine/workflow/rulebook_loader.hpp"

namespace awardflow::service {
namespace detail {

std::string locatedProblem(const core::Problem& p) {
  std::string where;
  if (p.location.line > 0) where = "line " + std::to_string(p.location.line) + ": ";
  if (!p.location.path.empty()) where += p.location.path + ": ";
  return where + p.code + ": " + p.message.vi + " / " + p.message.en;
}

bool isSignatureProblem(const core::Problem& p) { return p.code.rfind("signature.", 0) == 0; }

// The common name of a certificate subject in RFC 2253 form.
std::string commonName(const std::string& subject) {
  const auto at = subject.find("CN=");
  if (at == std::string::npos) return subject;
  std::string out;
  for (std::size_t i = at + 3; i < subject.size(); ++i) {
    if (subject[i] == '\\' && i + 1 < subject.size()) {
      out += subject[++i];
      continue;
    }
    if (subject[i] == ',') break;
    out += subject[i];
  }
  return out;
}

// A stored attachment with what the PDF library read from it: a scan that is not a PDF, or whose
// structure is damaged, is refused with the file's name.
core::Result<model::StoredFile> scannedFile(int revision, const model::Attachment& a,
                                            const std::string& bytes, const std::string& sha) {
  model::StoredFile f{revision,
                      a.file_name,
                      sha,
                      static_cast<std::int64_t>(bytes.size()),
                      a.media_type.empty() ? "application/pdf" : a.media_type,
                      std::nullopt,
                      ""};
  if (f.media_type != "application/pdf") return f;
  auto pdf = dossier::inspectPdf(bytes);
  if (!pdf) {
    core::Error e = pdf.error();
    e.message.insert(0, a.file_name + ": ");
    for (std::string& d : e.details) d.insert(0, a.file_name + ": ");
    return core::Unexpected{e};
  }
  f.pages = pdf->pages;
  f.pdf_version = pdf->version;
  return f;
}

}  // namespace detail

using namespace detail;  // NOLINT(google-build-using-namespace): the use cases' helpers
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// "UBND-HUONGSON" → "UBND": the agency part of a document notation ("12/QĐ-UBND").
std::string notationSuffix(const std::string& code) {
  const auto dash = code.find('-');
  return dash == std::string::npos ? code : code.substr(0, dash);
}

std::string stateLabel(const model::Lifecycle& lifecycle, const std::string& state, bool vi) {
  const model::LifecycleState* s = lifecycle.state(state);
  if (s == nullptr) return state;
  return vi || s->label.en.empty() ? s->label.vi : s->label.en;
}

bool canSeeAll(model::Role role) { return role != model::Role::SubmittingUnit; }

}  // namespace

WorkflowConfig defaultWorkflowConfig(const DataDirectory& data) {
  WorkflowConfig config;
  config.validation = defaultValidationConfig();
  config.validation.trust_dir = agencyPaths(data.root).trust_dir;
  config.calendar_file = defaultCalendarFile();
  if (auto organ = core::readFile(agencyPaths(data.root).dir / "organ-id", 256)) {
    const std::string id = trimmed(*organ);
    if (!id.empty()) config.organ_id = id;
  }
  if (auto target = core::readFile(agencyPaths(data.root).dir / "direct-labourer-target", 64)) {
    try {
      const double value = std::stod(trimmed(*target));
      if (value >= 0 && value <= 1) config.direct_labourer_target = value;
    } catch (const std::exception&) {
      // not a number: the default stands (reports say which target they used)
    }
  }
  return config;
}

Workflow::Workflow(const DataDirectory& data, WorkflowConfig config, const core::Clock& clock,
                   Validator validator, SignatureVerifier verifier, xml::Schema rulebook_schema,
                   core::WorkingCalendar calendar, SigningMaterial agency)
    : data_(data),
      config_(std::move(config)),
      clock_(clock),
      validator_(std::move(validator)),
      verifier_(std::move(verifier)),
      rulebook_schema_(std::move(rulebook_schema)),
      calendar_(std::move(calendar)),
      agency_(std::make_shared<const SigningMaterial>(std::move(agency))),
      agency_name_(commonName(agency_->certificate.subject())),
      store_(data.database) {}

core::Result<std::unique_ptr<Workflow>> Workflow::open(const DataDirectory& data,
                                                       const WorkflowConfig& config,
                                                       const core::Clock& clock) {
  if (!config.validation.trust_dir) {
    return core::fail(core::Errc::Config, "the workflow needs a trust directory");
  }
  auto validator = Validator::open(config.validation);
  if (!validator) return core::Unexpected{validator.error()};
  auto verifier = SignatureVerifier::open(*config.validation.trust_dir, config.validation.verify);
  if (!verifier) return core::Unexpected{verifier.error()};
  auto schema = xml::Schema::load(config.validation.schemas_dir / "rulebook.xsd");
  if (!schema) return core::Unexpected{schema.error()};
  auto calendar = loadCalendarFile(config.calendar_file);
  if (!calendar) return core::Unexpected{calendar.error()};
  auto agency = loadAgencySigner(data.root);
  if (!agency) return core::Unexpected{agency.error()};
  std::vector<const model::Rulebook*> books;
  for (const model::Rulebook& rb : validator->rulebooks().rulebooks()) books.push_back(&rb);
  auto adopted = adoptAuthorities(data, books);
  if (!adopted) return core::Unexpected{adopted.error()};
  return std::unique_ptr<Workflow>(new Workflow(
      data, config, clock, std::move(validator).value(), std::move(verifier).value(),
      std::move(schema).value(), std::move(calendar).value(), std::move(agency).value()));
}

core::Result<model::User> Workflow::user(const std::string& login) const {
  auto found = store::Accounts(data_.database).user(login);
  if (!found) return core::Unexpected{found.error()};
  if (!*found) {
    return refuse(core::Errc::NotFound, "no user " + login, "không có người dùng " + login);
  }
  if (!(*found)->first.active) {
    return refuse(core::Errc::PermissionDenied, "user " + login + " is deactivated",
                  "tài khoản " + login + " đã bị khóa");
  }
  return (*found)->first;
}

core::Result<std::shared_ptr<const model::Rulebook>> Workflow::pinned(
    const std::string& sha256) const {
  {
    const std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = rulebooks_.find(sha256);
    if (it != rulebooks_.end()) return it->second;
  }
  auto bytes = data_.blobs.get(sha256);
  if (!bytes) return core::Unexpected{bytes.error()};
  auto loaded = workflow::loadRulebook(*bytes, "pinned rulebook " + sha256, rulebook_schema_);
  if (!loaded) return core::Unexpected{loaded.error()};
  auto shared = std::make_shared<const model::Rulebook>(std::move(loaded).value());
  const std::lock_guard<std::mutex> lock(cache_mutex_);
  rulebooks_.emplace(sha256, shared);
  return shared;
}

core::Result<model::DossierInstance> Workflow::visible(const model::User& actor,
                                                       const std::string& dossier_id) const {
  auto found = store_.dossier(dossier_id);
  if (!found) return core::Unexpected{found.error()};
  // A unit's user learns nothing of other units' dossiers, not even that they exist; a council
  // member sees what is on their sessions.
  bool may_see =
      *found && (canSeeAll(actor.role) || (*found)->unit_code == actor.unit_code.value_or(""));
  // Staff of an authority see its dossiers and those of the authorities it succeeds; another
  // commune's office learns nothing of them either.
  if (may_see && canSeeAll(actor.role)) {
    auto scope = authoritiesSeenBy(data_, actor);
    if (!scope) return core::Unexpected{scope.error()};
    may_see = inScope(*scope, (*found)->authority_code);
  }
  if (may_see && actor.role == model::Role::CouncilMember) {
    auto on = store_.onSessionOf(dossier_id, actor.login);
    if (!on) return core::Unexpected{on.error()};
    may_see = *on;
  }
  if (!may_see) {
    return refuse(core::Errc::NotFound, "no dossier " + dossier_id, "không có hồ sơ " + dossier_id);
  }
  return std::move(**found);
}

core::Result<Workflow::Issuer> Workflow::issuerNameOf(
    const std::optional<std::string>& authority_code) const {
  if (!authority_code) return Issuer{std::nullopt, agency_name_, nullptr};
  const store::Authorities authorities(data_.database);
  std::string code = *authority_code;
  // An ended authority's successor holds its records and answers for them; the chain of
  // successors is short (district → province), and a cycle is refused when it is recorded.
  for (int hop = 0; hop < 8; ++hop) {
    auto found = authorities.find(code);
    if (!found) return core::Unexpected{found.error()};
    if (!*found) {
      return refuse(core::Errc::Config, "authority " + code + " is not kept in this installation",
                    "cơ quan " + code + " chưa có trong hệ thống");
    }
    if (!(*found)->historical || !(*found)->successor_code)
      return Issuer{code, issuerName((*found)->name), nullptr};
    code = *(*found)->successor_code;
  }
  return refuse(core::Errc::Config, "the successors of " + *authority_code + " do not end",
                "chuỗi cơ quan kế thừa của " + *authority_code + " không kết thúc");
}

core::Result<Workflow::Issuer> Workflow::issuerOf(
    const std::optional<std::string>& authority_code) const {
  auto issuer = issuerNameOf(authority_code);
  if (!issuer || !issuer->code) {
    if (issuer) issuer->seal = agency_;
    return issuer;
  }
  const std::string& code = *issuer->code;
  auto dir = authoritySealDir(data_.root, code);
  if (!dir) return core::Unexpected{dir.error()};
  std::error_code ec;
  auto written = std::filesystem::last_write_time(*dir / "seal-cert.pem", ec);
  const std::lock_guard<std::mutex> lock(cache_mutex_);
  if (auto it = seals_.find(code); !ec && it != seals_.end() && it->second.written == written) {
    issuer->seal = it->second.seal;
    return issuer;
  }
  if (ec) {
    auto made = createAuthoritySeal(data_.root, code, issuer->name);
    if (!made) return core::Unexpected{made.error()};
    written = std::filesystem::last_write_time(*dir / "seal-cert.pem", ec);
  }
  auto material = loadAuthoritySeal(data_.root, code);
  if (!material) return core::Unexpected{material.error()};
  issuer->seal = std::make_shared<const SigningMaterial>(std::move(material).value());
  seals_[code] = KeptSeal{written, issuer->seal};
  return issuer;
}

core::Result<model::OfficeDocument> Workflow::makeDocument(
    store::DatabaseImpl& tx, model::OfficeDocument doc, const Issuer& issuer,
    const std::string& subject, const Fields& fields, const std::vector<std::string>& items,
    const SigningMaterial* first_signer) const {
  auto serial = store::WorkflowStore::nextNumberIn(tx, "office-document", doc.year);
  if (!serial) return core::Unexpected{serial.error()};
  std::ostringstream id;
  id << "VB-" << doc.year << "-"
     << std::string(6 - std::min<std::size_t>(6, std::to_string(*serial).size()), '0') << *serial;
  doc.id = id.str();
  OfficeContent content;
  content.kind = doc.kind;
  content.id = doc.id;
  content.dossier_id = doc.dossier_id;
  content.issuer = issuer.name;
  content.number = doc.number;
  content.notation = doc.notation;
  content.issued_at = doc.issued_at;
  content.subject = subject;
  content.fields = fields;
  content.items = items;
  std::string xml = renderOfficeDocument(content);
  const std::time_t at = clock_.now();
  if (first_signer != nullptr) {
    auto signed_once = signBytes(xml, *first_signer, at);
    if (!signed_once) return core::Unexpected{signed_once.error()};
    xml = std::move(signed_once).value();
  }
  auto sealed = signBytes(xml, *issuer.seal, at);
  if (!sealed) return core::Unexpected{sealed.error()};
  auto sha = data_.blobs.put(*sealed);
  if (!sha) return core::Unexpected{sha.error()};
  doc.sha256 = *sha;
  auto inserted = store::WorkflowStore::insertDocumentIn(tx, doc);
  if (!inserted) return core::Unexpected{inserted.error()};
  return doc;
}

// ---------------------------------------------------------------------------------------------
// submit

std::string Workflow::decidedByName(const model::DossierInstance& d,
                                    const model::Rulebook& rulebook,
                                    const model::Procedure& procedure) const {
  if (!rulebook.authority.code.empty() || procedure.decided_by != rulebook.authority.level ||
      !d.authority_code) {
    return procedure.decided_by_name.vi;
  }
  auto found = store::Authorities(data_.database).find(*d.authority_code);
  if (!found || !*found) return procedure.decided_by_name.vi;
  const std::string& name = (*found)->name;
  return name.rfind("Chủ tịch ", 0) == 0 ? name : "Chủ tịch " + name;
}

core::Result<std::optional<std::string>> Workflow::submittedTo(
    const std::string& unit_code, const model::Rulebook& rulebook) const {
  auto unit = store::Accounts(data_.database).unit(unit_code);
  if (!unit) return core::Unexpected{unit.error()};
  const std::optional<std::string> home = *unit ? (*unit)->authority_code : std::nullopt;
  // A rulebook names its authority, or serves every authority of its level (a commune's): then
  // the dossier goes to the unit's own.
  const std::optional<std::string> code =
      rulebook.authority.code.empty() ? home : std::optional<std::string>(rulebook.authority.code);
  if (!code) {
    return refuse(core::Errc::PermissionDenied,
                  "rulebook " + rulebook.id + " serves every " +
                      std::string(model::name(rulebook.authority.level)) + ", and unit " +
                      unit_code + " belongs to none: an administrator places it under one",
                  "bộ quy tắc " + rulebook.id + " dùng chung cho các cơ quan cùng cấp, mà đơn vị " +
                      unit_code + " chưa thuộc cơ quan nào: quản trị viên cần xếp đơn vị");
  }
  const store::Authorities authorities(data_.database);
  auto found = authorities.find(*code);
  if (!found) return core::Unexpected{found.error()};
  if (!*found) {
    return refuse(core::Errc::Config, "authority " + *code + " is not kept in this installation",
                  "cơ quan " + *code + " chưa có trong hệ thống");
  }
  if ((*found)->level != rulebook.authority.level) {
    return refuse(core::Errc::PermissionDenied,
                  "rulebook " + rulebook.id + " is for a " +
                      std::string(model::name(rulebook.authority.level)) + "; " + *code + " is a " +
                      std::string(model::name((*found)->level)),
                  "bộ quy tắc " + rulebook.id + " không dành cho cấp của " + *code);
  }
  if ((*found)->historical) {
    const std::string heir = (*found)->successor_code.value_or("?");
    return refuse(core::Errc::PermissionDenied,
                  (*found)->name + " (" + *code + ") has ended and takes no new dossiers; " + heir +
                      " holds its records: submit under a rulebook of today's authority",
                  (*found)->name + " (" + *code + ") đã giải thể, không nhận hồ sơ mới; " + heir +
                      " kế thừa hồ sơ: hãy nộp theo bộ quy tắc của cơ quan hiện nay");
  }
  // A unit placed under an authority submits to it or to an authority above it, never to a
  // neighbour (another commune).
  if (home && *home != *code) {
    bool above = false;
    for (std::optional<std::string> at = home; at && !above;) {
      auto a = authorities.find(*at);
      if (!a) return core::Unexpected{a.error()};
      if (!*a) break;
      at = (*a)->parent_code;
      above = at == code;
    }
    if (!above) {
      return refuse(
          core::Errc::PermissionDenied,
          "unit " + unit_code + " belongs to " + *home + " and does not submit to " + *code,
          "đơn vị " + unit_code + " thuộc " + *home + ", không nộp hồ sơ cho " + *code);
    }
  }
  return code;
}

core::Result<SubmitOutcome> Workflow::submit(const model::User& actor,
                                             const SubmitRequest& request) {
  auto role = requireRole(actor, model::Role::SubmittingUnit, "submit dossiers", "nộp hồ sơ");
  if (!role) return core::Unexpected{role.error()};
  const std::string unit = actor.unit_code.value_or("");
  ValidationResult validation =
      validator_.validateBytes(request.xml, request.source, request.attachments_dir);
  std::vector<std::string> errors;
  bool signature_error = false;
  for (const core::Problem& p : validation.report.problems()) {
    if (p.severity != core::Severity::Error) continue;
    if (isSignatureProblem(p)) {
      signature_error = true;
      errors.push_back(locatedProblem(p));
    } else {
      errors.push_back(locatedProblem(p));
    }
  }
  const bool parts_ok =
      validation.dossier.has_value() &&
      std::none_of(validation.report.problems().begin(), validation.report.problems().end(),
                   [](const core::Problem& p) {
                     return p.severity == core::Severity::Error && !isSignatureProblem(p);
                   });
  if (!parts_ok) {
    return core::fail(core::Errc::Invalid,
                      "the dossier is not valid: " + std::to_string(errors.size()) +
                          " problem(s); nothing was stored",
                      errors);
  }
  const DossierSummary& summary = *validation.dossier;
  if (request.attachments_dir.empty() && !summary.attachments.empty()) {
    std::string names;
    for (const model::Attachment& a : summary.attachments)
      names += (names.empty() ? "" : ", ") + a.file_name;
    return refuse(core::Errc::Invalid, "the attached files were not sent: " + names,
                  "chưa gửi kèm các tệp: " + names);
  }
  if (summary.unit_code != unit) {
    return refuse(core::Errc::PermissionDenied,
                  "the dossier is nominated by " + summary.unit_code + "; " + actor.login +
                      " submits for " + unit + " only",
                  "hồ sơ do " + summary.unit_code + " đề nghị; " + actor.login +
                      " chỉ được nộp hồ sơ của " + unit);
  }
  const model::Rulebook* rulebook = validator_.rulebooks().find(summary.rulebook);
  const model::Procedure* procedure =
      rulebook != nullptr ? rulebook->procedure(summary.procedure) : nullptr;
  if (procedure == nullptr) return core::fail(core::Errc::Internal, "validated without procedure");
  const model::Lifecycle* lifecycle = rulebook->lifecycle(procedure->lifecycle);
  if (lifecycle == nullptr || lifecycle->initial() == nullptr)
    return core::fail(core::Errc::Internal, "procedure without lifecycle");
  auto authority = submittedTo(unit, *rulebook);
  if (!authority) return core::Unexpected{authority.error()};

  workflow::Facts facts;
  facts.parts_complete = true;
  facts.signatures_valid = !signature_error && validation.report.hasCode("signature.valid");
  auto transition = workflow::decide(*rulebook, *procedure, summary.variant,
                                     lifecycle->initial()->id, "submit", actor.role, facts);
  if (!transition) {
    core::Error e = transition.error();
    for (std::string& line : errors) e.details.push_back(line);
    return core::Unexpected{e};
  }

  // Blobs first: content-addressed and idempotent (the same bytes are the same blob, and a damaged
  // one is replaced, see BlobStore::put), so a failure below, a keyed unit of work rolled back or
  // a crash before the commit leaves only unreferenced files, never a dossier row pointing at a
  // missing blob. That is how an upload stays exactly once across files and the store: only the
  // dossier's row, committed with its answer (RequestReplies::once), makes it an effect.
  auto rulebook_bytes = core::readFile(rulebook->source_path);
  if (!rulebook_bytes) return core::Unexpected{rulebook_bytes.error()};
  if (crypto::sha256Hex(*rulebook_bytes) != rulebook->content_sha256) {
    return refuse(core::Errc::Config,
                  "rulebook file " + rulebook->source_path +
                      " changed since awardflow loaded it; restart to load the new version",
                  "tệp bộ quy tắc " + rulebook->source_path + " đã thay đổi; hãy khởi động lại");
  }
  auto rulebook_sha = data_.blobs.put(*rulebook_bytes);
  if (!rulebook_sha) return core::Unexpected{rulebook_sha.error()};
  auto xml_sha = data_.blobs.put(request.xml);
  if (!xml_sha) return core::Unexpected{xml_sha.error()};
  std::vector<model::StoredFile> files{{1, "dossier.xml", *xml_sha,
                                        static_cast<std::int64_t>(request.xml.size()),
                                        "application/xml", std::nullopt, ""}};
  for (const model::Attachment& a : summary.attachments) {
    auto bytes =
        core::readFile(request.attachments_dir / a.file_name, static_cast<std::size_t>(a.size) + 1);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto sha = data_.blobs.put(*bytes);
    if (!sha) return core::Unexpected{sha.error()};
    if (*sha != a.sha256) {
      return refuse(core::Errc::Invalid, a.file_name + " changed while it was being submitted",
                    a.file_name + " đã thay đổi trong khi nộp");
    }
    auto scanned = scannedFile(1, a, *bytes, *sha);
    if (!scanned) return core::Unexpected{scanned.error()};
    files.push_back(*scanned);
  }

  const std::time_t now = clock_.now();
  const std::string at = core::utcTimestamp(now);
  model::DossierInstance d;
  d.unit_code = unit;
  d.authority_code = *authority;
  d.source_id = summary.id;
  d.title = summary.title;
  d.rulebook_id = rulebook->id;
  d.rulebook_version = rulebook->version;
  d.rulebook_sha256 = *rulebook_sha;
  d.procedure_id = procedure->id;
  d.variant = summary.variant;
  d.state = transition->to;
  d.version = 1;
  d.revision = 1;
  d.xml_sha256 = *xml_sha;
  d.complete = true;
  d.signed_valid = facts.signatures_valid;
  d.submitted_by = actor.login;
  d.submitted_at = at;
  d.updated_at = at;

  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto pin =
        store::WorkflowStore::pinRulebookIn(tx, rulebook->id, rulebook->version, *rulebook_sha, at);
    if (!pin) return pin;
    const int year = core::vietnamDate(now).year;
    auto serial = store::WorkflowStore::nextNumberIn(tx, "dossier", year);
    if (!serial) return core::Unexpected{serial.error()};
    std::string number = std::to_string(*serial);
    d.id = "HS-" + std::to_string(year) + "-" +
           std::string(6 - std::min<std::size_t>(6, number.size()), '0') + number;
    auto inserted = store::WorkflowStore::insertDossierIn(tx, d, files);
    if (!inserted) return inserted;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "dossier.submitted";
    e.subject = d.id;
    e.payload = "{\"unit\":" + js(unit) + ",\"rulebook\":" + js(rulebook->id) +
                ",\"rulebookVersion\":" + std::to_string(rulebook->version) +
                ",\"rulebookSha256\":" + js(*rulebook_sha) + ",\"procedure\":" + js(procedure->id) +
                ",\"variant\":" + js(std::string(model::name(d.variant))) +
                ",\"to\":" + js(d.state) + ",\"xmlSha256\":" + js(*xml_sha) +
                ",\"files\":" + std::to_string(files.size()) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  checkpointQuietly();
  return SubmitOutcome{std::move(d), std::move(validation.report)};
}

// ---------------------------------------------------------------------------------------------
// act

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

// ---------------------------------------------------------------------------------------------
// council

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

// ---------------------------------------------------------------------------------------------
// reading

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
    out.state_label_vi = service::stateLabel(*lifecycle, out.instance.state, true);
    out.state_label_en = service::stateLabel(*lifecycle, out.instance.state, false);
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
  return lifecycle ? service::stateLabel(*lifecycle, d.state, lang != "en") : d.state;
}

core::Result<Workflow::QueueItem> Workflow::queueItem(
    const model::User& actor, const model::DossierInstance& d,
    const store::WorkflowStore::GuardFacts& facts) const {
  QueueItem item;
  item.instance = d;
  auto rulebook = pinned(d.rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(d.procedure_id);
  if (procedure == nullptr) return core::fail(core::Errc::Internal, "pinned procedure missing");
  if (const model::Lifecycle* lifecycle = (*rulebook)->lifecycle(procedure->lifecycle)) {
    item.state_label_vi = service::stateLabel(*lifecycle, d.state, true);
    item.state_label_en = service::stateLabel(*lifecycle, d.state, false);
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
    for (const model::DossierInstance& d : candidates->items) {
      if (static_cast<std::int64_t>(page.items.size()) == limit) {
        page.next = page.items.back().instance.id;
        return page;
      }
      // The list is scoped already; what the role may do needs only the guards' facts.
      auto item = queueItem(actor, d, facts->at(d.id));
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

// ---------------------------------------------------------------------------------------------
// audit checkpoints

core::Result<std::optional<store::Checkpoint>> Workflow::checkpoint(bool force) {
  const store::AuditLog audit = data_.audit();
  auto head = audit.head();
  if (!head) return core::Unexpected{head.error()};
  auto existing = audit.lastCheckpoint();
  if (!existing) return core::Unexpected{existing.error()};
  const std::int64_t last = *existing ? (*existing)->seq : 0;
  if (head->first == 0 || head->first == last) return std::optional<store::Checkpoint>();
  if (!force && head->first - last < config_.checkpoint_every)
    return std::optional<store::Checkpoint>();
  store::Checkpoint cp;
  cp.seq = head->first;
  cp.head = head->second;
  cp.at = core::utcTimestamp(clock_.now());
  cp.certificate = agency_->certificate.toPem();
  const crypto::SignatureAlgorithm algorithm = agency_->key.type() == crypto::KeyType::Ec
                                                   ? crypto::SignatureAlgorithm::EcdsaSha256
                                                   : crypto::SignatureAlgorithm::RsaSha256;
  auto value = crypto::signRaw(agency_->key, algorithm, store::canonicalCheckpoint(cp));
  if (!value) return core::Unexpected{value.error()};
  cp.signature = crypto::base64Encode(*value);
  auto added = audit.addCheckpoint(cp);
  if (!added) {
    // Another process checkpointed the same head first: that one stands.
    if (added.error().code == core::Errc::Conflict) return std::optional<store::Checkpoint>();
    return core::Unexpected{added.error()};
  }
  return std::optional<store::Checkpoint>(cp);
}

void Workflow::checkpointQuietly(std::optional<std::int64_t> head_seq) {
  // The change is committed already; a checkpoint that cannot be written now is written by a
  // later call (or `awardflow audit checkpoint`), so its failure does not fail the change.
  // The last checkpoint is remembered: most calls cost one read of the chain's head.
  std::int64_t head = 0;
  if (head_seq) {
    head = *head_seq;
  } else {
    auto read = data_.audit().head();
    if (!read) return;
    head = read->first;
  }
  std::int64_t last = last_checkpoint_.load();
  if (last < 0) {
    auto stored = data_.audit().lastCheckpoint();
    if (!stored) return;
    last = *stored ? (*stored)->seq : 0;
    last_checkpoint_.store(last);
  }
  if (head - last < config_.checkpoint_every) return;
  auto written = checkpoint(false);
  if (written && *written) last_checkpoint_.store((*written)->seq);
  if (written && !*written) last_checkpoint_.store(-1);  // someone else wrote one: reread
}

core::Result<AuditVerification> verifyAudit(const DataDirectory& data) {
  AuditVerification out;
  const store::AuditLog audit = data.audit();
  auto chain = audit.verify();
  if (!chain) return core::Unexpected{chain.error()};
  out.chain = *chain;
  if (!chain->intact()) return out;
  auto checkpoints = audit.checkpoints();
  if (!checkpoints) return core::Unexpected{checkpoints.error()};
  if (checkpoints->empty()) {
    out.uncovered = chain->events;
    return out;
  }
  auto trust = crypto::TrustStore::loadDirectory(agencyPaths(data.root).trust_dir);
  if (!trust) return core::Unexpected{trust.error()};
  for (const store::Checkpoint& cp : *checkpoints) {
    const auto broken = [&](std::int64_t seq, const std::string& reason) {
      out.broken = seq;
      out.reason = reason;
      return out;
    };
    if (cp.seq > chain->events) {
      return broken(chain->events + 1, "events " + std::to_string(chain->events + 1) + " to " +
                                           std::to_string(cp.seq) +
                                           " are missing: the checkpoint signed at " + cp.at +
                                           " covers " + std::to_string(cp.seq) + " events");
    }
    auto event = audit.read(cp.seq, 1);
    if (!event) return core::Unexpected{event.error()};
    if (event->empty() || event->front().hash != cp.head) {
      return broken(cp.seq, "event " + std::to_string(cp.seq) +
                                " is not the one the checkpoint signed at " + cp.at + " covers");
    }
    auto cert = crypto::Certificate::loadPem(cp.certificate);
    auto value = crypto::base64Decode(cp.signature);
    if (!cert || !value) {
      return broken(cp.seq, "the checkpoint at event " + std::to_string(cp.seq) + " is damaged");
    }
    const crypto::SignatureAlgorithm algorithm = cert->publicKey().type() == crypto::KeyType::Ec
                                                     ? crypto::SignatureAlgorithm::EcdsaSha256
                                                     : crypto::SignatureAlgorithm::RsaSha256;
    if (crypto::verifyRaw(cert->publicKey(), algorithm, store::canonicalCheckpoint(cp), *value) !=
        crypto::VerifyOutcome::Valid) {
      return broken(cp.seq, "the signature of the checkpoint at event " + std::to_string(cp.seq) +
                                " does not verify");
    }
    const auto when = parseUtcTime(cp.at);
    const crypto::ChainVerdict verdict = trust->verify(*cert, {}, when.value_or(0));
    if (!verdict.trusted) {
      return broken(cp.seq, "the checkpoint at event " + std::to_string(cp.seq) +
                                " was signed by a certificate this installation does not trust: " +
                                verdict.reason.en);
    }
    ++out.checkpoints;
  }
  out.uncovered = chain->events - checkpoints->back().seq;
  return out;
}

}  // namespace awardflow::service
