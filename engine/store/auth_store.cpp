#include "engine/store/auth_store.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "engine/store/detail/database_impl.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::RecordSet;
using Poco::Data::Statement;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

std::string text(RecordSet& rs, const std::string& column) {
  if (rs.isNull(column)) return {};
  return rs.value(column).convert<std::string>();
}

AuthToken readToken(RecordSet& rs) {
  AuthToken t;
  t.token_sha256 = text(rs, "token_sha256");
  t.login = text(rs, "login");
  t.kind = text(rs, "kind");
  t.csrf = text(rs, "csrf");
  t.label = text(rs, "label");
  t.created_at = text(rs, "created_at");
  t.expires_at = text(rs, "expires_at");
  t.revoked = rs.value("revoked").convert<int>() != 0;
  return t;
}

}  // namespace

core::Result<void> AuthStore::add(const AuthToken& token) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    std::string sha = token.token_sha256, login = token.login, kind = token.kind, csrf = token.csrf,
                label = token.label, created = token.created_at, expires = token.expires_at;
    tx.session << "INSERT INTO auth_tokens (token_sha256, login, kind, csrf, label, created_at, "
                  "expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        use(sha), use(login), use(kind), use(csrf), use(label), use(created), use(expires), now;
    return {};
  });
}

core::Result<std::optional<AuthToken>> AuthStore::find(const std::string& token_sha256) const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::string sha = token_sha256;
    Statement select(lease.impl.session);
    select << "SELECT * FROM auth_tokens WHERE token_sha256 = ?", use(sha);
    select.execute();
    RecordSet rs(select);
    if (!rs.moveFirst()) return std::optional<AuthToken>();
    return std::optional<AuthToken>(readToken(rs));
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "store: " + e.displayText());
  }
}

core::Result<bool> AuthStore::revoke(const std::string& token_sha256) const {
  bool revoked = false;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    std::string sha = token_sha256;
    Statement update(tx.session);
    update << "UPDATE auth_tokens SET revoked = 1 WHERE token_sha256 = ? AND revoked = 0", use(sha);
    revoked = update.execute() == 1;
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return revoked;
}

core::Result<std::vector<AuthToken>> AuthStore::apiTokens(const std::string& login) const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::string key = login;
    Statement select(lease.impl.session);
    select << "SELECT * FROM auth_tokens WHERE login = ? AND kind = 'api' ORDER BY created_at "
              "DESC",
        use(key);
    select.execute();
    RecordSet rs(select);
    std::vector<AuthToken> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      AuthToken t = readToken(rs);
      out.push_back(std::move(t));
    }
    return out;
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "store: " + e.displayText());
  }
}

}  // namespace awardflow::store
