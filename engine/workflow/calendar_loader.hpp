#pragma once

#include <string>
#include <string_view>

#include "engine/core/calendar.hpp"
#include "engine/core/error.hpp"
#include "engine/xml/schema.hpp"

namespace awardflow::workflow {

// Reads a working-day calendar (schemas/calendar.xsd, e.g. workflows/calendars/*.xml):
// hardened parse, XSD validation, then checks XSD cannot make: every date inside the year that
// lists it, spans in order and at most 31 days, worked days on weekends and not also days off.
// Fails with Errc::Config; details hold one "source:line: path: message" per problem.
core::Result<core::WorkingCalendar> loadCalendar(std::string_view bytes, const std::string& source,
                                                 const xml::Schema& calendar_schema);

}  // namespace awardflow::workflow
