#include "engine/core/text.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace awardflow::core;

// "Nguyễn" written composed (NFC) and decomposed (NFD: e + circumflex + tilde).
constexpr const char* kComposed = "Nguy\xe1\xbb\x85n";
constexpr const char* kDecomposed = "Nguye\xcc\x82\xcc\x83n";

TEST_CASE("NFC normalization composes Vietnamese letters") {
  CHECK(std::string(kComposed) != kDecomposed);
  CHECK(toNfc(kDecomposed) == kComposed);
  CHECK(toNfc(kComposed) == kComposed);
  CHECK(toNfc("ASCII stays") == "ASCII stays");
}

TEST_CASE("name keys ignore case, spacing and normalization form but keep diacritics") {
  CHECK(nameKey(std::string(kDecomposed) + "  VĂN   An ") ==
        nameKey(std::string(kComposed) + " văn an"));
  CHECK(nameKey("Nguyễn") != nameKey("Nguyên"));
  CHECK(nameKey("Đức") == nameKey("đức"));
  CHECK(nameKey("Đức") != nameKey("Duc"));
}

TEST_CASE("UTF-8 well-formedness") {
  CHECK(isValidUtf8("Thắng"));
  CHECK_FALSE(isValidUtf8("\xc3"));          // truncated
  CHECK_FALSE(isValidUtf8("\xed\xa0\x80"));  // surrogate
  CHECK_FALSE(isValidUtf8("\xc0\xaf"));      // overlong
}

TEST_CASE("white space collapses to single spaces") {
  CHECK(collapseSpace("  a \n\t b  ") == "a b");
  CHECK(collapseSpace("") == "");
}

TEST_CASE("search folding drops tones and marks, đ included, for NFC and NFD alike") {
  using awardflow::core::searchFold;
  CHECK(searchFold("Nguyễn Đức Thắng") == "nguyen duc thang");
  CHECK(searchFold("Nguye\xcc\x82\xcc\x83n \xc4\x90u\xcc\x9b\xcc\x81"
                   "c Tha\xcc\x86\xcc\x81ng") == "nguyen duc thang");  // NFD input
  CHECK(searchFold("  nguyen  DUC-thang ") == "nguyen duc thang");
  CHECK(searchFold("đường ĐỒNG Quý") == "duong dong quy");
  CHECK(searchFold("QĐ 15/QĐ-UBND") == "qd 15 qd ubnd");
  CHECK(searchFold("") == "");
}

TEST_CASE("collation keys sort in Vietnamese alphabetical order") {
  using awardflow::core::collationKey;
  // a < ă < â < b < d < đ < e < ê … and tones only after the letters.
  const std::vector<std::string> ordered{"An", "Ăn",  "Ân",   "Bình", "Dũng", "Đức", "Em", "Êm",
                                         "Hà", "Hải", "Oanh", "Ơn",   "Uyên", "Ưng", "Yến"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    CAPTURE(ordered[i]);
    CHECK(collationKey(ordered[i]) < collationKey(ordered[i + 1]));
  }
  CHECK(collationKey("Đức") == collationKey("Đức"));
  CHECK(collationKey("").empty());
}
