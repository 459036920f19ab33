#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/model/record.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

struct DatabaseImpl;

// A search of the catalogue. `text` is matched, case- and diacritic-insensitively (core::
// searchFold), against the nominees' names, the unit, the title, the achievements, the decision
// number and the file code: every word must occur. Empty filters match everything.
struct ArchiveQuery {
  std::string text;
  std::optional<int> year;  // the record's FileCatalog
  std::string unit_code;
  std::string award_form;
  std::string rulebook_id;
  std::string level;
  // The authorities whose records are searched; nullopt for every one.
  std::optional<std::vector<std::string>> authority_codes;
  int offset = 0;
  int limit = 20;  // 1..200
};

// One page of results. With text: by relevance (BM25) when at most kRankedMatches records match;
// beyond that, newest sealed first (ranking hundreds of thousands of "Nguyễn"s costs more than it
// tells; narrow the query to get relevance). Without text: Vietnamese alphabetical order of the
// title, then the file code. A query that is exactly a file code finds that record alone.
struct ArchivePage {
  static constexpr int kRankedMatches = 2000;
  std::vector<model::ArchiveRecord> records;
  bool more = false;          // another page follows
  bool ranked = false;        // ordered by relevance
  bool newest_first = false;  // too many matches to rank: newest first
};

// A retrieval of a record (NĐ 30/2020 asks for access logs).
struct ArchiveAccess {
  std::string file_code;
  std::string login;
  std::string at;
  std::string what;  // "view", "download", "verify", "export", …
};

// The result of one fixity check of one record.
struct FixityCheck {
  std::int64_t id = 0;
  std::string file_code;
  std::string at;
  std::string outcome;  // "intact", "damaged", "missing"
  std::string details;  // which files, one per line
};

// The archive's catalogue, search index, access log and fixity log (migration 6). Writes take a
// transaction (…In) so that each goes with its audit event. Thread-safe through the Database.
class ArchiveStore {
 public:
  explicit ArchiveStore(const Database& database) : database_(database) {}

  // Fails with Errc::Conflict when the file code is catalogued already.
  static core::Result<void> addRecordIn(DatabaseImpl& tx, const model::ArchiveRecord& record);
  static core::Result<void> setHoldIn(DatabaseImpl& tx, const std::string& file_code, bool hold,
                                      const std::string& reason);
  static core::Result<void> requestDisposalIn(DatabaseImpl& tx, const std::string& file_code,
                                              const std::string& login, const std::string& reason);
  // The package is gone: the row stays as a tombstone.
  static core::Result<void> disposedIn(DatabaseImpl& tx, const std::string& file_code,
                                       const std::string& approved_by, const std::string& at);
  static core::Result<void> accessIn(DatabaseImpl& tx, const ArchiveAccess& access);
  static core::Result<void> fixityIn(DatabaseImpl& tx, const FixityCheck& check);

  core::Result<std::optional<model::ArchiveRecord>> record(const std::string& file_code) const;
  core::Result<std::optional<model::ArchiveRecord>> recordOfDossier(
      const std::string& dossier_id) const;
  core::Result<ArchivePage> search(const ArchiveQuery& query) const;
  // Records not disposed whose transfer or disposition is due on or before `until`, soonest
  // first.
  core::Result<std::vector<model::ArchiveRecord>> due(const core::Date& until) const;
  // Every record's file code and package, in file-code order (for fixity audits and exports).
  core::Result<std::vector<model::ArchiveRecord>> all() const;
  core::Result<std::vector<ArchiveAccess>> accessLog(const std::string& file_code) const;
  // The latest fixity checks, newest first; of one record when `file_code` is given.
  core::Result<std::vector<FixityCheck>> fixity(const std::string& file_code, int limit) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
