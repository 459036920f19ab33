#pragma once

#include <atomic>
#include <ctime>
#include <string>

#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/store/reply_store.hpp"

namespace awardflow::service {

using store::Claim;
using store::ClaimOutcome;
using store::Reply;

// Idempotency keys for every changing request: the answer to a request that carried a key is
// kept for a day, and the same caller sending the same key with the same request gets that
// answer again instead of a second effect. Keys are per caller; a request whose first attempt
// died unanswered may be retried after `kAbandonedAfter`.
class RequestReplies {
 public:
  static constexpr int kKeepHours = 24;
  static constexpr int kAbandonedAfterSeconds = 300;
  static constexpr std::size_t kMaxKeyLength = 255;

  RequestReplies(const store::Database& database, const core::Clock& clock)
      : store_(database), clock_(clock) {}

  // What identifies a request: the SHA-256 of its method, path and body (or of a digest of the
  // body, for uploads streamed elsewhere).
  static std::string fingerprint(const std::string& method, const std::string& path,
                                 const std::string& body);

  // A key is 1–255 visible ASCII characters; anything else is Errc::InvalidArgument.
  static core::Result<void> checkKey(const std::string& key);

  // Claims the key for this request (see store::ReplyStore::claim). At most once an hour it also
  // forgets answers older than kKeepHours.
  core::Result<Claim> claim(const std::string& login, const std::string& key,
                            const std::string& fingerprint) const;
  core::Result<void> complete(const std::string& login, const std::string& key,
                              const Reply& reply) const {
    return store_.complete(login, key, reply);
  }
  core::Result<void> release(const std::string& login, const std::string& key) const {
    return store_.release(login, key);
  }
  // Forgets answers older than kKeepHours; returns how many.
  core::Result<std::int64_t> expire() const;

 private:
  store::ReplyStore store_;
  const core::Clock& clock_;
  mutable std::atomic<std::time_t> last_expired_{0};
};

}  // namespace awardflow::service
