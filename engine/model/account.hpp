#pragma once

#include <optional>
#include <string>
#include <utility>

#include "engine/model/rulebook.hpp"

namespace awardflow::model {

// An authority that awards (cơ quan có thẩm quyền khen thưởng): the province (Chủ tịch UBND
// tỉnh), a commune or ward, an agency whose head awards. Each has its own standing office,
// council, chairperson, numbering of decisions and rulebooks. `parent` places it in the tree
// (a commune under its province); a historical authority (a district abolished on 2025-07-01)
// takes no new dossiers, and its records are held by `successor` and that one's successors.
struct AuthorityRecord {
  std::string code;  // as rulebooks name it in <authority code>: "UBND-HATINH"
  std::string name;  // "UBND tỉnh Hà Tĩnh"
  Level level = Level::Province;
  std::optional<std::string> parent_code;
  std::optional<std::string> successor_code;
  bool historical = false;
};

// An organisation that takes part: a submitting unit (UBND xã, trường, khoa …) or the agency
// itself. `code` is the one dossiers carry in nominatingUnit/@code. Units form a tree
// (`parent_code`) under the authority they belong to (`authority_code`; none in an installation
// of one authority).
struct Unit {
  Unit() = default;
  Unit(std::string code_, std::string name_, Level level_,
       std::optional<std::string> authority = std::nullopt,
       std::optional<std::string> parent = std::nullopt)
      : code(std::move(code_)),
        name(std::move(name_)),
        level(level_),
        authority_code(std::move(authority)),
        parent_code(std::move(parent)) {}

  std::string code;
  std::string name;
  Level level = Level::Commune;
  std::optional<std::string> authority_code;
  std::optional<std::string> parent_code;
};

// A person who signs in and acts in one role; submitting units act for their unit only. Staff
// act for their authority (`authority_code`); a unit's user belongs to the unit's authority. A
// user with no authority belongs to the installation as a whole (an installation of one
// authority, as before authorities were kept).
struct User {
  User() = default;
  User(std::string login_, std::string full_name_, Role role_,
       std::optional<std::string> unit = std::nullopt, bool active_ = true,
       std::optional<std::string> authority = std::nullopt)
      : login(std::move(login_)),
        full_name(std::move(full_name_)),
        role(role_),
        unit_code(std::move(unit)),
        active(active_),
        authority_code(std::move(authority)) {}

  std::string login;
  std::string full_name;
  Role role = Role::StandingOffice;
  std::optional<std::string> unit_code;  // required for Role::SubmittingUnit
  bool active = true;
  std::optional<std::string> authority_code;
};

}  // namespace awardflow::model
