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

TEST_CASE("counting working days between two dates agrees with a day-by-day count") {
  WorkingCalendar c("test", {Weekday::Saturday, Weekday::Sunday});
  for (int y : {2023, 2024, 2025}) c.addYear(y);
  for (Date d{2024, 2, 8}; d <= Date{2024, 2, 14}; d = d.plusDays(1)) c.addDayOff(d);
  c.addDayOff(Date{2023, 1, 2});
  c.addDayOff(Date{2025, 12, 31});
  c.addWorkday(Date{2024, 5, 4});
  c.addWorkday(Date{2023, 12, 31});
  const auto slow = [&](const Date& from, const Date& to) {
    int n = 0;
    for (Date d = from.plusDays(1); d <= to; d = d.plusDays(1)) n += *c.isWorkingDay(d) ? 1 : 0;
    return n;
  };
  const long start = Date{2023, 1, 1}.daysSinceEpoch();
  const long end = Date{2025, 12, 31}.daysSinceEpoch();
  for (long a = start; a <= end; a += 37) {
    for (long b = a; b <= end; b += 53) {
      const Date from = Date::fromDaysSinceEpoch(a), to = Date::fromDaysSinceEpoch(b);
      CAPTURE(from.toString());
      CAPTURE(to.toString());
      REQUIRE(*c.workingDaysBetween(from, to) == slow(from, to));
    }
  }
  // Across a year boundary, both of its sides count; the worked Sunday 31 December 2023 too.
  CHECK(*c.workingDaysBetween(Date{2023, 12, 29}, Date{2024, 1, 2}) == 3);
  // The day before the calendar's first year starts the count; a year beyond it is refused.
  CHECK(*c.workingDaysBetween(Date{2022, 12, 31}, Date{2023, 1, 3}) == 1);
  CHECK(c.workingDaysBetween(Date{2025, 12, 30}, Date{2026, 1, 2}).error().code == Errc::NotFound);
  CHECK(c.workingDaysBetween(Date{2022, 12, 30}, Date{2023, 1, 3}).error().code == Errc::NotFound);
}
