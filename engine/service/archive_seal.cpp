// Workflow::writePackage: the archival package of a dossier being sealed (archive/package.hpp).

#include <map>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "engine/archive/bagit.hpp"
#include "engine/archive/package.hpp"
#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/archive_store.hpp"

namespace awardflow::service {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string labelOf(const std::string& kind) {
  if (kind == "receipt") return "Phiếu tiếp nhận hồ sơ / receipt";
  if (kind == "deficiency-notice") return "Thông báo bổ sung hồ sơ / deficiency notice";
  if (kind == "tally") return "Biên bản kiểm phiếu / tally";
  if (kind == "decision") return "Quyết định khen thưởng / decision";
  if (kind == "proposal") return "Tờ trình đề nghị cấp trên / upward proposal";
  if (kind == "revocation") return "Quyết định thu hồi / revocation";
  if (kind == "decision-above")
    return "Quyết định khen thưởng của cấp trên / decision of the level above";
  if (kind == "deficiency-notice-above")
    return "Thông báo bổ sung của cấp trên / deficiency notice of the level above";
  return kind;
}

// The events as history.json: each with the exact payload text its hash covers.
std::string historyJson(const std::vector<store::Event>& events) {
  Array list;
  for (const store::Event& e : events) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("seq", e.seq);
    o->set("at", e.at);
    o->set("actor", e.actor);
    o->set("kind", e.kind);
    o->set("subject", e.subject);
    o->set("payload", e.payload);
    o->set("prevHash", e.prev_hash);
    o->set("hash", e.hash);
    list.add(o);
  }
  std::ostringstream out;
  list.stringify(out, 1);
  out << "\n";
  return out.str();
}

}  // namespace

core::Result<model::ArchiveRecord> Workflow::writePackage(const model::DossierInstance& d,
                                                          const model::Procedure& procedure,
                                                          const std::string& sealer,
                                                          std::time_t now) const {
  const std::string at = core::utcTimestamp(now);
  const core::Date today = core::vietnamDate(now);
  auto files = store_.files(d.id);
  if (!files) return core::Unexpected{files.error()};
  auto documents = store_.documents(d.id);
  if (!documents) return core::Unexpected{documents.error()};
  auto decision = store_.decision(d.id);
  if (!decision) return core::Unexpected{decision.error()};
  auto events = data_.audit().about(d.id);
  if (!events) return core::Unexpected{events.error()};
  auto unit = store::Accounts(data_.database).unit(d.unit_code);
  if (!unit) return core::Unexpected{unit.error()};

  // When each revision arrived: the n-th submission or resubmission event.
  std::vector<std::string> revision_at;
  for (const store::Event& e : *events) {
    if (e.kind == "dossier.submitted" || e.kind == "dossier.resubmit") revision_at.push_back(e.at);
  }

  // The record is sealed by the authority that holds it: the dossier's, or its successor's.
  auto issuer = issuerOf(d.authority_code);
  if (!issuer) return core::Unexpected{issuer.error()};
  archive::PackagePlan plan;
  plan.agency_name = issuer->name;
  model::ArchiveRecord& r = plan.record;
  r.organ_id = config_.organ_id;
  r.file_catalog = core::Date::parse(d.submitted_at.substr(0, 10)).value_or(today).year;
  r.file_notation = d.id;
  r.file_code = r.organ_id + "." + std::to_string(r.file_catalog) + "." + r.file_notation;
  r.dossier_id = d.id;
  r.title = d.title;
  r.unit_code = d.unit_code;
  r.unit_name = *unit ? (*unit)->name : d.unit_code;
  r.rulebook_id = d.rulebook_id;
  r.procedure_id = d.procedure_id;
  r.award_form = std::string(model::name(procedure.award_form));
  r.level = std::string(model::name(procedure.decided_by));
  r.retention = procedure.retention;
  r.sealed_at = at;
  r.sealed_by = sealer;
  r.end_date = today;
  r.transfer_due = model::transferDue(r.retention, r.end_date);
  r.dispose_due = model::disposeDue(r.retention, r.end_date);
  if (*decision && (*decision)->outcome == "approved") {
    r.outcome = "issued";
  } else if (*decision && (*decision)->outcome == "not-proposed") {
    r.outcome = "not-proposed";
  } else if (*decision && (*decision)->document_id && (*decision)->outcome != "not-approved") {
    r.outcome = "forwarded";
  } else {
    r.outcome = "refused";
  }

  // The dossier as its unit sent it, every revision, and each attached scan.
  std::optional<std::string> latest_xml;
  for (const model::StoredFile& f : *files) {
    const std::string when =
        f.revision >= 1 && static_cast<std::size_t>(f.revision) <= revision_at.size()
            ? revision_at[static_cast<std::size_t>(f.revision) - 1]
            : d.submitted_at;
    archive::RecordFile file;
    const bool xml = f.name == "dossier.xml";
    file.path = "r" + std::to_string(f.revision) + "-" + f.name;
    file.role = xml ? "dossier" : "attachment";
    file.label = xml ? "Hồ sơ đề nghị lần " + std::to_string(f.revision) + " / dossier"
                     : "Bản quét " + f.name + " / scan";
    file.media_type = f.media_type;
    file.created = when;
    file.source = data_.blobs.pathOf(f.sha256);
    file.signed_xml = xml;
    if (f.pages) r.page_total += *f.pages;
    if (!xml) ++r.doc_total;
    if (xml && f.revision == d.revision) {
      auto bytes = data_.blobs.get(f.sha256);
      if (!bytes) return core::Unexpected{bytes.error()};
      latest_xml = std::move(bytes).value();
    }
    plan.files.push_back(std::move(file));
  }
  // The signed office documents: receipt, notices, tallies, the decision.
  for (const model::OfficeDocument& doc : *documents) {
    archive::RecordFile file;
    file.path = doc.kind + "-" + doc.id + ".xml";
    file.role = doc.kind;
    file.label = labelOf(doc.kind) + (doc.notation.empty() ? "" : " " + doc.notation);
    file.media_type = "application/xml";
    file.created = doc.issued_at;
    file.source = data_.blobs.pathOf(doc.sha256);
    file.signed_xml = true;
    ++r.doc_total;
    // A proposal decided above is settled by the decision there, copied here.
    if (doc.kind == "decision" || doc.kind == "proposal" || doc.kind == "decision-above")
      r.decision_number = doc.notation;
    plan.files.push_back(std::move(file));
  }
  // Names, achievements and dates from the dossier itself.
  r.start_date = today;
  if (latest_xml) {
    auto parsed = xml::parse(*latest_xml);
    if (parsed.document) {
      const model::Dossier dossier = dossier::readDossier(*parsed.document);
      r.start_date = dossier.date;
      for (const model::Document& doc : dossier.documents)
        r.start_date = std::min(r.start_date, doc.issued);
      for (const model::Nominee& n : dossier.nominees) {
        r.names.push_back(model::nomineeName(n));
        std::visit([&](const auto& nominee) { r.achievements += nominee.achievement + "\n"; }, n);
      }
      r.achievements += dossier.achievement_summary;
    }
  }

  plan.history_json = historyJson(*events);
  // What was checked on the way in, as PREMIS events.
  plan.events.push_back({"validation", d.submitted_at, "success",
                         "Hồ sơ hợp lệ theo lược đồ và quy tắc " + d.rulebook_id + " v" +
                             std::to_string(d.rulebook_version) + " / dossier valid",
                         "awardflow"});
  for (archive::RecordFile& f : plan.files) {
    if (!f.signed_xml) continue;
    auto bytes = core::readFile(f.source, std::size_t{64} << 20);
    if (!bytes) return core::Unexpected{bytes.error()};
    const FileSignatures verdict = verifier_.verifyBytes(*bytes, f.path);
    std::string signers;
    for (const auto& s : verdict.report.signatures)
      signers += (signers.empty() ? "" : "; ") + s.signer_subject + " (" + s.code + ")";
    plan.events.push_back({"digital signature validation", at,
                           verdict.valid() ? "success" : "failure", f.path + ": " + signers,
                           "awardflow"});
  }
  // The blob store names each file by its SHA-256: what completePlan reads must match it.
  std::map<std::filesystem::path, std::string> expected;
  for (const model::StoredFile& f : *files) expected[data_.blobs.pathOf(f.sha256)] = f.sha256;
  for (const model::OfficeDocument& doc : *documents)
    expected[data_.blobs.pathOf(doc.sha256)] = doc.sha256;
  auto completed = archive::completePlan(plan);
  if (!completed) return core::Unexpected{completed.error()};
  std::string damaged;
  int checked = 0;
  for (const archive::RecordFile& f : plan.files) {
    const auto it = expected.find(f.source);
    if (it == expected.end()) continue;
    ++checked;
    if (it->second != f.sha256) damaged += (damaged.empty() ? "" : ", ") + f.path;
  }
  if (!damaged.empty()) {
    return core::fail(core::Errc::Unavailable,
                      "stored files do not match their digests, nothing was sealed: " + damaged,
                      {"tệp đã lưu không khớp mã băm, chưa niêm phong: " + damaged});
  }
  plan.events.push_back({"fixity check", at, "success",
                         std::to_string(checked) +
                             " tệp khớp mã SHA-256 lưu khi tiếp nhận / files match the SHA-256 "
                             "recorded when they were received",
                         "awardflow"});
  plan.events.push_back({"message digest calculation", at, "success",
                         "SHA-256 của " + std::to_string(plan.files.size()) +
                             " tệp, ghi trong METS / SHA-256 of every file, in METS",
                         "awardflow"});
  plan.events.push_back({"ingestion", at, "success",
                         "Niêm phong và lưu trữ bởi " + sealer + " / sealed by " + sealer, sealer});
  auto mets = signBytes(archive::renderMets(plan), *issuer->seal, now);
  if (!mets) return core::Unexpected{mets.error()};

  const std::filesystem::path folder = data_.root / "archive";
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  const std::string name = r.file_code + (config_.archive_zip ? ".zip" : "");
  const archive::BagContents contents = archive::bagContents(plan, *mets);
  // A package left by a sealing whose transaction never committed (the process died between the
  // two) is not catalogued: it is moved aside, never overwritten, and sealing goes on.
  if (std::filesystem::exists(folder / name, ec)) {
    auto catalogued = store::ArchiveStore(data_.database).record(r.file_code);
    if (!catalogued) return core::Unexpected{catalogued.error()};
    if (!*catalogued) {
      std::filesystem::create_directories(folder / ".orphaned", ec);
      std::filesystem::rename(folder / name,
                              folder / ".orphaned" / (name + "." + std::to_string(now)), ec);
    }
  }
  archive::BagWriteOptions options;
  options.bagging_date = today;
  auto written = config_.archive_zip ? archive::writeZippedBag(folder / name, contents, options)
                                     : archive::writeBag(folder / name, contents, options);
  if (!written) return core::Unexpected{written.error()};
  r.package = "archive/" + name;
  r.package_bytes = static_cast<std::int64_t>(written->payload_octets);
  // The tag manifest binds every file of the bag: its digest names the package.
  if (!config_.archive_zip) {
    auto tag = crypto::sha256File(folder / name / "tagmanifest-sha256.txt");
    if (!tag) return core::Unexpected{tag.error()};
    r.package_sha256 = tag->sha256;
  } else {
    auto whole = crypto::sha256File(folder / name);
    if (!whole) return core::Unexpected{whole.error()};
    r.package_sha256 = whole->sha256;
  }
  return r;
}

}  // namespace awardflow::service
