#include "engine/model/dossier.hpp"

namespace awardflow::model {

core::Location FieldLocations::of(std::string_view name, const core::Location& parent) const {
  core::Location out = parent;
  out.path += "/" + std::string(name);
  for (const auto& [field, line] : lines) {
    if (field == name) {
      out.line = line;
      break;
    }
  }
  return out;
}

SubjectKind subjectKind(const Nominee& nominee) {
  if (std::holds_alternative<Individual>(nominee)) return SubjectKind::Individual;
  if (std::holds_alternative<Family>(nominee)) return SubjectKind::Family;
  const auto& collective = std::get<Collective>(nominee);
  return collective.kind == "unit" ? SubjectKind::Collective : SubjectKind::Village;
}

const std::string& nomineeId(const Nominee& nominee) {
  return std::visit([](const auto& n) -> const std::string& { return n.id; }, nominee);
}

const core::Location& nomineeLocation(const Nominee& nominee) {
  return std::visit([](const auto& n) -> const core::Location& { return n.where; }, nominee);
}

const std::string& nomineeName(const Nominee& nominee) {
  if (const auto* i = std::get_if<Individual>(&nominee)) return i->full_name;
  if (const auto* c = std::get_if<Collective>(&nominee)) return c->name;
  return std::get<Family>(nominee).head_of_household;
}

}  // namespace awardflow::model
