#pragma once

// Private to engine/store: the Poco::Data connection behind a Database.

#include <mutex>

#include <Poco/Data/Session.h>

namespace awardflow::store {

struct DatabaseImpl {
  explicit DatabaseImpl(Poco::Data::Session s) : session(std::move(s)) {}
  Poco::Data::Session session;
  std::recursive_mutex mutex;  // one statement or transaction at a time on this connection
  int schema_version = 0;
};

}  // namespace awardflow::store
