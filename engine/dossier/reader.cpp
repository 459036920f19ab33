#include "engine/dossier/reader.hpp"

#include <algorithm>
#include <charconv>

#include "engine/core/text.hpp"

namespace awardflow::dossier {
namespace {

using xml::Element;

int toInt(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<int> optionalInt(const Element& parent, std::string_view name) {
  if (auto text = parent.childText(name)) return toInt(*text);
  return std::nullopt;
}

bool toBool(std::string_view text) { return text == "true" || text == "1"; }

// One-line text: NFC with white space collapsed, as a person reads it.
std::string line(const std::optional<std::string>& text) {
  return text ? core::toNfc(core::collapseSpace(*text)) : std::string();
}

// Running text: NFC, line breaks kept.
std::string prose(const std::optional<std::string>& text) {
  return text ? core::toNfc(*text) : std::string();
}

core::Date date(const std::optional<std::string>& text) {
  return text ? core::Date::parse(*text).value_or(core::Date{}) : core::Date{};
}

model::FieldLocations locateFields(const Element& e) {
  model::FieldLocations out;
  for (const Element& c : e.children())
    out.lines.emplace_back(std::string(c.localName()), c.line());
  return out;
}

model::Individual readIndividual(const Element& e) {
  model::Individual n;
  n.id = e.attribute("id").value_or("");
  n.where = e.location();
  n.fields = locateFields(e);
  n.direct_labourer = toBool(e.attribute("directLabourer").value_or("false"));
  n.full_name = line(e.childText("fullName"));
  n.female = e.childText("gender").value_or("") == "female";
  n.birth_year = optionalInt(e, "birthYear").value_or(0);
  n.position = line(e.childText("position"));
  n.unit = line(e.childText("unit"));
  if (auto r = e.childText("annualRating"))
    n.annual_rating = model::parseRating(core::collapseSpace(*r));
  if (auto d = e.childText("discipline"))
    n.discipline = model::parseDiscipline(core::collapseSpace(*d));
  if (auto s = e.childText("administrativeSanction"))
    n.administrative_sanction = toBool(core::collapseSpace(*s));
  if (auto list = e.child("initiatives")) {
    for (const Element& i : list->children()) {
      model::Initiative initiative;
      initiative.title = line(i.childText("title"));
      initiative.research = i.attribute("kind").value_or("initiative") == "research";
      initiative.recognition = i.attribute("recognition");
      initiative.where = i.location();
      n.initiatives.push_back(std::move(initiative));
    }
  }
  n.achievement = prose(e.childText("achievement"));
  return n;
}

model::Collective readCollective(const Element& e) {
  model::Collective n;
  n.id = e.attribute("id").value_or("");
  n.where = e.location();
  n.fields = locateFields(e);
  n.kind = e.attribute("kind").value_or("unit");
  n.name = line(e.childText("name"));
  n.member_count = optionalInt(e, "memberCount").value_or(0);
  n.members_completed_duties = optionalInt(e, "membersCompletedDuties");
  n.advanced_worker_count = optionalInt(e, "advancedWorkerCount");
  n.emulation_fighter_count = optionalInt(e, "emulationFighterCount");
  if (auto d = e.child("membersDisciplined")) {
    n.members_reprimanded = toInt(d->attribute("reprimand").value_or("0"));
    n.members_warning_or_above = toInt(d->attribute("warningOrAbove").value_or("0"));
  }
  n.achievement = prose(e.childText("achievement"));
  return n;
}

model::Family readFamily(const Element& e) {
  model::Family n;
  n.id = e.attribute("id").value_or("");
  n.where = e.location();
  n.fields = locateFields(e);
  n.direct_labourer = toBool(e.attribute("directLabourer").value_or("false"));
  n.head_of_household = line(e.childText("headOfHousehold"));
  n.address = line(e.childText("address"));
  n.member_count = optionalInt(e, "memberCount").value_or(0);
  n.achievement = prose(e.childText("achievement"));
  return n;
}

model::Document readDocument(const Element& e) {
  model::Document d;
  d.id = e.attribute("id").value_or("");
  d.where = e.location();
  d.part = model::parsePartKind(e.attribute("part").value_or("")).value_or(model::PartKind::Other);
  if (auto n = e.childText("number")) d.number = toInt(core::collapseSpace(*n));
  d.notation = line(e.childText("notation"));
  d.issued = date(e.childText("issuedDate"));
  if (auto issued = e.child("issuedDate")) d.issued_where = issued->location();
  if (auto signer = e.child("signer")) {
    d.signer_position = line(signer->childText("position"));
    d.signer_name = line(signer->childText("fullName"));
  }
  d.subject = line(e.childText("subject"));
  d.page_count = toInt(core::collapseSpace(e.childText("pageCount").value_or("0")));
  const std::string ids = e.attribute("nominees").value_or("");
  for (std::size_t at = 0; at < ids.size();) {
    const std::size_t start = ids.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(ids.find_first_of(" \t\r\n", start), ids.size());
    d.nominees.push_back(ids.substr(start, end - start));
    at = end;
  }
  if (auto a = e.child("attachment")) {
    d.attachment.file_name = a->attribute("fileName").value_or("");
    d.attachment.media_type = a->attribute("mediaType").value_or("");
    const std::string size = a->attribute("size").value_or("0");
    std::from_chars(size.data(), size.data() + size.size(), d.attachment.size);
    d.attachment.sha256 = a->attribute("sha256").value_or("");
    d.attachment.where = a->location();
  }
  return d;
}

model::Period readPeriod(const Element& e) {
  model::Period p;
  p.where = e.location();
  p.year = toInt(e.attribute("year").value_or("0"));
  if (auto wave = e.childText("wave")) {
    p.wave = core::collapseSpace(*wave);
    const bool second = p.wave == "2";
    const bool first = p.wave == "1";
    p.from = core::Date{p.year, second ? 7 : 1, 1};
    p.to = first ? core::Date{p.year, 6, 30} : core::Date{p.year, 12, 31};
  } else if (auto campaign = e.child("campaign")) {
    p.campaign_name = line(campaign->childText("name"));
    p.from = date(campaign->childText("from"));
    p.to = date(campaign->childText("to"));
  }
  return p;
}

}  // namespace

model::Dossier readDossier(const xml::Document& document) {
  const Element root = document.root();
  model::Dossier d;
  d.id = root.attribute("id").value_or("");
  if (auto p = root.child("procedure")) {
    d.rulebook_id = p->attribute("rulebook").value_or("");
    d.procedure_id = p->attribute("id").value_or("");
    d.variant = model::parseVariantKind(p->attribute("variant").value_or("standard"))
                    .value_or(model::VariantKind::Standard);
    d.procedure_where = p->location();
  }
  if (auto u = root.child("nominatingUnit")) {
    d.unit_code = u->attribute("code").value_or("");
    d.unit_level =
        model::parseLevel(u->attribute("level").value_or("")).value_or(model::Level::Commune);
    d.unit_name = line(u->childText("name"));
    d.unit_advanced_worker_count = optionalInt(*u, "advancedWorkerCount");
    d.unit_where = u->location();
  }
  if (auto p = root.child("period")) d.period = readPeriod(*p);
  d.date = date(root.childText("date"));
  if (auto e = root.child("date")) d.date_where = e->location();
  d.title = line(root.childText("title"));
  d.achievement_summary = prose(root.childText("achievementSummary"));
  if (auto nominees = root.child("nominees")) {
    for (const Element& n : nominees->children()) {
      if (n.localName() == "individual")
        d.nominees.emplace_back(readIndividual(n));
      else if (n.localName() == "collective")
        d.nominees.emplace_back(readCollective(n));
      else if (n.localName() == "family")
        d.nominees.emplace_back(readFamily(n));
    }
  }
  if (auto documents = root.child("documents")) {
    for (const Element& e : documents->children()) d.documents.push_back(readDocument(e));
  }
  for (const Element& e : root.children()) {
    if (e.namespaceUri() == kXmlDsigNamespace && e.localName() == "Signature") ++d.signature_count;
  }
  return d;
}

}  // namespace awardflow::dossier
