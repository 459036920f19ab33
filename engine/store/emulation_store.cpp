#include "engine/store/emulation_store.hpp"

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

std::vector<model::Criterion> criteriaOf(StatementCache& statements, const std::string& set_id) {
  Step rows(statements,
            "SELECT code, title, max_points, weight FROM criteria WHERE set_id = ?1 "
            "ORDER BY ordinal");
  rows.bind(1, set_id);
  std::vector<model::Criterion> out;
  while (rows.row()) out.push_back({rows.text(0), rows.text(1), rows.real(2), rows.real(3)});
  return out;
}

model::CriteriaSet setFrom(const Step& row) {
  model::CriteriaSet s;
  s.id = row.text(0);
  s.group_id = row.text(1);
  s.period = row.text(2);
  s.title = row.text(3);
  s.created_by = row.text(4);
  s.created_at = row.text(5);
  s.closed_by = row.text(6);
  if (!row.isNull(7)) s.closed_at = row.text(7);
  return s;
}

std::vector<std::string> membersOf(StatementCache& statements, const std::string& group_id) {
  Step rows(statements,
            "SELECT unit_code FROM emulation_members WHERE group_id = ?1 ORDER BY ordinal");
  rows.bind(1, group_id);
  std::vector<std::string> out;
  while (rows.row()) out.push_back(rows.text(0));
  return out;
}

}  // namespace

core::Result<void> EmulationStore::addGroupIn(DatabaseImpl& tx, const model::EmulationGroup& g) {
  Step exists(tx.statements, "SELECT 1 FROM emulation_groups WHERE id = ?1");
  exists.bind(1, g.id);
  if (exists.row()) {
    return core::fail(core::Errc::Conflict, "emulation group " + g.id + " exists already",
                      {"đã có cụm, khối thi đua " + g.id});
  }
  Step insert(tx.statements,
              "INSERT INTO emulation_groups (id, name, kind, created_by, created_at, "
              "authority_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, g.id).bind(2, g.name).bind(3, g.kind).bind(4, g.created_by).bind(5, g.created_at);
  if (g.authority_code)
    insert.bind(6, *g.authority_code);
  else
    insert.bindNull(6);
  insert.run();
  std::int64_t ordinal = 0;
  for (const std::string& unit : g.units) {
    Step member(tx.statements,
                "INSERT INTO emulation_members (group_id, unit_code, ordinal) VALUES (?1, ?2, ?3)");
    member.bind(1, g.id).bind(2, unit).bind(3, ++ordinal);
    member.run();
  }
  return {};
}

core::Result<void> EmulationStore::addSetIn(DatabaseImpl& tx, const model::CriteriaSet& s) {
  Step exists(tx.statements, "SELECT 1 FROM criteria_sets WHERE id = ?1");
  exists.bind(1, s.id);
  if (exists.row()) {
    return core::fail(core::Errc::Conflict, "criteria set " + s.id + " exists already",
                      {"đã có bộ tiêu chí " + s.id});
  }
  Step insert(tx.statements,
              "INSERT INTO criteria_sets (id, group_id, period, title, created_by, created_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, s.id)
      .bind(2, s.group_id)
      .bind(3, s.period)
      .bind(4, s.title)
      .bind(5, s.created_by)
      .bind(6, s.created_at);
  insert.run();
  std::int64_t ordinal = 0;
  for (const model::Criterion& c : s.criteria) {
    Step criterion(tx.statements,
                   "INSERT INTO criteria (set_id, code, ordinal, title, max_points, weight) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    criterion.bind(1, s.id).bind(2, c.code).bind(3, ++ordinal).bind(4, c.title);
    criterion.bindReal(5, c.max_points).bindReal(6, c.weight);
    criterion.run();
  }
  return {};
}

core::Result<std::optional<double>> EmulationStore::putScoreIn(DatabaseImpl& tx,
                                                               const model::Score& s) {
  Step before(tx.statements,
              "SELECT points FROM scores WHERE set_id = ?1 AND unit_code = ?2 AND criterion = ?3 "
              "AND scorer = ?4");
  before.bind(1, s.set_id).bind(2, s.unit_code).bind(3, s.criterion).bind(4, s.scorer);
  std::optional<double> previous;
  if (before.row()) previous = before.real(0);
  Step put(tx.statements,
           "INSERT OR REPLACE INTO scores (set_id, unit_code, criterion, scorer, points, note, at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  put.bind(1, s.set_id).bind(2, s.unit_code).bind(3, s.criterion).bind(4, s.scorer);
  put.bindReal(5, s.points).bind(6, s.note).bind(7, s.at);
  put.run();
  return previous;
}

core::Result<void> EmulationStore::closeSetIn(DatabaseImpl& tx, const std::string& id,
                                              const std::string& by, const std::string& at) {
  Step close(tx.statements,
             "UPDATE criteria_sets SET closed_by = ?2, closed_at = ?3 WHERE id = ?1 AND "
             "closed_at IS NULL");
  close.bind(1, id).bind(2, by).bind(3, at);
  close.run();
  if (close.changes() == 0) {
    return core::fail(core::Errc::Conflict, "criteria set " + id + " is closed already",
                      {"bộ tiêu chí " + id + " đã khóa sổ"});
  }
  return {};
}

core::Result<std::optional<model::CriteriaSet>> EmulationStore::setIn(DatabaseImpl& tx,
                                                                      const std::string& id) {
  Step row(tx.statements,
           "SELECT id, group_id, period, title, created_by, created_at, closed_by, closed_at "
           "FROM criteria_sets WHERE id = ?1");
  row.bind(1, id);
  if (!row.row()) return std::optional<model::CriteriaSet>();
  model::CriteriaSet s = setFrom(row);
  s.criteria = criteriaOf(tx.statements, id);
  return std::optional<model::CriteriaSet>(std::move(s));
}

core::Result<std::vector<model::EmulationGroup>> EmulationStore::groups() const {
  return locked(database_, [&](DatabaseImpl& db) { return groupsIn(db, nullptr); });
}

core::Result<std::optional<model::EmulationGroup>> EmulationStore::group(
    const std::string& id) const {
  return locked(database_, [&](DatabaseImpl& db) { return groupIn(db, id); });
}

core::Result<std::optional<model::EmulationGroup>> EmulationStore::groupIn(DatabaseImpl& tx,
                                                                           const std::string& id) {
  auto found = groupsIn(tx, &id);
  if (!found) return core::Unexpected{found.error()};
  if (found->empty()) return std::optional<model::EmulationGroup>();
  return std::optional<model::EmulationGroup>(std::move(found->front()));
}

core::Result<std::vector<model::EmulationGroup>> EmulationStore::groupsIn(DatabaseImpl& db,
                                                                          const std::string* id) {
  std::vector<model::EmulationGroup> out;
  {
    Step rows(db.statements,
              "SELECT id, name, kind, created_by, created_at, authority_code FROM "
              "emulation_groups WHERE ?1 IS NULL OR id = ?1 ORDER BY id");
    if (id)
      rows.bind(1, *id);
    else
      rows.bindNull(1);
    while (rows.row()) {
      model::EmulationGroup g{rows.text(0), rows.text(1), rows.text(2), {},
                              rows.text(3), rows.text(4), std::nullopt};
      if (!rows.isNull(5)) g.authority_code = rows.text(5);
      out.push_back(std::move(g));
    }
  }
  for (model::EmulationGroup& g : out) g.units = membersOf(db.statements, g.id);
  return out;
}

core::Result<std::vector<model::CriteriaSet>> EmulationStore::sets() const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::CriteriaSet>> {
    std::vector<model::CriteriaSet> out;
    {
      Step rows(db.statements,
                "SELECT id, group_id, period, title, created_by, created_at, closed_by, closed_at "
                "FROM criteria_sets ORDER BY period DESC, id");
      while (rows.row()) out.push_back(setFrom(rows));
    }
    for (model::CriteriaSet& s : out) s.criteria = criteriaOf(db.statements, s.id);
    return out;
  });
}

core::Result<std::optional<model::CriteriaSet>> EmulationStore::set(const std::string& id) const {
  return locked(database_, [&](DatabaseImpl& db) { return setIn(db, id); });
}

core::Result<std::vector<model::Score>> EmulationStore::scores(const std::string& set_id) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<model::Score>> {
    Step rows(db.statements,
              "SELECT unit_code, criterion, scorer, points, note, at FROM scores WHERE set_id = ?1 "
              "ORDER BY unit_code, criterion, scorer");
    rows.bind(1, set_id);
    std::vector<model::Score> out;
    while (rows.row()) {
      out.push_back({set_id, rows.text(0), rows.text(1), rows.text(2), rows.real(3), rows.text(4),
                     rows.text(5)});
    }
    return out;
  });
}

}  // namespace awardflow::store
