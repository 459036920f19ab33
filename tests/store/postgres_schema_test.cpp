// The PostgreSQL schema (engine/store/postgres/schema.cpp) against SQLite's, on a real
// PostgreSQL 15 started by the test: both dialects numbered together and equivalent.
#include <sqlite3.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "engine/store/database.hpp"
#include "engine/store/postgres/connection.hpp"
#include "engine/store/postgres/schema.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/postgres.hpp"

using namespace awardflow;

namespace {

struct Column {
  std::string type;  // "text", "integer", "real", "blob", or "" (SQLite: none declared)
  bool not_null = false;
  bool operator==(const Column&) const = default;
};

// What both dialects must agree on, read from each catalogue.
struct Shape {
  std::map<std::string, std::map<std::string, Column>> tables;
  std::map<std::string, std::vector<std::string>> primary_keys;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> foreign_keys;
  std::set<std::pair<std::string, std::string>> indexes;   // (name, table)
  std::set<std::pair<std::string, std::string>> triggers;  // (name, table)
  std::set<std::pair<std::string, std::string>> uniques;   // (table, "col,col")
};

std::vector<std::vector<std::string>> rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sql);
  std::vector<std::vector<std::string>> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      const auto* text = sqlite3_column_text(s, i);
      row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  return out;
}

std::string sqliteType(std::string declared) {
  for (char& c : declared) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return declared;  // our migrations declare TEXT, INTEGER, REAL or BLOB
}

Shape sqliteShape(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  Shape shape;
  for (const auto& t : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
    const std::string& table = t[0];
    std::vector<std::pair<int, std::string>> key;
    for (const auto& c :
         rows(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info('" + table + "')")) {
      const bool pk = std::stoi(c[3]) > 0;
      shape.tables[table][c[0]] = Column{sqliteType(c[1]), c[2] == "1" || pk};
      if (pk) key.emplace_back(std::stoi(c[3]), c[0]);
    }
    std::sort(key.begin(), key.end());
    for (const auto& [_, name] : key) shape.primary_keys[table].push_back(name);
    for (const auto& f : rows(db,
                              "SELECT \"from\", \"table\", \"to\" FROM "
                              "pragma_foreign_key_list('" +
                                  table + "')"))
      shape.foreign_keys.emplace(table, f[0], f[1], f[2]);
    for (const auto& i :
         rows(db, "SELECT name FROM pragma_index_list('" + table + "') WHERE origin = 'u'")) {
      std::string columns;
      for (const auto& c : rows(db, "SELECT name FROM pragma_index_info('" + i[0] + "')"))
        columns += (columns.empty() ? "" : ",") + c[0];
      shape.uniques.emplace(table, columns);
    }
  }
  for (const auto& i : rows(db,
                            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                            "AND sql IS NOT NULL"))
    shape.indexes.emplace(i[0], i[1]);
  for (const auto& t : rows(db, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"))
    shape.triggers.emplace(t[0], t[1]);
  sqlite3_close(db);
  return shape;
}

// psql's unaligned output as rows of '|'-separated fields.
std::vector<std::vector<std::string>> pgRows(const testing::TempPostgres& pg,
                                             const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(pg.sql(sql));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::vector<std::string> row;
    std::size_t from = 0;
    for (std::size_t bar; (bar = line.find('|', from)) != std::string::npos; from = bar + 1)
      row.push_back(line.substr(from, bar - from));
    row.push_back(line.substr(from));
    out.push_back(std::move(row));
  }
  return out;
}

std::string pgType(const std::string& type) {
  if (type == "bigint" || type == "integer") return "integer";
  if (type == "double precision") return "real";
  if (type == "bytea") return "blob";
  return type;  // text, tsvector
}

Shape pgShape(const testing::TempPostgres& pg) {
  Shape shape;
  for (const auto& c : pgRows(pg,
                              "SELECT table_name, column_name, data_type, is_nullable FROM "
                              "information_schema.columns WHERE table_schema = 'public'"))
    shape.tables[c[0]][c[1]] = Column{pgType(c[2]), c[3] == "NO"};
  for (const auto& k : pgRows(pg,
                              "SELECT c.conrelid::regclass, a.attname FROM pg_constraint c "
                              "CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(col, n) "
                              "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = "
                              "k.col WHERE c.contype = 'p' AND c.connamespace = "
                              "'public'::regnamespace ORDER BY 1, k.n"))
    shape.primary_keys[k[0]].push_back(k[1]);
  for (const auto& f :
       pgRows(pg,
              "SELECT c.conrelid::regclass, a.attname, c.confrelid::regclass, "
              "af.attname FROM pg_constraint c CROSS JOIN LATERAL "
              "unnest(c.conkey, c.confkey) AS k(col, fcol) JOIN pg_attribute a "
              "ON a.attrelid = c.conrelid AND a.attnum = k.col JOIN "
              "pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = "
              "k.fcol WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace"))
    shape.foreign_keys.emplace(f[0], f[1], f[2], f[3]);
  for (const auto& u : pgRows(pg,
                              "SELECT c.conrelid::regclass, string_agg(a.attname, ',' ORDER "
                              "BY k.n) FROM pg_constraint c CROSS JOIN LATERAL "
                              "unnest(c.conkey) WITH ORDINALITY AS k(col, n) JOIN pg_attribute "
                              "a ON a.attrelid = c.conrelid AND a.attnum = k.col WHERE "
                              "c.contype = 'u' AND c.connamespace = 'public'::regnamespace GROUP "
                              "BY c.oid, c.conrelid"))
    shape.uniques.emplace(u[0], u[1]);
  for (const auto& i : pgRows(pg,
                              "SELECT i.indexname, i.tablename FROM pg_indexes i WHERE "
                              "i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM "
                              "pg_constraint c WHERE c.conname = i.indexname)"))
    shape.indexes.emplace(i[0], i[1]);
  for (const auto& t : pgRows(pg,
                              "SELECT DISTINCT trigger_name, event_object_table FROM "
                              "information_schema.triggers"))
    shape.triggers.emplace(t[0], t[1]);
  return shape;
}

// The differences the dialects are allowed, each for a reason said here.
void allowDifferences(Shape& sqlite, Shape& pg) {
  // FTS5 keeps its index in tables of its own; PostgreSQL's is a tsvector column with a GIN
  // index. Both have archive_text(rowid, body), SQLite's rowid implicit.
  for (const char* shadow :
       {"archive_text_data", "archive_text_idx", "archive_text_docsize", "archive_text_config"}) {
    sqlite.tables.erase(shadow);
    sqlite.primary_keys.erase(shadow);
    sqlite.uniques.erase({shadow, "segid,term"});
    sqlite.uniques.erase({shadow, "k"});
  }
  CHECK(sqlite.tables["archive_text"] == std::map<std::string, Column>{{"body", {"", false}}});
  CHECK(pg.tables["archive_text"]["body"] == Column{"tsvector", true});
  sqlite.tables["archive_text"] = pg.tables["archive_text"];
  sqlite.primary_keys["archive_text"] = {"rowid"};
  pg.indexes.erase({"archive_text_body", "archive_text"});
  // The search index finds a record by its rowid: implicit in SQLite, a column in PostgreSQL.
  sqlite.tables["archive_records"]["rowid"] = Column{"integer", true};
  pg.uniques.erase({"archive_records", "rowid"});
  for (auto* shape : {&sqlite, &pg}) shape->primary_keys.erase("");
}

// What is in `a` but not in `b` and the other way round, to say what differs.
template <typename T>
std::string difference(const std::set<T>& a, const std::set<T>& b, const std::string& what) {
  std::ostringstream out;
  const auto describe = [&](const T& item) {
    std::ostringstream o;
    std::apply([&](const auto&... field) { ((o << field << ' '), ...); }, item);
    return o.str();
  };
  for (const T& x : a)
    if (b.count(x) == 0) out << what << " only in SQLite: " << describe(x) << "\n";
  for (const T& x : b)
    if (a.count(x) == 0) out << what << " only in PostgreSQL: " << describe(x) << "\n";
  return out.str();
}

}  // namespace

TEST_CASE("the PostgreSQL schema is numbered with SQLite's and has the same shape") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  int sqlite_version = 0;
  {
    auto db = store::Database::open(file);
    REQUIRE(db);
    sqlite_version = db->schemaVersion();
  }
  // Numbered together: a migration added to one dialect alone fails here.
  const auto& migrations = store::postgres::migrations();
  REQUIRE_FALSE(migrations.empty());
  CHECK(migrations.front().version == store::postgres::kBaselineVersion);
  CHECK(migrations.back().version == sqlite_version);
  for (std::size_t i = 1; i < migrations.size(); ++i)
    CHECK(migrations[i].version == migrations[i - 1].version + 1);

  testing::TempPostgres pg;
  auto connection = store::postgres::Connection::open(pg.url());
  REQUIRE(connection);
  REQUIRE(store::postgres::migrate(*connection));
  Shape sqlite = sqliteShape(file);
  Shape postgres = pgShape(pg);
  allowDifferences(sqlite, postgres);

  std::set<std::string> sqlite_tables, pg_tables;
  for (const auto& [name, _] : sqlite.tables) sqlite_tables.insert(name);
  for (const auto& [name, _] : postgres.tables) pg_tables.insert(name);
  CHECK_MESSAGE(sqlite_tables == pg_tables, [&] {
    std::string out;
    for (const auto& t : sqlite_tables)
      if (pg_tables.count(t) == 0) out += "table only in SQLite: " + t + "\n";
    for (const auto& t : pg_tables)
      if (sqlite_tables.count(t) == 0) out += "table only in PostgreSQL: " + t + "\n";
    return out;
  }());
  for (const auto& [table, columns] : sqlite.tables) {
    CAPTURE(table);
    for (const auto& [name, column] : columns) {
      CAPTURE(name);
      const auto& other = postgres.tables[table];
      REQUIRE_MESSAGE(other.count(name) == 1, "column missing in PostgreSQL");
      CHECK(column.type == other.at(name).type);
      CHECK(column.not_null == other.at(name).not_null);
    }
    CHECK(columns.size() == postgres.tables[table].size());
    CHECK(sqlite.primary_keys[table] == postgres.primary_keys[table]);
  }
  CHECK_MESSAGE(sqlite.foreign_keys == postgres.foreign_keys,
                difference(sqlite.foreign_keys, postgres.foreign_keys, "foreign key"));
  CHECK_MESSAGE(sqlite.uniques == postgres.uniques,
                difference(sqlite.uniques, postgres.uniques, "unique"));
  CHECK_MESSAGE(sqlite.indexes == postgres.indexes,
                difference(sqlite.indexes, postgres.indexes, "index"));
  CHECK_MESSAGE(sqlite.triggers == postgres.triggers,
                difference(sqlite.triggers, postgres.triggers, "trigger"));
}

TEST_CASE("the PostgreSQL triggers keep the counts and the authorities' number as SQLite's do") {
  testing::TempPostgres pg;
  auto connection = store::postgres::Connection::open(pg.url());
  REQUIRE(connection);
  REQUIRE(store::postgres::migrate(*connection));
  pg.sql(
      "INSERT INTO authorities VALUES ('TINH', 'Tỉnh', 'province', NULL, NULL, 0, 'x');"
      "INSERT INTO authorities VALUES ('XA', 'Xã', 'commune', 'TINH', NULL, 0, 'x');"
      "UPDATE authorities SET name = 'Xã Sơn Kim 1' WHERE code = 'XA';"
      "INSERT INTO units VALUES ('U1', 'Thôn 1', 'village', 'XA', NULL);"
      "INSERT INTO rulebook_pins VALUES ('rb', 1, 'sha', 'x');");
  CHECK(pg.sql("SELECT n FROM authorities_version") == "3\n");
  const std::string dossier =
      "INSERT INTO dossiers (id, unit_code, source_id, title, rulebook_id, rulebook_version, "
      "rulebook_sha256, procedure_id, variant, state, version, revision, xml_sha256, complete, "
      "signed_valid, submitted_by, submitted_at, updated_at, authority_code) VALUES ('HS-%', "
      "'U1', 's', 't', 'rb', 1, 'sha', 'p', 'standard', 'submitted', 1, 1, 'x', 1, 1, 'u', 'x', "
      "'x', 'XA');";
  const auto numbered = [&](char n) {
    std::string s = dossier;
    s[s.find('%')] = n;
    return s;
  };
  pg.sql(numbered('1') + numbered('2') +
         "UPDATE dossiers SET state = 'received' WHERE id = 'HS-1';");
  CHECK(pg.sql("SELECT state, n FROM dossier_counts ORDER BY state") ==
        "received|1\nsubmitted|1\n");
  pg.sql(
      "UPDATE dossiers SET title = 'new' WHERE id = 'HS-2'; DELETE FROM dossiers WHERE id = "
      "'HS-1';");
  CHECK(pg.sql("SELECT state, n FROM dossier_counts ORDER BY state") ==
        "received|0\nsubmitted|1\n");
  // A failing statement leaves nothing of its transaction.
  bool ok = true;
  pg.sql(numbered('3') + "INSERT INTO dossiers (id) VALUES ('HS-4');", &ok);
  CHECK_FALSE(ok);
  CHECK(pg.sql("SELECT count(*) FROM dossiers") == "1\n");
  CHECK(pg.sql("SELECT state, n FROM dossier_counts ORDER BY state") ==
        "received|0\nsubmitted|1\n");
}
