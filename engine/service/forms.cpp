#include "engine/service/forms.hpp"

#include <charconv>

#include <Poco/JSON/Array.h>

#include "engine/core/text.hpp"

namespace awardflow::service {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Reads members of one JSON object, reporting type problems at their JSON pointers.
class Fields {
 public:
  Fields(Object::Ptr object, std::string pointer, core::Report& report)
      : object_(std::move(object)), pointer_(std::move(pointer)), report_(report) {}

  std::string at(std::string_view name) const { return pointer_ + "/" + std::string(name); }

  // A string member ("" when absent or null); numbers are taken as their text.
  std::string text(const std::string& name) const {
    if (!present(name)) return {};
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.isString() || v.isNumeric()) return core::toNfc(v.convert<std::string>());
    typeProblem(name, "text", "chữ");
    return {};
  }

  std::optional<int> integer(const std::string& name) const {
    if (!present(name)) return std::nullopt;
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.isInteger()) return v.convert<int>();
    if (v.isString()) {
      const std::string s = core::collapseSpace(v.extract<std::string>());
      if (s.empty()) return std::nullopt;
      int value = 0;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
      if (ec == std::errc() && end == s.data() + s.size()) return value;
    }
    typeProblem(name, "a whole number", "số nguyên");
    return std::nullopt;
  }

  std::optional<bool> boolean(const std::string& name) const {
    if (!present(name)) return std::nullopt;
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.isBoolean()) return v.convert<bool>();
    if (v.isString()) {
      const std::string s = v.extract<std::string>();
      if (s == "true" || s == "on" || s == "1") return true;
      if (s == "false" || s == "off" || s == "0" || s.empty()) return false;
    }
    typeProblem(name, "true or false", "đúng hoặc sai");
    return std::nullopt;
  }

  core::Date date(const std::string& name) const {
    const std::string s = core::collapseSpace(text(name));
    if (s.empty()) return {};
    if (auto d = core::Date::parse(s)) return *d;
    report_.error("form.value", {0, 0, at(name)},
                  {"'" + s + "' không phải ngày dạng YYYY-MM-DD",
                   "'" + s + "' is not a date in the form YYYY-MM-DD"});
    return {};
  }

  // An enumeration member through `parse`; an unknown value is a problem.
  template <typename T, typename Parse>
  std::optional<T> choice(const std::string& name, Parse parse) const {
    const std::string s = core::collapseSpace(text(name));
    if (s.empty()) return std::nullopt;
    if (auto value = parse(s)) return value;
    report_.error("form.value", {0, 0, at(name)},
                  {"giá trị '" + s + "' không có trong danh sách được chọn",
                   "'" + s + "' is not one of the allowed values"});
    return std::nullopt;
  }

  Object::Ptr object(const std::string& name) const {
    if (!present(name)) return nullptr;
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
    typeProblem(name, "an object", "một đối tượng");
    return nullptr;
  }

  Array::Ptr array(const std::string& name) const {
    if (!present(name)) return nullptr;
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>();
    typeProblem(name, "a list", "một danh sách");
    return nullptr;
  }

  // The list member's strings (a single string is split at white space).
  std::vector<std::string> strings(const std::string& name) const {
    std::vector<std::string> out;
    if (!present(name)) return out;
    const Poco::Dynamic::Var v = object_->get(name);
    if (v.isString()) {
      const std::string s = v.extract<std::string>();
      std::size_t at = 0;
      while ((at = s.find_first_not_of(" \t\r\n,", at)) != std::string::npos) {
        const std::size_t end = std::min(s.find_first_of(" \t\r\n,", at), s.size());
        out.push_back(s.substr(at, end - at));
        at = end;
      }
      return out;
    }
    if (Array::Ptr list = array(name)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Poco::Dynamic::Var item = list->get(static_cast<unsigned>(i));
        if (item.isString()) {
          out.push_back(item.extract<std::string>());
        } else {
          report_.error("form.type", {0, 0, at(name) + "/" + std::to_string(i)},
                        {"phải là chữ", "must be text"});
        }
      }
    }
    return out;
  }

  core::Report& report() const { return report_; }

 private:
  bool present(const std::string& name) const {
    return object_ && object_->has(name) && !object_->isNull(name);
  }
  void typeProblem(const std::string& name, const std::string& en, const std::string& vi) const {
    report_.error("form.type", {0, 0, at(name)}, {"phải là " + vi, "must be " + en});
  }

  Object::Ptr object_;
  std::string pointer_;
  core::Report& report_;
};

// Objects of a list member, each with its pointer.
template <typename F>
void eachObject(const Fields& parent, const std::string& name, F&& read) {
  Array::Ptr list = parent.array(name);
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string pointer = parent.at(name) + "/" + std::to_string(i);
    const Poco::Dynamic::Var item = list->get(static_cast<unsigned>(i));
    if (item.type() != typeid(Object::Ptr)) {
      parent.report().error("form.type", {0, 0, pointer},
                            {"phải là một đối tượng", "must be an object"});
      continue;
    }
    read(Fields(item.extract<Object::Ptr>(), pointer, parent.report()));
  }
}

model::Nominee readNominee(const Fields& f) {
  const std::string kind = f.text("kind");
  if (kind == "collective") {
    model::Collective c;
    c.id = f.text("id");
    c.kind = f.text("collectiveKind");
    if (c.kind.empty()) c.kind = "unit";
    c.name = f.text("name");
    c.member_count = f.integer("memberCount").value_or(0);
    c.members_completed_duties = f.integer("membersCompletedDuties");
    c.advanced_worker_count = f.integer("advancedWorkerCount");
    c.emulation_fighter_count = f.integer("emulationFighterCount");
    c.members_reprimanded = f.integer("membersReprimanded");
    c.members_warning_or_above = f.integer("membersWarningOrAbove");
    c.achievement = f.text("achievement");
    return c;
  }
  if (kind == "family") {
    model::Family m;
    m.id = f.text("id");
    m.head_of_household = f.text("headOfHousehold");
    m.address = f.text("address");
    m.member_count = f.integer("memberCount").value_or(0);
    m.direct_labourer = f.boolean("directLabourer").value_or(false);
    m.achievement = f.text("achievement");
    return m;
  }
  if (kind != "individual" && !kind.empty()) {
    f.report().error("form.value", {0, 0, f.at("kind")},
                     {"loại đối tượng phải là individual, collective hoặc family",
                      "kind must be individual, collective or family"});
  }
  model::Individual n;
  n.id = f.text("id");
  n.full_name = f.text("fullName");
  n.female = f.text("gender") == "female";
  n.birth_year = f.integer("birthYear").value_or(0);
  n.position = f.text("position");
  n.unit = f.text("unit");
  n.direct_labourer = f.boolean("directLabourer").value_or(false);
  n.annual_rating = f.choice<model::Rating>(
      "annualRating", [](std::string_view s) { return model::parseRating(s); });
  n.discipline = f.choice<model::Discipline>(
      "discipline", [](std::string_view s) { return model::parseDiscipline(s); });
  n.administrative_sanction = f.boolean("administrativeSanction");
  eachObject(f, "initiatives", [&](const Fields& i) {
    model::Initiative initiative;
    initiative.title = i.text("title");
    initiative.research = i.text("kind") == "research";
    const std::string recognition = i.text("recognition");
    if (!recognition.empty()) initiative.recognition = recognition;
    n.initiatives.push_back(std::move(initiative));
  });
  n.achievement = f.text("achievement");
  return n;
}

model::Document readDocument(const Fields& f) {
  model::Document d;
  d.id = f.text("id");
  d.part = f.choice<model::PartKind>("part", [](std::string_view s) {
              return model::parsePartKind(s);
            }).value_or(model::PartKind::Other);
  d.number = f.integer("number");
  d.notation = f.text("notation");
  d.issued = f.date("issuedDate");
  if (Object::Ptr signer = f.object("signer")) {
    const Fields s(signer, f.at("signer"), f.report());
    d.signer_position = s.text("position");
    d.signer_name = s.text("fullName");
  }
  d.subject = f.text("subject");
  d.page_count = f.integer("pageCount").value_or(0);
  d.nominees = f.strings("nominees");
  d.attachment.file_name = f.text("file");
  return d;
}

// "individual[2]" → ("individual", 2); the index is 1 when there is none.
std::pair<std::string_view, int> step(std::string_view segment) {
  const auto open = segment.find('[');
  if (open == std::string_view::npos) return {segment, 1};
  int index = 1;
  std::from_chars(segment.data() + open + 1, segment.data() + segment.size() - 1, index);
  return {segment.substr(0, open), index};
}

}  // namespace

model::Dossier dossierFromJson(const Poco::JSON::Object::Ptr& form, core::Report& report) {
  model::Dossier d;
  const Fields f(form, "", report);
  d.id = f.text("id");
  if (Object::Ptr p = f.object("procedure")) {
    const Fields procedure(p, "/procedure", report);
    d.rulebook_id = procedure.text("rulebook");
    d.procedure_id = procedure.text("id");
    d.variant = procedure
                    .choice<model::VariantKind>(
                        "variant", [](std::string_view s) { return model::parseVariantKind(s); })
                    .value_or(model::VariantKind::Standard);
  }
  d.unit_advanced_worker_count = f.integer("unitAdvancedWorkerCount");
  if (Object::Ptr p = f.object("period")) {
    const Fields period(p, "/period", report);
    d.period.year = period.integer("year").value_or(0);
    if (Object::Ptr c = period.object("campaign")) {
      const Fields campaign(c, "/period/campaign", report);
      d.period.campaign_name = campaign.text("name");
      d.period.from = campaign.date("from");
      d.period.to = campaign.date("to");
    } else {
      d.period.wave = period.text("wave");
    }
  }
  d.date = f.date("date");
  d.title = f.text("title");
  d.achievement_summary = f.text("achievementSummary");
  eachObject(f, "nominees", [&](const Fields& n) { d.nominees.push_back(readNominee(n)); });
  eachObject(f, "documents", [&](const Fields& doc) { d.documents.push_back(readDocument(doc)); });
  return d;
}

Poco::JSON::Object::Ptr dossierToJson(const model::Dossier& d) {
  const auto object = [] { return Object::Ptr(new Object(Poco::JSON_PRESERVE_KEY_ORDER)); };
  const auto date = [](const core::Date& value) {
    return value == core::Date{} ? std::string() : value.toString();
  };
  Object::Ptr o = object();
  o->set("id", d.id);
  Object::Ptr procedure = object();
  procedure->set("rulebook", d.rulebook_id);
  procedure->set("id", d.procedure_id);
  procedure->set("variant", std::string(model::name(d.variant)));
  o->set("procedure", procedure);
  if (d.unit_advanced_worker_count)
    o->set("unitAdvancedWorkerCount", *d.unit_advanced_worker_count);
  Object::Ptr period = object();
  period->set("year", d.period.year);
  if (!d.period.campaign_name.empty()) {
    Object::Ptr campaign = object();
    campaign->set("name", d.period.campaign_name);
    campaign->set("from", date(d.period.from));
    campaign->set("to", date(d.period.to));
    period->set("campaign", campaign);
  } else {
    period->set("wave", d.period.wave);
  }
  o->set("period", period);
  o->set("date", date(d.date));
  o->set("title", d.title);
  o->set("achievementSummary", d.achievement_summary);
  Array::Ptr nominees = new Array;
  for (const model::Nominee& nominee : d.nominees) {
    Object::Ptr n = object();
    if (const auto* i = std::get_if<model::Individual>(&nominee)) {
      n->set("kind", "individual");
      n->set("id", i->id);
      n->set("fullName", i->full_name);
      n->set("gender", i->female ? "female" : "male");
      n->set("birthYear", i->birth_year);
      n->set("position", i->position);
      n->set("unit", i->unit);
      n->set("directLabourer", i->direct_labourer);
      if (i->annual_rating) n->set("annualRating", std::string(model::name(*i->annual_rating)));
      if (i->discipline) n->set("discipline", std::string(model::name(*i->discipline)));
      if (i->administrative_sanction) n->set("administrativeSanction", *i->administrative_sanction);
      if (!i->initiatives.empty()) {
        Array::Ptr initiatives = new Array;
        for (const model::Initiative& it : i->initiatives) {
          Object::Ptr io = object();
          io->set("title", it.title);
          io->set("kind", it.research ? "research" : "initiative");
          if (it.recognition) io->set("recognition", *it.recognition);
          initiatives->add(io);
        }
        n->set("initiatives", initiatives);
      }
      n->set("achievement", i->achievement);
    } else if (const auto* c = std::get_if<model::Collective>(&nominee)) {
      n->set("kind", "collective");
      n->set("id", c->id);
      n->set("collectiveKind", c->kind);
      n->set("name", c->name);
      n->set("memberCount", c->member_count);
      const auto count = [&](const char* name, const std::optional<int>& value) {
        if (value) n->set(name, *value);
      };
      count("membersCompletedDuties", c->members_completed_duties);
      count("advancedWorkerCount", c->advanced_worker_count);
      count("emulationFighterCount", c->emulation_fighter_count);
      count("membersReprimanded", c->members_reprimanded);
      count("membersWarningOrAbove", c->members_warning_or_above);
      n->set("achievement", c->achievement);
    } else if (const auto* f = std::get_if<model::Family>(&nominee)) {
      n->set("kind", "family");
      n->set("id", f->id);
      n->set("headOfHousehold", f->head_of_household);
      n->set("address", f->address);
      n->set("memberCount", f->member_count);
      n->set("directLabourer", f->direct_labourer);
      n->set("achievement", f->achievement);
    }
    nominees->add(n);
  }
  o->set("nominees", nominees);
  Array::Ptr documents = new Array;
  for (const model::Document& doc : d.documents) {
    Object::Ptr od = object();
    od->set("id", doc.id);
    od->set("part", std::string(model::name(doc.part)));
    if (doc.number) od->set("number", *doc.number);
    if (!doc.notation.empty()) od->set("notation", doc.notation);
    od->set("issuedDate", date(doc.issued));
    Object::Ptr signer = object();
    signer->set("position", doc.signer_position);
    signer->set("fullName", doc.signer_name);
    od->set("signer", signer);
    od->set("subject", doc.subject);
    od->set("pageCount", doc.page_count);
    if (!doc.nominees.empty()) {
      Array::Ptr ids = new Array;
      for (const std::string& id : doc.nominees) ids->add(id);
      od->set("nominees", ids);
    }
    od->set("file", doc.attachment.file_name);
    documents->add(od);
  }
  o->set("documents", documents);
  return o;
}

std::string formField(std::string_view xml_path, const model::Dossier& dossier) {
  constexpr std::string_view kRoot = "/dossier";
  if (xml_path.substr(0, kRoot.size()) != kRoot) return {};
  std::vector<std::string_view> segments;
  for (std::string_view rest = xml_path.substr(kRoot.size()); !rest.empty();) {
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  if (segments.empty()) return {};
  const auto tail = [&](std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < segments.size(); ++i)
      out += "/" + std::string(step(segments[i]).first);
    return out;
  };
  const auto [first, first_index] = step(segments[0]);
  if (first == "nominees" && segments.size() >= 2) {
    const auto [kind, nth] = step(segments[1]);
    int seen = 0;
    for (std::size_t i = 0; i < dossier.nominees.size(); ++i) {
      const bool same =
          (kind == "individual" &&
           std::holds_alternative<model::Individual>(dossier.nominees[i])) ||
          (kind == "collective" &&
           std::holds_alternative<model::Collective>(dossier.nominees[i])) ||
          (kind == "family" && std::holds_alternative<model::Family>(dossier.nominees[i]));
      if (same && ++seen == nth) {
        std::string out = "/nominees/" + std::to_string(i);
        // initiatives/initiative[k]/title → initiatives/(k-1)/title
        for (std::size_t s = 2; s < segments.size(); ++s) {
          const auto [name, index] = step(segments[s]);
          if (name == "initiative") {
            out += "/" + std::to_string(index - 1);
          } else if (name == "membersDisciplined") {
            out += "/membersReprimanded";
            break;
          } else {
            out += "/" + std::string(name);
          }
        }
        return out;
      }
    }
    return "/nominees";
  }
  if (first == "documents" && segments.size() >= 2) {
    const auto [name, nth] = step(segments[1]);
    std::string out = "/documents/" + std::to_string(nth - 1);
    const std::string rest = tail(2);
    return out + (rest == "/attachment" ? "/file" : rest);
  }
  if (first == "nominatingUnit") {
    return segments.size() >= 2 && step(segments[1]).first == "advancedWorkerCount"
               ? "/unitAdvancedWorkerCount"
               : "";
  }
  (void)first_index;
  return tail(0);
}

}  // namespace awardflow::service
