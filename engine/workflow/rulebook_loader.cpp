#include "engine/workflow/rulebook_loader.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "engine/core/text.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::workflow {
namespace {

using model::Rulebook;
using xml::Element;

// Collects "source:line: path: message" lines for one file.
class Problems {
 public:
  explicit Problems(const std::string& source) : source_(source) {}
  void add(const core::Location& where, const std::string& message) {
    lines_.push_back(source_ + ":" + std::to_string(where.line) + ": " +
                     (where.path.empty() ? "" : where.path + ": ") + message);
  }
  void add(const core::Report& report) {
    for (const core::Problem& p : report.problems()) {
      if (p.severity == core::Severity::Error) add(p.location, p.code + ": " + p.message.en);
    }
  }
  bool empty() const { return lines_.empty(); }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  const std::string& source_;
  std::vector<std::string> lines_;
};

// The schema has checked every value's lexical form; these conversions only map it.
int toInt(const std::optional<std::string>& text) {
  int value = 0;
  if (text) std::from_chars(text->data(), text->data() + text->size(), value);
  return value;
}

// from_chars, not stod: the result must not depend on the process locale.
double toShare(const std::optional<std::string>& text) {
  double value = 0.0;
  if (text) std::from_chars(text->data(), text->data() + text->size(), value);
  return value;
}

model::LocalizedText localized(const Element& element) {
  return {core::toNfc(core::collapseSpace(element.text())),
          core::toNfc(element.attribute("en").value_or(""))};
}

std::vector<Element> childrenNamed(const Element& parent, std::string_view name) {
  std::vector<Element> out;
  for (const Element& c : parent.children()) {
    if (c.localName() == name) out.push_back(c);
  }
  return out;
}

model::Criteria readCriteria(const Element& e) {
  model::Criteria c;
  if (auto v = e.childText("minRating")) c.min_rating = model::parseRating(*v);
  if (auto v = e.childText("maxDiscipline")) c.max_discipline = model::parseDiscipline(*v);
  c.no_administrative_sanction = e.child("noAdministrativeSanction").has_value();
  c.initiative_required = e.child("initiativeRequired").has_value();
  if (auto q = e.child("quota")) c.quota_share = toShare(q->attribute("share"));
  auto bound = [](const Element& b) {
    return model::ShareBound{toShare(b.attribute("value")),
                             b.attribute("strict").value_or("false") == "true"};
  };
  if (auto b = e.child("minAdvancedWorkerShare")) c.min_advanced_worker_share = bound(*b);
  if (auto b = e.child("minDutiesCompletedShare")) c.min_duties_completed_share = bound(*b);
  if (auto v = e.childText("minEmulationFighters")) c.min_emulation_fighters = toInt(v);
  if (auto v = e.childText("maxMembersDisciplinedWarningOrAbove")) {
    c.max_members_disciplined_warning_or_above = toInt(v);
  }
  return c;
}

model::Variant readVariant(const Element& e, Problems& problems) {
  model::Variant v;
  v.kind = model::parseVariantKind(e.attribute("name").value_or(""))
               .value_or(model::VariantKind::Standard);
  if (auto parts = e.child("parts")) {
    for (const Element& p : childrenNamed(*parts, "part")) {
      model::PartRule rule;
      rule.kind =
          model::parsePartKind(p.attribute("kind").value_or("")).value_or(model::PartKind::Other);
      rule.per_nominee = p.attribute("perNominee").value_or("false") == "true";
      rule.copies = p.attribute("copies") ? toInt(p.attribute("copies")) : 1;
      rule.label = localized(p);
      v.parts.push_back(std::move(rule));
    }
  }
  if (auto t = e.child("timeLimit")) v.time_limit_working_days = toInt(t->attribute("workingDays"));
  if (auto vote = e.child("vote")) {
    v.vote.mode =
        model::parseVoteMode(vote->attribute("mode").value_or("")).value_or(model::VoteMode::None);
    if (auto q = vote->attribute("quorum")) v.vote.quorum = toShare(q);
    if (auto t = vote->attribute("threshold")) v.vote.threshold = toShare(t);
    v.vote.strict = vote->attribute("strict").value_or("false") == "true";
    if (v.vote.mode != model::VoteMode::None && !v.vote.threshold) {
      problems.add(vote->location(), "a council vote needs a threshold");
    }
    if (v.vote.mode == model::VoteMode::None && (v.vote.threshold || v.vote.quorum)) {
      problems.add(vote->location(), "a variant without a vote cannot have a quorum or threshold");
    }
  }
  if (auto pub = e.child("publication")) {
    v.publication = model::Publication{toInt(pub->attribute("days")),
                                       pub->attribute("dayKind").value_or("working") == "working"};
  }
  return v;
}

std::vector<std::string> idList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    out.push_back(text.substr(start, end - start));
    at = end;
  }
  return out;
}

// A lifecycle and the checks XSD cannot make: states unique, one initial state, every action
// between known states and never out of a terminal one, ids unique, every state reachable from
// the initial one, every non-terminal state with a way out, the deadline on known states.
model::Lifecycle readLifecycle(const Element& e, Problems& problems) {
  model::Lifecycle l;
  l.id = e.attribute("id").value_or("");
  if (auto t = e.child("title")) l.title = localized(*t);
  const std::string where = "lifecycle '" + l.id + "': ";
  for (const Element& s : childrenNamed(e, "state")) {
    model::LifecycleState state;
    state.id = s.attribute("id").value_or("");
    if (auto lab = s.child("label")) state.label = localized(*lab);
    const std::string kind = s.attribute("kind").value_or("normal");
    state.kind = kind == "initial"    ? model::LifecycleState::Kind::Initial
                 : kind == "terminal" ? model::LifecycleState::Kind::Terminal
                                      : model::LifecycleState::Kind::Normal;
    if (l.state(state.id) != nullptr)
      problems.add(s.location(), where + "state '" + state.id + "' declared twice");
    l.states.push_back(std::move(state));
  }
  const auto initials = std::count_if(l.states.begin(), l.states.end(), [](const auto& s) {
    return s.kind == model::LifecycleState::Kind::Initial;
  });
  if (initials != 1) problems.add(e.location(), where + "needs exactly one initial state");
  for (const Element& a : childrenNamed(e, "action")) {
    model::LifecycleAction action;
    action.id = a.attribute("id").value_or("");
    if (auto lab = a.child("label")) action.label = localized(*lab);
    action.from = idList(a.attribute("from").value_or(""));
    action.to = a.attribute("to").value_or("");
    action.role = model::parseRole(a.attribute("role").value_or("")).value_or(model::Role::Admin);
    for (const Element& g : childrenNamed(a, "guard")) {
      if (auto guard = model::parseGuard(g.text())) action.guards.push_back(*guard);
    }
    for (const Element& f : childrenNamed(a, "effect")) {
      if (auto effect = model::parseEffect(f.text())) action.effects.push_back(*effect);
    }
    if (l.action(action.id) != nullptr)
      problems.add(a.location(), where + "action '" + action.id + "' declared twice");
    for (const std::string& from : action.from) {
      const model::LifecycleState* s = l.state(from);
      if (s == nullptr)
        problems.add(a.location(), std::string(where)
                                       .append("action '")
                                       .append(action.id)
                                       .append("' leaves unknown state '")
                                       .append(from)
                                       .append("'"));
      else if (s->kind == model::LifecycleState::Kind::Terminal) {
        problems.add(a.location(), std::string(where)
                                       .append("action '")
                                       .append(action.id)
                                       .append("' leaves terminal state '")
                                       .append(from)
                                       .append("'"));
      }
    }
    if (l.state(action.to) == nullptr) {
      problems.add(a.location(),
                   where + "action '" + action.id + "' goes to unknown state '" + action.to + "'");
    }
    l.actions.push_back(std::move(action));
  }
  if (auto an = e.child("answers")) {
    model::UpwardAnswers answers{
        an->attribute("from").value_or(""), an->attribute("returned").value_or(""),
        an->attribute("decided").value_or(""), an->attribute("notApproved").value_or("")};
    for (const std::string* state :
         {&answers.from, &answers.returned, &answers.decided, &answers.not_approved}) {
      if (l.state(*state) == nullptr) {
        problems.add(an->location(), where + "answers name unknown state '" + *state + "'");
      }
    }
    const bool forwards = std::any_of(l.actions.begin(), l.actions.end(), [&](const auto& a) {
      return a.to == answers.from && std::find(a.effects.begin(), a.effects.end(),
                                               model::Effect::ForwardUpward) != a.effects.end();
    });
    if (!forwards) {
      problems.add(an->location(), where + "answers come from state '" + answers.from +
                                       "', which no forward-upward action enters");
    }
    l.answers = std::move(answers);
  }
  // Reachability from the initial state; the answers from above are ways too.
  if (const model::LifecycleState* start = l.initial()) {
    std::vector<std::string> reached{start->id};
    const auto reach = [&](const std::string& to) {
      if (std::find(reached.begin(), reached.end(), to) == reached.end()) reached.push_back(to);
    };
    for (std::size_t i = 0; i < reached.size(); ++i) {
      for (const model::LifecycleAction& a : l.actions) {
        if (a.leaves(reached[i])) reach(a.to);
      }
      if (l.answers && reached[i] == l.answers->from) {
        reach(l.answers->returned);
        reach(l.answers->decided);
        reach(l.answers->not_approved);
      }
    }
    for (const model::LifecycleState& s : l.states) {
      if (std::find(reached.begin(), reached.end(), s.id) == reached.end()) {
        problems.add(e.location(), where + "state '" + s.id + "' cannot be reached");
      }
      const bool way_out = (l.answers && s.id == l.answers->from) ||
                           std::any_of(l.actions.begin(), l.actions.end(),
                                       [&](const auto& a) { return a.leaves(s.id); });
      if (s.kind != model::LifecycleState::Kind::Terminal && !way_out) {
        problems.add(e.location(),
                     where + "state '" + s.id + "' is not terminal but no action leaves it");
      }
    }
  }
  if (auto d = e.child("deadline")) {
    model::Deadline deadline;
    deadline.start = d->attribute("start").value_or("");
    deadline.stop = idList(d->attribute("stop").value_or(""));
    deadline.escalate_to = model::parseRole(d->attribute("escalateTo").value_or(""))
                               .value_or(model::Role::Chairperson);
    if (l.state(deadline.start) == nullptr)
      problems.add(d->location(), where + "deadline starts in an unknown state");
    for (const std::string& stop : deadline.stop) {
      if (l.state(stop) == nullptr)
        problems.add(d->location(), std::string(where)
                                        .append("deadline stops in unknown state '")
                                        .append(stop)
                                        .append("'"));
    }
    l.deadline = std::move(deadline);
  }
  return l;
}

model::Procedure readProcedure(const Element& e, const Rulebook& book, Problems& problems) {
  model::Procedure p;
  p.id = e.attribute("id").value_or("");
  if (auto t = e.child("title")) p.title = localized(*t);
  // The schema names the award forms; a value it lets through that the engine does not know
  // (a schema edited without the model) is refused, never filed under another form.
  const std::string award_form = e.childText("awardForm").value_or("");
  if (auto form = model::parseAwardForm(award_form)) {
    p.award_form = *form;
  } else {
    problems.add(e.location(),
                 "procedure '" + p.id + "' has an unknown award form '" + award_form + "'");
  }
  for (const Element& s : childrenNamed(e, "subject")) {
    if (auto kind = model::parseSubjectKind(s.text())) p.subjects.push_back(*kind);
  }
  if (auto d = e.child("decidedBy")) {
    p.decided_by =
        model::parseLevel(d->attribute("level").value_or("")).value_or(book.authority.level);
    p.decided_by_name = localized(*d);
    const auto own = model::territorialRank(book.authority.level);
    const auto decider = model::territorialRank(p.decided_by);
    if (own && decider && *decider < *own) {
      problems.add(d->location(),
                   "procedure '" + p.id + "' is decided below the rulebook's authority");
    }
  }
  if (auto n = e.child("nominators")) {
    for (const Element& l : childrenNamed(*n, "level")) {
      if (auto level = model::parseLevel(l.text())) p.nominators.push_back(*level);
    }
  }
  if (auto c = e.child("criteria")) p.criteria = readCriteria(*c);
  for (const Element& v : childrenNamed(e, "variant")) {
    model::Variant variant = readVariant(v, problems);
    if (p.variant(variant.kind) != nullptr) {
      problems.add(v.location(), "procedure '" + p.id + "' declares the " +
                                     std::string(model::name(variant.kind)) + " variant twice");
    }
    p.variants.push_back(std::move(variant));
  }
  if (p.variant(model::VariantKind::Standard) == nullptr) {
    problems.add(e.location(), "procedure '" + p.id + "' has no standard variant");
  }
  if (auto lifecycle = e.child("lifecycle")) p.lifecycle = lifecycle->attribute("ref").value_or("");
  p.retention = model::parseRetention(e.childText("retention").value_or(""))
                    .value_or(model::Retention::Years10);
  if (auto refs = e.child("legalRefs")) {
    for (const Element& r : childrenNamed(*refs, "ref")) {
      p.legal_refs.push_back(
          {r.attribute("source").value_or(""), core::toNfc(r.attribute("article").value_or(""))});
    }
  }
  return p;
}

}  // namespace

core::Result<model::Rulebook> loadRulebook(std::string_view bytes, const std::string& source,
                                           const xml::Schema& rulebook_schema) {
  Problems problems(source);
  xml::Parsed parsed = xml::parse(bytes);
  if (!parsed.document) {
    problems.add(parsed.report);
    return core::fail(core::Errc::Config, "rulebook cannot be read: " + source, problems.take());
  }
  core::Report schema_report;
  if (!rulebook_schema.validate(*parsed.document, schema_report)) {
    problems.add(schema_report);
    return core::fail(core::Errc::Config, "rulebook breaks schemas/rulebook.xsd: " + source,
                      problems.take());
  }

  const Element root = parsed.document->root();
  Rulebook book;
  book.id = root.attribute("id").value_or("");
  book.version = toInt(root.attribute("version"));
  book.content_sha256 = crypto::sha256Hex(bytes);
  book.source_path = source;
  if (auto t = root.child("title")) book.title = localized(*t);
  if (auto a = root.child("authority")) {
    book.authority.level =
        model::parseLevel(a->attribute("level").value_or("")).value_or(model::Level::District);
    book.authority.code = a->attribute("code").value_or("");
    if (auto n = a->child("name")) book.authority.name = localized(*n);
    if (auto m = a->childText("councilMembers")) book.authority.council_members = toInt(m);
  }
  if (auto v = root.child("validity")) {
    book.valid_from = core::Date::parse(v->attribute("from").value_or("")).value_or(core::Date{});
    if (auto to = v->attribute("to")) book.valid_to = core::Date::parse(*to);
    if (book.valid_to && *book.valid_to < book.valid_from) {
      problems.add(v->location(), "validity ends before it starts");
    }
  }
  if (auto basis = root.child("legalBasis")) {
    for (const Element& s : childrenNamed(*basis, "source")) {
      book.sources.push_back(
          {s.attribute("id").value_or(""), s.attribute("kind").value_or(""),
           s.attribute("number").value_or(""),
           core::Date::parse(s.attribute("date").value_or("")).value_or(core::Date{}),
           core::toNfc(core::collapseSpace(s.text()))});
    }
  }
  for (const Element& l : childrenNamed(root, "lifecycle")) {
    book.lifecycles.push_back(readLifecycle(l, problems));
  }
  for (const Element& p : childrenNamed(root, "procedure")) {
    book.procedures.push_back(readProcedure(p, book, problems));
  }
  if (!problems.empty()) {
    return core::fail(core::Errc::Config, "rulebook is inconsistent: " + source, problems.take());
  }
  return book;
}

}  // namespace awardflow::workflow
