#include "engine/core/text.hpp"

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
