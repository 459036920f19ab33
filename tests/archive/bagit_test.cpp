// BagIt validation against the Library of Congress conformance cases (../shared/testdata/bagit)
// and bags broken on purpose here; the writer's round trips, plain and zipped.
#include "engine/archive/bagit.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
namespace fs = std::filesystem;

namespace {

// The Library of Congress BagIt conformance suite, every version it has (public domain, vendored
// from github.com/LibraryOfCongress/bagit-conformance-suite at 9ab4870; byte for byte, see
// tests/data/bagit-conformance/.gitattributes). ../shared/testdata/bagit holds a part of it.
const fs::path kSuite = testing::sourceDir() / "tests/data/bagit-conformance";

// The problem each known invalid case must be reported with (RFC 8493 rule it breaks).
const std::map<std::string, std::string> kExpectedCodes{
    {"v0.97/invalid/baginfo-missing-encoding", "bagit.declaration.encoding-missing"},
    {"v0.97/invalid/corrupt-data-file", "bagit.manifest.digest"},
    {"v0.97/invalid/extra-file-in-bag", "bagit.payload.unlisted"},
    {"v0.97/invalid/missing-bagit.txt", "bagit.declaration.missing"},
    {"v0.97/invalid/out-of-scope-file-paths-using-dot-notation", "bagit.path.traversal"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-absolute-path", "bagit.path.absolute"},
    {"v1.0/invalid/notAllManifestsListAllFiles", "bagit.payload.unlisted"},
    {"v1.0/invalid/same-filename-listed-twice-with-different-hashes", "bagit.manifest.duplicate"},
    {"v1.0/invalid/same-filename-listed-twice-with-the-same-hash", "bagit.manifest.duplicate"},
    {"v1.0/invalid/bagit-with-invalid-whitespace", "bagit.declaration.syntax"},
    {"v0.97/invalid/bom-in-bagit.txt", "bagit.declaration.bom"},
    {"v0.97/invalid/corrupt-tag-file", "bagit.tagmanifest.digest"},
    {"v0.97/invalid/invalid-version-number", "bagit.declaration.version"},
    {"v0.97/invalid/missing-baginfo", "bagit.tagfile.missing"},
    {"v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch", "bagit.path.traversal"},
    {"v0.97/invalid/same-filename-listed-twice-with-different-hashes", "bagit.manifest.duplicate"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-absolute-path-for-fetch",
     "bagit.path.absolute"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-shortcut", "bagit.manifest.outside-payload"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-for-fetch",
     "bagit.fetch.outside-payload"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username",
     "bagit.manifest.outside-payload"},
    {"v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username-for-fetch",
     "bagit.fetch.outside-payload"},
};

// The warning each warning case must carry (the bag stays valid).
const std::map<std::string, std::string> kExpectedWarnings{
    {"v0.97/warning/duplicate-file-with-different-case", "bagit.payload.case-duplicate"},
    {"v0.97/warning/made-with-md5sum-tools", "bagit.manifest.binary-marker"},
    {"v0.97/warning/relative-path", "bagit.path.dot-slash"},
    {"v0.97/warning/same-filename-listed-twice-with-different-normalization",
     "bagit.manifest.normalization-duplicate"},
    {"v0.97/warning/same-filename-listed-twice-with-the-same-hash", "bagit.manifest.repeated"},
    {"v0.97/warning/special-system-files", "bagit.payload.system-file"},
};

std::string describe(const core::Report& report) {
  std::ostringstream out;
  for (const core::Problem& p : report.problems()) {
    out << "\n  [" << core::severityName(p.severity) << "] " << p.code << " " << p.location.path
        << ":" << p.location.line << " " << p.message.en;
  }
  return out.str();
}

bool hasProblem(const core::Report& report, std::string_view code, std::string_view path) {
  return std::any_of(report.problems().begin(), report.problems().end(),
                     [&](const auto& p) { return p.code == code && p.location.path == path; });
}

archive::BagValidation validate(const fs::path& bag) {
  auto result = archive::validateBag(bag);
  REQUIRE_MESSAGE(result.has_value(), bag.string() << ": " << result.error().message);
  return std::move(result).value();
}

archive::BagValidation validateZip(const fs::path& zip,
                                   const archive::BagValidationOptions& options = {}) {
  auto result = archive::validateZippedBag(zip, options);
  REQUIRE_MESSAGE(result.has_value(), zip.string() << ": " << result.error().message);
  return std::move(result).value();
}

void put(const fs::path& file, std::string_view bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

std::string slurp(const fs::path& file) {
  auto bytes = core::readFile(file);
  REQUIRE_MESSAGE(bytes.has_value(), file.string());
  return *bytes;
}

void flipByte(const fs::path& file, std::size_t at) {
  std::string bytes = slurp(file);
  REQUIRE(at < bytes.size());
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  put(file, bytes);
}

std::string sha256(std::string_view bytes) {
  return crypto::digestHex(bytes, crypto::HashAlgorithm::Sha256);
}

// Every entry name of a directory, for "nothing was left behind" checks.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// A valid BagIt 1.0 bag made by hand (not by the writer under test): payload, sha256 manifest,
// bag-info.txt with Payload-Oxum, sha256 tag manifest. Tests break one thing, then retag() so
// that only the thing broken on purpose is wrong.
struct HandBag {
  testing::TempDir dir;
  fs::path root = dir.path() / "bag";
  std::map<std::string, std::string> payload{
      {"data/hello.txt", "xin chào\n"},
      {"data/sub/quyet-dinh.bin", std::string("\x00\x01\x02\xFF", 4)},
  };
  std::string manifest_extra;  // lines appended to manifest-sha256.txt

  HandBag() { build(); }

  void write(const std::string& relative, std::string_view bytes) const {
    put(root / relative, bytes);
  }

  void build() {
    fs::create_directories(root / "data");
    write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    std::string manifest;
    std::size_t octets = 0;
    for (const auto& [path, bytes] : payload) {
      write(path, bytes);
      manifest += sha256(bytes) + "  " + path + "\n";
      octets += bytes.size();
    }
    write("manifest-sha256.txt", manifest + manifest_extra);
    write("bag-info.txt",
          "Source-Organization: Sở Nội vụ\nBagging-Date: 2026-01-15\n"
          "Payload-Oxum: " +
              std::to_string(octets) + "." + std::to_string(payload.size()) + "\n");
    retag();
  }

  // Rewrites tagmanifest-sha256.txt over the tag files as they are now.
  void retag() const {
    std::string tags;
    for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
      if (fs::exists(root / name)) tags += sha256(slurp(root / name)) + "  " + name + "\n";
    }
    write("tagmanifest-sha256.txt", tags);
  }

  void appendToManifest(const std::string& line) {
    manifest_extra += line + "\n";
    write("manifest-sha256.txt", slurp(root / "manifest-sha256.txt") + line + "\n");
    retag();
  }

  archive::BagValidation check() const { return validate(root); }
};

// A bag from the writer with payload of each kind: bytes, and a file of a few MB.
struct WrittenFixture {
  testing::TempDir dir;
  fs::path source = dir.path() / "scan.pdf";
  std::string big;
  archive::BagContents contents;

  WrittenFixture() {
    big.resize((std::size_t{3} << 20) + 17);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 131) ^ (i >> 9));
    put(source, big);
    contents.payload.push_back(
        archive::PayloadEntry::fromBytes("ho-so.xml", "<hoSo>Nguyễn Văn A</hoSo>\n"));
    contents.payload.push_back(archive::PayloadEntry::fromFile("scans/to-trinh.pdf", source));
    contents.payload.push_back(archive::PayloadEntry::fromBytes("odd/100% \nname.txt", "x"));
    contents.info = {{"Source-Organization", "UBND tỉnh Phú Thọ"},
                     {"External-Identifier", "HS-2026-0001"},
                     {"Contact-Name", "Văn thư"},
                     {"Contact-Name", "Lưu trữ"}};
    contents.tag_files = {{"README.txt", "Gói hồ sơ khen thưởng đã niêm phong.\n"},
                          {"metadata/premis.xml", "<premis/>\n"}};
  }
};

archive::BagWriteOptions fixedDate() {
  archive::BagWriteOptions options;
  options.bagging_date = core::Date{2026, 3, 2};
  return options;
}

}  // namespace

TEST_CASE("conformance suite: valid bags are accepted, invalid ones rejected with their code") {
  REQUIRE_MESSAGE(fs::is_directory(kSuite), "missing test data: " << kSuite.string());
  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::set<std::string> seen;
  std::size_t warned = 0;
  for (const auto& version : fs::directory_iterator(kSuite)) {
    if (!version.is_directory() || version.path().filename().string().rfind("v", 0) != 0) continue;
    for (const auto& category : fs::directory_iterator(version.path())) {
      if (!category.is_directory()) continue;
      const std::string kind = category.path().filename();
      // Paths such as C:\x or \\server\share are out of scope on Windows only; here they are
      // odd file names, and the suite does not say what a Linux validator should answer.
      if (kind == "windows-only") continue;
      for (const auto& bag : fs::directory_iterator(category.path())) {
        if (!bag.is_directory()) continue;
        const std::string name = fs::relative(bag.path(), kSuite).generic_string();
        INFO(name);
        const archive::BagValidation result = validate(bag.path());
        if (kind == "valid") {
          ++valid;
          CHECK_MESSAGE(result.valid(), describe(result.report));
          // A leading "./" is read and warned about (the suite files it as valid and, again,
          // as a warning case); a valid bag carries no other warning.
          for (const core::Problem& p : result.report.problems()) {
            if (p.severity == core::Severity::Warning)
              CHECK_MESSAGE(p.code == "bagit.path.dot-slash", describe(result.report));
          }
          continue;
        }
        if (kind == "warning") {
          ++warned;
          CHECK_MESSAGE(result.valid(), describe(result.report));
          CHECK_MESSAGE(result.report.count(core::Severity::Warning) > 0, describe(result.report));
          const auto code = kExpectedWarnings.find(name);
          REQUIRE_MESSAGE(code != kExpectedWarnings.end(), "no warning recorded for " << name);
          CHECK_MESSAGE(result.report.hasCode(code->second),
                        "expected " << code->second << describe(result.report));
          continue;
        }
        REQUIRE_MESSAGE((kind == "invalid" || kind == "linux-only"), "unknown category " << kind);
        ++invalid;
        CHECK_MESSAGE(!result.valid(), "accepted an invalid bag");
        const auto expected = kExpectedCodes.find(name);
        REQUIRE_MESSAGE(expected != kExpectedCodes.end(), "no expected problem code recorded for "
                                                              << name << ":"
                                                              << describe(result.report));
        seen.insert(name);
        CHECK_MESSAGE(result.report.hasCode(expected->second),
                      "expected " << expected->second << describe(result.report));
      }
    }
  }
  CHECK(valid >= 25);
  CHECK(invalid >= 17);
  CHECK(warned >= 6);
  for (const auto& [name, code] : kExpectedCodes) CHECK_MESSAGE(seen.count(name) == 1, name);
}

TEST_CASE("conformance suite details: what each case declares and where its problems are") {
  const auto basic = validate(kSuite / "v1.0/valid/basicBag");
  CHECK(basic.version == "1.0");
  CHECK(basic.algorithms == std::vector<std::string>{"sha512"});
  CHECK(basic.payload_files == 1);

  const auto latin = validate(kSuite / "v0.97/valid/ISO-8859-1-encoded-tag-files");
  CHECK(latin.encoding == "ISO-8859-1");
  CHECK(latin.valid());

  const auto holey = validate(kSuite / "v0.97/valid/holey-bag");
  CHECK(holey.valid());

  const auto dots = validate(kSuite / "v0.97/invalid/out-of-scope-file-paths-using-dot-notation");
  CHECK(hasProblem(dots.report, "bagit.path.traversal", "manifest-md5.txt"));
  CHECK(hasProblem(dots.report, "bagit.path.windows", "manifest-md5.txt"));

  const auto corrupt = validate(kSuite / "v0.97/invalid/corrupt-data-file");
  CHECK(hasProblem(corrupt.report, "bagit.manifest.digest", "data/bare-filename"));
  CHECK(corrupt.report.hasCode("bagit.baginfo.oxum"));

  const auto twice =
      validate(kSuite / "v1.0/invalid/same-filename-listed-twice-with-different-hashes");
  bool line_two = false;
  for (const auto& p : twice.report.problems()) {
    if (p.code == "bagit.manifest.duplicate") line_two = p.location.line == 2;
  }
  CHECK(line_two);
  CHECK(twice.report.hasCode("bagit.declaration.whitespace"));  // "BagIt-Version: 1.0 "

  const auto extra = validate(kSuite / "v0.97/invalid/extra-file-in-bag");
  CHECK(hasProblem(extra.report, "bagit.payload.unlisted", "data/bar"));
}

TEST_CASE("a bag made by hand is valid, and every problem message is bilingual") {
  HandBag bag;
  const auto result = bag.check();
  CHECK_MESSAGE(result.valid(), describe(result.report));
  CHECK(result.report.empty());
  CHECK(result.payload_files == 2);
  CHECK(result.payload_octets == std::string("xin chào\n").size() + 4);

  fs::remove(bag.root / "bagit.txt");
  const auto broken = bag.check();
  CHECK_FALSE(broken.report.empty());
  for (const auto& p : broken.report.problems()) {
    CHECK(!p.message.vi.empty());
    CHECK(!p.message.en.empty());
    CHECK(p.message.vi != p.message.en);
  }
}

TEST_CASE("the declaration: missing, malformed, unsupported, with a BOM") {
  HandBag bag;
  const auto declare = [&](std::string_view text) {
    bag.write("bagit.txt", text);
    bag.retag();
    return bag.check();
  };
  fs::remove(bag.root / "bagit.txt");
  CHECK(bag.check().report.hasCode("bagit.declaration.missing"));

  auto r = declare("BagIt-Version 1.0\nTag-File-Character-Encoding: UTF-8\n");
  CHECK(hasProblem(r.report, "bagit.declaration.syntax", "bagit.txt"));
  CHECK(r.report.hasCode("bagit.declaration.version-missing"));

  CHECK(declare("BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n")
            .report.hasCode("bagit.declaration.version"));
  CHECK(declare("BagIt-Version: one\nTag-File-Character-Encoding: UTF-8\n")
            .report.hasCode("bagit.declaration.version"));
  CHECK(declare("Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n")
            .report.hasCode("bagit.declaration.syntax"));
  CHECK(declare("BagIt-Version:1.0\nTag-File-Character-Encoding: UTF-8\n")
            .report.hasCode("bagit.declaration.syntax"));
  CHECK(declare("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nExtra: yes\n")
            .report.hasCode("bagit.declaration.syntax"));
  CHECK(declare("BagIt-Version: 1.0\n").report.hasCode("bagit.declaration.encoding-missing"));
  CHECK(declare("BagIt-Version: 1.0\nTag-File-Character-Encoding: EBCDIC\n")
            .report.hasCode("bagit.declaration.encoding-unsupported"));

  r = declare(
      "\xEF\xBB\xBF"
      "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  CHECK(r.report.hasCode("bagit.declaration.bom"));
  CHECK(!r.valid());

  // Line endings may be CRLF or CR, and the last line may lack one.
  CHECK(declare("BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8").valid());
  CHECK(declare("BagIt-Version: 0.97\rTag-File-Character-Encoding: utf-8\r").valid());
}

TEST_CASE("payload: missing folder, missing file, extra file, flipped bit, links, FIFOs") {
  SUBCASE("no data folder") {
    HandBag bag;
    fs::remove_all(bag.root / "data");
    const auto r = bag.check();
    CHECK(r.report.hasCode("bagit.data.missing"));
    CHECK(r.report.hasCode("bagit.payload.missing"));
  }
  SUBCASE("a listed file is missing") {
    HandBag bag;
    fs::remove(bag.root / "data/hello.txt");
    const auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.payload.missing", "manifest-sha256.txt"));
    CHECK(r.report.hasCode("bagit.baginfo.oxum"));
  }
  SUBCASE("an extra file") {
    HandBag bag;
    bag.write("data/extra.txt", "not listed");
    CHECK(hasProblem(bag.check().report, "bagit.payload.unlisted", "data/extra.txt"));
  }
  SUBCASE("one flipped bit") {
    HandBag bag;
    flipByte(bag.root / "data/sub/quyet-dinh.bin", 2);
    const auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.manifest.digest", "data/sub/quyet-dinh.bin"));
    CHECK_FALSE(r.report.hasCode("bagit.baginfo.oxum"));  // same size
    CHECK(r.report.count(core::Severity::Error) == 1);
  }
  SUBCASE("upper-case hex digests are accepted") {
    HandBag bag;
    std::string manifest = slurp(bag.root / "manifest-sha256.txt");
    std::transform(manifest.begin(), manifest.begin() + 64, manifest.begin(),
                   [](char c) { return static_cast<char>(std::toupper(c)); });
    bag.write("manifest-sha256.txt", manifest);
    bag.retag();
    CHECK(bag.check().valid());
  }
  SUBCASE("a symbolic link out of the bag is reported and never followed") {
    HandBag bag;
    put(bag.dir.path() / "secret.txt", "secret");
    fs::create_symlink(bag.dir.path() / "secret.txt", bag.root / "data/link.txt");
    bag.appendToManifest(sha256("secret") + "  data/link.txt");
    const auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.path.symlink", "data/link.txt"));
    CHECK_FALSE(r.valid());
  }
  SUBCASE("a linked folder is not entered") {
    HandBag bag;
    fs::create_directories(bag.dir.path() / "outside");
    put(bag.dir.path() / "outside/x.txt", "x");
    fs::create_directory_symlink(bag.dir.path() / "outside", bag.root / "data/dir");
    bag.appendToManifest(sha256("x") + "  data/dir/x.txt");
    const auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.path.symlink", "data/dir"));
    CHECK(r.report.hasCode("bagit.payload.missing"));
  }
  SUBCASE("a FIFO does not hang the validator") {
    HandBag bag;
    REQUIRE(::mkfifo((bag.root / "data/pipe").c_str(), 0600) == 0);
    bag.appendToManifest(sha256("") + "  data/pipe");
    CHECK(hasProblem(bag.check().report, "bagit.path.special", "data/pipe"));
  }
  SUBCASE("names with spaces, percent signs and line breaks") {
    HandBag bag;
    bag.payload["data/100% done.txt"] = "a";
    bag.payload["data/two\nlines\r.txt"] = "b";
    bag.build();
    std::string manifest = slurp(bag.root / "manifest-sha256.txt");
    manifest = testing::replaceOnce(manifest, "100% done", "100%25 done");
    manifest = testing::replaceOnce(manifest, "two\nlines\r.txt", "two%0Alines%0d.txt");
    bag.write("manifest-sha256.txt", manifest);
    bag.retag();
    const auto r = bag.check();
    CHECK_MESSAGE(r.valid(), describe(r.report));
  }
  SUBCASE("names that differ only in Unicode normalization") {
    HandBag bag;
    // On disk NFD (e + U+0302 + U+0303), listed NFC (U+1EC5 ễ).
    bag.write("data/Nguye\xCC\x82\xCC\x83n.txt", "A");
    bag.appendToManifest(sha256("A") + "  data/Nguy\xE1\xBB\x85n.txt");
    bag.write("bag-info.txt",
              "Payload-Oxum: " + std::to_string(std::string("xin chào\n").size() + 4 + 1) + ".3\n");
    bag.retag();
    const auto r = bag.check();
    CHECK_MESSAGE(r.valid(), describe(r.report));
    CHECK(r.report.hasCode("bagit.path.normalization"));
  }
}

TEST_CASE("manifest paths that leave the bag or its payload are refused") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"data\\hello.txt", "bagit.path.windows"},
      {"C:/x", "bagit.path.windows"},
      {"/etc/passwd", "bagit.path.absolute"},
      {"data/../../x", "bagit.path.traversal"},
      {"data/./hello.txt", "bagit.path.non-normal"},
      {"bagit.txt", "bagit.manifest.outside-payload"},
  };
  for (const auto& [path, code] : cases) {
    INFO(path);
    HandBag bag;
    bag.appendToManifest(sha256("x") + "  " + path);
    const auto r = bag.check();
    CHECK_MESSAGE(hasProblem(r.report, code, "manifest-sha256.txt"), describe(r.report));
    CHECK_FALSE(r.valid());
  }
}

TEST_CASE("manifests: none, duplicates, bad lines, unknown algorithms, every manifest complete") {
  SUBCASE("no payload manifest") {
    HandBag bag;
    fs::remove(bag.root / "manifest-sha256.txt");
    bag.retag();
    CHECK(bag.check().report.hasCode("bagit.manifest.missing"));
  }
  SUBCASE("a file listed twice with the same digest") {
    HandBag bag;
    bag.appendToManifest(sha256("xin chào\n") + "  data/hello.txt");
    CHECK(hasProblem(bag.check().report, "bagit.manifest.duplicate", "manifest-sha256.txt"));
  }
  SUBCASE("a tag manifest listing a file twice, or a payload file") {
    HandBag bag;
    const std::string tags = slurp(bag.root / "tagmanifest-sha256.txt");
    const std::string line = sha256(slurp(bag.root / "bagit.txt")) + "  bagit.txt\n";
    bag.write("tagmanifest-sha256.txt", tags + line);
    auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.tagmanifest.duplicate", "tagmanifest-sha256.txt"));
    bag.write("tagmanifest-sha256.txt", tags + sha256("xin chào\n") + "  data/hello.txt\n");
    r = bag.check();
    CHECK(r.report.hasCode("bagit.tagmanifest.payload-entry"));
    bag.write("tagmanifest-sha256.txt", tags + sha256("") + "  notes.txt\n");
    CHECK(bag.check().report.hasCode("bagit.tagfile.missing"));
  }
  SUBCASE("malformed lines") {
    HandBag bag;
    bag.appendToManifest("nothex  data/hello.txt");
    CHECK(bag.check().report.hasCode("bagit.manifest.syntax"));
    HandBag short_digest;
    short_digest.appendToManifest("abcdef  data/x");
    CHECK(short_digest.check().report.hasCode("bagit.manifest.syntax"));
    HandBag no_path;
    no_path.appendToManifest(sha256("x"));
    CHECK(no_path.check().report.hasCode("bagit.manifest.syntax"));
  }
  SUBCASE("a second manifest must list every file too") {
    HandBag bag;
    bag.write("manifest-md5.txt",
              crypto::digestHex("xin chào\n", crypto::HashAlgorithm::Md5) + "  data/hello.txt\n");
    const auto r = bag.check();
    CHECK(hasProblem(r.report, "bagit.payload.unlisted", "data/sub/quyet-dinh.bin"));
    CHECK(r.algorithms == std::vector<std::string>{"md5", "sha256"});
  }
  SUBCASE("an unknown algorithm beside a known one: warned, its entries still checked") {
    HandBag bag;
    bag.write("manifest-crc32.txt",
              "0badf00d  data/hello.txt\n0badf00d  data/sub/quyet-dinh.bin\n");
    auto r = bag.check();
    CHECK_MESSAGE(r.valid(), describe(r.report));
    CHECK(hasProblem(r.report, "bagit.manifest.algorithm-unknown", "manifest-crc32.txt"));
    bag.write("manifest-crc32.txt", "0badf00d  data/hello.txt\n");
    r = bag.check();
    CHECK(hasProblem(r.report, "bagit.payload.unlisted", "data/sub/quyet-dinh.bin"));
  }
  SUBCASE("only an unknown algorithm: the payload cannot be verified") {
    HandBag bag;
    fs::rename(bag.root / "manifest-sha256.txt", bag.root / "manifest-sha3.txt");
    const auto r = bag.check();
    CHECK(r.report.hasCode("bagit.manifest.unverifiable"));
    CHECK_FALSE(r.valid());
  }
}

TEST_CASE("bag-info.txt: Payload-Oxum, syntax, encodings") {
  SUBCASE("Payload-Oxum that does not match") {
    HandBag bag;
    bag.write("bag-info.txt", "Payload-Oxum: 99.2\n");
    bag.retag();
    CHECK(hasProblem(bag.check().report, "bagit.baginfo.oxum", "bag-info.txt"));
    bag.write("bag-info.txt", "Payload-Oxum: 14\n");
    bag.retag();
    CHECK(bag.check().report.hasCode("bagit.baginfo.oxum-syntax"));
    bag.write("bag-info.txt", "Payload-Oxum: 14.2\nPayload-Oxum: 14.2\n");
    bag.retag();
    CHECK(bag.check().report.hasCode("bagit.baginfo.repeated"));
  }
  SUBCASE("continuation lines, and lines that are neither field nor continuation") {
    HandBag bag;
    bag.write("bag-info.txt",
              "External-Description: Hồ sơ đề nghị tặng Bằng khen\n  của Thủ tướng Chính phủ\n"
              "Payload-Oxum: 14.2\n");
    bag.retag();
    CHECK_MESSAGE(bag.check().valid(), describe(bag.check().report));
    bag.write("bag-info.txt", "this line has no label\n");
    bag.retag();
    CHECK(hasProblem(bag.check().report, "bagit.baginfo.syntax", "bag-info.txt"));
    bag.write("bag-info.txt", "  starts with a continuation\n");
    bag.retag();
    CHECK(bag.check().report.hasCode("bagit.baginfo.syntax"));
  }
  SUBCASE("ISO-8859-1 tag files are read as declared; the same bytes as UTF-8 are not") {
    HandBag bag;
    bag.write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n");
    bag.write("bag-info.txt", "Contact-Name: Ren\xE9\n");
    bag.retag();
    CHECK_MESSAGE(bag.check().valid(), describe(bag.check().report));
    bag.write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    bag.retag();
    CHECK(hasProblem(bag.check().report, "bagit.tagfile.encoding", "bag-info.txt"));
  }
  SUBCASE("UTF-16 tag files") {
    HandBag bag;
    const auto utf16 = [](std::string_view ascii) {
      std::string out("\xFE\xFF", 2);
      for (char c : ascii) out += std::string{'\0', c};
      return out;
    };
    bag.write("bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-16\n");
    std::string manifest;
    for (const auto& [path, bytes] : bag.payload) manifest += sha256(bytes) + "  " + path + "\n";
    bag.write("manifest-sha256.txt", utf16(manifest));
    bag.write("bag-info.txt", utf16("Payload-Oxum: 14.2\n"));
    fs::remove(bag.root / "tagmanifest-sha256.txt");
    const auto r = bag.check();
    CHECK_MESSAGE(r.valid(), describe(r.report));
  }
  SUBCASE("a UTF-8 BOM outside bagit.txt is only worth a warning") {
    HandBag bag;
    bag.write("bag-info.txt", "\xEF\xBB\xBFPayload-Oxum: 14.2\n");
    bag.retag();
    const auto r = bag.check();
    CHECK(r.valid());
    CHECK(r.report.hasCode("bagit.tagfile.bom"));
  }
}

TEST_CASE("fetch.txt: holey bags are valid, bad entries are not") {
  SUBCASE("a listed file that is still to be fetched") {
    HandBag bag;
    bag.write("fetch.txt", "https://kho.example.vn/hello.txt 10 data/hello.txt\n");
    fs::remove(bag.root / "data/hello.txt");
    const auto r = bag.check();
    CHECK_MESSAGE(r.valid(), describe(r.report));
    CHECK(r.report.hasCode("bagit.fetch.absent"));
  }
  const std::vector<std::pair<std::string, std::string>> cases{
      {"https://x/y - ../outside", "bagit.path.traversal"},
      {"https://x/y - /etc/passwd", "bagit.path.absolute"},
      {"https://x/y - data\\hello.txt", "bagit.path.windows"},
      {"https://x/y - C:/x", "bagit.path.windows"},
      {"https://x/y - bagit.txt", "bagit.fetch.outside-payload"},
      {"https://x/y - data/not-in-manifest.txt", "bagit.fetch.unlisted"},
      {"https://x/y twelve data/hello.txt", "bagit.fetch.syntax"},
      {"no-url-here", "bagit.fetch.syntax"},
      {"https://x/y - data/hello.txt\nhttps://x/z - data/hello.txt", "bagit.fetch.duplicate"},
  };
  for (const auto& [line, code] : cases) {
    INFO(line);
    HandBag bag;
    bag.write("fetch.txt", line + "\n");
    const auto r = bag.check();
    CHECK_MESSAGE(hasProblem(r.report, code, "fetch.txt"), describe(r.report));
    CHECK_FALSE(r.valid());
  }
}

TEST_CASE("validateBag fails only when there is no folder to validate") {
  testing::TempDir dir;
  CHECK(archive::validateBag(dir.path() / "none").error().code == core::Errc::NotFound);
  const auto file = dir.write("file.txt", "x");
  CHECK(archive::validateBag(file).error().code == core::Errc::Unreadable);
  CHECK(archive::validateZippedBag(dir.path() / "none.zip").error().code == core::Errc::NotFound);
  CHECK(archive::validateZippedBag(dir.path()).error().code == core::Errc::Unreadable);
}

TEST_CASE("writer: a written bag validates, holds what was given, and nothing else is left") {
  WrittenFixture f;
  const fs::path destination = f.dir.path() / "out" / "HS-2026-0001";
  fs::create_directories(destination.parent_path());
  auto written = archive::writeBag(destination, f.contents, fixedDate());
  REQUIRE_MESSAGE(written.has_value(), written.error().message);
  CHECK(written->payload_files == 3);
  const std::uint64_t octets = std::string("<hoSo>Nguyễn Văn A</hoSo>\n").size() + f.big.size() + 1;
  CHECK(written->payload_octets == octets);
  CHECK(written->payload_oxum == std::to_string(octets) + ".3");
  CHECK(listing(destination.parent_path()) == std::vector<std::string>{"HS-2026-0001"});

  const auto r = validate(destination);
  CHECK_MESSAGE(r.valid(), describe(r.report));
  CHECK(r.report.empty());
  CHECK(r.version == "1.0");
  CHECK(r.algorithms == std::vector<std::string>{"sha256", "sha512"});

  CHECK(slurp(destination / "bagit.txt") ==
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  CHECK(slurp(destination / "bag-info.txt") ==
        "Source-Organization: UBND tỉnh Phú Thọ\nExternal-Identifier: HS-2026-0001\n"
        "Contact-Name: Văn thư\nContact-Name: Lưu trữ\nBagging-Date: 2026-03-02\n"
        "Bag-Size: 3.0 MB\nPayload-Oxum: " +
            std::to_string(octets) + ".3\n");
  CHECK(slurp(destination / "data/scans/to-trinh.pdf") == f.big);
  CHECK(slurp(destination / "data/odd/100% \nname.txt") == "x");
  CHECK(slurp(destination / "manifest-sha256.txt").find("data/odd/100%25 %0Aname.txt") !=
        std::string::npos);
  CHECK(slurp(destination / "README.txt") == f.contents.tag_files[0].bytes);
  const std::string tags = slurp(destination / "tagmanifest-sha512.txt");
  for (const char* name : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt",
                           "manifest-sha512.txt", "README.txt", "metadata/premis.xml"}) {
    CHECK_MESSAGE(tags.find(std::string("  ") + name + "\n") != std::string::npos, name);
  }
  struct stat info {};
  REQUIRE(::stat(destination.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0755);
}

TEST_CASE("writer: a byte changed in any kind of file is found and named") {
  WrittenFixture f;
  const fs::path bag = f.dir.path() / "bag";
  REQUIRE(archive::writeBag(bag, f.contents, fixedDate()).has_value());
  SUBCASE("payload") {
    flipByte(bag / "data/scans/to-trinh.pdf", 2'000'000);
    const auto r = validate(bag);
    CHECK(hasProblem(r.report, "bagit.manifest.digest", "data/scans/to-trinh.pdf"));
    CHECK(r.report.count(core::Severity::Error) == 2);  // sha256 and sha512 both disagree
  }
  SUBCASE("bag-info.txt") {
    flipByte(bag / "bag-info.txt", 5);
    CHECK(hasProblem(validate(bag).report, "bagit.tagmanifest.digest", "bag-info.txt"));
  }
  SUBCASE("manifest") {
    flipByte(bag / "manifest-sha256.txt", 0);
    const auto r = validate(bag);
    CHECK(hasProblem(r.report, "bagit.tagmanifest.digest", "manifest-sha256.txt"));
    CHECK(r.report.hasCode("bagit.manifest.digest"));
  }
  SUBCASE("extra tag file") {
    flipByte(bag / "metadata/premis.xml", 1);
    CHECK(hasProblem(validate(bag).report, "bagit.tagmanifest.digest", "metadata/premis.xml"));
  }
}

TEST_CASE("writer: refuses to overwrite, and refuses contents that break the rules") {
  WrittenFixture f;
  const fs::path destination = f.dir.path() / "existing";
  fs::create_directories(destination);
  put(destination / "keep.txt", "do not touch");
  auto refused = archive::writeBag(destination, f.contents);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == core::Errc::Conflict);
  CHECK(listing(destination) == std::vector<std::string>{"keep.txt"});
  CHECK(slurp(destination / "keep.txt") == "do not touch");

  const fs::path empty = f.dir.path() / "empty";
  fs::create_directories(empty);  // rename(2) would replace an empty folder: we must not
  CHECK(archive::writeBag(empty, f.contents).error().code == core::Errc::Conflict);
  CHECK(listing(empty).empty());

  const auto invalid = [&](auto edit) {
    archive::BagContents contents = f.contents;
    edit(contents);
    auto result = archive::writeBag(f.dir.path() / "never", contents);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == core::Errc::InvalidArgument);
    CHECK_FALSE(fs::exists(f.dir.path() / "never"));
  };
  invalid([](auto& c) { c.payload.push_back(archive::PayloadEntry::fromBytes("../x", "")); });
  invalid([](auto& c) { c.payload.push_back(archive::PayloadEntry::fromBytes("/x", "")); });
  invalid([](auto& c) { c.payload.push_back(archive::PayloadEntry::fromBytes("a\\b", "")); });
  invalid([](auto& c) { c.payload.push_back(archive::PayloadEntry::fromBytes("ho-so.xml", "")); });
  invalid([](auto& c) {
    c.payload.push_back(archive::PayloadEntry::fromBytes("ho-so.xml/inner", ""));
  });
  invalid([](auto& c) { c.tag_files.push_back({"manifest-md5.txt", ""}); });
  invalid([](auto& c) { c.tag_files.push_back({"data/x", ""}); });
  invalid([](auto& c) { c.info.emplace_back("Payload-Oxum", "1.1"); });
  invalid([](auto& c) { c.info.emplace_back("Bad: label", "x"); });
  invalid([](auto& c) { c.info.emplace_back("Note", "two\nlines"); });

  archive::BagContents missing_source = f.contents;
  missing_source.payload.push_back(
      archive::PayloadEntry::fromFile("gone.pdf", f.dir.path() / "gone.pdf"));
  const fs::path parent = f.dir.path() / "parent";
  fs::create_directories(parent);
  CHECK(archive::writeBag(parent / "bag", missing_source).error().code == core::Errc::NotFound);
  CHECK(listing(parent).empty());  // the temporary folder is gone too
}

TEST_CASE("writer: an empty payload is a valid bag") {
  testing::TempDir dir;
  REQUIRE(archive::writeBag(dir.path() / "empty", archive::BagContents{}).has_value());
  const auto r = validate(dir.path() / "empty");
  CHECK_MESSAGE(r.valid(), describe(r.report));
  CHECK(slurp(dir.path() / "empty/bag-info.txt").find("Payload-Oxum: 0.0\n") != std::string::npos);
}

TEST_CASE("zipped bags: round trip, and zips that must not be extracted") {
  WrittenFixture f;
  const fs::path zip = f.dir.path() / "zips" / "ab.zip";
  fs::create_directories(zip.parent_path());
  auto written = archive::writeZippedBag(zip, f.contents, fixedDate());
  REQUIRE_MESSAGE(written.has_value(), written.error().message);
  CHECK(written->path == zip);
  CHECK(listing(zip.parent_path()) == std::vector<std::string>{"ab.zip"});

  testing::TempDir work;
  archive::BagValidationOptions options;
  options.work_dir = work.path();
  const auto r = validateZip(zip, options);
  CHECK_MESSAGE(r.valid(), describe(r.report));
  CHECK(r.payload_files == 3);
  CHECK(listing(work.path()).empty());  // extraction removed

  auto again = archive::writeZippedBag(zip, f.contents);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().code == core::Errc::Conflict);

  const std::string bytes = slurp(zip);
  // Entry names rewritten in place (same length, local and central headers alike).
  const auto renamed = [&](std::string_view from, std::string_view to) {
    std::string out = bytes;
    std::size_t count = 0;
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + 1)) {
      out.replace(at, from.size(), to);
      ++count;
    }
    REQUIRE(count >= 2);
    const fs::path file = f.dir.path() / "zips" / "evil.zip";
    put(file, out);
    return file;
  };
  SUBCASE("an entry with ..") {
    const auto evil = validateZip(renamed("ab/bagit.txt", "../bagit.txt"), options);
    CHECK_MESSAGE(evil.report.hasCode("bagit.zip.unsafe-entry"), describe(evil.report));
    CHECK_FALSE(evil.valid());
    CHECK(listing(work.path()).empty());
    CHECK_FALSE(fs::exists(work.path() / "bagit.txt"));
  }
  SUBCASE("an absolute entry") {
    const auto evil = validateZip(renamed("ab/bagit.txt", "/a/bagit.txt"), options);
    CHECK_MESSAGE(evil.report.hasCode("bagit.zip.unsafe-entry"), describe(evil.report));
  }
  SUBCASE("a backslash entry") {
    const auto evil = validateZip(renamed("ab/bagit.txt", "ab\\bagit.txt"), options);
    CHECK_MESSAGE(evil.report.hasCode("bagit.zip.unsafe-entry"), describe(evil.report));
  }
  SUBCASE("two top-level folders") {
    const auto two = validateZip(renamed("ab/bagit.txt", "zz/bagit.txt"), options);
    CHECK_MESSAGE(two.report.hasCode("bagit.zip.layout"), describe(two.report));
  }
  SUBCASE("not a zip at all, or damaged") {
    const auto junk = validateZip(f.dir.path() / "scan.pdf", options);
    CHECK_FALSE(junk.valid());
    CHECK(junk.report.problems().front().code.rfind("bagit.zip.", 0) == 0);
    std::string damaged = bytes;
    const std::size_t at = damaged.find("ab/data/scans/to-trinh.pdf") + 100;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x55);
    put(f.dir.path() / "damaged.zip", damaged);
    const auto broken = validateZip(f.dir.path() / "damaged.zip", options);
    CHECK_FALSE(broken.valid());
    CHECK(listing(work.path()).empty());
  }
  SUBCASE("a zip bomb is stopped by the limits") {
    archive::BagValidationOptions tight = options;
    tight.max_extracted_bytes = 1 << 20;
    CHECK(validateZip(zip, tight).report.hasCode("bagit.zip.too-large"));
    tight = options;
    tight.max_zip_entries = 3;
    CHECK(validateZip(zip, tight).report.hasCode("bagit.zip.too-large"));
  }
}

TEST_CASE("older versions relax only what they did not require, and 1.0 stays strict") {
  testing::TempDir dir;
  const auto copyOf = [&](const std::string& suite_case, const std::string& as) {
    const fs::path to = dir.path() / as;
    fs::copy(kSuite / suite_case, to, fs::copy_options::recursive);
    return to;
  };
  // White space before a label's colon: a draft's bag-info reads it, RFC 8493 refuses it.
  const fs::path draft = copyOf("v0.97/valid/uncommon-metadata-separators", "draft");
  CHECK(validate(draft).valid());
  const fs::path rfc = copyOf("v1.0/valid/basicBag", "rfc");
  {
    std::ofstream info(rfc / "bag-info.txt", std::ios::app);
    info << "Test-Tag : 3\n";
  }
  const auto strict = validate(rfc);
  CHECK_FALSE(strict.valid());
  CHECK(strict.report.hasCode("bagit.baginfo.label"));
  // The oldest drafts are read by their version.
  const auto old = validate(kSuite / "v0.93/valid/basic-bag");
  CHECK(old.version == "0.93");
  CHECK(old.valid());
  // A version the drafts never had stays refused.
  const fs::path future = copyOf("v1.0/valid/basicBag", "future");
  REQUIRE(core::writeFileAtomic(future / "bagit.txt",
                                "BagIt-Version: 0.92\nTag-File-Character-Encoding: UTF-8\n"));
  CHECK(validate(future).report.hasCode("bagit.declaration.version"));
}
