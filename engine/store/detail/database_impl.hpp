#pragma once

// Private to engine/store: the Poco::Data connection behind a Database.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {

struct DatabaseImpl;

// A unit of work waiting for the next group commit.
struct PendingWork {
  const std::function<core::Result<void>(DatabaseImpl&)>* work = nullptr;
  core::Result<void> result;
  bool done = false;
};

struct DatabaseImpl {
  explicit DatabaseImpl(Poco::Data::Session s);
  Poco::Data::Session session;
  StatementCache statements;   // after `session`: finalized before the connection closes
  std::recursive_mutex mutex;  // one statement or transaction at a time on this connection
  int schema_version = 0;

  // Group commit: callers queue their work; one of them (the leader) runs everything queued in
  // one SQLite transaction, each work in its own savepoint, and wakes the others after COMMIT.
  std::mutex queue_mutex;
  std::condition_variable queue_done;
  std::deque<PendingWork*> queue;
  bool leader_active = false;

  // Read-only connections: in WAL mode they read the last committed state without waiting for
  // the writer (its fsync included). Empty for a reader itself.
  std::vector<std::unique_ptr<DatabaseImpl>> readers;
  std::atomic<unsigned> next_reader{0};

  // Authorities::heldBy and subtree of each code, as of authorities_version `version`
  // (migration 17). Kept on the writer's DatabaseImpl for all its connections.
  struct ScopeCache {
    std::mutex mutex;
    std::int64_t version = -1;
    std::map<std::string, std::vector<std::string>> held_by;
    std::map<std::string, std::vector<std::string>> subtree;
  } scopes;
};

// A connection to read on, locked for the caller: the writing connection when this thread is
// inside a transaction of `impl` (to see its own uncommitted writes), else a free reader.
struct ReadLease {
  DatabaseImpl& impl;
  std::unique_lock<std::recursive_mutex> lock;
};
ReadLease readLease(DatabaseImpl& impl);

// A store failure as the callers see it: Errc::Unavailable with Poco's text.
inline core::Unexpected unavailable(const Poco::Exception& e) {
  return core::fail(core::Errc::Unavailable, "store: " + e.displayText());
}

// Runs `read` on a leased connection (see readLease), turning Poco failures into
// Errc::Unavailable.
template <typename F>
auto locked(const Database& database, F&& read) -> decltype(read(database.impl())) {
  ReadLease lease = readLease(database.impl());
  try {
    return read(lease.impl);
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

}  // namespace awardflow::store
