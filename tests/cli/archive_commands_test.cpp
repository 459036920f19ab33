// awardflow archive …: the archivist's commands through the real binary, on the demo data
// directory (whose first dossier is sealed by `init --demo`).
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

namespace fs = std::filesystem;

const std::string kBinary = AWARDFLOW_BINARY;

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool has(const testing::CommandResult& r, const std::string& text) {
  return r.output.find(text) != std::string::npos;
}

struct Demo {
  testing::TempDir dir;
  std::string data = (dir.path() / "data").string();

  Demo() {
    const auto init = testing::runCommand(kBinary + " init --demo --data " + quote(data));
    REQUIRE_MESSAGE(init.status == 0, init.output);
    dir.write("chu-tich.pass", "demo-chu-tich-2026\n");
  }

  testing::CommandResult run(const std::string& args, const std::string& data_dir = "") const {
    return testing::runCommand(kBinary + " " + args + " --data " +
                               quote(data_dir.empty() ? data : data_dir));
  }

  // The file code of the record sealed by `init --demo` (Phố Châu's advanced workers).
  std::string sealedCode() const {
    const auto found = run("archive search 'Phố Châu' --as luu-tru");
    REQUIRE_MESSAGE(found.status == 0, found.output);
    std::smatch m;
    REQUIRE(std::regex_search(found.output, m, std::regex("\\S+\\.HS-2026-000001")));
    return m[0];
  }

  // The package folder of a record.
  fs::path package(const std::string& code) const { return fs::path(data) / "archive" / code; }
};

// Flips one byte in the middle of `file`.
void flipByte(const fs::path& file) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f);
  const auto middle = static_cast<std::streamoff>(fs::file_size(file) / 2);
  f.seekg(middle);
  char c = 0;
  f.get(c);
  f.seekp(middle);
  f.put(static_cast<char>(c ^ 0x01));
}

}  // namespace

TEST_CASE("archive seal, search (with or without diacritics), show and the access log") {
  Demo demo;
  // The demo's second dossier is at the council, one member having voted: decide it.
  const std::string id = "HS-2026-000002";
  const auto early = demo.run("archive seal " + id + " --as luu-tru");
  CHECK(early.status == 65);
  CHECK(has(early, "possible now"));
  for (const char* member : {"hoi-dong-2", "hoi-dong-3"})
    REQUIRE(demo.run("vote " + id + " approve --as " + member).status == 0);
  REQUIRE(demo.run("act " + id + " close-vote --as thuong-truc").status == 0);
  REQUIRE(demo.run("act " + id + " approve --as chu-tich").status == 0);
  const auto issued = demo.run(
      "act " + id + " issue --as chu-tich --key " + quote(demo.data + "/demo-keys/chu-tich.p12") +
      " --passphrase-file " + quote((demo.dir.path() / "chu-tich.pass").string()));
  REQUIRE_MESSAGE(issued.status == 0, issued.output);
  CHECK(demo.run("archive seal " + id + " --as thuong-truc").status == 77);
  const auto sealed = demo.run("archive seal " + id + " --as luu-tru --lang en");
  REQUIRE_MESSAGE(sealed.status == 0, sealed.output);
  std::smatch m;
  REQUIRE(std::regex_search(sealed.output, m, std::regex("file code: (\\S+)")));
  const std::string code = m[1];
  CHECK(code.find(id) != std::string::npos);
  CHECK(has(sealed, "package: " + demo.package(code).string()));
  CHECK(fs::is_regular_file(demo.package(code) / "data" / "METS.xml"));
  CHECK(demo.run("archive seal " + id + " --as luu-tru").status == 65);  // once only

  // The school's record is found whatever the case and with or without diacritics; the
  // commune's record is not.
  for (const char* text : {"'THCS Sơn Tiến'", "'thcs son tien'", "SON TIEN"}) {
    const auto found = demo.run(std::string("archive search ") + text + " --as luu-tru");
    CHECK_MESSAGE(found.status == 0, found.output);
    CHECK_MESSAGE(has(found, code), text);
    CHECK_MESSAGE(!has(found, "HS-2026-000001"), text);
  }
  const auto every = demo.run("archive search --as luu-tru --format json");
  CHECK(has(every, "HS-2026-000001"));
  CHECK(has(every, code));
  CHECK(has(every, "\"more\": false"));
  const auto paged = demo.run("archive search --size 1 --as luu-tru --lang en");
  CHECK(has(paged, "more: --page 2"));
  CHECK(demo.run("archive search --size 500 --as luu-tru").status == 64);
  CHECK(has(demo.run("archive search 'Nguyễn Thị Lan Anh' --as luu-tru"), "HS-2026-000001"));
  // A unit finds its own records only; a council member may not search at all.
  const auto school = demo.run("archive search --as thcs-son-tien");
  CHECK(has(school, code));
  CHECK(!has(school, "HS-2026-000001"));
  CHECK(demo.run("archive search --as hoi-dong-1").status == 77);

  const auto shown = demo.run("archive show " + code + " --as thcs-son-tien --format json");
  REQUIRE_MESSAGE(shown.status == 0, shown.output);
  CHECK(has(shown, "\"fileCode\": \"" + code + "\""));
  CHECK(has(shown, "\"retention\": "));
  CHECK(demo.run("archive show " + code + " --as pho-chau").status == 66);  // another unit's
  const auto log = demo.run("archive access " + code + " --as luu-tru");
  REQUIRE(log.status == 0);
  CHECK(has(log, "thcs-son-tien\tview"));
  CHECK(demo.run("archive access " + code + " --as thcs-son-tien").status == 77);
  CHECK(demo.run("archive show " + code).status == 64);  // who acts?
  CHECK(demo.run("archive frobnicate").status == 64);
}

TEST_CASE("a flipped byte in a package: verify and audit exit 65 and name the file") {
  Demo demo;
  const std::string code = demo.sealedCode();
  const fs::path package = demo.package(code);
  const auto valid = demo.run("archive verify " + code + " --as luu-tru --lang en");
  CHECK_MESSAGE(valid.status == 0, valid.output);
  CHECK(has(valid, "VALID"));
  CHECK(demo.run("archive verify " + quote(package.string())).status == 0);
  const auto intact = demo.run("archive audit --as luu-tru --lang en");
  CHECK_MESSAGE(intact.status == 0, intact.output);
  // The demo's two sealed records: the district's and Sơn Kim 1's.
  CHECK(has(intact, "2 intact, 0 damaged, 0 missing"));
  CHECK(demo.run("archive audit --as pho-chau").status == 77);

  std::string scan;
  for (const auto& entry : fs::directory_iterator(package / "data")) {
    if (entry.path().extension() == ".pdf") scan = entry.path().filename().string();
  }
  REQUIRE(!scan.empty());
  flipByte(package / "data" / scan);
  const auto broken = demo.run("archive verify " + code + " --as luu-tru --lang en");
  CHECK(broken.status == 65);
  CHECK(has(broken, "INVALID"));
  CHECK(has(broken, "package.file.checksum — data/" + scan));
  CHECK(has(broken, "bagit.manifest.digest — data/" + scan));
  const auto json = demo.run("archive verify " + quote(package.string()) + " --format json");
  CHECK(json.status == 65);
  CHECK(has(json, "\"valid\": false"));
  CHECK(has(json, "\"path\": \"data/" + scan + "\""));
  const auto audit = demo.run("archive audit --as luu-tru --lang en");
  CHECK(audit.status == 65);
  CHECK(has(audit, "DAMAGED\t" + code));
  CHECK(has(audit, "data/" + scan));
  CHECK(has(audit, "1 intact, 1 damaged, 0 missing"));
  const auto report = demo.run("archive audit --report " + code + " --as luu-tru --format json");
  CHECK(report.status == 0);
  CHECK(has(report, "\"outcome\": \"damaged\""));
  // Nothing at the path, and a file code no one catalogued.
  CHECK(demo.run("archive verify " + quote(package.string() + "-gone")).status == 66);
  CHECK(demo.run("archive verify NO.2026.SUCH --as luu-tru").status == 66);
}

TEST_CASE("a transfer batch taken in by another installation, which verifies it") {
  Demo demo;
  const std::string code = demo.sealedCode();
  const std::string batch = (demo.dir.path() / "batch").string();
  const std::string copy = (demo.dir.path() / "copy").string();
  CHECK(demo.run("archive export --transfer --out " + quote(batch) + " --as pho-chau").status ==
        77);
  const auto exported =
      demo.run("archive export --transfer --out " + quote(batch) + " --as luu-tru");
  REQUIRE_MESSAGE(exported.status == 0, exported.output);
  CHECK(fs::is_regular_file(fs::path(batch) / "data" / "transfer.csv"));
  CHECK(testing::runCommand(kBinary + " bag validate " + quote(batch)).status == 0);
  const auto copied =
      demo.run("archive export " + code + " --out " + quote(copy) + " --as pho-chau");
  REQUIRE_MESSAGE(copied.status == 0, copied.output);
  CHECK(fs::is_regular_file(fs::path(copy) / "index.csv"));
  CHECK(has(demo.run("archive access " + code + " --as luu-tru"), "pho-chau\texport copy"));

  // A second installation with its own agency: an archivist, no records.
  const std::string other = (demo.dir.path() / "other").string();
  REQUIRE(testing::runCommand(kBinary + " init --data " + quote(other)).status == 0);
  const fs::path password = demo.dir.write("archivist.pass", "kho-luu-tru-2026\n");
  REQUIRE(demo.run("users add --login van-thu --name 'Văn thư lưu trữ' --role archivist "
                   "--password-file " +
                       quote(password.string()),
                   other)
              .status == 0);
  // Its trust store does not know the first agency: nothing is taken in.
  const auto refused = demo.run("archive import " + quote(batch) + " --as van-thu", other);
  CHECK(refused.status == 65);
  CHECK((has(refused, "signature.untrusted") || has(refused, "trusted authority")));
  CHECK(has(demo.run("archive search --as van-thu", other), "không tìm thấy"));
  const std::string trust = demo.data + "/trust";
  const auto taken = demo.run(
      "archive import " + quote(batch) + " --trust " + quote(trust) + " --as van-thu", other);
  REQUIRE_MESSAGE(taken.status == 0, taken.output);
  CHECK(has(taken, code));
  CHECK(has(demo.run("archive search 'lao dong tien tien' --as van-thu", other), code));
  // Verifying there judges the signatures by its own trust store, which learns the first CA.
  CHECK(demo.run("archive verify " + code + " --as van-thu", other).status == 65);
  fs::copy_file(fs::path(trust) / "anchors" / "installation-ca.pem",
                fs::path(other) / "trust" / "anchors" / "first-agency-ca.pem");
  const auto verified = demo.run("archive verify " + code + " --as van-thu --lang en", other);
  CHECK_MESSAGE(verified.status == 0, verified.output);
  CHECK(has(verified, "VALID"));
  // A package verifies on its own, without any data directory, given the trust store.
  const std::string alone = (fs::path(batch) / "data" / code).string();
  const auto standalone = demo.run("archive verify " + quote(alone) + " --trust " + quote(trust),
                                   (demo.dir.path() / "none").string());
  CHECK_MESSAGE(standalone.status == 0, standalone.output);
  CHECK(demo.run("archive import " + quote(batch) + " --trust " + quote(trust) + " --as van-thu",
                 other)
            .status == 65);  // taken in already
}

TEST_CASE("retention: the due list, legal holds and disposal refused before its time") {
  Demo demo;
  const std::string code = demo.sealedCode();
  const auto soon = demo.run("archive due --as luu-tru");
  CHECK(soon.status == 0);
  CHECK(!has(soon, code));
  const auto later = demo.run("archive due --days 36000 --as luu-tru --format json");
  CHECK(later.status == 0);
  CHECK(has(later, code));
  CHECK(demo.run("archive due --as pho-chau").status == 77);
  CHECK(demo.run("archive due --on 2026-13-01 --as luu-tru").status == 64);

  CHECK(demo.run("archive hold " + code + " --as luu-tru").status == 64);  // --reason or --lift
  CHECK(demo.run("archive hold " + code + " --reason 'Đang giải quyết khiếu nại' --as thuong-truc")
            .status == 77);
  REQUIRE(demo.run("archive hold " + code + " --reason 'Đang giải quyết khiếu nại' --as luu-tru")
              .status == 0);
  CHECK(has(demo.run("archive search --as luu-tru --lang en"), "HOLD"));
  const auto held = demo.run("archive dispose " + code + " --reason 'Hết hạn' --as luu-tru");
  CHECK(held.status == 65);
  CHECK(has(held, "đang bị giữ"));
  REQUIRE(demo.run("archive hold " + code + " --lift --as luu-tru").status == 0);
  const auto early = demo.run("archive dispose " + code + " --reason 'Hết hạn' --as luu-tru");
  CHECK(early.status == 65);
  CHECK(has(early, "kept until"));
  CHECK(demo.run("archive dispose " + code + " --approve --as luu-tru").status == 77);
  CHECK(demo.run("archive dispose " + code + " --approve --as chu-tich").status == 65);
  CHECK(fs::is_directory(demo.package(code)));
}

TEST_CASE("the server's fixity audit setting: archive.auditHours, 0 for none, never negative") {
  Demo demo;
  const fs::path off = demo.dir.write("off.conf", "archive.auditHours = 0\nlisten.port = 0\n");
  const std::string out = (demo.dir.path() / "serve.out").string();
  const std::string script = kBinary + " serve --config " + quote(off.string()) + " --data " +
                             quote(demo.data) + " > " + quote(out) +
                             " 2>&1 & pid=$!\n"
                             "for i in $(seq 1 100); do grep -q serving " +
                             quote(out) +
                             " && break; sleep 0.05; done\n"
                             "kill -TERM $pid; wait $pid; echo \"exit=$?\"\n";
  const auto served = testing::runCommand("bash -c " + quote(script));
  CHECK_MESSAGE(has(served, "exit=0"), served.output);
  const fs::path bad = demo.dir.write("bad.conf", "archive.auditHours = -1\n");
  const auto refused = demo.run("serve --config " + quote(bad.string()));
  CHECK(refused.status == 78);
  CHECK(has(refused, "archive.auditHours"));
}
