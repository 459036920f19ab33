#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::workflow {

// What the service knows about a dossier when someone acts on it. The engine decides from these
// facts and the rulebook alone: no I/O, no clock.
struct Facts {
  bool parts_complete = false;       // validation passed with every required part
  bool signatures_valid = false;     // every signature verifies and is trusted
  bool comment_given = false;        // the actor wrote a reason
  bool deficiencies_listed = false;  // the one complete list of what is missing is attached
  bool opinions_received = false;    // every opinion asked of another agency is in
  std::optional<bool> vote_passed;   // the closed ballot against the vote rule; none yet = nullopt
  bool publication_elapsed = false;  // the posting window is over
};

// An allowed step: the action, the state it leads to and the effects the service must record.
struct Transition {
  const model::LifecycleAction* action = nullptr;
  std::string from;
  std::string to;
  std::vector<model::Effect> effects;
};

// Decides whether `role` may take `action_id` on a dossier of `procedure` (in its `variant`)
// now in `state`. Fails with Errc::IllegalTransition when the action does not exist, does not
// leave this state, or a guard does not hold (every unmet guard is named), and
// Errc::PermissionDenied when the action belongs to another role. The Error's message is English;
// details[0] is the same in Vietnamese. REQUIRES: `procedure` belongs to `rulebook`.
core::Result<Transition> decide(const model::Rulebook& rulebook, const model::Procedure& procedure,
                                model::VariantKind variant, std::string_view state,
                                std::string_view action_id, model::Role role, const Facts& facts);

// One thing `role` could do in `state`, and the guards that do not hold now.
struct Choice {
  const model::LifecycleAction* action = nullptr;
  std::vector<model::Guard> unmet;
  bool allowed() const { return unmet.empty(); }
};

// Every action of the procedure's lifecycle that leaves `state` and belongs to `role`, in the
// rulebook's order.
std::vector<Choice> choices(const model::Rulebook& rulebook, const model::Procedure& procedure,
                            model::VariantKind variant, std::string_view state, model::Role role,
                            const Facts& facts);

// The vote rule, counted over ALL council members (not those present): quorum on those taking
// part, threshold on those in favour; `strict` means more than the threshold.
bool voteRuleMet(const model::VoteRule& rule, int council_members, int in_favour, int taking_part);

}  // namespace awardflow::workflow
