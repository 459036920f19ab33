#include "engine/dossier/rules.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "engine/core/text.hpp"

namespace awardflow::dossier {
namespace {

using core::Message;
using model::Collective;
using model::Individual;

std::string q(const std::string& text) { return "«" + text + "»"; }

std::string percent(double share) {
  const double value = share * 100.0;
  const long rounded = std::lround(value * 10.0);
  std::string out = std::to_string(rounded / 10);
  if (rounded % 10 != 0) out += "." + std::to_string(rounded % 10);
  return out + " %";
}

// "at least 70 %" / "more than 50 %".
Message boundText(const model::ShareBound& bound) {
  return bound.strict
             ? Message{"trên " + percent(bound.value), "more than " + percent(bound.value)}
             : Message{"ít nhất " + percent(bound.value), "at least " + percent(bound.value)};
}

bool meets(int part, int whole, const model::ShareBound& bound) {
  const double needed = bound.value * whole;
  constexpr double kEpsilon = 1e-9;
  return bound.strict ? part > needed + kEpsilon : part >= needed - kEpsilon;
}

class Checker {
 public:
  Checker(const model::Dossier& d, core::Report& report) : d_(d), report_(report) {}

  void checkSelf() {
    checkPeriod();
    checkDocuments();
    checkNominees();
  }

  void checkAgainst(const model::Rulebook* rulebook) {
    if (rulebook == nullptr) {
      report_.error("rulebook.unknown", d_.procedure_where,
                    {"Không có bộ quy tắc " + q(d_.rulebook_id) + " trong hệ thống.",
                     "No rulebook " + q(d_.rulebook_id) + " is loaded."});
      return;
    }
    const model::Procedure* procedure = rulebook->procedure(d_.procedure_id);
    if (procedure == nullptr) {
      report_.error(
          "procedure.unknown", d_.procedure_where,
          {"Bộ quy tắc " + q(rulebook->id) + " không có thủ tục " + q(d_.procedure_id) + ".",
           "Rulebook " + q(rulebook->id) + " has no procedure " + q(d_.procedure_id) + "."});
      return;
    }
    const model::Variant* variant = procedure->variant(d_.variant);
    if (variant == nullptr) {
      report_.error("procedure.variant-unavailable", d_.procedure_where,
                    {"Thủ tục " + q(procedure->title.vi) + " không có quy trình rút gọn.",
                     "Procedure " + q(procedure->id) + " has no simplified variant."});
      return;
    }
    checkInForce(*rulebook);
    if (rulebook->isUpward(*procedure)) {
      report_.add(core::Severity::Notice, "procedure.upward-proposal", d_.procedure_where,
                  {"Hình thức " + q(procedure->title.vi) + " do " + procedure->decided_by_name.vi +
                       " quyết định: hồ sơ được xét ở cấp này rồi trình lên cấp trên.",
                   "The award " + q(procedure->id) + " is decided by " +
                       (procedure->decided_by_name.en.empty()
                            ? std::string(model::name(procedure->decided_by))
                            : procedure->decided_by_name.en) +
                       ": the dossier is reviewed here and forwarded upward."});
    }
    checkNominator(*procedure);
    checkKinds(*procedure);
    checkParts(*variant);
    checkCriteria(procedure->criteria);
  }

 private:
  void checkPeriod() {
    const model::Period& p = d_.period;
    if (!p.campaign_name.empty() && p.to < p.from) {
      report_.error("period.invalid", p.where,
                    {"Đợt thi đua kết thúc (" + p.to.toString() + ") trước khi bắt đầu (" +
                         p.from.toString() + ").",
                     "The campaign ends (" + p.to.toString() + ") before it starts (" +
                         p.from.toString() + ")."});
    }
    if (d_.date < p.from) {
      report_.error("period.after-dossier-date", p.where,
                    {"Kỳ thi đua bắt đầu ngày " + p.from.toString() + ", sau ngày lập hồ sơ " +
                         d_.date.toString() + ".",
                     "The emulation period starts on " + p.from.toString() +
                         ", after the dossier's date " + d_.date.toString() + "."});
    }
  }

  void checkDocuments() {
    std::map<std::tuple<int, std::string, int>, const model::Document*> numbers;
    for (const model::Document& doc : d_.documents) {
      const std::string label = documentLabel(doc);
      if (doc.issued < d_.period.from && d_.period.from <= d_.date) {
        report_.error(
            "document.before-period", doc.issued_where,
            {"Văn bản " + label + " ban hành ngày " + doc.issued.toString() +
                 ", trước khi kỳ thi đua bắt đầu (" + d_.period.from.toString() + ").",
             "Document " + label + " is dated " + doc.issued.toString() +
                 ", before the emulation period starts (" + d_.period.from.toString() + ")."});
      }
      if (d_.date < doc.issued) {
        report_.error("document.after-dossier-date", doc.issued_where,
                      {"Văn bản " + label + " ban hành ngày " + doc.issued.toString() +
                           ", sau ngày lập hồ sơ (" + d_.date.toString() + ").",
                       "Document " + label + " is dated " + doc.issued.toString() +
                           ", after the dossier's date (" + d_.date.toString() + ")."});
      }
      for (const std::string& id : doc.nominees) {
        const bool known =
            std::any_of(d_.nominees.begin(), d_.nominees.end(),
                        [&](const model::Nominee& n) { return model::nomineeId(n) == id; });
        if (known) continue;
        report_.error(
            "document.unknown-nominee", doc.where,
            {"Văn bản " + label + " nhắc tới đối tượng " + q(id) +
                 " không có trong danh sách đề nghị.",
             "Document " + label + " names nominee " + q(id) + ", who is not on the list."});
      }
      if (!doc.number) continue;
      const auto key = std::make_tuple(*doc.number, core::nameKey(doc.notation), doc.issued.year);
      const auto [it, inserted] = numbers.emplace(key, &doc);
      if (!inserted) {
        report_.error(
            "document.duplicate-number", doc.where,
            {"Số, ký hiệu " + q(numberText(doc)) + " năm " + std::to_string(doc.issued.year) +
                 " đã dùng cho văn bản " + q(it->second->id) + ".",
             "Number and notation " + q(numberText(doc)) + " of " +
                 std::to_string(doc.issued.year) + " is already used by document " +
                 q(it->second->id) + "."});
      }
    }
  }

  void checkNominees() {
    std::map<std::string, const model::Nominee*> seen;
    for (const model::Nominee& n : d_.nominees) {
      std::string key = std::string(model::name(model::subjectKind(n))) + "|" +
                        core::nameKey(model::nomineeName(n));
      if (const auto* i = std::get_if<Individual>(&n)) {
        key += "|" + std::to_string(i->birth_year);
        checkBirthYear(*i);
      }
      if (const auto* c = std::get_if<Collective>(&n)) checkCounts(*c);
      const auto [it, inserted] = seen.emplace(key, &n);
      if (!inserted) {
        const std::string& name = model::nomineeName(n);
        report_.error(
            "nominee.duplicate", model::nomineeLocation(n),
            {q(name) + " đã có trong danh sách đề nghị (" + q(model::nomineeId(*it->second)) +
                 "): một thành tích chỉ được khen thưởng một lần.",
             q(name) + " is already on the list (" + q(model::nomineeId(*it->second)) +
                 "): one achievement earns one award."});
      }
    }
  }

  void checkBirthYear(const Individual& i) {
    if (i.birth_year <= d_.period.year) return;
    report_.error("nominee.birth-year", i.fields.of("birthYear", i.where),
                  {q(i.full_name) + " có năm sinh " + std::to_string(i.birth_year) +
                       ", sau kỳ thi đua năm " + std::to_string(d_.period.year) + ".",
                   q(i.full_name) + " was born in " + std::to_string(i.birth_year) +
                       ", after the emulation year " + std::to_string(d_.period.year) + "."});
  }

  void checkCounts(const Collective& c) {
    auto over = [&](const std::optional<int>& count, const char* field, const Message& what) {
      if (!count || *count <= c.member_count) return;
      report_.error(
          "collective.counts-inconsistent", c.fields.of(field, c.where),
          {q(c.name) + ": số " + what.vi + " (" + std::to_string(*count) +
               ") lớn hơn tổng số thành viên (" + std::to_string(c.member_count) + ").",
           q(c.name) + ": the number of " + what.en + " (" + std::to_string(*count) +
               ") exceeds the number of members (" + std::to_string(c.member_count) + ")."});
    };
    over(c.advanced_worker_count, "advancedWorkerCount",
         {"Lao động tiên tiến", "Advanced Workers"});
    over(c.members_completed_duties, "membersCompletedDuties",
         {"thành viên hoàn thành nhiệm vụ", "members who completed their duties"});
    over(c.emulation_fighter_count, "emulationFighterCount",
         {"Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighters"});
    const int disciplined =
        c.members_reprimanded.value_or(0) + c.members_warning_or_above.value_or(0);
    over(disciplined > 0 ? std::optional<int>(disciplined) : std::nullopt, "membersDisciplined",
         {"thành viên bị kỷ luật", "disciplined members"});
    if (c.emulation_fighter_count && c.advanced_worker_count &&
        *c.emulation_fighter_count > *c.advanced_worker_count) {
      report_.error(
          "collective.counts-inconsistent", c.fields.of("emulationFighterCount", c.where),
          {q(c.name) + ": số Chiến sĩ thi đua cơ sở (" +
               std::to_string(*c.emulation_fighter_count) + ") lớn hơn số Lao động tiên tiến (" +
               std::to_string(*c.advanced_worker_count) + ").",
           q(c.name) + ": more Grassroots Emulation Fighters (" +
               std::to_string(*c.emulation_fighter_count) + ") than Advanced Workers (" +
               std::to_string(*c.advanced_worker_count) + ")."});
    }
  }

  void checkInForce(const model::Rulebook& rulebook) {
    if (rulebook.inForce(d_.date)) return;
    const std::string span = rulebook.valid_from.toString() + " – " +
                             (rulebook.valid_to ? rulebook.valid_to->toString() : std::string("…"));
    report_.error(
        "rulebook.not-in-force", d_.date_where,
        {"Ngày lập hồ sơ " + d_.date.toString() + " nằm ngoài thời gian hiệu lực của bộ quy tắc " +
             q(rulebook.id) + " (" + span + ").",
         "The dossier's date " + d_.date.toString() + " is outside the validity of rulebook " +
             q(rulebook.id) + " (" + span + ")."});
  }

  void checkNominator(const model::Procedure& procedure) {
    if (procedure.nominators.empty()) return;
    if (std::find(procedure.nominators.begin(), procedure.nominators.end(), d_.unit_level) !=
        procedure.nominators.end()) {
      return;
    }
    const Message level = model::label(d_.unit_level);
    report_.error(
        "unit.level-not-eligible", d_.unit_where,
        {"Đơn vị " + level.vi + " không được đề nghị theo thủ tục " + q(procedure.title.vi) + ".",
         "A unit at " + level.en + " level may not nominate under procedure " + q(procedure.id) +
             "."});
  }

  void checkKinds(const model::Procedure& procedure) {
    for (const model::Nominee& n : d_.nominees) {
      const model::SubjectKind kind = model::subjectKind(n);
      if (std::find(procedure.subjects.begin(), procedure.subjects.end(), kind) !=
          procedure.subjects.end()) {
        continue;
      }
      const Message what = model::label(kind);
      report_.error("nominee.kind-not-allowed", model::nomineeLocation(n),
                    {q(model::nomineeName(n)) + " là " + what.vi + ": hình thức " +
                         q(procedure.title.vi) + " không tặng cho đối tượng này.",
                     q(model::nomineeName(n)) + " is a " + what.en + ": the award " +
                         q(procedure.id) + " does not go to this kind of nominee."});
    }
  }

  void checkParts(const model::Variant& variant) {
    for (const model::PartRule& part : variant.parts) {
      std::vector<const model::Document*> docs;
      for (const model::Document& doc : d_.documents) {
        if (doc.part == part.kind) docs.push_back(&doc);
      }
      const std::string label_vi =
          part.label.vi.empty() ? model::label(part.kind).vi : part.label.vi;
      const std::string label_en =
          part.label.en.empty() ? model::label(part.kind).en : part.label.en;
      if (docs.empty()) {
        report_.error("parts.missing", {0, 0, "/dossier/documents"},
                      {"Thiếu thành phần hồ sơ: " + label_vi + " (" +
                           std::string(model::name(part.kind)) + ").",
                       "Missing dossier part: " + label_en + " (" +
                           std::string(model::name(part.kind)) + ")."});
        continue;
      }
      if (!part.per_nominee) continue;
      for (const model::Nominee& n : d_.nominees) {
        const std::string& id = model::nomineeId(n);
        const bool covered = std::any_of(docs.begin(), docs.end(), [&](const model::Document* doc) {
          if (doc->nominees.empty()) return d_.nominees.size() == 1;
          return std::find(doc->nominees.begin(), doc->nominees.end(), id) != doc->nominees.end();
        });
        if (covered) continue;
        report_.error("parts.missing-for-nominee", model::nomineeLocation(n),
                      {"Thiếu " + label_vi + " của " + q(model::nomineeName(n)) + ".",
                       "Missing " + label_en + " for " + q(model::nomineeName(n)) + "."});
      }
    }
  }

  void checkCriteria(const model::Criteria& criteria) {
    std::size_t individuals = 0;
    for (const model::Nominee& n : d_.nominees) {
      if (const auto* i = std::get_if<Individual>(&n)) {
        ++individuals;
        checkIndividual(*i, criteria);
      } else if (const auto* c = std::get_if<Collective>(&n)) {
        checkCollective(*c, criteria);
      }
    }
    if (criteria.quota_share && individuals > 0) checkQuota(*criteria.quota_share, individuals);
  }

  void notChecked(const core::Location& where, const std::string& who, const Message& what) {
    report_.add(
        core::Severity::Warning, "criteria.not-checked", where,
        {q(who) + ": không kiểm tra được tiêu chuẩn về " + what.vi + " vì hồ sơ không có dữ liệu.",
         q(who) + ": the criterion on " + what.en +
             " cannot be checked: the dossier lacks the data."});
  }

  void checkIndividual(const Individual& i, const model::Criteria& criteria) {
    const std::string& who = i.full_name;
    if (criteria.min_rating) {
      if (!i.annual_rating) {
        notChecked(i.where, who, {"xếp loại chất lượng", "the annual rating"});
      } else if (*i.annual_rating > *criteria.min_rating) {
        const Message got = model::label(*i.annual_rating);
        const Message need = model::label(*criteria.min_rating);
        report_.error(
            "criteria.rating", i.fields.of("annualRating", i.where),
            {q(who) + " được xếp loại " + q(got.vi) + ", chưa đạt mức tối thiểu " + q(need.vi) +
                 ".",
             q(who) + " is rated " + q(got.en) + ", below the required " + q(need.en) + "."});
      }
    }
    if (criteria.max_discipline) {
      if (!i.discipline) {
        notChecked(i.where, who, {"kỷ luật", "discipline"});
      } else if (*i.discipline > *criteria.max_discipline) {
        const Message got = model::label(*i.discipline);
        report_.error("criteria.discipline", i.fields.of("discipline", i.where),
                      {q(who) + " đang chịu hình thức kỷ luật " + q(got.vi) +
                           ", không đủ điều kiện khen thưởng.",
                       q(who) + " is under the disciplinary measure " + q(got.en) +
                           " and cannot be awarded."});
      }
    }
    if (criteria.no_administrative_sanction) {
      if (!i.administrative_sanction) {
        notChecked(i.where, who, {"xử phạt vi phạm hành chính", "administrative sanctions"});
      } else if (*i.administrative_sanction) {
        report_.error("criteria.administrative-sanction",
                      i.fields.of("administrativeSanction", i.where),
                      {q(who) + " bị xử phạt vi phạm hành chính trong kỳ thi đua.",
                       q(who) + " received an administrative sanction during the period."});
      }
    }
    if (criteria.initiative_required) checkInitiatives(i);
  }

  void checkInitiatives(const Individual& i) {
    if (i.initiatives.empty()) {
      report_.error("criteria.initiative-missing", i.where,
                    {q(i.full_name) + " chưa có sáng kiến hoặc đề tài nghiên cứu được công nhận.",
                     q(i.full_name) + " has no recognised initiative or applied research."});
      return;
    }
    const auto recognised = [&](const model::Initiative& initiative) {
      if (!initiative.recognition) return false;
      return std::any_of(d_.documents.begin(), d_.documents.end(), [&](const model::Document& doc) {
        return doc.id == *initiative.recognition &&
               doc.part == model::PartKind::InitiativeRecognition;
      });
    };
    if (std::any_of(i.initiatives.begin(), i.initiatives.end(), recognised)) return;
    for (const model::Initiative& initiative : i.initiatives) {
      report_.error("criteria.initiative-unrecognised", initiative.where,
                    {"Sáng kiến " + q(initiative.title) + " của " + q(i.full_name) +
                         " không dẫn tới văn bản công nhận sáng kiến nào trong hồ sơ.",
                     "Initiative " + q(initiative.title) + " of " + q(i.full_name) +
                         " does not point to a recognition of the initiative in the dossier."});
    }
  }

  void checkQuota(double share, std::size_t individuals) {
    if (!d_.unit_advanced_worker_count) {
      notChecked(d_.unit_where, d_.unit_name,
                 {"tỷ lệ " + percent(share), "the " + percent(share) + " quota"});
      return;
    }
    const int base = *d_.unit_advanced_worker_count;
    const auto allowed = static_cast<std::size_t>(std::floor(share * base + 1e-9));
    if (individuals <= allowed) return;
    report_.error("criteria.quota", d_.unit_where,
                  {"Đề nghị " + std::to_string(individuals) + " người, vượt tỷ lệ " +
                       percent(share) + " của " + std::to_string(base) +
                       " Lao động tiên tiến (tối đa " + std::to_string(allowed) + ").",
                   std::to_string(individuals) + " nominees exceed the " + percent(share) +
                       " quota of " + std::to_string(base) + " Advanced Workers (at most " +
                       std::to_string(allowed) + ")."});
  }

  // One "share of members" criterion: what it is called and where its count stands.
  struct ShareCriterion {
    const char* code;
    const char* field;
    Message members;  // "members <who …>"
    Message topic;    // for criteria.not-checked
  };

  void checkShare(const Collective& c, const std::optional<model::ShareBound>& bound,
                  const std::optional<int>& count, const ShareCriterion& what) {
    if (!bound) return;
    if (!count) {
      notChecked(c.where, c.name, what.topic);
      return;
    }
    if (meets(*count, c.member_count, *bound)) return;
    const Message need = boundText(*bound);
    const std::string got = std::to_string(*count) + "/" + std::to_string(c.member_count);
    report_.error(
        what.code, c.fields.of(what.field, c.where),
        {q(c.name) + " có " + got + " thành viên " + what.members.vi + ", cần " + need.vi + ".",
         q(c.name) + " has " + got + " members " + what.members.en + "; " + need.en +
             " are required."});
  }

  void checkCollective(const Collective& c, const model::Criteria& criteria) {
    const std::string& who = c.name;
    checkShare(c, criteria.min_advanced_worker_share, c.advanced_worker_count,
               {"criteria.advanced-worker-share",
                "advancedWorkerCount",
                {"đạt Lao động tiên tiến", "who are Advanced Workers"},
                {"tỷ lệ Lao động tiên tiến", "the share of Advanced Workers"}});
    checkShare(c, criteria.min_duties_completed_share, c.members_completed_duties,
               {"criteria.duties-completed-share",
                "membersCompletedDuties",
                {"hoàn thành nhiệm vụ", "who completed their duties"},
                {"tỷ lệ hoàn thành nhiệm vụ", "the share of members who completed their duties"}});
    if (criteria.min_emulation_fighters) {
      const int need = *criteria.min_emulation_fighters;
      if (!c.emulation_fighter_count) {
        notChecked(c.where, who, {"Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighters"});
      } else if (*c.emulation_fighter_count < need) {
        report_.error("criteria.emulation-fighters", c.fields.of("emulationFighterCount", c.where),
                      {q(who) + " có " + std::to_string(*c.emulation_fighter_count) +
                           " Chiến sĩ thi đua cơ sở, cần ít nhất " + std::to_string(need) + ".",
                       q(who) + " has " + std::to_string(*c.emulation_fighter_count) +
                           " Grassroots Emulation Fighters; at least " + std::to_string(need) +
                           " are required."});
      }
    }
    if (criteria.max_members_disciplined_warning_or_above) {
      const int most = *criteria.max_members_disciplined_warning_or_above;
      if (!c.members_warning_or_above) {
        notChecked(c.where, who, {"kỷ luật của thành viên", "members' discipline"});
      } else if (*c.members_warning_or_above > most) {
        report_.error("criteria.members-disciplined", c.fields.of("membersDisciplined", c.where),
                      {q(who) + " có " + std::to_string(*c.members_warning_or_above) +
                           " thành viên bị kỷ luật từ cảnh cáo trở lên (tối đa " +
                           std::to_string(most) + ").",
                       q(who) + " has " + std::to_string(*c.members_warning_or_above) +
                           " members disciplined at warning or above (at most " +
                           std::to_string(most) + ")."});
      }
    }
  }

  static std::string numberText(const model::Document& doc) {
    std::string out = doc.number ? std::to_string(*doc.number) : std::string();
    if (!doc.notation.empty()) out += (out.empty() ? "" : "/") + doc.notation;
    return out;
  }

  static std::string documentLabel(const model::Document& doc) {
    const std::string number = numberText(doc);
    return q(number.empty() ? doc.id : number);
  }

  const model::Dossier& d_;
  core::Report& report_;
};

}  // namespace

void checkRules(const model::Dossier& dossier, const model::Rulebook* rulebook,
                core::Report& report) {
  Checker checker(dossier, report);
  checker.checkSelf();
  checker.checkAgainst(rulebook);
}

}  // namespace awardflow::dossier
