// awardflow init and awardflow audit: the data directory and its audit chain.
#include <ostream>

#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::cli {
namespace {

Poco::Util::Option dataOption() {
  return Poco::Util::Option("data", "d", "data directory (default: $AWARDFLOW_DATA, else ./var)")
      .argument("DIR");
}

std::filesystem::path dataDirectory(const ParsedArgs& args) {
  return args.has("data") ? std::filesystem::path(args.value("data"))
                          : service::defaultDataDirectory();
}

}  // namespace

int runInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "init", "[--data DIR]",
        "Creates the data directory: the embedded store (SQLite, awardflow.db) with its audit "
        "chain, and the blob folder. On an existing directory, only brings the store's schema "
        "up to date; nothing is lost.");
    return kExitOk;
  }
  if (!parsed.operands.empty())
    return usageError(err, "init", "init takes no operands", "init không nhận tham số");
  const auto root = dataDirectory(parsed);
  auto outcome = service::initDataDirectory(root);
  if (!outcome) return reportFailure(err, "init", outcome.error());
  out << (outcome->created ? "initialized " : "up to date ") << root.string() << " (schema "
      << outcome->schema_version << ")\n";
  return kExitOk;
}

int runAudit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || (args[0] != "verify" && args[0] != "--help" && args[0] != "-h")) {
    return usageError(err, "audit",
                      "usage: awardflow audit verify [--data DIR] [--format text|json]",
                      "cách dùng: awardflow audit verify [--data DIR] [--format text|json]");
  }
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  addReportOptions(options);
  const std::vector<std::string> rest(args.begin() + (args[0] == "verify" ? 1 : 0), args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(
        out, options, "audit verify", "[--data DIR] [--format text|json] [--lang vi|en]",
        "Recomputes the audit chain (hash of each event over the one before it) and reports the "
        "first broken link. Exit status: 0 intact, 65 broken, 66 no data directory.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, "audit verify", err);
  if (!style) return kExitUsage;
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, "audit verify", data.error());
  auto result = (*data)->audit().verify();
  if (!result) return reportFailure(err, "audit verify", result.error());
  const bool en = style->lang == "en";
  if (style->format == "json") {
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("intact", result->intact());
    root.set("events", result->events);
    if (result->broken) {
      root.set("brokenAt", *result->broken);
      root.set("reason", result->reason);
    } else {
      root.set("head", result->head);
    }
    root.stringify(out, 2);
    out << "\n";
  } else if (result->intact()) {
    out << (en ? "audit chain intact: " : "chuỗi nhật ký toàn vẹn: ") << result->events
        << (en ? " events, head " : " sự kiện, mã băm cuối ") << result->head << "\n";
  } else {
    out << (en ? "audit chain BROKEN at event " : "chuỗi nhật ký BỊ PHÁ VỠ tại sự kiện ")
        << *result->broken << ": " << result->reason << "\n";
  }
  return result->intact() ? kExitOk : kExitData;
}

}  // namespace awardflow::cli
