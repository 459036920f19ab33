// The archivist's fixity report (and a fixity audit run from the page) and the records falling
// due for transfer or disposition.

#include <Poco/Net/HTMLForm.h>

#include "engine/http/detail/page_kit.hpp"
#include "engine/service/archive.hpp"

namespace awardflow::http::detail {
namespace {

std::string outcomeLabel(const std::string& outcome, const std::string& lang) {
  if (outcome == "intact") return text("intact", lang);
  if (outcome == "damaged") return text("damaged", lang);
  if (outcome == "missing") return text("missingPackage", lang);
  return outcome;
}

Data checkRows(const std::vector<store::FixityCheck>& checks, const std::string& lang) {
  Data rows{Data::type::list};
  for (const store::FixityCheck& f : checks) {
    Data row{Data::type::object};
    row.set("fileCode", f.file_code);
    row.set("at", f.at);
    row.set("outcome", outcomeLabel(f.outcome, lang));
    row.set("bad", f.outcome != "intact");
    row.set("details", f.details);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void addArchivePages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  const service::DataDirectory* data = c.data;
  service::Sessions* sessions = c.sessions;

  pageRoute(router, "GET", "/archive/fixity", "the archive's fixity report", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    const service::Archive archive(*data, sessions->clock());
    auto report = archive.fixityReport(who->user, "", 500);
    if (!report) return kit->failure(x, report.error(), who, lang);
    Data d{Data::type::object};
    d.set("csrf", who->csrf);
    d.set("checks", checkRows(*report, lang));
    d.set("hasChecks", !report->empty());
    kit->render(x, 200, "archive_fixity", d, text("fixity", lang), who, lang);
  });
  pageRoute(router, "POST", "/archive/fixity", "run a fixity audit of every package now",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              const service::Archive archive(*data, sessions->clock());
              auto run = archive.auditBy(who->user);
              if (!run) return kit->failure(x, run.error(), who, lang);
              Data d{Data::type::object};
              d.set("csrf", who->csrf);
              d.set("ran", true);
              d.set("intact", std::to_string(run->intact));
              d.set("damaged", std::to_string(run->damaged));
              d.set("missing", std::to_string(run->missing));
              d.set("allIntact", run->damaged == 0 && run->missing == 0);
              d.set("checks", checkRows(run->checks, lang));
              d.set("hasChecks", !run->checks.empty());
              kit->render(x, 200, "archive_fixity", d, text("fixity", lang), who, lang);
            });

  pageRoute(router, "GET", "/archive/due", "records falling due for transfer or disposition",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              int days = 30;
              try {
                days = std::clamp(std::stoi(x.query("days", "30")), 0, 36500);
              } catch (const std::exception&) {
                days = 30;
              }
              const service::Archive archive(*data, sessions->clock());
              auto due = archive.due(who->user, std::nullopt, days);
              if (!due) return kit->failure(x, due.error(), who, lang);
              Data rows{Data::type::list};
              for (const model::ArchiveRecord& r : *due) {
                Data row{Data::type::object};
                row.set("fileCode", r.file_code);
                row.set("title", r.title);
                row.set("retention", std::string(model::name(r.retention)));
                if (r.transfer_due) row.set("transferDue", r.transfer_due->toString());
                if (r.dispose_due) row.set("disposeDue", r.dispose_due->toString());
                if (r.legal_hold) row.set("hold", r.hold_reason);
                rows.push_back(row);
              }
              Data d{Data::type::object};
              d.set("days", std::to_string(days));
              d.set("records", rows);
              d.set("hasRecords", !due->empty());
              kit->render(x, 200, "archive_due", d, text("dueRecords", lang), who, lang);
            });
}

}  // namespace awardflow::http::detail
