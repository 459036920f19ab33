#include <ostream>

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/report_format.hpp"
#include "engine/service/validation.hpp"

namespace awardflow::cli {
namespace {

Poco::Util::OptionSet validateOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(
      Option("rulebooks", "r", "folder of rulebook files (default: workflows/ of the installation)")
          .argument("DIR"));
  options.addOption(Option("attachments", "a",
                           "folder holding the attached files; when given, every "
                           "attachment's presence, size, SHA-256 and type is checked")
                        .argument("DIR"));
  options.addOption(Option("trust", "t",
                           "trust directory; when given, every XML signature is verified and "
                           "reported (see awardflow verify)")
                        .argument("DIR"));
  addReportOptions(options);
  return options;
}

}  // namespace

int runValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const Poco::Util::OptionSet options = validateOptions();
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "validate", "[OPTIONS] FILE...",
        "Validates nomination dossiers (XML) against schemas/dossier.xsd, the rules of the "
        "rulebook each names, and their attachments. Exit status: 0 when every file is valid, "
        "65 when any is invalid, 66 when a file cannot be read, 64 on usage errors, 78 when "
        "the schemas or rulebooks cannot be loaded. Problem codes: docs/validation.md.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "validate", err);
  if (!style) return kExitUsage;
  if (parsed.operands.empty()) {
    return usageError(err, "validate", "no dossier file given", "chưa chỉ ra tệp hồ sơ nào");
  }

  service::ValidationConfig config = service::defaultValidationConfig();
  if (parsed.has("rulebooks")) config.rulebooks_dir = parsed.value("rulebooks");
  if (parsed.has("trust")) config.trust_dir = std::filesystem::path(parsed.value("trust"));
  if (parsed.has("attachments"))
    config.attachments_dir = std::filesystem::path(parsed.value("attachments"));
  auto validator = service::Validator::open(config);
  if (!validator) return reportFailure(err, "validate", validator.error());

  std::vector<FileOutcome> outcomes;
  outcomes.reserve(parsed.operands.size());
  bool any_unreadable = false;
  bool any_invalid = false;
  for (const std::string& file : parsed.operands) {
    FileOutcome outcome;
    outcome.file = file;
    auto result = validator->validateFile(file);
    if (result) {
      any_invalid = any_invalid || !result->valid();
      outcome.result = std::move(result).value();
    } else {
      any_unreadable = true;
      outcome.failure = result.error();
    }
    outcomes.push_back(std::move(outcome));
  }
  if (style->format == "json")
    writeJson(out, outcomes);
  else
    writeText(out, outcomes, style->lang);
  if (any_unreadable) return kExitNoInput;
  return any_invalid ? kExitData : kExitOk;
}

}  // namespace awardflow::cli
