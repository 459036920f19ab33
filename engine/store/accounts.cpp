#include "engine/store/accounts.hpp"

#include <mutex>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>

#include "engine/store/audit_log.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/json_text.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::use;

bool exists(DatabaseImpl& tx, const std::string& table, const std::string& code) {
  std::string key = code;
  int n = 0;
  tx.session << "SELECT COUNT(*) FROM " << table << " WHERE code = ?", use(key), into(n), now;
  return n != 0;
}

model::Unit unitOf(const std::string& code, const std::string& name, const std::string& level,
                   const Poco::Nullable<std::string>& authority,
                   const Poco::Nullable<std::string>& parent) {
  model::Unit u{code, name, model::parseLevel(level).value_or(model::Level::Commune), std::nullopt,
                std::nullopt};
  if (!authority.isNull()) u.authority_code = authority.value();
  if (!parent.isNull()) u.parent_code = parent.value();
  return u;
}

// A user's columns, the authority being the unit's for a unit's user.
const char* const kUserColumns =
    "SELECT users.login, users.full_name, users.role, users.unit_code, users.active, "
    "COALESCE(users.authority_code, units.authority_code), users.password_hash FROM users LEFT "
    "JOIN units ON units.code = users.unit_code ";

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
    if (unit.authority_code && !exists(tx, "authorities", *unit.authority_code))
      return core::fail(core::Errc::Invalid, "no authority " + *unit.authority_code,
                        {"không có cơ quan " + *unit.authority_code});
    if (unit.parent_code && !exists(tx, "units", *unit.parent_code))
      return core::fail(core::Errc::Invalid, "no unit " + *unit.parent_code,
                        {"không có đơn vị " + *unit.parent_code});
    Poco::Nullable<std::string> authority;
    if (unit.authority_code) authority = *unit.authority_code;
    Poco::Nullable<std::string> parent;
    if (unit.parent_code) parent = *unit.parent_code;
    tx.session << "INSERT INTO units (code, name, level, authority_code, parent_code) VALUES (?, "
                  "?, ?, ?, ?)",
        use(code), use(name), use(level), use(authority), use(parent), now;
    Event e;
    e.actor = actor;
    e.kind = "unit.added";
    e.subject = unit.code;
    e.payload = "{\"name\":" + jsonString(unit.name) + ",\"level\":" + jsonString(level) +
                (unit.authority_code ? ",\"authority\":" + jsonString(*unit.authority_code) : "") +
                (unit.parent_code ? ",\"parent\":" + jsonString(*unit.parent_code) : "") + "}";
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
    Poco::Nullable<std::string> authority;
    Poco::Nullable<std::string> parent;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT code, name, level, authority_code, parent_code FROM units ORDER BY code",
        into(code), into(name), into(level), into(authority), into(parent), range(0, 1);
    while (!select.done()) {
      if (select.execute() > 0) out.push_back(unitOf(code, name, level, authority, parent));
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
    Poco::Nullable<std::string> authority;
    Poco::Nullable<std::string> parent;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT name, level, authority_code, parent_code FROM units WHERE code = ?", use(key),
        into(name), into(level), into(authority), into(parent);
    if (select.execute() == 0) return std::optional<model::Unit>();
    return std::optional<model::Unit>(unitOf(code, name, level, authority, parent));
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
    Poco::Nullable<std::string> authority;
    if (user.authority_code) {
      if (!exists(tx, "authorities", *user.authority_code))
        return core::fail(core::Errc::Invalid, "no authority " + *user.authority_code,
                          {"không có cơ quan " + *user.authority_code});
      authority = *user.authority_code;
    }
    std::string name = user.full_name;
    std::string role(model::name(user.role));
    std::string hash = password_hash;
    int active = user.active ? 1 : 0;
    tx.session << "INSERT INTO users (login, full_name, role, unit_code, password_hash, active, "
                  "authority_code) VALUES (?, ?, ?, ?, ?, ?, ?)",
        use(login), use(name), use(role), use(unit), use(hash), use(active), use(authority), now;
    Event e;
    e.actor = actor;
    e.kind = "user.added";
    e.subject = user.login;
    e.payload = "{\"role\":" + jsonString(role) +
                (user.unit_code ? ",\"unit\":" + jsonString(*user.unit_code) : "") +
                (user.authority_code ? ",\"authority\":" + jsonString(*user.authority_code) : "") +
                "}";
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
    Poco::Nullable<std::string> authority;
    std::string hash;
    Poco::Data::Statement select(lease.impl.session);
    select << kUserColumns << "ORDER BY users.login", into(login), into(name), into(role),
        into(unit), into(active), into(authority), into(hash), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) continue;
      model::User u{login,        name,        model::parseRole(role).value_or(model::Role::Admin),
                    std::nullopt, active != 0, std::nullopt};
      if (!unit.isNull()) u.unit_code = unit.value();
      if (!authority.isNull()) u.authority_code = authority.value();
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
    std::string found;
    std::string name;
    std::string role;
    Poco::Nullable<std::string> unit;
    int active = 0;
    Poco::Nullable<std::string> authority;
    std::string hash;
    Poco::Data::Statement select(lease.impl.session);
    select << kUserColumns << "WHERE users.login = ?", use(key), into(found), into(name),
        into(role), into(unit), into(active), into(authority), into(hash);
    if (select.execute() == 0) return std::optional<std::pair<model::User, std::string>>();
    model::User u{login,        name,        model::parseRole(role).value_or(model::Role::Admin),
                  std::nullopt, active != 0, std::nullopt};
    if (!unit.isNull()) u.unit_code = unit.value();
    if (!authority.isNull()) u.authority_code = authority.value();
    return std::optional<std::pair<model::User, std::string>>(std::make_pair(u, hash));
  } catch (const Poco::Exception& e) {
    return unavailable(e);
  }
}

}  // namespace awardflow::store
