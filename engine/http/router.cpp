#include "engine/http/router.hpp"

#include <Poco/URI.h>

namespace awardflow::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::size_t stop = end == std::string_view::npos ? path.size() : end;
    if (stop > start) out.push_back(path.substr(start, stop - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match out;
  const auto parts = segments(path);
  int best_literals =
      -1;  // a literal segment beats a parameter: /dossiers/new before /dossiers/{id}
  for (const Route& route : routes_) {
    const auto pattern = segments(route.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool matches = true;
    int literals = 0;
    for (std::size_t i = 0; i < parts.size() && matches; ++i) {
      const std::string_view p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        std::string decoded;
        Poco::URI::decode(std::string(parts[i]), decoded);
        if (decoded.empty() || decoded.find('/') != std::string::npos) matches = false;
        params[std::string(p.substr(1, p.size() - 2))] = decoded;
      } else if (p != parts[i]) {
        matches = false;
      } else {
        ++literals;
      }
    }
    if (!matches) continue;
    out.path_known = true;
    out.allowed.push_back(route.method);
    if (route.method == method && literals > best_literals) {
      best_literals = literals;
      out.route = &route;
      out.params = std::move(params);
    }
  }
  return out;
}

}  // namespace awardflow::http
