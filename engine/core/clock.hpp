#pragma once

#include <atomic>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/date.hpp"

namespace awardflow::core {

// Where the time comes from. Services take a Clock so that deadlines, publication windows and
// escalations can be tested across days without waiting; production uses SystemClock.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::time_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::time_t now() const override { return std::time(nullptr); }
};

// A clock that stands still until moved; for tests and benchmarks.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::time_t at) : at_(at) {}
  std::time_t now() const override { return at_.load(); }
  void set(std::time_t at) { at_.store(at); }
  void advanceDays(int days) { at_.fetch_add(static_cast<std::time_t>(days) * 86400); }

 private:
  std::atomic<std::time_t> at_;
};

// "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string utcTimestamp(std::time_t at);

// The time a utcTimestamp() names, nullopt when `text` is not exactly in that form.
std::optional<std::time_t> parseUtcTimestamp(std::string_view text);

// The civil date in Vietnam at `at` (UTC+7 all year; Vietnam keeps no daylight saving): the day
// that time limits and working days count in.
Date vietnamDate(std::time_t at);

// Midnight UTC+7 starting `date`, as a time_t: the inverse of vietnamDate for whole days.
std::time_t vietnamMidnight(const Date& date);

}  // namespace awardflow::core
