// awardflow due-date: the end of a time limit counted in working days.
#include <ostream>

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/service/calendar.hpp"

namespace awardflow::cli {

int runDueDate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(
      Poco::Util::Option("calendar", "c",
                         "calendar file (default: workflows/calendars/vn-civil-service.xml)")
          .argument("FILE"));
  const ParsedArgs parsed = parseArgs(args, options);
  if (parsed.help) {
    writeHelp(
        out, options, "due-date", "[--calendar FILE] FROM WORKING-DAYS",
        "Prints the due date of a time limit of WORKING-DAYS working days counted from FROM "
        "(YYYY-MM-DD; FROM itself does not count), skipping weekends, public holidays and Tết "
        "and counting Saturdays worked in exchange, per the calendar. Exit status: 0, 64 usage, "
        "66 when the count runs into a year the calendar does not list.");
    return kExitOk;
  }
  if (parsed.operands.size() != 2) {
    return usageError(err, "due-date", "give FROM and WORKING-DAYS", "cần FROM và WORKING-DAYS");
  }
  const auto from = core::Date::parse(parsed.operands[0]);
  if (!from)
    return usageError(err, "due-date", "FROM must be YYYY-MM-DD", "FROM phải có dạng YYYY-MM-DD");
  int days = -1;
  try {
    std::size_t used = 0;
    days = std::stoi(parsed.operands[1], &used);
    if (used != parsed.operands[1].size()) days = -1;
  } catch (const std::exception&) {
    days = -1;
  }
  if (days < 0 || days > 365) {
    return usageError(err, "due-date", "WORKING-DAYS must be a number from 0 to 365",
                      "WORKING-DAYS phải là số từ 0 đến 365");
  }
  auto calendar = service::loadCalendarFile(parsed.has("calendar")
                                                ? std::filesystem::path(parsed.value("calendar"))
                                                : service::defaultCalendarFile());
  if (!calendar) return reportFailure(err, "due-date", calendar.error());
  auto due = calendar->addWorkingDays(*from, days);
  if (!due) return reportFailure(err, "due-date", due.error());
  out << due->toString() << "\n";
  return kExitOk;
}

}  // namespace awardflow::cli
