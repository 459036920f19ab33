#include "engine/workflow/engine.hpp"

#include <algorithm>
#include <set>

#include <doctest/doctest.h>

#include "engine/workflow/rulebook_loader.hpp"
#include "engine/workflow/rulebook_registry.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using model::Role;
using testing::replaceOnce;

namespace {

const workflow::RulebookRegistry& registry() {
  static const workflow::RulebookRegistry r = [] {
    auto loaded = workflow::RulebookRegistry::loadDirectory(testing::sourceDir() / "workflows",
                                                            testing::schema("rulebook.xsd"));
    REQUIRE(loaded);
    return std::move(loaded).value();
  }();
  return r;
}

workflow::Facts allGood() {
  workflow::Facts f;
  f.parts_complete = f.signatures_valid = f.comment_given = f.deficiencies_listed =
      f.opinions_received = true;
  f.vote_passed = true;
  f.publication_elapsed = true;
  return f;
}

// Actions that end a dossier early or send it back: left out of the forward path.
const std::set<std::string> kDetours = {"withdraw", "return", "reject", "decline",
                                        "close-vote-failed"};

const model::Rulebook& book(const char* id) {
  const model::Rulebook* b = registry().find(id);
  REQUIRE(b);
  return *b;
}

}  // namespace

TEST_CASE("every shipped procedure reaches the end of its lifecycle, each step by its role") {
  int walked = 0;
  for (const model::Rulebook& b : registry().rulebooks()) {
    for (const model::Procedure& p : b.procedures) {
      for (const model::Variant& v : p.variants) {
        INFO(b.id << " / " << p.id << " / " << model::name(v.kind));
        const model::Lifecycle* lifecycle = b.lifecycle(p.lifecycle);
        REQUIRE(lifecycle);
        std::string state = lifecycle->initial()->id;
        std::vector<std::string> path;
        for (int step = 0;
             step < 30 && lifecycle->state(state)->kind != model::LifecycleState::Kind::Terminal;
             ++step) {
          const model::LifecycleAction* next = nullptr;
          for (Role role :
               {Role::SubmittingUnit, Role::StandingOffice, Role::Chairperson, Role::Archivist}) {
            for (const workflow::Choice& c :
                 workflow::choices(b, p, v.kind, state, role, allGood())) {
              if (next == nullptr && c.allowed() && kDetours.count(c.action->id) == 0)
                next = c.action;
            }
          }
          // A forwarded proposal decided above in the installation goes on with its answer.
          if (next == nullptr && lifecycle->answers && state == lifecycle->answers->from) {
            path.push_back("answered-above");
            state = lifecycle->answers->decided;
            continue;
          }
          REQUIRE_MESSAGE(next != nullptr, "stuck in " << state);
          auto t = workflow::decide(b, p, v.kind, state, next->id, next->role, allGood());
          REQUIRE(t);
          path.push_back(next->id);
          state = t->to;
        }
        CHECK(lifecycle->state(state)->kind == model::LifecycleState::Kind::Terminal);
        // The path shows the procedure's own shape.
        const bool upward = b.isUpward(p);
        CHECK((std::find(path.begin(), path.end(), "forward") != path.end()) == upward);
        CHECK((std::find(path.begin(), path.end(), "send-to-council") != path.end()) ==
              (v.vote.mode != model::VoteMode::None));
        CHECK((std::find(path.begin(), path.end(), "end-publication") != path.end()) ==
              v.publication.has_value());
        ++walked;
      }
    }
  }
  CHECK(walked >= 26);
}

TEST_CASE(
    "actions out of turn, by the wrong role, or without their conditions are refused with "
    "reasons") {
  const model::Rulebook& b = book("huong-son-district-2024");
  const model::Procedure& aw = *b.procedure("advanced-worker");
  const auto standard = model::VariantKind::Standard;

  const auto early =
      workflow::decide(b, aw, standard, "received", "approve", Role::Chairperson, allGood());
  REQUIRE_FALSE(early);
  CHECK(early.error().code == core::Errc::IllegalTransition);
  CHECK(early.error().message.find("start-appraisal") != std::string::npos);
  CHECK(early.error().details.at(0).find("Đã tiếp nhận") != std::string::npos);

  const auto wrong_role =
      workflow::decide(b, aw, standard, "submitted", "receive", Role::SubmittingUnit, allGood());
  CHECK(wrong_role.error().code == core::Errc::PermissionDenied);
  CHECK(wrong_role.error().details.at(0).find("bộ phận thường trực") != std::string::npos);

  workflow::Facts no_list = allGood();
  no_list.deficiencies_listed = false;
  const auto bare_return =
      workflow::decide(b, aw, standard, "submitted", "return", Role::StandingOffice, no_list);
  CHECK(bare_return.error().code == core::Errc::IllegalTransition);
  CHECK(bare_return.error().message.find("complete list of what is missing") != std::string::npos);

  workflow::Facts failed = allGood();
  failed.vote_passed = false;
  CHECK_FALSE(workflow::decide(b, aw, standard, "council-review", "close-vote",
                               Role::StandingOffice, failed));
  CHECK(workflow::decide(b, aw, standard, "council-review", "close-vote-failed",
                         Role::StandingOffice, failed));
  workflow::Facts no_tally = allGood();
  no_tally.vote_passed.reset();
  CHECK_FALSE(workflow::decide(b, aw, standard, "council-review", "close-vote",
                               Role::StandingOffice, no_tally));

  workflow::Facts no_reason = allGood();
  no_reason.comment_given = false;
  CHECK_FALSE(workflow::decide(b, aw, standard, "decision-pending", "reject", Role::Chairperson,
                               no_reason));
  CHECK(workflow::decide(b, aw, standard, "decision-pending", "approve", Role::Chairperson,
                         no_reason));

  CHECK(workflow::decide(b, aw, standard, "revoked", "seal", Role::Archivist, allGood())
            .error()
            .code == core::Errc::IllegalTransition);
  CHECK(
      workflow::decide(b, aw, standard, "draft", "teleport", Role::Admin, allGood()).error().code ==
      core::Errc::IllegalTransition);
}

TEST_CASE("the simplified certificate of merit goes to the chairperson without a council vote") {
  const model::Rulebook& b = book("huong-son-district-2024");
  const model::Procedure& cm = *b.procedure("certificate-of-merit");
  CHECK_FALSE(workflow::decide(b, cm, model::VariantKind::Simplified, "appraisal",
                               "send-to-council", Role::StandingOffice, allGood()));
  const auto t = workflow::decide(b, cm, model::VariantKind::Simplified, "appraisal",
                                  "submit-for-decision", Role::StandingOffice, allGood());
  REQUIRE(t);
  CHECK(t->to == "decision-pending");
  CHECK(workflow::decide(b, cm, model::VariantKind::Standard, "appraisal", "send-to-council",
                         Role::StandingOffice, allGood())
            ->effects == std::vector<model::Effect>{model::Effect::OpenBallot});
}

TEST_CASE("vote rules count over all council members, exactly at the boundary") {
  model::VoteRule ninety{model::VoteMode::Secret, std::nullopt, 0.9, false};
  CHECK_FALSE(workflow::voteRuleMet(ninety, 100, 89, 100));
  CHECK(workflow::voteRuleMet(ninety, 100, 90, 95));
  CHECK_FALSE(workflow::voteRuleMet(ninety, 11, 9, 11));  // 81.8 %
  CHECK(workflow::voteRuleMet(ninety, 10, 9, 9));         // absentees do not lower the bar: 9 of 10
  model::VoteRule majority{model::VoteMode::Open, 0.6667, 0.5, true};
  CHECK_FALSE(workflow::voteRuleMet(majority, 10, 5, 10));  // exactly half is not more than half
  CHECK(workflow::voteRuleMet(majority, 10, 6, 7));
  CHECK_FALSE(workflow::voteRuleMet(majority, 100, 60, 66));  // 66 % present, quorum two thirds
  CHECK(workflow::voteRuleMet(majority, 100, 60, 67));
  CHECK_FALSE(workflow::voteRuleMet(majority, 10, 8, 7));    // more in favour than took part
  CHECK(workflow::voteRuleMet(model::VoteRule{}, 0, 0, 0));  // no vote
}

TEST_CASE("lifecycles that cannot work are refused when the rulebook loads") {
  const std::string text = testing::readSource("workflows/huong-son-district-2024.xml");
  const auto load = [](const std::string& t) {
    return workflow::loadRulebook(t, "lc.xml", testing::schema("rulebook.xsd"));
  };
  SUBCASE("an action out of a terminal state") {
    auto r = load(replaceOnce(text, "<action id=\"seal\" from=\"issued not-approved\"",
                              "<action id=\"seal\" from=\"issued withdrawn\""));
    REQUIRE_FALSE(r);
    CHECK(r.error().details[0].find("leaves terminal state 'withdrawn'") != std::string::npos);
  }
  SUBCASE("a state nothing reaches") {
    auto r =
        load(replaceOnce(text, "<state id=\"withdrawn\" kind=\"terminal\">",
                         "<state id=\"limbo\" kind=\"terminal\"><label>x</label></state><state "
                         "id=\"withdrawn\" kind=\"terminal\">"));
    REQUIRE_FALSE(r);
    CHECK(r.error().details[0].find("'limbo' cannot be reached") != std::string::npos);
  }
  SUBCASE("an action to an unknown state") {
    auto r2 =
        load(replaceOnce(text, "<action id=\"approve\" from=\"decision-pending\" to=\"approved\"",
                         "<action id=\"approve\" from=\"decision-pending\" to=\"nowhere\""));
    REQUIRE_FALSE(r2);
    CHECK(r2.error().details[0].find("unknown state 'nowhere'") != std::string::npos);
  }
  SUBCASE("two initial states") {
    auto r = load(
        replaceOnce(text, "<state id=\"submitted\">", "<state id=\"submitted\" kind=\"initial\">"));
    REQUIRE_FALSE(r);
    CHECK(r.error().details[0].find("exactly one initial state") != std::string::npos);
  }
  SUBCASE("a procedure naming a lifecycle that does not exist") {
    auto r = load(
        replaceOnce(text, "<lifecycle ref=\"local-decision\"/>", "<lifecycle ref=\"mystery\"/>"));
    REQUIRE_FALSE(r);
    CHECK(r.error().details[0].find("schema.identity") != std::string::npos);
  }
}
