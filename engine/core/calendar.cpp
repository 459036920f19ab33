#include "engine/core/calendar.hpp"

namespace awardflow::core {

Result<bool> WorkingCalendar::isWorkingDay(const Date& date) const {
  if (!covers(date.year)) {
    return fail(Errc::NotFound,
                "the calendar " + id_ + " has no working days for " + std::to_string(date.year));
  }
  const long day = date.daysSinceEpoch();
  if (worked_.count(day) != 0) return true;
  if (off_.count(day) != 0) return false;
  return weekend_.count(weekday(date)) == 0;
}

Result<Date> WorkingCalendar::addWorkingDays(const Date& start, int days) const {
  if (days < 0) return fail(Errc::InvalidArgument, "a time limit cannot be negative");
  Date current = start;
  for (int counted = 0; counted < days;) {
    current = current.plusDays(1);
    auto working = isWorkingDay(current);
    if (!working) return Unexpected{working.error()};
    if (*working) ++counted;
  }
  return current;
}

Result<int> WorkingCalendar::workingDaysBetween(const Date& from, const Date& to) const {
  if (to < from)
    return fail(Errc::InvalidArgument,
                "the end " + to.toString() + " is before the start " + from.toString());
  int count = 0;
  for (Date d = from.plusDays(1); d <= to; d = d.plusDays(1)) {
    auto working = isWorkingDay(d);
    if (!working) return Unexpected{working.error()};
    if (*working) ++count;
  }
  return count;
}

}  // namespace awardflow::core
