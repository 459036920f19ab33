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

  // Runs `work` as one atomic unit of everything it stores through this Database on this
  // thread: every transaction() it makes joins a single transaction (each as a savepoint, so a
  // failing one undoes only itself), which begins at the first of them — what `work` does
  // before that (validation, signing, files) holds no lock — and commits when `work` returns a
  // value; an error from `work` (or an exception, which is rethrown) undoes all of it. While it
  // is open, other threads' transactions wait (SQLite has one writer), so keep what follows the
  // first write short. Returns only once the outcome is durable; Errc::Unavailable when BEGIN or
  // COMMIT fails (then nothing of `work` was kept). This is how a request's effect and its
  // stored answer commit together (service::RequestReplies).
  // REQUIRES: not called from inside a transaction() or another atomically() on this thread.
  core::Result<void> atomically(const std::function<core::Result<void>()>& work) const;

  // Inside atomically(): `undo` runs if the unit is finally rolled back (its error, a failed
  // COMMIT, or an exception), for effects outside the store such as a package written before
  // its catalogue row. Outside atomically() it does nothing: a plain transaction() reports its
  // own failure to the caller, who cleans up.
  void onRollback(std::function<void()> undo) const;

  DatabaseImpl& impl() const { return *impl_; }

 private:
  explicit Database(std::unique_ptr<DatabaseImpl> impl);
  std::unique_ptr<DatabaseImpl> impl_;
};

}  // namespace awardflow::store
