#pragma once

#include <optional>
#include <string>

#include "engine/model/rulebook.hpp"

namespace awardflow::model {

// An organisation that takes part: a submitting unit (UBND xã, trường, khoa …) or the agency
// itself. `code` is the one dossiers carry in nominatingUnit/@code.
struct Unit {
  std::string code;
  std::string name;
  Level level = Level::Commune;
};

// A person who signs in and acts in one role; submitting units act for their unit only.
struct User {
  std::string login;
  std::string full_name;
  Role role = Role::StandingOffice;
  std::optional<std::string> unit_code;  // required for Role::SubmittingUnit
  bool active = true;
};

}  // namespace awardflow::model
