#include "engine/http/server.hpp"

#include <chrono>
#include <mutex>
#include <ostream>
#include <thread>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include "engine/core/clock.hpp"
#include "engine/http/api.hpp"
#include "engine/http/exchange.hpp"
#include "engine/http/metrics.hpp"
#include "engine/http/pages.hpp"
#include "engine/service/paths.hpp"

namespace awardflow::http {
namespace {

std::string jsonText(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  return out + "\"";
}

bool changes(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

struct Server::State {
  ServerConfig config;
  Router router;
  Metrics metrics;
  std::unique_ptr<Api> api;
  std::unique_ptr<Pages> pages;
  service::Sessions* sessions = nullptr;
  std::unique_ptr<service::RequestReplies> replies;
  std::ostream* access_log = nullptr;
  std::mutex log_mutex;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
};

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Server::State& state) : state_(state) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    Exchange x{request, response};
    x.max_body = state_.config.max_body;
    std::string route_name = "unmatched";
    std::string path;
    try {
      path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
      path.clear();
    }
    try {
      serve(x, path, route_name);
    } catch (const std::exception&) {
      if (!x.sent) x.sendProblem({core::Errc::Internal, "internal error", {}});
    }
    if (!x.sent) x.sendProblem({core::Errc::Internal, "the handler gave no answer", {}});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    state_.metrics.record(request.getMethod(), route_name, x.status, seconds);
    if (state_.access_log != nullptr) {
      // One JSON line per request; never the query string, a body, a cookie or a token.
      const std::lock_guard<std::mutex> lock(state_.log_mutex);
      *state_.access_log << "{\"ts\":" << jsonText(core::utcTimestamp(std::time(nullptr)))
                         << ",\"remote\":" << jsonText(request.clientAddress().host().toString())
                         << ",\"method\":" << jsonText(request.getMethod())
                         << ",\"path\":" << jsonText(path) << ",\"route\":" << jsonText(route_name)
                         << ",\"status\":" << x.status
                         << ",\"ms\":" << static_cast<long>(seconds * 1000.0)
                         << ",\"user\":" << jsonText(x.caller ? x.caller->user.login : "-")
                         << "}\n";
      state_.access_log->flush();
    }
  }

 private:
  void serve(Exchange& x, const std::string& path, std::string& route_name) {
    if (path.empty()) {
      return x.sendProblem({core::Errc::InvalidArgument,
                            "malformed request target",
                            {"địa chỉ yêu cầu không hợp lệ"}});
    }
    const Router::Match match = state_.router.match(x.request.getMethod(), path);
    if (match.route == nullptr) {
      if (match.path_known) {
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        x.response.set("Allow", allow);
        x.status = 405;
        x.sent = true;
        x.response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
        x.response.setContentType("application/json; charset=utf-8");
        const std::string body = R"({"code":"method-not-allowed","message":"use )" + allow +
                                 "\",\"details\":[\"chỉ dùng " + allow + "\"]}\n";
        x.response.setContentLength64(static_cast<Poco::Int64>(body.size()));
        x.response.send() << body;
        return;
      }
      return x.sendProblem(
          {core::Errc::NotFound, "no such resource: " + path, {"không có tài nguyên " + path}});
    }
    route_name = match.route->pattern;
    x.params = match.params;
    if (match.route->access == Access::SignedIn) {
      auto caller = authenticate(x);
      if (!caller) return x.sendProblem(caller.error());
      x.caller = std::move(caller).value();
      // A cookie rides along with any request the browser makes: changes must also carry the
      // session's CSRF token, which only our own pages can read.
      if (x.caller->session && changes(x.request.getMethod()) &&
          x.request.get("X-CSRF-Token", "") != x.caller->csrf) {
        return x.sendProblem({core::Errc::PermissionDenied,
                              "missing or wrong X-CSRF-Token for this session",
                              {"thiếu hoặc sai X-CSRF-Token của phiên đăng nhập"}});
      }
    }
    // Changes with an Idempotency-Key are answered once. Uploads are streamed to disk by their
    // handlers, which fingerprint them and apply the key themselves (Keys::ByHandler).
    const std::string& method = x.request.getMethod();
    if (x.caller && changes(method) && x.request.has("Idempotency-Key") &&
        match.route->keys == Keys::ByServer) {
      auto body = x.body();
      if (!body) return x.sendProblem(body.error());
      const std::string fingerprint = state_.replies->fingerprint(method, path, *body);
      return withIdempotencyKey(x, *state_.replies, fingerprint, [&] { match.route->handler(x); });
    }
    match.route->handler(x);
  }

  core::Result<service::Caller> authenticate(Exchange& x) {
    const std::string authorization = x.request.get("Authorization", "");
    if (authorization.rfind("Bearer ", 0) == 0) {
      return state_.sessions->authenticate(authorization.substr(7), false);
    }
    Poco::Net::NameValueCollection cookies;
    x.request.getCookies(cookies);
    const std::string token = cookies.get("awardflow_session", "");
    if (!token.empty()) return state_.sessions->authenticate(token, true);
    return core::fail(core::Errc::Unauthenticated, "sign in first", {"cần đăng nhập"});
  }

  Server::State& state_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Server::State& state) : state_(state) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& /*request*/) override {
    return new Handler(state_);  // Poco takes ownership
  }

 private:
  Server::State& state_;
};

}  // namespace

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { stop(0); }

core::Result<std::unique_ptr<Server>> Server::start(const ServerConfig& config,
                                                    const service::DataDirectory& data,
                                                    service::Workflow& workflow,
                                                    service::Sessions& sessions,
                                                    std::ostream* access_log) {
  auto state = std::make_unique<State>();
  state->config = config;
  state->sessions = &sessions;
  state->access_log = access_log;
  const bool tls = !config.tls_certificate.empty();
  state->replies = std::make_unique<service::RequestReplies>(data.database, sessions.clock(),
                                                             data.request_secret);
  state->api =
      std::make_unique<Api>(data, workflow, sessions, *state->replies, state->metrics, tls);
  state->api->addRoutes(state->router);
  auto pages = Pages::load(config.web_dir.empty() ? service::dataHome() / "web" : config.web_dir,
                           data, workflow, sessions, *state->replies, tls);
  if (!pages) return core::Unexpected{pages.error()};
  state->pages = std::make_unique<Pages>(std::move(pages).value());
  state->pages->addRoutes(state->router);
  try {
    const Poco::Net::SocketAddress address(config.host, static_cast<Poco::UInt16>(config.port));
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (tls) {
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config.tls_key,
                                 config.tls_certificate, "", Poco::Net::Context::VERIFY_NONE);
      context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                Poco::Net::Context::PROTO_TLSV1 |
                                Poco::Net::Context::PROTO_TLSV1_1);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 128, context);
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>(address, 128);
    }
    state->port = socket->address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.keep_alive_seconds, 0));
    params->setServerName("awardflow");
    state->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*state), *socket, params);
    state->server->start();
  } catch (const Poco::Net::SSLException& e) {
    return core::fail(core::Errc::Config, "TLS: " + e.displayText());
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot listen on " + config.host + ":" +
                                                   std::to_string(config.port) + ": " +
                                                   e.displayText());
  }
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

int Server::port() const { return state_->port; }

const Router& Server::router() const { return state_->router; }

void Server::stop(int grace_seconds) {
  if (!state_ || !state_->server) return;
  // Stop accepting; wait for the requests in flight, up to the grace period.
  state_->server->stop();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
  while (state_->server->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // Then close every connection left, kept alive or busy. A busy one first finishes its request:
  // Poco closes it under the lock the connection holds while its handler runs. So no handler
  // outlives the state it uses, even once its answer has reached the client (an answer is sent
  // before the handler logs it), and even with no grace at all (the destructor's).
  state_->server->stopAll(false);
  state_->server.reset();
}

}  // namespace awardflow::http
