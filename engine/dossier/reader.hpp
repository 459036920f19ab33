#pragma once

#include "engine/model/dossier.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::dossier {

// The namespace of schemas/dossier.xsd, version 1.
inline constexpr const char* kDossierNamespace = "urn:awardflow:dossier:1";
inline constexpr const char* kXmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

// Reads a dossier into the model, every free text NFC-normalized and every element located.
// REQUIRES: `document` is valid against schemas/dossier.xsd (the reader relies on the schema
// for presence and lexical form and does not report problems of its own).
model::Dossier readDossier(const xml::Document& document);

}  // namespace awardflow::dossier
