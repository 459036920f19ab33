#include "engine/model/record.hpp"

namespace awardflow::model {

std::optional<core::Date> transferDue(Retention retention, const core::Date& end_date) {
  if (retention != Retention::Permanent) return std::nullopt;
  return core::Date{end_date.year + 10, 1, 1};
}

std::optional<core::Date> disposeDue(Retention retention, const core::Date& end_date) {
  switch (retention) {
    case Retention::Permanent:
      return std::nullopt;
    case Retention::Years20:
      return core::Date{end_date.year + 21, 1, 1};
    case Retention::Years10:
      return core::Date{end_date.year + 11, 1, 1};
    case Retention::Years5:
      return core::Date{end_date.year + 6, 1, 1};
  }
  return std::nullopt;
}

}  // namespace awardflow::model
