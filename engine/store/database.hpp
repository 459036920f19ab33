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

  // Runs `work` inside one IMMEDIATE transaction: committed when it returns a value, rolled back
  // when it returns an error or throws. SQLite and Poco failures become Errc::Unavailable.
  // `work` receives the connection's handle for the repository code in this module.
  core::Result<void> transaction(
      const std::function<core::Result<void>(DatabaseImpl&)>& work) const;

  DatabaseImpl& impl() const { return *impl_; }

 private:
  explicit Database(std::unique_ptr<DatabaseImpl> impl);
  std::unique_ptr<DatabaseImpl> impl_;
};

}  // namespace awardflow::store
