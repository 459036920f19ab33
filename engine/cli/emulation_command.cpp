// awardflow emulation group|criteria|score|standings|close: emulation clusters and blocks and
// their scoring (issue #8, service/emulation.hpp). --as names the acting user.
#include <array>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <variant>

#include <Poco/JSON/Array.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/cli/opened.hpp"
#include "engine/service/emulation.hpp"
#include "engine/service/views.hpp"

namespace awardflow::cli {
namespace {

std::string points(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.2f", value);
  return buffer.data();
}

Poco::Util::OptionSet baseOptions() {
  Poco::Util::OptionSet options;
  options.addOption(dataOption());
  options.addOption(asOption());
  addReportOptions(options);
  return options;
}

void printStandings(std::ostream& out, const service::Standings& s, bool en) {
  out << s.set.title << " (" << s.set.id << ", " << s.group.name << ", " << s.set.period << ")"
      << (s.set.closed_at ? (en ? " — closed" : " — đã khóa sổ") : "") << "\n";
  for (const service::StandingRow& r : s.rows) {
    out << "  " << r.rank << ". " << r.unit_name << " (" << r.unit_code << "): " << points(r.total)
        << " / " << points(s.max_total) << (en ? ", scorers " : ", số người chấm ") << r.scorers
        << "\n";
  }
  if (!s.leaders.empty()) {
    out << (s.tie ? (en ? "tied for the lead (the council decides): "
                        : "bằng điểm dẫn đầu (Hội đồng quyết định): ")
                  : (en ? "proposed upward: " : "đề nghị cấp trên: "));
    for (std::size_t i = 0; i < s.leaders.size(); ++i) out << (i ? ", " : "") << s.leaders[i];
    out << "\n";
  }
  if (!s.complete) {
    out << (en ? "not complete: some units lack scores on some criteria\n"
               : "chưa đủ điểm: có đơn vị chưa được chấm ở một số tiêu chí\n");
  }
}

int runGroup(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "emulation group";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("name", "", "the group's name").argument("TEXT"));
  options.addOption(Poco::Util::Option("kind", "", "cluster (default) or block").argument("KIND"));
  options.addOption(Poco::Util::Option("unit", "u", "a unit of the group (repeat)")
                        .argument("CODE")
                        .repeatable(true));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "add ID --name TEXT --unit CODE --unit CODE … | list",
              "Emulation clusters (by territory) and blocks (by sector) of units, defined by the "
              "standing office.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  const bool list = parsed.operands.size() == 1 && parsed.operands[0] == "list";
  const bool add = parsed.operands.size() == 2 && parsed.operands[0] == "add";
  if (!list && !add) {
    return usageError(err, command, "say add ID … or list", "cần add ID … hoặc list");
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const service::Emulation emulation(*o.data, systemClock());
  if (list) {
    auto groups = emulation.groups(o.actor);
    if (!groups) return reportFailure(err, command, groups.error());
    if (style->format == "json") {
      Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
      for (const model::EmulationGroup& g : *groups) a->add(service::views::emulationGroup(g));
      printJson(out, a);
      return kExitOk;
    }
    for (const model::EmulationGroup& g : *groups) {
      out << g.id << "  " << g.name << " (" << g.kind << "):";
      for (const std::string& u : g.units) out << " " << u;
      out << "\n";
    }
    return kExitOk;
  }
  model::EmulationGroup g;
  g.id = parsed.operands[1];
  g.name = parsed.value("name");
  g.kind = parsed.value("kind", "cluster");
  g.units = parsed.values("unit");
  auto added = emulation.addGroup(o.actor, g);
  if (!added) return reportFailure(err, command, added.error());
  out << added->id << (style->lang == "en" ? ": defined\n" : ": đã lập\n");
  return kExitOk;
}

int runCriteria(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "emulation criteria";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("group", "g", "the group").argument("ID"));
  options.addOption(Poco::Util::Option("period", "p", "the period (e.g. 2024)").argument("TEXT"));
  options.addOption(Poco::Util::Option("title", "t", "the set's title").argument("TEXT"));
  options.addOption(
      Poco::Util::Option("criterion", "c", "\"code|title|most points|weight\" (repeat)")
          .argument("SPEC")
          .repeatable(true));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command,
              "add ID --group ID --period P --title T --criterion \"1|Kinh tế|40|1\" …",
              "A criteria set for a group and a period: each criterion with its most points and "
              "its weight (the standing office).");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  if (parsed.operands.size() != 2 || parsed.operands[0] != "add") {
    return usageError(err, command, "say add ID …", "cần add ID …");
  }
  model::CriteriaSet set;
  set.id = parsed.operands[1];
  set.group_id = parsed.value("group");
  set.period = parsed.value("period");
  set.title = parsed.value("title");
  for (const std::string& spec : parsed.values("criterion")) {
    std::vector<std::string> parts;
    std::istringstream cells(spec);
    for (std::string cell; std::getline(cells, cell, '|');) parts.push_back(cell);
    model::Criterion c;
    try {
      if (parts.size() < 3 || parts.size() > 4) throw std::invalid_argument("parts");
      c.code = parts[0];
      c.title = parts[1];
      c.max_points = std::stod(parts[2]);
      c.weight = parts.size() == 4 ? std::stod(parts[3]) : 1.0;
    } catch (const std::exception&) {
      return usageError(err, command, "--criterion takes \"code|title|most points|weight\"",
                        "--criterion cần \"mã|tên|điểm tối đa|hệ số\"");
    }
    set.criteria.push_back(c);
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto added = service::Emulation(*o.data, systemClock()).addSet(o.actor, set);
  if (!added) return reportFailure(err, command, added.error());
  out << added->id << (style->lang == "en" ? ": defined\n" : ": đã lập\n");
  return kExitOk;
}

int runScore(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string command = "emulation score";
  Poco::Util::OptionSet options = baseOptions();
  options.addOption(Poco::Util::Option("unit", "u", "the unit scored").argument("CODE"));
  options.addOption(Poco::Util::Option("criterion", "c", "the criterion's code").argument("CODE"));
  options.addOption(Poco::Util::Option("points", "", "the points given").argument("N"));
  options.addOption(Poco::Util::Option("note", "", "why (optional)").argument("TEXT"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "SET --unit CODE --criterion CODE --points N --as LOGIN",
              "Your score of one unit on one criterion (council members and the standing "
              "office), replacing your earlier one while the set is open.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  if (parsed.operands.size() != 1) {
    return usageError(err, command, "give the criteria set", "cần mã bộ tiêu chí");
  }
  double given = std::nan("");
  try {
    std::size_t used = 0;
    given = std::stod(parsed.value("points"), &used);
    if (used != parsed.value("points").size()) given = std::nan("");
  } catch (const std::exception&) {
    given = std::nan("");
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  auto done = service::Emulation(*o.data, systemClock())
                  .score(o.actor, parsed.operands[0], parsed.value("unit"),
                         parsed.value("criterion"), given, parsed.value("note"));
  if (!done) return reportFailure(err, command, done.error());
  out << parsed.value("unit") << " / " << parsed.value("criterion") << ": " << points(given)
      << "\n";
  return kExitOk;
}

int runStandings(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 bool close) {
  const std::string command = close ? "emulation close" : "emulation standings";
  Poco::Util::OptionSet options = baseOptions();
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(out, options, command, "SET --as LOGIN",
              close ? "Closes the scoring (the standing office): the final standings and the "
                      "proposal are recorded in the audit chain."
                    : "Each unit's weighted total and rank (equal totals share a rank) and the "
                      "unit proposed upward.");
    return kExitOk;
  }
  const auto style = reportStyle(parsed, command, err);
  if (!style) return kExitUsage;
  if (parsed.operands.size() != 1) {
    return usageError(err, command, "give the criteria set", "cần mã bộ tiêu chí");
  }
  auto opened = openFor(parsed, command, err);
  if (std::holds_alternative<int>(opened)) return std::get<int>(opened);
  auto& o = std::get<Opened>(opened);
  const service::Emulation emulation(*o.data, systemClock());
  auto standings = close ? emulation.close(o.actor, parsed.operands[0])
                         : emulation.standings(o.actor, parsed.operands[0]);
  if (!standings) return reportFailure(err, command, standings.error());
  if (style->format == "json") {
    printJson(out, service::views::standings(*standings));
    return kExitOk;
  }
  printStandings(out, *standings, style->lang == "en");
  return kExitOk;
}

}  // namespace

int runEmulation(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto help = [](std::ostream& to) {
    to << "usage: awardflow emulation SUBCOMMAND [OPTIONS]\n\n"
          "Emulation clusters and blocks and their scoring (docs/reports.md):\n"
          "  group      add ID … | list: clusters and blocks of units\n"
          "  criteria   add ID …: a criteria set with most points and weights\n"
          "  score      SET --unit --criterion --points: your score\n"
          "  standings  SET: totals, ranks, the proposal\n"
          "  close      SET: close the scoring and record the standings\n\n"
          "Run 'awardflow emulation SUBCOMMAND --help' for its options.\n";
  };
  if (args.empty()) {
    help(err);
    return kExitUsage;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& sub = args.front();
  if (sub == "group") return runGroup(rest, out, err);
  if (sub == "criteria") return runCriteria(rest, out, err);
  if (sub == "score") return runScore(rest, out, err);
  if (sub == "standings") return runStandings(rest, out, err, false);
  if (sub == "close") return runStandings(rest, out, err, true);
  if (sub == "--help" || sub == "-h") {
    help(out);
    return kExitOk;
  }
  return usageError(err, "emulation", "unknown subcommand '" + sub + "'",
                    "không có lệnh con '" + sub + "'");
}

}  // namespace awardflow::cli
