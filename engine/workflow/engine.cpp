#include "engine/workflow/engine.hpp"

#include <cmath>

namespace awardflow::workflow {
namespace {

std::string q(std::string_view text) { return "«" + std::string(text) + "»"; }

bool holds(model::Guard guard, const model::Rulebook& rulebook, const model::Procedure& procedure,
           const model::Variant* variant, const Facts& facts) {
  const bool vote = variant != nullptr && variant->vote.mode != model::VoteMode::None;
  const bool publication = variant != nullptr && variant->publication.has_value();
  switch (guard) {
    case model::Guard::PartsComplete:
      return facts.parts_complete;
    case model::Guard::SignaturesValid:
      return facts.signatures_valid;
    case model::Guard::CommentGiven:
      return facts.comment_given;
    case model::Guard::DeficienciesListed:
      return facts.deficiencies_listed;
    case model::Guard::OpinionsReceived:
      return facts.opinions_received;
    case model::Guard::VoteRequired:
      return vote;
    case model::Guard::NoVote:
      return !vote;
    case model::Guard::VotePassed:
      return facts.vote_passed == true;
    case model::Guard::VoteFailed:
      return facts.vote_passed == false;
    case model::Guard::PublicationRequired:
      return publication;
    case model::Guard::NoPublication:
      return !publication;
    case model::Guard::PublicationElapsed:
      return facts.publication_elapsed;
    case model::Guard::Upward:
      return rulebook.isUpward(procedure);
    case model::Guard::Local:
      return !rulebook.isUpward(procedure);
  }
  return false;
}

std::vector<model::Guard> unmetGuards(const model::LifecycleAction& action,
                                      const model::Rulebook& rulebook,
                                      const model::Procedure& procedure,
                                      const model::Variant* variant, const Facts& facts) {
  std::vector<model::Guard> out;
  for (model::Guard g : action.guards) {
    if (!holds(g, rulebook, procedure, variant, facts)) out.push_back(g);
  }
  return out;
}

core::Unexpected refuse(core::Errc code, const std::string& en, const std::string& vi) {
  return core::fail(code, en, {vi});
}

std::string stateName(const model::Lifecycle& l, std::string_view id, bool vi) {
  const model::LifecycleState* s = l.state(id);
  if (s == nullptr) return q(id);
  return q(vi || s->label.en.empty() ? s->label.vi : s->label.en);
}

}  // namespace

core::Result<Transition> decide(const model::Rulebook& rulebook, const model::Procedure& procedure,
                                model::VariantKind variant_kind, std::string_view state,
                                std::string_view action_id, model::Role role, const Facts& facts) {
  const model::Lifecycle* lifecycle = rulebook.lifecycle(procedure.lifecycle);
  if (lifecycle == nullptr) {
    return core::fail(core::Errc::Internal, "procedure " + procedure.id + " has no lifecycle");
  }
  const model::Variant* variant = procedure.variant(variant_kind);
  const model::LifecycleAction* action = lifecycle->action(action_id);
  if (action == nullptr) {
    return refuse(core::Errc::IllegalTransition,
                  "there is no action " + q(action_id) + " in this procedure",
                  "thủ tục không có thao tác " + q(action_id));
  }
  if (!action->leaves(state)) {
    std::string possible;
    for (const model::LifecycleAction& a : lifecycle->actions) {
      if (a.leaves(state)) possible += (possible.empty() ? "" : ", ") + a.id;
    }
    if (possible.empty()) possible = "-";
    return refuse(core::Errc::IllegalTransition,
                  "action " + q(action->id) + " is not possible while the dossier is " +
                      stateName(*lifecycle, state, false) + "; possible now: " + possible,
                  "không thể " + q(action->label.vi) + " khi hồ sơ đang ở trạng thái " +
                      stateName(*lifecycle, state, true) + "; có thể: " + possible);
  }
  if (action->role != role) {
    const core::Message who = model::label(action->role);
    return refuse(core::Errc::PermissionDenied,
                  "only the " + who.en + " may " +
                      q(action->label.en.empty() ? action->id : action->label.en),
                  "chỉ " + who.vi + " được " + q(action->label.vi));
  }
  const std::vector<model::Guard> unmet = unmetGuards(*action, rulebook, procedure, variant, facts);
  if (!unmet.empty()) {
    std::string en;
    std::string vi;
    for (model::Guard g : unmet) {
      const core::Message m = model::label(g);
      en += (en.empty() ? "" : "; ") + m.en;
      vi += (vi.empty() ? "" : "; ") + m.vi;
    }
    return refuse(core::Errc::IllegalTransition,
                  q(action->label.en.empty() ? action->id : action->label.en) + " needs: " + en,
                  q(action->label.vi) + " cần: " + vi);
  }
  return Transition{action, std::string(state), action->to, action->effects};
}

std::vector<Choice> choices(const model::Rulebook& rulebook, const model::Procedure& procedure,
                            model::VariantKind variant_kind, std::string_view state,
                            model::Role role, const Facts& facts) {
  std::vector<Choice> out;
  const model::Lifecycle* lifecycle = rulebook.lifecycle(procedure.lifecycle);
  if (lifecycle == nullptr) return out;
  const model::Variant* variant = procedure.variant(variant_kind);
  for (const model::LifecycleAction& a : lifecycle->actions) {
    if (a.role != role || !a.leaves(state)) continue;
    out.push_back(Choice{&a, unmetGuards(a, rulebook, procedure, variant, facts)});
  }
  return out;
}

bool voteRuleMet(const model::VoteRule& rule, int council_members, int in_favour, int taking_part) {
  if (rule.mode == model::VoteMode::None) return true;
  if (council_members <= 0 || in_favour < 0 || taking_part < in_favour ||
      taking_part > council_members) {
    return false;
  }
  // Integer comparisons scaled by 10 000 (shares have at most four decimals): no rounding.
  const auto scaled = [](double share) { return std::llround(share * 10000.0); };
  const long long members = council_members;
  if (rule.quorum && static_cast<long long>(taking_part) * 10000 < scaled(*rule.quorum) * members)
    return false;
  if (!rule.threshold) return true;
  const long long favour = static_cast<long long>(in_favour) * 10000;
  const long long needed = scaled(*rule.threshold) * members;
  return rule.strict ? favour > needed : favour >= needed;
}

}  // namespace awardflow::workflow
