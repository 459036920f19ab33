#include "engine/store/workflow_store.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <tuple>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Nullable.h>

#include "engine/crypto/digest.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/json_text.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::RecordSet;
using Poco::Data::Statement;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;
using NullableText = Poco::Nullable<std::string>;

std::string text(RecordSet& rs, const std::string& column) {
  if (rs.isNull(column)) return {};
  return rs.value(column).convert<std::string>();
}

std::optional<std::string> optionalText(RecordSet& rs, const std::string& column) {
  if (rs.isNull(column)) return std::nullopt;
  return rs.value(column).convert<std::string>();
}

std::int64_t integer(RecordSet& rs, const std::string& column) {
  if (rs.isNull(column)) return 0;
  return rs.value(column).convert<Poco::Int64>();
}

std::optional<int> optionalInt(RecordSet& rs, const std::string& column) {
  if (rs.isNull(column)) return std::nullopt;
  return static_cast<int>(rs.value(column).convert<Poco::Int64>());
}

NullableText nullable(const std::optional<std::string>& value) {
  return value ? NullableText(*value) : NullableText();
}

Poco::Nullable<int> nullable(const std::optional<int>& value) {
  return value ? Poco::Nullable<int>(*value) : Poco::Nullable<int>();
}

int countRows(DatabaseImpl& tx, const std::string& sql, std::string a, std::string b = {}) {
  int n = 0;
  if (b.empty()) {
    tx.session << sql, use(a), into(n), now;
  } else {
    tx.session << sql, use(a), use(b), into(n), now;
  }
  return n;
}

const char* const kDossierColumns =
    "id, unit_code, source_id, title, rulebook_id, rulebook_version, rulebook_sha256, "
    "procedure_id, variant, state, version, revision, xml_sha256, complete, signed_valid, "
    "submitted_by, submitted_at, updated_at, received_on, due_on, stopped_on, escalated_at, "
    "publication_from, publication_until, authority_code";

template <typename T, typename F>
std::vector<T> readAll(RecordSet& rs, F&& row) {
  std::vector<T> out;
  for (bool more = rs.moveFirst(); more; more = rs.moveNext()) out.push_back(row(rs));
  return out;
}

// An opinion from the columns agency, requested_by, requested_at, received_at, text, the
// first at `first`.
model::Opinion opinionRow(const Step& rows, int first) {
  model::Opinion o{rows.text(first), rows.text(first + 1), rows.text(first + 2), std::nullopt,
                   rows.text(first + 4)};
  if (!rows.isNull(first + 3)) o.received_at = rows.text(first + 3);
  return o;
}

// The ballot columns every ballot query selects, in this order, and their reader.
#define AWARDFLOW_BALLOT_COLUMNS                                                            \
  "SELECT id, dossier_id, session_id, mode, open, opened_at, closed_at, members, recused, " \
  "taking_part, in_writing, approve, reject, abstain, passed, tally_document FROM ballots "

std::vector<model::Ballot> readBallots(Step& rows) {
  std::vector<model::Ballot> out;
  while (rows.row()) {
    model::Ballot b;
    b.id = rows.text(0);
    b.dossier_id = rows.text(1);
    b.session_id = rows.text(2);
    b.mode = model::parseVoteMode(rows.text(3)).value_or(model::VoteMode::Open);
    b.open = rows.integer(4) != 0;
    b.opened_at = rows.text(5);
    if (!rows.isNull(6)) b.closed_at = rows.text(6);
    if (!b.open) {
      model::Tally t;
      t.members = static_cast<int>(rows.integer(7));
      t.recused = static_cast<int>(rows.integer(8));
      t.taking_part = static_cast<int>(rows.integer(9));
      t.in_writing = static_cast<int>(rows.integer(10));
      t.approve = static_cast<int>(rows.integer(11));
      t.reject = static_cast<int>(rows.integer(12));
      t.abstain = static_cast<int>(rows.integer(13));
      b.tally = t;
      b.passed = rows.integer(14) != 0;
      b.tally_document = rows.text(15);
    }
    out.push_back(std::move(b));
  }
  return out;
}

model::OfficeDocument readDocument(RecordSet& rs) {
  model::OfficeDocument d;
  d.id = text(rs, "id");
  d.dossier_id = text(rs, "dossier_id");
  d.kind = text(rs, "kind");
  d.year = static_cast<int>(integer(rs, "year"));
  d.number = optionalInt(rs, "number");
  d.notation = text(rs, "notation");
  d.sha256 = text(rs, "sha256");
  d.issued_at = text(rs, "issued_at");
  return d;
}

std::string toJson(const std::vector<std::string>& items) {
  Poco::JSON::Array array;
  for (const std::string& item : items) array.add(item);
  std::ostringstream out;
  array.stringify(out);
  return out.str();
}

std::vector<std::string> fromJson(const std::string& json) {
  std::vector<std::string> out;
  Poco::JSON::Parser parser;
  auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
  for (unsigned i = 0; i < static_cast<unsigned>(array->size()); ++i)
    out.push_back(array->getElement<std::string>(i));
  return out;
}

}  // namespace

// ---- rulebooks and numbering

core::Result<void> WorkflowStore::pinRulebookIn(DatabaseImpl& tx, const std::string& id,
                                                int version, const std::string& sha256,
                                                const std::string& at) {
  std::string key = id;
  int v = version;
  Poco::Nullable<std::string> pinned;
  Statement select(tx.session);
  select << "SELECT sha256 FROM rulebook_pins WHERE id = ? AND version = ?", use(key), use(v),
      into(pinned);
  if (select.execute() > 0 && !pinned.isNull()) {
    if (pinned.value() == sha256) return {};
    return core::fail(core::Errc::Config,
                      "rulebook " + id + " version " + std::to_string(version) +
                          " was changed in place after dossiers were submitted under it; give "
                          "the changed file a new version",
                      {"bộ quy tắc " + id + " phiên bản " + std::to_string(version) +
                       " đã bị sửa sau khi có hồ sơ nộp theo nó; hãy tăng số phiên bản"});
  }
  std::string hash = sha256;
  std::string when = at;
  tx.session << "INSERT INTO rulebook_pins (id, version, sha256, pinned_at) VALUES (?, ?, ?, ?)",
      use(key), use(v), use(hash), use(when), now;
  return {};
}

core::Result<int> WorkflowStore::nextNumberIn(DatabaseImpl& tx, const std::string& series, int year,
                                              const std::string& continue_from) {
  std::string s = series;
  int y = year;
  if (!continue_from.empty()) {
    std::string from = continue_from;
    tx.session << "INSERT OR IGNORE INTO counters (series, year, last) SELECT ?, ?, last FROM "
                  "counters WHERE series = ? AND year = ?",
        use(s), use(y), use(from), use(y), now;
  }
  tx.session << "INSERT INTO counters (series, year, last) VALUES (?, ?, 1) "
                "ON CONFLICT (series, year) DO UPDATE SET last = last + 1",
      use(s), use(y), now;
  int last = 0;
  tx.session << "SELECT last FROM counters WHERE series = ? AND year = ?", use(s), use(y),
      into(last), now;
  return last;
}

// ---- dossiers

core::Result<void> WorkflowStore::insertDossierIn(DatabaseImpl& tx, const model::DossierInstance& d,
                                                  const std::vector<model::StoredFile>& files) {
  if (countRows(tx, "SELECT COUNT(*) FROM dossiers WHERE id = ?", d.id) != 0)
    return core::fail(core::Errc::Conflict, "dossier " + d.id + " exists already");
  std::string id = d.id, unit = d.unit_code, source = d.source_id, title = d.title,
              rulebook = d.rulebook_id, rulebook_sha = d.rulebook_sha256,
              procedure = d.procedure_id, variant(model::name(d.variant)), state = d.state,
              xml = d.xml_sha256, by = d.submitted_by, at = d.submitted_at, updated = d.updated_at;
  int rulebook_version = d.rulebook_version, revision = d.revision;
  Poco::Int64 version = d.version;
  int complete = d.complete ? 1 : 0, signed_valid = d.signed_valid ? 1 : 0;
  Poco::Nullable<std::string> authority;
  if (d.authority_code) authority = *d.authority_code;
  tx.session
      << "INSERT INTO dossiers (id, unit_code, source_id, title, rulebook_id, "
         "rulebook_version, rulebook_sha256, procedure_id, variant, state, version, revision, "
         "xml_sha256, complete, signed_valid, submitted_by, submitted_at, updated_at, "
         "authority_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(id), use(unit), use(source), use(title), use(rulebook), use(rulebook_version),
      use(rulebook_sha), use(procedure), use(variant), use(state), use(version), use(revision),
      use(xml), use(complete), use(signed_valid), use(by), use(at), use(updated), use(authority),
      now;
  return addFilesIn(tx, d.id, files);
}

core::Result<bool> WorkflowStore::markEscalatedIn(DatabaseImpl& tx, const std::string& id,
                                                  const std::string& at) {
  std::string key = id, when = at;
  Statement update(tx.session);
  update << "UPDATE dossiers SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL", use(when),
      use(key);
  return update.execute() == 1;
}

core::Result<void> WorkflowStore::addFilesIn(DatabaseImpl& tx, const std::string& dossier_id,
                                             const std::vector<model::StoredFile>& files) {
  for (const model::StoredFile& f : files) {
    std::string id = dossier_id, name = f.name, sha = f.sha256, media = f.media_type;
    int revision = f.revision;
    Poco::Int64 size = f.size;
    Poco::Nullable<int> pages = nullable(f.pages);
    NullableText version = f.pdf_version.empty() ? NullableText() : NullableText(f.pdf_version);
    tx.session << "INSERT INTO dossier_files (dossier_id, revision, name, sha256, size, "
                  "media_type, pages, pdf_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        use(id), use(revision), use(name), use(sha), use(size), use(media), use(pages),
        use(version), now;
  }
  return {};
}

core::Result<void> WorkflowStore::updateDossierIn(DatabaseImpl& tx, const model::DossierInstance& d,
                                                  std::int64_t expected_version) {
  Step update(tx.statements,
              "UPDATE dossiers SET state = ?, version = ?, revision = ?, xml_sha256 = ?, "
              "complete = ?, signed_valid = ?, updated_at = ?, received_on = ?, due_on = ?, "
              "stopped_on = ?, escalated_at = ?, publication_from = ?, publication_until = ? "
              "WHERE id = ? AND version = ?");
  const auto optional = [&](int index, const std::optional<std::string>& value) {
    if (value) {
      update.bind(index, *value);
    } else {
      update.bindNull(index);
    }
  };
  const auto date = [&](const std::optional<core::Date>& value) -> std::optional<std::string> {
    if (!value) return std::nullopt;
    return value->toString();
  };
  update.bind(1, d.state)
      .bind(2, expected_version + 1)
      .bind(3, std::int64_t{d.revision})
      .bind(4, d.xml_sha256)
      .bind(5, std::int64_t{d.complete ? 1 : 0})
      .bind(6, std::int64_t{d.signed_valid ? 1 : 0})
      .bind(7, d.updated_at);
  optional(8, date(d.received_on));
  optional(9, date(d.due_on));
  optional(10, date(d.stopped_on));
  optional(11, d.escalated_at);
  optional(12, date(d.publication_from));
  optional(13, date(d.publication_until));
  update.bind(14, d.id).bind(15, expected_version);
  update.run();
  if (update.changes() == 1) return {};
  auto stored = dossierIn(tx, d.id);
  if (!stored) return core::Unexpected{stored.error()};
  if (!*stored)
    return core::fail(core::Errc::NotFound, "no dossier " + d.id, {"không có hồ sơ " + d.id});
  const std::string have = std::to_string((*stored)->version);
  const std::string want = std::to_string(expected_version);
  return core::fail(core::Errc::Conflict,
                    "dossier " + d.id + " was changed by someone else (version " + have +
                        ", you acted on version " + want + "); reload it and try again",
                    {"hồ sơ " + d.id + " vừa được người khác thay đổi (phiên bản " + have +
                     ", thao tác dựa trên phiên bản " + want + "); hãy tải lại và thử lại"});
}

namespace {

// A dossier from the current row of a statement selecting kDossierColumns, in that order.
model::DossierInstance dossierRow(const Step& select) {
  const auto date = [&](int column) -> std::optional<core::Date> {
    if (select.isNull(column)) return std::nullopt;
    return core::Date::parse(select.text(column));
  };
  model::DossierInstance d;
  d.id = select.text(0);
  d.unit_code = select.text(1);
  d.source_id = select.text(2);
  d.title = select.text(3);
  d.rulebook_id = select.text(4);
  d.rulebook_version = static_cast<int>(select.integer(5));
  d.rulebook_sha256 = select.text(6);
  d.procedure_id = select.text(7);
  d.variant = model::parseVariantKind(select.text(8)).value_or(model::VariantKind::Standard);
  d.state = select.text(9);
  d.version = select.integer(10);
  d.revision = static_cast<int>(select.integer(11));
  d.xml_sha256 = select.text(12);
  d.complete = select.integer(13) != 0;
  d.signed_valid = select.integer(14) != 0;
  d.submitted_by = select.text(15);
  d.submitted_at = select.text(16);
  d.updated_at = select.text(17);
  d.received_on = date(18);
  d.due_on = date(19);
  d.stopped_on = date(20);
  if (!select.isNull(21)) d.escalated_at = select.text(21);
  d.publication_from = date(22);
  d.publication_until = date(23);
  if (!select.isNull(24)) d.authority_code = select.text(24);
  return d;
}

}  // namespace

core::Result<std::optional<model::DossierInstance>> WorkflowStore::dossierIn(
    DatabaseImpl& tx, const std::string& id) {
  // The hot read of every action: a cached statement, columns in kDossierColumns' order.
  Step select(tx.statements,
              "SELECT id, unit_code, source_id, title, rulebook_id, rulebook_version, "
              "rulebook_sha256, procedure_id, variant, state, version, revision, xml_sha256, "
              "complete, signed_valid, submitted_by, submitted_at, updated_at, received_on, "
              "due_on, stopped_on, escalated_at, publication_from, publication_until, "
              "authority_code FROM dossiers WHERE id = ?");
  select.bind(1, id);
  if (!select.row()) return std::optional<model::DossierInstance>();
  return std::optional<model::DossierInstance>(dossierRow(select));
}

core::Result<std::optional<model::DossierInstance>> WorkflowStore::dossier(
    const std::string& id) const {
  return locked(database_, [&](DatabaseImpl& db) { return dossierIn(db, id); });
}

namespace {

// The list query for the filters present, built once per shape (internedSql). Parameters by
// number: 1 unit, 2 state, 3 limit, 4… up to kListedAuthorities authorities (a wider scope is
// filtered after the query), 12 procedure, 13–14 the year's range of ids, 15 the cursor,
// 20… the states.
const char* listSql(const DossierFilter& filter, std::optional<std::size_t> authorities) {
  std::string sql = std::string("SELECT ") + kDossierColumns + " FROM dossiers WHERE 1 = 1";
  if (filter.unit_code) sql += " AND unit_code = ?1";
  if (filter.state) sql += " AND state = ?2";
  if (authorities && *authorities == 0) {
    sql += " AND 0";
  } else if (authorities) {
    sql += " AND authority_code IN (" + numberedParameters(4, *authorities) + ")";
  }
  if (!filter.states.empty())
    sql += " AND state IN (" + numberedParameters(20, filter.states.size()) + ")";
  if (filter.procedure_id) sql += " AND procedure_id = ?12";
  if (filter.year) sql += " AND id >= ?13 AND id < ?14";
  if (filter.after) sql += " AND id > ?15";
  sql += " ORDER BY id LIMIT ?3";
  return internedSql(std::move(sql));
}

}  // namespace

core::Result<std::vector<model::DossierInstance>> WorkflowStore::dossiers(
    const DossierFilter& filter) const {
  if (filter.states.size() > kMaxListedStates)
    return core::fail(core::Errc::InvalidArgument, "too many states in one list");
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::DossierInstance>> {
        // A scope wider than the statements list: all rows, filtered here.
        const bool wide =
            filter.authority_codes && filter.authority_codes->size() > kListedAuthorities;
        std::optional<std::size_t> listed;
        if (filter.authority_codes && !wide) listed = filter.authority_codes->size();
        Step select(db.statements, listSql(filter, listed));
        if (filter.unit_code) select.bind(1, *filter.unit_code);
        if (filter.state) select.bind(2, *filter.state);
        if (filter.procedure_id) select.bind(12, *filter.procedure_id);
        if (filter.year) {
          // Tracking codes HS-YYYY-NNNNNN: the year's run of ids, digits sort before 'A'.
          select.bind(13, "HS-" + std::to_string(*filter.year) + "-");
          select.bind(14, "HS-" + std::to_string(*filter.year) + "-A");
        }
        if (filter.after) select.bind(15, *filter.after);
        for (std::size_t k = 0; k < filter.states.size(); ++k)
          select.bind(static_cast<int>(20 + k), filter.states[k]);
        select.bind(3, wide ? std::int64_t{-1} : filter.limit);
        if (listed) {
          for (std::size_t k = 0; k < *listed; ++k)
            select.bind(static_cast<int>(4 + k), (*filter.authority_codes)[k]);
        }
        std::vector<model::DossierInstance> out;
        while (select.row() && static_cast<std::int64_t>(out.size()) < filter.limit) {
          model::DossierInstance d = dossierRow(select);
          if (wide && (!d.authority_code ||
                       std::find(filter.authority_codes->begin(), filter.authority_codes->end(),
                                 *d.authority_code) == filter.authority_codes->end()))
            continue;
          out.push_back(std::move(d));
        }
        return out;
      });
}

core::Result<std::vector<WorkflowStore::StateGroup>> WorkflowStore::stateGroups(
    const DossierFilter& filter) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<StateGroup>> {
    // A unit's dossiers are few: grouped from their rows. An authority's are counted by the
    // dossiers' triggers (dossier_counts, migration 15), grouped by authority too: a scope
    // wider than the statements list is kept here.
    const bool wide = filter.authority_codes && filter.authority_codes->size() > kListedAuthorities;
    std::string sql;
    if (filter.unit_code) {
      sql =
          "SELECT rulebook_sha256, procedure_id, state, COALESCE(authority_code, ''), COUNT(*) "
          "FROM dossiers WHERE unit_code = ?1";
    } else {
      sql =
          "SELECT rulebook_sha256, procedure_id, state, authority_code, n FROM dossier_counts "
          "WHERE n > 0";
    }
    if (filter.authority_codes && !wide) {
      sql += filter.authority_codes->empty()
                 ? " AND 0"
                 : " AND authority_code IN (" +
                       numberedParameters(4, filter.authority_codes->size()) + ")";
    }
    if (filter.unit_code) sql += " GROUP BY 1, 2, 3, 4";
    Step rows(db.statements, internedSql(std::move(sql)));
    if (filter.unit_code) rows.bind(1, *filter.unit_code);
    if (filter.authority_codes && !wide) {
      for (std::size_t k = 0; k < filter.authority_codes->size(); ++k)
        rows.bind(static_cast<int>(4 + k), (*filter.authority_codes)[k]);
    }
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> counted;
    while (rows.row()) {
      if (wide && std::find(filter.authority_codes->begin(), filter.authority_codes->end(),
                            rows.text(3)) == filter.authority_codes->end())
        continue;
      counted[{rows.text(0), rows.text(1), rows.text(2)}] += rows.integer(4);
    }
    std::vector<StateGroup> out;
    for (const auto& [key, count] : counted)
      out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
    return out;
  });
}

core::Result<std::vector<model::DossierInstance>> WorkflowStore::dueBy(
    const core::Date& date, const std::optional<std::vector<std::string>>& authority_codes) const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::DossierInstance>> {
        if (authority_codes && authority_codes->empty())
          return std::vector<model::DossierInstance>();
        // The running deadlines of the scope, from their own index (dossiers_running); a scope
        // wider than the statements list is filtered here, as the lists are.
        const bool wide = authority_codes && authority_codes->size() > kListedAuthorities;
        std::string sql = std::string("SELECT ") + kDossierColumns +
                          " FROM dossiers WHERE due_on IS NOT NULL AND stopped_on IS NULL AND "
                          "due_on <= ?1";
        if (authority_codes && !wide)
          sql += " AND authority_code IN (" + numberedParameters(2, authority_codes->size()) + ")";
        sql += " ORDER BY due_on, id";
        Step select(db.statements, internedSql(std::move(sql)));
        select.bind(1, date.toString());
        if (authority_codes && !wide) {
          for (std::size_t k = 0; k < authority_codes->size(); ++k)
            select.bind(static_cast<int>(2 + k), (*authority_codes)[k]);
        }
        std::vector<model::DossierInstance> out;
        while (select.row()) {
          model::DossierInstance d = dossierRow(select);
          if (wide &&
              (!d.authority_code || std::find(authority_codes->begin(), authority_codes->end(),
                                              *d.authority_code) == authority_codes->end()))
            continue;
          out.push_back(std::move(d));
        }
        return out;
      });
}

core::Result<std::vector<model::StoredFile>> WorkflowStore::files(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::StoredFile>> {
    Step rows(db.statements,
              "SELECT revision, name, sha256, size, media_type, pages, pdf_version FROM "
              "dossier_files WHERE dossier_id = ? ORDER BY revision, name");
    rows.bind(1, dossier_id);
    std::vector<model::StoredFile> out;
    while (rows.row()) {
      model::StoredFile f{static_cast<int>(rows.integer(0)),
                          rows.text(1),
                          rows.text(2),
                          rows.integer(3),
                          rows.text(4),
                          std::nullopt,
                          rows.text(6)};
      if (!rows.isNull(5)) f.pages = static_cast<int>(rows.integer(5));
      out.push_back(std::move(f));
    }
    return out;
  });
}

core::Result<std::vector<std::pair<std::string, std::int64_t>>> WorkflowStore::countByState()
    const {
  return locked(
      database_,
      [&](DatabaseImpl& db) -> core::Result<std::vector<std::pair<std::string, std::int64_t>>> {
        Statement select(db.session);
        select << "SELECT state, COUNT(*) AS n FROM dossiers GROUP BY state ORDER BY "
                  "state";
        select.execute();
        RecordSet rs(select);
        return readAll<std::pair<std::string, std::int64_t>>(
            rs, [](RecordSet& r) { return std::make_pair(text(r, "state"), integer(r, "n")); });
      });
}

core::Result<std::vector<std::pair<model::DossierInstance, model::OfficeDocument>>>
WorkflowStore::publishedDecisions(std::int64_t limit) const {
  return locked(
      database_,
      [&](DatabaseImpl& db)
          -> core::Result<std::vector<std::pair<model::DossierInstance, model::OfficeDocument>>> {
        Poco::Int64 n = limit;
        Statement select(db.session);
        select << "SELECT d.dossier_id AS dossier, o.id AS document FROM decisions d JOIN "
                  "office_documents o ON o.id = d.document_id WHERE d.revoked_at IS NULL AND "
                  "o.kind = 'decision' ORDER BY o.issued_at DESC LIMIT ?",
            use(n);
        select.execute();
        RecordSet rs(select);
        const auto pairs = readAll<std::pair<std::string, std::string>>(rs, [](RecordSet& r) {
          return std::make_pair(text(r, "dossier"), text(r, "document"));
        });
        std::vector<std::pair<model::DossierInstance, model::OfficeDocument>> out;
        for (const auto& [dossier_id, document_id] : pairs) {
          auto d = dossierIn(db, dossier_id);
          if (!d) return core::Unexpected{d.error()};
          std::string key = document_id;
          Statement doc(db.session);
          doc << "SELECT * FROM office_documents WHERE id = ?", use(key);
          doc.execute();
          RecordSet dr(doc);
          if (*d && dr.moveFirst()) out.emplace_back(**d, readDocument(dr));
        }
        return out;
      });
}

core::Result<bool> WorkflowStore::onSessionOf(const std::string& dossier_id,
                                              const std::string& login) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<bool> {
    return countRows(db,
                     "SELECT COUNT(*) FROM ballots b JOIN session_members m ON m.session_id = "
                     "b.session_id WHERE b.dossier_id = ? AND m.login = ?",
                     dossier_id, login) != 0;
  });
}

// ---- office documents

core::Result<void> WorkflowStore::insertDocumentIn(DatabaseImpl& tx,
                                                   const model::OfficeDocument& doc) {
  std::string id = doc.id, dossier = doc.dossier_id, kind = doc.kind, notation = doc.notation,
              sha = doc.sha256, at = doc.issued_at;
  int year = doc.year;
  Poco::Nullable<int> number = nullable(doc.number);
  // Numbers are unique per kind, year and the authority of the dossier (each numbers its own).
  std::string of = doc.dossier_id;
  tx.session << "INSERT INTO office_documents (id, dossier_id, kind, year, number, notation, "
                "sha256, issued_at, authority_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT "
                "authority_code FROM dossiers WHERE id = ?))",
      use(id), use(dossier), use(kind), use(year), use(number), use(notation), use(sha), use(at),
      use(of), now;
  return {};
}

core::Result<std::vector<model::OfficeDocument>> WorkflowStore::documents(
    const std::string& dossier_id) const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::vector<model::OfficeDocument>> {
                  Step rows(db.statements,
                            "SELECT id, dossier_id, kind, year, number, notation, sha256, "
                            "issued_at FROM office_documents WHERE dossier_id = ? ORDER BY "
                            "issued_at, id");
                  rows.bind(1, dossier_id);
                  std::vector<model::OfficeDocument> out;
                  while (rows.row()) {
                    model::OfficeDocument d;
                    d.id = rows.text(0);
                    d.dossier_id = rows.text(1);
                    d.kind = rows.text(2);
                    d.year = static_cast<int>(rows.integer(3));
                    if (!rows.isNull(4)) d.number = static_cast<int>(rows.integer(4));
                    d.notation = rows.text(5);
                    d.sha256 = rows.text(6);
                    d.issued_at = rows.text(7);
                    out.push_back(std::move(d));
                  }
                  return out;
                });
}

core::Result<std::optional<model::OfficeDocument>> WorkflowStore::document(
    const std::string& id) const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::optional<model::OfficeDocument>> {
                  std::string key = id;
                  Statement select(db.session);
                  select << "SELECT * FROM office_documents WHERE id = ?", use(key);
                  select.execute();
                  RecordSet rs(select);
                  if (!rs.moveFirst()) return std::optional<model::OfficeDocument>();
                  return std::optional<model::OfficeDocument>(readDocument(rs));
                });
}

// ---- deficiency lists

// ---- upward links

core::Result<void> WorkflowStore::linkIn(DatabaseImpl& tx, const std::string& origin_id,
                                         const std::string& incoming_id, const std::string& at) {
  if (countRows(tx, "SELECT COUNT(*) FROM dossier_links WHERE origin_id = ? OR incoming_id = ?",
                origin_id, incoming_id) != 0) {
    return core::fail(core::Errc::Conflict,
                      "dossier " + origin_id + " or " + incoming_id + " is linked already",
                      {"hồ sơ " + origin_id + " hoặc " + incoming_id + " đã được liên kết"});
  }
  Step insert(tx.statements,
              "INSERT INTO dossier_links (origin_id, incoming_id, linked_at) VALUES (?, ?, ?)");
  insert.bind(1, origin_id).bind(2, incoming_id).bind(3, at);
  insert.run();
  return {};
}

core::Result<std::optional<DossierLink>> WorkflowStore::linkOfIn(DatabaseImpl& tx,
                                                                 const std::string& dossier_id) {
  Step rows(tx.statements,
            "SELECT origin_id, incoming_id, linked_at FROM dossier_links "
            "WHERE origin_id = ?1 OR incoming_id = ?1");
  rows.bind(1, dossier_id);
  if (!rows.row()) return std::optional<DossierLink>();
  return std::optional<DossierLink>(DossierLink{rows.text(0), rows.text(1), rows.text(2)});
}

core::Result<std::optional<DossierLink>> WorkflowStore::linkOf(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) { return linkOfIn(db, dossier_id); });
}

core::Result<void> WorkflowStore::addDeficiencyListIn(DatabaseImpl& tx,
                                                      const std::string& dossier_id, int round,
                                                      const std::vector<std::string>& items,
                                                      const std::string& by,
                                                      const std::string& at) {
  std::string id = dossier_id, json = toJson(items), who = by, when = at;
  int r = round;
  tx.session << "INSERT INTO deficiency_lists (dossier_id, round, items, listed_by, listed_at) "
                "VALUES (?, ?, ?, ?, ?)",
      use(id), use(r), use(json), use(who), use(when), now;
  return {};
}

core::Result<std::vector<std::vector<std::string>>> WorkflowStore::deficiencyListsIn(
    DatabaseImpl& tx, const std::string& dossier_id) {
  Step rows(tx.statements,
            "SELECT items FROM deficiency_lists WHERE dossier_id = ? ORDER BY round");
  rows.bind(1, dossier_id);
  std::vector<std::vector<std::string>> out;
  while (rows.row()) out.push_back(fromJson(rows.text(0)));
  return out;
}

core::Result<std::vector<std::vector<std::string>>> WorkflowStore::deficiencyLists(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) { return deficiencyListsIn(db, dossier_id); });
}

// ---- opinions

core::Result<void> WorkflowStore::requestOpinionIn(DatabaseImpl& tx, const std::string& dossier_id,
                                                   const model::Opinion& opinion) {
  if (countRows(tx, "SELECT COUNT(*) FROM opinions WHERE dossier_id = ? AND agency = ?", dossier_id,
                opinion.agency) != 0) {
    return core::fail(core::Errc::Conflict,
                      "an opinion of " + opinion.agency + " was asked for already",
                      {"đã xin ý kiến " + opinion.agency + " rồi"});
  }
  std::string id = dossier_id, agency = opinion.agency, by = opinion.requested_by,
              at = opinion.requested_at;
  tx.session << "INSERT INTO opinions (dossier_id, agency, requested_by, requested_at) VALUES "
                "(?, ?, ?, ?)",
      use(id), use(agency), use(by), use(at), now;
  return {};
}

core::Result<void> WorkflowStore::receiveOpinionIn(DatabaseImpl& tx, const std::string& dossier_id,
                                                   const std::string& agency,
                                                   const std::string& text_value,
                                                   const std::string& at) {
  std::string id = dossier_id, who = agency, body = text_value, when = at;
  Poco::Nullable<std::string> received;
  Statement select(tx.session);
  select << "SELECT received_at FROM opinions WHERE dossier_id = ? AND agency = ?", use(id),
      use(who), into(received);
  if (select.execute() == 0) {
    return core::fail(core::Errc::NotFound, "no opinion of " + agency + " was asked for",
                      {"chưa xin ý kiến " + agency});
  }
  if (!received.isNull()) {
    return core::fail(core::Errc::Conflict, "the opinion of " + agency + " is recorded already",
                      {"ý kiến của " + agency + " đã được ghi nhận"});
  }
  tx.session << "UPDATE opinions SET received_at = ?, text = ? WHERE dossier_id = ? AND agency = ?",
      use(when), use(body), use(id), use(who), now;
  return {};
}

core::Result<std::vector<model::Opinion>> WorkflowStore::opinions(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::Opinion>> {
    Step rows(db.statements,
              "SELECT agency, requested_by, requested_at, received_at, text FROM opinions WHERE "
              "dossier_id = ? ORDER BY requested_at, agency");
    rows.bind(1, dossier_id);
    std::vector<model::Opinion> out;
    while (rows.row()) out.push_back(opinionRow(rows, 0));
    return out;
  });
}

core::Result<std::map<std::string, WorkflowStore::GuardFacts>> WorkflowStore::guardFacts(
    const std::vector<std::string>& dossier_ids) const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::map<std::string, GuardFacts>> {
                  std::map<std::string, GuardFacts> out;
                  std::string ids = "[";
                  for (const std::string& id : dossier_ids) {
                    out[id];
                    if (ids.size() > 1) ids += ',';
                    ids += jsonString(id);
                  }
                  ids += ']';
                  if (out.empty()) return out;
                  // Each an index search per id (json_each is the outer loop).
                  Step opinions(db.statements,
                                "SELECT dossier_id, agency, requested_by, requested_at, "
                                "received_at, text FROM opinions WHERE dossier_id IN (SELECT "
                                "value FROM json_each(?1)) ORDER BY dossier_id, requested_at, "
                                "agency");
                  opinions.bind(1, ids);
                  while (opinions.row())
                    out[opinions.text(0)].opinions.push_back(opinionRow(opinions, 1));
                  Step ballots(db.statements, AWARDFLOW_BALLOT_COLUMNS
                               "WHERE dossier_id IN (SELECT value FROM json_each(?1)) ORDER BY "
                               "dossier_id, opened_at, id");
                  ballots.bind(1, ids);
                  for (model::Ballot& b : readBallots(ballots))
                    out[b.dossier_id].ballots.push_back(std::move(b));
                  Step decided(db.statements,
                               "SELECT dossier_id FROM decisions WHERE dossier_id IN (SELECT "
                               "value FROM json_each(?1))");
                  decided.bind(1, ids);
                  while (decided.row()) out[decided.text(0)].decided = true;
                  return out;
                });
}

// ---- council sessions

core::Result<void> WorkflowStore::insertSessionIn(DatabaseImpl& tx,
                                                  const model::CouncilSession& session) {
  if (countRows(tx, "SELECT COUNT(*) FROM council_sessions WHERE id = ?", session.id) != 0)
    return core::fail(core::Errc::Conflict, "council session " + session.id + " exists already");
  std::string id = session.id, title = session.title, on = session.meets_on.toString(),
              by = session.opened_by;
  NullableText authority = nullable(session.authority_code);
  tx.session << "INSERT INTO council_sessions (id, title, meets_on, open, opened_by, "
                "authority_code) VALUES (?, ?, ?, 1, ?, ?)",
      use(id), use(title), use(on), use(by), use(authority), now;
  for (const std::string& member : session.members) {
    std::string login = member;
    tx.session << "INSERT INTO session_members (session_id, login) VALUES (?, ?)", use(id),
        use(login), now;
  }
  return {};
}

core::Result<void> WorkflowStore::closeSessionIn(DatabaseImpl& tx, const std::string& id) {
  std::string key = id;
  tx.session << "UPDATE council_sessions SET open = 0 WHERE id = ?", use(key), now;
  return {};
}

core::Result<std::optional<model::CouncilSession>> WorkflowStore::sessionIn(DatabaseImpl& tx,
                                                                            const std::string& id) {
  std::string key = id;
  Statement select(tx.session);
  select << "SELECT * FROM council_sessions WHERE id = ?", use(key);
  select.execute();
  RecordSet rs(select);
  if (!rs.moveFirst()) return std::optional<model::CouncilSession>();
  model::CouncilSession s;
  s.id = text(rs, "id");
  s.title = text(rs, "title");
  s.meets_on = core::Date::parse(text(rs, "meets_on")).value_or(core::Date{});
  s.open = integer(rs, "open") != 0;
  s.opened_by = text(rs, "opened_by");
  s.authority_code = optionalText(rs, "authority_code");
  Statement members(tx.session);
  members << "SELECT login FROM session_members WHERE session_id = ? ORDER BY login", use(key);
  members.execute();
  RecordSet mr(members);
  s.members = readAll<std::string>(mr, [](RecordSet& r) { return text(r, "login"); });
  return std::optional<model::CouncilSession>(std::move(s));
}

core::Result<std::optional<model::CouncilSession>> WorkflowStore::session(
    const std::string& id) const {
  return locked(database_, [&](DatabaseImpl& db) { return sessionIn(db, id); });
}

core::Result<std::vector<model::CouncilSession>> WorkflowStore::sessions() const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::CouncilSession>> {
        Statement select(db.session);
        select << "SELECT id FROM council_sessions ORDER BY meets_on, id";
        select.execute();
        RecordSet rs(select);
        const auto ids = readAll<std::string>(rs, [](RecordSet& r) { return text(r, "id"); });
        std::vector<model::CouncilSession> out;
        for (const std::string& id : ids) {
          auto s = sessionIn(db, id);
          if (!s) return core::Unexpected{s.error()};
          if (*s) out.push_back(std::move(**s));
        }
        return out;
      });
}

// ---- ballots

core::Result<void> WorkflowStore::insertBallotIn(DatabaseImpl& tx, const model::Ballot& ballot) {
  if (countRows(tx, "SELECT COUNT(*) FROM ballots WHERE dossier_id = ? AND open = 1",
                ballot.dossier_id) != 0) {
    return core::fail(core::Errc::Conflict, "dossier " + ballot.dossier_id + " has an open ballot");
  }
  std::string id = ballot.id, dossier = ballot.dossier_id, session = ballot.session_id,
              mode(model::name(ballot.mode)), at = ballot.opened_at;
  tx.session << "INSERT INTO ballots (id, dossier_id, session_id, mode, open, opened_at) VALUES "
                "(?, ?, ?, ?, 1, ?)",
      use(id), use(dossier), use(session), use(mode), use(at), now;
  return {};
}

core::Result<std::optional<model::Ballot>> WorkflowStore::openBallotIn(
    DatabaseImpl& tx, const std::string& dossier_id) {
  Step rows(tx.statements, AWARDFLOW_BALLOT_COLUMNS "WHERE dossier_id = ? AND open = 1");
  rows.bind(1, dossier_id);
  auto found = readBallots(rows);
  if (found.empty()) return std::optional<model::Ballot>();
  return std::optional<model::Ballot>(std::move(found.front()));
}

core::Result<std::optional<model::Ballot>> WorkflowStore::openBallot(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) { return openBallotIn(db, dossier_id); });
}

core::Result<std::vector<model::Ballot>> WorkflowStore::ballots(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::Ballot>> {
    Step rows(db.statements,
              AWARDFLOW_BALLOT_COLUMNS "WHERE dossier_id = ? ORDER BY opened_at, id");
    rows.bind(1, dossier_id);
    return readBallots(rows);
  });
}

core::Result<std::vector<model::Ballot>> WorkflowStore::sessionBallots(
    const std::string& session_id) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::Ballot>> {
    Step rows(db.statements,
              AWARDFLOW_BALLOT_COLUMNS "WHERE session_id = ? ORDER BY dossier_id, opened_at");
    rows.bind(1, session_id);
    return readBallots(rows);
  });
}

core::Result<void> WorkflowStore::castIn(DatabaseImpl& tx, const std::string& ballot_id,
                                         model::VoteMode mode, const ParticipationRecord& record,
                                         std::optional<model::BallotChoice> choice) {
  if (countRows(tx, "SELECT COUNT(*) FROM ballot_participation WHERE ballot_id = ? AND login = ?",
                ballot_id, record.login) != 0) {
    return core::fail(core::Errc::Conflict, record.login + " has voted in this ballot already",
                      {record.login + " đã bỏ phiếu trong lần biểu quyết này"});
  }
  std::string ballot = ballot_id, login = record.login, manner(model::name(record.manner)),
              by = record.recorded_by, at = record.at;
  NullableText open_choice;
  if (mode == model::VoteMode::Open && choice) open_choice = std::string(model::name(*choice));
  tx.session << "INSERT INTO ballot_participation (ballot_id, login, manner, recorded_by, at, "
                "open_choice) VALUES (?, ?, ?, ?, ?, ?)",
      use(ballot), use(login), use(manner), use(by), use(at), use(open_choice), now;
  if (mode == model::VoteMode::Secret && choice) {
    std::string token = crypto::randomHex(16);
    std::string value(model::name(*choice));
    tx.session << "INSERT INTO ballot_box (ballot_id, token, choice) VALUES (?, ?, ?)", use(ballot),
        use(token), use(value), now;
  }
  return {};
}

core::Result<std::vector<ParticipationRecord>> WorkflowStore::participationIn(
    DatabaseImpl& tx, const std::string& ballot_id) {
  std::string id = ballot_id;
  Statement select(tx.session);
  select << "SELECT * FROM ballot_participation WHERE ballot_id = ? ORDER BY login", use(id);
  select.execute();
  RecordSet rs(select);
  return readAll<ParticipationRecord>(rs, [](RecordSet& r) {
    ParticipationRecord p;
    p.login = text(r, "login");
    const std::string manner = text(r, "manner");
    p.manner = manner == "in-writing" ? model::Participation::InWriting
               : manner == "recused"  ? model::Participation::Recused
                                      : model::Participation::InPerson;
    p.recorded_by = text(r, "recorded_by");
    p.at = text(r, "at");
    if (auto c = optionalText(r, "open_choice")) p.open_choice = model::parseBallotChoice(*c);
    return p;
  });
}

core::Result<std::vector<ParticipationRecord>> WorkflowStore::participation(
    const std::string& ballot_id) const {
  return locked(database_, [&](DatabaseImpl& db) { return participationIn(db, ballot_id); });
}

core::Result<model::Tally> WorkflowStore::countIn(DatabaseImpl& tx, const model::Ballot& ballot,
                                                  int members) {
  auto records = participationIn(tx, ballot.id);
  if (!records) return core::Unexpected{records.error()};
  model::Tally t;
  for (const ParticipationRecord& p : *records) {
    if (p.manner == model::Participation::Recused) {
      ++t.recused;
      continue;
    }
    ++t.taking_part;
    if (p.manner == model::Participation::InWriting) ++t.in_writing;
    if (ballot.mode == model::VoteMode::Open && p.open_choice) {
      if (*p.open_choice == model::BallotChoice::Approve) ++t.approve;
      if (*p.open_choice == model::BallotChoice::Reject) ++t.reject;
      if (*p.open_choice == model::BallotChoice::Abstain) ++t.abstain;
    }
  }
  t.members = members - t.recused;
  if (ballot.mode == model::VoteMode::Secret) {
    std::string id = ballot.id;
    Statement select(tx.session);
    select << "SELECT choice, COUNT(*) AS n FROM ballot_box WHERE ballot_id = ? GROUP BY choice",
        use(id);
    select.execute();
    RecordSet rs(select);
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      const auto choice = model::parseBallotChoice(text(rs, "choice"));
      const int n = static_cast<int>(integer(rs, "n"));
      if (choice == model::BallotChoice::Approve) t.approve = n;
      if (choice == model::BallotChoice::Reject) t.reject = n;
      if (choice == model::BallotChoice::Abstain) t.abstain = n;
    }
  }
  if (t.approve + t.reject + t.abstain != t.taking_part) {
    return core::fail(core::Errc::Internal,
                      "ballot " + ballot.id + ": " + std::to_string(t.taking_part) +
                          " members took part but the box holds " +
                          std::to_string(t.approve + t.reject + t.abstain) + " votes");
  }
  return t;
}

core::Result<model::Tally> WorkflowStore::count(const model::Ballot& ballot, int members) const {
  return locked(database_, [&](DatabaseImpl& db) { return countIn(db, ballot, members); });
}

core::Result<void> WorkflowStore::closeBallotIn(DatabaseImpl& tx, const model::Ballot& closed) {
  const model::Tally t = closed.tally.value_or(model::Tally{});
  std::string id = closed.id, at = closed.closed_at.value_or(""), doc = closed.tally_document;
  int members = t.members, recused = t.recused, taking_part = t.taking_part,
      in_writing = t.in_writing, approve = t.approve, reject = t.reject, abstain = t.abstain,
      passed = closed.passed.value_or(false) ? 1 : 0;
  tx.session
      << "UPDATE ballots SET open = 0, closed_at = ?, members = ?, recused = ?, "
         "taking_part = ?, in_writing = ?, approve = ?, reject = ?, abstain = ?, passed = ?, "
         "tally_document = ? WHERE id = ? AND open = 1",
      use(at), use(members), use(recused), use(taking_part), use(in_writing), use(approve),
      use(reject), use(abstain), use(passed), use(doc), use(id), now;
  return {};
}

// ---- decisions

core::Result<void> WorkflowStore::putDecisionIn(DatabaseImpl& tx, const model::Decision& d) {
  std::string id = d.dossier_id, outcome = d.outcome, reason = d.reason, by = d.decided_by,
              at = d.decided_at, revoke_reason = d.revoke_reason;
  NullableText doc = nullable(d.document_id), revoked = nullable(d.revoked_at);
  tx.session << "INSERT INTO decisions (dossier_id, outcome, reason, decided_by, decided_at, "
                "document_id, revoked_at, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (dossier_id) DO UPDATE SET outcome = excluded.outcome, "
                "reason = excluded.reason, decided_by = excluded.decided_by, "
                "decided_at = excluded.decided_at, document_id = excluded.document_id, "
                "revoked_at = excluded.revoked_at, revoke_reason = excluded.revoke_reason",
      use(id), use(outcome), use(reason), use(by), use(at), use(doc), use(revoked),
      use(revoke_reason), now;
  return {};
}

core::Result<std::optional<model::Decision>> WorkflowStore::decisionIn(
    DatabaseImpl& tx, const std::string& dossier_id) {
  Step row(tx.statements,
           "SELECT dossier_id, outcome, reason, decided_by, decided_at, document_id, revoked_at, "
           "revoke_reason FROM decisions WHERE dossier_id = ?");
  row.bind(1, dossier_id);
  if (!row.row()) return std::optional<model::Decision>();
  model::Decision d;
  d.dossier_id = row.text(0);
  d.outcome = row.text(1);
  d.reason = row.text(2);
  d.decided_by = row.text(3);
  d.decided_at = row.text(4);
  if (!row.isNull(5)) d.document_id = row.text(5);
  if (!row.isNull(6)) d.revoked_at = row.text(6);
  d.revoke_reason = row.text(7);
  return std::optional<model::Decision>(std::move(d));
}

core::Result<std::optional<model::Decision>> WorkflowStore::decision(
    const std::string& dossier_id) const {
  return locked(database_, [&](DatabaseImpl& db) { return decisionIn(db, dossier_id); });
}

}  // namespace awardflow::store
