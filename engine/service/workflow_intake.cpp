// Intake: where a unit's dossier goes (its authority, or one above it), and its submission —
// validated whole, signed, stored with its scans, acknowledged with a tracking code.

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

}  // namespace awardflow::service
