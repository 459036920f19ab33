#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "engine/core/error.hpp"
#include "engine/service/sessions.hpp"

namespace awardflow::http {

// The HTTP status of each Errc: the one map of this edge.
int httpStatus(core::Errc code);

// One request and its answer, as handlers see them.
struct Exchange {
  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  std::map<std::string, std::string> params;  // from the route's {names}
  std::optional<service::Caller> caller;      // set on signed-in routes
  std::int64_t max_body = 0;
  int status = 0;  // what was sent, for the access log and metrics
  bool sent = false;

  std::string param(const std::string& name) const;
  // The first value of a query parameter, or `fallback`.
  std::string query(const std::string& name, const std::string& fallback = {}) const;
  // The preferred language from ?lang= or Accept-Language ("vi" unless English is preferred).
  std::string lang() const;

  // Reads and discards the rest of the body (at most 8 MiB), so that a refusal sent before the
  // body was read reaches the client instead of a reset connection.
  void discardBody();
  // The whole body, at most max_body bytes: Errc::TooLarge (413) beyond.
  core::Result<std::string> body();
  // A JSON object body: Errc::UnsupportedMedia (415) for another content type, Malformed (400)
  // for bad JSON. An empty body is an empty object.
  core::Result<Poco::JSON::Object::Ptr> json();

  void sendJson(int status, const Poco::JSON::Object::Ptr& body);
  void sendJson(int status, const Poco::JSON::Array::Ptr& body);
  void sendBytes(int status, const std::string& content_type, const std::string& bytes);
  // The problem shape {code, message, messageVi, details[]} with the status of its Errc.
  void sendProblem(const core::Error& error);
};

}  // namespace awardflow::http
