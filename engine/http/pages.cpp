#include "engine/http/pages.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "engine/core/file.hpp"
#include "engine/http/exchange.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/archive.hpp"

#include <kainjow/mustache.hpp>

namespace awardflow::http {
namespace {

namespace fs = std::filesystem;
using Data = kainjow::mustache::data;

constexpr const char* kSessionCookie = "awardflow_session";
constexpr const char* kLangCookie = "awardflow_lang";

// Every text of the pages, Vietnamese and English.
const std::map<std::string, std::pair<std::string, std::string>>& texts() {
  static const std::map<std::string, std::pair<std::string, std::string>> kTexts{
      {"skip", {"Chuyển đến nội dung chính", "Skip to the main content"}},
      {"menu", {"Trình đơn", "Menu"}},
      {"home", {"Trang chủ", "Home"}},
      {"dossiers", {"Hồ sơ", "Dossiers"}},
      {"signOut", {"Đăng xuất", "Sign out"}},
      {"signIn", {"Đăng nhập", "Sign in"}},
      {"signInTitle", {"Đăng nhập awardflow", "Sign in to awardflow"}},
      {"login", {"Tên đăng nhập", "Login"}},
      {"password", {"Mật khẩu", "Password"}},
      {"footer",
       {"awardflow — số hóa hồ sơ thi đua, khen thưởng (Chỉ thị 03/CT-UBND)",
        "awardflow — digital commendation dossiers (Directive 03/CT-UBND)"}},
      {"welcome", {"Xin chào", "Welcome"}},
      {"queue", {"Việc cần làm", "Your work queue"}},
      {"queueEmpty", {"Không có hồ sơ nào chờ bạn xử lý.", "No dossier is waiting for you."}},
      {"byState", {"Hồ sơ theo trạng thái", "Dossiers by state"}},
      {"state", {"Trạng thái", "State"}},
      {"count", {"Số hồ sơ", "Dossiers"}},
      {"noDossiers", {"Chưa có hồ sơ nào.", "No dossiers yet."}},
      {"code", {"Mã hồ sơ", "Tracking code"}},
      {"title", {"Trích yếu", "Title"}},
      {"unit", {"Đơn vị", "Unit"}},
      {"due", {"Hạn", "Due"}},
      {"procedure", {"Thủ tục", "Procedure"}},
      {"submitted", {"Nộp lúc", "Submitted"}},
      {"deficiencies", {"Yêu cầu bổ sung", "Deficiencies to complete"}},
      {"files", {"Tệp của hồ sơ", "Files"}},
      {"revision", {"lần nộp", "revision"}},
      {"pages", {"trang", "pages"}},
      {"documents", {"Văn bản đã ký", "Signed documents"}},
      {"none", {"Chưa có.", "None yet."}},
      {"timeline", {"Quá trình xử lý", "Timeline"}},
      {"backHome", {"Về trang chủ", "Back to the home page"}},
      {"profile", {"Thông tin cá nhân", "Profile"}},
      {"fullName", {"Họ và tên", "Full name"}},
      {"role", {"Vai trò", "Role"}},
      {"workingDaysLeft", {"ngày làm việc còn lại", "working days left"}},
      {"actions", {"Xử lý hồ sơ", "Act on the dossier"}},
      {"deficiencyItems",
       {"Danh sách cần bổ sung (mỗi dòng một mục, nêu đầy đủ một lần)",
        "What to complete (one item per line, all of it at once)"}},
      {"session", {"Phiên họp Hội đồng", "Council session"}},
      {"reason", {"Lý do", "Reason"}},
      {"commentOptional", {"Ghi chú (không bắt buộc)", "Note (optional)"}},
      {"signingPin", {"Mã PIN khóa ký số của bạn", "Your signing key's PIN"}},
      {"ballot", {"Biểu quyết", "Ballot"}},
      {"yourVote", {"Ý kiến của bạn", "Your vote"}},
      {"secret", {"bỏ phiếu kín: không ai biết bạn chọn gì", "secret: nobody learns your choice"}},
      {"approve", {"Đồng ý", "Approve"}},
      {"reject", {"Không đồng ý", "Reject"}},
      {"abstain", {"Không biểu quyết", "Abstain"}},
      {"castBallot", {"Gửi phiếu", "Cast the ballot"}},
      {"done", {"Đã thực hiện", "Done"}},
      {"voted", {"Đã ghi nhận phiếu của bạn.", "Your ballot is recorded."}},
      {"archive", {"Kho lưu trữ", "Archive"}},
      {"searchText",
       {"Tìm theo tên, đơn vị, trích yếu, số quyết định…",
        "Search names, units, titles, decision numbers…"}},
      {"searchHint",
       {"vd. nguyen thi lan anh (không cần dấu)", "e.g. nguyen thi lan anh (no tones needed)"}},
      {"year", {"Năm", "Year"}},
      {"unitCode", {"Mã đơn vị", "Unit code"}},
      {"awardForm", {"Hình thức khen thưởng", "Award form"}},
      {"search", {"Tìm kiếm", "Search"}},
      {"fileCode", {"Mã hồ sơ lưu trữ", "File code"}},
      {"decisionNumber", {"Số quyết định", "Decision number"}},
      {"retention", {"Thời hạn bảo quản", "Retention"}},
      {"noRecords", {"Không tìm thấy hồ sơ nào.", "No record found."}},
      {"nextPage", {"Trang sau", "Next page"}},
      {"nominees", {"Đối tượng", "Nominees"}},
      {"dates", {"Thời gian", "Dates"}},
      {"totals", {"Số văn bản / số trang", "Documents / pages"}},
      {"disposableFrom", {"được hủy từ", "disposable from"}},
      {"transferDue", {"nộp lưu lịch sử", "transfer due"}},
      {"sealed", {"Niêm phong", "Sealed"}},
      {"legalHold", {"Đang giữ", "Legal hold"}},
      {"disposed", {"Đã hủy (chỉ còn thông tin mô tả)", "Disposed (metadata only)"}},
      {"verify", {"Kiểm tra gói lưu trữ", "Verify the package"}},
      {"downloadPackage", {"Tải gói lưu trữ (zip)", "Download the package (zip)"}},
      {"contents",
       {"Thành phần hồ sơ (theo thứ tự thời gian)", "Contents (in chronological order)"}},
  };
  return kTexts;
}

std::string text(const std::string& key, const std::string& lang) {
  const auto it = texts().find(key);
  if (it == texts().end()) return key;
  return lang == "en" ? it->second.second : it->second.first;
}

// What an event of the history is called.
std::string eventLabel(const std::string& kind, const std::string& lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> kKinds{
      {"dossier.submitted", {"Nộp hồ sơ", "Submitted"}},
      {"dossier.receive", {"Tiếp nhận", "Received"}},
      {"dossier.return", {"Trả lại, yêu cầu bổ sung", "Returned for completion"}},
      {"dossier.resubmit", {"Nộp bổ sung", "Resubmitted"}},
      {"dossier.start-appraisal", {"Bắt đầu thẩm định", "Appraisal started"}},
      {"dossier.send-to-council", {"Trình Hội đồng", "Sent to the council"}},
      {"dossier.close-vote", {"Kết thúc biểu quyết", "Vote closed"}},
      {"dossier.approve", {"Phê duyệt", "Approved"}},
      {"dossier.reject", {"Không phê duyệt", "Not approved"}},
      {"dossier.issue", {"Ban hành quyết định", "Decision issued"}},
      {"dossier.seal", {"Niêm phong lưu trữ", "Sealed for the archive"}},
      {"dossier.revoke", {"Thu hồi", "Revoked"}},
      {"ballot.cast", {"Phiếu biểu quyết", "Ballot cast"}},
      {"deadline.escalated", {"Báo quá hạn", "Overdue escalated"}},
  };
  const auto it = kKinds.find(kind);
  if (it == kKinds.end()) return kind;
  return lang == "en" ? it->second.second : it->second.first;
}

std::string documentLabel(const std::string& kind, const std::string& lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> kKinds{
      {"receipt", {"Phiếu tiếp nhận", "Receipt"}},
      {"deficiency-notice", {"Thông báo bổ sung", "Deficiency notice"}},
      {"tally", {"Biên bản kiểm phiếu", "Tally"}},
      {"decision", {"Quyết định khen thưởng", "Decision"}},
      {"proposal", {"Tờ trình đề nghị", "Upward proposal"}},
      {"revocation", {"Quyết định thu hồi", "Revocation"}},
  };
  const auto it = kKinds.find(kind);
  if (it == kKinds.end()) return kind;
  return lang == "en" ? it->second.second : it->second.first;
}

std::string cookie(const Exchange& x, const std::string& name) {
  Poco::Net::NameValueCollection cookies;
  x.request.getCookies(cookies);
  return cookies.get(name, "");
}

// The page language: ?lang= (remembered in a cookie), the cookie, else Vietnamese — the pages
// are Vietnamese first, whatever language the browser itself is set to.
std::string pageLang(Exchange& x) {
  const std::string asked = x.query("lang");
  if (asked == "vi" || asked == "en") {
    Poco::Net::HTTPCookie c(kLangCookie, asked);
    c.setPath("/");
    c.setMaxAge(365 * 24 * 3600);
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_LAX);
    x.response.addCookie(c);
    return asked;
  }
  const std::string remembered = cookie(x, kLangCookie);
  return remembered == "en" ? "en" : "vi";
}

void redirect(Exchange& x, const std::string& to) {
  x.response.set("Location", to);
  x.sendBytes(303, "text/html; charset=utf-8", "<a href=\"" + to + "\">" + to + "</a>");
}

// A path of this site to go back to after signing in; anything else becomes "/".
std::string localPath(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 ||
      next.find_first_of("\\\r\n") != std::string::npos)
    return "/";
  return next;
}

std::string mediaType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

}  // namespace

core::Result<Pages> Pages::load(const fs::path& web_dir, const service::DataDirectory& data,
                                service::Workflow& workflow, service::Sessions& sessions,
                                bool secure_cookies) {
  std::map<std::string, std::string> templates;
  for (const char* name : {"layout", "login", "home", "dossiers", "dossier", "error", "profile",
                           "archive", "record"}) {
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
  return Pages(web_dir, std::move(templates), data, workflow, sessions, secure_cookies);
}

void Pages::addRoutes(Router& router) {
  // Renders `name` with `data` inside the layout and sends it.
  const auto render = [this](Exchange& x, int status, const std::string& name, Data data,
                             const std::string& title, const std::optional<service::Caller>& who,
                             const std::string& lang) {
    Data t{Data::type::object};
    for (const auto& [key, value] : texts()) t.set(key, lang == "en" ? value.second : value.first);
    data.set("t", t);
    kainjow::mustache::mustache body(templates_.at(name));
    Data page{Data::type::object};
    page.set("t", t);
    page.set("lang", lang);
    page.set("title", title);
    page.set("otherLang", lang == "en" ? "vi" : "en");
    page.set("otherLangName", lang == "en" ? "Tiếng Việt" : "English");
    if (who) {
      Data user{Data::type::object};
      user.set("name", who->user.full_name);
      user.set("csrf", who->csrf);
      page.set("user", user);
    }
    page.set("body", body.render(data));
    kainjow::mustache::mustache layout(templates_.at("layout"));
    x.response.set("Content-Security-Policy",
                   "default-src 'self'; form-action 'self'; frame-ancestors 'none'");
    x.response.set("X-Frame-Options", "DENY");
    x.sendBytes(status, "text/html; charset=utf-8", layout.render(page));
  };
  const auto failure = [render](Exchange& x, const core::Error& error,
                                const std::optional<service::Caller>& who,
                                const std::string& lang) {
    Data d{Data::type::object};
    const int status = httpStatus(error.code);
    const bool forbidden = status == 403;
    d.set("heading", forbidden       ? (lang == "en" ? "Not allowed" : "Không được phép")
                     : status == 404 ? (lang == "en" ? "Not found" : "Không tìm thấy")
                                     : (lang == "en" ? "Something went wrong" : "Có lỗi xảy ra"));
    d.set("message", lang == "en" || error.details.empty() ? error.message : error.details.front());
    render(x, status, "error", d, forbidden ? "403" : std::to_string(status), who, lang);
  };
  // The signed-in caller of a page, from the session cookie.
  const auto caller = [this](Exchange& x) -> std::optional<service::Caller> {
    const std::string token = cookie(x, kSessionCookie);
    if (token.empty()) return std::nullopt;
    auto who = sessions_->authenticate(token, true);
    if (!who) return std::nullopt;
    return std::move(who).value();
  };
  const auto signInFirst = [](Exchange& x) {
    std::string target = x.request.getURI();
    redirect(x, "/login?next=" + Poco::URI(target).getPathEtc().substr(0, 512));
  };
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
      return failure(
          x, {core::Errc::Malformed, "the form could not be read", {"không đọc được biểu mẫu"}},
          std::nullopt, lang);
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
          auto list = workflow_->list(user, std::nullopt);
          if (!list) return failure(x, list.error(), who, lang);
          Data d{Data::type::object};
          d.set("name", user.full_name);
          d.set("roleLabel", model::label(user.role).in(lang));
          if (user.unit_code) d.set("unit", *user.unit_code);
          Data queue{Data::type::list};
          std::map<std::string, std::pair<std::string, int>> counts;  // state → label, count
          int looked = 0;
          for (const model::DossierInstance& dossier : *list) {
            if (++looked > 200) break;  // the queue shows the first 200; the list page has them all
            auto status = workflow_->status(user, dossier.id);
            if (!status) continue;
            auto& count = counts[dossier.state];
            count.first = lang == "en" ? status->state_label_en : status->state_label_vi;
            ++count.second;
            std::string actions;
            for (const workflow::Choice& c : status->choices) {
              if (!c.allowed()) continue;
              const std::string label = lang == "en" && !c.action->label.en.empty()
                                            ? c.action->label.en
                                            : c.action->label.vi;
              actions += (actions.empty() ? "" : ", ") + label;
            }
            if (actions.empty()) continue;
            Data item{Data::type::object};
            item.set("id", dossier.id);
            item.set("title", dossier.title);
            item.set("stateLabel", count.first);
            if (dossier.due_on) item.set("dueOn", dossier.due_on->toString());
            item.set("actions", actions);
            queue.push_back(item);
          }
          d.set("hasQueue", !queue.list_value().empty());
          d.set("queue", queue);
          Data rows{Data::type::list};
          for (const auto& [state, count] : counts) {
            Data row{Data::type::object};
            row.set("state", state);
            row.set("label", count.first);
            row.set("count", std::to_string(count.second));
            rows.push_back(row);
          }
          d.set("counts", rows);
          render(x, 200, "home", d, text("home", lang), who, lang);
        });
  route("GET", "/dossiers", "the dossiers the caller may see", [=, this](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = caller(x);
    if (!who) return signInFirst(x);
    std::optional<std::string> state;
    if (!x.query("state").empty()) state = x.query("state");
    auto list = workflow_->list(who->user, state);
    if (!list) return failure(x, list.error(), who, lang);
    Data d{Data::type::object};
    Data rows{Data::type::list};
    for (const model::DossierInstance& dossier : *list) {
      auto status = workflow_->status(who->user, dossier.id);
      Data row{Data::type::object};
      row.set("id", dossier.id);
      row.set("title", dossier.title);
      row.set("unit", dossier.unit_code);
      const std::string label = !status        ? dossier.state
                                : lang == "en" ? status->state_label_en
                                               : status->state_label_vi;
      row.set("stateLabel", label);
      if (state) d.set("stateLabel", label);
      row.set("dueOn", dossier.due_on ? dossier.due_on->toString() : "");
      rows.push_back(row);
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
      if (c.action->id == "resubmit") continue;
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
    Data deficiencies{Data::type::list};
    if (!status->deficiency_lists.empty()) {
      for (const std::string& item : status->deficiency_lists.back()) deficiencies.push_back(item);
    }
    d.set("hasDeficiencies", !status->deficiency_lists.empty());
    d.set("deficiencies", deficiencies);
    Data files{Data::type::list};
    for (const model::StoredFile& f : status->files) {
      Data row{Data::type::object};
      row.set("dossier", dossier.id);
      row.set("name", f.name);
      row.set("revision", std::to_string(f.revision));
      if (f.pages) row.set("pages", std::to_string(*f.pages));
      files.push_back(row);
    }
    d.set("files", files);
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
      return failure(
          x, {core::Errc::Malformed, "the form could not be read", {"không đọc được biểu mẫu"}},
          who, lang);
    }
    if (form.get("csrf", "") != who->csrf) {
      return failure(x,
                     {core::Errc::PermissionDenied,
                      "the form is stale or not ours: reload the page",
                      {"biểu mẫu đã cũ hoặc không hợp lệ: hãy tải lại trang"}},
                     who, lang);
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
            return failure(
                x,
                {core::Errc::Malformed, "the form could not be read", {"không đọc được biểu mẫu"}},
                who, lang);
          }
          if (form.get("csrf", "") != who->csrf) {
            return failure(x,
                           {core::Errc::PermissionDenied,
                            "the form is stale or not ours: reload the page",
                            {"biểu mẫu đã cũ hoặc không hợp lệ: hãy tải lại trang"}},
                           who, lang);
          }
          service::VoteRequest v;
          v.dossier_id = x.param("id");
          v.choice = model::parseBallotChoice(form.get("choice", ""));
          auto done = workflow_->vote(who->user, v);
          if (!done) return showDossier(x, *who, lang, "", done.error());
          redirect(x, "/dossiers/" + v.dossier_id + "?voted=1");
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
      for (const core::Problem& p : check->report.problems()) {
        if (p.severity != core::Severity::Error) continue;
        problems.push_back(p.location.path + ": " + p.message.in(lang));
      }
      d.set("problems", problems);
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
            return failure(x,
                           {core::Errc::PermissionDenied,
                            "the form is stale or not ours: reload the page",
                            {"biểu mẫu đã cũ hoặc không hợp lệ: hãy tải lại trang"}},
                           who, lang);
          }
          const service::Archive archive(*data_, sessions_->clock());
          auto check = archive.verify(who->user, x.param("code"));
          if (!check) return failure(x, check.error(), who, lang);
          showRecord(x, *who, lang, *check);
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
