// Administration: users and their roles, units, certificates, and the rulebooks (read-only: the
// procedures and their state machines as loaded).

#include <array>

#include <Poco/Net/HTMLForm.h>

#include "engine/core/clock.hpp"
#include "engine/http/detail/page_kit.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"

namespace awardflow::http::detail {
namespace {

constexpr std::array<model::Role, 6> kRoles{
    model::Role::SubmittingUnit, model::Role::StandingOffice, model::Role::CouncilMember,
    model::Role::Chairperson,    model::Role::Archivist,      model::Role::Admin};
constexpr std::array<model::Level, 6> kLevels{model::Level::Village,  model::Level::Commune,
                                              model::Level::District, model::Level::Province,
                                              model::Level::Central,  model::Level::Agency};

core::Error adminsOnly() {
  return {core::Errc::PermissionDenied,
          "only administrators see this page",
          {"chỉ quản trị viên được xem trang này"}};
}

std::string localized(const model::LocalizedText& t, const std::string& lang) {
  return lang == "en" && !t.en.empty() ? t.en : t.vi;
}

std::string dateOf(std::time_t t) { return t == 0 ? "" : core::utcTimestamp(t).substr(0, 10); }

}  // namespace

void addAdminPages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  const service::DataDirectory* data = c.data;
  service::Workflow* workflow = c.workflow;

  // Users and units, with the forms that add them; `problem` and the form's values after a
  // refusal, `flash` after a success.
  const auto show_accounts = [=](Exchange& x, const service::Caller& who, const std::string& lang,
                                 const std::optional<core::Error>& problem,
                                 const std::map<std::string, std::string>& values,
                                 const std::string& flash) {
    auto users = service::listUsersAs(*data, who.user);
    if (!users) return kit->failure(x, users.error(), who, lang);
    auto units = service::listUnitsAs(*data, who.user);
    if (!units) return kit->failure(x, units.error(), who, lang);
    auto authorities = service::listAuthoritiesAs(*data, who.user);
    if (!authorities) return kit->failure(x, authorities.error(), who, lang);
    auto managed = service::authoritiesManagedBy(*data, who.user);
    if (!managed) return kit->failure(x, managed.error(), who, lang);
    Data d{Data::type::object};
    d.set("csrf", who.csrf);
    if (problem) d.set("error", inLang(*problem, lang));
    if (!flash.empty()) d.set("flash", flash);
    for (const auto& [key, value] : values) d.set(key, value);
    Data rows{Data::type::list};
    for (const model::User& u : *users) {
      Data row{Data::type::object};
      row.set("login", u.login);
      row.set("name", u.full_name);
      row.set("role", model::label(u.role).in(lang));
      row.set("unit", u.unit_code.value_or(""));
      row.set("authority", u.authority_code.value_or(text("wholeInstallation", lang)));
      row.set("active", u.active ? text("yes", lang) : text("no", lang));
      row.set("isActive", u.active);
      row.set("self", u.login == who.user.login);
      rows.push_back(row);
    }
    d.set("users", rows);
    Data unit_rows{Data::type::list};
    Data unit_options{Data::type::list};
    for (const model::Unit& u : *units) {
      // An administrator of a commune sees and places the units of what it manages.
      if (*managed && !service::inScope(*managed, u.authority_code)) continue;
      Data row{Data::type::object};
      row.set("code", u.code);
      row.set("name", u.name);
      row.set("level", model::label(u.level).in(lang));
      row.set("authority", u.authority_code.value_or(""));
      row.set("parent", u.parent_code.value_or(""));
      unit_rows.push_back(row);
      Data option{Data::type::object};
      option.set("value", u.code);
      option.set("label", u.name + " (" + u.code + ")");
      option.set("selected", values.count("unit") != 0 && values.at("unit") == u.code);
      unit_options.push_back(option);
    }
    d.set("units", unit_rows);
    d.set("unitOptions", unit_options);
    Data authority_rows{Data::type::list};
    Data authority_options{Data::type::list};
    for (const model::AuthorityRecord& a : *authorities) {
      Data row{Data::type::object};
      row.set("code", a.code);
      row.set("name", a.name);
      row.set("level", model::label(a.level).in(lang));
      row.set("parent", a.parent_code.value_or(""));
      row.set("state", a.historical
                           ? (lang == "en" ? "ended; records held by " : "đã giải thể, hồ sơ do ") +
                                 a.successor_code.value_or("?") + (lang == "en" ? "" : " kế thừa")
                           : text("authorityActive", lang));
      authority_rows.push_back(row);
      if (a.historical) continue;
      Data option{Data::type::object};
      option.set("value", a.code);
      option.set("label", a.name + " (" + a.code + ")");
      option.set("selected",
                 (values.count("authority") != 0 && values.at("authority") == a.code) ||
                     (values.count("authority") == 0 && who.user.authority_code == a.code));
      authority_options.push_back(option);
    }
    d.set("authorities", authority_rows);
    d.set("authorityOptions", authority_options);
    d.set("wholeInstallation", !*managed);
    Data roles{Data::type::list};
    for (model::Role r : kRoles) {
      Data option{Data::type::object};
      option.set("value", std::string(model::name(r)));
      option.set("label", model::label(r).in(lang));
      option.set("selected", values.count("role") != 0 && values.at("role") == model::name(r));
      roles.push_back(option);
    }
    d.set("roles", roles);
    Data levels{Data::type::list};
    for (model::Level l : kLevels) {
      Data option{Data::type::object};
      option.set("value", std::string(model::name(l)));
      option.set("label", model::label(l).in(lang));
      levels.push_back(option);
    }
    d.set("levels", levels);
    kit->render(x, problem ? httpStatus(problem->code) : 200, "admin", d, text("admin", lang), who,
                lang);
  };
  pageRoute(router, "GET", "/admin", "administration: users, roles and units", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    show_accounts(x, *who, lang, std::nullopt, {},
                  x.query("added").empty() ? "" : text("saved", lang) + ": " + x.query("added"));
  });
  pageRoute(
      router, "POST", "/admin/users", "add a user from the administration page", [=](Exchange& x) {
        const std::string lang = pageLang(x);
        auto who = kit->caller(x);
        if (!who) return kit->signInFirst(x);
        Poco::Net::HTMLForm form;
        if (!kit->postedForm(x, *who, lang, form)) return;
        model::User user;
        user.login = form.get("login", "");
        user.full_name = form.get("fullName", "");
        const auto role = model::parseRole(form.get("role", ""));
        const std::map<std::string, std::string> values{{"login", user.login},
                                                        {"fullName", user.full_name},
                                                        {"role", form.get("role", "")},
                                                        {"unit", form.get("unit", "")},
                                                        {"authority", form.get("authority", "")}};
        if (!role) {
          return show_accounts(
              x, *who, lang,
              core::Error{core::Errc::InvalidArgument, "choose a role", {"hãy chọn vai trò"}},
              values, "");
        }
        user.role = *role;
        if (user.role == model::Role::SubmittingUnit && !form.get("unit", "").empty())
          user.unit_code = form.get("unit", "");
        if (user.role != model::Role::SubmittingUnit && !form.get("authority", "").empty())
          user.authority_code = form.get("authority", "");
        auto added = service::addUserAs(*data, who->user, user, form.get("password", ""));
        if (!added) return show_accounts(x, *who, lang, added.error(), values, "");
        redirect(x, "/admin?added=" + user.login);
      });
  pageRoute(router, "POST", "/admin/users/{login}/active",
            "deactivate or reactivate a user from the administration page", [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              const bool active = form.get("active", "") == "1";
              auto done = service::setUserActiveAs(*data, who->user, x.param("login"), active);
              if (!done) return show_accounts(x, *who, lang, done.error(), {}, "");
              c.sessions->forgetUser(x.param("login"));
              redirect(x, "/admin?added=" + x.param("login"));
            });
  pageRoute(
      router, "POST", "/admin/units", "add a unit from the administration page", [=](Exchange& x) {
        const std::string lang = pageLang(x);
        auto who = kit->caller(x);
        if (!who) return kit->signInFirst(x);
        Poco::Net::HTMLForm form;
        if (!kit->postedForm(x, *who, lang, form)) return;
        model::Unit unit;
        unit.code = form.get("code", "");
        unit.name = form.get("name", "");
        const auto level = model::parseLevel(form.get("level", ""));
        if (level) unit.level = *level;
        if (!form.get("authority", "").empty()) unit.authority_code = form.get("authority", "");
        if (!form.get("parent", "").empty()) unit.parent_code = form.get("parent", "");
        const std::map<std::string, std::string> values{{"unitCode", unit.code},
                                                        {"unitName", unit.name},
                                                        {"authority", form.get("authority", "")}};
        auto added = service::addUnitAs(*data, who->user, unit);
        if (!added) return show_accounts(x, *who, lang, added.error(), values, "");
        redirect(x, "/admin?added=" + unit.code);
      });
  pageRoute(router, "POST", "/admin/authorities", "add an authority from the administration page",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              model::AuthorityRecord authority;
              authority.code = form.get("code", "");
              authority.name = form.get("name", "");
              const auto level = model::parseLevel(form.get("level", ""));
              if (level) authority.level = *level;
              if (!form.get("parent", "").empty()) authority.parent_code = form.get("parent", "");
              const std::map<std::string, std::string> values{{"authorityCode", authority.code},
                                                              {"authorityName", authority.name}};
              if (!level) {
                return show_accounts(
                    x, *who, lang,
                    core::Error{core::Errc::InvalidArgument, "choose a level", {"hãy chọn cấp"}},
                    values, "");
              }
              auto added = service::addAuthorityAs(*data, who->user, authority);
              if (!added) return show_accounts(x, *who, lang, added.error(), values, "");
              redirect(x, "/admin?added=" + authority.code);
            });

  pageRoute(router, "GET", "/admin/keys", "administration: the installation's certificates",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              auto certificates = service::listCertificates(*data, who->user);
              if (!certificates) return kit->failure(x, certificates.error(), who, lang);
              const std::time_t now = c.sessions->clock().now();
              Data rows{Data::type::list};
              for (const service::CertificateInfo& cert : *certificates) {
                Data row{Data::type::object};
                row.set("kind", text("cert-" + cert.kind, lang));
                row.set("owner", cert.owner);
                row.set("subject", cert.subject.empty() ? text("unreadable", lang) : cert.subject);
                row.set("issuer", cert.issuer);
                row.set("serial", cert.serial);
                row.set("from", dateOf(cert.not_before));
                row.set("until", dateOf(cert.not_after));
                if (cert.not_after != 0 && cert.not_after < now) row.set("expired", true);
                rows.push_back(row);
              }
              Data d{Data::type::object};
              d.set("certificates", rows);
              kit->render(x, 200, "admin_keys", d, text("keys", lang), who, lang);
            });

  pageRoute(
      router, "GET", "/admin/rulebooks",
      "administration: rulebooks, their procedures and state machines (read-only)",
      [=](Exchange& x) {
        const std::string lang = pageLang(x);
        auto who = kit->caller(x);
        if (!who) return kit->signInFirst(x);
        if (who->user.role != model::Role::Admin && who->user.role != model::Role::StandingOffice)
          return kit->failure(x, adminsOnly(), who, lang);
        Data books{Data::type::list};
        for (const model::Rulebook& rb : workflow->rulebooks()) {
          Data book{Data::type::object};
          book.set("id", rb.id);
          book.set("version", std::to_string(rb.version));
          book.set("title", localized(rb.title, lang));
          book.set("authority", localized(rb.authority.name, lang));
          book.set("validFrom", rb.valid_from.toString());
          book.set("validTo", rb.valid_to ? rb.valid_to->toString() : "");
          book.set("sha", rb.content_sha256.substr(0, 16));
          Data procedures{Data::type::list};
          for (const model::Procedure& p : rb.procedures) {
            Data row{Data::type::object};
            row.set("id", p.id);
            row.set("title", localized(p.title, lang));
            row.set("decidedBy", localized(p.decided_by_name, lang));
            row.set("lifecycle", p.lifecycle);
            row.set("retention", std::string(model::name(p.retention)));
            Data variants{Data::type::list};
            for (const model::Variant& v : p.variants) {
              Data vr{Data::type::object};
              vr.set("kind", std::string(model::name(v.kind)));
              vr.set("limit", std::to_string(v.time_limit_working_days));
              std::string parts;
              for (const model::PartRule& part : v.parts) {
                parts += (parts.empty() ? "" : "; ") +
                         (part.label.vi.empty() ? model::label(part.kind).in(lang)
                                                : localized(part.label, lang)) +
                         (part.per_nominee ? " ×" : "");
              }
              vr.set("parts", parts);
              std::string vote = std::string(model::name(v.vote.mode));
              if (v.vote.threshold)
                vote +=
                    " ≥ " + std::to_string(static_cast<int>(*v.vote.threshold * 100 + 0.5)) + "%";
              vr.set("vote", vote);
              if (v.publication)
                vr.set("publication", std::to_string(v.publication->days) +
                                          (v.publication->working_days ? text("workingDays", lang)
                                                                       : text("days", lang)));
              variants.push_back(vr);
            }
            row.set("variants", variants);
            procedures.push_back(row);
          }
          book.set("procedures", procedures);
          Data lifecycles{Data::type::list};
          for (const model::Lifecycle& l : rb.lifecycles) {
            Data lr{Data::type::object};
            lr.set("id", l.id);
            lr.set("title", localized(l.title, lang));
            std::map<std::string, std::string> labels;
            Data states{Data::type::list};
            for (const model::LifecycleState& s : l.states) {
              labels[s.id] = localized(s.label, lang);
              Data sr{Data::type::object};
              sr.set("id", s.id);
              sr.set("label", localized(s.label, lang));
              states.push_back(sr);
            }
            lr.set("states", states);
            Data actions{Data::type::list};
            for (const model::LifecycleAction& a : l.actions) {
              Data ar{Data::type::object};
              ar.set("id", a.id);
              ar.set("label", localized(a.label, lang));
              std::string from;
              for (const std::string& f : a.from)
                from += (from.empty() ? "" : ", ") + (labels.count(f) ? labels[f] : f);
              ar.set("from", from);
              ar.set("to", labels.count(a.to) ? labels[a.to] : a.to);
              ar.set("role", model::label(a.role).in(lang));
              std::string guards;
              for (model::Guard g : a.guards)
                guards += (guards.empty() ? "" : "; ") + model::label(g).in(lang);
              ar.set("guards", guards);
              std::string effects;
              for (model::Effect e : a.effects)
                effects += (effects.empty() ? "" : ", ") + std::string(model::name(e));
              ar.set("effects", effects);
              actions.push_back(ar);
            }
            lr.set("actions", actions);
            lifecycles.push_back(lr);
          }
          book.set("lifecycles", lifecycles);
          books.push_back(book);
        }
        Data d{Data::type::object};
        d.set("rulebooks", books);
        kit->render(x, 200, "admin_rulebooks", d, text("rulebooks", lang), who, lang);
      });
}

}  // namespace awardflow::http::detail
