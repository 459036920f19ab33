#pragma once

// The archivist's use cases (issue #6): find, retrieve, verify and export sealed records, audit
// their fixity, and handle retention (holds, disposition with approval, transfer). Packages are
// made when a dossier is sealed (Workflow::act, archive_seal.cpp). Every retrieval is logged
// (who, when, what) in archive_access and in the audit chain.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/archive/package.hpp"
#include "engine/core/clock.hpp"
#include "engine/core/report.hpp"
#include "engine/model/account.hpp"
#include "engine/model/record.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/store/archive_store.hpp"

namespace awardflow::service {

// What verifying one package found.
struct PackageCheck {
  std::string file_code;
  core::Report report;  // bagit.*, package.*, signature.*, history.* problems, located by file
  int files = 0;        // payload files whose METS checksum was compared
  int signatures = 0;   // signatures verified
  int events = 0;       // history events whose chain hash was recomputed

  bool valid() const { return report.valid(); }
};

struct FixityAudit {
  std::vector<store::FixityCheck> checks;  // one per record, in file-code order
  int intact = 0;
  int damaged = 0;
  int missing = 0;
};

struct ExportOutcome {
  std::filesystem::path path;
  int records = 0;
  int files = 0;
  std::int64_t bytes = 0;
};

// A record's package as one zip file to hand out: the stored zip itself, or a zip made from the
// stored folder under DATA/tmp, removed (with its folder) when this object goes away. Move-only.
class PackageZip {
 public:
  PackageZip(std::filesystem::path path, std::filesystem::path cleanup)
      : path_(std::move(path)), cleanup_(std::move(cleanup)) {}
  ~PackageZip();
  PackageZip(PackageZip&& other) noexcept
      : path_(std::move(other.path_)), cleanup_(std::exchange(other.cleanup_, {})) {}
  PackageZip& operator=(PackageZip&& other) noexcept;
  PackageZip(const PackageZip&) = delete;
  PackageZip& operator=(const PackageZip&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The name to give the download: FILECODE.zip.
  std::string name() const { return path_.filename().string(); }

 private:
  std::filesystem::path path_;
  std::filesystem::path cleanup_;  // a temporary folder to remove; empty for a stored zip
};

class Archive {
 public:
  Archive(const DataDirectory& data, const core::Clock& clock) : data_(data), clock_(clock) {}

  // Verifies the package at `path` (a bag folder or a zipped bag) on its own, as an archivist
  // years later would: the bag (manifests, tag manifest), the agency's signature on METS.xml and
  // every checksum it lists, every signature of every signed XML file (trust as of the sealing
  // time, against DATA/trust or `trust_dir`), and the history's chain hashes. Needs no store.
  // Errc::NotFound when nothing is at `path`.
  core::Result<PackageCheck> verifyPath(const std::filesystem::path& path,
                                        const std::filesystem::path& trust_dir = {}) const;
  // The same for a catalogued record, logged as a retrieval ("verify").
  core::Result<PackageCheck> verify(const model::User& actor, const std::string& file_code) const;

  // Checks every package's fixity (bag manifests and METS checksums; not signatures): each
  // result is stored (archive_fixity, a PREMIS fixity-check event) and the run is one event of
  // the audit chain naming the damaged and missing records. `actor` empty = the server's
  // schedule.
  core::Result<FixityAudit> audit(const std::string& actor) const;
  // The same run asked for by a person: the archive's staff (archivists, the standing office,
  // the chairperson, administrators) only, else Errc::PermissionDenied.
  core::Result<FixityAudit> auditBy(const model::User& actor) const;
  core::Result<std::vector<store::FixityCheck>> fixityReport(const model::User& actor,
                                                             const std::string& file_code,
                                                             int limit) const;

  // Searching and reading the catalogue: archivists, the standing office and the chairperson see
  // every record; a submitting unit's users only their unit's. Reading a record is logged.
  core::Result<store::ArchivePage> search(const model::User& actor,
                                          store::ArchiveQuery query) const;
  core::Result<model::ArchiveRecord> record(const model::User& actor,
                                            const std::string& file_code) const;
  // The payload files of a record's package as its signed METS lists them, in chronological
  // order (not logged: reading the record is). Empty for a disposed record.
  core::Result<std::vector<archive::MetsFile>> contents(const model::User& actor,
                                                        const std::string& file_code) const;
  // A payload file of a record's package ("001-r1-dossier.xml"), logged as a download.
  core::Result<std::string> file(const model::User& actor, const std::string& file_code,
                                 const std::string& name) const;
  // The dossier's history as its package keeps it (history.json: every event with its chain
  // hashes), oldest first; not logged apart from reading the record.
  core::Result<std::vector<store::Event>> history(const model::User& actor,
                                                  const std::string& file_code) const;
  core::Result<std::vector<store::ArchiveAccess>> accessLog(const model::User& actor,
                                                            const std::string& file_code) const;
  // The whole package of a record as a zip (a folder package is zipped byte for byte, so its
  // manifests and signatures still verify), logged as a download. Errc::NotFound for a record
  // the actor may not see or one disposed of; Errc::Unavailable when the zip cannot be made.
  core::Result<PackageZip> packageZip(const model::User& actor, const std::string& file_code) const;

  // Records whose transfer or disposition falls due within `days` of `on` (default today).
  core::Result<std::vector<model::ArchiveRecord>> due(const model::User& actor,
                                                      std::optional<core::Date> on,
                                                      int days = 30) const;
  // A legal hold stops disposition until it is lifted (archivists).
  core::Result<void> hold(const model::User& actor, const std::string& file_code, bool on,
                          const std::string& reason) const;
  // Disposition: an archivist proposes it (the record must be due, not held, not permanent);
  // the chairperson approves it; the package is then deleted and the catalogue row stays as a
  // tombstone with its metadata.
  core::Result<void> proposeDisposal(const model::User& actor, const std::string& file_code,
                                     const std::string& reason) const;
  core::Result<void> approveDisposal(const model::User& actor, const std::string& file_code) const;

  // A dissemination copy of a record at `destination` (a new folder): its PDFs and XML files in
  // chronological order, with index.csv.
  core::Result<ExportOutcome> exportCopy(const model::User& actor, const std::string& file_code,
                                         const std::filesystem::path& destination) const;
  // A transfer batch at `destination` (a new BagIt bag): the packages of `file_codes` (every
  // record not disposed when empty) under data/FILECODE/, with data/transfer.csv listing them.
  core::Result<ExportOutcome> exportTransfer(const model::User& actor,
                                             std::vector<std::string> file_codes,
                                             const std::filesystem::path& destination) const;
  // Takes in a transfer batch: validates it, verifies every package (against `trust_dir`, default
  // DATA/trust), copies each into DATA/archive and catalogues it from its record.xml. Nothing is
  // taken in when any package fails. Returns the records taken in.
  core::Result<std::vector<model::ArchiveRecord>> importTransfer(
      const model::User& actor, const std::filesystem::path& batch,
      const std::filesystem::path& trust_dir = {}) const;

 private:
  // A payload file of a record's package, read (a zipped package is extracted privately).
  core::Result<std::string> payload(const model::ArchiveRecord& record,
                                    const std::string& name) const;
  // The rows of `rows` (records, fixity checks, access log lines) whose record `actor` may see:
  // all of them for a user of the whole installation; for staff of an authority, the records of
  // dossiers in its scope (authoritiesSeenBy, read once).
  template <typename Row>
  core::Result<std::vector<Row>> keepVisible(const model::User& actor,
                                             std::vector<Row> rows) const {
    auto scope = scopeOf(actor);
    if (!scope) return core::Unexpected{scope.error()};
    if (!*scope) return rows;
    std::vector<Row> kept;
    for (Row& row : rows) {
      auto in = recordInScope(**scope, row.file_code);
      if (!in) return core::Unexpected{in.error()};
      if (*in) kept.push_back(std::move(row));
    }
    return kept;
  }
  core::Result<std::optional<std::vector<std::string>>> scopeOf(const model::User& actor) const;
  // Whether the record `file_code` belongs to a dossier of one of `scope`'s authorities.
  core::Result<bool> recordInScope(const std::vector<std::string>& scope,
                                   const std::string& file_code) const;
  core::Result<model::ArchiveRecord> visibleRecord(const model::User& actor,
                                                   const std::string& file_code) const;
  core::Result<void> logAccess(const model::User& actor, const std::string& file_code,
                               const std::string& what) const;

  const DataDirectory& data_;
  const core::Clock& clock_;
};

}  // namespace awardflow::service
