// Crash safety of the store: a writer is killed with SIGKILL at random moments; every event it
// acknowledged must be there after, and the chain must be intact.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include <doctest/doctest.h>

#include "engine/store/audit_log.hpp"
#include "engine/store/database.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

// Starts the worker with its stdout on a pipe; returns pid and the read end.
std::pair<pid_t, int> startWorker(const std::filesystem::path& db) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl(AWARDFLOW_APPEND_WORKER, AWARDFLOW_APPEND_WORKER, db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// The highest sequence number the worker printed (acknowledged) before its pipe closed.
long long lastAcknowledged(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  long long last = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a partial line was not acknowledged
    last = std::stoll(text.substr(start, end - start));
    start = end + 1;
  }
  return last;
}

}  // namespace

TEST_CASE("kill -9 during appends loses nothing acknowledged and leaves the chain intact") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  REQUIRE(store::Database::open(file));
  std::mt19937 random(20231126);
  long long acknowledged = 0;
  for (int round = 0; round < 8; ++round) {
    auto [pid, fd] = startWorker(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + random() % 120));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const long long last = lastAcknowledged(fd);
    acknowledged = std::max(acknowledged, last);

    auto db = store::Database::open(file);
    REQUIRE(db);
    const auto v = store::AuditLog(*db).verify();
    REQUIRE(v);
    CHECK_MESSAGE(v->intact(), v->reason);
    CHECK(v->events >= acknowledged);  // every acknowledged event survived
  }
  CHECK(acknowledged > 0);
}
