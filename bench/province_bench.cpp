// The dossier lists of a province platform (issue 16): a generated province of 100 communes and
// 50 agencies holding 300 000 dossiers over ten years, and the list each authority's office
// reads (Workflow::list: the actor's authorities in scope, the store's query, the rows made into
// instances) next to the same rows read by the same SQL through the sqlite3 C API on the same
// file, in the same run. Then the same over HTTP (the server in this process, 20 offices signed
// in with bearer tokens): the first page of 50, the next page by its cursor, a filtered page
// (state and year), the overdue list and a commune's year report, each next to the SQL that
// returns the same rows. Targets (issue 16): p95 ≤ 50 ms over HTTP, within 2× of the raw SQL.
//
// The store is the demo's (`init --demo`: its rulebooks pinned, the province and its communes);
// the generated authorities, units and dossiers are written straight into it by SQL, each
// dossier a copy of a demo dossier's row with its own id, unit, authority, state and year.
//
// Each HTTP request goes over the office's kept-alive connection, as a browser's would. Each
// measurement starts with one unrecorded warm-up visit of every office; then ours and the peer
// take turns going first, so neither always finds the other's pages in the cache.
//
// usage: awardflow_province_bench [DIR] [DOSSIERS] [SECTIONS]
//   DIR: where the data is made (default ./awardflow-province-bench); use a real disk.
//   SECTIONS: which measurements to run, comma-separated, of list, pages, queue, home, overdue
//   and report (default all). The report's first catch-up takes minutes; leave it out to
//   iterate on the others.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "engine/core/clock.hpp"
#include "engine/http/server.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/demo.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/workflow.hpp"

namespace {

namespace fs = std::filesystem;
using namespace awardflow;
using Clock = std::chrono::steady_clock;

double ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void check(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "province_bench: %s\n", what.c_str());
  std::exit(1);
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  check(rc == SQLITE_OK, message != nullptr ? message : "sql");
}

std::string authorityCode(int i) {
  return i < 100 ? "UBND-XA-" + std::to_string(i) : "SO-" + std::to_string(i - 100);
}

volatile std::size_t g_bytes_read = 0;

// Steps `s` to its end reading every column, as the store reads them, and finalizes it; the
// first column of each row goes to `ids` when given. Returns the rows read.
std::size_t drain(sqlite3_stmt* s, std::vector<std::string>* ids = nullptr) {
  std::size_t rows = 0;
  std::size_t bytes = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    ++rows;
    if (ids != nullptr) ids->emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      const unsigned char* text = sqlite3_column_text(s, c);
      if (text != nullptr) bytes += std::string(reinterpret_cast<const char*>(text)).size();
    }
  }
  sqlite3_finalize(s);
  g_bytes_read = g_bytes_read + bytes;
  return rows;
}

// `sql` prepared on `db` with `authority` bound to ?1; the caller steps and finalizes it.
sqlite3_stmt* preparedFor(sqlite3* db, const std::string& sql, const std::string& authority) {
  sqlite3_stmt* s = nullptr;
  check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
  sqlite3_bind_text(s, 1, authority.c_str(), -1, SQLITE_TRANSIENT);
  return s;
}

// The raw peer: the rows of one authority by the store's own SQL. Returns the rows read.
std::size_t rawList(sqlite3* db, const std::string& authority) {
  sqlite3_stmt* s = preparedFor(db,
                                "SELECT * FROM dossiers WHERE 1 = 1 AND authority_code IN ('', ?1) "
                                "ORDER BY id LIMIT 1000",
                                authority);
  return drain(s);
}

// The raw peer of one page over HTTP: the same SQL the store runs for it (one row more, to know
// whether a page follows). Returns the rows read.
std::size_t rawPage(sqlite3* db, const std::string& authority, const std::string& state, int year,
                    const std::string& after, int limit) {
  std::string sql = "SELECT * FROM dossiers WHERE 1 = 1";
  if (!state.empty()) sql += " AND state = ?2";
  sql += " AND authority_code IN (?4)";
  if (year != 0) sql += " AND id >= ?13 AND id < ?14";
  if (!after.empty()) sql += " AND id > ?15";
  sql += " ORDER BY id LIMIT ?3";
  sqlite3_stmt* s = nullptr;
  check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
  if (!state.empty()) sqlite3_bind_text(s, 2, state.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 3, limit + 1);
  sqlite3_bind_text(s, 4, authority.c_str(), -1, SQLITE_TRANSIENT);
  if (year != 0) {
    const std::string from = "HS-" + std::to_string(year) + "-";
    sqlite3_bind_text(s, 13, from.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 14, (from + "A").c_str(), -1, SQLITE_TRANSIENT);
  }
  if (!after.empty()) sqlite3_bind_text(s, 15, after.c_str(), -1, SQLITE_TRANSIENT);
  return drain(s);
}

struct HttpReply {
  int status = 0;
  std::string body;
  std::string next;  // X-Next-Cursor
};

// A kept-alive HTTP/1.1 connection that reads as curl and browsers do: the request in one
// write, the answer in reads of up to 256 KB. Poco's HTTPClientSession reads 4 KB at a time
// through two stream buffers; that client's own cost was counted as the server's.
class Connection {
 public:
  static inline int reopened = 0;  // connections opened again, over the whole run

  explicit Connection(int port) : port_(port), buffer_(256 * 1024) { connect(); }

  // GETs `path` with `header` ("Name: value\r\n" lines); the status, the body and the
  // X-Next-Cursor header. A kept-alive connection the server closed before answering (its
  // threads are fewer than the offices' connections) is opened again and the request sent
  // once more, as browsers do; the time that takes is counted.
  HttpReply get(const std::string& path, const std::string& header) {
    const std::string request = "GET " + path +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n" +
                                header + "\r\n";
    std::string got;
    for (int attempt = 0; got.empty(); ++attempt) {
      bool sent = false;
      try {
        sent = socket_.sendBytes(request.data(), static_cast<int>(request.size())) ==
               static_cast<int>(request.size());
      } catch (const Poco::Net::NetException&) {  // the server had closed it
      }
      if (sent && receive(got)) break;
      check(attempt == 0, "the server closed a new connection");
      ++reopened;
      connect();
    }
    std::size_t head_end = std::string::npos;
    while ((head_end = got.find("\r\n\r\n")) == std::string::npos) more(got);
    const std::string head = got.substr(0, head_end + 2);
    HttpReply r;
    r.status = std::atoi(head.c_str() + head.find(' ') + 1);
    const std::size_t length = static_cast<std::size_t>(std::stoll(field(head, "content-length")));
    r.next = field(head, "x-next-cursor");
    r.body = got.substr(head_end + 4);
    while (r.body.size() < length) more(r.body);
    check(r.body.size() == length, "more bytes than Content-Length");
    return r;
  }

 private:
  void connect() {
    socket_ = Poco::Net::StreamSocket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
    socket_.setNoDelay(true);
    socket_.setReceiveTimeout(Poco::Timespan(600, 0));
  }
  // Appends what the server sent next; false when it closed the connection instead.
  bool receive(std::string& into) {
    int n = 0;
    try {
      n = socket_.receiveBytes(buffer_.data(), static_cast<int>(buffer_.size()));
    } catch (const Poco::Net::NetException&) {  // reset by the server
      return false;
    }
    if (n <= 0) return false;
    into.append(buffer_.data(), static_cast<std::size_t>(n));
    return true;
  }
  void more(std::string& into) {
    check(receive(into), "the server closed the connection after: " + into.substr(0, 400));
  }
  // The value of header `name` (lower case) in `head`, or "".
  static std::string field(const std::string& head, const std::string& name) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::size_t at = lower.find("\r\n" + name + ":");
    if (at == std::string::npos) return "";
    std::size_t from = at + 3 + name.size();
    while (from < head.size() && head[from] == ' ') ++from;
    return head.substr(from, head.find("\r\n", from) - from);
  }
  int port_;
  Poco::Net::StreamSocket socket_;
  std::vector<char> buffer_;
};

// One kept-alive connection per office, as a browser keeps one.
HttpReply get(int port, const std::string& path, const std::string& token) {
  static std::map<std::string, std::unique_ptr<Connection>> connections;
  auto& held = connections[token];
  if (!held) held = std::make_unique<Connection>(port);
  return held->get(path, "Authorization: Bearer " + token + "\r\n");
}

// Times `ours` into `ours_ms` and `peer` into `peer_ms`, in turn: on odd visits the peer goes
// first. Whichever runs second finds the rows the first one read in the page cache; alternating
// gives each side that advantage on half the visits. A negative visit is the warm-up round: both
// run (statements prepared on the server's connections, pages read once), nothing is recorded.
template <typename Ours, typename Peer>
void timedPair(int visit, std::vector<double>& ours_ms, std::vector<double>& peer_ms, Ours&& ours,
               Peer&& peer) {
  const auto timed = [](auto& run, std::vector<double>& into) {
    const auto start = Clock::now();
    run();
    into.push_back(ms(start));
  };
  if (visit < 0) {
    ours();
    peer();
  } else if (visit % 2 == 0) {
    timed(ours, ours_ms);
    timed(peer, peer_ms);
  } else {
    timed(peer, peer_ms);
    timed(ours, ours_ms);
  }
}

void report(const char* what, const std::vector<double>& ours, const std::vector<double>& peer) {
  const double p50 = percentile(ours, 0.5), p95 = percentile(ours, 0.95);
  const double r50 = percentile(peer, 0.5), r95 = percentile(peer, 0.95);
  std::printf("%s\n", what);
  std::printf("  over HTTP        p50 %7.2f ms   p95 %7.2f ms   (target p95 ≤ 50 ms)\n", p50, p95);
  std::printf("  raw SQL          p50 %7.2f ms   p95 %7.2f ms\n", r50, r95);
  std::printf("  ratio (p95)      %.2f×  (target ≤ 2×)\n", p95 / r95);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a write to a connection the server closed fails instead
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("awardflow-province-bench");
  const long long dossiers = argc > 2 ? std::stoll(argv[2]) : 300000;
  const std::string sections = argc > 3 ? "," + std::string(argv[3]) + "," : std::string();
  // Each measurement visits every office this many times (AWARDFLOW_BENCH_ROUNDS, more for a
  // profiler to see more of one section): 10 rounds of 20 offices, 200 samples, so that a p95
  // is not the third-worst of 60 visits on a two-core machine. The year report: one round.
  const char* rounds_env = std::getenv("AWARDFLOW_BENCH_ROUNDS");
  const int rounds = rounds_env != nullptr ? std::max(1, std::atoi(rounds_env)) : 10;
  const auto wanted = [&](const char* section) {
    return sections.empty() || sections.find("," + std::string(section) + ",") != std::string::npos;
  };
  std::error_code ec;
  fs::remove_all(dir, ec);
  const fs::path root = dir / "data";
  check(service::initDataDirectory(root).has_value(), "init");
  check(service::createAgencyIdentity(root, "UBND tỉnh Hà Tĩnh").has_value(), "agency");
  auto data = service::openDataDirectory(root);
  check(data.has_value(), "open");
  check(service::seedDemo(**data).has_value(), "demo accounts");
  check(service::seedProvinceDemo(**data).has_value(), "province demo");
  std::vector<service::DemoAccount> every = service::demoAccounts();
  for (service::DemoAccount& a : service::provinceDemoAccounts()) every.push_back(std::move(a));
  check(service::issueDemoKeys(root, every).has_value(), "demo keys");
  const core::SystemClock clock;
  auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
  check(workflow.has_value(), workflow ? "" : workflow.error().message);
  auto seeded = service::seedDemoDossiers(**data, **workflow);
  check(seeded.has_value(), seeded ? "" : seeded.error().message);

  // The province: 100 communes and 50 agencies, a unit each, and the dossiers.
  sqlite3* raw = nullptr;
  check(sqlite3_open_v2((root / "awardflow.db").c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) ==
            SQLITE_OK,
        "raw open");
  sqlite3_busy_timeout(raw, 10000);
  auto start = Clock::now();
  exec(raw, "BEGIN");
  for (int i = 0; i < 150; ++i) {
    const std::string code = authorityCode(i);
    const std::string level = i < 100 ? "commune" : "agency";
    exec(raw, "INSERT INTO authorities (code, name, level, parent_code, added_at) VALUES ('" +
                  code + "', 'Cơ quan " + code + "', '" + level +
                  "', 'UBND-HATINH', '2026-01-01T00:00:00Z')");
    exec(raw, "INSERT INTO units (code, name, level, authority_code) VALUES ('U-" + code +
                  "', 'Đơn vị " + code + "', '" + (i < 100 ? "village" : "agency") + "', '" + code +
                  "')");
  }
  // Each generated dossier copies the demo's commune dossier (HS-2026-000005): its rulebook pin
  // and hashes stay valid; id, unit, authority, state, year and due date vary.
  const std::string columns =
      "source_id, title, rulebook_id, rulebook_version, rulebook_sha256, procedure_id, variant, "
      "version, revision, xml_sha256, complete, signed_valid, submitted_by";
  exec(raw,
       "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < " +
           std::to_string(dossiers) +
           ") INSERT INTO dossiers (id, unit_code, authority_code, state, submitted_at, "
           "updated_at, due_on, stopped_on, " +
           columns +
           ") SELECT printf('HS-%04d-%06d', 2016 + (i % 10), i), "
           "'U-' || CASE WHEN i % 150 < 100 THEN 'UBND-XA-' || (i % 150) "
           "ELSE 'SO-' || (i % 150 - 100) END, "
           "CASE WHEN i % 150 < 100 THEN 'UBND-XA-' || (i % 150) ELSE 'SO-' || (i % 150 - 100) "
           "END, "
           "CASE i % 7 WHEN 0 THEN 'submitted' WHEN 1 THEN 'received' WHEN 2 THEN 'appraisal' "
           "WHEN 3 THEN 'returned' ELSE 'sealed' END, "
           "printf('%04d-11-20T08:00:00Z', 2016 + (i % 10)), "
           "printf('%04d-12-01T08:00:00Z', 2016 + (i % 10)), "
           // A deadline runs from receipt (none while submitted or returned) and stops at the
           // seal: the received and appraised ones of past years are the backlog, overdue.
           "CASE WHEN i % 7 IN (0, 3) THEN NULL "
           "ELSE printf('%04d-12-%02d', 2016 + (i % 10), 1 + i % 28) END, "
           "CASE WHEN i % 7 >= 4 THEN printf('%04d-11-30', 2016 + (i % 10)) END, " +
           columns + " FROM n, dossiers d WHERE d.id = 'HS-2026-000005'");
  exec(raw, "COMMIT");
  exec(raw, "ANALYZE");
  std::printf(
      "data set: %lld dossiers of 150 authorities (100 communes, 50 agencies), written in "
      "%.1f s\n",
      dossiers, ms(start) / 1000);

  // One office per authority, as the service sees its actor.
  const auto office = [](const std::string& authority) {
    return model::User("vp-" + authority, "Văn phòng " + authority, model::Role::StandingOffice,
                       std::nullopt, true, authority);
  };
  if (wanted("list")) {
    // Warm both once, then interleave: 60 offices, each list read by both.
    (void)(*workflow)->list(office(authorityCode(0)), std::nullopt);
    (void)rawList(raw, authorityCode(0));
    std::vector<double> ours, peer;
    std::size_t rows = 0;
    for (int k = 0; k < 60; ++k) {
      const std::string authority = authorityCode((k * 37) % 150);
      core::Result<std::vector<model::DossierInstance>> listed =
          std::vector<model::DossierInstance>{};
      std::size_t raw_rows = 0;
      timedPair(
          k, ours, peer, [&] { listed = (*workflow)->list(office(authority), std::nullopt); },
          [&] { raw_rows = rawList(raw, authority); });
      check(listed.has_value(), "list");
      check(raw_rows == listed->size(), "the list holds the rows the SQL returns");
      for (const model::DossierInstance& d : *listed) {
        check(d.authority_code == std::optional<std::string>(authority), "scope");
      }
      rows += raw_rows;
    }
    const double p50 = percentile(ours, 0.5), p95 = percentile(ours, 0.95);
    const double r50 = percentile(peer, 0.5), r95 = percentile(peer, 0.95);
    std::printf("an authority's dossier list (%zu rows on average)\n", rows / 60);
    std::printf("  Workflow::list   p50 %7.2f ms   p95 %7.2f ms\n", p50, p95);
    std::printf("  raw SQL          p50 %7.2f ms   p95 %7.2f ms\n", r50, r95);
    std::printf("  ratio (p95)      %.2f×  (target ≤ 2×)\n", p95 / r95);
  }

  // The same over HTTP, as a program or the pages read them: the server in this process on a
  // loopback port, each office signed in with a bearer token; pages of 50 by tracking code.
  service::Sessions sessions(**data, clock);
  http::ServerConfig config;
  config.port = 0;
  // Poco serves a kept-alive connection on one thread for as long as it stays open: a thread
  // for each of the 20 offices' connections (a deployment puts HAProxy in front, issue 17).
  config.threads = 24;
  std::ostringstream access_log;
  auto server = http::Server::start(config, **data, **workflow, sessions, &access_log);
  check(server.has_value(), server ? "" : server.error().message);
  const int port = (*server)->port();
  // authority, token, a year it has dossiers of (the generator gives authority i the years
  // 2016 + i mod 10)
  std::vector<std::tuple<std::string, std::string, int>> offices;
  std::vector<std::string> cookies;  // each office's session token, in the order of `offices`
  for (int k = 0; k < 20; ++k) {
    const int index = (k * 37) % 150;
    const std::string authority = authorityCode(index);
    model::User user = office(authority);
    for (char& c : user.login) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto added = service::addUser(**data, user, "bench-password-2026", "bench");
    check(added.has_value(), added ? "" : "user: " + added.error().message);
    auto signin = sessions.login(user.login, "bench-password-2026");
    check(signin.has_value(), "login");
    auto token = sessions.issueApiToken(signin->user, "bench");
    check(token.has_value(), "token");
    offices.emplace_back(authority, token->token, 2016 + index % 10);
    cookies.push_back(signin->token);  // the browser's session, for the pages
  }
  (void)get(port, "/api/v1/dossiers?limit=50", std::get<1>(offices.front()));
  struct Shape {
    const char* what;
    std::string state;
    bool by_year = false;
    bool next_page = false;
  };
  const std::vector<Shape> shapes{
      {"the first page of an office's list (50 rows)", "", false, false},
      {"the next page, by the cursor", "", false, true},
      {"filtered: sealed, one year, first page", "sealed", true, false}};
  for (const Shape& shape : shapes) {
    if (!wanted("pages")) break;
    std::vector<double> over_http, raw_sql;
    int visit = 0;
    for (int round = -1; round < rounds; ++round) {
      for (const auto& [authority, token, its_year] : offices) {
        const int year = shape.by_year ? its_year : 0;
        std::string path = "/api/v1/dossiers?limit=50";
        if (!shape.state.empty()) path += "&state=" + shape.state;
        if (year != 0) path += "&year=" + std::to_string(year);
        std::string after;
        if (shape.next_page) {
          after = get(port, path, token).next;
          check(!after.empty(), "a second page");
          path += "&after=" + after;
        }
        HttpReply reply;
        std::size_t raw_rows = 0;
        timedPair(
            round < 0 ? -1 : visit++, over_http, raw_sql, [&] { reply = get(port, path, token); },
            [&] { raw_rows = rawPage(raw, authority, shape.state, year, after, 50); });
        check(reply.status == 200, "list over HTTP: " + reply.body);
        check(raw_rows >= 1, "rows");
      }
    }
    report(shape.what, over_http, raw_sql);
  }
  // The floor: the cheapest signed-in request (who am I), on the same connections. What a page
  // costs above it is the list's; what it costs in all is what a user waits.
  if (wanted("pages")) {
    std::vector<double> floor;
    for (int round = -1; round < rounds; ++round) {
      for (const auto& [authority, token, year] : offices) {
        start = Clock::now();
        const HttpReply reply = get(port, "/api/v1/me", token);
        if (round >= 0) floor.push_back(ms(start));
        check(reply.status == 200, "me: " + reply.body);
      }
    }
    std::printf("the HTTP floor: GET /api/v1/me (a signed-in request that reads nothing)\n");
    std::printf("  over HTTP        p50 %7.2f ms   p95 %7.2f ms\n", percentile(floor, 0.5),
                percentile(floor, 0.95));
    std::fflush(stdout);
  }
  // The office's work queue: the dossiers in the states where the office has an action
  // (submitted, received, appraisal in the generated data), each confirmed by its choices
  // (Workflow::queueItem). The peer reads the candidate rows of the first page.
  const auto candidates = [&](const std::string& authority, int limit) {
    sqlite3_stmt* s = preparedFor(raw,
                                  "SELECT * FROM dossiers WHERE state IN ('appraisal', 'received', "
                                  "'submitted') AND authority_code IN (?1) ORDER BY id LIMIT ?2",
                                  authority);
    sqlite3_bind_int(s, 2, limit);
    std::vector<std::string> ids;
    drain(s, &ids);
    return ids;
  };
  if (wanted("queue")) {
    std::vector<double> over_http, raw_sql;
    int visit = 0;
    for (int round = -1; round < rounds; ++round) {
      for (const auto& [authority, token, year] : offices) {
        HttpReply reply;
        std::vector<std::string> ids;
        timedPair(
            round < 0 ? -1 : visit++, over_http, raw_sql,
            [&] { reply = get(port, "/api/v1/queue?limit=50", token); },
            [&] { ids = candidates(authority, 51); });
        check(reply.status == 200, "queue: " + reply.body);
        // Every candidate of the generated data can be received, appraised or sent on: the
        // queue's first page is the candidates' first 50.
        check(!ids.empty() && reply.body.find("\"" + ids.front() + "\"") != std::string::npos &&
                  reply.body.find("\"" + ids[std::min<std::size_t>(49, ids.size() - 1)] + "\"") !=
                      std::string::npos,
              "the queue holds the office's work");
      }
    }
    report("an office's work queue, first page of 50 (each confirmed by its choices)", over_http,
           raw_sql);
  }
  // The home page (HTML, with the session cookie): the first 20 of the queue and every dossier
  // counted by state. The peer: the same counts by SQL and the queue's candidate rows.
  if (wanted("home")) {
    std::vector<double> over_http, raw_sql;
    int visit = 0;
    std::map<std::string, std::unique_ptr<Connection>> browsers;
    for (int round = -1; round < rounds; ++round) {
      for (std::size_t k = 0; k < offices.size(); ++k) {
        const std::string& authority = std::get<0>(offices[k]);
        auto& held = browsers[authority];
        if (!held) held = std::make_unique<Connection>(port);
        HttpReply reply;
        std::int64_t counted = 0;
        std::vector<std::string> ids;
        const auto page = [&] {
          reply = held->get("/", "Cookie: awardflow_session=" + cookies[k] + "\r\n");
        };
        const auto sql = [&] {
          sqlite3_stmt* s =
              preparedFor(raw,
                          "SELECT state, COUNT(*) FROM dossiers WHERE authority_code IN "
                          "(?1) GROUP BY state",
                          authority);
          while (sqlite3_step(s) == SQLITE_ROW) counted += sqlite3_column_int64(s, 1);
          sqlite3_finalize(s);
          ids = candidates(authority, 21);
        };
        timedPair(round < 0 ? -1 : visit++, over_http, raw_sql, page, sql);
        check(reply.status == 200, "home page: " + reply.body.substr(0, 300));
        check(counted > 0 && !ids.empty() && reply.body.find(ids.front()) != std::string::npos,
              "the home page shows the office's work");
      }
    }
    report("an office's home page (HTML: 20 of the queue, counts by state)", over_http, raw_sql);
  }
  // The overdue list of an office: every dossier due before today whose deadline still runs.
  if (wanted("overdue")) {
    std::vector<double> over_http, raw_sql;
    int visit = 0;
    for (int round = -1; round < rounds; ++round) {
      for (const auto& [authority, token, year] : offices) {
        HttpReply reply;
        timedPair(
            round < 0 ? -1 : visit++, over_http, raw_sql,
            [&] { reply = get(port, "/api/v1/overdue", token); },
            [&] {
              sqlite3_stmt* s = preparedFor(raw,
                                            "SELECT * FROM dossiers WHERE due_on IS NOT NULL AND "
                                            "stopped_on IS NULL AND due_on < date('now') AND "
                                            "authority_code = ?1 ORDER BY due_on, id",
                                            authority);
              drain(s);
            });
        check(reply.status == 200, "overdue: " + reply.body);
      }
    }
    report("an office's overdue list", over_http, raw_sql);
  }
  // A year's report of an office. The report tables are kept by Reports::sync, which a live
  // installation runs as dossiers change; the generated rows were written behind its back, so
  // it catches up once here, timed on its own.
  if (wanted("report")) {
    const service::Reports reports(**data, **workflow);
    start = Clock::now();
    auto synced = reports.sync();
    check(synced.has_value(), "report sync");
    std::printf("report tables brought up to date: %zu dossiers in %.1f s\n", *synced,
                ms(start) / 1000);
    std::fflush(stdout);
  }
  if (wanted("report")) {
    std::vector<double> over_http, raw_sql;
    // Every generated dossier copies a 2026 dossier's XML, whose period is the report's year:
    // an office's 2 000 dossiers all fall in 2026, among the province's 300 000.
    const int year = 2026;
    int visit = 0;
    for (int round = -1; round < 1; ++round) {
      for (const auto& [authority, token, its_year] : offices) {
        HttpReply reply;
        std::size_t n = 0;
        // The peer: the report's eight groupings (outcomes and awards, in total and by unit, form
        // and level) over the same report rows, the authority as a plain indexed column.
        const auto sql = [&] {
          for (const char* key : {"''", "r.unit_code", "r.award_form", "r.unit_level"}) {
            for (bool awards : {false, true}) {
              std::string text =
                  std::string("SELECT ") + key +
                  ", COUNT(*), TOTAL(r.outcome = 'approved'), TOTAL(r.returned) FROM "
                  "report_dossiers r " +
                  (awards ? "JOIN report_nominees nn ON nn.dossier_id = r.dossier_id " : "") +
                  "WHERE r.period_year = ?2 AND r.authority_code = ?1 GROUP BY 1";
              sqlite3_stmt* s = preparedFor(raw, text, authority);
              sqlite3_bind_int(s, 2, year);
              while (sqlite3_step(s) == SQLITE_ROW) ++n;
              sqlite3_finalize(s);
            }
          }
        };
        timedPair(
            round < 0 ? -1 : visit++, over_http, raw_sql,
            [&] { reply = get(port, "/api/v1/reports?year=" + std::to_string(year), token); }, sql);
        check(reply.status == 200, "report: " + reply.body);
        g_bytes_read = g_bytes_read + n;
      }
    }
    report("an office's year report", over_http, raw_sql);
  }
  server->reset();
  sqlite3_close(raw);
  fs::remove_all(dir, ec);
  std::printf("connections opened again after the server closed them: %d\n", Connection::reopened);
  return 0;
}
