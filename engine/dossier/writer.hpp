#pragma once

#include <string>

#include "engine/model/dossier.hpp"

namespace awardflow::dossier {

// The dossier as XML of schemas/dossier.xsd (UTF-8, indented, unsigned), elements in schema
// order. Optional elements are written only when the model has them; required ones always, even
// when empty, so that validation reports what is missing where the form would show it. Reading
// the result back (readDossier) gives the same model, apart from locations and signatures.
std::string writeDossier(const model::Dossier& dossier);

}  // namespace awardflow::dossier
