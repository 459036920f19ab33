// awardflow archive seal|verify|audit|search|show|access|export|import|due|hold|dispose: the
// archivist's tools on sealed records (service::Archive). --as names the acting user (default
// $AWARDFLOW_USER), whose role and unit the service enforces; `verify PATH` needs no user.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <variant>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/opened.hpp"
#include "engine/cli/report_format.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/views.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::cli {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

// A whole number option within [low, high], or nullopt after printing the usage error.
std::optional<int> numberOption(const ParsedArgs& parsed, const std::string& name, int fallback,
                                int low, int high, const std::string& command, std::ostream& err) {
  if (!parsed.has(name)) return fallback;
  const std::string v = parsed.value(name);
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n < low || n > high) {
    usageError(
        err, command,
        "--" + name + " takes a number from " + std::to_string(low) + " to " + std::to_string(high),
        "--" + name + " cần một số từ " + std::to_string(low) + " đến " + std::to_string(high));
    return std::nullopt;
  }
  return static_cast<int>(n);
}

std::string retentionText(model::Retention r, bool en) {
  switch (r) {
    case model::Retention::Permanent:
      return en ? "permanent" : "vĩnh viễn";
    case model::Retention::Years20:
      return en ? "20 years" : "20 năm";
    case model::Retention::Years10:
      return en ? "10 years" : "10 năm";
    case model::Retention::Years5:
      return en ? "5 years" : "5 năm";
  }
  return "";
}

std::string flagsText(const model::ArchiveRecord& r, bool en) {
  std::string flags;
  if (r.legal_hold) flags += en ? "HOLD" : "ĐANG GIỮ";
  if (!r.disposal_requested_by.empty() && r.disposed_at.empty())
    flags += std::string(flags.empty() ? "" : ",") + (en ? "disposal proposed" : "đề nghị hủy");
  if (!r.disposed_at.empty())
    flags += std::string(flags.empty() ? "" : ",") + (en ? "DISPOSED" : "ĐÃ HỦY");
  return flags.empty() ? "-" : flags;
}

std::string orDash(const std::string& text) { return text.empty() ? "-" : text; }

// The options every archive subcommand takes.
Poco::Util::OptionSet baseOptions() {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  return options;
}

// ---------------------------------------------------------------------------------------------

int runSeal(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive seal";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(
      Poco::Util::Option("expect-version", "", "seal only if the dossier is still at this version")
          .argument("N"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "DOSSIER_ID --as LOGIN [--format text|json]",
              "Seals a decided dossier (the lifecycle's 'seal' action, for archivists): its "
              "archival package (BagIt bag with every revision's files, the signed office "
              "documents, history.json, record.xml and METS signed by the agency) is written to "
              "DATA/archive and catalogued with the state change. Prints the record's file code "
              "and the package's path.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, command, "give one dossier id", "cần một mã hồ sơ");
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  service::ActRequest request;
  request.dossier_id = parsed.operands[0];
  request.action = "seal";
  if (parsed.has("expect-version")) {
    const auto n = numberOption(parsed, "expect-version", 1, 1, 1 << 30, command, err);
    if (!n) return kExitUsage;
    request.expected_version = *n;
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto outcome = o.workflow->act(o.actor, request);
  if (!outcome) return reportFailure(err, command, outcome.error());
  auto record = store::ArchiveStore(o.data->database).recordOfDossier(request.dossier_id);
  if (!record) return reportFailure(err, command, record.error());
  if (!*record) {
    return reportFailure(err, command,
                         core::Error{core::Errc::Internal,
                                     request.dossier_id + " was sealed but no record is catalogued",
                                     {"hồ sơ đã niêm phong nhưng không có trong mục lục"}});
  }
  const bool en = style->lang == "en";
  if (style->format == "json") {
    Object::Ptr answer = service::views::acted(*outcome, {style->lang, false});
    answer->set("record", service::views::archiveRecord(**record, {style->lang, false}));
    printJson(out, answer);
    return kExitOk;
  }
  out << outcome->instance.id << ": " << outcome->from << " → " << outcome->instance.state
      << (en ? " (version " : " (phiên bản ") << outcome->instance.version << ")\n"
      << (en ? "file code: " : "mã hồ sơ lưu trữ: ") << (*record)->file_code << "\n"
      << (en ? "package: " : "gói lưu trữ: ") << (o.data->root / (*record)->package).string()
      << "\n";
  return kExitOk;
}

// A scratch data directory for `verify PATH --trust DIR` where there is none: the package is
// verified on its own, the directory only hosts temporary files. Removed when done.
struct Scratch {
  fs::path root;
  Scratch() {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    std::error_code ec;
    root = fs::temp_directory_path(ec) /
           ("awardflow-verify-" + std::to_string(::getpid()) + "-" + std::to_string(stamp));
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

int printCheck(std::ostream& out, const std::string& source, const service::PackageCheck& check,
               const ReportStyle& style) {
  const bool en = style.lang == "en";
  if (style.format == "json") {
    Object::Ptr o = service::views::packageCheck(check, {style.lang, false});
    o->set("source", source);
    printJson(out, o);
  } else {
    FileOutcome outcome;
    outcome.file = source;
    outcome.result = service::ValidationResult{source, check.report, std::nullopt};
    writeText(out, {outcome}, style.lang);
    out << "  " << (en ? "record " : "hồ sơ ") << orDash(check.file_code) << " · " << check.files
        << (en ? " files checked against the signed METS · " : " tệp đối chiếu METS đã ký · ")
        << check.signatures << (en ? " signatures · " : " chữ ký · ") << check.events
        << (en ? " history events" : " sự kiện lịch sử") << "\n";
  }
  return check.valid() ? kExitOk : exitCode(core::Errc::Invalid);
}

int runVerifyPackage(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive verify";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("trust", "", "trust store for a PATH (default: DATA/trust)")
                        .argument("DIR"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "FILECODE --as LOGIN | PATH [--trust DIR]",
              "Verifies an archival package as an archivist would years later, from the package "
              "alone: the bag (manifests, tag manifests), the agency's signature on METS.xml and "
              "every checksum it lists, every signature of every signed XML file (trust as of "
              "the sealing time) and the chain hashes of history.json. FILECODE names a "
              "catalogued record (the check is logged as a retrieval); PATH is any package "
              "folder or zipped package, catalogued or not (with --trust it needs no data "
              "directory). Every problem is named with its file. Exit status: 0 valid, 65 "
              "invalid, 66 nothing there.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1) {
    return usageError(err, command, "give one file code or package path",
                      "cần một mã hồ sơ lưu trữ hoặc đường dẫn gói");
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  const std::string target = parsed.operands[0];
  // File codes hold no '/' (ORGAN.YEAR.NOTATION): anything else there or with one is a path.
  std::error_code ec;
  if (fs::exists(target, ec) || target.find('/') != std::string::npos) {
    const fs::path trust = parsed.has("trust") ? fs::path(parsed.value("trust")) : fs::path();
    auto data = service::openDataDirectory(dataDirectory(parsed));
    Scratch scratch;
    if (!data && !trust.empty()) {
      auto made = service::initDataDirectory(scratch.root);
      if (!made) return reportFailure(err, command, made.error());
      data = service::openDataDirectory(scratch.root);
    }
    if (!data) {
      core::Error e = data.error();
      e.details.emplace_back(
          "without a data directory, give --trust DIR / không có thư mục dữ liệu "
          "thì cần --trust DIR");
      return reportFailure(err, command, e);
    }
    const service::Archive archive(**data, systemClock());
    auto check = archive.verifyPath(target, trust);
    if (!check) return reportFailure(err, command, check.error());
    return printCheck(out, target, *check, *style);
  }
  if (parsed.has("trust")) {
    return usageError(err, command, "--trust is for a package path; no file or folder " + target,
                      "--trust chỉ dùng với đường dẫn gói; không có " + target);
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto check = o.archive().verify(o.actor, target);
  if (!check) return reportFailure(err, command, check.error());
  return printCheck(out, target, *check, *style);
}

int runAuditArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive audit";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("report", "r",
                                       "list recent results instead of running an audit (of "
                                       "one record when FILECODE is given)"));
  options.addOption(
      Poco::Util::Option("limit", "", "results listed with --report (default 50)").argument("N"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "--as LOGIN | --report [FILECODE] [--limit N] --as LOGIN",
              "Checks the fixity of every package kept (bag manifests and the checksums of the "
              "signed METS; signatures are checked by 'verify'): each record is intact, damaged "
              "(the damaged files are named) or missing. Each result is stored and the run is an "
              "event of the audit chain. For the archive's staff. Exit status: 0 all intact, 65 "
              "anything damaged or missing.");
    return kExitOk;
  }
  const bool report = parsed.has("report");
  if (parsed.operands.size() > (report ? 1U : 0U)) {
    return usageError(err, command, "a file code goes with --report only",
                      "mã hồ sơ chỉ dùng cùng --report");
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  const auto limit = numberOption(parsed, "limit", 50, 1, 10000, command, err);
  if (!limit) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const bool en = style->lang == "en";
  const auto outcome_text = [en](const std::string& outcome) {
    if (outcome == "intact") return std::string(en ? "intact" : "nguyên vẹn");
    if (outcome == "damaged") return std::string(en ? "DAMAGED" : "HƯ HỎNG");
    if (outcome == "missing") return std::string(en ? "MISSING" : "MẤT");
    return outcome;
  };
  const auto details = [&](const store::FixityCheck& c) {
    std::size_t from = 0;
    while (from < c.details.size()) {
      std::size_t to = c.details.find('\n', from);
      if (to == std::string::npos) to = c.details.size();
      if (to > from) out << "    " << c.details.substr(from, to - from) << "\n";
      from = to + 1;
    }
  };
  if (report) {
    const std::string code = parsed.operands.empty() ? "" : parsed.operands[0];
    auto checks = o.archive().fixityReport(o.actor, code, *limit);
    if (!checks) return reportFailure(err, command, checks.error());
    if (style->format == "json") {
      Array::Ptr a = new Array;
      for (const auto& c : *checks) a->add(service::views::fixityCheck(c));
      printJson(out, a);
      return kExitOk;
    }
    if (checks->empty()) out << (en ? "no fixity check yet\n" : "chưa có lần kiểm tra nào\n");
    for (const auto& c : *checks) {
      out << c.at << "\t" << c.file_code << "\t" << outcome_text(c.outcome) << "\n";
      if (c.outcome != "intact") details(c);
    }
    return kExitOk;
  }
  auto audit = o.archive().auditBy(o.actor);
  if (!audit) return reportFailure(err, command, audit.error());
  const int status = audit->damaged + audit->missing > 0 ? exitCode(core::Errc::Invalid) : kExitOk;
  if (style->format == "json") {
    printJson(out, service::views::fixityAudit(*audit));
    return status;
  }
  for (const auto& c : audit->checks) {
    out << outcome_text(c.outcome) << "\t" << c.file_code << "\n";
    if (c.outcome != "intact") details(c);
  }
  out << audit->checks.size() << (en ? " records: " : " hồ sơ: ") << audit->intact
      << (en ? " intact, " : " nguyên vẹn, ") << audit->damaged
      << (en ? " damaged, " : " hư hỏng, ") << audit->missing << (en ? " missing\n" : " mất\n");
  return status;
}

int runSearch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive search";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("year", "", "the year the record was formed").argument("Y"));
  options.addOption(Poco::Util::Option("unit", "", "the nominating unit's code").argument("U"));
  options.addOption(
      Poco::Util::Option("form", "", "award form (advanced-worker, …)").argument("F"));
  options.addOption(Poco::Util::Option("rulebook", "", "rulebook id").argument("R"));
  options.addOption(Poco::Util::Option("level", "", "level of who decided").argument("L"));
  options.addOption(Poco::Util::Option("page", "", "page of results (default 1)").argument("N"));
  options.addOption(
      Poco::Util::Option("size", "", "results per page, 1–200 (default 20)").argument("N"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              "[TEXT] [--year Y] [--unit U] [--form F] [--page N] --as LOGIN",
              "Searches the catalogue of sealed records. TEXT matches, whatever the case and "
              "with or without Vietnamese diacritics, the nominees' names, the unit, the title, "
              "the achievements, the decision number and the file code: every word must occur. "
              "Without TEXT records come in Vietnamese alphabetical order of their title. A "
              "submitting unit's users find their unit's records only. Prints file code, year, "
              "unit, decision number, retention, flags (hold, disposal) and title.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  store::ArchiveQuery query;
  for (const std::string& word : parsed.operands)
    query.text += (query.text.empty() ? "" : " ") + word;
  if (parsed.has("year")) {
    const auto year = numberOption(parsed, "year", 0, 1900, 9999, command, err);
    if (!year) return kExitUsage;
    query.year = *year;
  }
  query.unit_code = parsed.value("unit");
  query.award_form = parsed.value("form");
  query.rulebook_id = parsed.value("rulebook");
  query.level = parsed.value("level");
  const auto page = numberOption(parsed, "page", 1, 1, 1000000, command, err);
  if (!page) return kExitUsage;
  const auto size = numberOption(parsed, "size", 20, 1, 200, command, err);
  if (!size) return kExitUsage;
  query.limit = *size;
  query.offset = (*page - 1) * *size;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto found = o.archive().search(o.actor, query);
  if (!found) return reportFailure(err, command, found.error());
  const bool en = style->lang == "en";
  if (style->format == "json") {
    printJson(out, service::views::archivePage(*found, query, {style->lang, false}));
    return kExitOk;
  }
  if (found->records.empty()) out << (en ? "no record found\n" : "không tìm thấy hồ sơ nào\n");
  for (const auto& r : found->records) {
    out << r.file_code << "\t" << r.file_catalog << "\t" << orDash(r.unit_name) << "\t"
        << orDash(r.decision_number) << "\t" << retentionText(r.retention, en) << "\t"
        << flagsText(r, en) << "\t" << r.title << "\n";
  }
  if (found->more) {
    out << (en ? "more: --page " : "còn nữa: --page ") << *page + 1 << "\n";
  }
  return kExitOk;
}

int runShow(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive show";
  Poco::Util::OptionSet options = baseOptions();
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "FILECODE --as LOGIN [--format text|json]",
              "A sealed record's metadata (NĐ 30/2020: file code, title, dates, totals, "
              "retention, access regime), its decision, retention dates, hold and disposition. "
              "Logged as a retrieval ('view').");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, command, "give one file code", "cần một mã hồ sơ lưu trữ");
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto record = o.archive().record(o.actor, parsed.operands[0]);
  if (!record) return reportFailure(err, command, record.error());
  if (style->format == "json") {
    printJson(out, service::views::archiveRecord(*record, {style->lang, false}));
    return kExitOk;
  }
  const bool en = style->lang == "en";
  const model::ArchiveRecord& r = *record;
  const auto line = [&](const char* vi, const char* label_en, const std::string& value) {
    out << "  " << (en ? label_en : vi) << ": " << orDash(value) << "\n";
  };
  out << r.file_code << "  " << r.title << "\n";
  line("hồ sơ gốc", "dossier", r.dossier_id);
  line("đơn vị", "unit", r.unit_name + (r.unit_code.empty() ? "" : " (" + r.unit_code + ")"));
  line("thủ tục", "procedure", r.rulebook_id + "/" + r.procedure_id);
  line("hình thức", "award form", r.award_form);
  line("cấp quyết định", "decided at level", r.level);
  line("kết quả", "outcome", r.outcome);
  line("số quyết định", "decision number", r.decision_number);
  std::string names;
  for (const auto& n : r.names) names += (names.empty() ? "" : ", ") + n;
  line("đối tượng", "nominees", names);
  line("thời gian", "dates", r.start_date.toString() + " – " + r.end_date.toString());
  line("số văn bản / trang", "documents / pages",
       std::to_string(r.doc_total) + " / " + std::to_string(r.page_total));
  line("niêm phong", "sealed", r.sealed_at + (en ? " by " : " bởi ") + r.sealed_by);
  line("thời hạn bảo quản", "retention", retentionText(r.retention, en));
  line("hạn nộp lưu lịch sử", "transfer due", r.transfer_due ? r.transfer_due->toString() : "");
  line("được hủy từ", "disposable from", r.dispose_due ? r.dispose_due->toString() : "");
  line("chế độ sử dụng", "access", r.rights);
  if (r.legal_hold) line("đang giữ", "legal hold", r.hold_reason);
  if (!r.disposal_requested_by.empty())
    line("đề nghị hủy", "disposal proposed", r.disposal_requested_by + ": " + r.disposal_reason);
  if (!r.disposed_at.empty())
    line("đã hủy", "disposed", r.disposed_at + " (" + r.disposal_approved_by + ")");
  line("gói", "package", r.disposed_at.empty() ? r.package : "");
  line("SHA-256 của gói", "package SHA-256", r.package_sha256);
  return kExitOk;
}

int runAccess(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive access";
  Poco::Util::OptionSet options = baseOptions();
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "FILECODE --as LOGIN [--format text|json]",
              "Who retrieved the record, when and how (view, download, verify, export …), "
              "oldest first. For archivists.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, command, "give one file code", "cần một mã hồ sơ lưu trữ");
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto log = o.archive().accessLog(o.actor, parsed.operands[0]);
  if (!log) return reportFailure(err, command, log.error());
  if (style->format == "json") {
    Array::Ptr a = new Array;
    for (const auto& e : *log) a->add(service::views::accessEntry(e));
    printJson(out, a);
    return kExitOk;
  }
  if (log->empty())
    out << (style->lang == "en" ? "no retrieval logged\n" : "chưa có lượt khai thác nào\n");
  for (const auto& e : *log) out << e.at << "\t" << e.login << "\t" << e.what << "\n";
  return kExitOk;
}

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive export";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("out", "o", "the folder to create").argument("DIR"));
  options.addOption(Poco::Util::Option(
      "transfer", "", "a transfer batch (BagIt) of the records named, or of every record kept"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              "FILECODE --out DIR --as LOGIN | --transfer [FILECODE...] --out DIR --as LOGIN",
              "A dissemination copy of one record: its documents (PDFs, signed XML) in "
              "chronological order with index.csv. With --transfer, a transfer batch for the "
              "historical archive (archivists): a BagIt bag holding each record's package "
              "under data/FILECODE/ and data/transfer.csv listing them; 'archive import' takes "
              "it in. The folder must not exist yet.");
    return kExitOk;
  }
  const bool transfer = parsed.has("transfer");
  if (!parsed.has("out"))
    return usageError(err, command, "say where: --out DIR", "cần nơi ghi: --out DIR");
  if (!transfer && parsed.operands.size() != 1)
    return usageError(err, command, "give one file code (or --transfer)",
                      "cần một mã hồ sơ lưu trữ (hoặc --transfer)");
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const fs::path destination = parsed.value("out");
  auto outcome = transfer ? o.archive().exportTransfer(o.actor, parsed.operands, destination)
                          : o.archive().exportCopy(o.actor, parsed.operands[0], destination);
  if (!outcome) return reportFailure(err, command, outcome.error());
  if (style->format == "json") {
    printJson(out, service::views::exported(*outcome));
    return kExitOk;
  }
  const bool en = style->lang == "en";
  out << outcome->path.string() << "\n"
      << outcome->records << (en ? " records, " : " hồ sơ, ") << outcome->files
      << (en ? " files, " : " tệp, ") << outcome->bytes << " bytes\n";
  return kExitOk;
}

int runImport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive import";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("trust", "",
                                       "trust store the packages are verified against "
                                       "(default: DATA/trust)")
                        .argument("DIR"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "BATCH [--trust DIR] --as LOGIN",
              "Takes in a transfer batch made by 'archive export --transfer' (archivists): the "
              "batch is validated as a bag, every package verified (signatures against --trust "
              "or DATA/trust), then each is copied into DATA/archive and catalogued from its "
              "record.xml. Nothing is taken in when any package fails.");
    return kExitOk;
  }
  if (parsed.operands.size() != 1)
    return usageError(err, command, "give one transfer batch", "cần một lô nộp lưu");
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const fs::path trust = parsed.has("trust") ? fs::path(parsed.value("trust")) : fs::path();
  auto records = o.archive().importTransfer(o.actor, parsed.operands[0], trust);
  if (!records) return reportFailure(err, command, records.error());
  if (style->format == "json") {
    Array::Ptr a = new Array;
    for (const auto& r : *records) a->add(service::views::archiveRecord(r, {style->lang, false}));
    printJson(out, a);
    return kExitOk;
  }
  for (const auto& r : *records) out << r.file_code << "\t" << r.title << "\n";
  out << records->size() << (style->lang == "en" ? " records taken in\n" : " hồ sơ đã tiếp nhận\n");
  return kExitOk;
}

int runDue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive due";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(
      Poco::Util::Option("on", "", "the day to judge from (default: today in Vietnam)")
          .argument("DATE"));
  options.addOption(
      Poco::Util::Option("days", "", "how far ahead to look (default 30)").argument("N"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "[--on YYYY-MM-DD] [--days N] --as LOGIN",
              "Records whose transfer to the historical archive (permanent records) or whose "
              "disposition (records kept for a term) falls due within N days, soonest first.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  std::optional<core::Date> on;
  if (parsed.has("on")) {
    on = core::Date::parse(parsed.value("on"));
    if (!on) return usageError(err, command, "--on takes YYYY-MM-DD", "--on cần YYYY-MM-DD");
  }
  const auto days = numberOption(parsed, "days", 30, 0, 36600, command, err);
  if (!days) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto records = o.archive().due(o.actor, on, *days);
  if (!records) return reportFailure(err, command, records.error());
  if (style->format == "json") {
    Array::Ptr a = new Array;
    for (const auto& r : *records) a->add(service::views::archiveRecord(r, {style->lang, false}));
    printJson(out, a);
    return kExitOk;
  }
  const bool en = style->lang == "en";
  if (records->empty()) out << (en ? "nothing falls due\n" : "không có hồ sơ nào đến hạn\n");
  for (const auto& r : *records) {
    const bool transfer_due = r.transfer_due.has_value();
    out << r.file_code << "\t"
        << (transfer_due ? (en ? "transfer " : "nộp lưu ") : (en ? "dispose " : "hủy "))
        << (transfer_due ? r.transfer_due->toString()
                         : (r.dispose_due ? r.dispose_due->toString() : "-"))
        << "\t" << retentionText(r.retention, en) << "\t" << flagsText(r, en) << "\t" << r.title
        << "\n";
  }
  return kExitOk;
}

int runHold(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive hold";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("reason", "", "why the record is held").argument("TEXT"));
  options.addOption(Poco::Util::Option("lift", "", "lift the hold"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              "FILECODE --reason TEXT --as LOGIN | FILECODE --lift --as LOGIN",
              "Places a legal hold on a record (archivists): it cannot be disposed of until the "
              "hold is lifted.");
    return kExitOk;
  }
  const bool lift = parsed.has("lift");
  if (parsed.operands.size() != 1 || lift == parsed.has("reason")) {
    return usageError(err, command, "give one file code and either --reason TEXT or --lift",
                      "cần một mã hồ sơ lưu trữ và --reason TEXT hoặc --lift");
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto done = o.archive().hold(o.actor, parsed.operands[0], !lift, parsed.value("reason"));
  if (!done) return reportFailure(err, command, done.error());
  out << parsed.operands[0]
      << (lift ? (style->lang == "en" ? ": hold lifted\n" : ": đã gỡ lệnh giữ\n")
               : (style->lang == "en" ? ": held\n" : ": đã đặt lệnh giữ\n"));
  return kExitOk;
}

int runDispose(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "archive dispose";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(
      Poco::Util::Option("reason", "", "why (the archivist's proposal)").argument("TEXT"));
  options.addOption(Poco::Util::Option("approve", "", "approve the proposal (the chairperson)"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              "FILECODE --reason TEXT --as ARCHIVIST | FILECODE --approve --as CHAIRPERSON",
              "Disposition of a record whose retention has run out: an archivist proposes it "
              "(not for permanent records, nor held ones, nor before it is due); the "
              "chairperson approves it, the package is deleted and the catalogue keeps a "
              "tombstone with its metadata.");
    return kExitOk;
  }
  const bool approve = parsed.has("approve");
  if (parsed.operands.size() != 1 || approve == parsed.has("reason")) {
    return usageError(err, command, "give one file code and either --reason TEXT or --approve",
                      "cần một mã hồ sơ lưu trữ và --reason TEXT hoặc --approve");
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const service::Archive archive = o.archive();
  auto done = approve
                  ? archive.approveDisposal(o.actor, parsed.operands[0])
                  : archive.proposeDisposal(o.actor, parsed.operands[0], parsed.value("reason"));
  if (!done) return reportFailure(err, command, done.error());
  const bool en = style->lang == "en";
  out << parsed.operands[0]
      << (approve
              ? (en ? ": disposed of; its metadata stays\n" : ": đã hủy; còn lại thông tin mô tả\n")
              : (en ? ": disposal proposed\n" : ": đã đề nghị hủy\n"));
  return kExitOk;
}

struct Sub {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
};

const std::vector<Sub>& subcommands() {
  static const std::vector<Sub> kSubs{
      {"seal", "seal a decided dossier: write and catalogue its archival package", &runSeal},
      {"verify", "verify a record or any package path (bag, METS, signatures, history)",
       &runVerifyPackage},
      {"audit", "fixity audit of every package (--report: recent results)", &runAuditArchive},
      {"search", "search the catalogue (with or without diacritics)", &runSearch},
      {"show", "a record's metadata (logged)", &runShow},
      {"access", "a record's access log", &runAccess},
      {"export", "a dissemination copy, or a transfer batch (--transfer)", &runExport},
      {"import", "take in a transfer batch", &runImport},
      {"due", "records whose transfer or disposition falls due", &runDue},
      {"hold", "place or lift a legal hold", &runHold},
      {"dispose", "propose a disposition, or approve it (--approve)", &runDispose},
  };
  return kSubs;
}

void writeArchiveHelp(std::ostream& out) {
  out << "usage: awardflow archive SUBCOMMAND [OPTIONS]\n\n"
         "Sealed records (hồ sơ lưu trữ): their archival packages, the catalogue, fixity "
         "audits,\nretention and transfer (docs/archive.md).\n\nsubcommands:\n";
  for (const Sub& s : subcommands()) {
    std::string name = s.name;
    name.resize(std::max<std::size_t>(name.size(), 10), ' ');
    out << "  " << name << s.summary << "\n";
  }
  out << "\nRun 'awardflow archive SUBCOMMAND --help' for its options.\n";
}

}  // namespace

int runArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    writeArchiveHelp(err);
    return kExitUsage;
  }
  const std::string& sub = args.front();
  if (sub == "--help" || sub == "-h") {
    writeArchiveHelp(out);
    return kExitOk;
  }
  for (const Sub& s : subcommands()) {
    if (sub == s.name) return s.run({args.begin() + 1, args.end()}, out, err);
  }
  return usageError(err, "archive", "unknown subcommand '" + sub + "'",
                    "không có lệnh con '" + sub + "'");
}

}  // namespace awardflow::cli
