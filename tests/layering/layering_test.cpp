#include "tests/layering/layering.hpp"

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

using awardflow::testing::checkLayering;

TEST_CASE("engine/ follows DESIGN.md's module table") {
  const auto violations = checkLayering(awardflow::testing::sourceDir() / "engine");
  for (const auto& v : violations) FAIL_CHECK(v.file << ":" << v.line << ": " << v.reason);
  CHECK(violations.empty());
}

TEST_CASE("the checker catches upward includes, reserved headers and unknown modules") {
  awardflow::testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "core");
  std::filesystem::create_directories(dir.path() / "dossier");
  std::filesystem::create_directories(dir.path() / "gadgets");
  dir.write("core/a.hpp", "#include <string>\n#include \"engine/service/validation.hpp\"\n");
  dir.write("dossier/b.cpp",
            "#include \"engine/xml/document.hpp\"\n  #  include <openssl/evp.h>\n#include "
            "<libxml/tree.h>\n");
  dir.write("gadgets/c.cpp", "int x;\n");
  const auto violations = checkLayering(dir.path());
  REQUIRE(violations.size() == 4);
  CHECK(violations[0].file == "engine/core/a.hpp");
  CHECK(violations[0].line == 2);
  CHECK(violations[1].reason.find("openssl/evp.h") != std::string::npos);
  CHECK(violations[1].line == 2);
  CHECK(violations[2].reason.find("libxml/tree.h") != std::string::npos);
  CHECK(violations[3].reason.find("gadgets") != std::string::npos);
}
