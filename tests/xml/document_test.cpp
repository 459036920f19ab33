#include "engine/xml/document.hpp"

#include <doctest/doctest.h>

#include "engine/xml/c14n_stream.hpp"

using namespace awardflow;

TEST_CASE("well-formed XML parses into located elements") {
  const auto parsed =
      xml::parse("<a xmlns='urn:x'>\n  <b id='1'>one</b>\n  <b>t<c>w</c>o</b>\n</a>");
  REQUIRE(parsed.document);
  CHECK(parsed.report.empty());
  const xml::Element root = parsed.document->root();
  CHECK(root.localName() == "a");
  CHECK(root.namespaceUri() == "urn:x");
  const auto kids = root.children();
  REQUIRE(kids.size() == 2);
  CHECK(kids[0].attribute("id") == std::optional<std::string>("1"));
  CHECK_FALSE(kids[1].attribute("id"));
  CHECK(kids[1].text() == "two");
  CHECK(kids[1].line() == 3);
  CHECK(kids[1].path() == "/a/b[2]");
  CHECK(kids[1].children()[0].path() == "/a/b[2]/c");
  CHECK(root.childText("b") == std::optional<std::string>("one"));
}

TEST_CASE("malformed XML is reported with line and column and yields no document") {
  const auto parsed = xml::parse("<a>\n  <b></c>\n</a>");
  CHECK_FALSE(parsed.document);
  REQUIRE_FALSE(parsed.report.valid());
  const core::Problem& first = parsed.report.problems().front();
  CHECK(first.code == "xml.malformed");
  CHECK(first.location.line == 2);
  CHECK(first.location.column > 0);
  CHECK(first.message.vi.find("không đúng cú pháp") != std::string::npos);
  CHECK(first.message.en.find("not well-formed") != std::string::npos);
}

TEST_CASE("a DOCTYPE is refused before any entity is defined or expanded") {
  // Billion laughs: would expand to gigabytes if entities were processed.
  const std::string bomb =
      "<?xml version='1.0'?>\n<!DOCTYPE lolz [\n <!ENTITY lol 'lol'>\n"
      " <!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>\n"
      " <!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>\n"
      " <!ENTITY lol4 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>\n"
      "]>\n<lolz>&lol4;</lolz>";
  const auto parsed = xml::parse(bomb);
  CHECK_FALSE(parsed.document);
  REQUIRE(parsed.report.problems().size() == 1);
  CHECK(parsed.report.problems()[0].code == "xml.doctype");
  CHECK(parsed.report.problems()[0].location.line == 2);
}

TEST_CASE("external entities and external DTDs are never loaded") {
  const auto parsed = xml::parse("<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a>x</a>");
  CHECK_FALSE(parsed.document);
  CHECK(parsed.report.hasCode("xml.doctype"));
  const auto entity =
      xml::parse("<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/hostname'>]><a>&e;</a>");
  CHECK_FALSE(entity.document);
  CHECK(entity.report.hasCode("xml.doctype"));
}

TEST_CASE("an undeclared entity reference is malformed, not expanded") {
  const auto parsed = xml::parse("<a>&secret;</a>");
  CHECK_FALSE(parsed.document);
  CHECK(parsed.report.hasCode("xml.malformed"));
}

TEST_CASE("input over the size limit is refused before parsing") {
  xml::ParseOptions options;
  options.max_bytes = 16;
  const auto parsed = xml::parse("<a>0123456789abcdef</a>", options);
  CHECK_FALSE(parsed.document);
  REQUIRE(parsed.report.problems().size() == 1);
  CHECK(parsed.report.problems()[0].code == "xml.too-large");
  CHECK(xml::parse("<a/>", options).document);
  // The streaming parser applies the same limit.
  CHECK(xml::canonicalizeStream(
            "<a>0123456789abcdef</a>", {}, [](std::string_view) { return true; }, options)
            .report.hasCode("xml.too-large"));
}

TEST_CASE("empty input and a lone prolog are malformed") {
  CHECK(xml::parse("").report.hasCode("xml.malformed"));
  CHECK(xml::parse("<?xml version='1.0'?>").report.hasCode("xml.malformed"));
}

TEST_CASE("a flood of errors is capped with a closing notice") {
  std::string text = "<a>";
  for (int i = 0; i < 50; ++i) text += "<b x='1' x='2'/>";
  text += "</a>";
  xml::ParseOptions options;
  options.max_problems = 3;
  const auto parsed = xml::parse(text, options);
  CHECK_FALSE(parsed.document);
  CHECK(parsed.report.count(core::Severity::Error) <= 3);
}

TEST_CASE("only UTF-8 documents are accepted") {
  CHECK(xml::parse("<?xml version='1.0' encoding='UTF-8'?><a>\xc3\xa1</a>").document);
  CHECK(xml::parse("<?xml version='1.0' encoding='utf-8'?><a/>").document);
  const auto latin = xml::parse("<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe1</a>");
  CHECK_FALSE(latin.document);
  CHECK(latin.report.hasCode("xml.encoding"));
  // Bytes that are not UTF-8 in a UTF-8 document are malformed.
  CHECK(xml::parse("<a>\xe1\x28</a>").report.hasCode("xml.malformed"));
}

TEST_CASE("an undeclared namespace prefix is malformed, not a document") {
  const auto parsed = xml::parse("<a><b p:x=\"1\"/></a>");
  CHECK_FALSE(parsed.document);
  CHECK(parsed.report.hasCode("xml.malformed"));
  CHECK_FALSE(xml::parse("<p:a/>").document);
}
