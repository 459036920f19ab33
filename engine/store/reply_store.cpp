#include "engine/store/reply_store.hpp"

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

constexpr const char* kSelect =
    "SELECT fingerprint, channel, status, headers, body FROM request_replies "
    "WHERE login = ? AND idem_key = ?";

std::optional<StoredReply> readRow(Step& select) {
  if (!select.row()) return std::nullopt;
  StoredReply stored;
  stored.fingerprint = select.text(0);
  stored.channel = select.text(1) == "cli" ? Channel::Cli : Channel::Http;
  stored.reply = Reply{static_cast<int>(select.integer(2)), select.text(3), select.text(4)};
  return stored;
}

}  // namespace

core::Result<std::optional<StoredReply>> ReplyStore::find(const std::string& login,
                                                          const std::string& key) const {
  return locked(database_, [&](DatabaseImpl& impl) -> core::Result<std::optional<StoredReply>> {
    Step select(impl.statements, kSelect);
    select.bind(1, login).bind(2, key);
    return readRow(select);
  });
}

core::Result<std::optional<StoredReply>> ReplyStore::record(
    const std::string& login, const std::string& key, const std::string& fingerprint,
    Channel channel, bool forever, const std::string& now, const Reply& reply) const {
  std::optional<StoredReply> earlier;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    {
      Step select(tx.statements, kSelect);
      select.bind(1, login).bind(2, key);
      earlier = readRow(select);
    }
    if (earlier) return {};
    Step insert(tx.statements,
                "INSERT INTO request_replies (login, idem_key, fingerprint, created_at, status, "
                "headers, body, channel, forever) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, login)
        .bind(2, key)
        .bind(3, fingerprint)
        .bind(4, now)
        .bind(5, std::int64_t{reply.status})
        .bind(6, reply.headers)
        .bind(7, reply.body)
        .bind(8, channel == Channel::Cli ? "cli" : "http")
        .bind(9, std::int64_t{forever ? 1 : 0})
        .run();
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return earlier;
}

core::Result<std::int64_t> ReplyStore::expire(const std::string& before) const {
  std::int64_t removed = 0;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step remove(tx.statements, "DELETE FROM request_replies WHERE created_at < ? AND forever = 0");
    remove.bind(1, before).run();
    removed = remove.changes();
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return removed;
}

}  // namespace awardflow::store
