#pragma once

// A connection to a PostgreSQL store (issue 17) through libpq, and the migrations that bring
// its schema up to this program's. The repositories do not run on it yet (docs/postgresql.md).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"

struct pg_conn;

namespace awardflow::store::postgres {

// One row of a query's answer: each field as text, or none for NULL.
using Row = std::vector<std::optional<std::string>>;

// One libpq connection, closed on destruction. Not thread-safe: one user at a time.
class Connection {
 public:
  // Connects to `url`, a libpq connection URI (postgresql://USER[:PASSWORD]@HOST:PORT/DB, with
  // several HOST:PORT and target_session_attrs=read-write for failover). Errc::Config when the
  // URL does not parse or the server refuses the user, password or database (the settings are
  // wrong); Errc::Unavailable when no server answers. The password never appears in the error.
  static core::Result<Connection> open(const std::string& url);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // Runs `sql` (one or more statements, no parameters). Errc::Unavailable with the server's
  // message when it fails.
  core::Result<void> exec(const std::string& sql);
  // Runs one statement with text parameters $1, $2 … and returns its rows.
  core::Result<std::vector<Row>> query(const std::string& sql,
                                       const std::vector<std::string>& params = {});
  // The server and database, without the password: "127.0.0.1:5432/awardflow (user awardflow)".
  const std::string& where() const { return where_; }

 private:
  Connection(pg_conn* connection, std::string where);
  struct Close {
    void operator()(pg_conn* connection) const;
  };
  std::unique_ptr<pg_conn, Close> connection_;
  std::string where_;
};

// Brings the schema of `connection`'s database up to the last of migrations(), each in its own
// transaction, under an advisory lock, so that servers starting together migrate once. Returns
// the schema's version. Errc::Config when the database holds a schema newer than this program's,
// or tables that are not an awardflow store's.
core::Result<int> migrate(Connection& connection);

}  // namespace awardflow::store::postgres
