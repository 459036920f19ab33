// Workflow::checkForm and submitForm: dossiers filled in as forms (see forms.hpp).

#include <algorithm>
#include <set>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/dossier/pdf.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/dossier/writer.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/forms.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/accounts.hpp"

namespace awardflow::service {
namespace {

constexpr std::int64_t kMaxAttachment = std::int64_t{100} << 20;  // dossier.xsd FileSize

// A file name the form may name: a plain name inside the upload folder.
bool plainName(const std::string& name) {
  return !name.empty() && name.find_first_of("/\\") == std::string::npos && name != "." &&
         name != ".." && name.front() != '.';
}

// A form with errors: Errc::Invalid naming each problem at its field.
core::Unexpected formRefused(const core::Report& report) {
  std::vector<std::string> details;
  for (const core::Problem& p : report.problems()) {
    if (p.severity != core::Severity::Error) continue;
    details.push_back((p.location.path.empty() ? "" : p.location.path + ": ") + p.message.en);
  }
  return core::fail(
      core::Errc::Invalid,
      "the form has " + std::to_string(details.size()) + " problem(s); nothing was stored",
      details);
}

// Fills in what the uploaded file tells about document `index`.
void describeAttachment(model::Document& doc, std::size_t index,
                        const std::filesystem::path& attachments_dir, core::Report& report) {
  const std::string field = "/documents/" + std::to_string(index) + "/file";
  const std::string name = doc.attachment.file_name;
  if (name.empty()) {
    report.error("form.file", {0, 0, field},
                 {"chưa chọn tệp bản quét cho văn bản này", "no scanned file for this document"});
    return;
  }
  if (!plainName(name)) {
    report.error(
        "form.file", {0, 0, field},
        {"tên tệp '" + name + "' không hợp lệ", "'" + name + "' is not a usable file name"});
    return;
  }
  const std::filesystem::path path = attachments_dir / name;
  std::error_code ec;
  if (attachments_dir.empty() || !std::filesystem::is_regular_file(path, ec)) {
    report.error("form.file", {0, 0, field},
                 {"tệp " + name + " chưa được gửi kèm", "the file " + name + " was not sent"});
    return;
  }
  auto bytes = core::readFile(path, static_cast<std::size_t>(kMaxAttachment));
  if (!bytes) {
    report.error("form.file", {0, 0, field},
                 {"không đọc được tệp " + name + " (tối đa 100 MiB)",
                  "cannot read " + name + " (at most 100 MiB)"});
    return;
  }
  doc.attachment.size = static_cast<std::int64_t>(bytes->size());
  doc.attachment.sha256 = crypto::sha256Hex(*bytes);
  const bool pdf = bytes->rfind("%PDF-", 0) == 0;
  doc.attachment.media_type = pdf ? "application/pdf" : "application/octet-stream";
  if (pdf && doc.page_count == 0) {
    if (auto info = dossier::inspectPdf(*bytes)) doc.page_count = info->pages;
  }
}

}  // namespace

core::Result<Workflow::PrintFacts> Workflow::printFacts(const model::User& actor,
                                                        const std::string& id) const {
  auto d = visible(actor, id);
  if (!d) return core::Unexpected{d.error()};
  return storedDossier(*d);
}

core::Result<Workflow::PrintFacts> Workflow::storedDossier(const std::string& id) const {
  auto d = store_.dossier(id);
  if (!d) return core::Unexpected{d.error()};
  if (!*d) {
    return core::fail(core::Errc::NotFound, "no dossier " + id, {"không có hồ sơ " + id});
  }
  return storedDossier(**d);
}

core::Result<Workflow::PrintFacts> Workflow::storedDossier(const model::DossierInstance& d) const {
  auto xml = data_.blobs.get(d.xml_sha256);
  if (!xml) return core::Unexpected{xml.error()};
  auto parsed = xml::parse(*xml);
  if (!parsed.document) {
    return core::fail(core::Errc::Internal, "the stored dossier of " + d.id + " does not parse");
  }
  PrintFacts facts;
  facts.dossier = dossier::readDossier(*parsed.document);
  auto issuer = issuerNameOf(d.authority_code);
  facts.agency = issuer ? issuer->name : agency_name_;
  auto rulebook = pinned(d.rulebook_sha256);
  if (rulebook) {
    if (const model::Procedure* p = (*rulebook)->procedure(d.procedure_id)) {
      facts.procedure_title = p->title.vi;
      facts.decided_by = decidedByName(d, **rulebook, *p);
      facts.award_form = p->award_form;
    }
  }
  return facts;
}

core::Result<std::vector<ChecklistItem>> Workflow::checklist(const model::User& actor,
                                                             const std::string& id) const {
  auto d = visible(actor, id);
  if (!d) return core::Unexpected{d.error()};
  auto facts = printFacts(actor, id);
  if (!facts) return core::Unexpected{facts.error()};
  auto rulebook = pinned(d->rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(d->procedure_id);
  const model::Variant* variant = procedure ? procedure->variant(d->variant) : nullptr;
  std::vector<ChecklistItem> out;
  if (variant == nullptr) return out;
  const model::Dossier& dossier = facts->dossier;
  for (const model::PartRule& rule : variant->parts) {
    ChecklistItem item;
    item.part = rule.kind;
    item.label = model::label(rule.kind);
    if (!rule.label.vi.empty()) {
      item.label = {rule.label.vi, rule.label.en.empty() ? rule.label.vi : rule.label.en};
    }
    if (rule.per_nominee) {
      item.needed = static_cast<int>(dossier.nominees.size());
      std::set<std::string> covered;
      for (const model::Document& doc : dossier.documents) {
        if (doc.part != rule.kind) continue;
        covered.insert(doc.nominees.begin(), doc.nominees.end());
      }
      for (const model::Nominee& n : dossier.nominees)
        item.found += covered.count(model::nomineeId(n)) != 0 ? 1 : 0;
    } else {
      item.found = static_cast<int>(
          std::count_if(dossier.documents.begin(), dossier.documents.end(),
                        [&](const model::Document& doc) { return doc.part == rule.kind; }));
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ProcedureChoice> Workflow::procedures() const {
  // A dossier follows the rulebook in force on its own date, which may be past: all are offered,
  // the newest first.
  std::vector<const model::Rulebook*> books;
  for (const model::Rulebook& rulebook : validator_.rulebooks().rulebooks())
    books.push_back(&rulebook);
  std::stable_sort(books.begin(), books.end(),
                   [](const model::Rulebook* a, const model::Rulebook* b) {
                     return b->valid_from < a->valid_from;
                   });
  std::vector<ProcedureChoice> out;
  for (const model::Rulebook* rulebook : books) {
    for (const model::Procedure& p : rulebook->procedures) {
      out.push_back({rulebook->id, p.id, p.title.vi + " — " + rulebook->title.vi,
                     (p.title.en.empty() ? p.title.vi : p.title.en) + " — " +
                         (rulebook->title.en.empty() ? rulebook->title.vi : rulebook->title.en)});
    }
  }
  return out;
}

core::Result<FormCheck> Workflow::checkForm(const model::User& actor, model::Dossier dossier,
                                            const std::filesystem::path& attachments_dir) const {
  if (actor.role != model::Role::SubmittingUnit || !actor.unit_code) {
    return core::fail(core::Errc::PermissionDenied,
                      actor.login + " is not a submitting unit's clerk: only they fill in dossiers",
                      {actor.login + " không phải cán bộ của đơn vị đề nghị: chỉ họ lập hồ sơ"});
  }
  auto unit = store::Accounts(data_.database).unit(*actor.unit_code);
  if (!unit) return core::Unexpected{unit.error()};
  if (!*unit) {
    return core::fail(core::Errc::NotFound, "no unit " + *actor.unit_code,
                      {"không có đơn vị " + *actor.unit_code});
  }
  FormCheck check;
  dossier.unit_code = (*unit)->code;
  dossier.unit_name = (*unit)->name;
  dossier.unit_level = (*unit)->level;
  if (dossier.id.empty()) {
    std::optional<int> number;
    for (const model::Document& d : dossier.documents) {
      if (d.part == model::PartKind::Proposal && d.number) number = d.number;
    }
    dossier.id = dossier.unit_code + "." + std::to_string(dossier.period.year) + "." +
                 (number ? std::to_string(*number) : crypto::randomHex(3));
  }
  for (std::size_t i = 0; i < dossier.documents.size(); ++i)
    describeAttachment(dossier.documents[i], i, attachments_dir, check.report);
  check.xml = dossier::writeDossier(dossier);
  // A document whose file is missing is checked with a stand-in description, so that the rest
  // of the form is judged now rather than after the scan arrives; what is said about the stand-in
  // is left out (the form already says the file is missing).
  std::set<std::string> reported;
  for (const core::Problem& p : check.report.problems()) reported.insert(p.location.path);
  model::Dossier judged = dossier;
  for (std::size_t i = 0; i < judged.documents.size(); ++i) {
    if (reported.count("/documents/" + std::to_string(i) + "/file") == 0) continue;
    model::Attachment& a = judged.documents[i].attachment;
    if (!plainName(a.file_name)) a.file_name = "missing-" + std::to_string(i + 1) + ".pdf";
    a.media_type = "application/pdf";
    a.size = 1;
    a.sha256 = std::string(64, '0');
    if (judged.documents[i].page_count == 0) judged.documents[i].page_count = 1;
  }
  const ValidationResult validation =
      validate(dossier::writeDossier(judged), "form",
               attachments_dir.empty() ? data_.root / "tmp" : attachments_dir);
  for (core::Problem p : validation.report.problems()) {
    if (p.code == "signature.none") continue;  // the form is signed when it is submitted
    p.location.path = formField(p.location.path, dossier);
    if (reported.count(p.location.path) != 0) continue;
    p.location.line = 0;
    p.location.column = 0;
    check.report.add(std::move(p));
  }
  check.dossier = std::move(dossier);
  return check;
}

core::Result<SubmitOutcome> Workflow::submitForm(const model::User& actor, model::Dossier dossier,
                                                 const std::filesystem::path& attachments_dir,
                                                 const std::string& signing_pin) {
  auto check = checkForm(actor, std::move(dossier), attachments_dir);
  if (!check) return core::Unexpected{check.error()};
  if (!check->report.valid()) return formRefused(check->report);
  auto key = loadUserSigningKey(data_.root, actor.login, signing_pin);
  if (!key) return core::Unexpected{key.error()};
  auto signed_xml = signBytes(check->xml, *key, clock_.now());
  if (!signed_xml) return core::Unexpected{signed_xml.error()};
  SubmitRequest request;
  request.xml = std::move(signed_xml).value();
  request.source = "form";
  request.attachments_dir = attachments_dir;
  return submit(actor, request);
}

core::Result<ActOutcome> Workflow::resubmitForm(const model::User& actor,
                                                const std::string& dossier_id,
                                                std::optional<std::int64_t> expected_version,
                                                model::Dossier dossier,
                                                const std::filesystem::path& attachments_dir,
                                                const std::string& signing_pin) {
  auto check = checkForm(actor, std::move(dossier), attachments_dir);
  if (!check) return core::Unexpected{check.error()};
  if (!check->report.valid()) return formRefused(check->report);
  auto key = loadUserSigningKey(data_.root, actor.login, signing_pin);
  if (!key) return core::Unexpected{key.error()};
  auto signed_xml = signBytes(check->xml, *key, clock_.now());
  if (!signed_xml) return core::Unexpected{signed_xml.error()};
  ActRequest request;
  request.dossier_id = dossier_id;
  request.action = "resubmit";
  request.expected_version = expected_version;
  SubmitRequest resubmission;
  resubmission.xml = std::move(signed_xml).value();
  resubmission.source = "form";
  resubmission.attachments_dir = attachments_dir;
  request.resubmission = std::move(resubmission);
  return act(actor, request);
}

}  // namespace awardflow::service
