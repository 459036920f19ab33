#include "engine/service/calendar.hpp"

#include "engine/core/file.hpp"
#include "engine/service/paths.hpp"
#include "engine/workflow/calendar_loader.hpp"
#include "engine/xml/schema.hpp"

namespace awardflow::service {

std::filesystem::path defaultCalendarFile() {
  return dataHome() / "workflows/calendars/vn-civil-service.xml";
}

core::Result<core::WorkingCalendar> loadCalendarFile(const std::filesystem::path& file) {
  auto schema = xml::Schema::load(dataHome() / "schemas/calendar.xsd");
  if (!schema) return core::Unexpected{schema.error()};
  auto bytes = core::readFile(file, std::size_t{1} << 20);
  if (!bytes) return core::Unexpected{bytes.error()};
  return workflow::loadCalendar(*bytes, file.string(), *schema);
}

}  // namespace awardflow::service
