#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// The stored answer to a request that carried an idempotency key.
struct Reply {
  int status = 0;       // HTTP status, or the exit code of a CLI command
  std::string headers;  // HTTP: "Name: value" lines it carried (Content-Type, ETag, Location);
                        // CLI: what the command wrote to standard error
  std::string body;     // HTTP: the answer's bytes; CLI: what it wrote to standard output
};

// Where a request came from: its answers are replayed in the same form.
enum class Channel { Http, Cli };

// An answer found for a key.
struct StoredReply {
  std::string fingerprint;  // of the request that was answered
  Channel channel = Channel::Http;
  Reply reply;
};

// The request_replies table (migrations 5 and 11). Keys are scoped to the caller's login; a
// request is identified by its fingerprint. A row exists only for a request whose effect was
// committed: record() runs in the effect's own transaction. Thread-safe.
class ReplyStore {
 public:
  explicit ReplyStore(const Database& database) : database_(database) {}

  // The answer kept for (login, key), if any. Errc::Unavailable when the store fails.
  core::Result<std::optional<StoredReply>> find(const std::string& login,
                                                const std::string& key) const;

  // Keeps the answer of a request (for ever when `forever`, else until expire() forgets it), in
  // the caller's transaction when there is one (it joins it; see Database::atomically). When an
  // answer for (login, key) was committed meanwhile (by another process or thread), stores nothing
  // and returns that one instead; else returns nothing.
  core::Result<std::optional<StoredReply>> record(const std::string& login, const std::string& key,
                                                  const std::string& fingerprint, Channel channel,
                                                  bool forever, const std::string& now,
                                                  const Reply& reply) const;

  // Deletes answers not kept for ever created before `before` (a UTC timestamp); returns how
  // many.
  core::Result<std::int64_t> expire(const std::string& before) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
