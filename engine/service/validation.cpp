#include "engine/service/validation.hpp"

#include <algorithm>

#include "engine/core/file.hpp"
#include "engine/dossier/attachments.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/dossier/rules.hpp"
#include "engine/service/paths.hpp"

namespace awardflow::service {

ValidationConfig defaultValidationConfig() {
  const std::filesystem::path home = dataHome();
  ValidationConfig config;
  config.schemas_dir = home / "schemas";
  config.rulebooks_dir = home / "workflows";
  return config;
}

core::Result<Validator> Validator::open(const ValidationConfig& config) {
  auto dossier_schema = xml::Schema::load(config.schemas_dir / "dossier.xsd");
  if (!dossier_schema) return core::Unexpected{dossier_schema.error()};
  auto rulebook_schema = xml::Schema::load(config.schemas_dir / "rulebook.xsd");
  if (!rulebook_schema) return core::Unexpected{rulebook_schema.error()};
  auto rulebooks =
      workflow::RulebookRegistry::loadDirectory(config.rulebooks_dir, *rulebook_schema);
  if (!rulebooks) return core::Unexpected{rulebooks.error()};
  if (config.attachments_dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(*config.attachments_dir, ec)) {
      return core::fail(core::Errc::NotFound,
                        "attachments folder not found: " + config.attachments_dir->string());
    }
  }
  std::optional<SignatureVerifier> signatures;
  if (config.trust_dir) {
    auto verifier = SignatureVerifier::open(*config.trust_dir, config.verify);
    if (!verifier) return core::Unexpected{verifier.error()};
    signatures = std::move(verifier).value();
  }
  return Validator(config, std::move(dossier_schema).value(), std::move(rulebooks).value(),
                   std::move(signatures));
}

ValidationResult Validator::validateBytes(std::string_view bytes, std::string source) const {
  if (config_.attachments_dir)
    return validateBytes(bytes, std::move(source), *config_.attachments_dir);
  return validateBytes(bytes, std::move(source), std::filesystem::path());
}

ValidationResult Validator::validateBytes(std::string_view bytes, std::string source,
                                          const std::filesystem::path& attachments_dir) const {
  ValidationResult result;
  result.source = std::move(source);
  xml::Parsed parsed = xml::parse(bytes, config_.limits);
  result.report = std::move(parsed.report);
  if (!parsed.document) return result;
  if (!dossier_schema_.validate(*parsed.document, result.report, config_.limits.max_problems)) {
    return result;
  }

  const model::Dossier dossier = dossier::readDossier(*parsed.document);
  const model::Rulebook* rulebook = rulebooks_.find(dossier.rulebook_id);
  dossier::checkRules(dossier, rulebook, result.report);
  if (!attachments_dir.empty()) dossier::checkAttachments(dossier, attachments_dir, result.report);
  // Signatures are checked on this very tree, the one the model was read from: what is verified
  // is what is read.
  if (signatures_) result.report.append(signatures_->verifyAsProblems(*parsed.document));

  DossierSummary summary;
  summary.id = dossier.id;
  summary.rulebook = dossier.rulebook_id;
  summary.procedure = dossier.procedure_id;
  const model::Procedure* procedure =
      rulebook != nullptr ? rulebook->procedure(dossier.procedure_id) : nullptr;
  if (procedure != nullptr) summary.procedure_title = procedure->title.vi;
  summary.unit = dossier.unit_name;
  summary.nominees = dossier.nominees.size();
  summary.documents = dossier.documents.size();
  summary.unit_code = dossier.unit_code;
  summary.title = dossier.title;
  summary.variant = dossier.variant;
  for (const model::Document& d : dossier.documents) {
    const bool seen = std::any_of(
        summary.attachments.begin(), summary.attachments.end(),
        [&](const model::Attachment& a) { return a.file_name == d.attachment.file_name; });
    if (!seen && !d.attachment.file_name.empty()) summary.attachments.push_back(d.attachment);
  }
  result.dossier = std::move(summary);
  return result;
}

core::Result<ValidationResult> Validator::validateFile(const std::filesystem::path& path) const {
  auto bytes = core::readFile(path, config_.limits.max_bytes);
  if (bytes) return validateBytes(*bytes, path.string());
  if (bytes.error().code != core::Errc::TooLarge) return core::Unexpected{bytes.error()};
  // Refused by its size, unread: reported like any other invalid input.
  ValidationResult result;
  result.source = path.string();
  std::error_code ec;
  result.report.add(
      xml::tooLargeProblem(std::filesystem::file_size(path, ec), config_.limits.max_bytes));
  return result;
}

}  // namespace awardflow::service
