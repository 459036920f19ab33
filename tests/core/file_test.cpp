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

TEST_CASE("atomic writes replace whole files, keep modes, and can refuse to overwrite") {
  testing::TempDir dir;
  const auto file = dir.path() / "key.pem";
  REQUIRE(core::writeFileAtomic(file, "secret", 0600, false));
  CHECK(*core::readFile(file) == "secret");
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK(core::writeFileAtomic(file, "other", 0600, false).error().code == core::Errc::Conflict);
  CHECK(*core::readFile(file) == "secret");
  REQUIRE(core::writeFileAtomic(file, "replaced"));
  CHECK(*core::readFile(file) == "replaced");
  // No temporary file is left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
  CHECK(core::writeFileAtomic(dir.path() / "missing-dir" / "x", "x").error().code ==
        core::Errc::Unavailable);
}
