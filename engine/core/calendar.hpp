#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"

namespace awardflow::core {

// Working days (ngày làm việc) for counting time limits: weekends and the listed days off are
// skipped, the listed weekend days worked in exchange (làm bù) count. Only years that were
// declared are known: a computation that reaches outside them fails instead of guessing.
// Immutable once built; safe to share between threads.
class WorkingCalendar {
 public:
  WorkingCalendar(std::string id, std::set<Weekday> weekend)
      : id_(std::move(id)), weekend_(std::move(weekend)) {}

  // Building (by the loader). REQUIRES: the date's year was declared with addYear.
  void addYear(int year);
  void addDayOff(const Date& date);
  void addWorkday(const Date& date);

  const std::string& id() const { return id_; }
  bool covers(int year) const { return years_.count(year) != 0; }
  int firstYear() const { return years_.empty() ? 0 : *years_.begin(); }
  int lastYear() const { return years_.empty() ? 0 : *years_.rbegin(); }

  // Fails with Errc::NotFound when the date's year is not in the calendar.
  Result<bool> isWorkingDay(const Date& date) const;

  // The due date of a time limit of `days` working days counted from `start`: the working day on
  // which the `days`-th working day after `start` falls (`start` itself does not count; 0 gives
  // `start`). Fails with Errc::NotFound when the count runs outside the calendar's years, and
  // Errc::InvalidArgument for a negative count.
  Result<Date> addWorkingDays(const Date& start, int days) const;

  // Working days in (from, to]: how many of a time limit were used. Fails like isWorkingDay, and
  // with Errc::InvalidArgument when `to` is before `from`. Constant time per year spanned:
  // lists of hundreds of dossiers ask it for each row, some of them years overdue.
  Result<int> workingDaysBetween(const Date& from, const Date& to) const;

 private:
  // Recounts `year`'s running totals after a change to it.
  void count(int year);

  std::string id_;
  std::set<Weekday> weekend_;
  std::set<int> years_;
  std::set<long> off_;
  std::set<long> worked_;
  // For each declared year: element i is the working days among its first i days.
  std::map<int, std::vector<int>> working_before_;
};

}  // namespace awardflow::core
