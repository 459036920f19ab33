#pragma once

// What every group of web pages shares (pages.cpp, pages_office.cpp, pages_public.cpp,
// pages_admin.cpp): the texts in both languages, the session cookie, the language switch, the
// layout, the error page and the CSRF-checked form. Internal to the http module.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <Poco/Net/HTMLForm.h>

#include "engine/core/error.hpp"
#include "engine/http/exchange.hpp"
#include "engine/http/router.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/workflow.hpp"

#include <kainjow/mustache.hpp>

namespace awardflow::http::detail {

using Data = kainjow::mustache::data;

inline constexpr const char* kSessionCookie = "awardflow_session";
inline constexpr const char* kLangCookie = "awardflow_lang";

// Every text of the pages: key → (Vietnamese, English). Templates see them as {{t.key}}.
const std::map<std::string, std::pair<std::string, std::string>>& texts();
// One text in `lang` ("vi" or "en"); the key itself when unknown.
std::string text(const std::string& key, const std::string& lang);
// What an event of a dossier's history, or a signed office document, is called.
std::string eventLabel(const std::string& kind, const std::string& lang);
std::string documentLabel(const std::string& kind, const std::string& lang);
// The actions the asker may take now on a dossier, by their labels in `lang`, comma-separated.
std::string allowedActions(const std::vector<workflow::Choice>& choices, const std::string& lang);
// An error's message in `lang` (its first detail is the Vietnamese text, by our convention).
std::string inLang(const core::Error& error, const std::string& lang);

// A page form whose CSRF token is not the session's; a form that could not be read.
core::Error staleForm();
core::Error unreadableForm();

std::string cookie(const Exchange& x, const std::string& name);
// The page language: ?lang= (remembered in a cookie), the cookie, else Vietnamese.
std::string pageLang(Exchange& x);
// 303 See Other to `to`.
void redirect(Exchange& x, const std::string& to);
// A path of this site to go back to; anything else becomes "/".
std::string localPath(const std::string& next);

// The layout, the error page and the signed-in caller, for every page handler.
class PageKit {
 public:
  PageKit(const std::map<std::string, std::string>& templates, service::Sessions& sessions)
      : templates_(&templates), sessions_(&sessions) {}

  // Renders template `name` with `data` inside the layout and sends it with `status`.
  void render(Exchange& x, int status, const std::string& name, Data data, const std::string& title,
              const std::optional<service::Caller>& who, const std::string& lang) const;
  // The error page for `error` (403, 404, 409, 422 … by its code), in `lang`.
  void failure(Exchange& x, const core::Error& error, const std::optional<service::Caller>& who,
               const std::string& lang) const;
  // The signed-in caller of a page, from the session cookie; none when signed out or expired.
  std::optional<service::Caller> caller(Exchange& x) const;
  // Sends template `name` rendered with `data` alone (print views: their own page and styles).
  void bare(Exchange& x, const std::string& name, const Data& data) const;
  // Redirects to the sign-in page, coming back here after.
  void signInFirst(Exchange& x) const;
  // Reads a url-encoded page form into `form` and checks its CSRF token against `who`'s session.
  // False when refused: the error page has been sent.
  bool postedForm(Exchange& x, const service::Caller& who, const std::string& lang,
                  Poco::Net::HTMLForm& form) const;

 private:
  const std::map<std::string, std::string>* templates_;
  service::Sessions* sessions_;
};

// What a group of pages works with.
struct PageContext {
  std::shared_ptr<const PageKit> kit;
  const service::DataDirectory* data = nullptr;
  service::Workflow* workflow = nullptr;
  service::Sessions* sessions = nullptr;
};

// The groups of pages beyond pages.cpp, each adding its routes (Access::Page) to `router`.
void addCouncilPages(Router& router, const PageContext& context);  // sessions, queue, overdue
void addPublicPages(Router& router, const PageContext& context);   // posted lists, decisions
void addAdminPages(Router& router, const PageContext& context);    // users, units, keys, rules
void addArchivePages(Router& router, const PageContext& context);  // fixity, retention
void addReportPages(Router& router, const PageContext& context);   // reports, statistics
void addScorePages(Router& router, const PageContext& context);    // emulation scoring

// A page route: any role, checked by the handler through the service.
void pageRoute(Router& router, const char* method, const char* pattern, const char* summary,
               Handler handler);

}  // namespace awardflow::http::detail
