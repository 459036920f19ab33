#pragma once

// Emulation clusters and blocks (cụm, khối thi đua) and the scoring of their units by criteria
// (issue #8): the standing office defines the groups and, per period, a criteria set with each
// criterion's maximum points and weight; council members and the office score each unit; the
// totals rank the units and the leader is proposed upward.

#include <optional>
#include <string>
#include <vector>

namespace awardflow::model {

struct EmulationGroup {
  std::string id;                  // "CUM-XA-1"
  std::string name;                // "Cụm thi đua các xã số 1"
  std::string kind;                // "cluster" (cụm, by territory) or "block" (khối, by sector)
  std::vector<std::string> units;  // unit codes
  std::string created_by;
  std::string created_at;
  // The authority whose office defined the group (its standing office, council and scorers);
  // none in an installation of one authority.
  std::optional<std::string> authority_code;
};

struct Criterion {
  std::string code;  // "1", "2a"
  std::string title;
  double max_points = 0;
  double weight = 1;
};

struct CriteriaSet {
  std::string id;  // "CUM-XA-1-2024"
  std::string group_id;
  std::string period;  // "2024", "2024-1"
  std::string title;
  std::vector<Criterion> criteria;  // in order
  std::string created_by;
  std::string created_at;
  std::optional<std::string> closed_at;
  std::string closed_by;
};

struct Score {
  std::string set_id;
  std::string unit_code;
  std::string criterion;
  std::string scorer;
  double points = 0;
  std::string note;
  std::string at;
};

}  // namespace awardflow::model
