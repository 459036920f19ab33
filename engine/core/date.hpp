#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace awardflow::core {

// A proleptic Gregorian calendar date without time zone. Ordering is chronological.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Parses exactly "YYYY-MM-DD" with a real day of its month; nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);

  // Days since 1970-01-01 (negative before it), and back.
  long daysSinceEpoch() const;
  static Date fromDaysSinceEpoch(long days);

  // The date `days` calendar days later (earlier when negative).
  Date plusDays(long days) const { return fromDaysSinceEpoch(daysSinceEpoch() + days); }

  // "YYYY-MM-DD".
  std::string toString() const;

  auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr): tidy 14 bug
};

enum class Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

Weekday weekday(const Date& date);

// Number of days in the month, 0 when month is out of 1..12.
int daysInMonth(int year, int month);

}  // namespace awardflow::core
