#pragma once

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/store/reply_store.hpp"

namespace awardflow::service {

using store::Channel;
using store::Reply;

// Idempotency keys for every changing request, over HTTP (the Idempotency-Key header) and from
// the CLI (--idempotency-key): the same caller sending the same key with the same request gets
// the first answer again, never a second effect. The contract (docs/server.md, "Exactly once"):
//  - The answer is stored in the same transaction as the request's effect (once() runs the
//    request inside store::Database::atomically, and the answer's row is its last write). After
//    any crash a retry either finds the answer and gets it replayed, or finds no effect at all
//    and runs once. No time window decides it.
//  - The same key while its first request is still being handled by this process waits for that
//    answer; a request handled by another process that dies leaves nothing behind (no claim
//    outlives the process that makes it), so a retry after a restart runs at once.
//  - Answers of 5xx (and 429, a refusal for now only) are not kept: the effect is rolled back
//    with them, so the request may simply be sent again.
// Answers are kept for kKeepHours, those of submissions for ever. Thread-safe.
class RequestReplies {
 public:
  static constexpr int kKeepHours = 24;
  static constexpr int kWaitSeconds = 120;
  static constexpr std::size_t kMaxKeyLength = 255;

  // `secret` keys the fingerprints (DataDirectory::request_secret).
  RequestReplies(const store::Database& database, const core::Clock& clock, std::string secret)
      : database_(database), store_(database), clock_(clock), secret_(std::move(secret)) {}

  // What identifies a request: an HMAC-SHA256 under the secret of its method, path and body
  // (bodies hold passwords and PINs: a plain digest of them could be searched offline).
  std::string fingerprint(const std::string& method, const std::string& path,
                          const std::string& body) const;

  // The same for a request whose files were streamed to `folder`: `body` and every regular file
  // of `folder` by name and SHA-256. Errc::Unavailable when a file cannot be read.
  core::Result<std::string> fingerprintWithFiles(const std::string& method, const std::string& path,
                                                 const std::string& body,
                                                 const std::filesystem::path& folder) const;

  // What `path` holds, for a fingerprint: "" when it names nothing, the SHA-256 of a regular
  // file, and the name and SHA-256 of each regular file of a folder (not below it), one a line.
  // Errc::Unavailable when a file cannot be read.
  static core::Result<std::string> describeContent(const std::filesystem::path& path);

  // A key is 1–255 visible ASCII characters; anything else is Errc::InvalidArgument.
  static core::Result<void> checkKey(const std::string& key);

  // Whether an answer with `status` is kept (and its effect committed): an HTTP status below 500
  // but 429, a CLI exit code other than 69 (unavailable), 70 (internal) and 78 (configuration).
  static bool keeps(Channel channel, int status);

  struct Answer {
    Reply reply;
    bool replayed = false;  // the answer of an earlier request with the key
  };

  // How long an answer is kept: a day, or for ever (submissions: a dossier is never made twice).
  enum class Keep { Day, Forever };

  // Answers the request that `login` sent with `key` exactly once. When an answer is kept for
  // the key, returns it (replayed) without running anything. Otherwise runs `handle`, which does
  // the request's work through the service (whose transactions join one unit, see
  // store::Database::atomically) and returns its answer; that answer is kept in the same unit,
  // so the two commit together or not at all. Returns the answer to send only once it is durable.
  // Fails with Errc::InvalidArgument (a bad key), Errc::Invalid (the key was used for another
  // request: `fingerprint` or `channel` differ), Errc::Conflict (the same key has been handled by
  // this process for longer than kWaitSeconds) and Errc::Unavailable (the store could not keep
  // the effect and its answer: nothing of the request was kept).
  // REQUIRES: not called inside a transaction of the store.
  core::Result<Answer> once(const std::string& login, const std::string& key,
                            const std::string& fingerprint, Channel channel, Keep keep,
                            const std::function<Reply()>& handle) const;

  // Forgets answers older than kKeepHours; returns how many.
  core::Result<std::int64_t> expire() const;

 private:
  const store::Database& database_;
  store::ReplyStore store_;
  const core::Clock& clock_;
  std::string secret_;
  mutable std::atomic<std::time_t> last_expired_{0};
  // Keys being handled by this process now, so that a second request with one waits for the
  // first's answer instead of doing the work twice.
  mutable std::mutex mutex_;
  mutable std::condition_variable released_;
  mutable std::set<std::pair<std::string, std::string>> in_flight_;
};

}  // namespace awardflow::service
