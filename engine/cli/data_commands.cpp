// awardflow init and awardflow audit: the data directory and its audit chain.
#include <ostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/signatures.hpp"

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
  options.addOption(
      Poco::Util::Option("demo", "", "also add the demo units and one user per role (README)"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "init", "[--data DIR] [--demo]",
        "Creates the data directory: the embedded store (SQLite, awardflow.db) with its audit "
        "chain, and the blob folder. On an existing directory, only brings the store's schema "
        "up to date; nothing is lost. With --demo, adds the demo units and accounts that are "
        "missing and prints their logins and demo passwords.");
    return kExitOk;
  }
  if (!parsed.operands.empty())
    return usageError(err, "init", "init takes no operands", "init không nhận tham số");
  const auto root = dataDirectory(parsed);
  auto outcome = service::initDataDirectory(root);
  if (!outcome) return reportFailure(err, "init", outcome.error());
  out << (outcome->created ? "initialized " : "up to date ") << root.string() << " (schema "
      << outcome->schema_version << ")\n";
  if (!parsed.has("demo")) return kExitOk;
  auto data = service::openDataDirectory(root);
  if (!data) return reportFailure(err, "init", data.error());
  auto added = service::seedDemo(**data);
  if (!added) return reportFailure(err, "init", added.error());
  if (added->empty()) out << "demo accounts present already\n";
  for (const service::DemoAccount& a : *added) {
    out << "  " << a.user.login << "  (" << model::name(a.user.role)
        << (a.user.unit_code ? ", " + *a.user.unit_code : std::string())
        << ")  password: " << a.password << "\n";
  }
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

int runUsers(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: awardflow users add|list [OPTIONS]";
  if (args.empty() || (args[0] != "add" && args[0] != "list")) {
    return usageError(err, "users", usage, "cách dùng: awardflow users add|list [TÙY CHỌN]");
  }
  const std::string& sub = args[0];
  const std::string command = "users " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  if (sub == "add") {
    options.addOption(
        Poco::Util::Option("login", "", "login: a-z, 0-9, '.', '-', '_' (3-64)").argument("LOGIN"));
    options.addOption(Poco::Util::Option("name", "", "full name").argument("NAME"));
    options.addOption(
        Poco::Util::Option("role", "",
                           "submitting-unit, standing-office, council-member, chairperson, "
                           "archivist or admin")
            .argument("ROLE"));
    options.addOption(Poco::Util::Option("unit", "", "unit code (required for submitting-unit)")
                          .argument("CODE"));
    options.addOption(Poco::Util::Option("password-file", "",
                                         "file whose first line is the password (10+ characters)")
                          .argument("FILE"));
    options.addOption(
        Poco::Util::Option("as", "", "who adds the user (recorded in the audit chain)")
            .argument("LOGIN"));
  } else {
    addReportOptions(options);
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command, "[OPTIONS]",
              sub == "add" ? "Adds a user in one role; the password is stored as scrypt only."
                           : "Lists the users: login, role, unit, name.");
    return kExitOk;
  }
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, command, data.error());
  if (sub == "add") {
    for (const char* required : {"login", "name", "role", "password-file"}) {
      if (!parsed.has(required)) {
        return usageError(err, command, std::string("--") + required + " is required",
                          std::string("cần có --") + required);
      }
    }
    const auto role = model::parseRole(parsed.value("role"));
    if (!role)
      return usageError(err, command, "unknown role '" + parsed.value("role") + "'",
                        "vai trò không hợp lệ");
    auto password = service::readPassphrase(parsed.value("password-file"));
    if (!password) return reportFailure(err, command, password.error());
    model::User user{parsed.value("login"), parsed.value("name"), *role, std::nullopt, true};
    if (parsed.has("unit")) user.unit_code = parsed.value("unit");
    auto added = service::addUser(**data, user, *password, parsed.value("as", "admin"));
    if (!added) return reportFailure(err, command, added.error());
    out << "added " << user.login << " (" << model::name(user.role) << ")\n";
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto users = service::listUsers(**data);
  if (!users) return reportFailure(err, command, users.error());
  if (style->format == "json") {
    Poco::JSON::Array list;
    for (const model::User& u : *users) {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      o->set("login", u.login);
      o->set("name", u.full_name);
      o->set("role", std::string(model::name(u.role)));
      if (u.unit_code) o->set("unit", *u.unit_code);
      o->set("active", u.active);
      list.add(o);
    }
    list.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  for (const model::User& u : *users) {
    out << u.login << "\t" << model::name(u.role) << "\t" << u.unit_code.value_or("-") << "\t"
        << u.full_name << "\n";
  }
  return kExitOk;
}

}  // namespace awardflow::cli
