// awardflow report period|statistics: the standing office's periodic reports (issue #8) as text
// tables, JSON (the API's shape) or CSV. --as names the reader, whose role and unit the service
// enforces.
#include <array>
#include <cstdio>
#include <ostream>
#include <variant>

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/opened.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/views.hpp"

namespace awardflow::cli {
namespace {

std::string share(std::optional<double> value) {
  if (!value) return "-";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f %%", *value * 100);
  return buffer.data();
}

std::string days(std::optional<double> value) {
  if (!value) return "-";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", *value);
  return buffer.data();
}

std::string padded(std::string text, std::size_t width) {
  std::size_t chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (chars < width) text.append(width - chars, ' ');
  return text;
}

void writeLines(std::ostream& out, const std::string& heading,
                const std::vector<service::ReportLine>& lines, bool en) {
  if (lines.empty()) return;
  out << "\n" << heading << "\n";
  out << "  " << padded(en ? "name" : "tên", 34) << padded(en ? "recv" : "nhận", 7)
      << padded(en ? "ret" : "trả", 6) << padded(en ? "appr" : "duyệt", 7)
      << padded(en ? "refus" : "không", 7) << padded(en ? "pend" : "đang", 7)
      << padded(en ? "late" : "q.hạn", 7) << padded(en ? "awards" : "khen", 8)
      << (en ? "direct" : "LĐTT") << "\n";
  for (const service::ReportLine& l : lines) {
    std::optional<double> direct;
    if (l.awards.individuals > 0) {
      direct = static_cast<double>(l.awards.direct_labourers) /
               static_cast<double>(l.awards.individuals);
    }
    out << "  " << padded(en ? l.label_en : l.label_vi, 34)
        << padded(std::to_string(l.counts.received), 7)
        << padded(std::to_string(l.counts.returned), 6)
        << padded(std::to_string(l.counts.approved), 7)
        << padded(std::to_string(l.counts.refused), 7)
        << padded(std::to_string(l.counts.pending), 7)
        << padded(std::to_string(l.counts.overdue), 7) << padded(std::to_string(l.awards.total), 8)
        << share(direct) << "\n";
  }
}

Poco::Util::OptionSet reportOptions() {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  options.addOption(Poco::Util::Option("year", "y", "the emulation year").argument("YEAR"));
  options.addOption(
      Poco::Util::Option("format", "f", "text (default), json or csv").argument("FORMAT"));
  options.addOption(
      Poco::Util::Option("lang", "l", "language of labels: vi (default) or en").argument("LANG"));
  return options;
}

// --format and --lang, csv included; nullopt after the usage error.
std::optional<ReportStyle> style(const ParsedArgs& parsed, const std::string& command,
                                 std::ostream& err) {
  ReportStyle s{parsed.value("format", "text"), parsed.value("lang", "vi")};
  if (s.format != "text" && s.format != "json" && s.format != "csv") {
    usageError(err, command, "--format must be text, json or csv",
               "--format chỉ nhận text, json hoặc csv");
    return std::nullopt;
  }
  if (s.lang != "vi" && s.lang != "en") {
    usageError(err, command, "--lang must be vi or en", "--lang chỉ nhận vi hoặc en");
    return std::nullopt;
  }
  return s;
}

std::optional<int> year(const ParsedArgs& parsed, const std::string& command, std::ostream& err) {
  const std::string text = parsed.value("year");
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    usageError(err, command, "give the year: --year 2024", "hãy ghi năm: --year 2024");
    return std::nullopt;
  }
  return std::stoi(text);
}

int runPeriod(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "report period";
  Poco::Util::OptionSet options = reportOptions();
  options.addOption(Poco::Util::Option("period", "p",
                                       "1 or 2 (a wave), year (annual awards) "
                                       "or campaign; default the whole year")
                        .argument("PERIOD"));
  options.addOption(
      Poco::Util::Option("campaign", "", "with --period campaign: its name").argument("NAME"));
  options.addOption(Poco::Util::Option("unit", "u", "one unit's code").argument("CODE"));
  options.addOption(
      Poco::Util::Option("form", "", "one award form (e.g. advanced-worker)").argument("FORM"));
  options.addOption(Poco::Util::Option("level", "", "the nominating units' level (e.g. commune)")
                        .argument("LEVEL"));
  options.addOption(
      Poco::Util::Option("on", "", "count overdue dossiers as of this date").argument("DATE"));
  options.addOption(Poco::Util::Option("target", "",
                                       "direct-labourer share to exceed (default 0.35 or "
                                       "DATA/agency/direct-labourer-target)")
                        .argument("SHARE"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "--year YEAR [FILTERS] --as LOGIN",
              "Dossiers received, returned, approved, refused, pending and overdue; awards by "
              "form; the share of individual awards going to direct labourers against the "
              "target; the share of women; processing time in working days (median, 90th "
              "percentile, late) — for the year or a period of it, by unit, award form and "
              "level. A unit's clerk gets the unit's own.");
    return kExitOk;
  }
  const auto s = style(parsed, command, err);
  if (!s) return kExitUsage;
  const auto y = year(parsed, command, err);
  if (!y) return kExitUsage;
  service::ReportQuery query;
  query.year = *y;
  query.period = parsed.value("period");
  query.campaign = parsed.value("campaign");
  query.unit_code = parsed.value("unit");
  query.award_form = parsed.value("form");
  query.level = parsed.value("level");
  if (parsed.has("on")) {
    query.on = core::Date::parse(parsed.value("on"));
    if (!query.on) return usageError(err, command, "--on takes YYYY-MM-DD", "--on cần YYYY-MM-DD");
  }
  if (parsed.has("target")) {
    try {
      query.direct_target = std::stod(parsed.value("target"));
    } catch (const std::exception&) {
      query.direct_target = -1;
    }
    if (*query.direct_target < 0 || *query.direct_target > 1) {
      return usageError(err, command, "--target is a share from 0 to 1 (e.g. 0.35)",
                        "--target là tỷ lệ từ 0 đến 1 (vd. 0.35)");
    }
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const service::Reports reports(*o.data, *o.workflow);
  auto report = reports.period(o.actor, query);
  if (!report) return reportFailure(err, command, report.error());
  if (s->format == "json") {
    printJson(out, service::views::periodReport(*report, {s->lang, false}));
    return kExitOk;
  }
  if (s->format == "csv") {
    out << service::reportCsv(*report, s->lang);
    return kExitOk;
  }
  const bool en = s->lang == "en";
  const auto& c = report->counts;
  const auto& a = report->awards;
  out << (en ? "Report " : "Báo cáo năm ") << report->query.year
      << (report->query.period.empty() ? "" : " (" + report->query.period + ")")
      << (en ? ", as of " : ", tính đến ") << report->on.toString() << "\n";
  out << (en ? "dossiers: " : "hồ sơ: ") << c.received << (en ? " received, " : " tiếp nhận, ")
      << c.returned << (en ? " returned, " : " trả lại bổ sung, ") << c.approved
      << (en ? " approved, " : " được khen thưởng, ") << c.refused
      << (en ? " refused, " : " không khen thưởng, ") << c.forwarded
      << (en ? " forwarded, " : " trình cấp trên, ") << c.pending
      << (en ? " pending (" : " đang giải quyết (") << c.overdue << (en ? " overdue)" : " quá hạn)")
      << "\n";
  out << (en ? "awards: " : "khen thưởng: ") << a.total << " (" << a.individuals
      << (en ? " individuals, " : " cá nhân, ") << a.collectives
      << (en ? " collectives, " : " tập thể, ") << a.families << (en ? " families)" : " hộ)")
      << "\n";
  out << (en ? "direct labourers: " : "người lao động trực tiếp: ") << a.direct_labourers << "/"
      << a.individuals << " = " << share(report->directShare())
      << (en ? " (target: more than " : " (chỉ tiêu: trên ") << share(report->direct_target) << ") "
      << (report->directTargetMet() ? (en ? "met" : "đạt") : (en ? "NOT MET" : "CHƯA ĐẠT")) << "\n";
  out << (en ? "women: " : "nữ: ") << a.women << "/" << a.individuals << " = "
      << share(report->womenShare()) << "\n";
  out << (en ? "processing (working days): " : "thời gian giải quyết (ngày làm việc): ")
      << (en ? "median " : "trung vị ") << days(report->processing.median) << ", p90 "
      << days(report->processing.p90) << ", " << report->processing.late
      << (en ? " late of " : " trễ hạn trên ") << report->processing.decided << "\n";
  writeLines(out, en ? "By unit" : "Theo đơn vị", report->by_unit, en);
  writeLines(out, en ? "By award form" : "Theo hình thức", report->by_form, en);
  writeLines(out, en ? "By level" : "Theo cấp", report->by_level, en);
  return kExitOk;
}

int runStatistics(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "report statistics";
  Poco::Util::OptionSet options = reportOptions();
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "--year YEAR --as LOGIN",
              "The annual table of commendation counts (Biểu 0602.N/BNV-TĐKT, TT 02/2023/TT-BNV, "
              "as we read it: check the columns against the form in force before sending): "
              "awards by form — collectives, families, individuals, of which women and direct "
              "labourers.");
    return kExitOk;
  }
  const auto s = style(parsed, command, err);
  if (!s) return kExitUsage;
  const auto y = year(parsed, command, err);
  if (!y) return kExitUsage;
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const service::Reports reports(*o.data, *o.workflow);
  auto table = reports.statistics(o.actor, *y);
  if (!table) return reportFailure(err, command, table.error());
  if (s->format == "json") {
    printJson(out, service::views::statistics(*table, {s->lang, false}));
    return kExitOk;
  }
  if (s->format == "csv") {
    out << service::statisticsCsv(*table, s->lang);
    return kExitOk;
  }
  const bool en = s->lang == "en";
  out << (en ? "Commendation counts " : "Số lượng khen thưởng năm ") << table->year
      << " (0602.N/BNV-TĐKT)\n";
  out << "  " << padded(en ? "award form" : "hình thức", 36) << padded(en ? "total" : "tổng", 7)
      << padded(en ? "coll." : "t.thể", 7) << padded(en ? "fam." : "hộ", 6)
      << padded(en ? "indiv." : "cá nhân", 9) << padded(en ? "women" : "nữ", 7)
      << (en ? "direct" : "LĐTT") << "\n";
  const auto row = [&](const std::string& name, const store::AwardTotals& a) {
    out << "  " << padded(name, 36) << padded(std::to_string(a.total), 7)
        << padded(std::to_string(a.collectives), 7) << padded(std::to_string(a.families), 6)
        << padded(std::to_string(a.individuals), 9) << padded(std::to_string(a.women), 7)
        << a.direct_labourers << "\n";
  };
  for (const service::ReportLine& l : table->rows) row(en ? l.label_en : l.label_vi, l.awards);
  row(en ? "Total" : "Tổng cộng", table->total);
  return kExitOk;
}

}  // namespace

int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto help = [](std::ostream& to) {
    to << "usage: awardflow report period|statistics [OPTIONS]\n\n"
          "The standing office's reports (docs/reports.md):\n"
          "  period      dossiers, awards, direct-labourer and women shares, processing time\n"
          "  statistics  the annual table of commendation counts (Biểu 0602.N)\n\n"
          "Run 'awardflow report SUBCOMMAND --help' for its options.\n";
  };
  if (args.empty()) {
    help(err);
    return kExitUsage;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args.front() == "period") return runPeriod(rest, out, err);
  if (args.front() == "statistics") return runStatistics(rest, out, err);
  if (args.front() == "--help" || args.front() == "-h") {
    help(out);
    return kExitOk;
  }
  return usageError(err, "report", "unknown subcommand '" + args.front() + "'",
                    "không có lệnh con '" + args.front() + "'");
}

}  // namespace awardflow::cli
