#include "engine/cli/cli.hpp"

#include <algorithm>
#include <exception>
#include <ostream>

#include <Poco/Exception.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include "engine/cli/commands.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::cli {
namespace {

void writeMainHelp(std::ostream& out) {
  out << "usage: awardflow [--help] [--version] COMMAND [ARGS]\n\n"
         "awardflow handles commendation (thi đua – khen thưởng) dossiers: it validates and signs\n"
         "them, takes them through their lifecycle (submission, receipt, appraisal, council vote,\n"
         "decision, archive) in a durable store with a tamper-evident audit chain.\n\n"
         "commands:\n";
  for (const Command& c : commands()) {
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 12), ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nRun 'awardflow COMMAND --help' for a command's options.\n"
         "Exit status: 0 success, 64 usage error, 65 invalid data or refused action (illegal\n"
         "transition, stale version), 66 missing input or unknown id, 69 store unavailable,\n"
         "70 internal error, 77 permission denied, 78 configuration error.\n";
}

int runHelp(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    writeMainHelp(out);
    return kExitOk;
  }
  for (const Command& c : commands()) {
    if (args.front() == c.name) return c.run({"--help"}, out, err);
  }
  return usageError(err, "help", "unknown command '" + args.front() + "'",
                    "không có lệnh '" + args.front() + "'");
}

ExternalCommand g_serve = nullptr;

int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (g_serve == nullptr) {
    return usageError(err, "serve", "this build has no server", "bản dựng này không có máy chủ");
  }
  return g_serve(args, out, err);
}

}  // namespace

void registerServe(ExternalCommand serve) { g_serve = serve; }

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands{
      {"validate", "check dossiers against schema, rulebook, attachments and signatures",
       &runValidate},
      {"sign", "add an XML signature (signer or agency seal) to a document", &runSign},
      {"verify", "verify the XML signatures of documents against a trust store", &runVerify},
      {"keys", "demo PKI: make a CA, issue signing keys, write CRLs", &runKeys},
      {"init", "create the data directory: store, audit chain, blob folder, agency key", &runInit},
      {"submit", "submit a signed dossier with its attachments; prints the dossier id", &runSubmit},
      {"act", "take a lifecycle action on a dossier (receive, return, approve, issue, seal …)",
       &runAct},
      {"vote", "cast a council ballot (or enter an absent member's written one, or recuse)",
       &runVote},
      {"status", "a dossier's state, due date, documents, ballots and what you can do next",
       &runStatus},
      {"history", "a dossier's events from the audit chain", &runHistory},
      {"dossiers", "list the dossiers you may see", &runDossiers},
      {"overdue", "dossiers past their due date (working days); records escalations", &runOverdue},
      {"council", "council sessions: open, list, show, close", &runCouncil},
      {"opinion", "opinions of other agencies during appraisal: request, record", &runOpinion},
      {"due-date", "due date of a time limit in working days (holidays, Tết, swapped Saturdays)",
       &runDueDate},
      {"authority", "authority add|end|list: the authorities that award (province, communes …)",
       &runAuthority},
      {"units", "units add|list: the submitting units, a tree under their authorities", &runUnits},
      {"users", "users add|list: accounts, one role each", &runUsers},
      {"audit",
       "audit verify|checkpoint|files: the chain and its checkpoints; the live store's files",
       &runAudit},
      {"bag", "bag validate: check BagIt packages (folders or zips) for archival", &runBag},
      {"archive",
       "sealed records: seal, verify, audit, search, show, access, export, import, due, hold, "
       "dispose",
       &runArchive},
      {"report", "reports: period (dossiers, awards, shares, times), statistics (0602.N)",
       &runReport},
      {"emulation", "emulation clusters and blocks: groups, criteria, scores, standings",
       &runEmulation},
      {"serve", "the HTTP server: REST API, sign-in, /healthz, /metrics", &runServe},
      {"help", "show help for awardflow or one command", &runHelp},
  };
  return kCommands;
}

Poco::Util::Option dataOption() {
  return Poco::Util::Option("data", "d", "data directory (default: $AWARDFLOW_DATA, else ./var)")
      .argument("DIR");
}

std::filesystem::path dataDirectory(const ParsedArgs& args) {
  return args.has("data") ? std::filesystem::path(args.value("data"))
                          : service::defaultDataDirectory();
}

std::string ParsedArgs::value(const std::string& name, const std::string& fallback) const {
  std::string found = fallback;
  for (const auto& [option, value] : options) {
    if (option == name) found = value;  // the last one given wins
  }
  return found;
}

std::vector<std::string> ParsedArgs::values(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [option, value] : options) {
    if (option == name) out.push_back(value);
  }
  return out;
}

bool ParsedArgs::has(const std::string& name) const {
  return std::any_of(options.begin(), options.end(),
                     [&](const auto& o) { return o.first == name; });
}

ParsedArgs parseArgs(const std::vector<std::string>& args, Poco::Util::OptionSet options) {
  options.addOption(Poco::Util::Option("help", "h", "show this help and exit"));
  Poco::Util::OptionProcessor processor(options);
  processor.setUnixStyle(true);
  ParsedArgs parsed;
  bool operands_only = false;
  for (const std::string& arg : args) {
    if (operands_only || arg == "-" || arg.empty()) {
      parsed.operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      operands_only = true;
      continue;
    }
    std::string name;
    std::string value;
    if (processor.process(arg, name, value)) {
      if (name == "help")
        parsed.help = true;
      else if (!name.empty())
        parsed.options.emplace_back(name, value);
      continue;
    }
    parsed.operands.push_back(arg);
  }
  processor.checkRequired();
  return parsed;
}

void writeHelp(std::ostream& out, const Poco::Util::OptionSet& options, const std::string& command,
               const std::string& usage, const std::string& description) {
  Poco::Util::OptionSet all = options;
  all.addOption(Poco::Util::Option("help", "h", "show this help and exit"));
  Poco::Util::HelpFormatter formatter(all);
  formatter.setUnixStyle(true);
  formatter.setAutoIndent();
  formatter.setCommand("awardflow " + command);
  formatter.setUsage(usage);
  formatter.setHeader(description);
  formatter.format(out);
}

void addReportOptions(Poco::Util::OptionSet& options) {
  options.addOption(Poco::Util::Option("format", "f", "report format: text (default) or json")
                        .argument("FORMAT"));
  options.addOption(
      Poco::Util::Option("lang", "l", "language of the text report: vi (default) or en")
          .argument("LANG"));
}

std::optional<ReportStyle> reportStyle(const ParsedArgs& args, const std::string& command,
                                       std::ostream& err) {
  ReportStyle style{args.value("format", "text"), args.value("lang", "vi")};
  if (style.format != "text" && style.format != "json") {
    usageError(err, command, "--format must be text or json, not '" + style.format + "'",
               "--format chỉ nhận text hoặc json, không nhận '" + style.format + "'");
    return std::nullopt;
  }
  if (style.lang != "vi" && style.lang != "en") {
    usageError(err, command, "--lang must be vi or en, not '" + style.lang + "'",
               "--lang chỉ nhận vi hoặc en, không nhận '" + style.lang + "'");
    return std::nullopt;
  }
  return style;
}

namespace {

const char* vietnamese(core::Errc code) {
  switch (code) {
    case core::Errc::InvalidArgument:
      return "tham số không hợp lệ";
    case core::Errc::NotFound:
      return "không tìm thấy";
    case core::Errc::Unreadable:
      return "không đọc được";
    case core::Errc::TooLarge:
      return "dữ liệu quá lớn";
    case core::Errc::Malformed:
      return "dữ liệu không đúng cú pháp";
    case core::Errc::Invalid:
      return "dữ liệu không hợp lệ";
    case core::Errc::Config:
      return "lỗi cấu hình";
    case core::Errc::PermissionDenied:
      return "không có quyền";
    case core::Errc::Conflict:
      return "xung đột dữ liệu";
    case core::Errc::IllegalTransition:
      return "thao tác không được phép ở trạng thái này";
    case core::Errc::Unauthenticated:
      return "chưa đăng nhập hoặc phiên đã hết hạn";
    case core::Errc::TooManyRequests:
      return "quá nhiều yêu cầu, hãy thử lại sau";
    case core::Errc::UnsupportedMedia:
      return "định dạng không được chấp nhận";
    case core::Errc::Unavailable:
      return "không truy cập được kho dữ liệu";
    case core::Errc::Internal:
      return "lỗi nội bộ";
  }
  return "lỗi";
}

}  // namespace

int reportFailure(std::ostream& err, const std::string& command, const core::Error& error) {
  err << "awardflow " << command << ": " << error.message << "\n";
  for (const std::string& d : error.details) err << "  " << d << "\n";
  err << "awardflow " << command << ": " << vietnamese(error.code) << "\n";
  return exitCode(error.code);
}

int usageError(std::ostream& err, const std::string& command, const std::string& en,
               const std::string& vi) {
  err << "awardflow " << command << ": " << en << "\n"
      << "awardflow " << command << ": " << vi << "\n"
      << "Try 'awardflow " << command << " --help'. / Xem 'awardflow " << command << " --help'.\n";
  return kExitUsage;
}

int exitCode(core::Errc code) {
  switch (code) {
    case core::Errc::InvalidArgument:
      return kExitUsage;
    case core::Errc::NotFound:
    case core::Errc::Unreadable:
      return kExitNoInput;
    case core::Errc::TooLarge:
    case core::Errc::Malformed:
    case core::Errc::Invalid:
    case core::Errc::Conflict:
    case core::Errc::IllegalTransition:
      return kExitData;
    case core::Errc::Config:
      return kExitConfig;
    case core::Errc::PermissionDenied:
    case core::Errc::Unauthenticated:
      return kExitNoPermission;
    case core::Errc::TooManyRequests:
      return kExitUnavailable;
    case core::Errc::UnsupportedMedia:
      return kExitData;
    case core::Errc::Unavailable:
      return kExitUnavailable;
    case core::Errc::Internal:
      return kExitSoftware;
  }
  return kExitSoftware;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) {
      writeMainHelp(err);
      return kExitUsage;
    }
    const std::string& first = args.front();
    if (first == "--help" || first == "-h") {
      writeMainHelp(out);
      return kExitOk;
    }
    if (first == "--version" || first == "-V") {
      out << "awardflow " << AWARDFLOW_VERSION << "\n";
      return kExitOk;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const Command& c : commands()) {
      if (first == c.name) return c.run(rest, out, err);
    }
    return usageError(err, first, "unknown command; run 'awardflow --help' for the list",
                      "không có lệnh này; xem danh sách bằng 'awardflow --help'");
  } catch (const Poco::Util::OptionException& e) {
    return usageError(err, args.front(), e.displayText(),
                      "tùy chọn không hợp lệ: " + e.displayText());
  } catch (const Poco::Exception& e) {
    err << "awardflow: internal error: " << e.displayText() << "\n";
    return kExitSoftware;
  } catch (const std::exception& e) {
    err << "awardflow: internal error: " << e.what() << "\n";
    return kExitSoftware;
  }
}

}  // namespace awardflow::cli
