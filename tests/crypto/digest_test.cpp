#include "engine/crypto/digest.hpp"

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("SHA-256 matches the FIPS 180-2 vectors") {
  CHECK(crypto::sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(crypto::sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("file digests stream the file and report size") {
  testing::TempDir dir;
  const std::string big(200 * 1024 + 7, 'x');  // several read chunks
  const auto file = dir.write("big.bin", big);
  auto digest = crypto::sha256File(file);
  REQUIRE(digest);
  CHECK(digest->size == big.size());
  CHECK(digest->sha256 == crypto::sha256Hex(big));
  CHECK(crypto::sha256File(dir.path() / "none").error().code == core::Errc::NotFound);
}
