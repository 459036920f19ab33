#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awardflow::http {

struct Exchange;

// A route handler: reads the request through the Exchange and answers through it.
using Handler = std::function<void(Exchange&)>;

// Who may call a route before the service applies its own rules.
enum class Access {
  Public,    // anyone, signed in or not
  SignedIn,  // any signed-in user; cookie sessions must echo their CSRF token on changes
  Page,      // a web page: the handler finds the session itself (sign-in page when none) and
             // checks the CSRF token of its forms
};

// Who applies a changing request's Idempotency-Key (service::RequestReplies).
enum class Keys {
  ByServer,   // the server, around the handler, with the body read whole
  ByHandler,  // the handler itself, once its upload is streamed to disk and fingerprinted
  Ignored,    // never: the answer holds a secret that is not stored (a new bearer token)
};

struct Route {
  std::string method;   // "GET", "POST" …
  std::string pattern;  // "/api/v1/dossiers/{id}/actions/{action}"
  Access access = Access::SignedIn;
  Handler handler;
  std::string summary;  // one line, checked against docs/openapi.yaml by a test
  Keys keys = Keys::ByServer;
};

// The routing table: literal segments and {name} parameters, matched segment by segment.
class Router {
 public:
  void add(Route route) { routes_.push_back(std::move(route)); }
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;  // set when found
    std::map<std::string, std::string> params;
    bool path_known = false;           // the path matches some route (→ 405, not 404)
    std::vector<std::string> allowed;  // methods of the routes whose path matches
  };
  // The route for `method` and `path` (without query); where several match, the one with the most
  // literal segments. Parameters are percent-decoded.
  Match match(std::string_view method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace awardflow::http
