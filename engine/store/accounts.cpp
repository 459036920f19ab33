#include "engine/store/accounts.hpp"

#include <mutex>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>

#include "engine/store/audit_log.hpp"
#include "engine/store/detail/database_impl.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::use;

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

core::Result<void> Accounts::addUnit(const model::Unit& unit, const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    int existing = 0;
    std::string code = unit.code;
    tx.session << "SELECT COUNT(*) FROM units WHERE code = ?", use(code), into(existing), now;
    if (existing != 0)
      return core::fail(core::Errc::Conflict, "unit " + unit.code + " exists already");
    std::string name = unit.name;
    std::string level(model::name(unit.level));
    tx.session << "INSERT INTO units (code, name, level) VALUES (?, ?, ?)", use(code), use(name),
        use(level), now;
    Event e;
    e.actor = actor;
    e.kind = "unit.added";
    e.subject = unit.code;
    e.payload = "{\"name\":" + jsonString(unit.name) + ",\"level\":" + jsonString(level) + "}";
    auto appended = AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<std::vector<model::Unit>> Accounts::units() const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::vector<model::Unit> out;
    std::string code;
    std::string name;
    std::string level;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT code, name, level FROM units ORDER BY code", into(code), into(name),
        into(level), range(0, 1);
    while (!select.done()) {
      if (select.execute() > 0)
        out.push_back({code, name, model::parseLevel(level).value_or(model::Level::Commune)});
    }
    return out;
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

core::Result<std::optional<model::Unit>> Accounts::unit(const std::string& code) const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::string key = code;
    std::string name;
    std::string level;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT name, level FROM units WHERE code = ?", use(key), into(name), into(level);
    if (select.execute() == 0) return std::optional<model::Unit>();
    return std::optional<model::Unit>(
        model::Unit{code, name, model::parseLevel(level).value_or(model::Level::Commune)});
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

core::Result<void> Accounts::addUser(const model::User& user, const std::string& password_hash,
                                     const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    std::string login = user.login;
    int existing = 0;
    tx.session << "SELECT COUNT(*) FROM users WHERE login = ?", use(login), into(existing), now;
    if (existing != 0)
      return core::fail(core::Errc::Conflict, "user " + user.login + " exists already");
    Poco::Nullable<std::string> unit;
    if (user.unit_code) {
      int units = 0;
      std::string code = *user.unit_code;
      tx.session << "SELECT COUNT(*) FROM units WHERE code = ?", use(code), into(units), now;
      if (units == 0) return core::fail(core::Errc::Invalid, "no unit " + code);
      unit = code;
    }
    std::string name = user.full_name;
    std::string role(model::name(user.role));
    std::string hash = password_hash;
    int active = user.active ? 1 : 0;
    tx.session << "INSERT INTO users (login, full_name, role, unit_code, password_hash, active) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
        use(login), use(name), use(role), use(unit), use(hash), use(active), now;
    Event e;
    e.actor = actor;
    e.kind = "user.added";
    e.subject = user.login;
    e.payload = "{\"role\":" + jsonString(role) +
                (user.unit_code ? ",\"unit\":" + jsonString(*user.unit_code) : "") + "}";
    auto appended = AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<void> Accounts::setActive(const std::string& login, bool active,
                                       const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    std::string who = login;
    int existing = 0;
    tx.session << "SELECT COUNT(*) FROM users WHERE login = ?", use(who), into(existing), now;
    if (existing == 0) {
      return core::fail(core::Errc::NotFound, "no user " + login, {"không có người dùng " + login});
    }
    int flag = active ? 1 : 0;
    tx.session << "UPDATE users SET active = ? WHERE login = ?", use(flag), use(who), now;
    if (!active) {
      tx.session << "UPDATE auth_tokens SET revoked = 1 WHERE login = ?", use(who), now;
    }
    Event e;
    e.actor = actor;
    e.kind = active ? "user.reactivated" : "user.deactivated";
    e.subject = login;
    e.payload = "{}";
    auto appended = AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<std::vector<model::User>> Accounts::users() const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::vector<model::User> out;
    std::string login;
    std::string name;
    std::string role;
    Poco::Nullable<std::string> unit;
    int active = 0;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT login, full_name, role, unit_code, active FROM users ORDER BY login",
        into(login), into(name), into(role), into(unit), into(active), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) continue;
      model::User u{login, name, model::parseRole(role).value_or(model::Role::Admin), std::nullopt,
                    active != 0};
      if (!unit.isNull()) u.unit_code = unit.value();
      out.push_back(std::move(u));
    }
    return out;
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

core::Result<std::optional<std::pair<model::User, std::string>>> Accounts::user(
    const std::string& login) const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::string key = login;
    std::string name;
    std::string role;
    Poco::Nullable<std::string> unit;
    std::string hash;
    int active = 0;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT full_name, role, unit_code, password_hash, active FROM users WHERE login = ?",
        use(key), into(name), into(role), into(unit), into(hash), into(active);
    if (select.execute() == 0) return std::optional<std::pair<model::User, std::string>>();
    model::User u{login, name, model::parseRole(role).value_or(model::Role::Admin), std::nullopt,
                  active != 0};
    if (!unit.isNull()) u.unit_code = unit.value();
    return std::optional<std::pair<model::User, std::string>>(std::make_pair(u, hash));
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

}  // namespace awardflow::store
