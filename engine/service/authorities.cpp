#include "engine/service/authorities.hpp"

#include <algorithm>
#include <map>

#include "engine/service/agency.hpp"
#include "engine/store/authorities.hpp"
#include "engine/store/database.hpp"

namespace awardflow::service {
namespace {}  // namespace

bool validAuthorityCode(const std::string& code) {
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  return !code.empty() && code.size() <= 64 && plain(code.front()) &&
         std::all_of(code.begin(), code.end(),
                     [&](char c) { return plain(c) || c == '.' || c == '-' || c == '_'; });
}

namespace {

core::Result<void> requireAdmin(const model::User& actor) {
  if (actor.role == model::Role::Admin) return {};
  return core::fail(core::Errc::PermissionDenied, "only an administrator manages authorities",
                    {"chỉ quản trị viên được quản lý cơ quan, đơn vị"});
}

core::Result<void> requireManages(const DataDirectory& data, const model::User& actor,
                                  const std::optional<std::string>& code) {
  auto allowed = requireAdmin(actor);
  if (!allowed) return allowed;
  auto managed = authoritiesManagedBy(data, actor);
  if (!managed) return core::Unexpected{managed.error()};
  if (inScope(*managed, code)) return {};
  const std::string what = code ? *code : "the installation";
  return core::fail(core::Errc::PermissionDenied,
                    actor.login + " does not manage " + what + " (only " +
                        actor.authority_code.value_or("") + " and what is under it)",
                    {actor.login + " không quản lý " + (code ? *code : "toàn hệ thống") + " (chỉ " +
                     actor.authority_code.value_or("") + " và các cơ quan trực thuộc)"});
}

}  // namespace

core::Result<void> addAuthority(const DataDirectory& data, const model::AuthorityRecord& authority,
                                const std::string& actor) {
  if (!validAuthorityCode(authority.code)) {
    return core::fail(
        core::Errc::InvalidArgument,
        "an authority code uses letters, digits, '.', '-', '_' (1–64), and starts with a "
        "letter or digit",
        {"mã cơ quan gồm chữ, số, '.', '-', '_' (1–64 ký tự), bắt đầu bằng chữ hoặc số"});
  }
  if (authority.name.empty() || authority.name.size() > 300) {
    return core::fail(core::Errc::InvalidArgument, "an authority needs a name (at most 300 bytes)",
                      {"cơ quan cần có tên (tối đa 300 byte)"});
  }
  if (authority.level == model::Level::Village) {
    return core::fail(
        core::Errc::InvalidArgument,
        "a village or residential group does not award: add it as a unit",
        {"thôn, tổ dân phố không có thẩm quyền khen thưởng: hãy thêm như một đơn vị"});
  }
  auto added = store::Authorities(data.database).add(authority, actor);
  if (!added) return added;
  // The authority is kept; a seal that cannot be issued now (no installation CA yet, a full
  // disk) is issued when its first document needs it (Workflow::issuerOf), so this never fails
  // after the authority was recorded.
  (void)createAuthoritySeal(data.root, authority.code, issuerName(authority.name));
  return {};
}

std::string issuerName(const std::string& authority_name) {
  const std::string chair = "Chủ tịch ";
  if (authority_name.rfind(chair, 0) == 0 && authority_name.size() > chair.size())
    return authority_name.substr(chair.size());
  return authority_name;
}

core::Result<void> addAuthorityAs(const DataDirectory& data, const model::User& actor,
                                  const model::AuthorityRecord& authority) {
  auto allowed = requireManages(data, actor, authority.parent_code);
  if (!allowed) return allowed;
  return addAuthority(data, authority, actor.login);
}

core::Result<void> endAuthority(const DataDirectory& data, const std::string& code,
                                const std::string& successor, const std::string& ended_on,
                                const std::string& actor) {
  if (!core::Date::parse(ended_on)) {
    return core::fail(core::Errc::InvalidArgument, "the end date is YYYY-MM-DD: " + ended_on,
                      {"ngày giải thể theo dạng YYYY-MM-DD: " + ended_on});
  }
  return store::Authorities(data.database).end(code, successor, ended_on, actor);
}

core::Result<void> endAuthorityAs(const DataDirectory& data, const model::User& actor,
                                  const std::string& code, const std::string& successor,
                                  const std::string& ended_on) {
  for (const std::string& c : {code, successor}) {
    auto allowed = requireManages(data, actor, c);
    if (!allowed) return allowed;
  }
  return endAuthority(data, code, successor, ended_on, actor.login);
}

core::Result<void> placeAuthority(const DataDirectory& data, const std::string& code,
                                  const std::string& parent, const std::string& actor) {
  return store::Authorities(data.database).placeUnder(code, parent, actor);
}

core::Result<std::vector<model::AuthorityRecord>> listAuthorities(const DataDirectory& data) {
  return store::Authorities(data.database).list();
}

core::Result<std::vector<model::AuthorityRecord>> listAuthoritiesAs(const DataDirectory& data,
                                                                    const model::User& actor) {
  auto allowed = requireAdmin(actor);
  if (!allowed) return core::Unexpected{allowed.error()};
  auto all = listAuthorities(data);
  if (!all) return all;
  auto managed = authoritiesManagedBy(data, actor);
  if (!managed) return core::Unexpected{managed.error()};
  std::vector<model::AuthorityRecord> out;
  for (model::AuthorityRecord& a : *all)
    if (inScope(*managed, a.code)) out.push_back(std::move(a));
  return out;
}

core::Result<std::optional<std::vector<std::string>>> authoritiesSeenBy(const DataDirectory& data,
                                                                        const model::User& actor) {
  if (!actor.authority_code) return std::optional<std::vector<std::string>>();
  auto held = store::Authorities(data.database).heldBy(*actor.authority_code);
  if (!held) return core::Unexpected{held.error()};
  return std::optional<std::vector<std::string>>(std::move(held).value());
}

core::Result<std::optional<std::vector<std::string>>> authoritiesManagedBy(
    const DataDirectory& data, const model::User& actor) {
  if (!actor.authority_code) return std::optional<std::vector<std::string>>();
  const store::Authorities authorities(data.database);
  auto own = authorities.find(*actor.authority_code);
  if (!own) return core::Unexpected{own.error()};
  // The province at the top of the tree oversees everything; an agency or commune that no one
  // has placed under the province yet (registered from its rulebook) oversees only itself.
  if (*own && !(*own)->parent_code &&
      ((*own)->level == model::Level::Province || (*own)->level == model::Level::Central))
    return std::optional<std::vector<std::string>>();
  auto under = authorities.subtree(*actor.authority_code);
  if (!under) return core::Unexpected{under.error()};
  return std::optional<std::vector<std::string>>(std::move(under).value());
}

bool inScope(const std::optional<std::vector<std::string>>& scope,
             const std::optional<std::string>& code) {
  if (!scope) return true;
  if (!code) return false;
  return std::find(scope->begin(), scope->end(), *code) != scope->end();
}

core::Result<int> adoptAuthorities(const DataDirectory& data,
                                   const std::vector<const model::Rulebook*>& rulebooks) {
  auto known = store::Authorities(data.database).list();
  if (!known) return core::Unexpected{known.error()};
  std::map<std::string, const model::Rulebook*> missing;
  for (const model::Rulebook* rb : rulebooks) {
    if (rb->authority.code.empty()) continue;
    const bool registered =
        std::any_of(known->begin(), known->end(),
                    [&](const model::AuthorityRecord& a) { return a.code == rb->authority.code; });
    if (!registered) missing.emplace(rb->authority.code, rb);
  }
  // Start-up of every command and server: no write unless something is left to adopt.
  auto unstamped = store::Authorities(data.database).anyDossierWithoutAuthority();
  if (!unstamped) return core::Unexpected{unstamped.error()};
  if (missing.empty() && !*unstamped) return 0;
  int adopted = 0;
  auto done = data.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    for (const auto& [code, rb] : missing) {
      model::AuthorityRecord a;
      a.code = code;
      a.name = rb->authority.name.vi;
      a.level = rb->authority.level;
      auto added = store::Authorities::addIn(tx, a, "system", true);
      if (!added) return core::Unexpected{added.error()};
    }
    for (const model::Rulebook* rb : rulebooks) {
      if (rb->authority.code.empty()) continue;
      auto n = store::Authorities::adoptDossiersIn(tx, rb->id, rb->authority.code);
      if (!n) return core::Unexpected{n.error()};
      adopted += *n;
    }
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return adopted;
}

}  // namespace awardflow::service
