#pragma once

// Private to engine/store: the Poco::Data connection behind a Database.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include <Poco/Data/Session.h>

#include "engine/core/error.hpp"

namespace awardflow::store {

struct DatabaseImpl;

// A unit of work waiting for the next group commit.
struct PendingWork {
  const std::function<core::Result<void>(DatabaseImpl&)>* work = nullptr;
  core::Result<void> result;
  bool done = false;
};

struct DatabaseImpl {
  explicit DatabaseImpl(Poco::Data::Session s) : session(std::move(s)) {}
  Poco::Data::Session session;
  std::recursive_mutex mutex;  // one statement or transaction at a time on this connection
  int schema_version = 0;

  // Group commit: callers queue their work; one of them (the leader) runs everything queued in
  // one SQLite transaction, each work in its own savepoint, and wakes the others after COMMIT.
  std::mutex queue_mutex;
  std::condition_variable queue_done;
  std::deque<PendingWork*> queue;
  bool leader_active = false;
};

}  // namespace awardflow::store
