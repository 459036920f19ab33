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

std::optional<std::time_t> parseUtcTimestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const auto date = Date::parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (std::size_t i = 0; i < 3; ++i) {
    const char a = text[11 + 3 * i], b = text[12 + 3 * i];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    parts[i] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
  return std::time_t{date->daysSinceEpoch()} * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

}  // namespace awardflow::core
