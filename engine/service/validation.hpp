#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/model/dossier.hpp"
#include "engine/service/signatures.hpp"
#include "engine/workflow/rulebook_registry.hpp"
#include "engine/xml/document.hpp"
#include "engine/xml/schema.hpp"

namespace awardflow::service {

struct ValidationConfig {
  std::filesystem::path schemas_dir;    // holds dossier.xsd, rulebook.xsd, common.xsd
  std::filesystem::path rulebooks_dir;  // holds the rulebook *.xml files
  // When set, attachments are checked against the files of this folder.
  std::optional<std::filesystem::path> attachments_dir;
  xml::ParseOptions limits;
  // When set, every ds:Signature is verified against this trust directory and reported.
  std::optional<std::filesystem::path> trust_dir;
  crypto::VerifyOptions verify;
};

// The defaults under dataHome(): schemas/ and workflows/, no attachment folder.
ValidationConfig defaultValidationConfig();

// What a person needs to recognise the dossier a report is about.
struct DossierSummary {
  std::string id;
  std::string rulebook;
  std::string procedure;
  std::string procedure_title;  // vi; empty when the procedure is unknown
  std::string unit;
  std::size_t nominees = 0;
  std::size_t documents = 0;
  // What intake stores beside the XML.
  std::string unit_code;
  std::string title;
  model::VariantKind variant = model::VariantKind::Standard;
  std::vector<model::Attachment> attachments;  // one per distinct file, in document order
};

struct ValidationResult {
  std::string source;  // file name or label given by the caller
  core::Report report;
  std::optional<DossierSummary> dossier;  // present once the dossier passed its schema

  bool valid() const { return report.valid(); }
};

// Validates nomination dossiers: hardened parse, schemas/dossier.xsd, rule checks against the
// named rulebook, attachments, and (with a trust directory) the signatures. Opened once;
// validate*() are const and safe to call from many threads at once.
class Validator {
 public:
  // Compiles the schemas and loads every rulebook. Fails with Errc::Config (details list each
  // problem) when any of them cannot be loaded.
  static core::Result<Validator> open(const ValidationConfig& config);

  // Validates dossier bytes; every problem is in the returned report.
  ValidationResult validateBytes(std::string_view bytes, std::string source) const;
  // The same, checking attachments against the files of `attachments_dir` (instead of the
  // configured folder, if any).
  ValidationResult validateBytes(std::string_view bytes, std::string source,
                                 const std::filesystem::path& attachments_dir) const;

  // Reads and validates one file. A file over the size limit is reported (xml.too-large)
  // without being read. Fails with Errc::NotFound when there is no such file and
  // Errc::Unreadable when it cannot be read.
  core::Result<ValidationResult> validateFile(const std::filesystem::path& path) const;

  const workflow::RulebookRegistry& rulebooks() const { return rulebooks_; }

 private:
  Validator(ValidationConfig config, xml::Schema dossier_schema,
            workflow::RulebookRegistry rulebooks, std::optional<SignatureVerifier> signatures)
      : config_(std::move(config)),
        dossier_schema_(std::move(dossier_schema)),
        rulebooks_(std::move(rulebooks)),
        signatures_(std::move(signatures)) {}

  ValidationConfig config_;
  xml::Schema dossier_schema_;
  workflow::RulebookRegistry rulebooks_;
  std::optional<SignatureVerifier> signatures_;
};

}  // namespace awardflow::service
