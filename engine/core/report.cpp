#include "engine/core/report.hpp"

#include <algorithm>

namespace awardflow::core {

std::string_view severityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Notice:
      return "notice";
  }
  return "error";
}

void Report::add(Severity severity, std::string code, Location location, Message message) {
  problems_.push_back(Problem{severity, std::move(code), std::move(location), std::move(message)});
}

void Report::append(const Report& other) {
  problems_.insert(problems_.end(), other.problems_.begin(), other.problems_.end());
}

bool Report::valid() const { return count(Severity::Error) == 0; }

std::size_t Report::count(Severity severity) const {
  return static_cast<std::size_t>(
      std::count_if(problems_.begin(), problems_.end(),
                    [&](const Problem& p) { return p.severity == severity; }));
}

bool Report::hasCode(std::string_view code) const {
  return std::any_of(problems_.begin(), problems_.end(),
                     [&](const Problem& p) { return p.code == code; });
}

}  // namespace awardflow::core
