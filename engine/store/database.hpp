#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "engine/core/error.hpp"

namespace awardflow::store {

struct DatabaseImpl;

// The embedded SQLite store of a data directory (awardflow.db): WAL journal, synchronous=FULL
// (a committed transaction survives power loss), foreign keys on, a busy timeout so that
// several processes can share one data directory. Numbered migrations run at open.
// One Database serializes its own use (a mutex around one connection): share it between
// threads freely. Poco::Data stays inside this module.
class Database {
 public:
  // Opens (creating when absent) the database at `file` and brings its schema up to date.
  // Fails with Errc::Unavailable when the file cannot be opened or a migration fails, and
  // Errc::Config when the database was written by a newer awardflow (unknown migrations).
  static core::Result<Database> open(const std::filesystem::path& file);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // The highest migration applied.
  int schemaVersion() const;

  // Runs `work` as one atomic unit: its writes are committed when it returns a value and undone
  // when it returns an error. Returns only once the outcome is durable (synchronous=FULL).
  // Concurrent callers are group-committed: one thread runs every queued work in one IMMEDIATE
  // transaction, each in its own savepoint (a failing work undoes only itself), under one COMMIT.
  // A transaction() inside `work` joins it as a savepoint. SQLite and Poco failures become
  // Errc::Unavailable (for every work of the batch when BEGIN or COMMIT fails), anything else
  // thrown by `work` Errc::Internal. `work` receives the connection for this module's code.
  core::Result<void> transaction(
      const std::function<core::Result<void>(DatabaseImpl&)>& work) const;

  DatabaseImpl& impl() const { return *impl_; }

 private:
  explicit Database(std::unique_ptr<DatabaseImpl> impl);
  std::unique_ptr<DatabaseImpl> impl_;
};

}  // namespace awardflow::store
