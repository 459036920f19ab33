#pragma once

#include <filesystem>

#include "engine/core/calendar.hpp"
#include "engine/core/error.hpp"

namespace awardflow::service {

// The working-day calendar shipped under dataHome(): workflows/calendars/vn-civil-service.xml.
std::filesystem::path defaultCalendarFile();

// Loads a calendar file (schemas/calendar.xsd). Fails with Errc::NotFound / Unreadable for the
// file and Errc::Config (details located) for its content.
core::Result<core::WorkingCalendar> loadCalendarFile(const std::filesystem::path& file);

}  // namespace awardflow::service
