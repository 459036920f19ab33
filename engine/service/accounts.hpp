#pragma once

#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::service {

// Adds a unit after checking its code (letters, digits, '.', '-', '_'), name and level.
// Fails with Errc::InvalidArgument for bad fields and Errc::Conflict for an existing code.
core::Result<void> addUnit(const DataDirectory& data, const model::Unit& unit,
                           const std::string& actor);

// Adds a user with a password (at least 10 characters; stored as scrypt only). Logins are
// lower-case letters, digits, '.', '-', '_' (3–64); a submitting unit's user names its unit.
// Fails with Errc::InvalidArgument, Errc::Conflict (login taken) or Errc::Invalid (no such unit).
core::Result<void> addUser(const DataDirectory& data, const model::User& user,
                           const std::string& password, const std::string& actor);

// Every user, by login.
core::Result<std::vector<model::User>> listUsers(const DataDirectory& data);

// The same, for a signed-in actor: administrators only (PermissionDenied otherwise).
core::Result<std::vector<model::User>> listUsersAs(const DataDirectory& data,
                                                   const model::User& actor);
core::Result<void> addUserAs(const DataDirectory& data, const model::User& actor,
                             const model::User& user, const std::string& password);
core::Result<void> addUnitAs(const DataDirectory& data, const model::User& actor,
                             const model::Unit& unit);
// Deactivates or reactivates a user (administrators; not themselves): a deactivated user cannot
// sign in and their sessions and tokens are revoked. PermissionDenied, InvalidArgument (self),
// NotFound.
core::Result<void> setUserActiveAs(const DataDirectory& data, const model::User& actor,
                                   const std::string& login, bool active);
// Every unit, for the operator of the installation (CLI).
core::Result<std::vector<model::Unit>> listUnits(const DataDirectory& data);
// The units `actor` may know of: a unit's clerk their unit and those under it; staff of an
// authority the units of that authority, of the authorities under it and of the ended ones it
// holds the records of (the province: every unit of its communes); a user of the whole
// installation, or of the authority at the top of the tree, every unit.
core::Result<std::vector<model::Unit>> listUnitsAs(const DataDirectory& data,
                                                   const model::User& actor);

struct DemoAccount {
  model::User user;
  std::string password;
};

// The demo installation (README): the district's standing office and chairperson, three council
// members, an archivist, an administrator, and one clerk for each of four submitting units that
// the samples use. Passwords are demo values, printed by `awardflow init --demo`.
std::vector<model::Unit> demoUnits();
std::vector<DemoAccount> demoAccounts();

// Adds the demo units and accounts that are not there yet; returns those added.
core::Result<std::vector<DemoAccount>> seedDemo(const DataDirectory& data);

}  // namespace awardflow::service
