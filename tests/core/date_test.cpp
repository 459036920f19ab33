#include "engine/core/date.hpp"

#include <doctest/doctest.h>

using awardflow::core::Date;

TEST_CASE("dates parse only as real YYYY-MM-DD days") {
  CHECK(Date::parse("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(Date::parse("2023-02-29"));  // not a leap year
  CHECK_FALSE(Date::parse("2100-02-29"));  // century, not leap
  CHECK(Date::parse("2000-02-29"));        // 400-year leap
  CHECK_FALSE(Date::parse("2024-13-01"));
  CHECK_FALSE(Date::parse("2024-1-01"));
  CHECK_FALSE(Date::parse("2024-01-01Z"));
  CHECK_FALSE(Date::parse("abcd-ef-gh"));
}

TEST_CASE("dates order chronologically and print back") {
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
  CHECK(Date{2025, 7, 1}.toString() == "2025-07-01");
  CHECK(Date{1970, 1, 1}.daysSinceEpoch() == 0);
  CHECK(Date{2024, 3, 1}.daysSinceEpoch() - Date{2024, 2, 28}.daysSinceEpoch() == 2);
}
