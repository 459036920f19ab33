#pragma once

// Dossiers filled in as forms (the web page, or JSON to the API) instead of uploaded as signed
// XML. The form names no unit (the signed-in clerk's is used) and no digests (the uploaded files
// give them); the service writes the XML, signs it with the clerk's key and submits it like any
// other dossier, so one set of rules judges both ways in.
//
// The JSON form mirrors the XML (docs/forms.md):
//   {"id"?, "procedure": {"rulebook", "id", "variant"?}, "period": {"year", "wave" |
//    "campaign": {"name", "from", "to"}}, "date", "title", "achievementSummary",
//    "unitAdvancedWorkerCount"?, "nominees": [{"kind": "individual" | "collective" | "family",
//    …the fields of that element…}], "documents": [{"id", "part", "number"?, "notation"?,
//    "issuedDate", "signer": {"position", "fullName"}, "subject", "pageCount"?, "nominees"?: [ids],
//    "file"}]}

#include <string>
#include <string_view>

#include <Poco/JSON/Object.h>

#include "engine/core/report.hpp"
#include "engine/model/dossier.hpp"

namespace awardflow::service {

// Reads a JSON form into the model. A member of the wrong JSON type or an unknown enumeration
// value is a problem (form.type, form.value) located at the member's JSON pointer
// ("/nominees/1/birthYear") in Location::path; the member is then left empty, so that later
// checks do not report it twice. Unknown members are ignored.
model::Dossier dossierFromJson(const Poco::JSON::Object::Ptr& form, core::Report& report);

// The form of a dossier (the inverse of dossierFromJson, without the unit, which the form does not
// carry): to fill a form in again, e.g. to complete a returned dossier.
Poco::JSON::Object::Ptr dossierToJson(const model::Dossier& dossier);

// The form field (JSON pointer) of an element path of the dossier XML written from `dossier`
// ("/dossier/nominees/individual[2]/annualRating" → "/nominees/1/annualRating"; the n-th
// individual is found among all nominees). Paths outside the form's fields map to "".
std::string formField(std::string_view xml_path, const model::Dossier& dossier);

}  // namespace awardflow::service
