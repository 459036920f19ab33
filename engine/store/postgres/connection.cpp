#include "engine/store/postgres/connection.hpp"

#include <libpq-fe.h>

#include "engine/store/postgres/schema.hpp"

namespace awardflow::store::postgres {
namespace {

// libpq's message without its trailing newline.
std::string message(const char* text) {
  std::string m = text != nullptr ? text : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// Whether a failed connection's message says the settings are wrong rather than the server
// away. libpq reports these without an SQLSTATE; its texts are stable across versions.
bool refusedSettings(const std::string& m) {
  for (const char* refusal :
       {"authentication failed", "does not exist", "no password supplied", "no pg_hba.conf entry",
        "password authentication", "permission denied"}) {
    if (m.find(refusal) != std::string::npos) return true;
  }
  return false;
}

// "host:port/db (user u)" of a URL, never its password; "" when it does not parse.
std::string describe(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "";
  }
  std::string host, port, db, user;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string key = o->keyword;
    if (key == "host") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") db = o->val;
    if (key == "user") user = o->val;
  }
  PQconninfoFree(options);
  std::string out =
      (host.empty() ? "localhost" : host) + (port.empty() ? "" : ":" + port) + "/" + db;
  if (!user.empty()) out += " (user " + user + ")";
  return out;
}

// The result of a command, cleared on destruction.
struct Answer {
  explicit Answer(PGresult* r) : result(r) {}
  Answer(const Answer&) = delete;
  Answer& operator=(const Answer&) = delete;
  ~Answer() { PQclear(result); }
  bool ok() const {
    const ExecStatusType s = PQresultStatus(result);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
  }
  PGresult* result;
};

}  // namespace

void Connection::Close::operator()(pg_conn* connection) const { PQfinish(connection); }

Connection::Connection(pg_conn* connection, std::string where)
    : connection_(connection), where_(std::move(where)) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

core::Result<Connection> Connection::open(const std::string& url) {
  const std::string where = describe(url);
  if (where.empty()) {
    return core::fail(core::Errc::Config,
                      "the store URL is not a PostgreSQL connection URI "
                      "(postgresql://USER@HOST:PORT/DB)",
                      {"địa chỉ kho dữ liệu không phải URI kết nối PostgreSQL "
                       "(postgresql://USER@HOST:PORT/DB)"});
  }
  pg_conn* raw = PQconnectdb(url.c_str());
  std::unique_ptr<pg_conn, Close> held(raw);
  if (raw == nullptr) return core::fail(core::Errc::Unavailable, "libpq: out of memory");
  if (PQstatus(raw) != CONNECTION_OK) {
    const std::string why = message(PQerrorMessage(raw));
    if (refusedSettings(why)) {
      return core::fail(core::Errc::Config, "PostgreSQL " + where + " refused: " + why,
                        {"PostgreSQL " + where +
                         " từ chối kết nối (kiểm tra tên, mật khẩu, cơ "
                         "sở dữ liệu): " +
                         why});
    }
    return core::fail(core::Errc::Unavailable, "PostgreSQL " + where + " unreachable: " + why,
                      {"không kết nối được PostgreSQL " + where + ": " + why});
  }
  return Connection(held.release(), where);
}

core::Result<void> Connection::exec(const std::string& sql) {
  const Answer answer(PQexec(connection_.get(), sql.c_str()));
  if (!answer.ok()) {
    return core::fail(core::Errc::Unavailable,
                      "PostgreSQL " + where_ + ": " + message(PQresultErrorMessage(answer.result)));
  }
  return {};
}

core::Result<std::vector<Row>> Connection::query(const std::string& sql,
                                                 const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& p : params) values.push_back(p.c_str());
  const Answer answer(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0));
  if (!answer.ok()) {
    return core::fail(core::Errc::Unavailable,
                      "PostgreSQL " + where_ + ": " + message(PQresultErrorMessage(answer.result)));
  }
  std::vector<Row> rows;
  const int n = PQntuples(answer.result);
  const int fields = PQnfields(answer.result);
  rows.reserve(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    Row row;
    row.reserve(static_cast<std::size_t>(fields));
    for (int f = 0; f < fields; ++f) {
      if (PQgetisnull(answer.result, r, f) != 0) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(answer.result, r, f),
                                     static_cast<std::size_t>(PQgetlength(answer.result, r, f))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

core::Result<int> migrate(Connection& connection) {
  // One key for awardflow's schema changes, held to the end of the session's work here.
  constexpr const char* kLock = "SELECT pg_advisory_lock(7300410117)";
  constexpr const char* kUnlock = "SELECT pg_advisory_unlock(7300410117)";
  auto locked = connection.exec(kLock);
  if (!locked) return core::Unexpected{locked.error()};
  const auto migrated = [&]() -> core::Result<int> {
    auto tables = connection.query(
        "SELECT count(*) FILTER (WHERE table_name = 'schema_migrations'), count(*) FROM "
        "information_schema.tables WHERE table_schema = current_schema()");
    if (!tables) return core::Unexpected{tables.error()};
    const bool has_migrations = tables->at(0).at(0) != "0";
    const bool empty = tables->at(0).at(1) == "0";
    if (!has_migrations && !empty) {
      return core::fail(
          core::Errc::Config,
          "PostgreSQL " + connection.where() + " holds tables that are not an awardflow store's",
          {"cơ sở dữ liệu PostgreSQL " + connection.where() +
           " có các bảng không thuộc kho dữ liệu awardflow"});
    }
    int current = 0;
    if (has_migrations) {
      auto version = connection.query("SELECT COALESCE(max(version), 0) FROM schema_migrations");
      if (!version) return core::Unexpected{version.error()};
      current = std::stoi(*version->at(0).at(0));
    }
    const int latest = migrations().back().version;
    if (current > latest) {
      return core::fail(core::Errc::Config,
                        "the store at " + connection.where() + " has schema version " +
                            std::to_string(current) + ", newer than this program's (" +
                            std::to_string(latest) + ")",
                        {"kho dữ liệu " + connection.where() + " có phiên bản lược đồ " +
                         std::to_string(current) + ", mới hơn của chương trình này (" +
                         std::to_string(latest) + ")"});
    }
    for (const Migration& m : migrations()) {
      if (m.version <= current) continue;
      const std::string step = "BEGIN;\n" + std::string(m.sql) +
                               "\nINSERT INTO schema_migrations VALUES (" +
                               std::to_string(m.version) +
                               ", to_char(now() AT TIME ZONE 'UTC', "
                               "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'));\nCOMMIT;";
      auto applied = connection.exec(step);
      if (!applied) {
        (void)connection.exec("ROLLBACK");
        return core::Unexpected{applied.error()};
      }
      current = m.version;
    }
    return current;
  }();
  auto unlocked = connection.exec(kUnlock);
  if (migrated && !unlocked) return core::Unexpected{unlocked.error()};
  return migrated;
}

}  // namespace awardflow::store::postgres
