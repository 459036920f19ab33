#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::service {

// A signed-in browser session, or a bearer token for programs. `token` is the secret the client
// keeps (cookie or Authorization header); it is never stored or logged, only its SHA-256.
struct SignIn {
  std::string token;
  std::string csrf;  // sessions: sent back in X-CSRF-Token on every change
  model::User user;
  std::string expires_at;
};

// Who is asking: the user and, for cookie sessions, the CSRF token they must echo.
struct Caller {
  model::User user;
  bool session = false;  // a browser session (cookie), not a bearer token
  std::string csrf;
  std::string token_sha256;
};

struct SessionPolicy {
  std::chrono::seconds session_ttl{std::chrono::hours(8)};
  std::chrono::seconds api_token_ttl{std::chrono::hours(24 * 90)};
  int max_failures = 5;                                    // per login, then …
  std::chrono::seconds lockout{std::chrono::minutes(15)};  // … refused this long (429)
  // How long a checked token is trusted without asking the store again. Sign-out in this process
  // takes effect at once; in another process sharing the store, within this time.
  std::chrono::seconds cache{std::chrono::seconds(5)};
};

// Passwords, sessions and API tokens. Thread-safe.
class Sessions {
 public:
  Sessions(const DataDirectory& data, const core::Clock& clock, SessionPolicy policy = {})
      : data_(data), clock_(clock), policy_(policy) {}

  // Checks the password (scrypt) and opens a session. Errc::PermissionDenied for a wrong login
  // or password (the same message for both) or an inactive user; Errc::TooManyRequests after
  // policy.max_failures failures for this login within the lockout window.
  core::Result<SignIn> login(const std::string& login, const std::string& password);

  // A bearer token for programs, for a signed-in user. `label` names it ("máy chủ tích hợp").
  core::Result<SignIn> issueApiToken(const model::User& user, const std::string& label);

  // The caller a token stands for. Errc::Unauthenticated when unknown, expired or revoked.
  core::Result<Caller> authenticate(const std::string& token, bool session) const;

  // Ends a session or revokes a token.
  core::Result<void> logout(const Caller& caller);

  // Forgets what this process remembers of `login`'s sessions and tokens (after the user is
  // deactivated: the next request asks the store, which refuses them).
  void forgetUser(const std::string& login);

  // The clock sessions expire by (the server keys its other timed records to it as well).
  const core::Clock& clock() const { return clock_; }

 private:
  const DataDirectory& data_;
  const core::Clock& clock_;
  SessionPolicy policy_;
  std::mutex throttle_mutex_;
  std::map<std::string, std::vector<std::time_t>> failures_;  // login → failure times
  struct Cached {
    Caller caller;
    std::string expires_at;
    std::chrono::steady_clock::time_point checked;
  };
  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, Cached> cache_;  // token SHA-256 → caller
};

}  // namespace awardflow::service
