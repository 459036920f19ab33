// The dossier lifecycle through the real awardflow binary: separate processes on one data
// directory, killed with SIGKILL at random moments.
#include <algorithm>
#include <chrono>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

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

struct Demo {
  testing::TempDir dir;
  std::string data = (dir.path() / "data").string();

  Demo() {
    const auto init = testing::runCommand(kBinary + " init --demo --data " + quote(data));
    REQUIRE_MESSAGE(init.status == 0, init.output);
    for (const char* login : {"pho-chau", "chu-tich"}) {
      dir.write(std::string(login) + ".pass", std::string("demo-") + login + "-2026\n");
    }
  }

  testing::CommandResult run(const std::string& args) const {
    return testing::runCommand(kBinary + " " + args + " --data " + quote(data));
  }

  // The sample advanced-worker dossier of Phố Châu, signed with the unit clerk's demo key.
  std::string signedDossier() const {
    const std::string out = (dir.path() / "09.xml").string();
    const auto signed_run = testing::runCommand(
        kBinary + " sign --key " + quote(data + "/demo-keys/pho-chau.p12") + " -p " +
        quote((dir.path() / "pho-chau.pass").string()) + " -o " + quote(out) + " " +
        quote((testing::sourceDir() / "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml")
                  .string()));
    REQUIRE_MESSAGE(signed_run.status == 0, signed_run.output);
    return out;
  }

  std::string submit(const std::string& file, const std::string& key = "") const {
    const auto r = run("submit " + quote(file) + " --attachments " +
                       quote((testing::sourceDir() / "samples/attachments").string()) +
                       " --as pho-chau" + (key.empty() ? "" : " --idempotency-key " + key));
    REQUIRE_MESSAGE(r.status == 0, r.output);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("HS-[0-9]{4}-[0-9]{6}")));
    return m[0];
  }

  std::string state(const std::string& id) const {
    const auto r = run("status " + id + " --as thuong-truc --format json");
    REQUIRE_MESSAGE(r.status == 0, r.output);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("\"state\": \"([a-z-]+)\"")));
    return m[1];
  }

  std::string chairKey() const {
    return " --key " + quote(data + "/demo-keys/chu-tich.p12") + " --passphrase-file " +
           quote((dir.path() / "chu-tich.pass").string());
  }
};

}  // namespace

TEST_CASE("init --demo prepares dossiers in four states with a signed checkpoint") {
  Demo demo;
  const auto list = demo.run("dossiers --as thuong-truc");
  REQUIRE(list.status == 0);
  for (const char* state : {"\tsealed\t", "\tcouncil-review\t", "\treturned\t", "\tsubmitted\t"})
    CHECK_MESSAGE(list.output.find(state) != std::string::npos, state);
  // A unit's clerk sees their own unit's only.
  const auto own = demo.run("dossiers --as pho-chau");
  CHECK(own.output.find("UBND-PHOCHAU") != std::string::npos);
  CHECK(own.output.find("THCS-SONTIEN") == std::string::npos);
  const auto audit = demo.run("audit verify --format json");
  CHECK(audit.status == 0);
  // Signed checkpoints cover every event (one at the end of init, others as the chain grows).
  CHECK(audit.output.find("\"checkpoints\": 0") == std::string::npos);
  CHECK(audit.output.find("\"uncovered\": 0") != std::string::npos);
  // The province platform: each commune's office sees its own commune's dossiers only.
  const auto commune = demo.run("dossiers --as sonkim1-van-phong");
  CHECK(commune.output.find("TYT-SONKIM1") != std::string::npos);
  CHECK(commune.output.find("THON-TRUNGLUU") == std::string::npos);
  CHECK(commune.output.find("UBND-PHOCHAU") == std::string::npos);
  const auto neighbour = demo.run("dossiers --as sontay-van-phong");
  CHECK(neighbour.output.find("THON-TRUNGLUU\t") != std::string::npos);
  CHECK(neighbour.output.find("TYT-SONKIM1") == std::string::npos);
  const auto province = demo.run("dossiers --as tinh-van-phong");
  CHECK(province.output.find("\tcouncil-review\tXA-SONKIM1\t") != std::string::npos);
  CHECK(province.output.find("TYT-SONKIM1") == std::string::npos);
  const auto sealed =
      demo.run("status " + commune.output.substr(0, 14) + " --as sonkim1-luu-tru --format json");
  CHECK(sealed.output.find("1/QĐ-UBND") != std::string::npos);
  // Running init again changes nothing.
  const auto again = testing::runCommand(kBinary + " init --demo --data " + quote(demo.data));
  CHECK(again.status == 0);
  CHECK(again.output.find("demo dossiers") == std::string::npos);
}

TEST_CASE("the command line takes a dossier from submission to the archive") {
  Demo demo;
  const std::string id = demo.submit(demo.signedDossier());
  CHECK(demo.state(id) == "submitted");
  // Refusals, each with its exit status and a reason in both languages.
  const auto wrong_role = demo.run("act " + id + " receive --as chu-tich");
  CHECK(wrong_role.status == 77);
  CHECK(wrong_role.output.find("chỉ bộ phận") != std::string::npos);
  const auto wrong_state = demo.run("act " + id + " seal --as luu-tru");
  CHECK(wrong_state.status == 65);
  CHECK(wrong_state.output.find("possible now") != std::string::npos);
  CHECK(demo.run("act HS-2000-000001 receive --as thuong-truc").status == 66);
  CHECK(demo.run("act " + id + " receive --as nobody").status == 66);
  CHECK(demo.run("act " + id + " receive").status == 64);
  CHECK(demo.run("act " + id + " receive --expect-version 3 --as thuong-truc").status == 65);
  CHECK(demo.state(id) == "submitted");

  const auto received = demo.run("act " + id + " receive --expect-version 1 --as thuong-truc");
  REQUIRE_MESSAGE(received.status == 0, received.output);
  CHECK(received.output.find("hạn giải quyết") != std::string::npos);
  REQUIRE(demo.run("act " + id + " start-appraisal --as thuong-truc").status == 0);
  const auto opened = demo.run(
      "council open --title 'Phiên họp thử' --on 2026-12-01 --as "
      "thuong-truc");
  REQUIRE(opened.status == 0);
  const std::string session = opened.output.substr(0, opened.output.find('\n'));
  // The demo opened a session too: which one must be said.
  CHECK(demo.run("act " + id + " send-to-council --as thuong-truc").status == 64);
  REQUIRE(demo.run("act " + id + " send-to-council --session " + session + " --as thuong-truc")
              .status == 0);
  REQUIRE(demo.run("vote " + id + " approve --as hoi-dong-1").status == 0);
  CHECK(demo.run("vote " + id + " approve --as hoi-dong-1").status == 65);  // once only
  CHECK(demo.run("vote " + id + " approve --as thuong-truc").status == 77);
  REQUIRE(demo.run("vote " + id + " reject --for hoi-dong-2 --as thuong-truc").status == 0);
  REQUIRE(demo.run("vote " + id + " approve --as hoi-dong-3").status == 0);
  const auto closed = demo.run("act " + id + " close-vote --as thuong-truc --lang en");
  REQUIRE_MESSAGE(closed.status == 0, closed.output);
  CHECK(closed.output.find("2 for, 1 against") != std::string::npos);
  REQUIRE(demo.run("act " + id + " approve --as chu-tich").status == 0);
  const auto unsigned_issue = demo.run("act " + id + " issue --as chu-tich");
  CHECK(unsigned_issue.status == 65);
  CHECK(unsigned_issue.output.find("--key") != std::string::npos);
  const auto issued = demo.run("act " + id + " issue --as chu-tich" + demo.chairKey());
  REQUIRE_MESSAGE(issued.status == 0, issued.output);
  CHECK(issued.output.find("/QĐ-UBND") != std::string::npos);
  REQUIRE(demo.run("act " + id + " seal --as luu-tru").status == 0);
  CHECK(demo.state(id) == "sealed");

  const auto status = demo.run("status " + id + " --as luu-tru --lang en");
  CHECK(status.output.find("decision: approved") != std::string::npos);
  CHECK(status.output.find("signed tally") != std::string::npos);
  const auto history = demo.run("history " + id + " --as pho-chau");
  CHECK(history.status == 0);
  CHECK(history.output.find("dossier.seal") != std::string::npos);
  CHECK(demo.run("history " + id + " --as son-tien").status == 66);  // another unit's
  const auto audit = demo.run("audit verify");
  CHECK_MESSAGE(audit.status == 0, audit.output);
  CHECK(demo.run("audit checkpoint").status == 0);
  const auto after = demo.run("audit verify --format json");
  CHECK(after.output.find("\"uncovered\": 0") != std::string::npos);
}

TEST_CASE("a keyed command run again after the store has changed prints its first answer") {
  Demo demo;
  const std::string file = demo.signedDossier();
  const std::string id = demo.submit(file, "once-submit");
  // Other work changes every file of the data directory in between; the key still names the
  // same command, so the retry is answered from the store, not refused as another request.
  const std::string other = demo.submit(file);
  CHECK(other != id);
  const auto again = demo.run("submit " + quote(file) + " --attachments " +
                              quote((testing::sourceDir() / "samples/attachments").string()) +
                              " --as pho-chau --idempotency-key once-submit");
  REQUIRE_MESSAGE(again.status == 0, again.output);
  CHECK(again.output.find(id) != std::string::npos);
  CHECK(again.output.find("nothing was done again") != std::string::npos);
  // Another file under the same key is another request: refused, nothing stored.
  const std::string changed = (demo.dir.path() / "changed.xml").string();
  demo.dir.write("changed.xml", "<x/>");
  const auto misuse = demo.run("submit " + quote(changed) +
                               " --as pho-chau --idempotency-key "
                               "once-submit");
  CHECK(misuse.status == 65);
  CHECK(misuse.output.find("different request") != std::string::npos);
}

TEST_CASE("two processes acting on one dossier at once: exactly one succeeds") {
  Demo demo;
  const std::string file = demo.signedDossier();
  for (int i = 0; i < 4; ++i) {
    const std::string id = demo.submit(file);
    const std::string data = quote(demo.data);
    const std::string a =
        kBinary + " act " + id + " receive --expect-version 1 --as thuong-truc --data " + data;
    const std::string b = kBinary + " act " + id +
                          " return --deficiency 'Thiếu bản chụp' --expect-version 1 --as "
                          "thuong-truc --data " +
                          data;
    const auto both = testing::runCommand("(" + a + " >/dev/null 2>&1; echo \"A=$?\") & (" + b +
                                          " >/dev/null 2>&1; echo \"B=$?\") & wait");
    const bool a_ok = both.output.find("A=0") != std::string::npos;
    const bool b_ok = both.output.find("B=0") != std::string::npos;
    CAPTURE(both.output);
    CHECK(a_ok != b_ok);
    CHECK((both.output.find("A=65") != std::string::npos ||
           both.output.find("B=65") != std::string::npos));
    CHECK(demo.state(id) == (a_ok ? "received" : "returned"));
  }
  CHECK(demo.run("audit verify").status == 0);
}

TEST_CASE("kill -9 at random moments of a scripted lifecycle loses nothing acknowledged") {
  Demo demo;
  const std::string file = demo.signedDossier();
  const auto opened = demo.run("council open --title 'Phiên họp' --on 2026-12-01 --as thuong-truc");
  REQUIRE(opened.status == 0);
  const std::string session = opened.output.substr(0, opened.output.find('\n'));
  // Kill windows scaled to how long a command takes here (sanitizer builds are several times
  // slower): from almost at once to a little past a typical command's end.
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(demo.run("dossiers --as thuong-truc").status == 0);
  const auto typical = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started)
                                            .count());
  std::mt19937 random(20261126);
  std::uniform_int_distribution<int> delay_ms(2, std::max(20, 3 * typical));
  int killed = 0;
  // Runs a step until it is acknowledged (exit 0), killing attempts at random; a step that was
  // committed by an attempt that was then killed is found by the next attempt (refused as no
  // longer possible, or answered from its idempotency key).
  const auto step = [&](const std::string& args, const std::string& after_state,
                        const std::string& id) {
    for (int attempt = 0; attempt < 12; ++attempt) {
      // After ten killed attempts the step runs to its end: every step completes.
      const int ms = attempt < 10 ? delay_ms(random) : 600000;
      const auto r = testing::runCommand("timeout -s KILL " + std::to_string(ms / 1000) + "." +
                                         std::to_string(1000 + ms % 1000).substr(1) + " " +
                                         kBinary + " " + args + " --data " + quote(demo.data));
      if (r.status == 0) return r.output;
      if (r.status == 137 || r.status == -1) {
        ++killed;
        continue;
      }
      // Committed by a killed attempt: the dossier has moved on.
      if (!id.empty() && r.status == 65 && demo.state(id) == after_state) return std::string();
      FAIL("step failed: " << args << "\n" << r.output);
    }
    FAIL("step never completed: " << args);
    return std::string();
  };
  const auto countDossiers = [&] {
    const auto list = demo.run("dossiers --as thuong-truc");
    std::size_t n = 0;
    for (auto at = list.output.find("HS-"); at != std::string::npos;
         at = list.output.find("HS-", at + 1))
      ++n;
    return n;
  };
  const std::size_t before = countDossiers();  // the demo's own
  std::vector<std::string> ids;
  for (int n = 0; n < 3; ++n) {
    const std::string key = "kill-test-" + std::to_string(n);
    const std::string out =
        step("submit " + quote(file) + " --attachments " +
                 quote((testing::sourceDir() / "samples/attachments").string()) +
                 " --as pho-chau --idempotency-key " + key,
             "", "");
    std::smatch m;
    std::string id;
    if (std::regex_search(out, m, std::regex("HS-[0-9]{4}-[0-9]{6}"))) id = m[0];
    REQUIRE_FALSE(id.empty());
    ids.push_back(id);
    step("act " + id + " receive --as thuong-truc", "received", id);
    step("act " + id + " start-appraisal --as thuong-truc", "appraisal", id);
    step("act " + id + " send-to-council --session " + session + " --as thuong-truc",
         "council-review", id);
    for (const char* member : {"hoi-dong-1", "hoi-dong-2", "hoi-dong-3"}) {
      step(std::string("vote ") + id + " approve --as " + member + " --idempotency-key " + id +
               member,
           "", "");
    }
    step("act " + id + " close-vote --as thuong-truc", "decision-pending", id);
    step("act " + id + " approve --as chu-tich", "approved", id);
    step("act " + id + " issue --as chu-tich" + demo.chairKey(), "issued", id);
    step("act " + id + " seal --as luu-tru", "sealed", id);
  }
  MESSAGE("attempts killed: " << killed);
  // Every acknowledged step is there, once: three dossiers, each sealed with one event per step.
  const auto list = demo.run("dossiers --as thuong-truc");
  CHECK(list.output.find(ids.back()) != std::string::npos);
  for (const std::string& id : ids) {
    CHECK(demo.state(id) == "sealed");
    const auto history = demo.run("history " + id + " --as thuong-truc");
    for (const char* kind : {"dossier.submitted", "dossier.receive", "dossier.close-vote",
                             "dossier.issue", "dossier.seal"}) {
      const std::string k = std::string("\t") + kind + "\t";
      std::size_t count = 0;
      for (auto at = history.output.find(k); at != std::string::npos;
           at = history.output.find(k, at + 1))
        ++count;
      CHECK_MESSAGE(count == 1, id << " " << kind);
    }
    std::size_t ballots = 0;
    for (auto at = history.output.find("ballot.cast"); at != std::string::npos;
         at = history.output.find("ballot.cast", at + 1))
      ++ballots;
    CHECK(ballots == 3);
  }
  // Only three dossiers: killed submissions retried with their key made no duplicates.
  CHECK(countDossiers() == before + 3);
  const auto audit = demo.run("audit verify");
  CHECK_MESSAGE(audit.status == 0, audit.output);
}

TEST_CASE("awardflow serve answers, and stops cleanly on SIGTERM, bad settings are refused") {
  Demo demo;
  const std::string out = (demo.dir.path() / "serve.out").string();
  const std::string script = kBinary + " serve --data " + quote(demo.data) +
                             " --listen 127.0.0.1:0 > " + quote(out) +
                             " 2>&1 & pid=$!\n"
                             "for i in $(seq 1 100); do grep -q serving " +
                             quote(out) +
                             " && break; sleep 0.05; done\n"
                             "port=$(sed -n 's/.*127.0.0.1:\\([0-9]*\\)\\/.*/\\1/p' " +
                             quote(out) +
                             ")\n"
                             "curl -s http://127.0.0.1:$port/healthz\n"
                             "kill -TERM $pid; wait $pid; echo \"exit=$?\"\n";
  const auto r = testing::runCommand("bash -c " + quote(script));
  CHECK_MESSAGE(r.output.find("\"status\": \"ok\"") != std::string::npos, r.output);
  CHECK(r.output.find("exit=0") != std::string::npos);
  CHECK(testing::runCommand("grep -c 'finishing requests' " + quote(out)).output.find('1') == 0);
  demo.dir.write("bad.conf", "listen.prot = 8080\n");
  const auto bad = demo.run("serve --config " + quote((demo.dir.path() / "bad.conf").string()));
  CHECK(bad.status == 78);
  CHECK(bad.output.find("listen.prot") != std::string::npos);
}
