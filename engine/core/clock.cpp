#include "engine/core/clock.hpp"

#include <array>

namespace awardflow::core {
namespace {

constexpr std::time_t kVietnamOffset = std::time_t{7} * 3600;

}  // namespace

std::string utcTimestamp(std::time_t at) {
  std::tm parts{};
  gmtime_r(&at, &parts);
  std::array<char, 32> buffer{};
  std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer.data();
}

Date vietnamDate(std::time_t at) {
  const std::time_t local = at + kVietnamOffset;
  // Floor division: dates before 1970 stay on the right day.
  long days = local / 86400;  // time_t is long on the platforms awardflow builds for
  if (local % 86400 < 0) --days;
  return Date::fromDaysSinceEpoch(days);
}

std::time_t vietnamMidnight(const Date& date) {
  const std::time_t days = date.daysSinceEpoch();
  return days * 86400 - kVietnamOffset;
}

}  // namespace awardflow::core
