#include "engine/http/pages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include "engine/core/file.hpp"
#include "engine/http/detail/page_kit.hpp"
#include "engine/http/exchange.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/forms.hpp"

namespace awardflow::http {
using namespace detail;  // NOLINT(google-build-using-namespace): the pages' own kit
namespace {

namespace fs = std::filesystem;

std::string mediaType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

// ---- the dossier form (see service/forms.hpp): fields named by their JSON pointer

// One field of the form as the template draws it.
struct Field {
  std::string name;  // JSON pointer ("/nominees/0/fullName") or a plain name
  std::string label;
  std::string kind;  // input, textarea, select, checkbox, file
  std::string input_type = "text";
  std::vector<std::pair<std::string, std::string>> options;  // value, label
};

std::string htmlId(const std::string& name) {
  std::string out = "f";
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '-';
  return out;
}

// Sets `value` at `pointer` in `root`, making the objects and arrays on the way.
void setAt(const Poco::JSON::Object::Ptr& root, const std::string& pointer,
           const Poco::Dynamic::Var& value) {
  std::vector<std::string> parts;
  for (std::size_t at = 1; at <= pointer.size();) {
    const std::size_t end = std::min(pointer.find('/', at), pointer.size());
    parts.push_back(pointer.substr(at, end - at));
    at = end + 1;
  }
  if (parts.empty()) return;
  const auto numeric = [](const std::string& p) {
    return !p.empty() && p.size() < 4 && p.find_first_not_of("0123456789") == std::string::npos;
  };
  Poco::Dynamic::Var node = root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const bool next_array = numeric(parts[i + 1]);
    const auto make = [&]() -> Poco::Dynamic::Var {
      if (next_array) return Poco::JSON::Array::Ptr(new Poco::JSON::Array);
      return Poco::JSON::Object::Ptr(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER));
    };
    if (node.type() == typeid(Poco::JSON::Object::Ptr)) {
      auto object = node.extract<Poco::JSON::Object::Ptr>();
      if (!object->has(parts[i])) object->set(parts[i], make());
      node = object->get(parts[i]);
    } else if (node.type() == typeid(Poco::JSON::Array::Ptr) && numeric(parts[i])) {
      auto array = node.extract<Poco::JSON::Array::Ptr>();
      const auto index = static_cast<unsigned>(std::stoi(parts[i]));
      while (array->size() <= index) array->add(make());
      node = array->get(index);
    } else {
      return;
    }
  }
  const std::string& last = parts.back();
  if (node.type() == typeid(Poco::JSON::Object::Ptr)) {
    Poco::JSON::Object::Ptr object = node.extract<Poco::JSON::Object::Ptr>();
    object->set(last, value);
  } else if (node.type() == typeid(Poco::JSON::Array::Ptr) && numeric(last)) {
    auto array = node.extract<Poco::JSON::Array::Ptr>();
    const auto index = static_cast<unsigned>(std::stoi(last));
    while (array->size() <= index) array->add(Poco::Dynamic::Var());
    array->set(index, value);
  }
}

// The fields of a form as JSON (service::dossierToJson), by JSON pointer: booleans as a ticked
// checkbox ("on") or nothing, the procedure as "rulebook|id".
void flattenForm(const Poco::Dynamic::Var& node, const std::string& at,
                 std::map<std::string, std::string>& out) {
  if (node.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto object = node.extract<Poco::JSON::Object::Ptr>();
    if (at == "/procedure") {
      out["procedure"] = object->optValue<std::string>("rulebook", "") + "|" +
                         object->optValue<std::string>("id", "");
      return;
    }
    for (const auto& [key, value] : *object) flattenForm(value, at + "/" + key, out);
  } else if (node.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto array = node.extract<Poco::JSON::Array::Ptr>();
    for (unsigned i = 0; i < array->size(); ++i)
      flattenForm(array->get(i), at + "/" + std::to_string(i), out);
  } else if (node.isBoolean()) {
    if (node.convert<bool>()) out[at] = "on";
  } else if (!node.isEmpty()) {
    out[at] = node.convert<std::string>();
  }
}

// Scans of the form, kept in the user's draft folder between Check and Submit.
class DraftFiles : public Poco::Net::PartHandler {
 public:
  // `plain`: the parts of the upload page ("dossier", "files"), kept under their own names.
  explicit DraftFiles(fs::path dir, bool plain = false) : dir_(std::move(dir)), plain_(plain) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    const std::string field = params.get("name", "");
    std::string name = params.get("filename", "");
    if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos)
      name = name.substr(slash + 1);
    std::string safe;
    for (char c : name) {
      if ((std::isalnum(static_cast<unsigned char>(c)) != 0) || c == '.' || c == '-' || c == '_')
        safe += c;
    }
    std::array<char, 16384> buffer{};
    const bool wanted =
        plain_ ? (field == "dossier" || field == "files") : field.rfind("file:/", 0) == 0;
    if (!wanted || safe.empty() || safe.front() == '.' || count_ >= 64) {
      while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0) {
      }
      return;
    }
    ++count_;
    std::ofstream out(dir_ / safe, std::ios::binary | std::ios::trunc);
    while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0)
      out.write(buffer.data(), stream.gcount());
    uploaded_[plain_ ? (field == "dossier" ? field : field + ":" + safe) : field.substr(5)] = safe;
  }
  const std::map<std::string, std::string>& uploaded() const { return uploaded_; }

 private:
  fs::path dir_;
  bool plain_ = false;
  int count_ = 0;
  std::map<std::string, std::string> uploaded_;  // pointer → saved file name
};

}  // namespace

// Every template the pages render, checked when the server starts.
constexpr std::array kTemplates{"layout",
                                "login",
                                "home",
                                "dossiers",
                                "dossier",
                                "error",
                                "profile",
                                "archive",
                                "record",
                                "dossier_form",
                                "print_receipt",
                                "print_decision",
                                "print_certificates",
                                "dossier_upload",
                                "council",
                                "council_session",
                                "queue",
                                "overdue",
                                "public",
                                "public_notice",
                                "admin",
                                "admin_keys",
                                "admin_rulebooks",
                                "archive_fixity",
                                "archive_due",
                                "reports",
                                "reports_print",
                                "statistics",
                                "scores",
                                "score_sheet"};

core::Result<Pages> Pages::load(const fs::path& web_dir, const service::DataDirectory& data,
                                service::Workflow& workflow, service::Sessions& sessions,
                                const service::RequestReplies& replies, bool secure_cookies) {
  std::map<std::string, std::string> templates;
  for (const char* name : kTemplates) {
    const fs::path file = web_dir / "templates" / (std::string(name) + ".mustache");
    auto bytes = core::readFile(file, std::size_t{1} << 20);
    if (!bytes) {
      return core::fail(core::Errc::Config, "page template missing: " + file.string(),
                        {"thiếu mẫu trang: " + file.string()});
    }
    kainjow::mustache::mustache parsed(*bytes);
    if (!parsed.is_valid()) {
      return core::fail(core::Errc::Config,
                        "page template " + file.string() + ": " + parsed.error_message(),
                        {"mẫu trang " + file.string() + " lỗi: " + parsed.error_message()});
    }
    templates.emplace(name, std::move(bytes).value());
  }
  return Pages(web_dir, std::move(templates), data, workflow, sessions, replies, secure_cookies);
}

void Pages::addRoutes(Router& router) {
  const auto kit = std::make_shared<const detail::PageKit>(templates_, *sessions_);
  const auto render = [kit](Exchange& x, int status, const std::string& name, Data data,
                            const std::string& title, const std::optional<service::Caller>& who,
                            const std::string& lang) {
    kit->render(x, status, name, std::move(data), title, who, lang);
  };
  const auto failure = [kit](Exchange& x, const core::Error& error,
                             const std::optional<service::Caller>& who,
                             const std::string& lang) { kit->failure(x, error, who, lang); };
  const PageContext context{kit, data_, workflow_, sessions_};
  addCouncilPages(router, context);
  addPublicPages(router, context);
  addAdminPages(router, context);
  addArchivePages(router, context);
  addReportPages(router, context);
  addScorePages(router, context);
  const auto caller = [kit](Exchange& x) { return kit->caller(x); };
  const auto signInFirst = [kit](Exchange& x) { kit->signInFirst(x); };
  const auto route = [&](const char* method, const char* pattern, const char* summary,
                         Handler handler) {
    router.add(Route{method, pattern, Access::Page, std::move(handler), summary});
  };

  route("GET", "/login", "sign-in page", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    Data d{Data::type::object};
    d.set("next", localPath(x.query("next")));
    render(x, 200, "login", d, text("signIn", lang), std::nullopt, lang);
  });
  route("POST", "/login", "sign in from the page", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    Poco::Net::HTMLForm form;
    try {
      form.load(x.request, x.request.stream());
    } catch (const Poco::Exception&) {
      return failure(x, unreadableForm(), std::nullopt, lang);
    }
    const std::string login = form.get("login", "");
    auto signin = sessions_->login(login, form.get("password", ""));
    if (!signin) {
      Data d{Data::type::object};
      d.set("next", localPath(form.get("next", "/")));
      d.set("login", login);
      d.set("error", lang == "en" || signin.error().details.empty()
                         ? signin.error().message
                         : signin.error().details.front());
      return render(x, httpStatus(signin.error().code), "login", d, text("signIn", lang),
                    std::nullopt, lang);
    }
    Poco::Net::HTTPCookie c(kSessionCookie, signin->token);
    c.setHttpOnly(true);
    c.setPath("/");
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    c.setSecure(secure_cookies_);
    x.response.addCookie(c);
    redirect(x, localPath(form.get("next", "/")));
  });
  route("POST", "/logout", "sign out from the page", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    Poco::Net::HTMLForm form;
    try {
      form.load(x.request, x.request.stream());
    } catch (const Poco::Exception&) {
    }
    if (who && form.get("csrf", "") == who->csrf) (void)sessions_->logout(*who);
    Poco::Net::HTTPCookie c(kSessionCookie, "");
    c.setPath("/");
    c.setMaxAge(0);
    c.setHttpOnly(true);
    x.response.addCookie(c);
    redirect(x, "/login");
  });
  route("GET", "/", "home page: the caller's work queue and dossiers by state",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          const model::User& user = who->user;
          // The first of the caller's work (the queue page has the rest) and every dossier
          // they may see counted by state.
          auto queue = workflow_->queue(user, std::nullopt, 20);
          if (!queue) return failure(x, queue.error(), who, lang);
          auto counts = workflow_->stateCounts(user);
          if (!counts) return failure(x, counts.error(), who, lang);
          Data d{Data::type::object};
          d.set("name", user.full_name);
          d.set("roleLabel", model::label(user.role).in(lang));
          if (user.unit_code) d.set("unit", *user.unit_code);
          Data items{Data::type::list};
          for (const service::Workflow::QueueItem& status : queue->items) {
            const model::DossierInstance& dossier = status.instance;
            Data item{Data::type::object};
            item.set("id", dossier.id);
            item.set("title", dossier.title);
            item.set("stateLabel", lang == "en" ? status.state_label_en : status.state_label_vi);
            if (dossier.due_on) item.set("dueOn", dossier.due_on->toString());
            item.set("actions", allowedActions(status.choices, lang));
            items.push_back(item);
          }
          d.set("hasQueue", !items.list_value().empty());
          d.set("queue", items);
          d.set("moreQueue", queue->next.has_value());
          Data rows{Data::type::list};
          for (const service::Workflow::StateCount& c : *counts) {
            Data row{Data::type::object};
            row.set("state", c.state);
            row.set("label", lang == "en" ? c.label_en : c.label_vi);
            row.set("count", std::to_string(c.count));
            rows.push_back(row);
          }
          d.set("counts", rows);
          render(x, 200, "home", d, text("home", lang), who, lang);
        });
  route("GET", "/dossiers", "the dossiers the caller may see", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    // A page of 50 by tracking code; "after" is the last code of the page before.
    service::Workflow::ListQuery query;
    query.limit = 50;
    if (!x.query("state").empty()) query.state = x.query("state");
    if (!x.query("after").empty()) query.after = x.query("after");
    auto page = workflow_->list(who->user, query);
    if (!page) return failure(x, page.error(), who, lang);
    Data d{Data::type::object};
    Data rows{Data::type::list};
    for (const model::DossierInstance& dossier : page->items) {
      Data row{Data::type::object};
      row.set("id", dossier.id);
      row.set("title", dossier.title);
      row.set("unit", dossier.unit_code);
      const std::string label = workflow_->stateLabel(dossier, lang);
      row.set("stateLabel", label);
      if (query.state) d.set("stateLabel", label);
      row.set("dueOn", dossier.due_on ? dossier.due_on->toString() : "");
      rows.push_back(row);
    }
    if (page->next) {
      std::string next = "/dossiers?";
      if (query.state) next += "state=" + urlEncode(*query.state) + "&";
      d.set("nextPage", next + "after=" + urlEncode(*page->next));
    }
    d.set("dossiers", rows);
    render(x, 200, "dossiers", d, text("dossiers", lang), who, lang);
  });
  // A dossier's page; `flash` says what was just done, `problem` why an action was refused.
  const auto showDossier = [=, this](Exchange& x, const service::Caller& asker,
                                     const std::string& lang, const std::string& flash,
                                     const std::optional<core::Error>& problem) {
    const std::optional<service::Caller> who = asker;
    auto status = workflow_->status(asker.user, x.param("id"));
    if (!status) return failure(x, status.error(), who, lang);
    auto events = workflow_->history(asker.user, x.param("id"));
    if (!events) return failure(x, events.error(), who, lang);
    const model::DossierInstance& dossier = status->instance;
    Data d{Data::type::object};
    d.set("id", dossier.id);
    d.set("dossier", dossier.id);
    d.set("csrf", asker.csrf);
    d.set("version", std::to_string(dossier.version));
    if (!flash.empty()) d.set("flash", flash);
    if (problem) {
      std::string message =
          lang == "en" || problem->details.empty() ? problem->message : problem->details.front();
      d.set("actionError", message);
    }
    d.set("title", dossier.title);
    d.set("stateLabel", lang == "en" ? status->state_label_en : status->state_label_vi);
    d.set("procedureTitle", status->procedure_title);
    d.set("unit", dossier.unit_code);
    d.set("submittedAt", dossier.submitted_at);
    d.set("submittedBy", dossier.submitted_by);
    if (dossier.due_on) d.set("dueOn", dossier.due_on->toString());
    if (status->working_days_left)
      d.set("daysLeft",
            std::to_string(*status->working_days_left) + " " + text("workingDaysLeft", lang));
    // The actions open to the user, with the fields each needs; a resubmission is an upload.
    Data actions{Data::type::list};
    Data sessions{Data::type::list};
    bool sessions_loaded = false;
    for (const workflow::Choice& c : status->choices) {
      if (c.action->id == "resubmit" || c.action->id == "resubmit-above") {
        d.set("canResubmit", c.allowed() || asker.user.role == model::Role::SubmittingUnit);
        continue;
      }
      const bool signs =
          std::any_of(c.action->effects.begin(), c.action->effects.end(), [](model::Effect e) {
            return e == model::Effect::IssueDecision || e == model::Effect::ForwardUpward;
          });
      const bool fillable = std::all_of(c.unmet.begin(), c.unmet.end(), [&](model::Guard g) {
        return g == model::Guard::CommentGiven || g == model::Guard::DeficienciesListed ||
               (signs && g == model::Guard::SignaturesValid);
      });
      if (!fillable) continue;
      const auto guarded = [&](model::Guard g) {
        return std::find(c.action->guards.begin(), c.action->guards.end(), g) !=
               c.action->guards.end();
      };
      const bool opens_ballot =
          std::any_of(c.action->effects.begin(), c.action->effects.end(),
                      [](model::Effect e) { return e == model::Effect::OpenBallot; });
      Data a{Data::type::object};
      a.set("id", c.action->id);
      a.set("label",
            lang == "en" && !c.action->label.en.empty() ? c.action->label.en : c.action->label.vi);
      a.set("needsComment", guarded(model::Guard::CommentGiven));
      a.set("needsDeficiencies", guarded(model::Guard::DeficienciesListed));
      a.set("needsPin", signs);
      a.set("needsSession", opens_ballot);
      if (opens_ballot && !sessions_loaded) {
        sessions_loaded = true;
        if (auto open = workflow_->councilSessions(asker.user)) {
          for (const model::CouncilSession& session : *open) {
            if (!session.open) continue;
            Data row{Data::type::object};
            row.set("sessionId", session.id);
            row.set("sessionTitle", session.title);
            row.set("meetsOn", session.meets_on.toString());
            sessions.push_back(row);
          }
        }
      }
      actions.push_back(a);
    }
    d.set("hasActions", !actions.list_value().empty());
    d.set("actions", actions);
    d.set("sessions", sessions);
    if (asker.user.role == model::Role::CouncilMember) {
      for (const model::Ballot& b : status->ballots) {
        if (!b.open) continue;
        Data ballot{Data::type::object};
        ballot.set("secret", b.mode == model::VoteMode::Secret);
        d.set("ballot", ballot);
      }
    }
    const bool office = asker.user.role == model::Role::StandingOffice;
    // The completeness checklist, while the office decides to receive or return.
    if (office && (dossier.state == "submitted" || dossier.state == "received")) {
      if (auto items = workflow_->checklist(asker.user, dossier.id)) {
        Data rows{Data::type::list};
        for (const service::ChecklistItem& item : *items) {
          Data row{Data::type::object};
          row.set("label", item.label.in(lang));
          row.set("found", std::to_string(item.found));
          row.set("needed", std::to_string(item.needed));
          row.set("complete", item.complete());
          rows.push_back(row);
        }
        d.set("checklist", rows);
        d.set("hasChecklist", !items->empty());
      }
    }
    // Opinions of other agencies: asked and recorded by the office where the lifecycle waits.
    const bool waits_for_opinions =
        std::any_of(status->choices.begin(), status->choices.end(), [](const workflow::Choice& c) {
          return std::find(c.action->guards.begin(), c.action->guards.end(),
                           model::Guard::OpinionsReceived) != c.action->guards.end();
        });
    Data opinions{Data::type::list};
    Data pending{Data::type::list};
    for (const model::Opinion& o : status->opinions) {
      Data row{Data::type::object};
      row.set("agency", o.agency);
      row.set("requestedAt", o.requested_at);
      if (o.received_at) {
        row.set("receivedAt", *o.received_at);
        row.set("text", o.text);
      } else {
        pending.push_back(o.agency);
      }
      opinions.push_back(row);
    }
    d.set("opinions", opinions);
    d.set("hasOpinions", !status->opinions.empty() || (office && waits_for_opinions));
    d.set("asksOpinions", office && waits_for_opinions);
    d.set("pendingOpinions", pending);
    d.set("hasPendingOpinions", office && !pending.list_value().empty());
    // Comments of the public on the posted list, and the office's answers.
    if (auto comments = workflow_->comments(asker.user, dossier.id);
        comments && !comments->empty()) {
      Data rows{Data::type::list};
      for (const model::PublicComment& c : *comments) {
        Data row{Data::type::object};
        row.set("commentId", std::to_string(c.id));
        row.set("at", c.at);
        row.set("author", c.author);
        if (!c.contact.empty()) row.set("contact", c.contact);
        row.set("text", c.text);
        if (c.resolution) {
          row.set("resolution", *c.resolution);
          row.set("resolvedBy", c.resolved_by);
        } else if (office) {
          row.set("canResolve", true);
        }
        rows.push_back(row);
      }
      d.set("comments", rows);
      d.set("hasComments", true);
    }
    if (dossier.publication_from && dossier.publication_until) {
      d.set("publication",
            dossier.publication_from->toString() + " – " + dossier.publication_until->toString());
    }
    // Council members and the office read the scans in the page.
    const bool reviews = asker.user.role == model::Role::CouncilMember || office ||
                         asker.user.role == model::Role::Chairperson;
    Data deficiencies{Data::type::list};
    if (!status->deficiency_lists.empty()) {
      for (const std::string& item : status->deficiency_lists.back()) deficiencies.push_back(item);
    }
    d.set("hasDeficiencies", !status->deficiency_lists.empty());
    // An upward proposal: where it went, or where it came from (ids only: each side's staff see
    // their own authority's dossier).
    if (status->forwarded_as) d.set("forwardedAs", *status->forwarded_as);
    if (status->arrived_from) d.set("arrivedFrom", *status->arrived_from);
    d.set("deficiencies", deficiencies);
    Data files{Data::type::list};
    for (const model::StoredFile& f : status->files) {
      Data row{Data::type::object};
      row.set("dossier", dossier.id);
      row.set("name", f.name);
      row.set("revision", std::to_string(f.revision));
      if (f.pages) row.set("pages", std::to_string(*f.pages));
      const bool unusable =
          status->unusable_files.count("r" + std::to_string(f.revision) + "/" + f.name) != 0;
      if (unusable) row.set("unusable", true);
      if (!unusable && reviews && f.revision == dossier.revision &&
          f.media_type == "application/pdf")
        row.set("inline", true);
      files.push_back(row);
    }
    d.set("files", files);
    d.set("hasUnusableFiles", !status->unusable_files.empty());
    bool has_receipt = false, has_decision = false;
    for (const model::OfficeDocument& doc : status->documents) {
      has_receipt = has_receipt || doc.kind == "receipt";
      has_decision = has_decision || doc.kind == "decision";
    }
    // A signed proposal that goes outside the installation: one package to hand on.
    const bool has_proposal =
        std::any_of(status->documents.begin(), status->documents.end(),
                    [](const model::OfficeDocument& doc) { return doc.kind == "proposal"; });
    if (has_proposal && !status->forwarded_as && asker.user.role != model::Role::SubmittingUnit &&
        asker.user.role != model::Role::CouncilMember)
      d.set("outgoingPackage", true);
    d.set("hasReceipt", has_receipt);
    d.set("hasDecision", has_decision);
    Data documents{Data::type::list};
    for (const model::OfficeDocument& doc : status->documents) {
      Data row{Data::type::object};
      row.set("dossier", dossier.id);
      row.set("id", doc.id);
      row.set("kindLabel", documentLabel(doc.kind, lang));
      row.set("notation", doc.notation);
      row.set("issuedAt", doc.issued_at);
      documents.push_back(row);
    }
    d.set("documents", documents);
    Data timeline{Data::type::list};
    Poco::JSON::Parser parser;
    for (const store::Event& e : *events) {
      Data row{Data::type::object};
      row.set("at", e.at);
      row.set("actor", e.actor);
      row.set("kindLabel", eventLabel(e.kind, lang));
      try {
        auto payload = parser.parse(e.payload).extract<Poco::JSON::Object::Ptr>();
        if (payload->has("comment")) row.set("comment", payload->getValue<std::string>("comment"));
      } catch (const Poco::Exception&) {
      }
      parser.reset();
      timeline.push_back(row);
    }
    d.set("events", timeline);
    render(x, problem ? httpStatus(problem->code) : 200, "dossier", d, dossier.id, who, lang);
  };
  route("GET", "/dossiers/{id}", "one dossier: facts, actions, files, signed documents, timeline",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          std::string flash;
          if (!x.query("done").empty())
            flash = text("done", lang) + ": " + eventLabel("dossier." + x.query("done"), lang);
          if (x.query("voted") == "1") flash = text("voted", lang);
          if (x.query("saved") == "1") flash = text("saved", lang);
          showDossier(x, *who, lang, flash, std::nullopt);
        });
  route("POST", "/dossiers/{id}/act", "act on a dossier from its page", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    Poco::Net::HTMLForm form;
    try {
      form.load(x.request, x.request.stream());
    } catch (const Poco::Exception&) {
      return failure(x, unreadableForm(), who, lang);
    }
    if (form.get("csrf", "") != who->csrf) {
      return failure(x, staleForm(), who, lang);
    }
    service::ActRequest r;
    r.dossier_id = x.param("id");
    r.action = form.get("action", "");
    r.comment = form.get("comment", "");
    try {
      r.expected_version = std::stoll(form.get("version", ""));
    } catch (const std::exception&) {
      r.expected_version.reset();
    }
    std::istringstream items(form.get("deficiencies", ""));
    for (std::string line; std::getline(items, line);) {
      if (line.find_first_not_of(" \t\r") != std::string::npos) r.deficiencies.push_back(line);
    }
    if (!form.get("session", "").empty()) r.session_id = form.get("session", "");
    if (!form.get("pin", "").empty()) {
      auto key = service::loadUserSigningKey(data_->root, who->user.login, form.get("pin", ""));
      if (!key) return showDossier(x, *who, lang, "", key.error());
      r.signer = std::move(key).value();
    }
    auto done = workflow_->act(who->user, r);
    if (!done) return showDossier(x, *who, lang, "", done.error());
    redirect(x, "/dossiers/" + r.dossier_id + "?done=" + Poco::URI(r.action).toString());
  });
  route("POST", "/dossiers/{id}/ballot", "cast a ballot from the dossier's page",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          Poco::Net::HTMLForm form;
          try {
            form.load(x.request, x.request.stream());
          } catch (const Poco::Exception&) {
            return failure(x, unreadableForm(), who, lang);
          }
          if (form.get("csrf", "") != who->csrf) {
            return failure(x, staleForm(), who, lang);
          }
          service::VoteRequest v;
          v.dossier_id = x.param("id");
          v.choice = model::parseBallotChoice(form.get("choice", ""));
          auto done = workflow_->vote(who->user, v);
          if (!done) return showDossier(x, *who, lang, "", done.error());
          redirect(x, "/dossiers/" + v.dossier_id + "?voted=1");
        });
  // A scan shown inside the dossier's page (same origin only; PDFs only, never run as a page).
  route("GET", "/dossiers/{id}/view/{name}", "a PDF scan of the dossier, to read in the page",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          auto file = workflow_->file(who->user, x.param("id"), x.param("name"));
          if (!file) return failure(x, file.error(), who, lang);
          if (file->first.media_type != "application/pdf") {
            return failure(x,
                           {core::Errc::NotFound,
                            "only PDF scans are shown in the page",
                            {"chỉ hiển thị bản quét PDF trong trang"}},
                           who, lang);
          }
          x.response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'");
          x.response.set("X-Frame-Options", "SAMEORIGIN");
          x.response.set("Content-Disposition", "inline");
          x.sendBytes(200, "application/pdf", file->second);
        });
  // The office's forms on a dossier's page beside the lifecycle actions: opinions of other
  // agencies and answers to public comments. Refusals are shown in place.
  const auto officeForm = [=, this](const char* pattern, const char* summary, auto use) {
    route("POST", pattern, summary, [=, this](Exchange& x) {
      const std::string lang = pageLang(x);
      auto who = caller(x);
      if (!who) return signInFirst(x);
      Poco::Net::HTMLForm form;
      if (!kit->postedForm(x, *who, lang, form)) return;
      const core::Result<void> done = use(*who, form, x.param("id"));
      if (!done) return showDossier(x, *who, lang, "", done.error());
      redirect(x, "/dossiers/" + x.param("id") + "?saved=1");
    });
  };
  officeForm(
      "/dossiers/{id}/opinions", "ask another agency for its opinion",
      [this](const service::Caller& who, const Poco::Net::HTMLForm& form, const std::string& id) {
        return workflow_->requestOpinion(who.user, id, form.get("agency", ""));
      });
  officeForm(
      "/dossiers/{id}/opinions/received", "record an agency's opinion",
      [this](const service::Caller& who, const Poco::Net::HTMLForm& form, const std::string& id) {
        return workflow_->receiveOpinion(who.user, id, form.get("agency", ""),
                                         form.get("text", ""));
      });
  officeForm("/dossiers/{id}/comments/resolve", "answer a public comment",
             [this](const service::Caller& who, const Poco::Net::HTMLForm& form,
                    const std::string& id) -> core::Result<void> {
               std::int64_t comment = 0;
               try {
                 comment = std::stoll(form.get("comment", ""));
               } catch (const std::exception&) {
                 return core::fail(core::Errc::InvalidArgument, "which comment is answered?",
                                   {"chưa rõ trả lời góp ý nào"});
               }
               return workflow_->resolveComment(who.user, id, comment, form.get("resolution", ""));
             });
  // The archive: search, a record's page, verification.
  const auto retentionLabel = [](model::Retention r, const std::string& lang) {
    switch (r) {
      case model::Retention::Permanent:
        return lang == "en" ? std::string("permanent") : std::string("vĩnh viễn");
      case model::Retention::Years20:
        return lang == "en" ? std::string("20 years") : std::string("20 năm");
      case model::Retention::Years10:
        return lang == "en" ? std::string("10 years") : std::string("10 năm");
      case model::Retention::Years5:
        return lang == "en" ? std::string("5 years") : std::string("5 năm");
    }
    return std::string();
  };
  const auto joinNames = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  route("GET", "/archive", "search the archive", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    const service::Archive archive(*data_, sessions_->clock());
    store::ArchiveQuery q;
    q.text = x.query("q");
    q.unit_code = x.query("unit");
    q.award_form = x.query("form");
    const std::string year = x.query("year");
    if (!year.empty() && year.find_first_not_of("0123456789") == std::string::npos &&
        year.size() == 4)
      q.year = std::stoi(year);
    try {
      q.offset = std::max(0, std::stoi(x.query("offset", "0")));
    } catch (const std::exception&) {
      q.offset = 0;
    }
    Data d{Data::type::object};
    d.set("q", q.text);
    d.set("year", year);
    d.set("unit", q.unit_code);
    d.set("form", q.award_form);
    const bool searched =
        !x.request.getURI().empty() && x.request.getURI().find('?') != std::string::npos;
    auto page = archive.search(who->user, q);
    if (!page) return failure(x, page.error(), who, lang);
    if (searched) {
      d.set("searched", true);
      d.set("order", page->ranked ? (lang == "en" ? "By relevance." : "Theo mức độ phù hợp.")
                     : page->newest_first
                         ? (lang == "en" ? "Many matches: newest first; add words to narrow."
                                         : "Nhiều kết quả: mới nhất trước; thêm từ để thu hẹp.")
                         : (lang == "en" ? "In alphabetical order." : "Theo thứ tự chữ cái."));
      Data rows{Data::type::list};
      for (const model::ArchiveRecord& r : page->records) {
        Data row{Data::type::object};
        row.set("fileCode", r.file_code);
        row.set("title", r.title);
        row.set("names", joinNames(r.names));
        row.set("unitName", r.unit_name);
        row.set("decisionNumber", r.decision_number);
        row.set("retention", retentionLabel(r.retention, lang));
        std::string flags;
        if (r.legal_hold) flags += text("legalHold", lang);
        if (!r.disposed_at.empty()) flags += (flags.empty() ? "" : ", ") + text("disposed", lang);
        if (!flags.empty()) row.set("flags", flags);
        rows.push_back(row);
      }
      d.set("records", rows);
      if (page->more) {
        d.set("more", true);
        d.set("nextPage", "/archive?q=" + Poco::URI(q.text).toString() + "&year=" + year +
                              "&unit=" + q.unit_code + "&form=" + q.award_form +
                              "&offset=" + std::to_string(q.offset + q.limit));
      }
    }
    render(x, 200, "archive", d, text("archive", lang), who, lang);
  });
  // A record's page; with `check`, the verdict of a verification just run.
  const auto showRecord = [=, this](Exchange& x, const service::Caller& asker,
                                    const std::string& lang,
                                    const std::optional<service::PackageCheck>& check) {
    const std::optional<service::Caller> who = asker;
    const service::Archive archive(*data_, sessions_->clock());
    auto record = archive.record(asker.user, x.param("code"));
    if (!record) return failure(x, record.error(), who, lang);
    auto files = archive.contents(asker.user, x.param("code"));
    if (!files) return failure(x, files.error(), who, lang);
    const model::ArchiveRecord& r = *record;
    Data d{Data::type::object};
    d.set("csrf", asker.csrf);
    d.set("fileCode", r.file_code);
    d.set("title", r.title);
    if (!r.dossier_id.empty()) d.set("dossierId", r.dossier_id);
    d.set("unitName", r.unit_name);
    d.set("decisionNumber", r.decision_number);
    d.set("names", joinNames(r.names));
    d.set("startDate", r.start_date.toString());
    d.set("endDate", r.end_date.toString());
    d.set("docTotal", std::to_string(r.doc_total));
    d.set("pageTotal", std::to_string(r.page_total));
    d.set("retention", retentionLabel(r.retention, lang));
    if (r.dispose_due) d.set("disposeDue", r.dispose_due->toString());
    if (r.transfer_due) d.set("transferDue", r.transfer_due->toString());
    d.set("sealedAt", r.sealed_at);
    d.set("sealedBy", r.sealed_by);
    if (r.legal_hold) d.set("hold", r.hold_reason);
    if (!r.disposed_at.empty()) d.set("disposedAt", r.disposed_at);
    Data list{Data::type::list};
    for (const archive::MetsFile& f : *files) {
      Data row{Data::type::object};
      row.set("path", f.path);
      row.set("role", f.role);
      list.push_back(row);
    }
    d.set("files", list);
    if (check) {
      const bool ok = check->valid();
      d.set("verdict",
            ok ? (lang == "en"
                      ? "The package is intact: " + std::to_string(check->files) + " files, " +
                            std::to_string(check->signatures) + " signatures and " +
                            std::to_string(check->events) + " history events check."
                      : "Gói lưu trữ nguyên vẹn: " + std::to_string(check->files) + " tệp, " +
                            std::to_string(check->signatures) + " chữ ký và " +
                            std::to_string(check->events) + " sự kiện lịch sử đều đúng.")
               : (lang == "en" ? "The package does not verify:"
                               : "Gói lưu trữ không còn nguyên vẹn:"));
      d.set("verdictClass", ok ? "notice" : "error");
      d.set("verdictRole", ok ? "status" : "alert");
      Data problems{Data::type::list};
      Data signatures{Data::type::list};
      for (const core::Problem& p : check->report.problems()) {
        if (p.code.rfind("signature.", 0) == 0) {
          Data row{Data::type::object};
          row.set("file", p.location.path);
          row.set("verdict", p.message.in(lang));
          row.set("valid", p.severity != core::Severity::Error);
          signatures.push_back(row);
        }
        if (p.severity != core::Severity::Error) continue;
        problems.push_back(p.location.path + ": " + p.message.in(lang));
      }
      d.set("problems", problems);
      d.set("signatures", signatures);
      d.set("hasSignatures", !signatures.list_value().empty());
    }
    if (auto events = archive.history(asker.user, x.param("code")); events && !events->empty()) {
      Data rows{Data::type::list};
      for (const store::Event& e : *events) {
        Data row{Data::type::object};
        row.set("at", e.at);
        row.set("actor", e.actor);
        row.set("kindLabel", eventLabel(e.kind, lang));
        rows.push_back(row);
      }
      d.set("history", rows);
    }
    render(x, 200, "record", d, r.file_code, who, lang);
  };
  route("GET", "/archive/{code}", "an archived record (the retrieval is logged)", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    showRecord(x, *who, lang, std::nullopt);
  });
  route("POST", "/archive/{code}/verify", "verify an archived record's package from its page",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          Poco::Net::HTMLForm form;
          try {
            form.load(x.request, x.request.stream());
          } catch (const Poco::Exception&) {
          }
          if (form.get("csrf", "") != who->csrf) {
            return failure(x, staleForm(), who, lang);
          }
          const service::Archive archive(*data_, sessions_->clock());
          auto check = archive.verify(who->user, x.param("code"));
          if (!check) return failure(x, check.error(), who, lang);
          showRecord(x, *who, lang, *check);
        });
  // The dossier form of a unit's clerk (docs/forms.md): fields named by their JSON pointers, so
  // that each problem the service names lands beside its field.
  const auto showForm = [=, this](Exchange& x, const service::Caller& asker,
                                  const std::string& lang, const std::string& draft,
                                  const std::map<std::string, std::string>& values, int nominees,
                                  int documents, const core::Report* report,
                                  const std::string& summary, const std::string& resubmit = "",
                                  const std::string& version = "") {
    const std::optional<service::Caller> who = asker;
    const bool en = lang == "en";
    const auto label = [&](const char* vi, const char* e) { return std::string(en ? e : vi); };
    std::map<std::string, std::string> errors;
    Data general{Data::type::list};
    if (report != nullptr) {
      for (const core::Problem& p : report->problems()) {
        if (p.severity != core::Severity::Error) continue;
        const std::string message = p.message.in(lang);
        if (!p.location.path.empty() && values.count(p.location.path) != 0) {
          auto& e = errors[p.location.path];
          if (e.find(message) == std::string::npos) e += (e.empty() ? "" : " ") + message;
        } else {
          general.push_back((p.location.path.empty() ? "" : p.location.path + ": ") + message);
        }
      }
    }
    std::set<std::string> shown;  // the fields drawn; other values travel as hidden fields
    const auto field = [&](const Field& f) {
      shown.insert(f.name);
      Data d{Data::type::object};
      d.set("name", f.name);
      d.set("htmlId", htmlId(f.name));
      d.set("label", f.label);
      const auto value = values.find(f.name);
      const std::string v = value == values.end() ? "" : value->second;
      d.set("value", v);
      d.set("is" + std::string(1, static_cast<char>(std::toupper(f.kind[0]))) + f.kind.substr(1),
            true);
      d.set("inputType", f.input_type);
      if (f.kind == "checkbox") d.set("checked", v == "on" || v == "true");
      Data options{Data::type::list};
      for (const auto& [option, text_of] : f.options) {
        Data o{Data::type::object};
        o.set("optionValue", option);
        o.set("optionLabel", text_of);
        o.set("selected", option == v);
        options.push_back(o);
      }
      d.set("options", options);
      const auto error = errors.find(f.name);
      if (error != errors.end()) d.set("error", error->second);
      return d;
    };
    const auto group = [&](const std::string& legend, const std::vector<Field>& fields) {
      Data g{Data::type::object};
      g.set("legend", legend);
      Data list{Data::type::list};
      for (const Field& f : fields) list.push_back(field(f));
      g.set("fields", list);
      return g;
    };
    std::vector<std::pair<std::string, std::string>> procedures;
    for (const service::ProcedureChoice& c : workflow_->procedures())
      procedures.emplace_back(c.rulebook + "|" + c.procedure, en ? c.title_en : c.title_vi);
    Data groups{Data::type::list};
    groups.push_back(
        group(label("Hồ sơ", "Dossier"),
              {{"procedure", label("Thủ tục", "Procedure"), "select", "text", procedures},
               {"/period/year", label("Năm thi đua", "Emulation year"), "input", "number", {}},
               {"/period/wave",
                label("Đợt", "Wave"),
                "select",
                "text",
                {{"year", label("Cả năm", "The whole year")},
                 {"1", label("Đợt 1", "Wave 1")},
                 {"2", label("Đợt 2", "Wave 2")}}},
               {"/date", label("Ngày lập hồ sơ", "Date of the dossier"), "input", "date", {}},
               {"/title", label("Trích yếu", "Title"), "input", "text", {}},
               {"/achievementSummary",
                label("Tóm tắt thành tích", "Summary of achievements"),
                "textarea",
                "text",
                {}},
               {"/unitAdvancedWorkerCount",
                label("Số Lao động tiên tiến của đơn vị (cho Chiến sĩ thi đua cơ sở)",
                      "The unit's Advanced Workers (for Grassroots Emulation Fighters)"),
                "input",
                "number",
                {}}}));
    const std::vector<std::pair<std::string, std::string>> ratings{
        {"", ""},
        {"excellent", label("Hoàn thành xuất sắc nhiệm vụ", "Completed duties excellently")},
        {"good", label("Hoàn thành tốt nhiệm vụ", "Completed duties well")},
        {"completed", label("Hoàn thành nhiệm vụ", "Completed duties")},
        {"not-completed", label("Không hoàn thành nhiệm vụ", "Did not complete duties")}};
    const std::vector<std::pair<std::string, std::string>> disciplines{
        {"", ""},
        {"none", label("Không bị kỷ luật", "None")},
        {"reprimand", label("Khiển trách", "Reprimand")},
        {"warning", label("Cảnh cáo", "Warning")}};
    for (int i = 0; i < nominees; ++i) {
      const std::string at = "/nominees/" + std::to_string(i) + "/";
      groups.push_back(group(
          label("Đối tượng đề nghị ", "Nominee ") + std::to_string(i + 1),
          {{at + "kind",
            label("Loại", "Kind"),
            "select",
            "text",
            {{"individual", label("Cá nhân", "Individual")},
             {"collective", label("Tập thể", "Collective")},
             {"family", label("Hộ gia đình", "Family")}}},
           {at + "fullName",
            label("Họ và tên (cá nhân)", "Full name (individual)"),
            "input",
            "text",
            {}},
           {at + "gender",
            label("Giới tính", "Gender"),
            "select",
            "text",
            {{"female", label("Nữ", "Female")}, {"male", label("Nam", "Male")}}},
           {at + "birthYear", label("Năm sinh", "Year of birth"), "input", "number", {}},
           {at + "position", label("Chức vụ", "Position"), "input", "text", {}},
           {at + "unit", label("Đơn vị công tác", "Works at"), "input", "text", {}},
           {at + "directLabourer",
            label("Người lao động trực tiếp", "Direct labourer"),
            "checkbox",
            "text",
            {}},
           {at + "annualRating", label("Xếp loại năm", "Annual rating"), "select", "text", ratings},
           {at + "discipline", label("Kỷ luật", "Discipline"), "select", "text", disciplines},
           {at + "name",
            label("Tên tập thể (tập thể)", "Collective's name (collective)"),
            "input",
            "text",
            {}},
           {at + "headOfHousehold",
            label("Chủ hộ (hộ gia đình)", "Head of household (family)"),
            "input",
            "text",
            {}},
           {at + "address",
            label("Địa chỉ (hộ gia đình)", "Address (family)"),
            "input",
            "text",
            {}},
           {at + "memberCount",
            label("Số thành viên (tập thể, hộ)", "Members (collective, family)"),
            "input",
            "number",
            {}},
           {at + "achievement", label("Thành tích", "Achievements"), "textarea", "text", {}}}));
    }
    std::vector<std::pair<std::string, std::string>> parts;
    for (model::PartKind k :
         {model::PartKind::Proposal, model::PartKind::AchievementReport,
          model::PartKind::AchievementSummary, model::PartKind::ReviewMinutes,
          model::PartKind::RatingMinutes, model::PartKind::InitiativeRecognition,
          model::PartKind::CouncilMinutes, model::PartKind::PostingMinutes, model::PartKind::Other})
      parts.emplace_back(std::string(model::name(k)), model::label(k).in(lang));
    for (int j = 0; j < documents; ++j) {
      const std::string at = "/documents/" + std::to_string(j) + "/";
      groups.push_back(group(
          label("Văn bản ", "Document ") + std::to_string(j + 1),
          {{at + "part", label("Thành phần", "Part"), "select", "text", parts},
           {at + "number", label("Số", "Number"), "input", "number", {}},
           {at + "notation", label("Ký hiệu", "Notation"), "input", "text", {}},
           {at + "issuedDate", label("Ngày ban hành", "Issued on"), "input", "date", {}},
           {at + "signer/position",
            label("Chức vụ người ký", "Signer's position"),
            "input",
            "text",
            {}},
           {at + "signer/fullName", label("Họ tên người ký", "Signer's name"), "input", "text", {}},
           {at + "subject", label("Trích yếu", "Subject"), "input", "text", {}},
           {at + "nominees",
            label("Của đối tượng (mã, cách nhau bởi dấu cách)",
                  "For nominees (ids, space-separated)"),
            "input",
            "text",
            {}},
           {at + "file", label("Bản quét PDF", "PDF scan"), "file", "text", {}}}));
    }
    Data d{Data::type::object};
    Data hidden{Data::type::list};
    for (const auto& [name, value] : values) {
      if (shown.count(name) != 0 || name.rfind('/', 0) != 0) continue;
      Data h{Data::type::object};
      h.set("name", name);
      h.set("value", value);
      hidden.push_back(h);
    }
    d.set("hidden", hidden);
    if (!resubmit.empty()) {
      d.set("resubmit", resubmit);
      d.set("version", version);
      d.set("heading", text("resubmitDossier", lang) + " " + resubmit);
    } else {
      d.set("heading", text("newDossier", lang));
    }
    d.set("csrf", asker.csrf);
    d.set("draft", draft);
    d.set("nomineeCount", std::to_string(nominees));
    d.set("documentCount", std::to_string(documents));
    d.set("groups", groups);
    if (!summary.empty()) {
      d.set("summary", summary);
      d.set("general", general);
    } else if (report != nullptr) {
      d.set("okMessage", en ? "No problem found: enter your PIN and submit."
                            : "Không còn lỗi: nhập mã PIN và nộp hồ sơ.");
    }
    render(x, summary.empty() ? 200 : 422, "dossier_form", d,
           resubmit.empty() ? text("newDossier", lang) : text("resubmitDossier", lang), who, lang);
  };
  const auto formAllowed = [](const service::Caller& who) {
    return who.user.role == model::Role::SubmittingUnit && who.user.unit_code.has_value();
  };
  const auto notForYou = [] {
    return core::Error{core::Errc::PermissionDenied,
                       "only a submitting unit's clerk fills in dossiers",
                       {"chỉ cán bộ của đơn vị đề nghị mới lập hồ sơ"}};
  };
  route("GET", "/dossiers/new", "the dossier form of a unit's clerk", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    if (!formAllowed(*who)) return failure(x, notForYou(), who, lang);
    // Drafts never submitted are forgotten after a day.
    std::error_code ec;
    const auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
    for (const auto& entry : fs::directory_iterator(data_->root / "tmp", ec)) {
      if (entry.path().filename().string().rfind("form-", 0) == 0 &&
          entry.last_write_time(ec) < day_ago)
        fs::remove_all(entry.path(), ec);
    }
    const core::Date today = core::vietnamDate(sessions_->clock().now());
    std::map<std::string, std::string> values{{"procedure", ""},
                                              {"/period/year", std::to_string(today.year)},
                                              {"/period/wave", "year"},
                                              {"/date", today.toString()},
                                              {"/title", ""},
                                              {"/achievementSummary", ""},
                                              {"/unitAdvancedWorkerCount", ""}};
    showForm(x, *who, lang, Poco::UUIDGenerator::defaultGenerator().createRandom().toString(),
             values, 1, 2, nullptr, "");
  });
  route("POST", "/dossiers/new", "check or submit the dossier form", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    if (!formAllowed(*who)) return failure(x, notForYou(), who, lang);
    if (x.request.hasContentLength() && x.request.getContentLength64() > x.max_body) {
      x.discardBody();
      return failure(x, {core::Errc::TooLarge, "the upload is too large", {"tệp gửi lên quá lớn"}},
                     who, lang);
    }
    // The scans go to the user's draft folder, named by the form's random draft token.
    Poco::Net::HTMLForm form;
    std::optional<DraftFiles> files;
    fs::path folder;
    const auto draftFolder = [&](const std::string& draft) {
      const bool ok =
          draft.size() == 36 && draft.find_first_not_of("0123456789abcdef-") == std::string::npos;
      if (!ok) return fs::path();
      return data_->root / "tmp" / ("form-" + who->user.login + "-" + draft);
    };
    try {
      form.setFieldLimit(400);
      // Read into a scratch folder first, then move into the draft named by the form.
      folder = data_->root / "tmp" /
               ("form-upload-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
      std::error_code ec;
      fs::create_directories(folder, ec);
      files.emplace(folder);
      form.load(x.request, x.request.stream(), *files);
    } catch (const Poco::Exception&) {
      std::error_code ec;
      fs::remove_all(folder, ec);
      return failure(x, unreadableForm(), who, lang);
    }
    const fs::path draft = draftFolder(form.get("draft", ""));
    std::error_code ec;
    if (form.get("csrf", "") != who->csrf || draft.empty()) {
      fs::remove_all(folder, ec);
      return failure(x, staleForm(), who, lang);
    }
    fs::create_directories(draft, ec);
    for (const auto& [pointer, name] : files->uploaded())
      fs::rename(folder / name, draft / name, ec);
    fs::remove_all(folder, ec);
    std::map<std::string, std::string> values;
    for (const auto& [name, value] : form) {
      if (name == "procedure" || name.rfind("/", 0) == 0) values[name] = value;
    }
    for (const auto& [pointer, name] : files->uploaded()) values[pointer] = name;
    int nominees = std::clamp(std::atoi(form.get("nomineeCount", "1").c_str()), 1, 100);
    int documents = std::clamp(std::atoi(form.get("documentCount", "1").c_str()), 1, 100);
    const std::string action = form.get("do", "check");
    const std::string draft_token = form.get("draft", "");
    const std::string resubmit = form.get("resubmit", "");
    const std::string version = form.get("version", "");
    if (action == "more-nominee" || action == "more-document") {
      if (action == "more-nominee") ++nominees;
      if (action == "more-document") ++documents;
      return showForm(x, *who, lang, draft_token, values, nominees, documents, nullptr, "",
                      resubmit, version);
    }
    // The form as JSON (service/forms.hpp): every field by its pointer; checkboxes unticked are
    // false; empty fields are left out.
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    const std::string procedure = form.get("procedure", "");
    if (const auto bar = procedure.find('|'); bar != std::string::npos) {
      setAt(json, "/procedure/rulebook", procedure.substr(0, bar));
      setAt(json, "/procedure/id", procedure.substr(bar + 1));
    }
    for (int i = 0; i < nominees; ++i) {
      const std::string at = "/nominees/" + std::to_string(i) + "/";
      if (values.count(at + "id") == 0) setAt(json, at + "id", "n" + std::to_string(i + 1));
      setAt(json, at + "directLabourer", values.count(at + "directLabourer") != 0);
    }
    for (int j = 0; j < documents; ++j) {
      const std::string at = "/documents/" + std::to_string(j) + "/";
      if (values.count(at + "id") == 0) setAt(json, at + "id", "d" + std::to_string(j + 1));
    }
    for (const auto& [name, value] : values) {
      if (name.rfind("/", 0) != 0 || value.empty()) continue;
      if (name.size() > 15 && name.compare(name.size() - 15, 15, "/directLabourer") == 0) continue;
      setAt(json, name, value);
    }
    core::Report report;
    model::Dossier dossier = service::dossierFromJson(json, report);
    if (action == "submit" && report.valid()) {
      std::optional<core::Error> refused;
      if (resubmit.empty()) {
        // A form sent twice (a double click, a reload after a lost answer) makes one dossier:
        // the draft token is the request's idempotency key, and the answer to a success is kept
        // with the dossier. A refusal is not kept: the clerk corrects the form and sends again.
        auto answer = replies_->once(
            who->user.login, "form-" + draft_token,
            replies_->fingerprint("POST", "/dossiers/new", draft_token), service::Channel::Http,
            service::RequestReplies::Keep::Forever, [&]() -> service::Reply {
              auto submitted =
                  workflow_->submitForm(who->user, dossier, draft, form.get("signingPin", ""));
              if (!submitted) {
                refused = submitted.error();
                return {0, "", ""};
              }
              return {303, "", submitted->instance.id};
            });
        if (answer && answer->reply.status == 303) {
          fs::remove_all(draft, ec);
          return redirect(x, "/dossiers/" + answer->reply.body + "?done=submitted");
        }
        if (!answer) refused = answer.error();
      } else {
        std::optional<std::int64_t> expected;
        try {
          expected = std::stoll(version);
        } catch (const std::exception&) {
          expected.reset();
        }
        auto done = workflow_->resubmitForm(who->user, resubmit, expected, dossier, draft,
                                            form.get("signingPin", ""));
        if (done) {
          fs::remove_all(draft, ec);
          return redirect(x, "/dossiers/" + resubmit + "?done=resubmit");
        }
        refused = done.error();
      }
      if (refused->code != core::Errc::Invalid) {
        return showForm(x, *who, lang, draft_token, values, nominees, documents, &report,
                        inLang(*refused, lang), resubmit, version);
      }
    }
    auto check = workflow_->checkForm(who->user, std::move(dossier), draft);
    if (!check) return failure(x, check.error(), who, lang);
    report.append(check->report);
    const bool invalid = !report.valid();
    showForm(x, *who, lang, draft_token, values, nominees, documents, &report,
             invalid ? (lang == "en" ? "The dossier has problems: each is shown beside its field."
                                     : "Hồ sơ còn lỗi: mỗi lỗi được ghi bên cạnh ô tương ứng.")
                     : "",
             resubmit, version);
  });
  // A returned dossier, filled in again from its last revision with its scans, to complete and
  // resubmit through the same form.
  route("GET", "/dossiers/{id}/resubmit", "complete and resubmit a returned dossier",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          if (!formAllowed(*who)) return failure(x, notForYou(), who, lang);
          const std::string id = x.param("id");
          auto status = workflow_->status(who->user, id);
          if (!status) return failure(x, status.error(), who, lang);
          const bool open = std::any_of(
              status->choices.begin(), status->choices.end(), [](const workflow::Choice& c) {
                return c.action->id == "resubmit" || c.action->id == "resubmit-above";
              });
          if (!open) {
            return failure(x,
                           {core::Errc::IllegalTransition,
                            "dossier " + id + " is not returned for completion",
                            {"hồ sơ " + id + " không ở trạng thái trả lại để bổ sung"}},
                           who, lang);
          }
          auto facts = workflow_->printFacts(who->user, id);
          if (!facts) return failure(x, facts.error(), who, lang);
          std::map<std::string, std::string> values;
          flattenForm(service::dossierToJson(facts->dossier), "", values);
          const std::string draft_token =
              Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
          const fs::path draft =
              data_->root / "tmp" / ("form-" + who->user.login + "-" + draft_token);
          std::error_code ec;
          fs::create_directories(draft, ec);
          for (const model::StoredFile& f : status->files) {
            if (f.revision != status->instance.revision || f.name == "dossier.xml") continue;
            auto bytes = workflow_->file(who->user, id, f.name);
            if (!bytes) return failure(x, bytes.error(), who, lang);
            if (auto written = core::writeFileAtomic(draft / f.name, bytes->second); !written)
              return failure(x, written.error(), who, lang);
          }
          showForm(x, *who, lang, draft_token, values,
                   std::max(1, static_cast<int>(facts->dossier.nominees.size())),
                   std::max(1, static_cast<int>(facts->dossier.documents.size())), nullptr, "", id,
                   std::to_string(status->instance.version));
        });
  // Print views (A4; certificates A4 landscape), Vietnamese as the documents are.
  const auto bare = [kit](Exchange& x, const std::string& name, const Data& data) {
    kit->bare(x, name, data);
  };
  const auto longDate = [](const std::string& utc) {
    const auto at = core::parseUtcTimestamp(utc);
    if (!at) return utc;
    const core::Date d = core::vietnamDate(*at);
    return "ngày " + std::to_string(d.day) + " tháng " + std::to_string(d.month) + " năm " +
           std::to_string(d.year);
  };
  const auto nomineeRows = [](const model::Dossier& dossier) {
    Data rows{Data::type::list};
    int order = 0;
    for (const model::Nominee& n : dossier.nominees) {
      Data row{Data::type::object};
      row.set("order", std::to_string(++order));
      row.set("name", model::nomineeName(n));
      if (const auto* i = std::get_if<model::Individual>(&n)) {
        row.set("position", i->position);
        row.set("unit", i->unit);
      } else if (const auto* f = std::get_if<model::Family>(&n)) {
        row.set("unit", f->address);
      } else {
        row.set("unit", dossier.unit_name);
      }
      rows.push_back(row);
    }
    return rows;
  };
  // The issued decision of a dossier, or why there is none to print.
  const auto issued = [this](const service::Caller& who, const std::string& id)
      -> core::Result<std::pair<service::DossierStatus, model::OfficeDocument>> {
    auto status = workflow_->status(who.user, id);
    if (!status) return core::Unexpected{status.error()};
    for (const model::OfficeDocument& doc : status->documents) {
      if (doc.kind == "decision") return std::make_pair(*status, doc);
    }
    return core::fail(core::Errc::NotFound, "no decision has been issued for " + id,
                      {"chưa có quyết định khen thưởng cho hồ sơ " + id});
  };
  route("GET", "/dossiers/{id}/print/receipt", "the receipt, to print", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    auto status = workflow_->status(who->user, x.param("id"));
    if (!status) return failure(x, status.error(), who, lang);
    auto facts = workflow_->printFacts(who->user, x.param("id"));
    if (!facts) return failure(x, facts.error(), who, lang);
    const model::OfficeDocument* receipt = nullptr;
    for (const model::OfficeDocument& doc : status->documents)
      if (doc.kind == "receipt") receipt = &doc;
    if (receipt == nullptr || !status->instance.received_on) {
      return failure(x,
                     {core::Errc::NotFound,
                      "the dossier has not been received yet",
                      {"hồ sơ chưa được tiếp nhận"}},
                     who, lang);
    }
    Data d{Data::type::object};
    d.set("agency", facts->agency);
    d.set("trackingCode", status->instance.id);
    d.set("unitName", facts->dossier.unit_name);
    d.set("procedureTitle", status->procedure_title);
    d.set("title", status->instance.title);
    d.set("receivedOn", status->instance.received_on->toString());
    d.set("dueOn", status->instance.due_on ? status->instance.due_on->toString() : "");
    d.set("receiptId", receipt->id);
    Data documents{Data::type::list};
    for (const model::Document& doc : facts->dossier.documents) {
      Data row{Data::type::object};
      row.set("subject", doc.subject);
      if (doc.number) row.set("notation", std::to_string(*doc.number) + "/" + doc.notation);
      row.set("pages", std::to_string(doc.page_count));
      documents.push_back(row);
    }
    d.set("documents", documents);
    bare(x, "print_receipt", d);
  });
  route("GET", "/dossiers/{id}/print/decision", "the decision with its annex list, to print",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          auto found = issued(*who, x.param("id"));
          if (!found) return failure(x, found.error(), who, lang);
          auto facts = workflow_->printFacts(who->user, x.param("id"));
          if (!facts) return failure(x, facts.error(), who, lang);
          const service::DossierStatus& status = found->first;
          const model::OfficeDocument& decision = found->second;
          std::string signer;
          if (status.decision) {
            auto person = workflow_->user(status.decision->decided_by);
            signer = person ? person->full_name : status.decision->decided_by;
          }
          Data d{Data::type::object};
          d.set("agency", facts->agency);
          d.set("notation", decision.notation);
          d.set("issuedOn", longDate(decision.issued_at));
          d.set("title", status.instance.title);
          d.set("subject", "Về việc " + facts->procedure_title);
          d.set("decidedBy", facts->decided_by);
          d.set("unitName", facts->dossier.unit_name);
          d.set("trackingCode", status.instance.id);
          d.set("procedureTitle", facts->procedure_title);
          d.set("count", std::to_string(facts->dossier.nominees.size()));
          d.set("signer", signer);
          d.set("signatureNote", "Văn bản điện tử " + decision.id +
                                     " đã được ký số bởi người ký và đóng dấu số của cơ quan "
                                     "(NĐ 30/2020/NĐ-CP)");
          d.set("nominees", nomineeRows(facts->dossier));
          bare(x, "print_decision", d);
        });
  route("GET", "/dossiers/{id}/print/certificates", "the award certificates in batch, to print",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          auto found = issued(*who, x.param("id"));
          if (!found) return failure(x, found.error(), who, lang);
          auto facts = workflow_->printFacts(who->user, x.param("id"));
          if (!facts) return failure(x, facts.error(), who, lang);
          const model::OfficeDocument& decision = found->second;
          const std::string award = model::label(facts->award_form).vi;
          Data d{Data::type::object};
          d.set("awardTitle", award);
          d.set("notation", decision.notation);
          Data list{Data::type::list};
          const Data rows = nomineeRows(facts->dossier);  // kept alive for the loop
          for (Data row : rows.list_value()) {
            row.set("decidedBy", facts->decided_by);
            row.set("awardTitle", award);
            row.set("notation", decision.notation);
            row.set("issuedOn", longDate(decision.issued_at));
            row.set("achievementLine", "Đã có thành tích trong phong trào thi đua năm " +
                                           std::to_string(facts->dossier.period.year));
            list.push_back(row);
          }
          d.set("nominees", list);
          bare(x, "print_certificates", d);
        });
  // A signed XML dossier and its scans, uploaded as they are (the same path as the API's).
  route("GET", "/dossiers/upload", "upload a signed XML dossier with its scans",
        [=, this](Exchange& x) {
          const std::string lang = pageLang(x);
          auto who = caller(x);
          if (!who) return signInFirst(x);
          if (!formAllowed(*who)) return failure(x, notForYou(), who, lang);
          Data d{Data::type::object};
          d.set("csrf", who->csrf);
          render(x, 200, "dossier_upload", d, text("uploadDossier", lang), who, lang);
        });
  route(
      "POST", "/dossiers/upload", "submit an uploaded signed XML dossier", [=, this](Exchange& x) {
        const std::string lang = pageLang(x);
        auto who = caller(x);
        if (!who) return signInFirst(x);
        if (!formAllowed(*who)) return failure(x, notForYou(), who, lang);
        if (x.request.hasContentLength() && x.request.getContentLength64() > x.max_body) {
          x.discardBody();
          return failure(x,
                         {core::Errc::TooLarge, "the upload is too large", {"tệp gửi lên quá lớn"}},
                         who, lang);
        }
        const fs::path folder =
            data_->root / "tmp" /
            ("upload-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
        std::error_code ec;
        fs::create_directories(folder, ec);
        struct Cleanup {
          fs::path path;
          ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
          }
        } cleanup{folder};
        DraftFiles files(folder, true);
        Poco::Net::HTMLForm form;
        try {
          form.setFieldLimit(100);
          form.load(x.request, x.request.stream(), files);
        } catch (const Poco::Exception&) {
          return failure(x,
                         {core::Errc::Malformed,
                          "the upload could not be read",
                          {"không đọc được tệp gửi lên"}},
                         who, lang);
        }
        if (form.get("csrf", "") != who->csrf) {
          return failure(x, staleForm(), who, lang);
        }
        const auto xml_name = files.uploaded().find("dossier");
        service::SubmitRequest request;
        request.source = "dossier.xml";
        request.attachments_dir = folder;
        core::Result<service::SubmitOutcome> outcome =
            core::fail(core::Errc::InvalidArgument, "choose the signed XML dossier",
                       {"hãy chọn tệp hồ sơ XML đã ký"});
        if (xml_name != files.uploaded().end()) {
          auto bytes = core::readFile(folder / xml_name->second, std::size_t{16} << 20);
          if (bytes) {
            fs::remove(folder / xml_name->second, ec);
            request.xml = std::move(bytes).value();
            outcome = workflow_->submit(who->user, request);
          }
        }
        if (outcome) {
          return redirect(x, "/dossiers/" + outcome->instance.id + "?done=submitted");
        }
        const core::Error& e = outcome.error();
        Data d{Data::type::object};
        d.set("csrf", who->csrf);
        d.set("summary", lang == "en" || e.details.empty() ? e.message : e.details.front());
        Data problems{Data::type::list};
        for (std::size_t i = lang == "en" ? 0 : 1; i < e.details.size(); ++i)
          problems.push_back(e.details[i]);
        d.set("problems", problems);
        render(x, httpStatus(e.code), "dossier_upload", d, text("uploadDossier", lang), who, lang);
      });
  route("GET", "/profile", "the signed-in user's own profile", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    Data d{Data::type::object};
    d.set("login", who->user.login);
    d.set("name", who->user.full_name);
    d.set("roleLabel", model::label(who->user.role).in(lang));
    if (who->user.unit_code) d.set("unit", *who->user.unit_code);
    render(x, 200, "profile", d, text("profile", lang), who, lang);
  });
  route("GET", "/static/{name}", "a stylesheet, script or image of the pages", [this](Exchange& x) {
    const std::string name = x.param("name");
    const bool plain =
        !name.empty() && name.front() != '.' && name.find_first_of("/\\") == std::string::npos;
    auto bytes = plain ? core::readFile(web_dir_ / "static" / name, std::size_t{4} << 20)
                       : core::Result<std::string>(core::fail(core::Errc::NotFound, ""));
    if (!bytes) {
      return x.sendProblem(
          {core::Errc::NotFound, "no such asset: " + name, {"không có tệp " + name}});
    }
    x.response.set("Cache-Control", "public, max-age=3600");
    x.sendBytes(200, mediaType(name), *bytes);
  });
}

}  // namespace awardflow::http
