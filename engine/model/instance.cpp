#include "engine/model/instance.hpp"

namespace awardflow::model {

std::string_view name(BallotChoice value) {
  switch (value) {
    case BallotChoice::Approve:
      return "approve";
    case BallotChoice::Reject:
      return "reject";
    case BallotChoice::Abstain:
      return "abstain";
  }
  return "abstain";
}

std::optional<BallotChoice> parseBallotChoice(std::string_view text) {
  for (BallotChoice c : {BallotChoice::Approve, BallotChoice::Reject, BallotChoice::Abstain}) {
    if (name(c) == text) return c;
  }
  return std::nullopt;
}

std::string_view name(Participation value) {
  switch (value) {
    case Participation::InPerson:
      return "in-person";
    case Participation::InWriting:
      return "in-writing";
    case Participation::Recused:
      return "recused";
  }
  return "in-person";
}

}  // namespace awardflow::model
