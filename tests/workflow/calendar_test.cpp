#include <doctest/doctest.h>

#include "engine/workflow/calendar_loader.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using testing::replaceOnce;

namespace {

const std::string& shipped() {
  static const std::string text = testing::readSource("workflows/calendars/vn-civil-service.xml");
  return text;
}

core::Result<core::WorkingCalendar> load(const std::string& text) {
  return workflow::loadCalendar(text, "calendar.xml", testing::schema("calendar.xsd"));
}

}  // namespace

TEST_CASE("the shipped calendar covers 2023–2027 with Tết and the swapped Saturdays") {
  auto calendar = load(shipped());
  REQUIRE_MESSAGE(calendar, (calendar ? "" : calendar.error().details.front()));
  CHECK(calendar->firstYear() == 2023);
  CHECK(calendar->lastYear() == 2027);
  CHECK_FALSE(*calendar->isWorkingDay(core::Date{2027, 2, 8}));   // Tết Đinh Mùi (unverified)
  CHECK_FALSE(*calendar->isWorkingDay(core::Date{2024, 2, 12}));  // Tết Giáp Thìn
  CHECK_FALSE(*calendar->isWorkingDay(core::Date{2025, 1, 29}));  // Tết Ất Tỵ
  CHECK(*calendar->isWorkingDay(core::Date{2025, 4, 26}));        // Saturday worked for 2 May
  CHECK_FALSE(*calendar->isWorkingDay(core::Date{2025, 5, 2}));
  // A 10-working-day Certificate of Merit received on Friday 24 January 2025, just before Tết:
  // 3–7 and 10–14 February.
  CHECK(*calendar->addWorkingDays(core::Date{2025, 1, 24}, 10) == core::Date{2025, 2, 14});
  CHECK(calendar->isWorkingDay(core::Date{2028, 1, 4}).error().code == core::Errc::NotFound);
}

TEST_CASE("inconsistent calendars are refused with their location") {
  SUBCASE("a date outside its year") {
    auto c = load(replaceOnce(shipped(), "from=\"2024-04-18\"", "from=\"2023-04-18\""));
    REQUIRE_FALSE(c);
    CHECK(c.error().details[0].find("outside the year 2024") != std::string::npos);
  }
  SUBCASE("a worked day that is not a weekend day") {
    auto c = load(
        replaceOnce(shipped(), "<workday from=\"2024-05-04\"", "<workday from=\"2024-05-03\""));
    REQUIRE_FALSE(c);
    CHECK(c.error().details[0].find("not a weekend day") != std::string::npos);
  }
  SUBCASE("a span that runs backwards") {
    auto c = load(replaceOnce(shipped(), "from=\"2024-02-08\" to=\"2024-02-14\"",
                              "from=\"2024-02-14\" to=\"2024-02-08\""));
    REQUIRE_FALSE(c);
    CHECK(c.error().code == core::Errc::Config);
  }
  SUBCASE("a year listed twice") {
    auto c = load(replaceOnce(shipped(), "<year value=\"2025\"", "<year value=\"2024\""));
    REQUIRE_FALSE(c);
    CHECK(c.error().details[0].find("schema.identity") != std::string::npos);
  }
}
