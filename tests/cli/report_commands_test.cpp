// awardflow report … and awardflow emulation …: the standing office's reports and the scoring
// of emulation clusters through the real binary, on the demo data directory (whose sealed
// dossier of Phố Châu, 2024, approved five advanced workers: two women, one direct labourer).
#include <string>

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

const std::string kBinary = AWARDFLOW_BINARY;

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool has(const testing::CommandResult& r, const std::string& text) {
  return r.output.find(text) != std::string::npos;
}

struct Demo {
  testing::TempDir dir;
  std::string data = (dir.path() / "data").string();

  Demo() {
    const auto init = testing::runCommand(kBinary + " init --demo --data " + quote(data));
    REQUIRE_MESSAGE(init.status == 0, init.output);
  }

  testing::CommandResult run(const std::string& args) const {
    return testing::runCommand(kBinary + " " + args + " --data " + quote(data) + " 2>&1");
  }
};

}  // namespace

TEST_CASE("awardflow report: the year's numbers as text, JSON and CSV, for those who may read") {
  Demo demo;
  const auto text = demo.run("report period --year 2024 --as thuong-truc");
  REQUIRE_MESSAGE(text.status == 0, text.output);
  CHECK(has(text, "khen thưởng: 5 (5 cá nhân, 0 tập thể, 0 hộ)"));
  CHECK(has(text, "người lao động trực tiếp: 1/5 = 20.0 % (chỉ tiêu: trên 35.0 %) CHƯA ĐẠT"));
  CHECK(has(text, "nữ: 2/5 = 40.0 %"));
  const auto lower = demo.run("report period --year 2024 --target 0.15 --lang en --as chu-tich");
  REQUIRE(lower.status == 0);
  CHECK(has(lower, "(target: more than 15.0 %) met"));
  const auto json = demo.run("report period --year 2024 --format json --as thuong-truc");
  REQUIRE(json.status == 0);
  CHECK(has(json, "\"directLabourers\": 1"));
  const auto csv = demo.run("report period --year 2024 --format csv --lang en --as thuong-truc");
  REQUIRE(csv.status == 0);
  CHECK(has(csv, "unit,UBND-PHOCHAU,UBND thị trấn Phố Châu,1,0,1,"));
  const auto table = demo.run("report statistics --year 2024 --as thuong-truc");
  REQUIRE(table.status == 0);
  CHECK(has(table, "Lao động tiên tiến"));
  CHECK(demo.run("report period --year 2024 --as luu-tru").status == 77);
  CHECK(demo.run("report period --year 24 --as thuong-truc").status == 64);
  CHECK(demo.run("report period --year 2024 --format xml --as thuong-truc").status == 64);
  CHECK(demo.run("report period --year 2024 --target 2 --as thuong-truc").status == 64);
}

TEST_CASE("awardflow emulation: a cluster defined, scored, ranked and closed") {
  Demo demo;
  REQUIRE(demo.run("emulation group add CUM-1 --name 'Cụm 1' --unit UBND-PHOCHAU "
                   "--unit UBND-SONTIEN --as thuong-truc")
              .status == 0);
  REQUIRE(demo.run("emulation criteria add C-2024 --group CUM-1 --period 2024 --title 'Năm 2024' "
                   "--criterion '1|Kinh tế|40|1' --criterion '2|Văn hóa|30|2' --as thuong-truc")
              .status == 0);
  const auto over = demo.run(
      "emulation score C-2024 --unit UBND-PHOCHAU --criterion 1 --points 41 --as hoi-dong-1");
  CHECK(over.status == 64);
  CHECK(has(over, "criterion 1 takes 0 to 40 points"));
  CHECK(demo.run("emulation score C-2024 --unit UBND-PHOCHAU --criterion 1 --points 30 "
                 "--as pho-chau")
            .status == 77);
  for (const char* args : {"--unit UBND-PHOCHAU --criterion 1 --points 30",
                           "--unit UBND-PHOCHAU --criterion 2 --points 20",
                           "--unit UBND-SONTIEN --criterion 1 --points 40",
                           "--unit UBND-SONTIEN --criterion 2 --points 15"}) {
    REQUIRE(demo.run(std::string("emulation score C-2024 ") + args + " --as hoi-dong-1").status ==
            0);
  }
  const auto tied = demo.run("emulation standings C-2024 --lang en --as thuong-truc");
  REQUIRE(tied.status == 0);
  CHECK(has(tied, "1. UBND thị trấn Phố Châu (UBND-PHOCHAU): 70.00"));
  CHECK(has(tied, "1. UBND xã Sơn Tiến (UBND-SONTIEN): 70.00"));
  CHECK(has(tied, "tied for the lead (the council decides): UBND-PHOCHAU, UBND-SONTIEN"));
  REQUIRE(demo.run("emulation score C-2024 --unit UBND-SONTIEN --criterion 2 --points 16 "
                   "--as hoi-dong-2")
              .status == 0);  // a second scorer: Sơn Tiến's criterion 2 averages 15.5
  const auto closed = demo.run("emulation close C-2024 --lang en --as thuong-truc");
  REQUIRE(closed.status == 0);
  CHECK(has(closed, "1. UBND xã Sơn Tiến (UBND-SONTIEN): 71.00"));
  CHECK(has(closed, "proposed upward: UBND-SONTIEN"));
  CHECK(demo.run("emulation score C-2024 --unit UBND-PHOCHAU --criterion 1 --points 40 "
                 "--as hoi-dong-1")
            .status == 65);
}
