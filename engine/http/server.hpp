#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>

#include "engine/core/error.hpp"
#include "engine/http/router.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::http {

// Settings of `awardflow serve` (docs/server.md lists each with its key and default).
struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0: any free port (tests)
  int threads = 16;                  // request threads
  int max_queued = 256;              // connections waiting for a thread
  std::int64_t max_body = 64 << 20;  // bytes of one request body (uploads included)
  int keep_alive_seconds = 15;
  std::string tls_certificate;  // PEM; with tls_key, serve HTTPS
  std::string tls_key;
  std::filesystem::path web_dir;  // templates/ and static/ of the pages; empty: dataHome()/web
};

class Metrics;
class Api;

// The HTTP server: the router table of Api on a Poco HTTPServer, with sign-in, CSRF checks, one
// error map, an access log (one JSON line per request, no secrets), /healthz and /metrics.
// start() returns once it listens; stop() finishes the requests in flight.
class Server {
 public:
  // Fails with Errc::Unavailable when the address cannot be bound, Errc::Config for TLS files or
  // page templates that cannot be loaded.
  static core::Result<std::unique_ptr<Server>> start(const ServerConfig& config,
                                                     const service::DataDirectory& data,
                                                     service::Workflow& workflow,
                                                     service::Sessions& sessions,
                                                     std::ostream* access_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  const Router& router() const;
  // Stops accepting, lets connections finish (up to `grace_seconds`), then closes those left,
  // each after the request it is handling: when it returns, no handler is running.
  void stop(int grace_seconds = 10);

  struct State;  // the server's parts, private to server.cpp

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace awardflow::http
