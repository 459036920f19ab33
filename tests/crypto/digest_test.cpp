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

TEST_CASE("fixity digests: every manifest algorithm, incremental and over a file") {
  using crypto::HashAlgorithm;
  // "abc" from RFC 1321 and FIPS 180-2.
  CHECK(crypto::digestHex("abc", HashAlgorithm::Md5) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(crypto::digestHex("abc", HashAlgorithm::Sha1) ==
        "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(crypto::digestHex("abc", HashAlgorithm::Sha224) ==
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  CHECK(crypto::digestHex("abc", HashAlgorithm::Sha512) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3"
        "feebbd454d4423643ce80e2a9ac94fa54ca49f");
  for (const char* name : {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"}) {
    const auto algorithm = crypto::hashAlgorithmNamed(name);
    REQUIRE(algorithm);
    CHECK(crypto::hashAlgorithmName(*algorithm) == name);
    CHECK(crypto::digestHex("", *algorithm).size() == crypto::hashHexLength(*algorithm));
  }
  CHECK_FALSE(crypto::hashAlgorithmNamed("SHA256"));
  CHECK_FALSE(crypto::hashAlgorithmNamed("crc32"));

  crypto::Hasher hasher(HashAlgorithm::Sha512);
  hasher.update("a");
  hasher.update("");
  hasher.update("bc");
  auto incremental = hasher.finishHex();
  REQUIRE(incremental);
  CHECK(*incremental == crypto::digestHex("abc", HashAlgorithm::Sha512));
  CHECK_FALSE(hasher.finishHex());  // finished once

  testing::TempDir dir;
  const std::string big(300 * 1024 + 3, 'y');
  const auto file = dir.write("big.bin", big);
  auto md5 = crypto::fileDigestHex(file, HashAlgorithm::Md5);
  REQUIRE(md5);
  CHECK(*md5 == crypto::digestHex(big, HashAlgorithm::Md5));
  CHECK(crypto::fileDigestHex(dir.path() / "none", HashAlgorithm::Md5).error().code ==
        core::Errc::NotFound);
}
