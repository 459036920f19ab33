// Council sessions (agenda, members, ballots, tallies), the decision queue and the overdue list.

#include <algorithm>
#include <set>

#include <Poco/Net/HTMLForm.h>
#include <Poco/URI.h>

#include "engine/http/detail/page_kit.hpp"
#include "engine/service/accounts.hpp"

namespace awardflow::http::detail {
namespace {

std::string userLabel(const std::map<std::string, std::string>& names, const std::string& login) {
  const auto it = names.find(login);
  return it == names.end() ? login : it->second + " (" + login + ")";
}

std::map<std::string, std::string> fullNames(const service::DataDirectory& data) {
  std::map<std::string, std::string> names;
  if (auto users = service::listUsers(data)) {
    for (const model::User& u : *users) names[u.login] = u.full_name;
  }
  return names;
}

Data tallyData(const model::Tally& t, std::optional<bool> passed, const std::string& lang) {
  Data d{Data::type::object};
  d.set("members", std::to_string(t.members));
  d.set("takingPart", std::to_string(t.taking_part));
  d.set("inWriting", std::to_string(t.in_writing));
  d.set("recused", std::to_string(t.recused));
  d.set("approve", std::to_string(t.approve));
  d.set("reject", std::to_string(t.reject));
  d.set("abstain", std::to_string(t.abstain));
  if (passed) {
    d.set("verdict", *passed ? text("votePassed", lang) : text("voteFailed", lang));
    d.set("passed", *passed);
  }
  return d;
}

}  // namespace

void addCouncilPages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  service::Workflow* workflow = c.workflow;
  const service::DataDirectory* data = c.data;

  // The sessions the caller may see; the office opens one here.
  const auto show_sessions = [=](Exchange& x, const service::Caller& who, const std::string& lang,
                                 const std::optional<core::Error>& problem) {
    auto sessions = workflow->councilSessions(who.user);
    if (!sessions) return kit->failure(x, sessions.error(), who, lang);
    Data d{Data::type::object};
    d.set("csrf", who.csrf);
    if (problem) d.set("error", inLang(*problem, lang));
    Data rows{Data::type::list};
    auto sorted = *sessions;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const model::CouncilSession& a, const model::CouncilSession& b) {
                       return b.meets_on < a.meets_on;
                     });
    for (const model::CouncilSession& s : sorted) {
      Data row{Data::type::object};
      row.set("id", s.id);
      row.set("title", s.title);
      row.set("meetsOn", s.meets_on.toString());
      row.set("state", s.open ? text("sessionOpen", lang) : text("sessionClosed", lang));
      row.set("members", std::to_string(s.members.size()));
      rows.push_back(row);
    }
    d.set("sessions", rows);
    d.set("hasSessions", !sorted.empty());
    if (who.user.role == model::Role::StandingOffice) {
      Data members{Data::type::list};
      if (auto users = service::listUsers(*data)) {
        for (const model::User& u : *users) {
          // The council of the office's own authority (Workflow::openSession takes no other).
          if (u.role != model::Role::CouncilMember || !u.active ||
              u.authority_code != who.user.authority_code)
            continue;
          Data m{Data::type::object};
          m.set("login", u.login);
          m.set("name", u.full_name);
          members.push_back(m);
        }
      }
      d.set("opens", true);
      d.set("councilMembers", members);
      d.set("today", workflow->today().toString());
    }
    kit->render(x, problem ? httpStatus(problem->code) : 200, "council", d, text("council", lang),
                who, lang);
  };
  pageRoute(router, "GET", "/council", "council sessions; the office prepares one here",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              show_sessions(x, *who, lang, std::nullopt);
            });
  pageRoute(router, "POST", "/council", "open a council session from the page", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    Poco::Net::HTMLForm form;
    if (!kit->postedForm(x, *who, lang, form)) return;
    const auto on = core::Date::parse(form.get("meetsOn", ""));
    if (!on) {
      return show_sessions(
          x, *who, lang,
          core::Error{core::Errc::InvalidArgument, "give the meeting date", {"hãy nhập ngày họp"}});
    }
    std::vector<std::string> members;
    for (const auto& [name, value] : form) {
      if (name == "member") members.push_back(value);
    }
    if (members.empty()) {
      return show_sessions(x, *who, lang,
                           core::Error{core::Errc::InvalidArgument,
                                       "choose the council members who sit in the session",
                                       {"hãy chọn thành viên Hội đồng dự phiên họp"}});
    }
    auto opened = workflow->openSession(who->user, form.get("title", ""), *on, members);
    if (!opened) return show_sessions(x, *who, lang, opened.error());
    redirect(x, "/council/" + Poco::URI(opened->id).toString());
  });

  // A session: its members, its agenda (the dossiers sent to it), each ballot and, once closed,
  // its tally. Nobody's choice in a secret ballot is shown, because nobody's is stored.
  const auto show_session = [=](Exchange& x, const service::Caller& who, const std::string& lang,
                                const std::optional<core::Error>& problem) {
    auto found = workflow->councilSession(who.user, x.param("id"));
    if (!found) return kit->failure(x, found.error(), who, lang);
    const auto& [session, ballots] = *found;
    const auto names = fullNames(*data);
    Data d{Data::type::object};
    d.set("csrf", who.csrf);
    if (problem) d.set("error", inLang(*problem, lang));
    d.set("id", session.id);
    d.set("title", session.title);
    d.set("meetsOn", session.meets_on.toString());
    d.set("state", session.open ? text("sessionOpen", lang) : text("sessionClosed", lang));
    d.set("openedBy", userLabel(names, session.opened_by));
    Data members{Data::type::list};
    for (const std::string& m : session.members) members.push_back(userLabel(names, m));
    d.set("members", members);
    Data agenda{Data::type::list};
    int order = 0;
    for (const model::Ballot& b : ballots) {
      Data row{Data::type::object};
      row.set("order", std::to_string(++order));
      row.set("dossier", b.dossier_id);
      if (auto status = workflow->status(who.user, b.dossier_id)) {
        row.set("title", status->instance.title);
        row.set("unit", status->instance.unit_code);
        row.set("stateLabel", lang == "en" ? status->state_label_en : status->state_label_vi);
        if (b.open && status->open_ballot_recorded) {
          row.set("recorded", std::to_string(*status->open_ballot_recorded) + "/" +
                                  std::to_string(session.members.size()));
        }
      }
      row.set("mode", b.mode == model::VoteMode::Secret ? text("secretBallot", lang)
                                                        : text("openBallot", lang));
      row.set("open", b.open);
      if (b.tally) row.set("tally", tallyData(*b.tally, b.passed, lang));
      if (!b.tally_document.empty()) row.set("tallyDocument", b.tally_document);
      agenda.push_back(row);
    }
    d.set("agenda", agenda);
    d.set("hasAgenda", !ballots.empty());
    const bool any_open =
        std::any_of(ballots.begin(), ballots.end(), [](const model::Ballot& b) { return b.open; });
    d.set("closes", who.user.role == model::Role::StandingOffice && session.open);
    d.set("ballotsOpen", any_open);
    kit->render(x, problem ? httpStatus(problem->code) : 200, "council_session", d, session.id, who,
                lang);
  };
  pageRoute(router, "GET", "/council/{id}", "a council session: agenda, members, ballots, tallies",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              show_session(x, *who, lang, std::nullopt);
            });
  pageRoute(router, "POST", "/council/{id}/close", "close a council session from its page",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              auto closed = workflow->closeSession(who->user, x.param("id"));
              if (!closed) return show_session(x, *who, lang, closed.error());
              redirect(x, "/council/" + Poco::URI(x.param("id")).toString());
            });

  // Dossiers where the caller's role acts now: for the chairperson, the decision queue.
  pageRoute(router, "GET", "/queue", "the caller's work queue (the chairperson's decision queue)",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              // A page of 50; "after" is the last tracking code of the page before.
              std::optional<std::string> after;
              if (!x.query("after").empty()) after = x.query("after");
              auto queue = workflow->queue(who->user, after, 50);
              if (!queue) return kit->failure(x, queue.error(), who, lang);
              Data rows{Data::type::list};
              for (const service::Workflow::QueueItem& status : queue->items) {
                const model::DossierInstance& dossier = status.instance;
                Data row{Data::type::object};
                row.set("id", dossier.id);
                row.set("title", dossier.title);
                row.set("unit", dossier.unit_code);
                row.set("stateLabel", lang == "en" ? status.state_label_en : status.state_label_vi);
                if (dossier.due_on) row.set("dueOn", dossier.due_on->toString());
                if (status.working_days_left)
                  row.set("daysLeft", std::to_string(*status.working_days_left));
                row.set("actions", allowedActions(status.choices, lang));
                if (status.decided) row.set("decided", true);
                rows.push_back(row);
              }
              Data d{Data::type::object};
              d.set("heading", who->user.role == model::Role::Chairperson
                                   ? text("decisionQueue", lang)
                                   : text("queue", lang));
              d.set("dossiers", rows);
              d.set("hasDossiers", !rows.list_value().empty());
              if (queue->next) d.set("nextPage", "/queue?after=" + urlEncode(*queue->next));
              kit->render(x, 200, "queue", d, text("queue", lang), who, lang);
            });

  // Dossiers past their legal time limit.
  pageRoute(router, "GET", "/overdue", "dossiers past their legal time limit", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    auto late = workflow->overdueFor(who->user, std::nullopt);
    if (!late) return kit->failure(x, late.error(), who, lang);
    Data rows{Data::type::list};
    for (const service::OverdueItem& item : *late) {
      Data row{Data::type::object};
      row.set("id", item.instance.id);
      row.set("title", item.instance.title);
      row.set("unit", item.instance.unit_code);
      row.set("state", item.instance.state);
      if (item.instance.due_on) row.set("dueOn", item.instance.due_on->toString());
      row.set("late", std::to_string(item.working_days_late));
      row.set("escalateTo", model::label(item.escalate_to).in(lang));
      rows.push_back(row);
    }
    Data d{Data::type::object};
    d.set("dossiers", rows);
    d.set("hasDossiers", !late->empty());
    d.set("today", workflow->today().toString());
    kit->render(x, 200, "overdue", d, text("overdue", lang), who, lang);
  });
}

}  // namespace awardflow::http::detail
