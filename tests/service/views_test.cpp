// The JSON views: the hand-written lists of dossiers (a page, the overdue list, the work queue)
// say exactly what the Poco object of each dossier says.
#include "engine/service/views.hpp"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

using namespace awardflow;

namespace {

std::string canonical(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out, 0);
  return out.str();
}

// Every member of `expected` is in `got` with the same value, and nothing else is.
void sameMembers(const Poco::JSON::Object::Ptr& expected, const Poco::JSON::Object::Ptr& got) {
  CHECK(got->size() == expected->size());
  for (const auto& [name, value] : *expected) {
    CAPTURE(name);
    REQUIRE(got->has(name));
    CHECK(canonical(got->get(name)) == canonical(value));
  }
}

Poco::JSON::Array::Ptr parsedArray(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Array::Ptr>();
}

model::DossierInstance lateDossier() {
  model::DossierInstance d;
  d.id = "HS-2025-000042";
  d.unit_code = "THON-1";
  d.authority_code = "UBND-XA-KYANH";
  d.title = "Tập thể lao động tiên tiến \"Thôn 1\"";
  d.state = "appraisal";
  d.version = 7;
  d.received_on = core::Date{2025, 11, 3};
  d.due_on = core::Date{2025, 12, 1};
  return d;
}

}  // namespace

TEST_CASE("the list of dossiers as JSON has each dossier's members, values and nulls") {
  model::DossierInstance plain;
  plain.id = "HS-2026-000001";
  plain.unit_code = "XA-SONTAY";
  plain.title = "Đề nghị tặng danh hiệu \"Lao động tiên tiến\"\\\ttab\nline\x01";
  plain.rulebook_id = "ha-tinh-commune-2025";
  plain.rulebook_version = 3;
  plain.state = "submitted";
  plain.version = 1234567890123;
  plain.revision = 2;
  plain.submitted_at = "2026-12-07T10:00:00Z";
  model::DossierInstance full = plain;
  full.id = "HS-2026-000002";
  full.authority_code = "UBND-SONTAY";
  full.received_on = core::Date{2026, 12, 8};
  full.due_on = core::Date{2026, 12, 29};
  full.escalated_at = "2026-12-30T01:00:00Z";
  full.publication_until = core::Date{2027, 1, 5};
  full.variant = model::VariantKind::Simplified;

  const std::string text = service::views::instancesJson({plain, full});
  Poco::JSON::Parser parser;
  const Poco::JSON::Array::Ptr parsed = parser.parse(text).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(parsed->size() == 2);
  unsigned i = 0;
  for (const model::DossierInstance& d : {plain, full}) {
    CAPTURE(d.id);
    sameMembers(service::views::instance(d), parsed->getObject(i++));
  }
  CHECK(parsed->getObject(0)->isNull("dueOn"));
  CHECK_FALSE(parsed->getObject(0)->has("authority"));
  CHECK(parsed->getObject(1)->getValue<std::string>("title") == plain.title);
  CHECK(service::views::instancesJson({}) == "[]\n");
}

TEST_CASE("the overdue list as JSON has each item's dossier, days late and escalation") {
  service::OverdueItem late;
  late.instance = lateDossier();
  late.working_days_late = 12;
  late.escalate_to = model::Role::Chairperson;
  late.escalated_now = true;
  service::OverdueItem quiet = late;
  quiet.instance.id = "HS-2025-000043";
  quiet.instance.authority_code.reset();
  quiet.working_days_late = 0;
  quiet.escalated_now = false;
  const Poco::JSON::Array::Ptr parsed = parsedArray(service::views::overdueJson({late, quiet}));
  REQUIRE(parsed->size() == 2);
  unsigned i = 0;
  for (const service::OverdueItem& item : {late, quiet}) {
    CAPTURE(item.instance.id);
    sameMembers(service::views::overdue(item), parsed->getObject(i++));
  }
  CHECK(parsed->getObject(0)->getValue<bool>("escalatedNow"));
  CHECK_FALSE(parsed->getObject(1)->getValue<bool>("escalatedNow"));
  CHECK(service::views::overdueJson({}) == "[]\n");
}

TEST_CASE("a queue page as JSON lists only the actions open now") {
  model::LifecycleAction receive;
  receive.id = "receive";
  model::LifecycleAction returned;
  returned.id = "return";
  model::LifecycleAction appraise;
  appraise.id = "appraise";
  service::Workflow::QueueItem item;
  item.instance = lateDossier();
  item.choices = {{&receive, {}}, {&returned, {model::Guard::SignaturesValid}}, {&appraise, {}}};
  service::Workflow::QueueItem none = item;
  none.instance.id = "HS-2025-000044";
  none.choices = {{&returned, {model::Guard::SignaturesValid}}};
  const Poco::JSON::Array::Ptr parsed = parsedArray(service::views::queueJson({item, none}));
  REQUIRE(parsed->size() == 2);
  Poco::JSON::Object::Ptr expected = service::views::instance(item.instance);
  Poco::JSON::Array::Ptr actions = new Poco::JSON::Array;
  actions->add("receive");
  actions->add("appraise");
  expected->set("actions", actions);
  sameMembers(expected, parsed->getObject(0));
  CHECK(parsed->getObject(1)->getArray("actions")->size() == 0);
}
