// The JSON views: the hand-written list of dossiers says exactly what the Poco object of each
// dossier says.
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
    const Poco::JSON::Object::Ptr expected = service::views::instance(d);
    const Poco::JSON::Object::Ptr got = parsed->getObject(i++);
    CHECK(got->size() == expected->size());
    for (const auto& [name, value] : *expected) {
      CAPTURE(name);
      REQUIRE(got->has(name));
      CHECK(canonical(got->get(name)) == canonical(value));
    }
  }
  CHECK(parsed->getObject(0)->isNull("dueOn"));
  CHECK_FALSE(parsed->getObject(0)->has("authority"));
  CHECK(parsed->getObject(1)->getValue<std::string>("title") == plain.title);
  CHECK(service::views::instancesJson({}) == "[]\n");
}
