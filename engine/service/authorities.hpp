#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/model/rulebook.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::service {

// The authorities of one installation (a province, its communes, agencies whose heads award),
// and what each user may see and manage of them.
//
// Scope: a user with no authority belongs to the installation as a whole (an installation of
// one authority, as before authorities were kept) and is not narrowed. Staff of an authority see
// its dossiers and those of the historical authorities it succeeds (a district's records held
// by the province). An administrator of the installation or of a province (or central body)
// at the top of the tree manages every authority; any other administrator — an agency or a
// commune not yet placed under the province included — manages its own authority and those
// under it, and only their units and users.

// Adds an authority after checking its code (letters, digits, '.', '-', '_'; 1–64; starting
// with a letter or digit), name and level, and issues its seal under the installation CA when
// the installation has one (agency.hpp; otherwise the seal is issued when first needed).
// Errc::InvalidArgument for bad fields, Conflict for an existing code, Invalid for an unknown
// parent or successor.
core::Result<void> addAuthority(const DataDirectory& data, const model::AuthorityRecord& authority,
                                const std::string& actor);
// The same for a signed-in administrator who manages the parent (PermissionDenied otherwise; a
// new authority at the top of the tree needs an administrator of the whole installation).
core::Result<void> addAuthorityAs(const DataDirectory& data, const model::User& actor,
                                  const model::AuthorityRecord& authority);

// Ends `code` on `ended_on` (a district abolished on 2025-07-01): it takes no new dossiers and
// `successor` holds its records. Administrators who manage `code`.
core::Result<void> endAuthority(const DataDirectory& data, const std::string& code,
                                const std::string& successor, const std::string& ended_on,
                                const std::string& actor);
core::Result<void> endAuthorityAs(const DataDirectory& data, const model::User& actor,
                                  const std::string& code, const std::string& successor,
                                  const std::string& ended_on);

// Places authority `code` under `parent` (a commune its own rulebook registered, put under the
// province). NotFound, Invalid (a cycle).
core::Result<void> placeAuthority(const DataDirectory& data, const std::string& code,
                                  const std::string& parent, const std::string& actor);

// Every authority, by code.
core::Result<std::vector<model::AuthorityRecord>> listAuthorities(const DataDirectory& data);
// The authorities `actor` manages (administrators only; PermissionDenied otherwise).
core::Result<std::vector<model::AuthorityRecord>> listAuthoritiesAs(const DataDirectory& data,
                                                                    const model::User& actor);

// The authorities whose dossiers, sessions and records `actor` sees; nullopt for every one (a
// user of the whole installation).
core::Result<std::optional<std::vector<std::string>>> authoritiesSeenBy(const DataDirectory& data,
                                                                        const model::User& actor);
// The authorities `actor` manages as an administrator; nullopt for every one.
core::Result<std::optional<std::vector<std::string>>> authoritiesManagedBy(
    const DataDirectory& data, const model::User& actor);

// True for a code an authority may have: letters, digits, '.', '-', '_' (1–64), starting with a
// letter or digit. A code names the folder of its seal (agency.hpp), so "." and ".." never are.
bool validAuthorityCode(const std::string& code);

// The name an authority issues documents and seals under: its name without a leading
// "Chủ tịch " (an authority adopted from a rulebook carries the deciding person's title,
// "Chủ tịch Ủy ban nhân dân huyện Hương Sơn"; the issuer is the body).
std::string issuerName(const std::string& authority_name);

// True when `code` (none: the installation's) is within `scope` (nullopt: everything).
bool inScope(const std::optional<std::vector<std::string>>& scope,
             const std::optional<std::string>& code);

// Registers the authority of every rulebook that names one and is not registered yet (with its
// event), and gives each stored dossier without an authority its rulebook's (a store from before
// authorities were kept), in one transaction; reads only when nothing is left to adopt. Returns
// the dossiers given an authority.
core::Result<int> adoptAuthorities(const DataDirectory& data,
                                   const std::vector<const model::Rulebook*>& rulebooks);

}  // namespace awardflow::service
