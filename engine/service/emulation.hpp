#pragma once

// Emulation clusters and blocks and their scoring (issue #8; model/emulation.hpp). The standing
// office defines groups of units and, per period, criteria sets (each criterion with its most
// points and its weight); council members and the office score each unit of the group (one score
// per scorer, unit and criterion, changeable until the set is closed); the standings average the
// scorers per criterion and sum the weighted averages; units with equal totals share a rank
// (1, 1, 3); the leader is proposed upward — when several share the lead the council decides
// between them, which the proposal says rather than picking one. Every change is an event of the
// audit chain with its author, and closing records the final standings.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/model/emulation.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/store/emulation_store.hpp"

namespace awardflow::service {

struct StandingRow {
  std::string unit_code;
  std::string unit_name;
  std::vector<std::optional<double>> averages;  // per criterion, in order; none unscored
  double total = 0;                             // Σ weight × average
  int rank = 0;                                 // 1 = first; equal totals share a rank
  int scorers = 0;                              // people who scored this unit
};

struct Standings {
  model::CriteriaSet set;
  model::EmulationGroup group;
  std::vector<StandingRow> rows;     // by rank, then unit code
  std::vector<std::string> leaders;  // the units ranked first
  bool tie = false;                  // several share the lead: the council decides
  bool complete = false;             // every unit has a score for every criterion
  double max_total = 0;              // Σ weight × most points
};

class Emulation {
 public:
  Emulation(const DataDirectory& data, const core::Clock& clock)
      : data_(data), clock_(clock), store_(data.database) {}

  // Every use is scoped by authority: a group belongs to the authority of the office that
  // defined it, is read by the users of that authority (and of an ended one whose records it
  // holds), and is changed only by its own authority's office and council. A group, set or unit
  // outside the actor's scope is NotFound, as if it did not exist.

  // The standing office. InvalidArgument (id: letters, digits, '.', '-', '_', up to 64; a name;
  // kind cluster or block; at least two distinct units), Invalid (a unit that does not exist,
  // or that is not under the office's authority), Conflict (id taken), PermissionDenied.
  core::Result<model::EmulationGroup> addGroup(const model::User& actor,
                                               model::EmulationGroup group) const;
  // The standing office. InvalidArgument (id, period and title; at least one criterion, codes
  // unique, most points in (0, 1000], weight in (0, 100]), NotFound (group), Conflict.
  core::Result<model::CriteriaSet> addSet(const model::User& actor, model::CriteriaSet set) const;
  // Council members and the standing office, while the set is open. InvalidArgument (points
  // outside 0..most, or not a number), NotFound (set, unit of the group, criterion),
  // IllegalTransition (closed), PermissionDenied.
  core::Result<void> score(const model::User& actor, const std::string& set_id,
                           const std::string& unit_code, const std::string& criterion,
                           double points, const std::string& note) const;
  // The standing office; records the final standings and the proposal. Conflict when closed.
  core::Result<Standings> close(const model::User& actor, const std::string& set_id) const;

  // Read by every signed-in user of the group's authority (the scores are public within it).
  core::Result<std::vector<model::EmulationGroup>> groups(const model::User& actor) const;
  core::Result<std::vector<model::CriteriaSet>> sets(const model::User& actor) const;
  core::Result<Standings> standings(const model::User& actor, const std::string& set_id) const;
  // The scores the actor gave in a set (their scoring sheet).
  core::Result<std::vector<model::Score>> scoresBy(const model::User& actor,
                                                   const std::string& set_id) const;

 private:
  // The group when the actor may read it (NotFound otherwise, and when there is none).
  core::Result<model::EmulationGroup> readable(const model::User& actor,
                                               const std::string& group_id) const;
  // The set and its group when the actor may read them.
  core::Result<std::pair<model::CriteriaSet, model::EmulationGroup>> readableSet(
      const model::User& actor, const std::string& set_id) const;
  // NotFound unless the group is the actor's own authority's (or the installation has one).
  static core::Result<void> requireOwn(const model::User& actor, const model::EmulationGroup& g);
  core::Result<Standings> standingsOf(model::CriteriaSet set, model::EmulationGroup group) const;
  const DataDirectory& data_;
  const core::Clock& clock_;
  store::EmulationStore store_;
};

// Ranks `rows` by total, highest first, equal totals (to 1e-9) sharing a rank (1, 1, 3), and
// orders them by rank then unit code.
void rankStandings(std::vector<StandingRow>& rows);

}  // namespace awardflow::service
