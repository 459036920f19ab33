#include "engine/store/archive_store.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <Poco/Exception.h>

#include "engine/core/text.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"
#include "engine/store/report_store.hpp"

namespace awardflow::store {
namespace {

#define AWARDFLOW_RECORD_COLUMNS                                                                   \
                                                                                                   \
  "r.file_code, r.organ_id, r.file_catalog, r.file_notation, r.dossier_id, r.title, r.unit_code, " \
  "r.unit_name, r.rulebook_id, r.procedure_id, r.award_form, r.level, r.decision_number, "         \
  "r.outcome, r.retention, r.rights, r.language, r.start_date, r.end_date, r.doc_total, "          \
  "r.page_total, r.names, r.sealed_at, r.sealed_by, r.transfer_due, r.dispose_due, "               \
  "r.legal_hold, r.hold_reason, r.disposal_requested_by, r.disposal_reason, r.disposed_at, "       \
  "r.disposal_approved_by, r.package, r.package_sha256, r.package_bytes "

// The filters shared by both searches: ?2 year (NULL = any), ?3 unit, ?4 award form, ?5
// rulebook, ?6 level ('' = any), ?7 limit, ?8 offset.

std::optional<core::Date> optionalDate(const Step& row, int column) {
  if (row.isNull(column)) return std::nullopt;
  return core::Date::parse(row.text(column));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += '\n';
    for (char c : item) out += c == '\n' ? ' ' : c;
  }
  return out;
}

model::ArchiveRecord readRecord(const Step& row) {
  model::ArchiveRecord r;
  int c = 0;
  r.file_code = row.text(c++);
  r.organ_id = row.text(c++);
  r.file_catalog = static_cast<int>(row.integer(c++));
  r.file_notation = row.text(c++);
  r.dossier_id = row.text(c++);
  r.title = row.text(c++);
  r.unit_code = row.text(c++);
  r.unit_name = row.text(c++);
  r.rulebook_id = row.text(c++);
  r.procedure_id = row.text(c++);
  r.award_form = row.text(c++);
  r.level = row.text(c++);
  r.decision_number = row.text(c++);
  r.outcome = row.text(c++);
  r.retention = model::parseRetention(row.text(c++)).value_or(model::Retention::Permanent);
  r.rights = row.text(c++);
  r.language = row.text(c++);
  r.start_date = core::Date::parse(row.text(c++)).value_or(core::Date{});
  r.end_date = core::Date::parse(row.text(c++)).value_or(core::Date{});
  r.doc_total = static_cast<int>(row.integer(c++));
  r.page_total = static_cast<int>(row.integer(c++));
  r.names = lines(row.text(c++));
  r.sealed_at = row.text(c++);
  r.sealed_by = row.text(c++);
  r.transfer_due = optionalDate(row, c++);
  r.dispose_due = optionalDate(row, c++);
  r.legal_hold = row.integer(c++) != 0;
  r.hold_reason = row.text(c++);
  r.disposal_requested_by = row.text(c++);
  r.disposal_reason = row.text(c++);
  r.disposed_at = row.text(c++);
  r.disposal_approved_by = row.text(c++);
  r.package = row.text(c++);
  r.package_sha256 = row.text(c++);
  r.package_bytes = row.integer(c++);
  return r;
}

// The search statements, one per kind (ranked or not) and set of filters, so that each names only
// the filters it uses and SQLite can pick the index that fits (migration 7). Parameters keep their
// numbers in every variant: ?1 text, ?2 year, ?3 unit, ?4 award form, ?5 rulebook, ?6 level, ?7
// limit, ?8 offset, ?9 the authorities in scope (",A,B,", store::scopeList). The strings live for
// the program's life: their addresses key the statement cache. Kinds of search statement.
enum SearchKind : unsigned { kSorted = 0, kRanked = 1, kNewest = 2 };

const char* searchSql(SearchKind kind_of, const ArchiveQuery& q) {
  static const std::vector<std::string> statements = [] {
    std::vector<std::string> out;
    for (unsigned kind = 0; kind < 3; ++kind) {
      for (unsigned mask = 0; mask < 64; ++mask) {
        std::string sql = "SELECT " AWARDFLOW_RECORD_COLUMNS;
        sql += kind != kSorted ? "FROM archive_text JOIN archive_records r ON r.rowid = "
                                 "archive_text.rowid WHERE archive_text MATCH ?1"
                               : "FROM archive_records r WHERE 1";
        if ((mask & 1U) != 0) sql += " AND r.file_catalog = ?2";
        if ((mask & 2U) != 0) sql += " AND r.unit_code = ?3";
        if ((mask & 4U) != 0) sql += " AND r.award_form = ?4";
        if ((mask & 8U) != 0) sql += " AND r.rulebook_id = ?5";
        if ((mask & 16U) != 0) sql += " AND r.level = ?6";
        if ((mask & 32U) != 0) {
          sql +=
              " AND instr(?9, ',' || (SELECT COALESCE(d.authority_code, '') FROM dossiers d "
              "WHERE d.id = r.dossier_id) || ',') > 0";
        }
        sql += kind == kRanked   ? " ORDER BY archive_text.rank, r.sort_key LIMIT ?7 OFFSET ?8"
               : kind == kNewest ? " ORDER BY archive_text.rowid DESC LIMIT ?7 OFFSET ?8"
                                 : " ORDER BY r.sort_key, r.file_code LIMIT ?7 OFFSET ?8";
        out.push_back(std::move(sql));
      }
    }
    return out;
  }();
  const unsigned mask = (q.year ? 1U : 0U) | (q.unit_code.empty() ? 0U : 2U) |
                        (q.award_form.empty() ? 0U : 4U) | (q.rulebook_id.empty() ? 0U : 8U) |
                        (q.level.empty() ? 0U : 16U) | (q.authority_codes ? 32U : 0U);
  return statements[64U * kind_of + mask].c_str();
}

// Binds the filters a query sets, the limit and the offset (see searchSql).
void bindFilters(Step& step, const ArchiveQuery& q, int limit) {
  if (q.year) step.bind(2, std::int64_t{*q.year});
  if (!q.unit_code.empty()) step.bind(3, q.unit_code);
  if (!q.award_form.empty()) step.bind(4, q.award_form);
  if (!q.rulebook_id.empty()) step.bind(5, q.rulebook_id);
  if (!q.level.empty()) step.bind(6, q.level);
  if (q.authority_codes) step.bind(9, scopeList(q.authority_codes));
  step.bind(7, std::int64_t{limit}).bind(8, std::int64_t{q.offset});
}

// The FTS5 query of folded words, each quoted: all must occur.
// A document number ("15/QĐ-UBND") as one search word: folded, without separators
// ("15qdubnd"). Its parts ("qd", "ubnd") are in nearly every record; the whole is rare.
std::string compactNumber(std::string_view text) {
  std::string out = core::searchFold(text);
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

// The FTS5 query of a search text: every word must occur, each quoted; a word with a "/" is a
// document number and is matched whole (compactNumber).
std::string matchExpression(std::string_view text) {
  std::string out;
  const auto add = [&](const std::string& word) {
    if (!word.empty()) out += (out.empty() ? "\"" : " \"") + word + "\"";
  };
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \t\r\n", at), text.size());
    const std::string_view token = text.substr(at, end - at);
    if (token.find('/') != std::string_view::npos) {
      add(compactNumber(token));
    } else {
      const std::string folded = core::searchFold(token);
      std::size_t from = 0;
      while (from < folded.size()) {
        const std::size_t to = std::min(folded.find(' ', from), folded.size());
        add(folded.substr(from, to - from));
        from = to + 1;
      }
    }
    at = end + 1;
  }
  return out;
}

}  // namespace

core::Result<void> ArchiveStore::addRecordIn(DatabaseImpl& tx, const model::ArchiveRecord& r) {
  {
    Step exists(tx.statements, "SELECT 1 FROM archive_records WHERE file_code = ?");
    exists.bind(1, r.file_code);
    if (exists.row()) {
      return core::fail(core::Errc::Conflict, "record " + r.file_code + " is catalogued already",
                        {"hồ sơ " + r.file_code + " đã có trong mục lục"});
    }
  }
  Step insert(tx.statements,
              "INSERT INTO archive_records (file_code, organ_id, file_catalog, file_notation, "
              "dossier_id, title, unit_code, unit_name, rulebook_id, procedure_id, award_form, "
              "level, decision_number, outcome, retention, rights, language, start_date, end_date, "
              "doc_total, page_total, names, sealed_at, sealed_by, transfer_due, dispose_due, "
              "legal_hold, hold_reason, disposal_requested_by, disposal_reason, disposed_at, "
              "disposal_approved_by, package, package_sha256, package_bytes, sort_key) VALUES (?, "
              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?, ?)");
  int c = 0;
  const auto text = [&](const std::string& value) { insert.bind(++c, value); };
  const auto number = [&](std::int64_t value) { insert.bind(++c, value); };
  const auto optional = [&](const std::optional<std::string>& value) {
    if (value) {
      insert.bind(++c, *value);
    } else {
      insert.bindNull(++c);
    }
  };
  text(r.file_code);
  text(r.organ_id);
  number(r.file_catalog);
  text(r.file_notation);
  optional(r.dossier_id.empty() ? std::nullopt : std::optional<std::string>(r.dossier_id));
  text(r.title);
  text(r.unit_code);
  text(r.unit_name);
  text(r.rulebook_id);
  text(r.procedure_id);
  text(r.award_form);
  text(r.level);
  text(r.decision_number);
  text(r.outcome);
  text(std::string(model::name(r.retention)));
  text(r.rights);
  text(r.language);
  text(r.start_date.toString());
  text(r.end_date.toString());
  number(r.doc_total);
  number(r.page_total);
  text(joined(r.names));
  text(r.sealed_at);
  text(r.sealed_by);
  optional(r.transfer_due ? std::optional<std::string>(r.transfer_due->toString()) : std::nullopt);
  optional(r.dispose_due ? std::optional<std::string>(r.dispose_due->toString()) : std::nullopt);
  number(r.legal_hold ? 1 : 0);
  text(r.hold_reason);
  text(r.disposal_requested_by);
  text(r.disposal_reason);
  text(r.disposed_at);
  text(r.disposal_approved_by);
  text(r.package);
  text(r.package_sha256);
  number(r.package_bytes);
  text(core::collationKey(r.title));
  insert.run();
  const std::int64_t rowid = sqlite3_last_insert_rowid(tx.statements.db());
  std::string body = r.title + " " + r.unit_name + " " + r.unit_code + " " + r.decision_number +
                     " " + r.file_code + " " + r.achievements;
  if (!r.decision_number.empty()) body += " " + compactNumber(r.decision_number);
  for (const std::string& n : r.names) body += " " + n;
  Step search(tx.statements, "INSERT INTO archive_text (rowid, body) VALUES (?, ?)");
  search.bind(1, rowid).bind(2, core::searchFold(body)).run();
  return {};
}

core::Result<void> ArchiveStore::setHoldIn(DatabaseImpl& tx, const std::string& file_code,
                                           bool hold, const std::string& reason) {
  Step update(tx.statements,
              "UPDATE archive_records SET legal_hold = ?, hold_reason = ? WHERE file_code = ?");
  update.bind(1, std::int64_t{hold ? 1 : 0}).bind(2, reason).bind(3, file_code).run();
  return {};
}

core::Result<void> ArchiveStore::requestDisposalIn(DatabaseImpl& tx, const std::string& file_code,
                                                   const std::string& login,
                                                   const std::string& reason) {
  Step update(tx.statements,
              "UPDATE archive_records SET disposal_requested_by = ?, disposal_reason = ? "
              "WHERE file_code = ?");
  update.bind(1, login).bind(2, reason).bind(3, file_code).run();
  return {};
}

core::Result<void> ArchiveStore::disposedIn(DatabaseImpl& tx, const std::string& file_code,
                                            const std::string& approved_by, const std::string& at) {
  Step update(tx.statements,
              "UPDATE archive_records SET disposed_at = ?, disposal_approved_by = ? "
              "WHERE file_code = ?");
  update.bind(1, at).bind(2, approved_by).bind(3, file_code).run();
  return {};
}

core::Result<void> ArchiveStore::accessIn(DatabaseImpl& tx, const ArchiveAccess& a) {
  Step insert(tx.statements,
              "INSERT INTO archive_access (file_code, login, at, what) VALUES (?, ?, ?, ?)");
  insert.bind(1, a.file_code).bind(2, a.login).bind(3, a.at).bind(4, a.what).run();
  return {};
}

core::Result<void> ArchiveStore::fixityIn(DatabaseImpl& tx, const FixityCheck& f) {
  Step insert(tx.statements,
              "INSERT INTO archive_fixity (file_code, at, outcome, details) VALUES (?, ?, ?, ?)");
  insert.bind(1, f.file_code).bind(2, f.at).bind(3, f.outcome).bind(4, f.details).run();
  return {};
}

core::Result<std::optional<model::ArchiveRecord>> ArchiveStore::record(
    const std::string& file_code) const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::optional<model::ArchiveRecord>> {
        Step row(db.statements,
                 "SELECT " AWARDFLOW_RECORD_COLUMNS "FROM archive_records r WHERE r.file_code = ?");
        row.bind(1, file_code);
        if (!row.row()) return std::optional<model::ArchiveRecord>();
        return std::optional<model::ArchiveRecord>(readRecord(row));
      });
}

core::Result<std::optional<model::ArchiveRecord>> ArchiveStore::recordOfDossier(
    const std::string& dossier_id) const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::optional<model::ArchiveRecord>> {
                  Step row(db.statements, "SELECT " AWARDFLOW_RECORD_COLUMNS
                                          "FROM archive_records r WHERE r.dossier_id = ?");
                  row.bind(1, dossier_id);
                  if (!row.row()) return std::optional<model::ArchiveRecord>();
                  return std::optional<model::ArchiveRecord>(readRecord(row));
                });
}

core::Result<ArchivePage> ArchiveStore::search(const ArchiveQuery& query) const {
  if (query.limit < 1 || query.limit > 200 || query.offset < 0) {
    return core::fail(core::Errc::InvalidArgument, "limit is 1 to 200 and offset at least 0",
                      {"limit từ 1 đến 200 và offset không âm"});
  }
  const std::string match = matchExpression(query.text);
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<ArchivePage> {
    ArchivePage page;
    const auto collect = [&](Step& rows) {
      while (rows.row()) page.records.push_back(readRecord(rows));
      if (static_cast<int>(page.records.size()) > query.limit) {
        page.records.pop_back();
        page.more = true;
      }
    };
    SearchKind kind = kSorted;
    if (!match.empty()) {
      // A file code is looked up, not searched.
      const std::string code = core::collapseSpace(query.text);
      if (code.find(' ') == std::string::npos) {
        Step exact(db.statements, "SELECT " AWARDFLOW_RECORD_COLUMNS
                                  "FROM archive_records r WHERE r.file_code = ?");
        exact.bind(1, code);
        if (exact.row()) {
          if (query.offset == 0) page.records.push_back(readRecord(exact));
          page.ranked = true;
          return page;
        }
      }
      // How many match, up to the ranking limit: FTS5 streams the rowids newest first and stops.
      Step count(db.statements,
                 "SELECT rowid FROM archive_text WHERE archive_text MATCH ?1 "
                 "ORDER BY rowid DESC LIMIT 2001");
      count.bind(1, match);
      int matches = 0;
      while (matches <= ArchivePage::kRankedMatches && count.row()) ++matches;
      kind = matches <= ArchivePage::kRankedMatches ? kRanked : kNewest;
    }
    page.ranked = kind == kRanked;
    page.newest_first = kind == kNewest;
    Step rows(db.statements, searchSql(kind, query));
    if (kind != kSorted) rows.bind(1, match);
    bindFilters(rows, query, query.limit + 1);
    collect(rows);
    return page;
  });
}

core::Result<std::vector<model::ArchiveRecord>> ArchiveStore::due(const core::Date& until) const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::vector<model::ArchiveRecord>> {
                  Step rows(db.statements, "SELECT " AWARDFLOW_RECORD_COLUMNS
                                           "FROM archive_records r WHERE r.disposed_at = '' AND "
                                           "(r.transfer_due <= ?1 OR r.dispose_due <= ?1) "
                                           "ORDER BY MIN(COALESCE(r.transfer_due, '9999'), "
                                           "COALESCE(r.dispose_due, '9999')), r.file_code");
                  rows.bind(1, until.toString());
                  std::vector<model::ArchiveRecord> out;
                  while (rows.row()) out.push_back(readRecord(rows));
                  return out;
                });
}

core::Result<std::vector<model::ArchiveRecord>> ArchiveStore::all() const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::ArchiveRecord>> {
        Step rows(db.statements,
                  "SELECT " AWARDFLOW_RECORD_COLUMNS "FROM archive_records r ORDER BY r.file_code");
        std::vector<model::ArchiveRecord> out;
        while (rows.row()) out.push_back(readRecord(rows));
        return out;
      });
}

core::Result<std::vector<ArchiveAccess>> ArchiveStore::accessLog(
    const std::string& file_code) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<ArchiveAccess>> {
    Step rows(db.statements,
              "SELECT file_code, login, at, what FROM archive_access WHERE file_code = ? "
              "ORDER BY id");
    rows.bind(1, file_code);
    std::vector<ArchiveAccess> out;
    while (rows.row()) out.push_back({rows.text(0), rows.text(1), rows.text(2), rows.text(3)});
    return out;
  });
}

core::Result<std::vector<FixityCheck>> ArchiveStore::fixity(const std::string& file_code,
                                                            int limit) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<FixityCheck>> {
    Step rows(db.statements,
              "SELECT id, file_code, at, outcome, details FROM archive_fixity "
              "WHERE ?1 = '' OR file_code = ?1 ORDER BY id DESC LIMIT ?2");
    rows.bind(1, file_code).bind(2, std::int64_t{limit});
    std::vector<FixityCheck> out;
    while (rows.row()) {
      out.push_back({rows.integer(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4)});
    }
    return out;
  });
}

}  // namespace awardflow::store
