#pragma once

#include "engine/core/report.hpp"
#include "engine/model/dossier.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::dossier {

// Checks what XSD cannot: the dossier against itself (period, document dates and numbers,
// duplicate nominees, contradictory counts) and against its procedure in `rulebook` (in force on
// the dossier's date, variant, nominating level, nominee kinds, required parts, award criteria).
// `rulebook` is the rulebook the dossier names, or nullptr when none is loaded under that id.
// Adds one located Problem per finding to `report` (codes in docs/validation.md). Pure.
void checkRules(const model::Dossier& dossier, const model::Rulebook* rulebook,
                core::Report& report);

}  // namespace awardflow::dossier
