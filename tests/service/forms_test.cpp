#include "engine/service/forms.hpp"

#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "engine/dossier/reader.hpp"
#include "engine/dossier/writer.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/demo.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using Poco::JSON::Object;
using testing::Office;

namespace {

constexpr const char* kSample09 = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";

model::Dossier sampleModel(const std::string& sample) {
  auto parsed = xml::parse(testing::readSource(sample));
  REQUIRE(parsed.document);
  return dossier::readDossier(*parsed.document);
}

// The sample as its form would send it: through JSON text, as a browser or program would.
Object::Ptr formOf(const std::string& sample) {
  std::ostringstream text;
  service::dossierToJson(sampleModel(sample))->stringify(text);
  Poco::JSON::Parser parser;
  return parser.parse(text.str()).extract<Object::Ptr>();
}

// The sample's attachments, copied into an upload folder.
std::filesystem::path uploadOf(testing::TempDir& dir, const model::Dossier& d) {
  const auto folder = dir.path() / "upload";
  std::filesystem::create_directories(folder);
  for (const model::Document& doc : d.documents) {
    std::filesystem::copy_file(
        testing::sourceDir() / "samples/attachments" / doc.attachment.file_name,
        folder / doc.attachment.file_name, std::filesystem::copy_options::overwrite_existing);
  }
  return folder;
}

}  // namespace

TEST_CASE("a form reads into the same dossier its sample describes") {
  int samples = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "samples/dossiers/valid")) {
    if (entry.path().extension() != ".xml") continue;
    ++samples;
    const std::string sample =
        std::filesystem::relative(entry.path(), testing::sourceDir()).string();
    CAPTURE(sample);
    model::Dossier original = sampleModel(sample);
    core::Report report;
    model::Dossier from_form = service::dossierFromJson(formOf(sample), report);
    CHECK(report.empty());
    // The form carries no unit and no digests: the service adds them.
    from_form.unit_code = original.unit_code;
    from_form.unit_name = original.unit_name;
    from_form.unit_level = original.unit_level;
    for (std::size_t i = 0; i < from_form.documents.size() && i < original.documents.size(); ++i)
      from_form.documents[i].attachment = original.documents[i].attachment;
    CHECK(dossier::writeDossier(from_form) == dossier::writeDossier(original));
  }
  CHECK(samples >= 20);
}

TEST_CASE("wrong types and values in a form are located at their JSON pointers") {
  Object::Ptr form = formOf(kSample09);
  auto nominees = form->getArray("nominees");
  nominees->getObject(1)->set("birthYear", "nineteen");
  nominees->getObject(2)->set("annualRating", "superb");
  form->getArray("documents")->getObject(0)->set("issuedDate", "18/12/2024");
  form->set("period", "2024");
  core::Report report;
  service::dossierFromJson(form, report);
  REQUIRE(report.problems().size() == 4);
  CHECK(report.problems()[0].location.path == "/period");
  CHECK(report.problems()[0].code == "form.type");
  CHECK(report.problems()[1].location.path == "/nominees/1/birthYear");
  CHECK(report.problems()[2].location.path == "/nominees/2/annualRating");
  CHECK(report.problems()[2].code == "form.value");
  CHECK(report.problems()[3].location.path == "/documents/0/issuedDate");
  CHECK(report.problems()[3].message.vi.find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("XML paths map to the form's fields") {
  model::Dossier d;
  d.nominees.emplace_back(model::Collective{});
  d.nominees.emplace_back(model::Individual{});
  d.nominees.emplace_back(model::Individual{});
  CHECK(service::formField("/dossier/nominees/individual[2]/annualRating", d) ==
        "/nominees/2/annualRating");
  CHECK(service::formField("/dossier/nominees/collective/memberCount", d) ==
        "/nominees/0/memberCount");
  CHECK(service::formField("/dossier/nominees/individual[1]/initiatives/initiative[3]/title", d) ==
        "/nominees/1/initiatives/2/title");
  CHECK(service::formField("/dossier/documents/document[2]/attachment", d) == "/documents/1/file");
  CHECK(service::formField("/dossier/documents/document[1]/signer/fullName", d) ==
        "/documents/0/signer/fullName");
  CHECK(service::formField("/dossier/period/wave", d) == "/period/wave");
  CHECK(service::formField("/dossier/title", d) == "/title");
  CHECK(service::formField("/dossier/nominatingUnit/name", d).empty());
  CHECK(service::formField("/other", d).empty());
}

TEST_CASE(
    "a form is completed for the clerk's unit, checked field by field, signed and submitted") {
  Office office;
  REQUIRE(service::issueDemoKeys(office.root, service::demoAccounts()));
  testing::TempDir uploads;
  const model::Dossier sample = sampleModel(kSample09);
  const auto folder = uploadOf(uploads, sample);
  const model::User clerk = office.as("pho-chau");
  core::Report read;

  const auto errorFields = [](const service::FormCheck& check) {
    std::set<std::string> fields;
    for (const core::Problem& p : check.report.problems()) {
      if (p.severity == core::Severity::Error) fields.insert(p.location.path);
    }
    return fields;
  };

  SUBCASE("problems are named by field, and nothing is stored") {
    Object::Ptr form = formOf(kSample09);
    form->remove("id");
    form->getArray("nominees")->getObject(1)->set("fullName", "");
    form->getArray("documents")->getObject(1)->set("file", "missing.pdf");
    auto check = office.workflow->checkForm(clerk, service::dossierFromJson(form, read), folder);
    REQUIRE(check);
    CHECK(check->dossier.id == "UBND-PHOCHAU.2024.231");          // from the proposal's number
    CHECK(check->dossier.unit_name == "UBND thị trấn Phố Châu");  // as the store has it
    CHECK(errorFields(*check) ==
          std::set<std::string>{"/nominees/1/fullName", "/documents/1/file"});
    auto submitted = office.workflow->submitForm(clerk, service::dossierFromJson(form, read),
                                                 folder, "demo-pho-chau-2026");
    REQUIRE_FALSE(submitted);
    CHECK(submitted.error().code == core::Errc::Invalid);
    CHECK(office.workflow->list(office.as("thuong-truc"), std::nullopt)->empty());
  }

  SUBCASE("a missing scan does not hide what the rules say about the rest") {
    Object::Ptr form = formOf(kSample09);
    form->getArray("nominees")->getObject(3)->set("annualRating", "not-completed");
    form->getArray("documents")->getObject(0)->set("file", "");
    auto check = office.workflow->checkForm(clerk, service::dossierFromJson(form, read), folder);
    REQUIRE(check);
    CHECK(errorFields(*check) ==
          std::set<std::string>{"/nominees/3/annualRating", "/documents/0/file"});
  }

  SUBCASE("a wrong signing PIN signs nothing and stores nothing") {
    auto submitted = office.workflow->submitForm(
        clerk, service::dossierFromJson(formOf(kSample09), read), folder, "wrong");
    REQUIRE_FALSE(submitted);
    CHECK(submitted.error().code == core::Errc::PermissionDenied);
    CHECK(office.workflow->list(office.as("thuong-truc"), std::nullopt)->empty());
  }

  SUBCASE("a good form becomes a submitted dossier signed by the clerk") {
    auto submitted = office.workflow->submitForm(
        clerk, service::dossierFromJson(formOf(kSample09), read), folder, "demo-pho-chau-2026");
    REQUIRE_MESSAGE(submitted, (submitted ? "" : submitted.error().message));
    CHECK(submitted->instance.state == "submitted");
    CHECK(submitted->instance.unit_code == "UBND-PHOCHAU");
    auto xml =
        office.workflow->file(office.as("thuong-truc"), submitted->instance.id, "dossier.xml");
    REQUIRE(xml);
    const service::ValidationResult stored =
        office.workflow->validate(xml->second, "stored", folder);
    CHECK(stored.valid());
    CHECK(stored.report.hasCode("signature.valid"));
  }

  SUBCASE("a user without a unit fills in no dossier") {
    auto check = office.workflow->checkForm(
        office.as("thuong-truc"), service::dossierFromJson(formOf(kSample09), read), folder);
    REQUIRE_FALSE(check);
    CHECK(check.error().code == core::Errc::PermissionDenied);
  }
}

TEST_CASE("a returned dossier is completed through its form and resubmitted as revision 2") {
  Office office;
  REQUIRE(service::issueDemoKeys(office.root, service::demoAccounts()));
  testing::TempDir uploads;
  const model::Dossier sample = sampleModel(kSample09);
  const auto folder = uploadOf(uploads, sample);
  const model::User clerk = office.as("pho-chau");
  core::Report read;
  auto submitted = office.workflow->submitForm(
      clerk, service::dossierFromJson(formOf(kSample09), read), folder, "demo-pho-chau-2026");
  REQUIRE(submitted);
  const std::string id = submitted->instance.id;
  service::ActRequest back;
  back.dossier_id = id;
  back.action = "return";
  back.deficiencies = {"Bổ sung thành tích cụ thể"};
  REQUIRE(office.workflow->act(office.as("thuong-truc"), back));
  auto returned = office.workflow->status(clerk, id);
  REQUIRE(returned);
  const std::int64_t version = returned->instance.version;

  // The form as the page fills it in again: from the stored revision.
  auto facts = office.workflow->printFacts(clerk, id);
  REQUIRE(facts);
  Object::Ptr form = service::dossierToJson(facts->dossier);
  form->getArray("nominees")->getObject(0)->set("achievement", "Thành tích đã bổ sung cụ thể.");

  SUBCASE("a problem in the form is named by field and changes nothing") {
    form->getArray("nominees")->getObject(0)->set("fullName", "");
    auto refused = office.workflow->resubmitForm(
        clerk, id, version, service::dossierFromJson(form, read), folder, "demo-pho-chau-2026");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == core::Errc::Invalid);
    REQUIRE_FALSE(refused.error().details.empty());
    CHECK(refused.error().details.front().rfind("/nominees/0/fullName", 0) == 0);
    CHECK(office.workflow->status(clerk, id)->instance.state == "returned");
  }

  SUBCASE("a stale version is refused") {
    auto refused = office.workflow->resubmitForm(
        clerk, id, version - 1, service::dossierFromJson(form, read), folder, "demo-pho-chau-2026");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == core::Errc::Conflict);
    CHECK(office.workflow->status(clerk, id)->instance.state == "returned");
  }

  SUBCASE("the completed form is signed and becomes the next revision") {
    auto done = office.workflow->resubmitForm(
        clerk, id, version, service::dossierFromJson(form, read), folder, "demo-pho-chau-2026");
    REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
    CHECK(done->instance.state == "submitted");
    CHECK(done->instance.revision == 2);
    auto again = office.workflow->printFacts(clerk, id);
    REQUIRE(again);
    CHECK(std::get<model::Individual>(again->dossier.nominees[0]).achievement ==
          "Thành tích đã bổ sung cụ thể.");
  }
}

TEST_CASE("the completeness checklist counts each part the procedure asks for") {
  Office office;
  const model::DossierInstance d =
      office.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  auto items = office.workflow->checklist(office.as("thuong-truc"), d.id);
  REQUIRE(items);
  REQUIRE_FALSE(items->empty());
  // A valid sample brings every part it needs.
  for (const service::ChecklistItem& item : *items) {
    CAPTURE(item.label.en);
    CHECK(item.complete());
  }
  const auto proposal = std::find_if(
      items->begin(), items->end(),
      [](const service::ChecklistItem& item) { return item.part == model::PartKind::Proposal; });
  REQUIRE(proposal != items->end());
  CHECK(proposal->needed == 1);
  CHECK(proposal->found >= 1);
  // Another unit's clerk does not see it.
  auto hidden = office.workflow->checklist(office.as("son-tien"), d.id);
  REQUIRE_FALSE(hidden);
  CHECK(hidden.error().code == core::Errc::NotFound);
}
