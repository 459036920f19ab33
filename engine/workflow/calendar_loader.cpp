#include "engine/workflow/calendar_loader.hpp"

#include <array>
#include <charconv>
#include <vector>

#include "engine/xml/document.hpp"

namespace awardflow::workflow {
namespace {

constexpr std::array<std::pair<std::string_view, core::Weekday>, 7> kWeekdays{{
    {"monday", core::Weekday::Monday},
    {"tuesday", core::Weekday::Tuesday},
    {"wednesday", core::Weekday::Wednesday},
    {"thursday", core::Weekday::Thursday},
    {"friday", core::Weekday::Friday},
    {"saturday", core::Weekday::Saturday},
    {"sunday", core::Weekday::Sunday},
}};

}  // namespace

core::Result<core::WorkingCalendar> loadCalendar(std::string_view bytes, const std::string& source,
                                                 const xml::Schema& calendar_schema) {
  std::vector<std::string> problems;
  const auto problem = [&](const core::Location& where, const std::string& message) {
    problems.push_back(source + ":" + std::to_string(where.line) + ": " + where.path + ": " +
                       message);
  };
  xml::Parsed parsed = xml::parse(bytes);
  core::Report report = std::move(parsed.report);
  if (parsed.document) calendar_schema.validate(*parsed.document, report);
  for (const core::Problem& p : report.problems()) {
    if (p.severity == core::Severity::Error) problem(p.location, p.code + ": " + p.message.en);
  }
  if (!problems.empty())
    return core::fail(core::Errc::Config, "calendar cannot be loaded: " + source, problems);

  const xml::Element root = parsed.document->root();
  std::set<core::Weekday> weekend;
  if (auto w = root.child("weekend")) {
    for (const xml::Element& day : w->children()) {
      for (const auto& [name, value] : kWeekdays) {
        if (day.text() == name) weekend.insert(value);
      }
    }
  }
  core::WorkingCalendar calendar(root.attribute("id").value_or(""), weekend);
  for (const xml::Element& year : root.children()) {
    if (year.localName() != "year") continue;
    const std::string value = year.attribute("value").value_or("0");
    int y = 0;
    std::from_chars(value.data(), value.data() + value.size(), y);
    calendar.addYear(y);
    for (const xml::Element& day : year.children()) {
      const auto from = core::Date::parse(day.attribute("from").value_or(""));
      const auto to =
          core::Date::parse(day.attribute("to").value_or(day.attribute("from").value_or("")));
      if (!from || !to) continue;  // the schema has checked the form
      if (from->year != y || to->year != y) {
        problem(day.location(), "date outside the year " + value);
        continue;
      }
      if (*to < *from || to->daysSinceEpoch() - from->daysSinceEpoch() > 30) {
        problem(day.location(), "a span must run forward and last at most 31 days");
        continue;
      }
      for (core::Date d = *from; d <= *to; d = d.plusDays(1)) {
        if (day.localName() == "off") {
          calendar.addDayOff(d);
        } else if (weekend.count(core::weekday(d)) == 0) {
          problem(day.location(), d.toString() + " is not a weekend day: it is worked anyway");
        } else {
          calendar.addWorkday(d);
        }
      }
    }
  }
  // A worked weekend day that is also a day off is a contradiction in the data.
  for (const xml::Element& year : root.children()) {
    for (const xml::Element& day : year.children()) {
      if (day.localName() != "workday") continue;
      const auto d = core::Date::parse(day.attribute("from").value_or(""));
      for (const xml::Element& other : year.children()) {
        if (other.localName() != "off" || !d) continue;
        const auto a = core::Date::parse(other.attribute("from").value_or(""));
        const auto b =
            core::Date::parse(other.attribute("to").value_or(other.attribute("from").value_or("")));
        if (a && b && *a <= *d && *d <= *b)
          problem(day.location(), d->toString() + " is both worked and off");
      }
    }
  }
  if (!problems.empty())
    return core::fail(core::Errc::Config, "calendar is inconsistent: " + source, problems);
  return calendar;
}

}  // namespace awardflow::workflow
