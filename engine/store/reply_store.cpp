#include "engine/store/reply_store.hpp"

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {

core::Result<Claim> ReplyStore::claim(const std::string& login, const std::string& key,
                                      const std::string& fingerprint, const std::string& now,
                                      const std::string& abandoned_before) const {
  Claim claim;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step select(tx.statements,
                "SELECT fingerprint, created_at, status, headers, body FROM request_replies "
                "WHERE login = ? AND idem_key = ?");
    select.bind(1, login).bind(2, key);
    if (select.row()) {
      if (select.text(0) != fingerprint) {
        claim.outcome = ClaimOutcome::Mismatch;
        return {};
      }
      const std::int64_t status = select.integer(2);
      if (status != 0) {
        claim.outcome = ClaimOutcome::Replay;
        claim.reply = Reply{static_cast<int>(status), select.text(3), select.text(4)};
        return {};
      }
      if (select.text(1) >= abandoned_before) {
        claim.outcome = ClaimOutcome::InProgress;
        return {};
      }
      // The attempt was abandoned: take it over.
      Step retake(tx.statements,
                  "UPDATE request_replies SET created_at = ? WHERE login = ? AND idem_key = ?");
      retake.bind(1, now).bind(2, login).bind(3, key).run();
      return {};
    }
    Step insert(tx.statements,
                "INSERT INTO request_replies (login, idem_key, fingerprint, created_at) "
                "VALUES (?, ?, ?, ?)");
    insert.bind(1, login).bind(2, key).bind(3, fingerprint).bind(4, now).run();
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return claim;
}

core::Result<void> ReplyStore::complete(const std::string& login, const std::string& key,
                                        const Reply& reply) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step update(tx.statements,
                "UPDATE request_replies SET status = ?, headers = ?, body = ? "
                "WHERE login = ? AND idem_key = ?");
    update.bind(1, std::int64_t{reply.status})
        .bind(2, reply.headers)
        .bind(3, reply.body)
        .bind(4, login)
        .bind(5, key)
        .run();
    return {};
  });
}

core::Result<void> ReplyStore::release(const std::string& login, const std::string& key) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step remove(tx.statements,
                "DELETE FROM request_replies WHERE login = ? AND idem_key = ? AND status = 0");
    remove.bind(1, login).bind(2, key).run();
    return {};
  });
}

core::Result<std::int64_t> ReplyStore::expire(const std::string& before) const {
  std::int64_t removed = 0;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step remove(tx.statements, "DELETE FROM request_replies WHERE created_at < ?");
    remove.bind(1, before).run();
    removed = remove.changes();
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return removed;
}

}  // namespace awardflow::store
