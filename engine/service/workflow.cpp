// The Workflow itself: how it opens, who the actors are, which dossiers they see, who issues in
// whose name, the office documents it makes, and the audit chain's signed checkpoints. Its use
// cases live beside it: workflow_intake.cpp (submit), workflow_acting.cpp (act),
// workflow_council.cpp (votes, sessions, opinions), workflow_reading.cpp (status, lists, queue,
// overdue), upward.cpp (proposals that arrive above), publication.cpp (public posting).

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
