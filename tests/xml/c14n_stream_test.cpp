#include "engine/xml/c14n_stream.hpp"

#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

// libxml2's canonicalization of the parsed document: the reference the stream must equal.
std::string viaTree(const std::string& text,
                    const std::vector<std::pair<std::string, std::string>>& skip = {}) {
  auto parsed = xml::parse(text);
  REQUIRE(parsed.document);
  xml::NodeSet set;
  for (const auto& [ns, local] : skip) {
    const auto found = parsed.document->root().descendants(ns, local);
    set.excluded.insert(set.excluded.end(), found.begin(), found.end());
  }
  auto octets = xml::canonicalize(*parsed.document, set,
                                  xml::C14nOptions{xml::C14nMethod::Exclusive10, false, {}});
  REQUIRE(octets);
  return *octets;
}

std::string viaStream(const std::string& text, const xml::SkipPredicate& skip = {}) {
  std::string out;
  const auto result = xml::canonicalizeStream(text, skip, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  });
  REQUIRE_MESSAGE(result.ok, (result.report.empty() ? "" : result.report.problems()[0].message.en));
  return out;
}

const char* kTricky[] = {
    // Prolog PIs and comments, prefixes, unused declarations, attribute order and escaping,
    // character references, CDATA, default namespace undeclared and declared again, PIs after.
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?before data?>\n<!-- c -->\n"
    "<r:root xmlns:r=\"urn:r\" xmlns=\"urn:d\" xmlns:unused=\"urn:u\" b=\"2\" a=\"1\" r:z=\"3\" "
    "xml:lang=\"vi\">"
    "<child "
    "attr=\"&amp;&lt;&gt;&quot;&#9;&#10;&#13;x\">t&amp;&lt;&gt;&#13;<![CDATA[<cdata>&]]></child>"
    "<r:x/><plain xmlns=\"\"><inner xmlns=\"urn:d\"/><bare/></plain><!-- inside --><?pi "
    "inner?></r:root>\n"
    "<?after?>\n<!-- after -->\n",
    // One prefix bound to two namespaces at different depths.
    "<a xmlns:p=\"urn:1\"><p:b><c xmlns:p=\"urn:2\"><p:d p:attr=\"v\"/></c><p:e/></p:b></a>",
    // Literal white space in attributes is normalized by the parser; references are not.
    "<a x=\"l1\nl2\tz\r\ny\" y=\"&#x20;&#xA;\"/>",
    // Attributes sorted by namespace URI, then local name; unqualified first.
    "<a xmlns:b=\"urn:b\" xmlns:c=\"urn:a\" b:x=\"1\" c:y=\"2\" z=\"3\" c:a=\"4\"/>",
    // Vietnamese text and a CR LF line end.
    "<d:dossier xmlns:d=\"urn:awardflow:dossier:1\">\r\n  <d:name>Nguyễn Văn An — “Lao động tiên "
    "tiến”</d:name>\r\n</d:dossier>",
    // An empty default namespace on a nested element under a prefixed root.
    "<p:a xmlns:p=\"urn:p\"><b xmlns=\"\"/><c xmlns=\"urn:c\"><d xmlns=\"\"/></c></p:a>",
};

}  // namespace

TEST_CASE("streamed exclusive C14N equals libxml2's on tricky documents") {
  for (const char* text : kTricky) {
    INFO(text);
    CHECK(viaStream(text) == viaTree(text));
  }
}

TEST_CASE("streamed exclusive C14N equals libxml2's on every sample that parses") {
  int compared = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::sourceDir() / "samples")) {
    if (entry.path().extension() != ".xml") continue;
    const std::string text = *core::readFile(entry.path());
    if (!xml::parse(text).document) continue;
    INFO(entry.path().string());
    CHECK(viaStream(text) == viaTree(text));
    ++compared;
  }
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "workflows")) {
    if (entry.path().extension() != ".xml") continue;
    const std::string text = *core::readFile(entry.path());
    INFO(entry.path().string());
    CHECK(viaStream(text) == viaTree(text));
    ++compared;
  }
  CHECK(compared > 60);
}

TEST_CASE("skipped elements are left out with their subtrees, and reported") {
  const std::string text =
      "<a xmlns=\"urn:a\"><b>1</b><ds:Signature "
      "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:x/>"
      "</ds:Signature>\n<c/><Signature "
      "xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><in/></Signature></a>";
  std::vector<int> depths;
  const std::string streamed =
      viaStream(text, [&](std::string_view ns, std::string_view local, int depth) {
        const bool signature = ns == "http://www.w3.org/2000/09/xmldsig#" && local == "Signature";
        if (signature) depths.push_back(depth);
        return signature;
      });
  CHECK(streamed == viaTree(text, {{"http://www.w3.org/2000/09/xmldsig#", "Signature"}}));
  CHECK(depths == std::vector<int>{2, 2});
}

TEST_CASE("the stream refuses what parse() refuses") {
  const auto refuse = [](const std::string& text) {
    std::string out;
    const auto result = xml::canonicalizeStream(text, {}, [&](std::string_view chunk) {
      out.append(chunk);
      return true;
    });
    CHECK_FALSE(result.ok);
    return result.report.problems().empty() ? std::string() : result.report.problems()[0].code;
  };
  CHECK(refuse("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>") == "xml.doctype");
  CHECK(refuse("<a><b></a>") == "xml.malformed");
  CHECK(refuse("<a>&undefined;</a>") == "xml.malformed");
  CHECK(refuse("<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe1</a>") == "xml.encoding");
  CHECK(refuse("") == "xml.malformed");
  CHECK(refuse("<a xmlns=\"relative/ns\"/>") ==
        "xml.namespace-uri");  // libxml2's C14N refuses it too
  xml::ParseOptions small;
  small.max_bytes = 4;
  CHECK(xml::canonicalizeStream(
            "<abc/>", {}, [](std::string_view) { return true; }, small)
            .report.hasCode("xml.too-large"));
  // A sink that refuses stops the stream.
  CHECK_FALSE(xml::canonicalizeStream(testing::kAdvancedWorkerDossier, {}, [](std::string_view) {
                return false;
              }).ok);
}
