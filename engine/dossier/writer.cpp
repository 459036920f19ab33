#include "engine/dossier/writer.hpp"

#include <type_traits>

#include "engine/dossier/reader.hpp"
#include "engine/xml/escape.hpp"

namespace awardflow::dossier {
namespace {

// Appends indented elements to one string.
class Out {
 public:
  std::string text;

  void open(int depth, std::string_view name, std::string_view attributes = {}) {
    indent(depth);
    text += "<";
    text += name;
    text += attributes;
    text += ">\n";
  }
  void close(int depth, std::string_view name) {
    indent(depth);
    text += "</";
    text += name;
    text += ">\n";
  }
  void leaf(int depth, std::string_view name, std::string_view value) {
    indent(depth);
    text += "<";
    text += name;
    text += ">";
    text += xml::escapeText(value);
    text += "</";
    text += name;
    text += ">\n";
  }
  void empty(int depth, std::string_view name, std::string_view attributes) {
    indent(depth);
    text += "<";
    text += name;
    text += attributes;
    text += "/>\n";
  }

 private:
  void indent(int depth) { text.append(static_cast<std::size_t>(depth) * 2, ' '); }
};

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml::escapeAttribute(value) + "\"";
}

// A date the model has; the reader's stand-in for none (core::Date{}) is written empty.
std::string dateText(const core::Date& date) { return date == core::Date{} ? "" : date.toString(); }

std::string boolText(bool value) { return value ? "true" : "false"; }

void writeIndividual(Out& out, const model::Individual& n) {
  out.open(2, "individual",
           attribute("id", n.id) + attribute("directLabourer", boolText(n.direct_labourer)));
  out.leaf(3, "fullName", n.full_name);
  out.leaf(3, "gender", n.female ? "female" : "male");
  out.leaf(3, "birthYear", n.birth_year == 0 ? "" : std::to_string(n.birth_year));
  out.leaf(3, "position", n.position);
  out.leaf(3, "unit", n.unit);
  if (n.annual_rating) out.leaf(3, "annualRating", model::name(*n.annual_rating));
  if (n.discipline) out.leaf(3, "discipline", model::name(*n.discipline));
  if (n.administrative_sanction)
    out.leaf(3, "administrativeSanction", boolText(*n.administrative_sanction));
  if (!n.initiatives.empty()) {
    out.open(3, "initiatives");
    for (const model::Initiative& i : n.initiatives) {
      std::string attributes;
      if (i.research) attributes += attribute("kind", "research");
      if (i.recognition) attributes += attribute("recognition", *i.recognition);
      out.open(4, "initiative", attributes);
      out.leaf(5, "title", i.title);
      out.close(4, "initiative");
    }
    out.close(3, "initiatives");
  }
  if (!n.achievement.empty()) out.leaf(3, "achievement", n.achievement);
  out.close(2, "individual");
}

void writeCollective(Out& out, const model::Collective& n) {
  std::string attributes = attribute("id", n.id);
  if (!n.kind.empty() && n.kind != "unit") attributes += attribute("kind", n.kind);
  out.open(2, "collective", attributes);
  out.leaf(3, "name", n.name);
  out.leaf(3, "memberCount", n.member_count == 0 ? "" : std::to_string(n.member_count));
  const auto count = [&](std::string_view name, const std::optional<int>& value) {
    if (value) out.leaf(3, name, std::to_string(*value));
  };
  count("membersCompletedDuties", n.members_completed_duties);
  count("advancedWorkerCount", n.advanced_worker_count);
  count("emulationFighterCount", n.emulation_fighter_count);
  if (n.members_reprimanded || n.members_warning_or_above) {
    out.empty(
        3, "membersDisciplined",
        attribute("reprimand", std::to_string(n.members_reprimanded.value_or(0))) +
            attribute("warningOrAbove", std::to_string(n.members_warning_or_above.value_or(0))));
  }
  if (!n.achievement.empty()) out.leaf(3, "achievement", n.achievement);
  out.close(2, "collective");
}

void writeFamily(Out& out, const model::Family& n) {
  out.open(2, "family",
           attribute("id", n.id) + attribute("directLabourer", boolText(n.direct_labourer)));
  out.leaf(3, "headOfHousehold", n.head_of_household);
  out.leaf(3, "address", n.address);
  out.leaf(3, "memberCount", n.member_count == 0 ? "" : std::to_string(n.member_count));
  if (!n.achievement.empty()) out.leaf(3, "achievement", n.achievement);
  out.close(2, "family");
}

void writeDocument(Out& out, const model::Document& d) {
  std::string attributes = attribute("id", d.id) + attribute("part", model::name(d.part));
  if (!d.nominees.empty()) {
    std::string ids;
    for (const std::string& n : d.nominees) ids += (ids.empty() ? "" : " ") + n;
    attributes += attribute("nominees", ids);
  }
  out.open(2, "document", attributes);
  if (d.number) out.leaf(3, "number", std::to_string(*d.number));
  if (!d.notation.empty()) out.leaf(3, "notation", d.notation);
  out.leaf(3, "issuedDate", dateText(d.issued));
  out.open(3, "signer");
  out.leaf(4, "position", d.signer_position);
  out.leaf(4, "fullName", d.signer_name);
  out.close(3, "signer");
  out.leaf(3, "subject", d.subject);
  out.leaf(3, "pageCount", d.page_count == 0 ? "" : std::to_string(d.page_count));
  out.empty(3, "attachment",
            attribute("fileName", d.attachment.file_name) +
                attribute("mediaType", d.attachment.media_type) +
                attribute("size", std::to_string(d.attachment.size)) +
                attribute("sha256", d.attachment.sha256));
  out.close(2, "document");
}

}  // namespace

std::string writeDossier(const model::Dossier& d) {
  Out out;
  out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out.open(0, "dossier",
           attribute("xmlns", kDossierNamespace) + attribute("id", d.id) +
               attribute("schemaVersion", "1"));
  std::string procedure = attribute("rulebook", d.rulebook_id) + attribute("id", d.procedure_id);
  if (d.variant != model::VariantKind::Standard)
    procedure += attribute("variant", model::name(d.variant));
  out.empty(1, "procedure", procedure);
  out.open(1, "nominatingUnit",
           attribute("code", d.unit_code) + attribute("level", model::name(d.unit_level)));
  out.leaf(2, "name", d.unit_name);
  if (d.unit_advanced_worker_count)
    out.leaf(2, "advancedWorkerCount", std::to_string(*d.unit_advanced_worker_count));
  out.close(1, "nominatingUnit");
  out.open(1, "period", attribute("year", std::to_string(d.period.year)));
  if (!d.period.campaign_name.empty()) {
    out.open(2, "campaign");
    out.leaf(3, "name", d.period.campaign_name);
    out.leaf(3, "from", dateText(d.period.from));
    out.leaf(3, "to", dateText(d.period.to));
    out.close(2, "campaign");
  } else {
    out.leaf(2, "wave", d.period.wave);
  }
  out.close(1, "period");
  out.leaf(1, "date", dateText(d.date));
  out.leaf(1, "title", d.title);
  out.leaf(1, "achievementSummary", d.achievement_summary);
  out.open(1, "nominees");
  for (const model::Nominee& n : d.nominees) {
    std::visit(
        [&](const auto& nominee) {
          using T = std::decay_t<decltype(nominee)>;
          if constexpr (std::is_same_v<T, model::Individual>) {
            writeIndividual(out, nominee);
          } else if constexpr (std::is_same_v<T, model::Collective>) {
            writeCollective(out, nominee);
          } else {
            writeFamily(out, nominee);
          }
        },
        n);
  }
  out.close(1, "nominees");
  out.open(1, "documents");
  for (const model::Document& doc : d.documents) writeDocument(out, doc);
  out.close(1, "documents");
  out.close(0, "dossier");
  return out.text;
}

}  // namespace awardflow::dossier
