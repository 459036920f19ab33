#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/service/signatures.hpp"
#include "engine/service/validation.hpp"

namespace awardflow::cli {

// The outcome for one input file: a validation result, or the reason it could not be read.
struct FileOutcome {
  std::string file;
  std::optional<service::ValidationResult> result;
  std::optional<core::Error> failure;
};

// Human-readable report in `lang` ("vi" or "en"): a verdict line per file, then each problem
// with its severity, code, location and message; a total line when there are several files.
void writeText(std::ostream& out, const std::vector<FileOutcome>& outcomes, std::string_view lang);

// Machine-readable report: {"valid": bool, "files": [...]}, each problem with both languages.
// The shape is documented in docs/validation.md.
void writeJson(std::ostream& out, const std::vector<FileOutcome>& outcomes);

// `awardflow verify` reports: per file a verdict, then each signature with signer, issuer,
// serial, algorithm, claimed signing time, chain, verdict and reason.
void writeSignaturesText(std::ostream& out, const std::vector<service::FileSignatures>& files,
                         std::string_view lang);
void writeSignaturesJson(std::ostream& out, const std::vector<service::FileSignatures>& files);

}  // namespace awardflow::cli
