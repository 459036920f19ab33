// Upward proposals that arrive (issue 16). A proposal a commune's (or an agency's) council voted
// and its chairperson forwards becomes, in the same transaction, an incoming dossier of the
// authority above that decides it: built from the forwarded dossier, carrying the signed
// proposal, the tally, the forwarded dossier's own XML and scans, signed by the chairperson who
// forwards, and validated against the rulebook above exactly as a unit's submission. The answer
// above (returned for completion, decided, refused) moves the dossier below in the transaction
// that gives it. One row of dossier_links joins the two both ways, so an arrival is made once.

#include <algorithm>
#include <filesystem>

#include "engine/archive/package_zip.hpp"
#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/dossier/writer.hpp"
#include "engine/service/detail/workflow_support.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/authorities.hpp"
#include "engine/xml/document.hpp"
#include "engine/xml/escape.hpp"

namespace awardflow::service {
using namespace detail;  // NOLINT(google-build-using-namespace): the use cases' helpers
namespace fs = std::filesystem;

struct Workflow::Arrival {
  model::AuthorityRecord from;   // the forwarding authority
  model::AuthorityRecord above;  // the authority that decides
  const model::Rulebook* rulebook = nullptr;
  const model::Procedure* procedure = nullptr;
  model::VariantKind variant = model::VariantKind::Standard;
  model::Unit proposer;      // the forwarding authority's own unit
  model::Dossier forwarded;  // the forwarded revision, as read
  std::string forwarded_xml;
  std::vector<std::pair<model::StoredFile, std::string>> scans;  // its attachments, with bytes
  std::optional<model::OfficeDocument> tally;
  std::string tally_bytes;
  std::optional<model::DossierInstance> incoming;  // linked already: this is a new revision
};

namespace {

// A private folder removed when it goes out of scope.
struct WorkFolder {
  fs::path path;
  explicit WorkFolder(const fs::path& parent) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    path = parent / ("arrival-" + crypto::randomHex(8));
    fs::create_directory(path, ec);
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  ~WorkFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
};

// At most `limit` characters of UTF-8 `text`, cut at a character boundary.
std::string clipped(const std::string& text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U && ++chars > limit) {
      return text.substr(0, i);
    }
  }
  return text;
}

// "3/TTr-UBND" → {3, "TTr-UBND"}.
std::pair<std::optional<int>, std::string> splitNotation(const std::string& notation) {
  const auto slash = notation.find('/');
  if (slash == std::string::npos) return {std::nullopt, notation};
  try {
    return {std::stoi(notation.substr(0, slash)), notation.substr(slash + 1)};
  } catch (const std::exception&) {
    return {std::nullopt, notation.substr(slash + 1)};
  }
}

core::Date dateOf(const std::string& utc_timestamp, const core::Date& fallback) {
  auto parsed = core::Date::parse(utc_timestamp.substr(0, 10));
  return parsed ? *parsed : fallback;
}

model::Document carried(std::string id, model::PartKind part, const std::string& file_name,
                        const std::string& bytes, const std::string& sha256,
                        const std::string& media_type, const core::Date& issued,
                        std::string signer_position, std::string signer_name,
                        const std::string& subject) {
  model::Document doc;
  doc.id = std::move(id);
  doc.part = part;
  doc.issued = issued;
  doc.signer_position = clipped(signer_position, 300);
  doc.signer_name = clipped(signer_name, 300);
  doc.subject = clipped(subject, 300);
  doc.page_count = 1;
  doc.attachment.file_name = file_name;
  doc.attachment.media_type = media_type;
  doc.attachment.size = static_cast<std::int64_t>(bytes.size());
  doc.attachment.sha256 = sha256;
  return doc;
}

std::string chairOf(const std::string& authority_name) {
  return authority_name.rfind("Chủ tịch ", 0) == 0 ? authority_name : "Chủ tịch " + authority_name;
}

}  // namespace

core::Result<std::shared_ptr<const Workflow::Arrival>> Workflow::prepareArrival(
    const model::DossierInstance& d, const model::Procedure& procedure,
    const core::Date& today) const {
  auto arrival = std::make_shared<Arrival>();
  const store::Authorities authorities(data_.database);
  if (!d.authority_code) {
    return refuse(core::Errc::Config,
                  "dossier " + d.id +
                      " belongs to no authority, so no authority above can take "
                      "its proposal in this installation",
                  "hồ sơ " + d.id + " chưa thuộc cơ quan nào nên không trình lên cấp trên được");
  }
  auto from = authorities.find(*d.authority_code);
  if (!from) return core::Unexpected{from.error()};
  if (!*from) {
    return refuse(core::Errc::Config, "authority " + *d.authority_code + " is not kept",
                  "cơ quan " + *d.authority_code + " chưa có trong hệ thống");
  }
  arrival->from = **from;
  const std::string level(model::name(procedure.decided_by));
  bool found_above = false;
  for (std::optional<std::string> at = arrival->from.parent_code; at && !found_above;) {
    auto a = authorities.find(*at);
    if (!a) return core::Unexpected{a.error()};
    if (!*a) break;
    if ((*a)->level == procedure.decided_by && !(*a)->historical) {
      arrival->above = **a;
      found_above = true;
    }
    at = (*a)->parent_code;
  }
  if (!found_above) {
    return refuse(core::Errc::Config,
                  "no " + level + " above " + arrival->from.code +
                      " is kept in this installation to decide this proposal: an administrator "
                      "adds it (awardflow authority add) and places " +
                      arrival->from.code + " under it",
                  "chưa có cơ quan cấp " + level + " trên " + arrival->from.code +
                      " trong hệ thống để quyết định đề nghị này: quản trị viên cần bổ sung");
  }

  // The forwarding authority proposes under its own unit: the one of its level at the top of
  // its tree (UBND xã as a unit).
  auto units = store::Accounts(data_.database).units();
  if (!units) return core::Unexpected{units.error()};
  const model::Level own_level =
      arrival->from.level == model::Level::Commune ? model::Level::Commune : model::Level::Agency;
  auto own = std::find_if(units->begin(), units->end(), [&](const model::Unit& u) {
    return u.authority_code == arrival->from.code && !u.parent_code && u.level == own_level;
  });
  if (own == units->end()) {
    return refuse(core::Errc::Config,
                  arrival->from.name + " (" + arrival->from.code +
                      ") has no unit of its own to propose under: an administrator adds one of "
                      "level " +
                      std::string(model::name(own_level)) + " at the top of its tree",
                  arrival->from.name +
                      " chưa có đơn vị của chính mình để trình cấp trên: quản "
                      "trị viên cần thêm đơn vị cấp " +
                      std::string(model::name(own_level)));
  }
  arrival->proposer = *own;

  // The rulebook above in force today with a procedure of the same award form that this level
  // may propose; the newest first.
  for (const model::Rulebook& rb : validator_.rulebooks().rulebooks()) {
    if (!rb.inForce(today) || rb.authority.level != arrival->above.level) continue;
    if (!rb.authority.code.empty() && rb.authority.code != arrival->above.code) continue;
    if (arrival->rulebook != nullptr && rb.valid_from < arrival->rulebook->valid_from) continue;
    for (const model::Procedure& p : rb.procedures) {
      if (p.award_form != procedure.award_form || rb.isUpward(p)) continue;
      if (!p.nominators.empty() &&
          std::find(p.nominators.begin(), p.nominators.end(), own_level) == p.nominators.end())
        continue;
      arrival->rulebook = &rb;
      arrival->procedure = &p;
      break;
    }
  }
  if (arrival->procedure == nullptr) {
    return refuse(core::Errc::Config,
                  "no rulebook of " + arrival->above.code + " in force on " + today.toString() +
                      " has a procedure for " + std::string(model::name(procedure.award_form)) +
                      " that a " + std::string(model::name(own_level)) + " may propose",
                  "chưa có bộ quy tắc của " + arrival->above.code +
                      " đang có hiệu lực với thủ tục cho hình thức khen thưởng này");
  }
  arrival->variant =
      arrival->procedure->variant(d.variant) != nullptr ? d.variant : model::VariantKind::Standard;

  // The forwarded revision: its XML read back, its attachments with their bytes.
  auto xml = data_.blobs.get(d.xml_sha256);
  if (!xml) return core::Unexpected{xml.error()};
  arrival->forwarded_xml = std::move(xml).value();
  xml::Parsed parsed = xml::parse(arrival->forwarded_xml);
  if (!parsed.document) {
    return core::fail(core::Errc::Internal, "the stored revision of " + d.id + " does not parse");
  }
  arrival->forwarded = dossier::readDossier(*parsed.document);
  auto files = store_.files(d.id);
  if (!files) return core::Unexpected{files.error()};
  for (const model::StoredFile& f : *files) {
    if (f.revision != d.revision || f.name == "dossier.xml") continue;
    auto bytes = data_.blobs.get(f.sha256);
    if (!bytes) return core::Unexpected{bytes.error()};
    arrival->scans.emplace_back(f, std::move(bytes).value());
  }
  auto documents = store_.documents(d.id);
  if (!documents) return core::Unexpected{documents.error()};
  for (const model::OfficeDocument& doc : *documents) {
    if (doc.kind == "tally") arrival->tally = doc;
  }
  if (arrival->tally) {
    auto bytes = data_.blobs.get(arrival->tally->sha256);
    if (!bytes) return core::Unexpected{bytes.error()};
    arrival->tally_bytes = std::move(bytes).value();
  }
  auto link = store_.linkOf(d.id);
  if (!link) return core::Unexpected{link.error()};
  if (*link && (*link)->origin_id == d.id) {
    auto incoming = store_.dossier((*link)->incoming_id);
    if (!incoming) return core::Unexpected{incoming.error()};
    arrival->incoming = *incoming;
  }
  return std::shared_ptr<const Arrival>(std::move(arrival));
}

core::Result<std::string> Workflow::arriveIn(store::DatabaseImpl& tx, const Arrival& arrival,
                                             const model::DossierInstance& origin,
                                             const model::OfficeDocument& proposal,
                                             const SigningMaterial& signer,
                                             const model::User& actor, std::time_t now) const {
  const core::Date today = core::vietnamDate(now);
  const std::string at = core::utcTimestamp(now);
  auto proposal_bytes = data_.blobs.get(proposal.sha256);
  if (!proposal_bytes) return core::Unexpected{proposal_bytes.error()};

  // The dossier above: the forwarded one's nominees, period and title, proposed by the
  // forwarding authority's own unit, with the chairperson's proposal and the council's tally
  // first, the forwarded dossier itself, then its documents as they were.
  model::Dossier up = arrival.forwarded;
  up.id = clipped(arrival.proposer.code + "." + std::to_string(today.year) + "." +
                      std::to_string(proposal.number.value_or(0)),
                  64);
  up.rulebook_id = arrival.rulebook->id;
  up.procedure_id = arrival.procedure->id;
  up.variant = arrival.variant;
  up.unit_code = arrival.proposer.code;
  up.unit_name = arrival.proposer.name;
  up.unit_level = arrival.proposer.level;
  up.unit_advanced_worker_count.reset();
  up.date = today;
  up.documents.clear();
  const std::string signer_name = commonName(signer.certificate.subject());
  const auto [number, notation] = splitNotation(proposal.notation);
  std::vector<std::pair<std::string, const std::string*>> payload;  // file name → bytes
  const std::string proposal_file = "to-trinh-" + proposal.id + ".xml";
  model::Document letter =
      carried("to-trinh-cap-trinh", model::PartKind::Proposal, proposal_file, *proposal_bytes,
              proposal.sha256, "application/xml", today, chairOf(arrival.from.name), signer_name,
              "Tờ trình đề nghị khen thưởng: " + origin.title);
  letter.number = number;
  letter.notation = notation;
  up.documents.push_back(letter);
  payload.emplace_back(proposal_file, &*proposal_bytes);
  if (arrival.tally) {
    const std::string tally_file = "bien-ban-kiem-phieu-" + arrival.tally->id + ".xml";
    up.documents.push_back(carried(
        "bien-ban-kiem-phieu", model::PartKind::CouncilMinutes, tally_file, arrival.tally_bytes,
        arrival.tally->sha256, "application/xml", dateOf(arrival.tally->issued_at, today),
        "Hội đồng Thi đua – Khen thưởng", arrival.from.name,
        "Biên bản kiểm phiếu của Hội đồng Thi đua – Khen thưởng, hồ sơ " + origin.id));
    payload.emplace_back(tally_file, &arrival.tally_bytes);
  }
  const std::string forwarded_file =
      "ho-so-" + origin.id + "-r" + std::to_string(origin.revision) + ".xml";
  up.documents.push_back(
      carried("ho-so-de-nghi", model::PartKind::Other, forwarded_file, arrival.forwarded_xml,
              origin.xml_sha256, "application/xml", arrival.forwarded.date, "Đơn vị đề nghị",
              arrival.forwarded.unit_name,
              "Hồ sơ đề nghị của " + arrival.forwarded.unit_name + " (" + origin.id + ")"));
  payload.emplace_back(forwarded_file, &arrival.forwarded_xml);
  for (model::Document doc : arrival.forwarded.documents) {
    const auto scan = std::find_if(arrival.scans.begin(), arrival.scans.end(), [&](const auto& s) {
      return s.first.name == doc.attachment.file_name;
    });
    if (scan == arrival.scans.end()) {
      return core::fail(core::Errc::Internal,
                        doc.attachment.file_name + " of " + origin.id + " is not stored");
    }
    const bool clash = std::any_of(payload.begin(), payload.end(), [&](const auto& p) {
      return p.first == doc.attachment.file_name;
    });
    if (clash) {
      return refuse(core::Errc::Invalid,
                    "file " + doc.attachment.file_name + " of " + origin.id +
                        " has the name of a document awardflow adds: rename it and resubmit",
                    "tệp " + doc.attachment.file_name + " của hồ sơ " + origin.id +
                        " trùng tên văn bản hệ thống thêm vào: hãy đổi tên và nộp lại");
    }
    doc.id = "g-" + doc.id;
    up.documents.push_back(doc);
    payload.emplace_back(doc.attachment.file_name, &scan->second);
  }

  auto signed_xml = signBytes(dossier::writeDossier(up), signer, now);
  if (!signed_xml) return core::Unexpected{signed_xml.error()};
  WorkFolder work(data_.root / "tmp");
  for (const auto& [name, bytes] : payload) {
    auto written = core::writeFileAtomic(work.path / name, *bytes);
    if (!written) return core::Unexpected{written.error()};
  }
  const std::string source = "proposal " + proposal.notation + " of " + origin.id;
  ValidationResult validation = validator_.validateBytes(*signed_xml, source, work.path);
  std::vector<std::string> errors;
  bool signature_error = false;
  for (const core::Problem& p : validation.report.problems()) {
    if (p.severity != core::Severity::Error) continue;
    errors.push_back(locatedProblem(p));
    if (isSignatureProblem(p)) signature_error = true;
  }
  if (!validation.dossier || !errors.empty()) {
    return core::fail(core::Errc::Invalid,
                      "the proposal cannot go to " + arrival.above.name + ": as a dossier of " +
                          arrival.rulebook->id + "/" + arrival.procedure->id + " it has " +
                          std::to_string(errors.size()) + " problem(s); nothing was forwarded",
                      errors);
  }
  auto unit_ok = submittedTo(arrival.proposer.code, *arrival.rulebook);
  if (!unit_ok) return core::Unexpected{unit_ok.error()};

  auto xml_sha = data_.blobs.put(*signed_xml);
  if (!xml_sha) return core::Unexpected{xml_sha.error()};
  const int revision = arrival.incoming ? arrival.incoming->revision + 1 : 1;
  std::vector<model::StoredFile> files{{revision, "dossier.xml", *xml_sha,
                                        static_cast<std::int64_t>(signed_xml->size()),
                                        "application/xml", std::nullopt, ""}};
  for (const model::Document& doc : up.documents) {
    const auto bytes = std::find_if(payload.begin(), payload.end(), [&](const auto& p) {
      return p.first == doc.attachment.file_name;
    });
    auto stored = scannedFile(revision, doc.attachment, *bytes->second, doc.attachment.sha256);
    if (!stored) return core::Unexpected{stored.error()};
    files.push_back(*stored);
  }
  workflow::Facts facts;
  facts.parts_complete = true;
  facts.signatures_valid = !signature_error && validation.report.hasCode("signature.valid");
  const model::Lifecycle* lifecycle = arrival.rulebook->lifecycle(arrival.procedure->lifecycle);
  if (lifecycle == nullptr || lifecycle->initial() == nullptr)
    return core::fail(core::Errc::Internal, "procedure above without lifecycle");

  store::Event e;
  e.at = at;
  e.actor = actor.login;
  if (arrival.incoming) {
    // Forwarded again after the level above returned it: the incoming dossier's next revision.
    const model::DossierInstance& before = *arrival.incoming;
    auto transition =
        workflow::decide(*arrival.rulebook, *arrival.procedure, before.variant, before.state,
                         "resubmit", model::Role::SubmittingUnit, facts);
    if (!transition) {
      return refuse(core::Errc::Conflict,
                    before.id + " at " + arrival.above.code + " is " + before.state +
                        " and takes no new revision now",
                    before.id + " tại " + arrival.above.code + " đang ở trạng thái " +
                        before.state + ", chưa nhận bản bổ sung");
    }
    model::DossierInstance next = before;
    next.state = transition->to;
    next.revision = revision;
    next.xml_sha256 = *xml_sha;
    next.complete = true;
    next.signed_valid = facts.signatures_valid;
    next.updated_at = at;
    auto added = store::WorkflowStore::addFilesIn(tx, before.id, files);
    if (!added) return core::Unexpected{added.error()};
    auto updated = store::WorkflowStore::updateDossierIn(tx, next, before.version);
    if (!updated) return core::Unexpected{updated.error()};
    e.kind = "dossier.resubmit";
    e.subject = before.id;
    e.payload = "{\"action\":\"resubmit\",\"from\":" + js(before.state) +
                ",\"to\":" + js(next.state) + ",\"version\":" + std::to_string(before.version + 1) +
                ",\"revision\":" + std::to_string(revision) + ",\"xmlSha256\":" + js(*xml_sha) +
                ",\"origin\":" + js(origin.id) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return before.id;
  }

  auto transition =
      workflow::decide(*arrival.rulebook, *arrival.procedure, arrival.variant,
                       lifecycle->initial()->id, "submit", model::Role::SubmittingUnit, facts);
  if (!transition) return core::Unexpected{transition.error()};
  auto rulebook_bytes = core::readFile(arrival.rulebook->source_path);
  if (!rulebook_bytes) return core::Unexpected{rulebook_bytes.error()};
  if (crypto::sha256Hex(*rulebook_bytes) != arrival.rulebook->content_sha256) {
    return refuse(core::Errc::Config,
                  "rulebook file " + arrival.rulebook->source_path +
                      " changed since awardflow loaded it; restart to load the new version",
                  "tệp bộ quy tắc " + arrival.rulebook->source_path + " đã thay đổi");
  }
  auto rulebook_sha = data_.blobs.put(*rulebook_bytes);
  if (!rulebook_sha) return core::Unexpected{rulebook_sha.error()};
  auto pin = store::WorkflowStore::pinRulebookIn(tx, arrival.rulebook->id,
                                                 arrival.rulebook->version, *rulebook_sha, at);
  if (!pin) return core::Unexpected{pin.error()};
  auto serial = store::WorkflowStore::nextNumberIn(tx, "dossier", today.year);
  if (!serial) return core::Unexpected{serial.error()};
  const std::string number_text = std::to_string(*serial);
  model::DossierInstance in;
  in.id = "HS-" + std::to_string(today.year) + "-" +
          std::string(6 - std::min<std::size_t>(6, number_text.size()), '0') + number_text;
  in.unit_code = arrival.proposer.code;
  in.authority_code = *unit_ok;
  in.source_id = up.id;
  in.title = up.title;
  in.rulebook_id = arrival.rulebook->id;
  in.rulebook_version = arrival.rulebook->version;
  in.rulebook_sha256 = *rulebook_sha;
  in.procedure_id = arrival.procedure->id;
  in.variant = arrival.variant;
  in.state = transition->to;
  in.version = 1;
  in.revision = 1;
  in.xml_sha256 = *xml_sha;
  in.complete = true;
  in.signed_valid = facts.signatures_valid;
  in.submitted_by = actor.login;
  in.submitted_at = at;
  in.updated_at = at;
  auto inserted = store::WorkflowStore::insertDossierIn(tx, in, files);
  if (!inserted) return core::Unexpected{inserted.error()};
  auto linked = store::WorkflowStore::linkIn(tx, origin.id, in.id, at);
  if (!linked) return core::Unexpected{linked.error()};
  e.kind = "dossier.submitted";
  e.subject = in.id;
  e.payload = "{\"unit\":" + js(in.unit_code) + ",\"rulebook\":" + js(in.rulebook_id) +
              ",\"rulebookVersion\":" + std::to_string(in.rulebook_version) +
              ",\"rulebookSha256\":" + js(*rulebook_sha) + ",\"procedure\":" + js(in.procedure_id) +
              ",\"variant\":" + js(std::string(model::name(in.variant))) +
              ",\"to\":" + js(in.state) + ",\"xmlSha256\":" + js(*xml_sha) +
              ",\"files\":" + std::to_string(files.size()) + ",\"origin\":" + js(origin.id) +
              ",\"from\":" + js(arrival.from.code) + "}";
  auto appended = store::AuditLog::appendIn(tx, e);
  if (!appended) return core::Unexpected{appended.error()};
  return in.id;
}

core::Result<void> Workflow::answerBelowIn(store::DatabaseImpl& tx,
                                           const model::DossierInstance& incoming, Answer answer,
                                           const std::vector<std::string>& deficiencies,
                                           const model::OfficeDocument* document,
                                           const std::string& reason, const model::User& actor,
                                           const std::string& at) const {
  auto link = store::WorkflowStore::linkOfIn(tx, incoming.id);
  if (!link) return core::Unexpected{link.error()};
  if (!*link || (*link)->incoming_id != incoming.id) return {};
  auto found = store::WorkflowStore::dossierIn(tx, (*link)->origin_id);
  if (!found) return core::Unexpected{found.error()};
  if (!*found) return core::fail(core::Errc::Internal, "linked dossier " + (*link)->origin_id);
  const model::DossierInstance& origin = **found;
  auto rulebook = pinned(origin.rulebook_sha256);
  if (!rulebook) return core::Unexpected{rulebook.error()};
  const model::Procedure* procedure = (*rulebook)->procedure(origin.procedure_id);
  const model::Lifecycle* lifecycle =
      procedure != nullptr ? (*rulebook)->lifecycle(procedure->lifecycle) : nullptr;
  if (lifecycle == nullptr || !lifecycle->answers) return {};
  const model::UpwardAnswers& answers = *lifecycle->answers;
  const std::string& to = answer == Answer::Returned  ? answers.returned
                          : answer == Answer::Decided ? answers.decided
                          : answer == Answer::Revoked ? origin.state
                                                      : answers.not_approved;
  const char* what = answer == Answer::Returned  ? "returned"
                     : answer == Answer::Decided ? "decided"
                     : answer == Answer::Revoked ? "revoked"
                                                 : "not-approved";
  model::DossierInstance next = origin;
  // A dossier below that has moved on (it cannot while it waits) keeps its state; the event
  // still tells what the level above answered.
  const bool moves = answer != Answer::Revoked && origin.state == answers.from;
  if (moves) next.state = to;
  next.updated_at = at;
  std::string extra;
  if (document != nullptr) {
    // The document above, copied onto the dossier below: the same signed bytes.
    model::OfficeDocument copy = *document;
    auto serial = store::WorkflowStore::nextNumberIn(tx, "office-document", copy.year);
    if (!serial) return core::Unexpected{serial.error()};
    const std::string n = std::to_string(*serial);
    copy.id = "VB-" + std::to_string(copy.year) + "-" +
              std::string(6 - std::min<std::size_t>(6, n.size()), '0') + n;
    copy.dossier_id = origin.id;
    copy.kind = document->kind + "-above";
    copy.number.reset();
    auto inserted = store::WorkflowStore::insertDocumentIn(tx, copy);
    if (!inserted) return core::Unexpected{inserted.error()};
    extra += ",\"documents\":" + jsList({copy.id}) + ",\"document\":" + js(document->id);
  }
  if (answer == Answer::Returned) {
    auto lists = store::WorkflowStore::deficiencyListsIn(tx, origin.id);
    if (!lists) return core::Unexpected{lists.error()};
    auto added = store::WorkflowStore::addDeficiencyListIn(
        tx, origin.id, static_cast<int>(lists->size()) + 1, deficiencies, actor.login, at);
    if (!added) return added;
    extra += ",\"deficiencies\":" + jsList(deficiencies);
  }
  if (answer == Answer::Revoked) {
    // The decision that closed it is revoked: its record says so, with the reason, as the
    // decision's own dossier above does; reports count it as revoked on both sides.
    auto decision = store::WorkflowStore::decisionIn(tx, origin.id);
    if (!decision) return core::Unexpected{decision.error()};
    if (*decision && !(*decision)->revoked_at) {
      model::Decision record = **decision;
      record.revoked_at = at;
      record.revoke_reason = reason;
      auto put = store::WorkflowStore::putDecisionIn(tx, record);
      if (!put) return put;
    }
  }
  if (!reason.empty()) extra += ",\"reason\":" + js(reason);
  auto updated = store::WorkflowStore::updateDossierIn(tx, next, origin.version);
  if (!updated) return updated;
  store::Event e;
  e.at = at;
  e.actor = actor.login;
  e.kind = "dossier.answered-above";
  e.subject = origin.id;
  e.payload = "{\"answer\":" + js(what) + ",\"from\":" + js(origin.state) +
              ",\"to\":" + js(next.state) + ",\"version\":" + std::to_string(origin.version + 1) +
              ",\"incoming\":" + js(incoming.id) +
              ",\"authority\":" + js(incoming.authority_code.value_or("")) + extra + "}";
  auto appended = store::AuditLog::appendIn(tx, e);
  if (!appended) return core::Unexpected{appended.error()};
  return {};
}

core::Result<Workflow::OutgoingPackage> Workflow::outgoingPackage(
    const model::User& actor, const std::string& dossier_id) const {
  if (actor.role == model::Role::SubmittingUnit || actor.role == model::Role::CouncilMember) {
    return refuse(core::Errc::PermissionDenied,
                  "the outgoing proposal is handed on by the authority's staff",
                  "gói tờ trình do cán bộ của cơ quan trình chuyển đi");
  }
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  auto documents = store_.documents(d->id);
  if (!documents) return core::Unexpected{documents.error()};
  std::optional<model::OfficeDocument> proposal;
  std::optional<model::OfficeDocument> tally;
  for (const model::OfficeDocument& doc : *documents) {
    if (doc.kind == "proposal") proposal = doc;
    if (doc.kind == "tally") tally = doc;
  }
  if (!proposal) {
    return refuse(core::Errc::IllegalTransition,
                  "dossier " + d->id + " has no signed proposal yet: the chairperson forwards it",
                  "hồ sơ " + d->id + " chưa có tờ trình đã ký: Chủ tịch ký và trình trước");
  }
  const std::string folder = d->id + "-to-trinh";
  WorkFolder work(data_.root / "tmp");
  const fs::path root = work.path / folder;
  std::error_code ec;
  fs::create_directories(root, ec);
  struct Entry {
    std::string name;
    std::string role;
    std::string sha256;
    std::size_t size = 0;
  };
  std::vector<Entry> entries;
  const auto put = [&](const std::string& name, const std::string& role,
                       const std::string& sha256) -> core::Result<void> {
    auto bytes = data_.blobs.get(sha256);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto written = core::writeFileAtomic(root / name, *bytes);
    if (!written) return written;
    entries.push_back({name, role, sha256, bytes->size()});
    return {};
  };
  if (auto p = put("to-trinh-" + proposal->id + ".xml", "proposal", proposal->sha256); !p)
    return core::Unexpected{p.error()};
  if (tally) {
    if (auto t = put("bien-ban-kiem-phieu-" + tally->id + ".xml", "tally", tally->sha256); !t)
      return core::Unexpected{t.error()};
  }
  auto files = store_.files(d->id);
  if (!files) return core::Unexpected{files.error()};
  for (const model::StoredFile& f : *files) {
    if (f.revision != d->revision) continue;
    const bool xml = f.name == "dossier.xml";
    if (auto r =
            put(xml ? "ho-so-" + d->id + ".xml" : f.name, xml ? "dossier" : "attachment", f.sha256);
        !r)
      return core::Unexpected{r.error()};
  }
  const std::string at = core::utcTimestamp(clock_.now());
  std::string manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  manifest += "<outgoingProposal xmlns=\"urn:awardflow:outgoing:1\" dossier=\"" +
              xml::escapeAttribute(d->id) + "\" authority=\"" +
              xml::escapeAttribute(d->authority_code.value_or("")) + "\" proposal=\"" +
              xml::escapeAttribute(proposal->notation) + "\" createdAt=\"" + at + "\">\n";
  manifest += "  <title>" + xml::escapeText(d->title) + "</title>\n";
  for (const Entry& e : entries) {
    manifest += "  <file name=\"" + xml::escapeAttribute(e.name) + "\" role=\"" + e.role +
                "\" size=\"" + std::to_string(e.size) + "\" sha256=\"" + e.sha256 + "\"/>\n";
  }
  manifest += "</outgoingProposal>\n";
  auto issuer = issuerOf(d->authority_code);
  if (!issuer) return core::Unexpected{issuer.error()};
  auto sealed = signBytes(manifest, *issuer->seal, clock_.now());
  if (!sealed) return core::Unexpected{sealed.error()};
  if (auto m = core::writeFileAtomic(root / "manifest.xml", *sealed); !m)
    return core::Unexpected{m.error()};
  const fs::path zip = work.path / (folder + ".zip");
  if (auto z = archive::zipFolder(root, folder, zip); !z) return core::Unexpected{z.error()};
  auto bytes = core::readFile(zip);
  if (!bytes) return core::Unexpected{bytes.error()};
  return OutgoingPackage{folder + ".zip", std::move(bytes).value()};
}

}  // namespace awardflow::service
