#include "engine/store/database.hpp"

#include <array>
#include <mutex>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>

#include "engine/store/detail/database_impl.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

// Numbered schema migrations, applied in order, each in its own transaction. Never edit one
// that has shipped: add the next.
struct Migration {
  int version;
  const char* sql;
};

constexpr std::array<Migration, 2> kMigrations{{
    {1,
     "CREATE TABLE events ("
     "  seq INTEGER PRIMARY KEY,"
     "  at TEXT NOT NULL,"
     "  actor TEXT NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  subject TEXT NOT NULL,"
     "  payload TEXT NOT NULL,"
     "  prev_hash TEXT NOT NULL,"
     "  hash TEXT NOT NULL UNIQUE);"
     "CREATE TABLE blobs ("
     "  sha256 TEXT PRIMARY KEY,"
     "  size INTEGER NOT NULL,"
     "  media_type TEXT NOT NULL,"
     "  stored_at TEXT NOT NULL);"},
    {2,
     "CREATE TABLE units ("
     "  code TEXT PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  level TEXT NOT NULL);"
     "CREATE TABLE users ("
     "  login TEXT PRIMARY KEY,"
     "  full_name TEXT NOT NULL,"
     "  role TEXT NOT NULL,"
     "  unit_code TEXT REFERENCES units(code),"
     "  password_hash TEXT NOT NULL,"
     "  active INTEGER NOT NULL DEFAULT 1);"},
}};

void registerSqlite() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

}  // namespace

Database::Database(std::unique_ptr<DatabaseImpl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

int Database::schemaVersion() const { return impl_->schema_version; }

core::Result<Database> Database::open(const std::filesystem::path& file) {
  registerSqlite();
  try {
    auto impl = std::make_unique<DatabaseImpl>(Poco::Data::Session("SQLite", file.string()));
    Poco::Data::Session& s = impl->session;
    std::string mode;
    s << "PRAGMA journal_mode=WAL", into(mode), now;
    s << "PRAGMA synchronous=FULL", now;
    s << "PRAGMA foreign_keys=ON", now;
    s << "PRAGMA busy_timeout=10000", now;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at "
         "TEXT NOT NULL)",
        now;
    int current = 0;
    s << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(current), now;
    if (current > kMigrations.back().version) {
      return core::fail(core::Errc::Config, file.string() + " has schema version " +
                                                std::to_string(current) +
                                                ", newer than this awardflow knows (" +
                                                std::to_string(kMigrations.back().version) + ")");
    }
    for (const Migration& m : kMigrations) {
      if (m.version <= current) continue;
      s.begin();
      try {
        s << m.sql, now;
        int version = m.version;
        s << "INSERT INTO schema_migrations (version, applied_at) VALUES (?, "
             "strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            use(version), now;
        s.commit();
      } catch (...) {
        s.rollback();
        throw;
      }
      current = m.version;
    }
    impl->schema_version = current;
    return Database(std::move(impl));
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable,
                      "cannot open the store " + file.string() + ": " + e.displayText());
  }
}

core::Result<void> Database::transaction(
    const std::function<core::Result<void>(DatabaseImpl&)>& work) const {
  const std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
  Poco::Data::Session& s = impl_->session;
  try {
    // IMMEDIATE takes the write lock now: two processes cannot both read, then both write.
    s << "BEGIN IMMEDIATE", now;
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "the store is busy: " + e.displayText());
  }
  try {
    core::Result<void> result = work(*impl_);
    if (result) {
      s << "COMMIT", now;
    } else {
      s << "ROLLBACK", now;
    }
    return result;
  } catch (const Poco::Exception& e) {
    try {
      s << "ROLLBACK", now;
    } catch (...) {  // the rollback's own failure changes nothing for the caller
    }
    return core::fail(core::Errc::Unavailable, "store transaction failed: " + e.displayText());
  } catch (...) {
    try {
      s << "ROLLBACK", now;
    } catch (...) {
    }
    throw;
  }
}

}  // namespace awardflow::store
