#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Util/OptionSet.h>

#include "engine/core/error.hpp"

namespace awardflow::cli {

// One subcommand: its name, a one-line summary for `awardflow --help`, and its entry point,
// which receives the arguments after the command name.
struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
};

// The subcommands, in the order `awardflow --help` lists them.
const std::vector<Command>& commands();

int runValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runSign(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runInit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runDueDate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runUsers(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runUnits(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runAuthority(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runAudit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runKeys(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runSubmit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runAct(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runVote(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runStatus(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runHistory(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runDossiers(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runOverdue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runCouncil(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runOpinion(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runBag(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runEmulation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// --data DIR, taken by every command that uses a data directory, and the directory it names
// (default: $AWARDFLOW_DATA, else ./var).
Poco::Util::Option dataOption();
struct ParsedArgs;
std::filesystem::path dataDirectory(const ParsedArgs& args);

// Options parsed from a command's arguments: named values and the remaining operands.
struct ParsedArgs {
  std::vector<std::pair<std::string, std::string>> options;  // in order given
  std::vector<std::string> operands;
  bool help = false;

  // The last value given for `name`, or `fallback`.
  std::string value(const std::string& name, const std::string& fallback = {}) const;
  bool has(const std::string& name) const;
  // Every value given for a repeatable option, in order.
  std::vector<std::string> values(const std::string& name) const;
};

// Parses `args` against `options` (GNU style: --name VALUE, --name=VALUE, -n VALUE, "--" ends
// options). Every command also takes -h/--help. Throws Poco::Util::OptionException on unknown,
// ambiguous or incomplete options; the caller reports it as a usage error.
ParsedArgs parseArgs(const std::vector<std::string>& args, Poco::Util::OptionSet options);

// Writes `awardflow COMMAND --help` text: usage line, description, options.
void writeHelp(std::ostream& out, const Poco::Util::OptionSet& options, const std::string& command,
               const std::string& usage, const std::string& description);

// The options every reporting command takes: --format text|json and --lang vi|en.
void addReportOptions(Poco::Util::OptionSet& options);

struct ReportStyle {
  std::string format;  // "text" or "json"
  std::string lang;    // "vi" or "en"
};

// The report style asked for, or nullopt after printing the usage error (the caller exits 64).
std::optional<ReportStyle> reportStyle(const ParsedArgs& args, const std::string& command,
                                       std::ostream& err);

// Prints a failed operation's message and details, with the kind of failure in Vietnamese,
// and returns its exit code (the one Errc → exit code map).
int reportFailure(std::ostream& err, const std::string& command, const core::Error& error);

// Prints a usage error in English and Vietnamese with a pointer to --help; returns 64.
int usageError(std::ostream& err, const std::string& command, const std::string& en,
               const std::string& vi);

}  // namespace awardflow::cli
