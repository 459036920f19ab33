#include "engine/core/calendar.hpp"

#include <algorithm>

namespace awardflow::core {

void WorkingCalendar::addYear(int year) {
  years_.insert(year);
  count(year);
}

void WorkingCalendar::addDayOff(const Date& date) {
  off_.insert(date.daysSinceEpoch());
  count(date.year);
}

void WorkingCalendar::addWorkday(const Date& date) {
  worked_.insert(date.daysSinceEpoch());
  count(date.year);
}

void WorkingCalendar::count(int year) {
  if (!covers(year)) return;
  const long first = Date{year, 1, 1}.daysSinceEpoch();
  const long days = Date{year + 1, 1, 1}.daysSinceEpoch() - first;
  std::vector<int>& totals = working_before_[year];
  totals.assign(static_cast<std::size_t>(days) + 1, 0);
  for (long i = 0; i < days; ++i) {
    const Date d = Date::fromDaysSinceEpoch(first + i);
    const bool working = worked_.count(first + i) != 0 ||
                         (off_.count(first + i) == 0 && weekend_.count(weekday(d)) == 0);
    totals[static_cast<std::size_t>(i) + 1] =
        totals[static_cast<std::size_t>(i)] + (working ? 1 : 0);
  }
}

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
  if (to == from) return 0;
  // (from, to] cut at each new year: the part in year y is its days after `from` (all of them
  // after from's year) up to `to` (all of them before to's year).
  const long after = from.daysSinceEpoch(), last = to.daysSinceEpoch();
  int total = 0;
  for (int year = from.year; year <= to.year; ++year) {
    const long first = Date{year, 1, 1}.daysSinceEpoch();
    const long end = Date{year + 1, 1, 1}.daysSinceEpoch() - 1;  // its last day
    const long lo = std::max(after + 1, first), hi = std::min(last, end);
    if (lo > hi) continue;  // `from` is the year's last day
    const auto totals = working_before_.find(year);
    if (totals == working_before_.end()) {
      return fail(Errc::NotFound,
                  "the calendar " + id_ + " has no working days for " + std::to_string(year));
    }
    total += totals->second[static_cast<std::size_t>(hi - first) + 1] -
             totals->second[static_cast<std::size_t>(lo - first)];
  }
  return total;
}

}  // namespace awardflow::core
