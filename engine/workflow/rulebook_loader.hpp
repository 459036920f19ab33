#pragma once

#include <string>
#include <string_view>

#include "engine/core/error.hpp"
#include "engine/model/rulebook.hpp"
#include "engine/xml/schema.hpp"

namespace awardflow::workflow {

// Reads one rulebook (schemas/rulebook.xsd) from `bytes`: hardened parse, XSD validation, then
// the checks XSD cannot make (validity dates in order, a standard variant in every procedure,
// no procedure decided below the rulebook's authority, vote rules with their thresholds).
// `source` names the input in messages and is kept as Rulebook::source_path.
// Fails with Errc::Config; details hold one "source:line: path: message" per problem.
core::Result<model::Rulebook> loadRulebook(std::string_view bytes, const std::string& source,
                                           const xml::Schema& rulebook_schema);

}  // namespace awardflow::workflow
