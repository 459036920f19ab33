#include "engine/service/replies.hpp"

#include "engine/crypto/digest.hpp"

namespace awardflow::service {

std::string RequestReplies::fingerprint(const std::string& method, const std::string& path,
                                        const std::string& body) {
  return crypto::sha256Hex(method + " " + path + "\n" + body);
}

core::Result<void> RequestReplies::checkKey(const std::string& key) {
  bool visible = !key.empty() && key.size() <= kMaxKeyLength;
  for (const char c : key) visible = visible && c > 0x20 && c < 0x7f;
  if (visible) return {};
  return core::fail(core::Errc::InvalidArgument,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters",
                    {"Idempotency-Key phải gồm 1 đến 255 ký tự ASCII nhìn thấy được"});
}

core::Result<Claim> RequestReplies::claim(const std::string& login, const std::string& key,
                                          const std::string& fingerprint) const {
  const auto now = clock_.now();
  std::time_t last = last_expired_.load();
  if (now - last >= 3600 && last_expired_.compare_exchange_strong(last, now)) {
    (void)expire();  // a failure here only keeps old answers a while longer
  }
  return store_.claim(login, key, fingerprint, core::utcTimestamp(now),
                      core::utcTimestamp(now - kAbandonedAfterSeconds));
}

core::Result<std::int64_t> RequestReplies::expire() const {
  return store_.expire(core::utcTimestamp(clock_.now() - std::time_t{kKeepHours} * 3600));
}

}  // namespace awardflow::service
