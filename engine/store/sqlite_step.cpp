#include "engine/store/detail/sqlite_step.hpp"

#include <mutex>
#include <set>

#include <Poco/Data/DataException.h>

namespace awardflow::store {

const char* internedSql(std::string sql) {
  static std::mutex mutex;
  static std::set<std::string> interned;
  const std::lock_guard<std::mutex> lock(mutex);
  return interned.insert(std::move(sql)).first->c_str();
}

std::string numberedParameters(int first, std::size_t count) {
  std::string out;
  for (std::size_t k = 0; k < count; ++k)
    out += (k ? ", ?" : "?") + std::to_string(first + static_cast<int>(k));
  return out;
}

StatementCache::~StatementCache() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
}

sqlite3_stmt* StatementCache::get(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    throw Poco::Data::DataException(std::string("cannot prepare: ") + sqlite3_errmsg(db_));
  }
  statements_.emplace(sql, statement);
  return statement;
}

Step::Step(StatementCache& cache, const char* sql) : cache_(cache), statement_(cache.get(sql)) {}

Step::~Step() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

void Step::fail(const char* what) const {
  throw Poco::Data::DataException(std::string(what) + ": " + sqlite3_errmsg(cache_.db()));
}

Step& Step::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    fail("bind");
  return *this;
}

Step& Step::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail("bind");
  return *this;
}

Step& Step::bindNull(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail("bind");
  return *this;
}

Step& Step::bindReal(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) fail("bind");
  return *this;
}

bool Step::row() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("step");
}

void Step::run() {
  while (row()) {
  }
}

std::string Step::text(int column) const {
  const unsigned char* value = sqlite3_column_text(statement_, column);
  if (value == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(value),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Step::integer(int column) const { return sqlite3_column_int64(statement_, column); }

double Step::real(int column) const { return sqlite3_column_double(statement_, column); }

bool Step::isNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int Step::changes() const { return sqlite3_changes(cache_.db()); }

}  // namespace awardflow::store
