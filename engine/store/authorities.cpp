#include "engine/store/authorities.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>

#include "engine/core/clock.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/json_text.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;
using NullableText = Poco::Nullable<std::string>;

NullableText nullable(const std::optional<std::string>& value) {
  return value ? NullableText(*value) : NullableText();
}

int countOf(DatabaseImpl& tx, const std::string& code) {
  std::string key = code;
  int n = 0;
  tx.session << "SELECT COUNT(*) FROM authorities WHERE code = ?", use(key), into(n), now;
  return n;
}

constexpr const char* kAuthorityColumns =
    "SELECT code, name, level, parent_code, successor_code, historical FROM authorities ";

// The authority of the row `rows` stands on (columns as kAuthorityColumns).
model::AuthorityRecord authorityRow(const Step& rows) {
  model::AuthorityRecord a;
  a.code = rows.text(0);
  a.name = rows.text(1);
  a.level = model::parseLevel(rows.text(2)).value_or(model::Level::Commune);
  if (!rows.isNull(3)) a.parent_code = rows.text(3);
  if (!rows.isNull(4)) a.successor_code = rows.text(4);
  a.historical = rows.integer(5) != 0;
  return a;
}

// Every authority, read on `db`, on a cached statement.
std::vector<model::AuthorityRecord> readAll(DatabaseImpl& db) {
  static const std::string sql = std::string(kAuthorityColumns) + "ORDER BY code";
  Step rows(db.statements, sql.c_str());
  std::vector<model::AuthorityRecord> out;
  while (rows.row()) out.push_back(authorityRow(rows));
  return out;
}

}  // namespace

core::Result<bool> Authorities::addIn(DatabaseImpl& tx, const model::AuthorityRecord& authority,
                                      const std::string& actor, bool quiet_if_exists) {
  if (countOf(tx, authority.code) != 0) {
    if (quiet_if_exists) return false;
    return core::fail(core::Errc::Conflict, "authority " + authority.code + " exists already",
                      {"đã có cơ quan " + authority.code});
  }
  for (const auto* other : {&authority.parent_code, &authority.successor_code}) {
    if (*other && countOf(tx, **other) == 0) {
      return core::fail(core::Errc::Invalid, "no authority " + **other,
                        {"không có cơ quan " + **other});
    }
  }
  std::string code = authority.code;
  std::string name = authority.name;
  std::string level(model::name(authority.level));
  NullableText parent = nullable(authority.parent_code);
  NullableText successor = nullable(authority.successor_code);
  int historical = authority.historical ? 1 : 0;
  std::string at = core::utcTimestamp(std::time(nullptr));
  tx.session << "INSERT INTO authorities (code, name, level, parent_code, successor_code, "
                "historical, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      use(code), use(name), use(level), use(parent), use(successor), use(historical), use(at), now;
  Event e;
  e.actor = actor;
  e.kind = "authority.added";
  e.subject = authority.code;
  e.payload =
      "{\"name\":" + jsonString(authority.name) + ",\"level\":" + jsonString(level) +
      (authority.parent_code ? ",\"parent\":" + jsonString(*authority.parent_code) : "") +
      (authority.successor_code ? ",\"successor\":" + jsonString(*authority.successor_code) : "") +
      (authority.historical ? ",\"historical\":true" : "") + "}";
  auto appended = AuditLog::appendIn(tx, e);
  if (!appended) return core::Unexpected{appended.error()};
  return true;
}

core::Result<void> Authorities::add(const model::AuthorityRecord& authority,
                                    const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    auto added = addIn(tx, authority, actor, false);
    if (!added) return core::Unexpected{added.error()};
    return {};
  });
}

core::Result<void> Authorities::placeUnder(const std::string& code, const std::string& parent,
                                           const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    const std::vector<model::AuthorityRecord> all = readAll(tx);
    const auto find = [&](const std::string& c) -> const model::AuthorityRecord* {
      for (const auto& a : all)
        if (a.code == c) return &a;
      return nullptr;
    };
    const model::AuthorityRecord* placed = find(code);
    for (const auto& [found, name] : {std::pair{placed, code}, std::pair{find(parent), parent}}) {
      if (found == nullptr)
        return core::fail(core::Errc::NotFound, "no authority " + name,
                          {"không có cơ quan " + name});
    }
    for (const model::AuthorityRecord* at = find(parent); at != nullptr;
         at = at->parent_code ? find(*at->parent_code) : nullptr) {
      if (at->code == code) {
        return core::fail(core::Errc::Invalid,
                          code + " cannot be placed under " + parent + ", which is under it",
                          {code + " không thể đặt dưới " + parent + " (đang trực thuộc nó)"});
      }
    }
    std::string key = code;
    std::string above = parent;
    tx.session << "UPDATE authorities SET parent_code = ? WHERE code = ?", use(above), use(key),
        now;
    Event e;
    e.actor = actor;
    e.kind = "authority.placed";
    e.subject = code;
    e.payload = "{\"parent\":" + jsonString(parent) + ",\"before\":" +
                (placed->parent_code ? jsonString(*placed->parent_code) : std::string("null")) +
                "}";
    auto appended = AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<void> Authorities::end(const std::string& code, const std::string& successor,
                                    const std::string& ended_on, const std::string& actor) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    const std::vector<model::AuthorityRecord> all = readAll(tx);
    const auto find = [&](const std::string& c) -> const model::AuthorityRecord* {
      for (const auto& a : all)
        if (a.code == c) return &a;
      return nullptr;
    };
    const model::AuthorityRecord* ending = find(code);
    const model::AuthorityRecord* heir = find(successor);
    for (const auto& [found, name] : {std::pair{ending, code}, std::pair{heir, successor}}) {
      if (found == nullptr)
        return core::fail(core::Errc::NotFound, "no authority " + name,
                          {"không có cơ quan " + name});
    }
    if (ending->historical) {
      return core::fail(core::Errc::Conflict, "authority " + code + " has ended already",
                        {"cơ quan " + code + " đã giải thể"});
    }
    if (successor == code || heir->historical) {
      return core::fail(core::Errc::Invalid,
                        "the successor of " + code + " must be another authority that exists today",
                        {"cơ quan kế thừa của " + code + " phải là cơ quan khác đang hoạt động"});
    }
    std::string key = code;
    std::string heir_code = successor;
    tx.session << "UPDATE authorities SET historical = 1, successor_code = ? WHERE code = ?",
        use(heir_code), use(key), now;
    Event e;
    e.actor = actor;
    e.kind = "authority.ended";
    e.subject = code;
    e.payload =
        "{\"successor\":" + jsonString(successor) + ",\"endedOn\":" + jsonString(ended_on) + "}";
    auto appended = AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
}

core::Result<std::vector<model::AuthorityRecord>> Authorities::list() const {
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::vector<model::AuthorityRecord>> {
                  return readAll(db);
                });
}

core::Result<bool> Authorities::anyDossierWithoutAuthority() const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<bool> {
    int any = 0;
    Poco::Data::Statement select(db.session);
    select << "SELECT EXISTS (SELECT 1 FROM dossiers WHERE authority_code IS NULL)", into(any), now;
    return any != 0;
  });
}

core::Result<std::optional<model::AuthorityRecord>> Authorities::find(
    const std::string& code) const {
  // One row by its key: every act names its issuer through this, so it must not read the table.
  return locked(database_,
                [&](DatabaseImpl& db) -> core::Result<std::optional<model::AuthorityRecord>> {
                  static const std::string sql = std::string(kAuthorityColumns) + "WHERE code = ?1";
                  Step row(db.statements, sql.c_str());
                  row.bind(1, code);
                  if (!row.row()) return std::optional<model::AuthorityRecord>();
                  return std::optional<model::AuthorityRecord>(authorityRow(row));
                });
}

namespace {

// The codes a recursive query of `code` gives, in order.
std::vector<std::string> codesOf(DatabaseImpl& db, const char* sql, const std::string& code) {
  Step rows(db.statements, sql);
  rows.bind(1, code);
  std::vector<std::string> out;
  while (rows.row()) out.push_back(rows.text(0));
  return out;
}

// `sql`'s codes for `code`, from `kept` while the table has not changed since they were read.
// Read inside a transaction, they may be of writes not yet committed: those are not kept.
std::vector<std::string> keptCodes(DatabaseImpl& db, DatabaseImpl::ScopeCache& cache,
                                   std::map<std::string, std::vector<std::string>>& kept,
                                   const char* sql, const std::string& code) {
  Step current(db.statements, "SELECT n FROM authorities_version WHERE id = 1");
  const std::int64_t version = current.row() ? current.integer(0) : -1;
  const bool committed = sqlite3_get_autocommit(db.statements.db()) != 0;
  if (committed && version >= 0) {
    const std::lock_guard<std::mutex> lock(cache.mutex);
    if (cache.version == version) {
      const auto found = kept.find(code);
      if (found != kept.end()) return found->second;
    }
  }
  std::vector<std::string> codes = codesOf(db, sql, code);
  if (committed && version >= 0) {
    const std::lock_guard<std::mutex> lock(cache.mutex);
    // The version was read before the codes: they are at least as new as it says.
    if (cache.version != version) {
      cache.version = version;
      cache.held_by.clear();
      cache.subtree.clear();
    }
    kept[code] = codes;
  }
  return codes;
}

}  // namespace

// Both are asked on every scoped read (a list page, the queue): one cached recursive query
// each, its answer kept while the authorities table does not change (migration 17;
// bench/province_bench.cpp).
core::Result<std::vector<std::string>> Authorities::heldBy(const std::string& code) const {
  DatabaseImpl::ScopeCache& cache = database_.impl().scopes;
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<std::string>> {
    // The authority, and the ended ones whose successor chain (a district, a merged commune)
    // leads to it.
    return keptCodes(db, cache, cache.held_by,
                     "WITH RECURSIVE held(code) AS (SELECT code FROM authorities WHERE code = ?1 "
                     "UNION SELECT a.code FROM authorities a JOIN held h ON a.successor_code = "
                     "h.code WHERE a.historical != 0) SELECT code FROM held ORDER BY code",
                     code);
  });
}

core::Result<std::vector<std::string>> Authorities::subtree(const std::string& code) const {
  DatabaseImpl::ScopeCache& cache = database_.impl().scopes;
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<std::string>> {
    return keptCodes(db, cache, cache.subtree,
                     "WITH RECURSIVE under(code) AS (SELECT code FROM authorities WHERE code = ?1 "
                     "UNION SELECT a.code FROM authorities a JOIN under u ON a.parent_code = "
                     "u.code) SELECT code FROM under ORDER BY code",
                     code);
  });
}

core::Result<int> Authorities::adoptDossiersIn(DatabaseImpl& tx, const std::string& rulebook_id,
                                               const std::string& code) {
  std::string id = rulebook_id;
  std::string authority = code;
  Poco::Data::Statement update(tx.session);
  update << "UPDATE dossiers SET authority_code = ? WHERE rulebook_id = ? AND authority_code IS "
            "NULL",
      use(authority), use(id);
  const int stamped = static_cast<int>(update.execute());
  // The report rows count by the dossier's authority too (migration 14), and a row is made
  // again only when its dossier changes: they take the stamp in the same transaction.
  Poco::Data::Statement rows(tx.session);
  rows << "UPDATE report_dossiers SET authority_code = ? WHERE authority_code IS NULL AND "
          "dossier_id IN (SELECT id FROM dossiers WHERE rulebook_id = ? AND authority_code = ?)",
      use(authority), use(id), use(authority);
  rows.execute();
  return stamped;
}

}  // namespace awardflow::store
