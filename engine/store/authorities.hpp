#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// The authorities of an installation (migration 12): add, end (a district abolished, its
// records held by a successor), read. Every change is one transaction with its audit event.
// Thread-safe through the Database.
class Authorities {
 public:
  explicit Authorities(const Database& database) : database_(database) {}

  // Adds `authority`. Fails with Errc::Conflict when the code exists and Errc::Invalid when its
  // parent or successor is not an authority of the installation.
  core::Result<void> add(const model::AuthorityRecord& authority, const std::string& actor) const;
  // The same inside the caller's transaction; `quiet_if_exists` makes an existing code a
  // no-op instead of a conflict (returns false then).
  static core::Result<bool> addIn(DatabaseImpl& tx, const model::AuthorityRecord& authority,
                                  const std::string& actor, bool quiet_if_exists);

  // Marks `code` historical from `ended_on` (an ISO date, for the event), its records held by
  // `successor`. NotFound for either code, Invalid when the successor is `code` itself, is
  // historical or succeeds `code` already (a cycle), Conflict when `code` has ended already.
  core::Result<void> end(const std::string& code, const std::string& successor,
                         const std::string& ended_on, const std::string& actor) const;

  // Places `code` under `parent` (an authority a rulebook registered on its own, put in the
  // province's tree). NotFound for either code, Invalid when `parent` is `code` or under it.
  core::Result<void> placeUnder(const std::string& code, const std::string& parent,
                                const std::string& actor) const;

  // Every authority, by code.
  core::Result<std::vector<model::AuthorityRecord>> list() const;
  core::Result<std::optional<model::AuthorityRecord>> find(const std::string& code) const;

  // The authorities whose records `code` holds: itself and every historical authority whose
  // chain of successors leads to it. Empty when `code` is unknown.
  core::Result<std::vector<std::string>> heldBy(const std::string& code) const;
  // `code` and every authority under it (children, their children …).
  // Both answers are kept in the process while no connection (of any process) changes the
  // authorities table; inside a transaction they are read afresh and not kept.
  core::Result<std::vector<std::string>> subtree(const std::string& code) const;

  // Whether any stored dossier has no authority yet (a store from before authorities were kept).
  core::Result<bool> anyDossierWithoutAuthority() const;

  // Gives each stored dossier without an authority the authority `code` when its rulebook is
  // `rulebook_id`, inside the caller's transaction; returns how many were given one.
  static core::Result<int> adoptDossiersIn(DatabaseImpl& tx, const std::string& rulebook_id,
                                           const std::string& code);

 private:
  const Database& database_;
};

}  // namespace awardflow::store
