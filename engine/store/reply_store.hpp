#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// The stored answer to a request that carried an Idempotency-Key.
struct Reply {
  int status = 0;       // HTTP status; 0 while the first request is being worked on
  std::string headers;  // "Name: value" lines the answer carried (Content-Type, ETag, Location)
  std::string body;
};

// What a new request with a key finds.
enum class ClaimOutcome {
  Fresh,       // the key is new (or its earlier attempt was abandoned): go ahead, then complete()
  Replay,      // the same request was answered before: send `reply` again
  Mismatch,    // the key was used for a different request
  InProgress,  // the same request is being worked on right now
};

struct Claim {
  ClaimOutcome outcome = ClaimOutcome::Fresh;
  std::optional<Reply> reply;  // for Replay
};

// The request_replies table (migration 5). Keys are scoped to the caller's login; a request is
// identified by its fingerprint (the SHA-256 of method, path and body). Thread-safe.
class ReplyStore {
 public:
  explicit ReplyStore(const Database& database) : database_(database) {}

  // Atomically records the key as in progress, or tells what an earlier request with it left.
  // An in-progress claim older than `abandoned_before` (a UTC timestamp; the process working on
  // it died) is taken over and reported Fresh.
  core::Result<Claim> claim(const std::string& login, const std::string& key,
                            const std::string& fingerprint, const std::string& now,
                            const std::string& abandoned_before) const;
  // Stores the answer of a claimed key.
  core::Result<void> complete(const std::string& login, const std::string& key,
                              const Reply& reply) const;
  // Forgets a claimed key whose request failed without a definite answer (so it may be retried).
  core::Result<void> release(const std::string& login, const std::string& key) const;
  // Deletes answers created before `before`; returns how many.
  core::Result<std::int64_t> expire(const std::string& before) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
