#include "engine/service/replies.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include "engine/crypto/digest.hpp"

namespace awardflow::service {
namespace {

core::Result<RequestReplies::Answer> replayed(const store::StoredReply& stored,
                                              const std::string& fingerprint, Channel channel) {
  if (stored.fingerprint != fingerprint || stored.channel != channel) {
    return core::fail(core::Errc::Invalid, "this idempotency key was used for a different request",
                      {"khóa chống trùng (idempotency key) này đã dùng cho một yêu cầu khác"});
  }
  return RequestReplies::Answer{stored.reply, true};
}

}  // namespace

std::string RequestReplies::fingerprint(const std::string& method, const std::string& path,
                                        const std::string& body) const {
  return crypto::hmacSha256Hex(secret_, method + " " + path + "\n" + body);
}

core::Result<std::string> RequestReplies::describeContent(const std::filesystem::path& path) {
  std::error_code ec;
  const auto digest = [](const std::filesystem::path& file) -> core::Result<std::string> {
    auto d = crypto::sha256File(file);
    if (!d) return core::fail(core::Errc::Unavailable, "cannot read " + file.filename().string());
    return d->sha256;
  };
  if (std::filesystem::is_regular_file(path, ec)) {
    auto d = digest(path);
    if (!d) return core::Unexpected{d.error()};
    return *d + "\n";
  }
  if (!std::filesystem::is_directory(path, ec)) return std::string();
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(path, ec)) {
    if (f.is_regular_file(ec)) files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& f : files) {
    auto d = digest(f);
    if (!d) return core::Unexpected{d.error()};
    out += f.filename().string() + " " + *d + "\n";
  }
  return out;
}

core::Result<std::string> RequestReplies::fingerprintWithFiles(
    const std::string& method, const std::string& path, const std::string& body,
    const std::filesystem::path& folder) const {
  auto files = describeContent(folder);
  if (!files) return core::Unexpected{files.error()};
  return fingerprint(method, path, body + "\n" + *files);
}

core::Result<void> RequestReplies::checkKey(const std::string& key) {
  bool visible = !key.empty() && key.size() <= kMaxKeyLength;
  for (const char c : key) visible = visible && c > 0x20 && c < 0x7f;
  if (visible) return {};
  return core::fail(core::Errc::InvalidArgument,
                    "an idempotency key must be 1 to 255 visible ASCII characters",
                    {"khóa chống trùng (idempotency key) phải gồm 1 đến 255 ký tự ASCII nhìn "
                     "thấy được"});
}

bool RequestReplies::keeps(Channel channel, int status) {
  if (channel == Channel::Cli) return status != 69 && status != 70 && status != 78;
  return status > 0 && status < 500 && status != 429;
}

core::Result<RequestReplies::Answer> RequestReplies::once(
    const std::string& login, const std::string& key, const std::string& fingerprint,
    Channel channel, Keep keep, const std::function<Reply()>& handle) const {
  if (auto checked = checkKey(key); !checked) return core::Unexpected{checked.error()};
  const auto id = std::make_pair(login, key);
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const bool free = released_.wait_for(lock, std::chrono::seconds(kWaitSeconds),
                                         [&] { return in_flight_.count(id) == 0; });
    if (!free) {
      return core::fail(core::Errc::Conflict,
                        "a request with this idempotency key is still being handled",
                        {"yêu cầu mang khóa chống trùng này vẫn đang được xử lý"});
    }
    in_flight_.insert(id);
  }
  struct Release {
    const RequestReplies& self;
    std::pair<std::string, std::string> id;
    ~Release() {
      {
        const std::lock_guard<std::mutex> lock(self.mutex_);
        self.in_flight_.erase(id);
      }
      self.released_.notify_all();
    }
  } release{*this, id};

  const auto now = clock_.now();
  std::time_t last = last_expired_.load();
  if (now - last >= 3600 && last_expired_.compare_exchange_strong(last, now)) {
    (void)expire();  // a failure here only keeps old answers a while longer
  }
  auto found = store_.find(login, key);
  if (!found) return core::Unexpected{found.error()};
  if (*found) return replayed(**found, fingerprint, channel);

  Reply reply;
  bool handled = false;
  std::optional<store::StoredReply> earlier;
  auto done = database_.atomically([&]() -> core::Result<void> {
    reply = handle();
    handled = true;
    if (!keeps(channel, reply.status)) {
      return core::fail(core::Errc::Internal, "an answer that is not kept undoes its effect");
    }
    // The last write of the unit; another process may have answered the key since find().
    auto recorded = store_.record(login, key, fingerprint, channel, keep == Keep::Forever,
                                  core::utcTimestamp(clock_.now()), reply);
    if (!recorded) return core::Unexpected{recorded.error()};
    if (*recorded) {
      earlier = std::move(recorded).value();
      return core::fail(core::Errc::Conflict, "answered meanwhile: this effect is undone");
    }
    return {};
  });
  if (done) return Answer{std::move(reply), false};
  if (earlier) return replayed(*earlier, fingerprint, channel);
  if (handled && !keeps(channel, reply.status)) return Answer{std::move(reply), false};
  return core::Unexpected{done.error()};
}

core::Result<std::int64_t> RequestReplies::expire() const {
  return store_.expire(core::utcTimestamp(clock_.now() - std::time_t{kKeepHours} * 3600));
}

}  // namespace awardflow::service
