#pragma once

#include <filesystem>
#include <string>

namespace awardflow::testing {

// A PostgreSQL 15 server of its own for a test (Debian's postgresql-15): a data folder made by
// initdb in a fresh temporary folder, started with pg_ctl on a free loopback port (its socket
// in that folder too), stopped and removed on destruction. Run as root, the server runs as the
// `postgres` user (runuser), as initdb refuses root; otherwise as the current user. Trust
// authentication on 127.0.0.1 only, superuser `postgres`. Fails the current test when the
// server cannot be made or started, with initdb's or the server's log.
class TempPostgres {
 public:
  TempPostgres();
  ~TempPostgres();
  TempPostgres(const TempPostgres&) = delete;
  TempPostgres& operator=(const TempPostgres&) = delete;

  int port() const { return port_; }
  // postgresql://postgres@127.0.0.1:PORT/postgres
  std::string url() const;
  // Runs `sql` (one or more statements) in one transaction through psql, stopping at the
  // first error. Returns psql's unaligned, tuples-only output; `ok` tells whether it succeeded
  // (the output then holds the error).
  std::string sql(const std::string& statements, bool* ok = nullptr) const;
  // Adds a login role `name` that must give `password` over TCP (scram-sha-256), and a
  // database of the same name that it owns.
  void addPasswordUser(const std::string& name, const std::string& password) const;

 private:
  std::filesystem::path dir_;
  std::filesystem::path bin_;
  std::string as_owner_;  // "runuser -u postgres -- " when run as root, else ""
  int port_ = 0;
  bool started_ = false;
};

}  // namespace awardflow::testing
