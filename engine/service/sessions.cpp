#include "engine/service/sessions.hpp"

#include <algorithm>

#include "engine/crypto/digest.hpp"
#include "engine/crypto/password.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/auth_store.hpp"

namespace awardflow::service {
namespace {

core::Unexpected unauthenticated() {
  return core::fail(core::Errc::Unauthenticated,
                    "sign in first (the session expired or the token is not valid)",
                    {"cần đăng nhập (phiên đã hết hạn hoặc mã truy cập không hợp lệ)"});
}

}  // namespace

core::Result<SignIn> Sessions::login(const std::string& login, const std::string& password) {
  const std::time_t now = clock_.now();
  {
    const std::lock_guard<std::mutex> lock(throttle_mutex_);
    auto& times = failures_[login];
    const std::time_t window = policy_.lockout.count();
    times.erase(
        std::remove_if(times.begin(), times.end(), [&](std::time_t t) { return now - t > window; }),
        times.end());
    if (static_cast<int>(times.size()) >= policy_.max_failures) {
      return core::fail(core::Errc::TooManyRequests,
                        "too many failed sign-ins for this account; try again in " +
                            std::to_string(policy_.lockout.count() / 60) + " minutes",
                        {"đăng nhập sai quá nhiều lần; hãy thử lại sau " +
                         std::to_string(policy_.lockout.count() / 60) + " phút"});
    }
  }
  auto found = store::Accounts(data_.database).user(login);
  if (!found) return core::Unexpected{found.error()};
  // scrypt runs for unknown logins too, so that timing does not tell which logins exist.
  static const std::string kDummy =
      "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  const bool matches =
      crypto::verifyPassword(password, *found ? (*found)->second : kDummy) && *found;
  if (!matches || !(*found)->first.active) {
    const std::lock_guard<std::mutex> lock(throttle_mutex_);
    failures_[login].push_back(now);
    return core::fail(core::Errc::PermissionDenied, "wrong login or password",
                      {"sai tên đăng nhập hoặc mật khẩu"});
  }
  {
    const std::lock_guard<std::mutex> lock(throttle_mutex_);
    failures_.erase(login);
  }
  SignIn out;
  out.token = crypto::randomHex(32);
  out.csrf = crypto::randomHex(16);
  out.user = (*found)->first;
  out.expires_at = core::utcTimestamp(now + policy_.session_ttl.count());
  store::AuthToken record{crypto::sha256Hex(out.token), login,          "session", out.csrf, "",
                          core::utcTimestamp(now),      out.expires_at, false};
  auto added = store::AuthStore(data_.database).add(record);
  if (!added) return core::Unexpected{added.error()};
  return out;
}

core::Result<SignIn> Sessions::issueApiToken(const model::User& user, const std::string& label) {
  const std::time_t now = clock_.now();
  SignIn out;
  out.token = crypto::randomHex(32);
  out.user = user;
  out.expires_at = core::utcTimestamp(now + policy_.api_token_ttl.count());
  store::AuthToken record{crypto::sha256Hex(out.token), user.login,     "api", "", label,
                          core::utcTimestamp(now),      out.expires_at, false};
  auto added = store::AuthStore(data_.database).add(record);
  if (!added) return core::Unexpected{added.error()};
  return out;
}

core::Result<Caller> Sessions::authenticate(const std::string& token, bool session) const {
  if (token.size() != 64) return unauthenticated();
  const std::string sha = crypto::sha256Hex(token);
  const auto now = std::chrono::steady_clock::now();
  {
    const std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = cache_.find(sha);
    if (it != cache_.end() && now - it->second.checked < policy_.cache &&
        it->second.caller.session == session &&
        it->second.expires_at > core::utcTimestamp(clock_.now())) {
      return it->second.caller;
    }
  }
  auto found = store::AuthStore(data_.database).find(sha);
  if (!found) return core::Unexpected{found.error()};
  if (!*found || (*found)->revoked || (*found)->kind != (session ? "session" : "api") ||
      (*found)->expires_at <= core::utcTimestamp(clock_.now())) {
    return unauthenticated();
  }
  auto user = store::Accounts(data_.database).user((*found)->login);
  if (!user) return core::Unexpected{user.error()};
  if (!*user || !(*user)->first.active) return unauthenticated();
  Caller caller{(*user)->first, session, (*found)->csrf, sha};
  const std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() > 10000) cache_.clear();  // bounded: stale entries only cost a re-check
  cache_[sha] = Cached{caller, (*found)->expires_at, now};
  return caller;
}

void Sessions::forgetUser(const std::string& login) {
  const std::lock_guard<std::mutex> lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.caller.user.login == login ? cache_.erase(it) : std::next(it);
  }
}

core::Result<void> Sessions::logout(const Caller& caller) {
  {
    const std::lock_guard<std::mutex> lock(cache_mutex_);
    cache_.erase(caller.token_sha256);
  }
  auto revoked = store::AuthStore(data_.database).revoke(caller.token_sha256);
  if (!revoked) return core::Unexpected{revoked.error()};
  return {};
}

}  // namespace awardflow::service
