#include <ostream>

#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/report_format.hpp"
#include "engine/service/bags.hpp"

namespace awardflow::cli {
namespace {

void writeBagHelp(std::ostream& out) {
  out << "usage: awardflow bag validate [OPTIONS] PATH...\n\n"
         "BagIt packages (RFC 8493), the form sealed records are archived and exchanged in.\n\n"
         "subcommands:\n"
         "  validate    check bag folders or zipped bags: declaration, bag-info.txt, every\n"
         "              manifest and digest, fetch.txt, and paths that could leave the bag\n\n"
         "Run 'awardflow bag validate --help' for its options.\n";
}

int runBagValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  addReportOptions(options);
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, "bag validate", "[OPTIONS] PATH...",
              "Validates BagIt packages: each PATH is a bag folder or a zipped bag (a .zip "
              "holding one folder, the bag). Versions 1.0, 0.97 and 0.96 are read. Exit status: "
              "0 when every bag is valid, 65 when any is invalid, 66 when a path is missing or "
              "unreadable, 64 on usage errors. Problem codes: docs/archive.md.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "bag validate", err);
  if (!style) return kExitUsage;
  if (parsed.operands.empty()) {
    return usageError(err, "bag validate", "no bag given", "chưa chỉ ra gói BagIt nào");
  }
  std::vector<FileOutcome> outcomes;
  int status = kExitOk;
  for (const std::string& path : parsed.operands) {
    FileOutcome outcome;
    outcome.file = path;
    auto result = service::validateBagAt(path);
    if (result) {
      if (!result->valid() && status == kExitOk) status = exitCode(core::Errc::Invalid);
      outcome.result = std::move(result).value();
    } else {
      // A bag that cannot be read at all outranks an invalid one, as in `validate`.
      if (status == kExitOk || status == exitCode(core::Errc::Invalid))
        status = exitCode(result.error().code);
      outcome.failure = result.error();
    }
    outcomes.push_back(std::move(outcome));
  }
  if (style->format == "json")
    writeJson(out, outcomes);
  else
    writeText(out, outcomes, style->lang);
  return status;
}

}  // namespace

int runBag(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    writeBagHelp(err);
    return kExitUsage;
  }
  const std::string& sub = args.front();
  if (sub == "--help" || sub == "-h") {
    writeBagHelp(out);
    return kExitOk;
  }
  if (sub == "validate") return runBagValidate({args.begin() + 1, args.end()}, out, err);
  return usageError(err, "bag", "unknown subcommand '" + sub + "'",
                    "không có lệnh con '" + sub + "'");
}

}  // namespace awardflow::cli
