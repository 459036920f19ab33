#include "engine/core/calendar.hpp"

#include <doctest/doctest.h>

using namespace awardflow::core;

namespace {

// 2024 with Tết (8–14 February), 27 April – 1 May off, Saturday 4 May worked.
WorkingCalendar calendar2024() {
  WorkingCalendar c("test", {Weekday::Saturday, Weekday::Sunday});
  c.addYear(2024);
  for (Date d{2024, 2, 8}; d <= Date{2024, 2, 14}; d = d.plusDays(1)) c.addDayOff(d);
  for (Date d{2024, 4, 27}; d <= Date{2024, 5, 1}; d = d.plusDays(1)) c.addDayOff(d);
  c.addWorkday(Date{2024, 5, 4});
  return c;
}

}  // namespace

TEST_CASE("dates: weekday and day arithmetic") {
  CHECK(weekday(Date{1970, 1, 1}) == Weekday::Thursday);
  CHECK(weekday(Date{2024, 2, 10}) == Weekday::Saturday);  // Mùng 1 Tết Giáp Thìn
  CHECK(weekday(Date{1969, 12, 31}) == Weekday::Wednesday);
  CHECK(Date{2024, 2, 28}.plusDays(2) == Date{2024, 3, 1});
  CHECK(Date{2023, 12, 31}.plusDays(1) == Date{2024, 1, 1});
  for (long d = -800; d < 800000; d += 997)
    CHECK(Date::fromDaysSinceEpoch(d).daysSinceEpoch() == d);
}

TEST_CASE("time limits skip weekends and Tết") {
  const WorkingCalendar c = calendar2024();
  // Complete dossier on Tuesday 6 February: day 1 is Wednesday 7, then Tết, then 15, 16, 19, 20.
  CHECK(*c.addWorkingDays(Date{2024, 2, 6}, 5) == Date{2024, 2, 20});
  CHECK(*c.addWorkingDays(Date{2024, 2, 6}, 1) == Date{2024, 2, 7});
  CHECK(*c.addWorkingDays(Date{2024, 2, 6}, 0) == Date{2024, 2, 6});
  // Received on a Saturday: the count starts on Monday.
  CHECK(*c.addWorkingDays(Date{2024, 3, 2}, 1) == Date{2024, 3, 4});
  CHECK(*c.workingDaysBetween(Date{2024, 2, 6}, Date{2024, 2, 20}) == 5);
  CHECK(*c.workingDaysBetween(Date{2024, 2, 6}, Date{2024, 2, 6}) == 0);
}

TEST_CASE("a Saturday worked in exchange counts, and holidays on weekdays do not") {
  const WorkingCalendar c = calendar2024();
  CHECK(*c.isWorkingDay(Date{2024, 5, 4}));
  CHECK_FALSE(*c.isWorkingDay(Date{2024, 4, 29}));
  CHECK_FALSE(*c.isWorkingDay(Date{2024, 5, 11}));
  // Friday 26 April + 1 working day = Thursday 2 May (27 April – 1 May off).
  CHECK(*c.addWorkingDays(Date{2024, 4, 26}, 1) == Date{2024, 5, 2});
  CHECK(*c.addWorkingDays(Date{2024, 5, 2}, 2) == Date{2024, 5, 4});
}

TEST_CASE("a count that leaves the known years is refused, not guessed") {
  const WorkingCalendar c = calendar2024();
  CHECK(c.isWorkingDay(Date{2025, 1, 2}).error().code == Errc::NotFound);
  CHECK(c.addWorkingDays(Date{2024, 12, 27}, 10).error().code == Errc::NotFound);
  CHECK(c.addWorkingDays(Date{2024, 12, 27}, -1).error().code == Errc::InvalidArgument);
  CHECK(c.workingDaysBetween(Date{2024, 3, 2}, Date{2024, 3, 1}).error().code ==
        Errc::InvalidArgument);
}
