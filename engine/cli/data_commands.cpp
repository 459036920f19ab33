// awardflow init and awardflow audit: the data directory and its audit chain.
#include <ostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/opened.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/demo.hpp"
#include "engine/service/signatures.hpp"
#include "engine/service/store_fixity.hpp"
#include "engine/service/views.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::cli {
int runInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(
      Poco::Util::Option("demo", "", "also add the demo units and one user per role (README)"));
  options.addOption(Poco::Util::Option("agency", "",
                                       "the name of the body that runs the installation, on the "
                                       "installation CA and seal (default: Ủy ban nhân dân tỉnh "
                                       "Hà Tĩnh, the demo's province); each authority has its own "
                                       "seal besides (awardflow authority seal)")
                        .argument("NAME"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "init", "[--data DIR] [--demo]",
        "Creates the data directory: the embedded store (SQLite, awardflow.db) with its audit "
        "chain, the blob folder, the agency's seal key under an installation CA (agency/) and "
        "the trust directory (trust/). On an existing directory, only brings the store's schema "
        "up to date; nothing is lost or replaced. With --demo, adds the demo units and accounts "
        "that are missing, prints their logins and demo passwords, and issues each a personal "
        "signing key in demo-keys/LOGIN.p12 (its passphrase is the account's password).");
    return kExitOk;
  }
  if (!parsed.operands.empty())
    return usageError(err, "init", "init takes no operands", "init không nhận tham số");
  const auto root = dataDirectory(parsed);
  auto outcome = service::initDataDirectory(root);
  if (!outcome) return reportFailure(err, "init", outcome.error());
  out << (outcome->created ? "initialized " : "up to date ") << root.string() << " (schema "
      << outcome->schema_version << ")\n";
  auto agency =
      service::createAgencyIdentity(root, parsed.value("agency", "Ủy ban nhân dân tỉnh Hà Tĩnh"));
  if (!agency) return reportFailure(err, "init", agency.error());
  if (*agency) {
    out << "agency seal key: " << (root / "agency" / "agency-key.pem").string()
        << " (encrypted; passphrase in " << service::agencyPaths(root).passphrase.string() << ")\n";
  }
  if (!parsed.has("demo")) return kExitOk;
  auto data = service::openDataDirectory(root);
  if (!data) return reportFailure(err, "init", data.error());
  auto added = service::seedDemo(**data);
  if (!added) return reportFailure(err, "init", added.error());
  auto province = service::seedProvinceDemo(**data);
  if (!province) return reportFailure(err, "init", province.error());
  added->insert(added->end(), province->begin(), province->end());
  if (added->empty()) out << "demo accounts present already\n";
  for (const service::DemoAccount& a : *added) {
    out << "  " << a.user.login << "  (" << model::name(a.user.role)
        << (a.user.unit_code ? ", " + *a.user.unit_code
                             : (a.user.authority_code ? ", " + *a.user.authority_code : ""))
        << ")  password: " << a.password << "\n";
  }
  std::vector<service::DemoAccount> every = service::demoAccounts();
  for (service::DemoAccount& a : service::provinceDemoAccounts()) every.push_back(std::move(a));
  auto keys = service::issueDemoKeys(root, every);
  if (!keys) return reportFailure(err, "init", keys.error());
  if (!keys->empty()) {
    out << "demo signing keys: " << (root / "demo-keys").string()
        << "/LOGIN.p12 (passphrase: the account's password)\n";
  }
  const core::SystemClock clock;
  auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
  if (!workflow) return reportFailure(err, "init", workflow.error());
  auto dossiers = service::seedDemoDossiers(**data, **workflow);
  if (!dossiers) return reportFailure(err, "init", dossiers.error());
  if (!dossiers->empty()) {
    out << "demo dossiers: ";
    for (std::size_t i = 0; i < dossiers->size(); ++i) out << (i ? ", " : "") << (*dossiers)[i];
    out << " (district era: sealed; at the council; returned; submitted"
        << (dossiers->size() > 4 ? "; province: sealed by Sơn Kim 1; at the province's council; "
                                   "returned by Sơn Tây)\n"
                                 : ")\n");
    auto checkpoint = (*workflow)->checkpoint(true);
    if (!checkpoint) return reportFailure(err, "init", checkpoint.error());
  }
  return kExitOk;
}

int runAudit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const bool known =
      !args.empty() && (args[0] == "verify" || args[0] == "checkpoint" || args[0] == "files");
  if (!known && !(args.size() == 1 && (args[0] == "--help" || args[0] == "-h"))) {
    return usageError(
        err, "audit",
        "usage: awardflow audit verify|checkpoint|files [--data DIR] [--format text|json]",
        "cách dùng: awardflow audit verify|checkpoint|files [--data DIR] [--format text|json]");
  }
  const std::string sub = known ? args[0] : "verify";
  const std::string command = "audit " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  addReportOptions(options);
  const std::vector<std::string> rest(args.begin() + (known ? 1 : 0), args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command, "[--data DIR] [--format text|json] [--lang vi|en]",
              sub == "files"
                  ? "Audits the live store: reads every blob through against its SHA-256, checks "
                    "that every file a dossier refers to is there and intact, and runs SQLite's "
                    "integrity_check on awardflow.db. The run is an event of the audit chain, and "
                    "/healthz reports \"degraded\" until a run finds nothing. Exit status: 0 "
                    "nothing found, 65 damage found, 66 no data directory."
              : sub == "verify"
                  ? "Recomputes the audit chain (hash of each event over the one before it), "
                    "checks every signed checkpoint against it (agency signature, head hash, no "
                    "event missing after it) and reports the first broken link. Exit status: 0 "
                    "intact, 65 broken, 66 no data directory."
                  : "Signs a checkpoint of the audit chain now with the agency key (one is also "
                    "written after every 64 events).");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, command, data.error());
  const bool en = style->lang == "en";
  if (sub == "checkpoint") {
    const core::SystemClock clock;
    auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
    if (!workflow) return reportFailure(err, command, workflow.error());
    auto cp = (*workflow)->checkpoint(true);
    if (!cp) return reportFailure(err, command, cp.error());
    if (!*cp) {
      out << (en ? "the last event is checkpointed already\n"
                 : "sự kiện cuối đã có điểm kiểm tra được ký\n");
    } else {
      out << (en ? "checkpoint signed at event " : "đã ký điểm kiểm tra tại sự kiện ") << (*cp)->seq
          << " (" << (*cp)->head << ")\n";
    }
    return kExitOk;
  }
  if (sub == "files") {
    auto audit = service::auditStore(**data, "cli");
    if (!audit) return reportFailure(err, command, audit.error());
    if (style->format == "json") {
      printJson(out, service::storeAuditJson(*audit));
    } else {
      out << (en ? "blobs read: " : "tệp lưu đã đọc: ") << audit->blobs
          << (en ? ", damaged: " : ", hỏng: ") << audit->damaged_blob_count << "\n"
          << (en ? "files of dossiers checked: " : "tệp của hồ sơ đã kiểm tra: ")
          << audit->references << (en ? ", missing or damaged: " : ", mất hoặc hỏng: ")
          << audit->problem_count << "\n";
      for (const std::string& sha : audit->damaged_blobs)
        out << (en ? "  damaged blob " : "  tệp lưu hỏng ") << sha << "\n";
      for (const service::LiveFileProblem& p : audit->problems) {
        out << "  " << p.dossier_id << " " << p.name << ": "
            << (en                       ? p.problem
                : p.problem == "missing" ? "bị mất"
                : p.problem == "damaged" ? "bị hỏng"
                                         : "không đọc được")
            << " (" << p.sha256 << ")\n";
      }
      out << (en ? "database (SQLite integrity_check): "
                 : "cơ sở dữ liệu (SQLite integrity_check): ")
          << audit->database << "\n";
    }
    return audit->healthy() ? kExitOk : kExitData;
  }
  auto result = service::verifyAudit(**data);
  if (!result) return reportFailure(err, command, result.error());
  const std::optional<std::int64_t> broken =
      result->chain.broken ? result->chain.broken : result->broken;
  const std::string reason = result->chain.broken ? result->chain.reason : result->reason;
  if (style->format == "json") {
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("intact", result->intact());
    root.set("events", result->chain.events);
    root.set("checkpoints", result->checkpoints);
    if (broken) {
      root.set("brokenAt", *broken);
      root.set("reason", reason);
    } else {
      root.set("head", result->chain.head);
      root.set("uncovered", result->uncovered);
    }
    root.stringify(out, 2);
    out << "\n";
  } else if (result->intact()) {
    out << (en ? "audit chain intact: " : "chuỗi nhật ký toàn vẹn: ") << result->chain.events
        << (en ? " events, head " : " sự kiện, mã băm cuối ") << result->chain.head << "\n"
        << (en ? "signed checkpoints verified: " : "điểm kiểm tra đã ký hợp lệ: ")
        << result->checkpoints
        << (en ? "; events after the last one: " : "; sự kiện sau điểm cuối: ") << result->uncovered
        << "\n";
  } else {
    out << (en ? "audit chain BROKEN at event " : "chuỗi nhật ký BỊ PHÁ VỠ tại sự kiện ") << *broken
        << ": " << reason << "\n";
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
    options.addOption(Poco::Util::Option("authority", "",
                                         "the authority the user works for (staff; a unit's "
                                         "user belongs to the unit's)")
                          .argument("CODE"));
    options.addOption(Poco::Util::Option("password-file", "",
                                         "file whose first line is the password (10+ characters)")
                          .argument("FILE"));
    options.addOption(
        Poco::Util::Option("as", "", "who adds the user (recorded in the audit chain)")
            .argument("LOGIN"));
    options.addOption(idempotencyKeyOption());
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
    if (parsed.has("authority")) user.authority_code = parsed.value("authority");
    const std::string by = parsed.value("as", "admin");
    return runOnce(**data, by, parsed, command, out, err,
                   [&](std::ostream& kept_out, std::ostream& kept_err) {
                     auto added = service::addUser(**data, user, *password, by);
                     if (!added) return reportFailure(kept_err, command, added.error());
                     kept_out << "added " << user.login << " (" << model::name(user.role) << ")\n";
                     return kExitOk;
                   });
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto users = service::listUsers(**data);
  if (!users) return reportFailure(err, command, users.error());
  if (style->format == "json") {
    Poco::JSON::Array list;
    for (const model::User& u : *users) list.add(service::views::user(u));
    list.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  for (const model::User& u : *users) {
    out << u.login << "\t" << model::name(u.role) << "\t" << u.unit_code.value_or("-") << "\t"
        << u.authority_code.value_or("-") << "\t" << u.full_name << "\n";
  }
  return kExitOk;
}

}  // namespace awardflow::cli
