// awardflow authority and awardflow units: the authorities of an installation and the tree of
// units under them, as the operator of the installation manages them.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <ostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/core/clock.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/views.hpp"

namespace awardflow::cli {
namespace {

Poco::Util::Option valueOption(const char* name, const char* help, const char* arg) {
  return Poco::Util::Option(name, "", help).argument(arg);
}

std::optional<std::string> optional(const ParsedArgs& parsed, const std::string& name) {
  if (!parsed.has(name)) return std::nullopt;
  return parsed.value(name);
}

int missing(std::ostream& err, const std::string& command, const ParsedArgs& parsed,
            std::initializer_list<const char*> required) {
  for (const char* name : required) {
    if (!parsed.has(name)) {
      return usageError(err, command, std::string("--") + name + " is required",
                        std::string("cần có --") + name);
    }
  }
  return kExitOk;
}

// awardflow authority seal CODE [--key … --cert …]
int showOrInstallSeal(const service::DataDirectory& data, const ParsedArgs& parsed,
                      std::ostream& out, std::ostream& err) {
  const std::string command = "authority seal";
  if (parsed.operands.size() != 1)
    return usageError(err, command, "name one authority", "cần nêu một cơ quan");
  const std::string& code = parsed.operands[0];
  auto all = service::listAuthorities(data);
  if (!all) return reportFailure(err, command, all.error());
  const auto found = std::find_if(all->begin(), all->end(),
                                  [&](const model::AuthorityRecord& a) { return a.code == code; });
  if (found == all->end()) {
    return reportFailure(
        err, command,
        core::Error{core::Errc::NotFound, "no authority " + code, {"không có cơ quan " + code}});
  }
  if (parsed.has("key") || parsed.has("cert")) {
    if (int rc = missing(err, command, parsed, {"key", "cert", "key-passphrase-file"});
        rc != kExitOk)
      return rc;
    auto secret = service::readPassphrase(parsed.value("key-passphrase-file"));
    if (!secret) return reportFailure(err, command, secret.error());
    const std::optional<std::filesystem::path> chain =
        parsed.has("chain") ? std::optional<std::filesystem::path>(parsed.value("chain"))
                            : std::nullopt;
    auto installed =
        service::installAuthoritySeal(data.root, code, parsed.value("key"), parsed.value("cert"),
                                      chain, *secret, std::time(nullptr));
    if (!installed) return reportFailure(err, command, installed.error());
    out << "installed the seal of " << code << "\n";
  } else {
    auto made = service::createAuthoritySeal(data.root, code, service::issuerName(found->name));
    if (!made) return reportFailure(err, command, made.error());
    if (*made) out << "issued a seal for " << code << " under the installation CA\n";
  }
  auto seal = service::loadAuthoritySeal(data.root, code);
  if (!seal) return reportFailure(err, command, seal.error());
  const crypto::Certificate& c = seal->certificate;
  out << "subject: " << c.subject() << "\nissuer: " << c.issuer() << "\nserial: " << c.serialHex()
      << "\nvalid until: " << core::utcTimestamp(c.notAfter()) << "\n";
  return kExitOk;
}

}  // namespace

int runAuthority(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: awardflow authority add|place|end|seal|list [OPTIONS]";
  if (args.empty() || (args[0] != "add" && args[0] != "place" && args[0] != "end" &&
                       args[0] != "seal" && args[0] != "list")) {
    return usageError(err, "authority", usage,
                      "cách dùng: awardflow authority add|place|end|seal|list [TÙY CHỌN]");
  }
  const std::string& sub = args[0];
  const std::string command = "authority " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  if (sub == "add") {
    options.addOption(valueOption("code", "code as rulebooks name it (UBND-SONTAY)", "CODE"));
    options.addOption(valueOption("name", "name (UBND xã Sơn Tây)", "NAME"));
    options.addOption(valueOption("level", "province, commune, agency, district or central", "L"));
    options.addOption(valueOption("parent", "the authority above it (the province)", "CODE"));
  } else if (sub == "place") {
    options.addOption(valueOption("under", "the authority above it (the province)", "CODE"));
  } else if (sub == "end") {
    options.addOption(valueOption("successor", "the authority that holds its records", "CODE"));
    options.addOption(valueOption("on", "the day it ended (YYYY-MM-DD)", "DATE"));
  } else if (sub == "seal") {
    options.addOption(valueOption("key",
                                  "the seal's private key from a licensed CA (PEM or "
                                  "PKCS#12)",
                                  "FILE"));
    options.addOption(valueOption("cert", "its certificate (PEM)", "FILE"));
    options.addOption(valueOption("chain", "the intermediate certificates (PEM)", "FILE"));
    options.addOption(
        valueOption("key-passphrase-file", "the file holding the key's passphrase", "FILE"));
  } else {
    addReportOptions(options);
  }
  if (sub != "list" && sub != "seal")
    options.addOption(valueOption("as", "who acts (recorded in the audit chain)", "LOGIN"));
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              sub == "end"     ? "CODE --successor CODE --on DATE"
              : sub == "place" ? "CODE --under CODE"
              : sub == "seal"  ? "CODE [--key FILE --cert FILE [--chain FILE] "
                                 "--key-passphrase-file FILE]"
                               : "[OPTIONS]",
              sub == "add" ? "Adds an authority that awards: the province, a commune or ward, an "
                             "agency whose head awards. Its staff, council and units are then "
                             "added with --authority."
              : sub == "place"
                  ? "Places an authority under another (a commune its own rulebook registered, "
                    "put under the province): proposals it forwards then arrive there."
              : sub == "end"
                  ? "Ends an authority (a district abolished on 2025-07-01): it takes no "
                    "new dossiers, and the successor's staff see and archive its records."
              : sub == "seal"
                  ? "Shows the seal an authority signs its documents with, issuing one under "
                    "the installation CA when it has none. With --key and --cert, installs a "
                    "seal issued by a licensed CA instead: the key must match the certificate, "
                    "and a document it signs must verify against the trust directory (add the "
                    "CA to trust/anchors first). The key is kept encrypted under the agency "
                    "passphrase. A running server takes the new seal for its next document."
                  : "Lists the authorities: code, level, parent, state, name.");
    return kExitOk;
  }
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, command, data.error());
  const std::string by = parsed.value("as", "admin");
  if (sub == "add") {
    if (int rc = missing(err, command, parsed, {"code", "name", "level"}); rc != kExitOk) return rc;
    const auto level = model::parseLevel(parsed.value("level"));
    if (!level)
      return usageError(err, command, "unknown level '" + parsed.value("level") + "'",
                        "cấp không hợp lệ");
    model::AuthorityRecord a;
    a.code = parsed.value("code");
    a.name = parsed.value("name");
    a.level = *level;
    a.parent_code = optional(parsed, "parent");
    auto added = service::addAuthority(**data, a, by);
    if (!added) return reportFailure(err, command, added.error());
    out << "added authority " << a.code << " (" << model::name(a.level) << ")\n";
    return kExitOk;
  }
  if (sub == "place") {
    if (parsed.operands.size() != 1)
      return usageError(err, command, "name one authority", "cần nêu một cơ quan");
    if (int rc = missing(err, command, parsed, {"under"}); rc != kExitOk) return rc;
    auto placed = service::placeAuthority(**data, parsed.operands[0], parsed.value("under"), by);
    if (!placed) return reportFailure(err, command, placed.error());
    out << "placed " << parsed.operands[0] << " under " << parsed.value("under") << "\n";
    return kExitOk;
  }
  if (sub == "end") {
    if (parsed.operands.size() != 1)
      return usageError(err, command, "name one authority", "cần nêu một cơ quan");
    if (int rc = missing(err, command, parsed, {"successor", "on"}); rc != kExitOk) return rc;
    auto ended = service::endAuthority(**data, parsed.operands[0], parsed.value("successor"),
                                       parsed.value("on"), by);
    if (!ended) return reportFailure(err, command, ended.error());
    out << "ended " << parsed.operands[0] << "; its records are held by "
        << parsed.value("successor") << "\n";
    return kExitOk;
  }
  if (sub == "seal") return showOrInstallSeal(**data, parsed, out, err);
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto all = service::listAuthorities(**data);
  if (!all) return reportFailure(err, command, all.error());
  if (style->format == "json") {
    Poco::JSON::Array list;
    for (const model::AuthorityRecord& a : *all) list.add(service::views::authority(a));
    list.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  const bool vi = style->lang == "vi";
  for (const model::AuthorityRecord& a : *all) {
    out << a.code << "\t" << model::name(a.level) << "\t" << a.parent_code.value_or("-") << "\t"
        << (a.historical ? (vi ? "đã giải thể → " : "ended → ") + a.successor_code.value_or("?")
                         : std::string(vi ? "đang hoạt động" : "active"))
        << "\t" << a.name << "\n";
  }
  return kExitOk;
}

int runUnits(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string usage = "usage: awardflow units add|list [OPTIONS]";
  if (args.empty() || (args[0] != "add" && args[0] != "list")) {
    return usageError(err, "units", usage, "cách dùng: awardflow units add|list [TÙY CHỌN]");
  }
  const std::string& sub = args[0];
  const std::string command = "units " + sub;
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  if (sub == "add") {
    options.addOption(valueOption("code", "the code dossiers carry (THCS-SONTAY)", "CODE"));
    options.addOption(valueOption("name", "name", "NAME"));
    options.addOption(valueOption("level", "village, commune, district, province or agency", "L"));
    options.addOption(valueOption("authority", "the authority it belongs to", "CODE"));
    options.addOption(valueOption("parent", "the unit above it in the tree", "CODE"));
    options.addOption(valueOption("as", "who acts (recorded in the audit chain)", "LOGIN"));
  } else {
    addReportOptions(options);
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const ParsedArgs parsed = parseArgs(rest, options);
  if (parsed.help) {
    writeHelp(out, options, command, "[OPTIONS]",
              sub == "add" ? "Adds a submitting unit under an authority and a parent unit."
                           : "Lists the units: code, level, authority, parent, name.");
    return kExitOk;
  }
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, command, data.error());
  if (sub == "add") {
    if (int rc = missing(err, command, parsed, {"code", "name", "level"}); rc != kExitOk) return rc;
    const auto level = model::parseLevel(parsed.value("level"));
    if (!level)
      return usageError(err, command, "unknown level '" + parsed.value("level") + "'",
                        "cấp không hợp lệ");
    const model::Unit unit(parsed.value("code"), parsed.value("name"), *level,
                           optional(parsed, "authority"), optional(parsed, "parent"));
    auto added = service::addUnit(**data, unit, parsed.value("as", "admin"));
    if (!added) return reportFailure(err, command, added.error());
    out << "added unit " << unit.code << "\n";
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto units = service::listUnits(**data);
  if (!units) return reportFailure(err, command, units.error());
  if (style->format == "json") {
    Poco::JSON::Array list;
    for (const model::Unit& u : *units) list.add(service::views::unit(u));
    list.stringify(out, 2);
    out << "\n";
    return kExitOk;
  }
  for (const model::Unit& u : *units) {
    out << u.code << "\t" << model::name(u.level) << "\t" << u.authority_code.value_or("-") << "\t"
        << u.parent_code.value_or("-") << "\t" << u.name << "\n";
  }
  return kExitOk;
}

}  // namespace awardflow::cli
