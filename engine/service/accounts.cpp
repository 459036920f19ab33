#include "engine/service/accounts.hpp"

#include <algorithm>

#include "engine/crypto/password.hpp"
#include "engine/service/authorities.hpp"
#include "engine/store/accounts.hpp"

namespace awardflow::service {
namespace {

bool validLogin(const std::string& login) {
  if (login.size() < 3 || login.size() > 64) return false;
  if (!((login[0] >= 'a' && login[0] <= 'z') || (login[0] >= '0' && login[0] <= '9'))) return false;
  return std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

bool validCode(const std::string& code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

}  // namespace

core::Result<void> addUnit(const DataDirectory& data, const model::Unit& unit,
                           const std::string& actor) {
  if (!validCode(unit.code)) {
    return core::fail(core::Errc::InvalidArgument,
                      "a unit code uses letters, digits, '.', '-', '_' (1–64)");
  }
  if (unit.name.empty()) return core::fail(core::Errc::InvalidArgument, "a unit needs a name");
  return store::Accounts(data.database).addUnit(unit, actor);
}

core::Result<void> addUser(const DataDirectory& data, const model::User& user,
                           const std::string& password, const std::string& actor) {
  if (!validLogin(user.login)) {
    return core::fail(core::Errc::InvalidArgument,
                      "a login uses lower-case letters, digits, '.', '-', '_' (3–64) and starts "
                      "with a letter or digit");
  }
  if (user.full_name.empty())
    return core::fail(core::Errc::InvalidArgument, "a user needs a full name");
  if (user.role == model::Role::System)
    return core::fail(core::Errc::InvalidArgument, "nobody signs in as the system");
  if (user.role == model::Role::SubmittingUnit && !user.unit_code) {
    return core::fail(core::Errc::InvalidArgument,
                      "a submitting unit's user must name the unit (--unit)");
  }
  if (password.size() < 10)
    return core::fail(core::Errc::InvalidArgument, "a password needs at least 10 characters");
  auto hash = crypto::hashPassword(password);
  if (!hash) return core::Unexpected{hash.error()};
  return store::Accounts(data.database).addUser(user, *hash, actor);
}

core::Result<std::vector<model::User>> listUsers(const DataDirectory& data) {
  return store::Accounts(data.database).users();
}

std::vector<model::Unit> demoUnits() {
  return {{"UBND-HUONGSON", "UBND huyện Hương Sơn", model::Level::District},
          {"UBND-SONTIEN", "UBND xã Sơn Tiến", model::Level::Commune},
          {"UBND-PHOCHAU", "UBND thị trấn Phố Châu", model::Level::Commune},
          {"THCS-SONTIEN", "Trường THCS Sơn Tiến", model::Level::Agency},
          {"PGDDT-HUONGSON", "Phòng Giáo dục và Đào tạo huyện Hương Sơn", model::Level::Agency}};
}

std::vector<DemoAccount> demoAccounts() {
  const auto account = [](const char* login, const char* name, model::Role role,
                          std::optional<std::string> unit) {
    return DemoAccount{model::User{login, name, role, std::move(unit), true},
                       std::string("demo-") + login + "-2026"};
  };
  return {
      account("thuong-truc", "Phan Thị Lan (Phòng Nội vụ)", model::Role::StandingOffice,
              "UBND-HUONGSON"),
      account("chu-tich", "Nguyễn Văn Hùng (Chủ tịch UBND huyện)", model::Role::Chairperson,
              "UBND-HUONGSON"),
      account("hoi-dong-1", "Trần Thị Mai (thành viên Hội đồng)", model::Role::CouncilMember,
              "UBND-HUONGSON"),
      account("hoi-dong-2", "Lê Văn Quang (thành viên Hội đồng)", model::Role::CouncilMember,
              "UBND-HUONGSON"),
      account("hoi-dong-3", "Hoàng Thị Hà (thành viên Hội đồng)", model::Role::CouncilMember,
              "UBND-HUONGSON"),
      account("luu-tru", "Đặng Văn Tài (văn thư lưu trữ)", model::Role::Archivist, "UBND-HUONGSON"),
      account("quan-tri", "Quản trị hệ thống", model::Role::Admin, std::nullopt),
      account("son-tien", "Cán bộ TĐKT xã Sơn Tiến", model::Role::SubmittingUnit, "UBND-SONTIEN"),
      account("pho-chau", "Cán bộ TĐKT thị trấn Phố Châu", model::Role::SubmittingUnit,
              "UBND-PHOCHAU"),
      account("thcs-son-tien", "Văn thư Trường THCS Sơn Tiến", model::Role::SubmittingUnit,
              "THCS-SONTIEN"),
      account("pgddt", "Chuyên viên Phòng GD&ĐT", model::Role::SubmittingUnit, "PGDDT-HUONGSON"),
  };
}

core::Result<std::vector<DemoAccount>> seedDemo(const DataDirectory& data) {
  const store::Accounts accounts(data.database);
  for (const model::Unit& unit : demoUnits()) {
    auto existing = accounts.unit(unit.code);
    if (!existing) return core::Unexpected{existing.error()};
    if (*existing) continue;
    auto added = addUnit(data, unit, "system");
    if (!added) return core::Unexpected{added.error()};
  }
  std::vector<DemoAccount> added_accounts;
  for (const DemoAccount& demo : demoAccounts()) {
    auto existing = accounts.user(demo.user.login);
    if (!existing) return core::Unexpected{existing.error()};
    if (*existing) continue;
    auto added = addUser(data, demo.user, demo.password, "system");
    if (!added) return core::Unexpected{added.error()};
    added_accounts.push_back(demo);
  }
  return added_accounts;
}

namespace {

core::Result<void> requireAdmin(const model::User& actor) {
  if (actor.role == model::Role::Admin) return {};
  return core::fail(core::Errc::PermissionDenied, "only an administrator manages accounts",
                    {"chỉ quản trị viên được quản lý tài khoản"});
}

// The authorities `actor` administers, after checking the role.
core::Result<std::optional<std::vector<std::string>>> managedScope(const DataDirectory& data,
                                                                   const model::User& actor) {
  auto allowed = requireAdmin(actor);
  if (!allowed) return core::Unexpected{allowed.error()};
  return authoritiesManagedBy(data, actor);
}

core::Result<void> outOfScope(const model::User& actor, const std::string& what) {
  return core::fail(core::Errc::PermissionDenied,
                    actor.login + " manages " + actor.authority_code.value_or("") +
                        " and what is under it only, not " + what,
                    {actor.login + " chỉ quản lý " + actor.authority_code.value_or("") +
                     " và các cơ quan trực thuộc, không quản lý " + what});
}

}  // namespace

core::Result<std::vector<model::User>> listUsersAs(const DataDirectory& data,
                                                   const model::User& actor) {
  auto scope = managedScope(data, actor);
  if (!scope) return core::Unexpected{scope.error()};
  auto all = listUsers(data);
  if (!all || !*scope) return all;
  std::vector<model::User> out;
  for (model::User& u : *all)
    if (inScope(*scope, u.authority_code)) out.push_back(std::move(u));
  return out;
}

core::Result<void> addUserAs(const DataDirectory& data, const model::User& actor,
                             const model::User& user, const std::string& password) {
  auto scope = managedScope(data, actor);
  if (!scope) return core::Unexpected{scope.error()};
  model::User added = user;
  // An administrator of an authority adds people to it unless they name one under it.
  if (!added.authority_code && !added.unit_code) added.authority_code = actor.authority_code;
  if (*scope) {
    std::optional<std::string> authority = added.authority_code;
    if (added.unit_code) {
      auto unit = store::Accounts(data.database).unit(*added.unit_code);
      if (!unit) return core::Unexpected{unit.error()};
      if (*unit) authority = (*unit)->authority_code;
    }
    if (!inScope(*scope, authority))
      return outOfScope(actor, authority.value_or("the installation"));
  }
  return addUser(data, added, password, actor.login);
}

core::Result<void> addUnitAs(const DataDirectory& data, const model::User& actor,
                             const model::Unit& unit) {
  auto scope = managedScope(data, actor);
  if (!scope) return core::Unexpected{scope.error()};
  model::Unit added = unit;
  if (!added.authority_code) added.authority_code = actor.authority_code;
  if (!inScope(*scope, added.authority_code))
    return outOfScope(actor, added.authority_code.value_or("the installation"));
  return addUnit(data, added, actor.login);
}

core::Result<void> setUserActiveAs(const DataDirectory& data, const model::User& actor,
                                   const std::string& login, bool active) {
  auto scope = managedScope(data, actor);
  if (!scope) return core::Unexpected{scope.error()};
  if (login == actor.login) {
    return core::fail(core::Errc::InvalidArgument, "administrators do not deactivate themselves",
                      {"quản trị viên không tự khóa tài khoản của mình"});
  }
  if (*scope) {
    auto found = store::Accounts(data.database).user(login);
    if (!found) return core::Unexpected{found.error()};
    // Someone outside the scope is not named: as if there were no such user.
    if (!*found || !inScope(*scope, (*found)->first.authority_code)) {
      return core::fail(core::Errc::NotFound, "no user " + login, {"không có người dùng " + login});
    }
  }
  return store::Accounts(data.database).setActive(login, active, actor.login);
}

core::Result<std::vector<model::Unit>> listUnits(const DataDirectory& data) {
  return store::Accounts(data.database).units();
}

core::Result<std::vector<model::Unit>> listUnitsAs(const DataDirectory& data,
                                                   const model::User& actor) {
  auto all = listUnits(data);
  if (!all) return all;
  std::vector<model::Unit> out;
  if (actor.role == model::Role::SubmittingUnit) {
    // Their unit and the units under it, parents before children.
    std::vector<std::string> mine;
    if (actor.unit_code) mine.push_back(*actor.unit_code);
    for (std::size_t i = 0; i < mine.size(); ++i) {
      for (const model::Unit& u : *all)
        if (u.parent_code == mine[i] && std::find(mine.begin(), mine.end(), u.code) == mine.end())
          mine.push_back(u.code);
    }
    for (model::Unit& u : *all)
      if (std::find(mine.begin(), mine.end(), u.code) != mine.end()) out.push_back(std::move(u));
    return out;
  }
  auto below = authoritiesManagedBy(data, actor);  // its authority and those under it
  if (!below) return core::Unexpected{below.error()};
  if (!*below) return all;
  auto held = authoritiesSeenBy(data, actor);  // and the ended ones whose records it holds
  if (!held) return core::Unexpected{held.error()};
  for (model::Unit& u : *all)
    if (inScope(*below, u.authority_code) || inScope(*held, u.authority_code))
      out.push_back(std::move(u));
  return out;
}

}  // namespace awardflow::service
