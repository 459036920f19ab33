#include "tests/support/postgres.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <doctest/doctest.h>

#include "tests/support/fixtures.hpp"

namespace awardflow::testing {
namespace fs = std::filesystem;

namespace {

// A loopback port nothing listens on now (the kernel's choice for port 0).
int freePort() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  const bool bound = ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(s);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

// Debian's PostgreSQL 15 programs (initdb, pg_ctl, psql).
fs::path postgresBin() {
  for (const char* candidate : {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"}) {
    if (fs::exists(fs::path(candidate) / "initdb")) return candidate;
  }
  FAIL(
      "PostgreSQL 15 is not installed (Debian: apt-get install postgresql-15; make test "
      "installs it)");
  return {};
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

std::string fileText(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TempPostgres::TempPostgres() : bin_(postgresBin()) {
  std::random_device random;
  dir_ = fs::temp_directory_path() / ("awardflow-pg-" + std::to_string(random()));
  fs::create_directories(dir_);
  if (::geteuid() == 0) {
    const passwd* owner = ::getpwnam("postgres");
    REQUIRE_MESSAGE(owner != nullptr, "no postgres user (Debian's postgresql package makes it)");
    REQUIRE(::chown(dir_.c_str(), owner->pw_uid, owner->pw_gid) == 0);
    as_owner_ = "runuser -u postgres -- ";
  }
  fs::permissions(dir_, fs::perms::owner_all);
  const auto init = runCommand(as_owner_ + quoted((bin_ / "initdb").string()) + " -D " +
                               quoted((dir_ / "data").string()) +
                               " -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
  REQUIRE_MESSAGE(init.status == 0, "initdb failed: " << init.output);
  // A port chosen free may be taken before the server binds it: try another then.
  for (int attempt = 0; attempt < 3 && !started_; ++attempt) {
    port_ = freePort();
    const auto start = runCommand(as_owner_ + quoted((bin_ / "pg_ctl").string()) + " -D " +
                                  quoted((dir_ / "data").string()) + " -l " +
                                  quoted((dir_ / "server.log").string()) + " -w -t 60 -o " +
                                  quoted("-p " + std::to_string(port_) +
                                         " -c listen_addresses=127.0.0.1 -k " + dir_.string()) +
                                  " start");
    started_ = start.status == 0;
  }
  REQUIRE_MESSAGE(started_, "PostgreSQL did not start: " << fileText(dir_ / "server.log"));
}

TempPostgres::~TempPostgres() {
  if (started_) {
    runCommand(as_owner_ + "'" + (bin_ / "pg_ctl").string() + "' -D '" + (dir_ / "data").string() +
               "' -m fast -w stop");
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string TempPostgres::url() const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

std::string TempPostgres::sql(const std::string& statements, bool* ok) const {
  const fs::path file = dir_ / ("statements-" + std::to_string(std::rand()) + ".sql");
  {
    std::ofstream out(file);
    out << statements;
  }
  const auto run =
      runCommand(quoted((bin_ / "psql").string()) +
                 " -X -q -At -v ON_ERROR_STOP=1 --single-transaction -h 127.0.0.1 -p " +
                 std::to_string(port_) + " -U postgres -d postgres -f " + quoted(file.string()));
  std::error_code ec;
  fs::remove(file, ec);
  if (ok != nullptr) {
    *ok = run.status == 0;
  } else {
    REQUIRE_MESSAGE(run.status == 0, "psql: " << run.output);
  }
  return run.output;
}

void TempPostgres::addPasswordUser(const std::string& name, const std::string& password) const {
  sql("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "';");
  runCommand(quoted((bin_ / "createdb").string()) + " -h 127.0.0.1 -p " + std::to_string(port_) +
             " -U postgres -O " + name + " " + name);
  // pg_hba.conf takes the first line that matches: this one before initdb's trust lines.
  const fs::path hba = dir_ / "data" / "pg_hba.conf";
  const std::string rules = fileText(hba);
  {
    std::ofstream out(hba, std::ios::trunc);
    out << "host all " << name << " 127.0.0.1/32 scram-sha-256\n" << rules;
  }
  const auto reload = runCommand(as_owner_ + quoted((bin_ / "pg_ctl").string()) + " -D " +
                                 quoted((dir_ / "data").string()) + " reload");
  REQUIRE_MESSAGE(reload.status == 0, "pg_ctl reload: " << reload.output);
  // The postmaster rereads pg_hba.conf on SIGHUP, asynchronously: wait until a wrong password
  // is refused.
  for (int i = 0; i < 100; ++i) {
    const auto probe =
        runCommand("PGPASSWORD=not-" + password + " " + quoted((bin_ / "psql").string()) +
                   " -X -w -h 127.0.0.1 -p " + std::to_string(port_) + " -U " + name + " -d " +
                   name + " -c 'SELECT 1'");
    if (probe.status != 0) return;
    ::usleep(50 * 1000);
  }
  FAIL("PostgreSQL did not take the password rule for " << name);
}

}  // namespace awardflow::testing
