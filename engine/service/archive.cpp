#include "engine/service/archive.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "engine/archive/bagit.hpp"
#include "engine/archive/package.hpp"
#include "engine/core/file.hpp"
#include "engine/core/text.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/crypto/xmldsig.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/signatures.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/workflow_store.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::service {
namespace {

namespace fs = std::filesystem;

core::Unexpected refuse(core::Errc code, const std::string& en, const std::string& vi) {
  return core::fail(code, en, {vi});
}

// JSON string literal for event payloads.
std::string js(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Appends one event of the archive to the audit chain, in the caller's transaction.
core::Result<void> appendEvent(store::DatabaseImpl& tx, const std::string& at,
                               const std::string& actor, const std::string& kind,
                               const std::string& subject, const std::string& payload) {
  store::Event e;
  e.at = at;
  e.actor = actor;
  e.kind = kind;
  e.subject = subject;
  e.payload = payload;
  auto appended = store::AuditLog::appendIn(tx, e);
  if (!appended) return core::Unexpected{appended.error()};
  return {};
}

bool archivesAll(model::Role role) {
  return role == model::Role::Archivist || role == model::Role::StandingOffice ||
         role == model::Role::Chairperson || role == model::Role::Admin;
}

core::Result<void> requireArchivist(const model::User& actor, const std::string& en,
                                    const std::string& vi) {
  if (actor.role == model::Role::Archivist) return {};
  return refuse(core::Errc::PermissionDenied, "only an archivist may " + en,
                "chỉ cán bộ lưu trữ được " + vi);
}

// A private folder removed when it goes out of scope.
struct TempFolder {
  fs::path path;
  explicit TempFolder(const fs::path& parent) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    path = parent / ("work-" + crypto::randomHex(8));
    fs::create_directory(path, ec);
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

const std::set<std::string>& signedRoles() {
  static const std::set<std::string> roles{
      "dossier",    "receipt",        "deficiency-notice",      "tally", "decision", "proposal",
      "revocation", "decision-above", "deficiency-notice-above"};
  return roles;
}

// The bag's payload files, relative to data/.
std::set<std::string> payloadFiles(const fs::path& bag) {
  std::set<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(bag / "data", ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) out.insert(fs::relative(it->path(), bag / "data").generic_string());
  }
  return out;
}

// Checks the METS checksums of a bag folder; returns the METS files listed (empty when METS is
// unreadable, which is reported).
std::vector<archive::MetsFile> checkMetsFiles(const fs::path& bag, core::Report& report,
                                              int& files) {
  auto mets = core::readFile(bag / "data" / "METS.xml", std::size_t{64} << 20);
  if (!mets) {
    report.error("package.mets.missing", {0, 0, "data/METS.xml"},
                 {"thiếu METS.xml hoặc không đọc được", "METS.xml is missing or unreadable"});
    return {};
  }
  auto listed = archive::readMetsFiles(*mets);
  if (!listed) {
    report.error("package.mets.malformed", {0, 0, "data/METS.xml"},
                 {"METS.xml không đúng định dạng", "METS.xml is not a METS document"});
    return {};
  }
  std::set<std::string> present = payloadFiles(bag);
  present.erase("METS.xml");
  for (const archive::MetsFile& f : *listed) {
    const std::string where = "data/" + f.path;
    if (f.path.empty() || f.path.find("..") != std::string::npos || f.path.front() == '/') {
      report.error(
          "package.mets.path", {0, 0, "data/METS.xml"},
          {"đường dẫn không an toàn trong METS: " + f.path, "unsafe path in METS: " + f.path});
      continue;
    }
    present.erase(f.path);
    auto digest = crypto::sha256File(bag / "data" / f.path);
    if (!digest) {
      report.error(
          "package.file.missing", {0, 0, where},
          {"thiếu tệp " + where + " mà METS liệt kê", where + " is listed in METS but missing"});
      continue;
    }
    ++files;
    if (digest->sha256 != f.sha256) {
      report.error("package.file.checksum", {0, 0, where},
                   {"mã SHA-256 của " + where + " khác với METS đã ký",
                    "the SHA-256 of " + where + " differs from the signed METS"});
    }
  }
  for (const std::string& extra : present) {
    report.error(
        "package.file.extra", {0, 0, "data/" + extra},
        {"tệp data/" + extra + " không có trong METS", "data/" + extra + " is not listed in METS"});
  }
  return *listed;
}

// Verifies every signature of one XML file at time `at`.
void checkSignatures(const fs::path& file, const std::string& where,
                     const crypto::TrustStore& trust, std::time_t at, core::Report& report,
                     int& count) {
  auto bytes = core::readFile(file, std::size_t{64} << 20);
  if (!bytes) return;  // reported as missing by the checksum pass
  auto parsed = xml::parse(*bytes);
  if (!parsed.document) {
    report.error("package.xml.malformed", {0, 0, where},
                 {where + " không phải XML hợp lệ", where + " is not well-formed XML"});
    return;
  }
  crypto::VerifyOptions options;
  options.at = at;
  const crypto::VerificationReport verdict =
      crypto::verifyEnveloped(*parsed.document, trust, options);
  if (verdict.signatures.empty()) {
    report.error("signature.none", {0, 0, where},
                 {where + " không có chữ ký số", where + " carries no signature"});
  }
  for (const crypto::SignatureReport& s : verdict.signatures) {
    ++count;
    if (s.valid) {
      report.add(core::Severity::Notice, "signature.valid", {s.where.line, 0, where},
                 {"chữ ký " + std::to_string(s.index) + " (" + s.signer_subject + ", " +
                      s.signature_algorithm + "): hợp lệ tại thời điểm niêm phong",
                  "signature " + std::to_string(s.index) + " (" + s.signer_subject + ", " +
                      s.signature_algorithm + "): valid at the sealing time"});
    }
    if (!s.valid) {
      report.error(
          s.code, {s.where.line, 0, where},
          {"chữ ký " + std::to_string(s.index) + " (" + s.signer_subject + "): " + s.reason.vi,
           "signature " + std::to_string(s.index) + " (" + s.signer_subject + "): " + s.reason.en});
    }
  }
}

// One event of a package's history.json (Poco throws on a missing or mistyped member).
store::Event eventFrom(const Poco::JSON::Object::Ptr& o) {
  store::Event e;
  e.seq = o->getValue<std::int64_t>("seq");
  e.at = o->getValue<std::string>("at");
  e.actor = o->getValue<std::string>("actor");
  e.kind = o->getValue<std::string>("kind");
  e.subject = o->getValue<std::string>("subject");
  e.payload = o->getValue<std::string>("payload");
  e.prev_hash = o->getValue<std::string>("prevHash");
  e.hash = o->getValue<std::string>("hash");
  return e;
}

// Recomputes the chain hash of every event of a history.json.
void checkHistory(const fs::path& file, const std::string& where, core::Report& report,
                  int& count) {
  auto bytes = core::readFile(file, std::size_t{256} << 20);
  if (!bytes) return;
  try {
    Poco::JSON::Parser parser;
    auto list = parser.parse(*bytes).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < list->size(); ++i) {
      const store::Event e = eventFrom(list->getObject(static_cast<unsigned>(i)));
      ++count;
      if (store::chainHash(e.prev_hash, e) != e.hash) {
        report.error("history.hash", {0, 0, where},
                     {"sự kiện " + std::to_string(e.seq) + " không khớp mã băm chuỗi",
                      "event " + std::to_string(e.seq) + " does not match its chain hash"});
      }
    }
  } catch (const Poco::Exception&) {
    report.error("history.malformed", {0, 0, where},
                 {where + " không đọc được", where + " cannot be read as a history"});
  }
}

// The time METS says the package was sealed (trust is judged then).
std::time_t sealedTime(const fs::path& bag) {
  auto mets = core::readFile(bag / "data" / "METS.xml", std::size_t{64} << 20);
  if (mets) {
    auto parsed = xml::parse(*mets);
    if (parsed.document) {
      for (const xml::Element& e : parsed.document->root().children()) {
        if (e.localName() != "metsHdr") continue;
        if (auto t = core::parseUtcTimestamp(e.attribute("CREATEDATE").value_or(""))) return *t;
      }
    }
  }
  return 0;
}

std::string objectId(const fs::path& bag) {
  auto mets = core::readFile(bag / "data" / "METS.xml", std::size_t{64} << 20);
  if (!mets) return {};
  auto parsed = xml::parse(*mets);
  return parsed.document ? parsed.document->root().attribute("OBJID").value_or("") : "";
}

// Verifies a bag folder (see Archive::verifyPath).
PackageCheck verifyFolder(const fs::path& bag, const crypto::TrustStore& trust, bool signatures) {
  PackageCheck check;
  auto bagged = archive::validateBag(bag);
  if (!bagged) {
    check.report.error("package.unreadable", {0, 0, ""},
                       {"không đọc được gói: " + bagged.error().message,
                        "the package cannot be read: " + bagged.error().message});
    return check;
  }
  check.report.append(bagged->report);
  check.file_code = objectId(bag);
  const std::vector<archive::MetsFile> files = checkMetsFiles(bag, check.report, check.files);
  if (!signatures) return check;
  const std::time_t at = sealedTime(bag);
  checkSignatures(bag / "data" / "METS.xml", "data/METS.xml", trust, at, check.report,
                  check.signatures);
  for (const archive::MetsFile& f : files) {
    const std::string where = "data/" + f.path;
    if (signedRoles().count(f.role) != 0) {
      checkSignatures(bag / "data" / f.path, where, trust, at, check.report, check.signatures);
    } else if (f.role == "history") {
      checkHistory(bag / "data" / f.path, where, check.report, check.events);
    }
  }
  return check;
}

}  // namespace

core::Result<PackageCheck> Archive::verifyPath(const fs::path& path,
                                               const fs::path& trust_dir) const {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return refuse(core::Errc::NotFound, "no package at " + path.string(),
                  "không có gói tại " + path.string());
  }
  auto verifier =
      SignatureVerifier::open(trust_dir.empty() ? agencyPaths(data_.root).trust_dir : trust_dir);
  if (!verifier) return core::Unexpected{verifier.error()};
  if (fs::is_directory(path, ec)) return verifyFolder(path, verifier->trust(), true);
  TempFolder work(data_.root / "tmp");
  core::Report report;
  auto bag = archive::extractPackage(path, work.path, report);
  if (!bag) {
    PackageCheck check;
    check.report = report;
    if (check.report.valid()) {
      check.report.error(
          "bagit.zip.unreadable", {0, 0, path.filename().string()},
          {bag.error().details.empty() ? "" : bag.error().details.front(), bag.error().message});
    }
    return check;
  }
  return verifyFolder(*bag, verifier->trust(), true);
}

core::Result<std::optional<std::vector<std::string>>> Archive::scopeOf(
    const model::User& actor) const {
  return authoritiesSeenBy(data_, actor);
}

core::Result<bool> Archive::recordInScope(const std::vector<std::string>& scope,
                                          const std::string& file_code) const {
  auto found = store::ArchiveStore(data_.database).record(file_code);
  if (!found) return core::Unexpected{found.error()};
  if (!*found) return false;
  auto dossier = store::WorkflowStore(data_.database).dossier((*found)->dossier_id);
  if (!dossier) return core::Unexpected{dossier.error()};
  return *dossier && inScope(scope, (**dossier).authority_code);
}

core::Result<model::ArchiveRecord> Archive::visibleRecord(const model::User& actor,
                                                          const std::string& file_code) const {
  auto found = store::ArchiveStore(data_.database).record(file_code);
  if (!found) return core::Unexpected{found.error()};
  bool may_see =
      *found && (archivesAll(actor.role) || (actor.role == model::Role::SubmittingUnit &&
                                             (*found)->unit_code == actor.unit_code.value_or("")));
  if (may_see && archivesAll(actor.role)) {
    // Staff of an authority read its records (and those of the authorities it succeeds) only.
    auto scope = scopeOf(actor);
    if (!scope) return core::Unexpected{scope.error()};
    if (*scope) {
      auto in = recordInScope(**scope, file_code);
      if (!in) return core::Unexpected{in.error()};
      may_see = *in;
    }
  }
  if (!may_see) {
    return refuse(core::Errc::NotFound, "no archived record " + file_code,
                  "không có hồ sơ lưu trữ " + file_code);
  }
  return std::move(**found);
}

core::Result<void> Archive::logAccess(const model::User& actor, const std::string& file_code,
                                      const std::string& what) const {
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto logged = store::ArchiveStore::accessIn(tx, {file_code, actor.login, at, what});
    if (!logged) return logged;
    return appendEvent(tx, at, actor.login, "archive.accessed", file_code,
                       "{\"what\":" + js(what) + "}");
  });
}

core::Result<PackageCheck> Archive::verify(const model::User& actor,
                                           const std::string& file_code) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  if (!record->disposed_at.empty()) {
    return refuse(
        core::Errc::NotFound,
        file_code + " was disposed on " + record->disposed_at + "; only its metadata stays",
        file_code + " đã hủy ngày " + record->disposed_at + "; chỉ còn thông tin mô tả");
  }
  auto logged = logAccess(actor, file_code, "verify");
  if (!logged) return core::Unexpected{logged.error()};
  return verifyPath(data_.root / record->package);
}

core::Result<FixityAudit> Archive::audit(const std::string& actor) const {
  auto records = store::ArchiveStore(data_.database).all();
  if (!records) return core::Unexpected{records.error()};
  auto verifier = SignatureVerifier::open(agencyPaths(data_.root).trust_dir);
  if (!verifier) return core::Unexpected{verifier.error()};
  FixityAudit audit;
  const std::string at = core::utcTimestamp(clock_.now());
  for (const model::ArchiveRecord& r : *records) {
    if (!r.disposed_at.empty()) continue;
    store::FixityCheck check;
    check.file_code = r.file_code;
    check.at = at;
    const fs::path path = data_.root / r.package;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      check.outcome = "missing";
      check.details = r.package;
      ++audit.missing;
    } else {
      PackageCheck found;
      if (fs::is_directory(path, ec)) {
        found = verifyFolder(path, verifier->trust(), false);
      } else {
        TempFolder work(data_.root / "tmp");
        auto bag = archive::extractPackage(path, work.path, found.report);
        if (bag) found = verifyFolder(*bag, verifier->trust(), false);
      }
      std::set<std::string> damaged;
      for (const core::Problem& p : found.report.problems()) {
        if (p.severity == core::Severity::Error)
          damaged.insert((p.location.path.empty() ? r.package : p.location.path) + " (" + p.code +
                         ")");
      }
      check.outcome = damaged.empty() ? "intact" : "damaged";
      for (const std::string& d : damaged) check.details += d + "\n";
      ++(damaged.empty() ? audit.intact : audit.damaged);
    }
    audit.checks.push_back(std::move(check));
  }
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    std::string bad;
    for (const store::FixityCheck& c : audit.checks) {
      auto stored = store::ArchiveStore::fixityIn(tx, c);
      if (!stored) return stored;
      if (c.outcome != "intact") bad += (bad.empty() ? "" : ",") + js(c.file_code);
    }
    return appendEvent(tx, at, actor.empty() ? "system" : actor, "archive.fixity-audit", "",
                       "{\"records\":" + std::to_string(audit.checks.size()) +
                           ",\"intact\":" + std::to_string(audit.intact) +
                           ",\"damaged\":" + std::to_string(audit.damaged) + ",\"missing\":" +
                           std::to_string(audit.missing) + ",\"failed\":[" + bad + "]}");
  });
  if (!done) return core::Unexpected{done.error()};
  return audit;
}

core::Result<std::vector<store::FixityCheck>> Archive::fixityReport(const model::User& actor,
                                                                    const std::string& file_code,
                                                                    int limit) const {
  if (!archivesAll(actor.role)) {
    return refuse(core::Errc::PermissionDenied, "fixity reports are for the archive's staff",
                  "báo cáo kiểm tra toàn vẹn dành cho cán bộ lưu trữ");
  }
  if (!file_code.empty()) {
    auto record = visibleRecord(actor, file_code);
    if (!record) return core::Unexpected{record.error()};
  }
  auto checks = store::ArchiveStore(data_.database).fixity(file_code, limit);
  if (!checks) return checks;
  return keepVisible(actor, std::move(checks).value());
}

core::Result<store::ArchivePage> Archive::search(const model::User& actor,
                                                 store::ArchiveQuery query) const {
  if (!archivesAll(actor.role)) {
    if (actor.role != model::Role::SubmittingUnit || !actor.unit_code) {
      return refuse(core::Errc::PermissionDenied, "the archive is not open to this role",
                    "vai trò này không được tra cứu kho lưu trữ");
    }
    query.unit_code = *actor.unit_code;  // a unit searches its own records only
  } else {
    auto scope = authoritiesSeenBy(data_, actor);
    if (!scope) return core::Unexpected{scope.error()};
    query.authority_codes = std::move(scope).value();
  }
  return store::ArchiveStore(data_.database).search(query);
}

core::Result<model::ArchiveRecord> Archive::record(const model::User& actor,
                                                   const std::string& file_code) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  auto logged = logAccess(actor, file_code, "view");
  if (!logged) return core::Unexpected{logged.error()};
  return record;
}

core::Result<std::vector<archive::MetsFile>> Archive::contents(const model::User& actor,
                                                               const std::string& file_code) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  if (!record->disposed_at.empty()) return std::vector<archive::MetsFile>{};
  const fs::path package = data_.root / record->package;
  std::optional<TempFolder> work;
  fs::path bag = package;
  std::error_code ec;
  if (fs::is_regular_file(package, ec)) {
    work.emplace(data_.root / "tmp");
    core::Report report;
    auto extracted = archive::extractPackage(package, work->path, report);
    if (!extracted) return core::Unexpected{extracted.error()};
    bag = *extracted;
  }
  auto mets = core::readFile(bag / "data" / "METS.xml", std::size_t{64} << 20);
  if (!mets) return core::Unexpected{mets.error()};
  return archive::readMetsFiles(*mets);
}

core::Result<std::string> Archive::file(const model::User& actor, const std::string& file_code,
                                        const std::string& name) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  auto bytes = payload(*record, name);
  if (!bytes) return bytes;
  auto logged = logAccess(actor, file_code, "download " + name);
  if (!logged) return core::Unexpected{logged.error()};
  return bytes;
}

core::Result<std::vector<store::Event>> Archive::history(const model::User& actor,
                                                         const std::string& file_code) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  auto files = contents(actor, file_code);
  if (!files) return core::Unexpected{files.error()};
  std::vector<store::Event> out;
  for (const archive::MetsFile& f : *files) {
    const std::string suffix = "history.json";
    if (f.path.size() < suffix.size() ||
        f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    auto bytes = payload(*record, f.path);
    if (!bytes) return core::Unexpected{bytes.error()};
    try {
      Poco::JSON::Parser parser;
      auto list = parser.parse(*bytes).extract<Poco::JSON::Array::Ptr>();
      for (std::size_t i = 0; i < list->size(); ++i)
        out.push_back(eventFrom(list->getObject(static_cast<unsigned>(i))));
    } catch (const Poco::Exception&) {
      return refuse(core::Errc::Unreadable, f.path + " of " + file_code + " does not read",
                    "không đọc được " + f.path + " của " + file_code);
    }
  }
  return out;
}

core::Result<std::string> Archive::payload(const model::ArchiveRecord& found,
                                           const std::string& name) const {
  const std::string& file_code = found.file_code;
  const bool plain = !name.empty() && name.find('/') == std::string::npos &&
                     name.find('\\') == std::string::npos && name.front() != '.';
  const auto missing = [&] {
    return refuse(core::Errc::NotFound, "no file " + name + " in " + file_code,
                  "không có tệp " + name + " trong " + file_code);
  };
  if (!plain || !found.disposed_at.empty()) return missing();
  // A zipped package is opened (checked, then extracted into a private folder) to read one file.
  const fs::path package = data_.root / found.package;
  std::optional<TempFolder> work;
  fs::path bag = package;
  std::error_code ec;
  if (fs::is_regular_file(package, ec)) {
    work.emplace(data_.root / "tmp");
    core::Report report;
    auto extracted = archive::extractPackage(package, work->path, report);
    if (!extracted) return missing();
    bag = *extracted;
  }
  if (!fs::is_regular_file(bag / "data" / name, ec)) return missing();
  return core::readFile(bag / "data" / name, std::size_t{256} << 20);
}

core::Result<std::vector<store::ArchiveAccess>> Archive::accessLog(
    const model::User& actor, const std::string& file_code) const {
  if (actor.role != model::Role::Archivist && actor.role != model::Role::Admin) {
    return refuse(core::Errc::PermissionDenied, "the access log is for archivists",
                  "nhật ký truy cập dành cho cán bộ lưu trữ");
  }
  if (!file_code.empty()) {
    auto record = visibleRecord(actor, file_code);
    if (!record) return core::Unexpected{record.error()};
  }
  auto log = store::ArchiveStore(data_.database).accessLog(file_code);
  if (!log) return log;
  return keepVisible(actor, std::move(log).value());
}

core::Result<std::vector<model::ArchiveRecord>> Archive::due(const model::User& actor,
                                                             std::optional<core::Date> on,
                                                             int days) const {
  if (!archivesAll(actor.role)) {
    return refuse(core::Errc::PermissionDenied, "the retention list is for the archive's staff",
                  "danh sách đến hạn dành cho cán bộ lưu trữ");
  }
  const core::Date from = on.value_or(core::vietnamDate(clock_.now()));
  auto records = store::ArchiveStore(data_.database).due(from.plusDays(days));
  if (!records) return records;
  return keepVisible(actor, std::move(records).value());
}

core::Result<void> Archive::hold(const model::User& actor, const std::string& file_code, bool on,
                                 const std::string& reason) const {
  auto allowed = requireArchivist(actor, "place or lift a legal hold", "đặt hoặc gỡ lệnh giữ");
  if (!allowed) return allowed;
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  if (on && core::collapseSpace(reason).empty()) {
    return refuse(core::Errc::InvalidArgument, "a legal hold needs its reason",
                  "lệnh giữ cần nêu lý do");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto set = store::ArchiveStore::setHoldIn(tx, file_code, on, on ? reason : "");
    if (!set) return set;
    return appendEvent(tx, at, actor.login, on ? "archive.hold-placed" : "archive.hold-lifted",
                       file_code, "{\"reason\":" + js(reason) + "}");
  });
}

core::Result<void> Archive::proposeDisposal(const model::User& actor, const std::string& file_code,
                                            const std::string& reason) const {
  auto allowed = requireArchivist(actor, "propose a disposition", "đề nghị hủy hồ sơ");
  if (!allowed) return allowed;
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  const core::Date today = core::vietnamDate(clock_.now());
  if (record->retention == model::Retention::Permanent || !record->dispose_due) {
    return refuse(core::Errc::IllegalTransition,
                  file_code + " is kept permanently and can never be disposed",
                  file_code + " bảo quản vĩnh viễn, không bao giờ được hủy");
  }
  if (!record->disposed_at.empty()) {
    return refuse(core::Errc::IllegalTransition, file_code + " is disposed already",
                  file_code + " đã được hủy");
  }
  if (record->legal_hold) {
    return refuse(core::Errc::IllegalTransition,
                  file_code + " is under a legal hold: " + record->hold_reason,
                  file_code + " đang bị giữ: " + record->hold_reason);
  }
  if (today < *record->dispose_due) {
    return refuse(core::Errc::IllegalTransition,
                  file_code + " is kept until " + record->dispose_due->toString(),
                  file_code + " phải bảo quản đến " + record->dispose_due->toString());
  }
  if (core::collapseSpace(reason).empty()) {
    return refuse(core::Errc::InvalidArgument, "a disposition needs its reason",
                  "đề nghị hủy cần nêu lý do");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto set = store::ArchiveStore::requestDisposalIn(tx, file_code, actor.login, reason);
    if (!set) return set;
    return appendEvent(tx, at, actor.login, "archive.disposal-proposed", file_code,
                       "{\"reason\":" + js(reason) + "}");
  });
}

core::Result<void> Archive::approveDisposal(const model::User& actor,
                                            const std::string& file_code) const {
  if (actor.role != model::Role::Chairperson) {
    return refuse(core::Errc::PermissionDenied, "only the chairperson approves a disposition",
                  "chỉ chủ tịch phê duyệt việc hủy hồ sơ");
  }
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  if (record->disposal_requested_by.empty() || !record->disposed_at.empty() || record->legal_hold ||
      record->retention == model::Retention::Permanent) {
    return refuse(
        core::Errc::IllegalTransition,
        file_code +
            " has no pending disposition to approve (or is held, permanent, or "
            "disposed already)",
        file_code + " không có đề nghị hủy chờ duyệt (hoặc đang bị giữ, vĩnh viễn, đã hủy)");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  // The tombstone commits first: a crash before the files go leaves a package the audit reports,
  // never a catalogue that claims a record that is gone.
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto set = store::ArchiveStore::disposedIn(tx, file_code, actor.login, at);
    if (!set) return set;
    return appendEvent(tx, at, actor.login, "archive.disposed", file_code,
                       "{\"proposedBy\":" + js(record->disposal_requested_by) +
                           ",\"reason\":" + js(record->disposal_reason) +
                           ",\"packageSha256\":" + js(record->package_sha256) + "}");
  });
  if (!done) return done;
  std::error_code ec;
  fs::remove_all(data_.root / record->package, ec);
  return {};
}

core::Result<ExportOutcome> Archive::exportCopy(const model::User& actor,
                                                const std::string& file_code,
                                                const fs::path& destination) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  std::error_code ec;
  if (fs::exists(destination, ec)) {
    return refuse(core::Errc::Conflict, destination.string() + " exists already",
                  destination.string() + " đã tồn tại");
  }
  const fs::path package = data_.root / record->package;
  TempFolder work(data_.root / "tmp");
  fs::path bag = package;
  if (!fs::is_directory(package, ec)) {
    core::Report report;
    auto extracted = archive::extractPackage(package, work.path, report);
    if (!extracted) return core::Unexpected{extracted.error()};
    bag = *extracted;
  }
  auto mets = core::readFile(bag / "data" / "METS.xml", std::size_t{64} << 20);
  if (!mets) return core::Unexpected{mets.error()};
  auto files = archive::readMetsFiles(*mets);
  if (!files) return core::Unexpected{files.error()};
  const fs::path staging = destination.parent_path() / (destination.filename().string() + ".part");
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return refuse(core::Errc::Unavailable, "cannot create " + staging.string(), "");
  ExportOutcome outcome;
  std::string index = "order,file,role,sha256\n";
  int order = 0;
  for (const archive::MetsFile& f : *files) {
    if (f.role == "history" || f.role == "record") continue;  // the copy is the record's documents
    fs::copy_file(bag / "data" / f.path, staging / f.path, ec);
    if (ec) return refuse(core::Errc::Unavailable, "cannot copy " + f.path, "");
    outcome.bytes += static_cast<std::int64_t>(fs::file_size(staging / f.path, ec));
    ++outcome.files;
    index += std::to_string(++order) + "," + f.path + "," + f.role + "," + f.sha256 + "\n";
  }
  auto written = core::writeFileAtomic(staging / "index.csv", index);
  if (!written) return core::Unexpected{written.error()};
  fs::rename(staging, destination, ec);
  if (ec) return refuse(core::Errc::Unavailable, "cannot create " + destination.string(), "");
  auto logged = logAccess(actor, file_code, "export copy");
  if (!logged) return core::Unexpected{logged.error()};
  outcome.path = destination;
  outcome.records = 1;
  return outcome;
}

core::Result<ExportOutcome> Archive::exportTransfer(const model::User& actor,
                                                    std::vector<std::string> file_codes,
                                                    const fs::path& destination) const {
  auto allowed = requireArchivist(actor, "export a transfer batch", "xuất lô nộp lưu");
  if (!allowed) return core::Unexpected{allowed.error()};
  if (file_codes.empty()) {
    auto all = store::ArchiveStore(data_.database).all();
    if (!all) return core::Unexpected{all.error()};
    for (const model::ArchiveRecord& r : *all)
      if (r.disposed_at.empty()) file_codes.push_back(r.file_code);
  }
  TempFolder work(data_.root / "tmp");
  archive::BagContents contents;
  std::string listing =
      "file_code,title,unit,retention,start_date,end_date,doc_total,page_total,package_sha256\n";
  const auto csv = [](std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (text.find_first_of(",\"") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  ExportOutcome outcome;
  for (const std::string& code : file_codes) {
    auto record = visibleRecord(actor, code);
    if (!record) return core::Unexpected{record.error()};
    if (!record->disposed_at.empty()) {
      return refuse(core::Errc::IllegalTransition, code + " was disposed", code + " đã hủy");
    }
    fs::path bag = data_.root / record->package;
    std::error_code ec;
    if (!fs::is_directory(bag, ec)) {
      core::Report report;
      const fs::path into = work.path / code;
      fs::create_directories(into, ec);
      auto extracted = archive::extractPackage(bag, into, report);
      if (!extracted) return core::Unexpected{extracted.error()};
      bag = *extracted;
    }
    for (auto it = fs::recursive_directory_iterator(bag, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      contents.payload.push_back(archive::PayloadEntry::fromFile(
          code + "/" + fs::relative(it->path(), bag).generic_string(), it->path()));
      ++outcome.files;
      outcome.bytes += static_cast<std::int64_t>(it->file_size());
    }
    listing += csv(code) + "," + csv(record->title) + "," + csv(record->unit_name) + "," +
               std::string(model::name(record->retention)) + "," + record->start_date.toString() +
               "," + record->end_date.toString() + "," + std::to_string(record->doc_total) + "," +
               std::to_string(record->page_total) + "," + record->package_sha256 + "\n";
    ++outcome.records;
  }
  contents.payload.push_back(archive::PayloadEntry::fromBytes("transfer.csv", listing));
  contents.info = {{"Source-Organization", "awardflow"},
                   {"External-Description", "Lô hồ sơ nộp lưu / transfer batch of " +
                                                std::to_string(outcome.records) + " records"},
                   {"Bag-Count", "1 of 1"},
                   {"Internal-Sender-Identifier", actor.login}};
  auto written = archive::writeBag(destination, contents);
  if (!written) return core::Unexpected{written.error()};
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    for (const std::string& code : file_codes) {
      auto logged = store::ArchiveStore::accessIn(tx, {code, actor.login, at, "export transfer"});
      if (!logged) return logged;
    }
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "archive.transfer-exported";
    std::string codes;
    for (const std::string& code : file_codes) codes += (codes.empty() ? "" : ",") + js(code);
    e.payload = "{\"records\":[" + codes + "],\"payloadOxum\":" + js(written->payload_oxum) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  outcome.path = destination;
  return outcome;
}

core::Result<std::vector<model::ArchiveRecord>> Archive::importTransfer(
    const model::User& actor, const fs::path& batch, const fs::path& trust_dir) const {
  auto allowed = requireArchivist(actor, "take in a transfer batch", "tiếp nhận lô nộp lưu");
  if (!allowed) return core::Unexpected{allowed.error()};
  auto outer = archive::validateBag(batch);
  if (!outer) return core::Unexpected{outer.error()};
  if (!outer->valid()) {
    std::vector<std::string> details;
    for (const core::Problem& p : outer->report.problems())
      if (p.severity == core::Severity::Error)
        details.push_back(p.location.path + ": " + p.message.en);
    return core::fail(core::Errc::Invalid, "the transfer batch is not a valid bag", details);
  }
  auto verifier =
      SignatureVerifier::open(trust_dir.empty() ? agencyPaths(data_.root).trust_dir : trust_dir);
  if (!verifier) return core::Unexpected{verifier.error()};
  // Verify every package before anything is taken in.
  std::vector<std::pair<fs::path, model::ArchiveRecord>> taken;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(batch / "data", ec)) {
    if (!entry.is_directory()) continue;
    const PackageCheck check = verifyFolder(entry.path(), verifier->trust(), true);
    if (!check.valid()) {
      std::vector<std::string> details;
      for (const core::Problem& p : check.report.problems())
        if (p.severity == core::Severity::Error)
          details.push_back(entry.path().filename().string() + "/" + p.location.path + ": " +
                            p.message.en);
      return core::fail(core::Errc::Invalid,
                        "package " + entry.path().filename().string() + " does not verify",
                        details);
    }
    auto xml_bytes = core::readFile(entry.path() / "data" / "record.xml", std::size_t{4} << 20);
    // record.xml is listed in METS under a numbered name: find it through METS.
    std::string record_xml;
    auto mets = core::readFile(entry.path() / "data" / "METS.xml", std::size_t{64} << 20);
    if (mets) {
      if (auto files = archive::readMetsFiles(*mets)) {
        for (const archive::MetsFile& f : *files) {
          if (f.role != "record") continue;
          if (auto b = core::readFile(entry.path() / "data" / f.path, std::size_t{4} << 20))
            record_xml = *b;
        }
      }
    }
    if (record_xml.empty() && xml_bytes) record_xml = *xml_bytes;
    auto parsed = xml::parse(record_xml);
    if (!parsed.document) {
      return refuse(core::Errc::Invalid,
                    "package " + entry.path().filename().string() + " has no readable record.xml",
                    "gói " + entry.path().filename().string() + " thiếu record.xml");
    }
    const xml::Element root = parsed.document->root();
    model::ArchiveRecord r;
    if (auto code = root.child("FileCode")) {
      r.organ_id = code->childText("OrganId").value_or("");
      r.file_catalog = std::atoi(code->childText("FileCatalog").value_or("0").c_str());
      r.file_notation = code->childText("FileNotation").value_or("");
    }
    r.file_code = root.childText("Identifier").value_or(check.file_code);
    r.title = root.childText("Title").value_or("");
    r.retention = model::parseRetention(root.childText("MaintenanceCode").value_or(""))
                      .value_or(model::Retention::Permanent);
    r.rights = root.childText("Rights").value_or("restricted");
    r.language = root.childText("Language").value_or("vi");
    r.start_date =
        core::Date::parse(root.childText("StartDate").value_or("")).value_or(core::Date{});
    r.end_date = core::Date::parse(root.childText("EndDate").value_or("")).value_or(core::Date{});
    r.doc_total = std::atoi(root.childText("DocTotal").value_or("0").c_str());
    r.page_total = std::atoi(root.childText("PageTotal").value_or("0").c_str());
    if (auto award = root.child("Award")) {
      r.dossier_id = award->childText("TrackingCode").value_or("");
      r.unit_name = award->childText("Unit").value_or("");
      r.unit_code = award->childText("UnitCode").value_or("");
      r.rulebook_id = award->childText("Rulebook").value_or("");
      r.procedure_id = award->childText("Procedure").value_or("");
      r.award_form = award->childText("AwardForm").value_or("");
      r.level = award->childText("Level").value_or("");
      r.outcome = award->childText("Outcome").value_or("");
      r.decision_number = award->childText("DecisionNumber").value_or("");
      for (const xml::Element& n : award->children())
        if (n.localName() == "Nominee") r.names.push_back(n.text());
    }
    if (r.file_code.empty() || r.file_code.find_first_of("/\\") != std::string::npos ||
        r.file_code.front() == '.') {
      return refuse(core::Errc::Invalid, "a package names no usable file code",
                    "một gói không có mã hồ sơ hợp lệ");
    }
    r.sealed_at = core::utcTimestamp(sealedTime(entry.path()));
    r.sealed_by = actor.login;
    r.transfer_due = model::transferDue(r.retention, r.end_date);
    r.dispose_due = model::disposeDue(r.retention, r.end_date);
    r.package = "archive/" + r.file_code;
    auto tag = crypto::sha256File(entry.path() / "tagmanifest-sha256.txt");
    r.package_sha256 = tag ? tag->sha256 : "";
    for (auto it = fs::recursive_directory_iterator(entry.path() / "data", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) r.package_bytes += static_cast<std::int64_t>(it->file_size());
    }
    taken.emplace_back(entry.path(), std::move(r));
  }
  // Copy each package in (temp + rename), then catalogue them all in one transaction.
  const fs::path folder = data_.root / "archive";
  fs::create_directories(folder, ec);
  std::vector<fs::path> placed;
  const auto undo = [&] {
    std::error_code ignored;
    for (const fs::path& p : placed) fs::remove_all(p, ignored);
  };
  for (auto& [source, r] : taken) {
    const fs::path target = folder / r.file_code;
    if (fs::exists(target, ec)) {
      undo();
      return refuse(core::Errc::Conflict, r.file_code + " is in the archive already",
                    r.file_code + " đã có trong kho lưu trữ");
    }
    const fs::path staging = folder / (".import-" + r.file_code);
    fs::remove_all(staging, ec);
    fs::copy(source, staging, fs::copy_options::recursive, ec);
    if (!ec) fs::rename(staging, target, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      undo();
      return refuse(core::Errc::Unavailable, "cannot copy " + r.file_code + " into the archive",
                    "không sao chép được " + r.file_code + " vào kho");
    }
    placed.push_back(target);
  }
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    for (const auto& [source, r] : taken) {
      auto added = store::ArchiveStore::addRecordIn(tx, r);
      if (!added) return added;
      auto checked = store::ArchiveStore::fixityIn(
          tx, {0, r.file_code, at, "intact", "kiểm tra khi tiếp nhận / at import"});
      if (!checked) return checked;
      store::Event e;
      e.at = at;
      e.actor = actor.login;
      e.kind = "archive.imported";
      e.subject = r.file_code;
      e.payload = "{\"packageSha256\":" + js(r.package_sha256) + "}";
      auto appended = store::AuditLog::appendIn(tx, e);
      if (!appended) return core::Unexpected{appended.error()};
    }
    return {};
  });
  if (!done) {
    undo();
    return core::Unexpected{done.error()};
  }
  std::vector<model::ArchiveRecord> out;
  for (auto& [source, r] : taken) out.push_back(std::move(r));
  return out;
}

}  // namespace awardflow::service
