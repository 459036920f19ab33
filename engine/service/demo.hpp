#pragma once

#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::service {

// The demo installation's dossiers (README): four sample dossiers of the demo units, signed with
// the demo keys (issueDemoKeys) and taken through the lifecycle as far as a demo shows — one
// sealed with its signed decision, one before the council with a ballot open, one returned
// with its deficiency list, one just submitted. Does nothing when the store holds dossiers.
// Returns the ids made, in that order. REQUIRES: seedDemo and issueDemoKeys have run.
// Then the province's: a commune health station's Advanced Workers decided and sealed by the
// commune (Sơn Kim 1), a commune's proposal of the provincial Bằng khen before the province's
// council with a ballot open, and a village's Cultural Families returned by its commune (Sơn Tây).
core::Result<std::vector<std::string>> seedDemoDossiers(const DataDirectory& data,
                                                        Workflow& workflow);

// The province platform of the demo (README, "Demo logins"): UBND tỉnh Hà Tĩnh with the Sở Nội vụ
// as standing office, three communes after the 2025 merger (Sơn Kim 1, Sơn Tây, Hương Sơn), the
// former district UBND huyện Hương Sơn under the province, a department of the province, units
// under each commune, and for the province and each commune an office, a chairperson, three
// council members, an archivist and an administrator. People are fictional; passwords follow the
// demo rule "demo-LOGIN-2026".
std::vector<model::AuthorityRecord> provinceDemoAuthorities();
std::vector<model::Unit> provinceDemoUnits();
std::vector<DemoAccount> provinceDemoAccounts();

// Adds what of the province demo is not there yet (authorities, units, accounts); returns the
// accounts added. Run before the workflow first opens, so the authorities carry their names and
// parents rather than those the rulebooks register.
core::Result<std::vector<DemoAccount>> seedProvinceDemo(const DataDirectory& data);

}  // namespace awardflow::service
