#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// Units and users in the store. Every change is one transaction with its audit event (never the
// password). Thread-safe through the Database.
class Accounts {
 public:
  explicit Accounts(const Database& database) : database_(database) {}

  // Fails with Errc::Conflict when the code exists.
  core::Result<void> addUnit(const model::Unit& unit, const std::string& actor) const;
  core::Result<std::vector<model::Unit>> units() const;
  core::Result<std::optional<model::Unit>> unit(const std::string& code) const;

  // `password_hash` from crypto::hashPassword. Fails with Errc::Conflict when the login exists
  // and Errc::Invalid when the unit does not exist.
  core::Result<void> addUser(const model::User& user, const std::string& password_hash,
                             const std::string& actor) const;
  core::Result<std::vector<model::User>> users() const;
  // Deactivates (or reactivates) a user with a user.deactivated / user.reactivated event; a
  // deactivation also revokes every session and API token of the user. NotFound for no user.
  core::Result<void> setActive(const std::string& login, bool active,
                               const std::string& actor) const;
  // The user and the stored password hash, or nullopt.
  core::Result<std::optional<std::pair<model::User, std::string>>> user(
      const std::string& login) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
