#include "engine/core/file.hpp"

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("readFile reads whole files and says why it cannot") {
  testing::TempDir dir;
  const auto file = dir.write("a.txt", std::string("x\0y", 3));
  auto bytes = core::readFile(file);
  REQUIRE(bytes);
  CHECK(*bytes == std::string("x\0y", 3));

  CHECK(core::readFile(dir.path() / "missing").error().code == core::Errc::NotFound);
  CHECK(core::readFile(dir.path()).error().code == core::Errc::Unreadable);
  CHECK(core::readFile(file, 2).error().code == core::Errc::TooLarge);
}
