#include "engine/archive/detail/bag_text.hpp"

#include <doctest/doctest.h>

using namespace awardflow::archive::detail;

TEST_CASE("tag file encodings decode to UTF-8") {
  CHECK(tagEncodingNamed("utf-8") == TagEncoding::Utf8);
  CHECK(tagEncodingNamed("ISO-8859-1") == TagEncoding::Latin1);
  CHECK(tagEncodingNamed("latin1") == TagEncoding::Latin1);
  CHECK(tagEncodingNamed("UTF-16BE") == TagEncoding::Utf16Be);
  CHECK_FALSE(tagEncodingNamed("EBCDIC"));

  // "Nguyễn" is not Latin-1; "Thủy" neither; "café" is: é is 0xE9.
  const DecodedText latin = decodeTagText("caf\xE9\n", TagEncoding::Latin1);
  CHECK(latin.text == "caf\xC3\xA9\n");
  CHECK(latin.bad_line == 0);

  const DecodedText bom = decodeTagText("\xEF\xBB\xBFNguy\xE1\xBB\x85n", TagEncoding::Utf8);
  CHECK(bom.had_bom);
  CHECK(bom.text == "Nguy\xE1\xBB\x85n");

  const DecodedText bad = decodeTagText("a\nb\r\nc\xC0\xAF\n", TagEncoding::Utf8);
  CHECK(bad.bad_line == 3);  // an overlong "/" on the third line
  CHECK(decodeTagText("\xED\xA0\x80", TagEncoding::Utf8).bad_line == 1);  // a surrogate

  // UTF-16: with a little-endian BOM, big-endian without one, a surrogate pair.
  const std::string le(
      "\xFF\xFE"
      "a\0\n\0",
      6);
  CHECK(decodeTagText(le, TagEncoding::Utf16).text == "a\n");
  const std::string be("\0a\xD8\x3D\xDE\x00", 6);
  CHECK(decodeTagText(be, TagEncoding::Utf16).text == "a\xF0\x9F\x98\x80");
  CHECK(decodeTagText(std::string("\0a\0", 3), TagEncoding::Utf16Be).bad_line == 1);
}

TEST_CASE("lines end with LF, CRLF or CR") {
  const auto lines = splitLines("one\r\ntwo\rthree\nfour");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "one");
  CHECK(lines[1].text == "two");
  CHECK(lines[2].text == "three");
  CHECK(lines[3].text == "four");
  CHECK(lines[3].number == 4);
  CHECK(splitLines("a\n").size() == 1);
  CHECK(splitLines("a\n\n").size() == 2);
  CHECK(splitLines("").empty());
}

TEST_CASE("manifest paths: only %0A, %0D and %25 are decoded") {
  CHECK(decodePercent("data/a%0Ab%0dc%25d") == "data/a\nb\rc%d");
  CHECK(decodePercent("data/%7Etest1.txt") == "data/%7Etest1.txt");
  CHECK(decodePercent("data/%test2.txt") == "data/%test2.txt");
  CHECK(decodePercent("data/100%") == "data/100%");
  CHECK(encodePercent("data/a\nb\rc%d") == "data/a%0Ab%0Dc%25d");
  CHECK(decodePercent(encodePercent("x%25\n")) == "x%25\n");
}

TEST_CASE("relative paths that could leave the bag are named") {
  CHECK(pathFault("data/file.txt") == PathFault::None);
  CHECK(pathFault("data/test 1.txt") == PathFault::None);
  CHECK(pathFault("data/..hidden") == PathFault::None);
  CHECK(pathFault("") == PathFault::Empty);
  CHECK(pathFault(std::string("data/a\0b", 8)) == PathFault::Control);
  CHECK(pathFault("/etc/passwd") == PathFault::Absolute);
  CHECK(pathFault("data\\file.txt") == PathFault::Windows);
  CHECK(pathFault("C:/x") == PathFault::Windows);
  CHECK(pathFault("c:x") == PathFault::Windows);
  CHECK(pathFault("\\.\\./README.md") == PathFault::Windows);
  CHECK(pathFault("data/../../x") == PathFault::Traversal);
  CHECK(pathFault("../x") == PathFault::Traversal);
  CHECK(pathFault("data/..") == PathFault::Traversal);
  CHECK(pathFault("data//x") == PathFault::NonNormal);
  CHECK(pathFault("data/./x") == PathFault::NonNormal);
  CHECK(pathFault("data/") == PathFault::NonNormal);
  CHECK(pathFaultCode(PathFault::Traversal) == "traversal");
}
