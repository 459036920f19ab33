#pragma once

// Private to engine/store: the hot statements of the write path (transaction control, the
// audit chain's append, a dossier's read and versioned update) on SQLite's C API with prepared
// statements cached per connection. Poco::Data prepares every statement anew, which costs more
// than the statement itself for these one-row operations. Everything else stays on Poco::Data.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace awardflow::store {

// Prepared statements of one connection, finalized with it. Keyed by the SQL text's address:
// callers pass string literals.
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();

  void attach(sqlite3* db) { db_ = db; }
  sqlite3* db() const { return db_; }
  // The prepared statement for `sql`. Throws Poco::Data::DataException when it cannot be prepared.
  sqlite3_stmt* get(const char* sql);

 private:
  sqlite3* db_ = nullptr;
  std::map<const char*, sqlite3_stmt*> statements_;
};

// `sql`, built at run time, kept for the program's life: the same text gives the same address,
// which keys the statement cache. Thread-safe.
const char* internedSql(std::string sql);

// "?first, ?first+1, …" for `count` numbered parameters (an IN list).
std::string numberedParameters(int first, std::size_t count);

// Scopes of up to this many authorities are an IN list of parameters, which lets SQLite take
// an authority index; a wider scope is matched another way (each statement says how). One
// json_each parameter made SQLite scan by id instead: 60× slower at 300 000 dossiers, and an
// instr() over ",A,B," read a whole year of report rows (bench/province_bench.cpp).
inline constexpr std::size_t kListedAuthorities = 8;

// One execution of a cached statement: bind, step through rows, reset on destruction.
// Failures throw Poco::Data::DataException (the callers' edge turns it into Errc::Unavailable).
class Step {
 public:
  Step(StatementCache& cache, const char* sql);
  Step(const Step&) = delete;
  Step& operator=(const Step&) = delete;
  ~Step();

  Step& bind(int index, std::string_view text);
  Step& bind(int index, std::int64_t value);
  Step& bindNull(int index);
  Step& bindReal(int index, double value);
  // Advances to the next row: true when there is one, false when done.
  bool row();
  // Runs a statement that returns no rows.
  void run();
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool isNull(int column) const;
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int changes() const;

 private:
  [[noreturn]] void fail(const char* what) const;
  StatementCache& cache_;
  sqlite3_stmt* statement_;
};

}  // namespace awardflow::store
