// The public pages, without signing in: nominee lists posted for comment (with a way to comment)
// and the decisions issued.

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include "engine/http/detail/page_kit.hpp"

namespace awardflow::http::detail {
namespace {

Data noticeData(const service::PublicNotice& n, const std::string& lang) {
  Data d{Data::type::object};
  d.set("id", n.dossier_id);
  d.set("title", n.title);
  d.set("unitName", n.unit_name);
  d.set("procedure", lang == "en" ? n.procedure_title_en : n.procedure_title_vi);
  d.set("from", n.from.toString());
  d.set("until", n.until.toString());
  d.set("count", std::to_string(n.nominees.size()));
  Data rows{Data::type::list};
  int order = 0;
  for (const service::PublicNominee& p : n.nominees) {
    Data row{Data::type::object};
    row.set("order", std::to_string(++order));
    row.set("name", p.name);
    row.set("position", p.position);
    row.set("worksAt", p.works_at);
    row.set("achievement", p.achievement);
    rows.push_back(row);
  }
  d.set("nominees", rows);
  return d;
}

}  // namespace

void addPublicPages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  service::Workflow* workflow = c.workflow;

  pageRoute(router, "GET", "/public", "public: nominee lists posted for comment, decisions issued",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              const auto who = kit->caller(x);
              auto notices = workflow->publicNotices();
              if (!notices) return kit->failure(x, notices.error(), who, lang);
              auto decisions = workflow->publishedDecisions(50);
              if (!decisions) return kit->failure(x, decisions.error(), who, lang);
              Data d{Data::type::object};
              Data posted{Data::type::list};
              for (const service::PublicNotice& n : *notices) posted.push_back(noticeData(n, lang));
              d.set("notices", posted);
              d.set("hasNotices", !notices->empty());
              Data issued{Data::type::list};
              for (const auto& [instance, doc] : *decisions) {
                Data row{Data::type::object};
                row.set("notation", doc.notation);
                row.set("issuedAt", doc.issued_at.substr(0, 10));
                row.set("title", instance.title);
                row.set("unit", instance.unit_code);
                issued.push_back(row);
              }
              d.set("decisions", issued);
              d.set("hasDecisions", !decisions->empty());
              kit->render(x, 200, "public", d, text("publicTitle", lang), who, lang);
            });

  // One posted list with the comment form; `sent` after a comment was taken.
  const auto show_notice = [=](Exchange& x, const std::string& lang, bool sent,
                               const std::optional<core::Error>& problem,
                               const std::map<std::string, std::string>& values) {
    const auto who = kit->caller(x);
    auto notice = workflow->publicNotice(x.param("id"));
    if (!notice) return kit->failure(x, notice.error(), who, lang);
    Data d = noticeData(*notice, lang);
    if (sent) d.set("sent", true);
    if (problem) d.set("error", inLang(*problem, lang));
    for (const auto& [key, value] : values) d.set(key, value);
    kit->render(x, problem ? httpStatus(problem->code) : 200, "public_notice", d, notice->title,
                who, lang);
  };
  pageRoute(
      router, "GET", "/public/{id}", "public: one nominee list posted for comment",
      [=](Exchange& x) { show_notice(x, pageLang(x), x.query("sent") == "1", std::nullopt, {}); });
  pageRoute(router, "POST", "/public/{id}/comments", "public: comment on a posted nominee list",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              Poco::Net::HTMLForm form;
              try {
                form.setFieldLimit(20);
                form.load(x.request, x.request.stream());
              } catch (const Poco::Exception&) {
                return kit->failure(x, unreadableForm(), kit->caller(x), lang);
              }
              auto taken = workflow->comment(x.param("id"), form.get("author", ""),
                                             form.get("contact", ""), form.get("text", ""),
                                             x.request.clientAddress().host().toString());
              if (!taken) {
                return show_notice(x, lang, false, taken.error(),
                                   {{"author", form.get("author", "")},
                                    {"contact", form.get("contact", "")},
                                    {"text", form.get("text", "")}});
              }
              redirect(x, "/public/" + Poco::URI(x.param("id")).toString() + "?sent=1");
            });
}

}  // namespace awardflow::http::detail
