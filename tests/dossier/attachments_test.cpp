#include "engine/dossier/attachments.hpp"

#include <doctest/doctest.h>

#include "engine/crypto/digest.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

model::Dossier withAttachment(const std::string& name, std::int64_t size,
                              const std::string& sha256) {
  model::Dossier d;
  model::Document doc;
  doc.id = "d1";
  doc.attachment = {
      name, "application/pdf", size, sha256, {7, 0, "/dossier/documents/document/attachment"}};
  d.documents.push_back(doc);
  d.documents.push_back(doc);  // the same file named twice is read once and judged twice
  return d;
}

std::vector<std::string> codes(const core::Report& report) {
  std::vector<std::string> out;
  for (const auto& p : report.problems()) out.push_back(p.code);
  return out;
}

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

}  // namespace

TEST_CASE("attachments are matched by size, SHA-256 and type") {
  testing::TempDir dir;
  dir.write("ok.pdf", kPdf);
  dir.write("text.pdf", "just text");
  const auto size = static_cast<std::int64_t>(kPdf.size());
  const std::string sha = crypto::sha256Hex(kPdf);
  auto run = [&](const model::Dossier& d) {
    core::Report report;
    dossier::checkAttachments(d, dir.path(), report);
    return report;
  };
  CHECK(run(withAttachment("ok.pdf", size, sha)).empty());
  CHECK(codes(run(withAttachment("ok.pdf", size + 1, sha))) ==
        std::vector<std::string>{"attachment.size-mismatch", "attachment.size-mismatch"});
  CHECK(codes(run(withAttachment("ok.pdf", size, std::string(64, 'a')))) ==
        std::vector<std::string>{"attachment.digest-mismatch", "attachment.digest-mismatch"});
  CHECK(codes(run(withAttachment("none.pdf", size, sha))) ==
        std::vector<std::string>{"attachment.missing", "attachment.missing"});
  CHECK(codes(run(withAttachment("text.pdf", 9, crypto::sha256Hex("just text")))) ==
        std::vector<std::string>{"attachment.not-pdf", "attachment.not-pdf"});
  const core::Report located = run(withAttachment("none.pdf", size, sha));
  CHECK(located.problems()[0].location.line == 7);
}

TEST_CASE("names that could leave the attachments folder are refused without a look") {
  testing::TempDir dir;
  for (const char* name :
       {"../secret.pdf", "/etc/passwd", "a/b.pdf", ".hidden.pdf", "..", "c:evil.pdf"}) {
    INFO(name);
    core::Report report;
    dossier::checkAttachments(withAttachment(name, 1, std::string(64, '0')), dir.path(), report);
    CHECK(codes(report) ==
          std::vector<std::string>{"attachment.unsafe-name", "attachment.unsafe-name"});
  }
}
