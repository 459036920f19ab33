#include "engine/service/archive.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "engine/archive/bagit.hpp"
#include "engine/core/text.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/store/archive_store.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::Office;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSample09 = "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml";

// A sealed record of `sample`, as the archivist finds it.
model::ArchiveRecord sealSample(Office& o, const std::string& sample, const std::string& session) {
  const model::DossierInstance d = o.submitSample(sample);
  testing::driveToSeal(o, d.id, session);
  auto record = store::ArchiveStore(o.data->database).recordOfDossier(d.id);
  REQUIRE(record);
  REQUIRE(*record);
  return **record;
}

// The codes of the error problems, each with the file it names.
std::set<std::string> errors(const service::PackageCheck& check) {
  std::set<std::string> out;
  for (const core::Problem& p : check.report.problems()) {
    if (p.severity == core::Severity::Error) out.insert(p.code + " " + p.location.path);
  }
  return out;
}

store::ArchiveQuery textQuery(const std::string& text) {
  store::ArchiveQuery q;
  q.text = text;
  return q;
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += i + "; ";
  return out;
}

bool names(const std::set<std::string>& problems, const std::string& file) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(file) != std::string::npos; });
}

// The first payload file whose name contains `part`.
fs::path payload(const fs::path& bag, const std::string& part) {
  for (const auto& e : fs::directory_iterator(bag / "data")) {
    if (e.path().filename().string().find(part) != std::string::npos) return e.path();
  }
  FAIL("no payload file with " << part);
  return {};
}

void flipByte(const fs::path& file, std::size_t at) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(at));
  f.put(static_cast<char>(c ^ 0x01));
}

// Rewrites a payload file and every manifest line for it, as a forger with write access but
// without the agency's key would: the bag is valid again, the signed METS is not.
void forge(const fs::path& bag, const fs::path& file, const std::string& bytes) {
  const std::string name = "data/" + file.filename().string();
  const std::string before256 = crypto::sha256File(file)->sha256;
  const std::string before512 = crypto::fileDigestHex(file, crypto::HashAlgorithm::Sha512).value();
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  const auto replace = [](const fs::path& manifest, const std::string& from,
                          const std::string& to) {
    std::string text = core::readFile(manifest, 1 << 24).value();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(manifest, std::ios::binary | std::ios::trunc) << text;
  };
  replace(bag / "manifest-sha256.txt", before256, crypto::sha256File(file)->sha256);
  replace(bag / "manifest-sha512.txt", before512,
          crypto::fileDigestHex(file, crypto::HashAlgorithm::Sha512).value());
  for (const char* m : {"manifest-sha256.txt", "manifest-sha512.txt"}) {
    const fs::path manifest = bag / m;
    std::string tags = core::readFile(bag / "tagmanifest-sha256.txt", 1 << 20).value();
    std::string out;
    std::istringstream lines(tags);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.size() > 66 && line.substr(66) == m)
        line = crypto::sha256File(manifest)->sha256 + "  " + m;
      out += line + "\n";
    }
    std::ofstream(bag / "tagmanifest-sha256.txt", std::ios::binary | std::ios::trunc) << out;
  }
  (void)name;
}

}  // namespace

TEST_CASE("a sealed dossier's package verifies on its own, with awardflow and with xmlsec1") {
  Office o;
  const model::ArchiveRecord r = sealSample(o, kSample09, testing::openSession(o));
  // The record's NĐ 30/2020 metadata and retention.
  CHECK(r.file_code == "AWARDFLOW." + std::to_string(r.file_catalog) + "." + r.dossier_id);
  CHECK(r.unit_code == "UBND-PHOCHAU");
  CHECK(r.outcome == "issued");
  CHECK(r.retention == model::Retention::Years10);
  CHECK(r.dispose_due == core::Date{r.end_date.year + 11, 1, 1});
  CHECK_FALSE(r.transfer_due);
  CHECK(r.start_date == core::Date{2024, 12, 11});  // the earliest document of the dossier
  CHECK(r.names.size() == 5);
  CHECK(r.names.front() == "Nguyễn Thị Lan Anh");
  CHECK(r.doc_total == 2 + 3);  // two scans; the receipt, the tally and the decision
  CHECK(r.page_total == 2);
  CHECK_FALSE(r.decision_number.empty());
  const fs::path bag = o.root / r.package;
  REQUIRE(fs::is_directory(bag));
  for (const char* tag : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                          "tagmanifest-sha256.txt", "README.txt", "data/METS.xml"})
    CHECK_MESSAGE(fs::exists(bag / tag), tag);
  // METS records what was done and checked on the way in, as PREMIS events.
  const std::string mets = core::readFile(bag / "data/METS.xml", 1 << 24).value();
  for (const char* event : {"validation", "digital signature validation", "fixity check",
                            "message digest calculation", "ingestion"}) {
    CHECK_MESSAGE(mets.find(std::string("<premis:eventType>") + event + "</premis:eventType>") !=
                      std::string::npos,
                  event);
  }
  CHECK(mets.find("<premis:eventOutcome>failure</premis:eventOutcome>") == std::string::npos);
  const std::string info = core::readFile(bag / "bag-info.txt", 1 << 20).value();
  CHECK(info.find("External-Identifier: " + r.file_code) != std::string::npos);
  // The record is sealed by the dossier's authority, named as a body (not its chairperson).
  CHECK(info.find("Source-Organization: Ủy ban nhân dân huyện Hương Sơn\n") != std::string::npos);
  CHECK(info.find("Payload-Oxum: ") != std::string::npos);
  // The files in chronological order: the dossier first, the decision after the tally.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(bag / "data"))
    files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  CHECK(files.front() == "001-r1-dossier.xml");
  const auto position = [&](const std::string& part) {
    return std::find_if(files.begin(), files.end(),
                        [&](const std::string& f) { return f.find(part) != std::string::npos; }) -
           files.begin();
  };
  CHECK(position("receipt") < position("tally"));
  CHECK(position("tally") < position("decision"));

  service::Archive archive(*o.data, o.clock);
  auto check = archive.verifyPath(bag);
  REQUIRE(check);
  CHECK_MESSAGE(check->valid(), joined(errors(*check)));
  CHECK(check->file_code == r.file_code);
  CHECK(check->signatures >= 6);  // METS, dossier, receipt, tally, decision (chair + agency)
  CHECK(check->events >= 10);
  CHECK(check->files == static_cast<int>(files.size()) - 1);  // all but METS itself

  // The reference tool agrees on the agency's METS signature and the chairperson's decision.
  const std::string ca = service::agencyPaths(o.root).ca_cert.string();
  for (const fs::path& signed_file : {bag / "data/METS.xml", payload(bag, "decision")}) {
    const auto run = testing::runCommand("xmlsec1 verify --trusted-pem " + ca +
                                         " --enabled-key-data x509 " + signed_file.string());
    CHECK_MESSAGE(run.status == 0, signed_file.filename().string() << ": " << run.output);
  }
  // The bag's own manifests check with sha256sum, as the README says.
  const auto sums = testing::runCommand("cd " + bag.string() +
                                        " && sha256sum --quiet -c manifest-sha256.txt && "
                                        "sha256sum --quiet -c tagmanifest-sha256.txt");
  CHECK_MESSAGE(sums.status == 0, sums.output);
}

TEST_CASE("tampering with any kind of file fails verification, naming the file") {
  Office o;
  const std::string session = testing::openSession(o);
  const model::ArchiveRecord r = sealSample(o, kSample09, session);
  service::Archive archive(*o.data, o.clock);
  const fs::path sealed = o.root / r.package;
  testing::TempDir work;
  int cases = 0;
  const auto tampered = [&](const std::function<std::string(const fs::path&)>& tamper) {
    const fs::path bag = work.path() / ("case-" + std::to_string(++cases));
    fs::copy(sealed, bag, fs::copy_options::recursive);
    const std::string file = tamper(bag);
    auto check = archive.verifyPath(bag);
    REQUIRE(check);
    CHECK_FALSE(check->valid());
    const auto found = errors(*check);
    CHECK_MESSAGE(names(found, file), file << " not named in: " << joined(found));
    return found;
  };
  SUBCASE("a scan") {
    tampered([&](const fs::path& bag) {
      const fs::path pdf = payload(bag, ".pdf");
      flipByte(pdf, 100);
      return "data/" + pdf.filename().string();
    });
  }
  SUBCASE("the dossier XML, manifests rewritten: the signed METS still names it") {
    const auto found = tampered([&](const fs::path& bag) {
      const fs::path xml = payload(bag, "r1-dossier.xml");
      std::string text = core::readFile(xml, 1 << 24).value();
      text = testing::replaceOnce(text, "Nguyễn Thị Lan Anh", "Nguyễn Thị Lan Anh Em");
      forge(bag, xml, text);
      return "data/" + xml.filename().string();
    });
    CHECK(found.count("package.file.checksum data/001-r1-dossier.xml") == 1);
  }
  SUBCASE("the decision") {
    tampered([&](const fs::path& bag) {
      const fs::path xml = payload(bag, "decision");
      flipByte(xml, 300);
      return "data/" + xml.filename().string();
    });
  }
  SUBCASE("the history, manifests rewritten") {
    const auto found = tampered([&](const fs::path& bag) {
      const fs::path history = payload(bag, "history.json");
      std::string text = core::readFile(history, 1 << 24).value();
      text = testing::replaceOnce(text, "\"actor\": \"thuong-truc\"", "\"actor\": \"chu-tich\"");
      forge(bag, history, text);
      return "data/" + history.filename().string();
    });
    CHECK(names(found, "history.hash"));
  }
  SUBCASE("the record metadata") {
    tampered([&](const fs::path& bag) {
      const fs::path record = payload(bag, "record.xml");
      flipByte(record, 120);
      return "data/" + record.filename().string();
    });
  }
  SUBCASE("METS itself") {
    tampered([&](const fs::path& bag) {
      flipByte(bag / "data/METS.xml", 400);
      return std::string("data/METS.xml");
    });
  }
  SUBCASE("bag-info.txt") {
    tampered([&](const fs::path& bag) {
      std::ofstream(bag / "bag-info.txt", std::ios::app) << "Contact-Name: someone\n";
      return std::string("bag-info.txt");
    });
  }
  SUBCASE("an extra file, and a missing one") {
    tampered([&](const fs::path& bag) {
      std::ofstream(bag / "data/extra.pdf") << "%PDF-1.4";
      return std::string("data/extra.pdf");
    });
    tampered([&](const fs::path& bag) {
      const fs::path pdf = payload(bag, ".pdf");
      fs::remove(pdf);
      return "data/" + pdf.filename().string();
    });
  }
  // The package in the archive itself is untouched by all of this.
  auto original = archive.verifyPath(sealed);
  REQUIRE(original);
  CHECK(original->valid());
}

TEST_CASE("the fixity audit finds flipped bits, missing and extra files, and records them") {
  Office o;
  const std::string session = testing::openSession(o);
  const model::ArchiveRecord a = sealSample(o, kSample09, session);
  const model::ArchiveRecord b =
      sealSample(o, "samples/dossiers/valid/11-pgddt-2024-advanced-collective.xml", session);
  const model::ArchiveRecord c =
      sealSample(o, "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml", session);
  service::Archive archive(*o.data, o.clock);
  auto clean = archive.audit("luu-tru");
  REQUIRE(clean);
  CHECK(clean->intact == 3);
  const std::int64_t events = o.events();
  flipByte(payload(o.root / a.package, ".pdf"), 200);
  std::ofstream(o.root / b.package / "data" / "stray.txt") << "x";
  fs::remove_all(o.root / c.package);
  auto found = archive.audit("");
  REQUIRE(found);
  CHECK(found->intact == 0);
  CHECK(found->damaged == 2);
  CHECK(found->missing == 1);
  std::map<std::string, store::FixityCheck> by_code;
  for (const auto& check : found->checks) by_code[check.file_code] = check;
  CHECK(by_code[a.file_code].outcome == "damaged");
  CHECK(by_code[a.file_code].details.find(".pdf") != std::string::npos);
  CHECK(by_code[b.file_code].details.find("data/stray.txt") != std::string::npos);
  CHECK(by_code[c.file_code].outcome == "missing");
  // One audit event in the chain, naming the failures; the results listed for archivists.
  CHECK(o.events() == events + 1);
  auto about = o.data->audit().verify();
  REQUIRE(about);
  CHECK(about->intact());
  auto report = archive.fixityReport(o.as("luu-tru"), a.file_code, 10);
  REQUIRE(report);
  REQUIRE(report->size() >= 2);
  CHECK(report->front().outcome == "damaged");
  CHECK_FALSE(archive.fixityReport(o.as("hoi-dong-1"), "", 10));
}

TEST_CASE("search ignores case and tones (đ included), NFC or NFD, and sorts in Vietnamese order") {
  Office o;
  const std::string session = testing::openSession(o);
  for (const char* sample : {"samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml",
                             "samples/dossiers/valid/11-pgddt-2024-advanced-collective.xml",
                             "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml",
                             "samples/dossiers/valid/01-pho-chau-2023-certificate-of-merit.xml"})
    sealSample(o, sample, session);
  service::Archive archive(*o.data, o.clock);
  const model::User archivist = o.as("luu-tru");
  const auto find = [&](const std::string& text, store::ArchiveQuery q = {}) {
    q.text = text;
    auto page = archive.search(archivist, q);
    REQUIRE(page);
    return *page;
  };
  const auto hit = find("dang van binh");  // a nominee of sample 09: Đặng Văn Bình
  REQUIRE(hit.records.size() == 1);
  CHECK(hit.ranked);
  CHECK(hit.records[0].unit_code == "UBND-PHOCHAU");
  CHECK(find("ĐẶNG VĂN BÌNH").records.size() == 1);
  CHECK(find("\xc4\x90"
             "a\xcc\xa3\xcc\x86"
             "ng va\xcc\x86n")
            .records.size() == 1);                   // NFD
  CHECK(find("dang van binh xyz").records.empty());  // every word must occur
  // A decision number, and a filter.
  const std::string decision = hit.records[0].decision_number;
  CHECK(find(decision).records.size() >= 1);
  store::ArchiveQuery year;
  year.year = hit.records[0].file_catalog;
  year.unit_code = "UBND-PHOCHAU";
  const auto unit = find("", year);
  CHECK_FALSE(unit.ranked);
  CHECK(unit.records.size() == 3);
  // Without text: Vietnamese alphabetical order of the titles, paged.
  const auto all = find("");
  REQUIRE(all.records.size() == 4);
  for (std::size_t i = 0; i + 1 < all.records.size(); ++i)
    CHECK(core::collationKey(all.records[i].title) <= core::collationKey(all.records[i + 1].title));
  store::ArchiveQuery paged;
  paged.limit = 3;
  const auto first = find("", paged);
  CHECK(first.records.size() == 3);
  CHECK(first.more);
  paged.offset = 3;
  const auto second = find("", paged);
  CHECK(second.records.size() == 1);
  CHECK_FALSE(second.more);
  CHECK(second.records[0].file_code == all.records[3].file_code);
  // A unit's clerk finds only the unit's records; a council member finds nothing at all.
  auto own = archive.search(o.as("pho-chau"), {});
  REQUIRE(own);
  CHECK(own->records.size() == 3);
  CHECK_FALSE(archive.search(o.as("hoi-dong-1"), {}));
}

TEST_CASE("retention: due dates, the 30-day list, holds, and disposition with approval") {
  CHECK(model::disposeDue(model::Retention::Years10, {2026, 11, 26}) == core::Date{2037, 1, 1});
  CHECK(model::disposeDue(model::Retention::Years20, {2026, 1, 1}) == core::Date{2047, 1, 1});
  CHECK(model::disposeDue(model::Retention::Years5, {2026, 12, 31}) == core::Date{2032, 1, 1});
  CHECK_FALSE(model::disposeDue(model::Retention::Permanent, {2026, 1, 1}));
  CHECK(model::transferDue(model::Retention::Permanent, {2026, 6, 1}) == core::Date{2036, 1, 1});
  CHECK_FALSE(model::transferDue(model::Retention::Years10, {2026, 6, 1}));

  Office o;
  const std::string session = testing::openSession(o);
  const model::ArchiveRecord r = sealSample(o, kSample09, session);
  service::Archive archive(*o.data, o.clock);
  const model::User archivist = o.as("luu-tru");
  const model::User chair = o.as("chu-tich");
  REQUIRE(r.dispose_due);
  // Not due yet: not listed, and disposition is refused.
  auto due = archive.due(archivist, std::nullopt, 30);
  REQUIRE(due);
  CHECK(due->empty());
  auto early = archive.proposeDisposal(archivist, r.file_code, "hết hạn");
  REQUIRE_FALSE(early);
  CHECK(early.error().code == core::Errc::IllegalTransition);
  // 30 days before: listed.
  due = archive.due(archivist, r.dispose_due->plusDays(-30), 30);
  REQUIRE(due);
  REQUIRE(due->size() == 1);
  CHECK(due->front().file_code == r.file_code);
  CHECK(archive.due(archivist, r.dispose_due->plusDays(-31), 30)->empty());
  // Time passes; a legal hold stops disposition until lifted.
  o.clock.set(core::vietnamMidnight(*r.dispose_due) + 3600);
  REQUIRE(archive.hold(archivist, r.file_code, true, "Thanh tra đang xem xét"));
  auto held = archive.proposeDisposal(archivist, r.file_code, "hết hạn bảo quản");
  REQUIRE_FALSE(held);
  CHECK(held.error().message.find("legal hold") != std::string::npos);
  CHECK_FALSE(archive.hold(o.as("thuong-truc"), r.file_code, false, ""));  // archivists only
  REQUIRE(archive.hold(archivist, r.file_code, false, ""));
  // Proposed by the archivist, approved by the chairperson; nobody else approves.
  CHECK_FALSE(archive.approveDisposal(chair, r.file_code));  // nothing proposed yet
  REQUIRE(archive.proposeDisposal(archivist, r.file_code, "Hết thời hạn bảo quản 10 năm"));
  CHECK(archive.approveDisposal(archivist, r.file_code).error().code ==
        core::Errc::PermissionDenied);
  REQUIRE(archive.approveDisposal(chair, r.file_code));
  CHECK_FALSE(fs::exists(o.root / r.package));
  // The tombstone keeps the metadata and is still found.
  auto tomb = archive.record(archivist, r.file_code);
  REQUIRE(tomb);
  CHECK_FALSE(tomb->disposed_at.empty());
  CHECK(tomb->disposal_approved_by == "chu-tich");
  CHECK(tomb->disposal_requested_by == "luu-tru");
  CHECK(tomb->title == r.title);
  CHECK(archive.search(archivist, textQuery("dang van binh"))->records.size() == 1);
  CHECK(archive.verify(archivist, r.file_code).error().code == core::Errc::NotFound);
  auto chain = o.data->audit().verify();
  REQUIRE(chain);
  CHECK(chain->intact());
}

TEST_CASE("a permanent record can never be disposed, however old") {
  Office o;
  const model::ArchiveRecord sealed = sealSample(o, kSample09, testing::openSession(o));
  // No shipped procedure is kept permanently (local awards keep 10 or 20 years): the same
  // record catalogued as permanent, as a President's award would be.
  model::ArchiveRecord r = sealed;
  r.file_code += "-P";
  r.dossier_id.clear();
  r.retention = model::Retention::Permanent;
  r.transfer_due = model::transferDue(r.retention, r.end_date);
  r.dispose_due = model::disposeDue(r.retention, r.end_date);
  REQUIRE(o.data->database.transaction(
      [&](store::DatabaseImpl& tx) { return store::ArchiveStore::addRecordIn(tx, r); }));
  service::Archive archive(*o.data, o.clock);
  // Due for transfer to the historical archive after 10 years, never for disposition.
  auto due = archive.due(o.as("luu-tru"), r.transfer_due->plusDays(-10), 30);
  REQUIRE(due);
  REQUIRE(due->size() == 1);
  CHECK(due->front().file_code == r.file_code);
  o.clock.set(core::vietnamMidnight({r.end_date.year + 200, 1, 1}));
  auto refused = archive.proposeDisposal(o.as("luu-tru"), r.file_code, "quá cũ");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("permanently") != std::string::npos);
  CHECK_FALSE(archive.approveDisposal(o.as("chu-tich"), r.file_code));
}

TEST_CASE("every retrieval is logged: who, when, what") {
  Office o;
  const model::ArchiveRecord r = sealSample(o, kSample09, testing::openSession(o));
  service::Archive archive(*o.data, o.clock);
  REQUIRE(archive.record(o.as("luu-tru"), r.file_code));
  REQUIRE(archive.verify(o.as("chu-tich"), r.file_code));
  REQUIRE(archive.file(o.as("pho-chau"), r.file_code, "001-r1-dossier.xml"));
  CHECK(archive.file(o.as("luu-tru"), r.file_code, "../bagit.txt").error().code ==
        core::Errc::NotFound);
  CHECK(archive.record(o.as("son-tien"), r.file_code).error().code == core::Errc::NotFound);
  auto log = archive.accessLog(o.as("luu-tru"), r.file_code);
  REQUIRE(log);
  REQUIRE(log->size() == 3);
  CHECK(log->at(0).login == "luu-tru");
  CHECK(log->at(0).what == "view");
  CHECK(log->at(1).what == "verify");
  CHECK(log->at(2).login == "pho-chau");
  CHECK(log->at(2).what == "download 001-r1-dossier.xml");
  CHECK_FALSE(archive.accessLog(o.as("pho-chau"), r.file_code));
}

TEST_CASE("export and import: a transfer batch taken in by an empty archive verifies there") {
  Office from;
  const std::string session = testing::openSession(from);
  const model::ArchiveRecord a = sealSample(from, kSample09, session);
  const model::ArchiveRecord b =
      sealSample(from, "samples/dossiers/valid/11-pgddt-2024-advanced-collective.xml", session);
  service::Archive archive(*from.data, from.clock);
  testing::TempDir out;
  // The dissemination copy: documents in chronological order with an index.
  auto copy = archive.exportCopy(from.as("luu-tru"), a.file_code, out.path() / "copy");
  REQUIRE(copy);
  CHECK(fs::exists(out.path() / "copy" / "index.csv"));
  CHECK(fs::exists(out.path() / "copy" / "001-r1-dossier.xml"));
  CHECK(copy->files >= 5);
  // The transfer batch: a bag of packages.
  auto batch = archive.exportTransfer(from.as("luu-tru"), {}, out.path() / "batch");
  REQUIRE(batch);
  CHECK(batch->records == 2);
  CHECK(archive::validateBag(out.path() / "batch")->valid());
  CHECK_FALSE(archive.exportTransfer(from.as("thuong-truc"), {}, out.path() / "other"));

  Office to;  // another installation, empty archive, trusting the first one's CA
  service::Archive receiving(*to.data, to.clock);
  const fs::path trust = service::agencyPaths(from.root).trust_dir;
  auto taken = receiving.importTransfer(to.as("luu-tru"), out.path() / "batch", trust);
  REQUIRE_MESSAGE(taken, (taken ? "" : taken.error().message));
  CHECK(taken->size() == 2);
  auto check = receiving.verifyPath(to.root / "archive" / a.file_code, trust);
  REQUIRE(check);
  CHECK(check->valid());
  auto found = receiving.search(to.as("luu-tru"), textQuery("dang van binh"));
  REQUIRE(found);
  REQUIRE(found->records.size() == 1);
  CHECK(found->records[0].file_code == a.file_code);
  CHECK(found->records[0].title == a.title);
  CHECK(found->records[0].retention == a.retention);
  // Taking the same batch in twice is refused and changes nothing.
  auto again = receiving.importTransfer(to.as("luu-tru"), out.path() / "batch", trust);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == core::Errc::Conflict);
  // A batch with a damaged package is refused as a whole.
  Office third;
  service::Archive third_archive(*third.data, third.clock);
  flipByte(payload(out.path() / "batch" / "data" / b.file_code, ".pdf"), 64);
  auto damaged = third_archive.importTransfer(third.as("luu-tru"), out.path() / "batch", trust);
  REQUIRE_FALSE(damaged);
  CHECK(store::ArchiveStore(third.data->database).all()->empty());
}

TEST_CASE("packages kept as zip files seal, verify, audit and serve their files the same way") {
  Office o;
  o.config.archive_zip = true;
  o.reopen();
  const model::ArchiveRecord r = sealSample(o, kSample09, testing::openSession(o));
  CHECK(r.package == "archive/" + r.file_code + ".zip");
  REQUIRE(fs::is_regular_file(o.root / r.package));
  service::Archive archive(*o.data, o.clock);
  auto check = archive.verifyPath(o.root / r.package);
  REQUIRE(check);
  CHECK_MESSAGE(check->valid(), joined(errors(*check)));
  CHECK(check->signatures >= 6);
  auto dossier = archive.file(o.as("luu-tru"), r.file_code, "001-r1-dossier.xml");
  REQUIRE(dossier);
  CHECK(dossier->find("UBND-PHOCHAU") != std::string::npos);
  auto audit = archive.audit("luu-tru");
  REQUIRE(audit);
  CHECK(audit->intact == 1);
  // A flipped bit inside the zip is found by the audit too.
  flipByte(o.root / r.package, fs::file_size(o.root / r.package) / 2);
  auto damaged = archive.audit("luu-tru");
  REQUIRE(damaged);
  CHECK(damaged->damaged == 1);
}
