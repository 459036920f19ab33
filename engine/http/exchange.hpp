#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "engine/core/error.hpp"
#include "engine/service/replies.hpp"
#include "engine/service/sessions.hpp"

namespace awardflow::http {

// The HTTP status of each Errc: the one map of this edge.
int httpStatus(core::Errc code);

// One request and its answer, as handlers see them.
struct Exchange {
  Exchange(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out)
      : request(in), response(out) {}

  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  std::map<std::string, std::string> params;  // from the route's {names}
  std::optional<service::Caller> caller;      // set on signed-in routes
  std::int64_t max_body = 0;
  int status = 0;  // what was sent, for the access log and metrics
  bool sent = false;
  std::optional<std::string> body_read;  // the body once body() has read it
  // Idempotency keys: the answer is held, not sent, until it has been kept with its effect;
  // release() then sends it.
  bool deferred = false;
  bool held = false;      // an answer is held
  std::string held_type;  // its Content-Type
  std::string held_body;  // its bytes

  std::string param(const std::string& name) const;
  // The first value of a query parameter, or `fallback`.
  std::string query(const std::string& name, const std::string& fallback = {}) const;
  // The preferred language from ?lang= or Accept-Language ("vi" unless English is preferred).
  std::string lang() const;

  // Reads and discards the rest of the body (at most 8 MiB), so that a refusal sent before the
  // body was read reaches the client instead of a reset connection.
  void discardBody();
  // The whole body, at most max_body bytes: Errc::TooLarge (413) beyond. Read once; later calls
  // return the same bytes.
  core::Result<std::string> body();
  // A JSON object body: Errc::UnsupportedMedia (415) for another content type, Malformed (400)
  // for bad JSON. An empty body is an empty object.
  core::Result<Poco::JSON::Object::Ptr> json();

  void sendJson(int status, const Poco::JSON::Object::Ptr& body);
  void sendJson(int status, const Poco::JSON::Array::Ptr& body);
  void sendBytes(int status, const std::string& content_type, const std::string& bytes);
  // Streams the file at `path` (a download too large to hold in memory); a problem (500) when it
  // cannot be opened. The file must stay in place until this returns.
  void sendFile(int status, const std::string& content_type, const std::filesystem::path& path);
  // The problem shape {code, message, messageVi, details[]} with the status of its Errc.
  void sendProblem(const core::Error& error);
  // Sends the held answer (see `deferred`).
  void release();
};

// `value` percent-encoded for a query string (&, =, +, ?, #, / and ; too).
std::string urlEncode(const std::string& value);

// `text` with every absolute path of the server's file system cut to "…/<last name>", for
// answers to clients ("no such file: /srv/data/blobs/68/ba/68ba…" → "no such file: …/68ba…").
std::string withoutServerPaths(const std::string& text);

// Runs `handler` under the request's Idempotency-Key, if it has one, through
// service::RequestReplies::once: the first request with a key is handled and its answer kept in
// the same transaction as its effect, and only then sent; the same request with the same key
// gets that answer again (with the header Idempotent-Replayed: true) without a second effect;
// the key with another request is 422. A second request with the key while the first is being
// handled waits for the first's answer. Answers of 5xx are not kept and their effect is undone,
// so the request may be retried. `fingerprint` identifies the request (method, path and body).
// `keep` says how long the answer is kept.
void withIdempotencyKey(Exchange& x, const service::RequestReplies& replies,
                        const std::string& fingerprint, const std::function<void()>& handler,
                        service::RequestReplies::Keep keep = service::RequestReplies::Keep::Day);

}  // namespace awardflow::http
