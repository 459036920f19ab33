#pragma once

#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::service {

// The demo installation's dossiers (README): four sample dossiers of the demo units, signed with
// the demo keys (issueDemoKeys) and taken through the lifecycle as far as a demo shows — one
// sealed with its signed decision, one before the council with a ballot open, one returned
// with its deficiency list, one just submitted. Does nothing when the store holds dossiers.
// Returns the ids made, in that order. REQUIRES: seedDemo and issueDemoKeys have run.
core::Result<std::vector<std::string>> seedDemoDossiers(const DataDirectory& data,
                                                        Workflow& workflow);

}  // namespace awardflow::service
