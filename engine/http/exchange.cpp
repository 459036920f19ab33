#include "engine/http/exchange.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <array>
#include <fstream>
#include <regex>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace awardflow::http {

namespace {

// TCP_CORK on or off; a socket that refuses it (not TCP) just sends as it would.
void setCork(Poco::Net::StreamSocket& socket, bool on) {
  try {
    socket.setOption(IPPROTO_TCP, TCP_CORK, on ? 1 : 0);
  } catch (const Poco::Exception&) {
  }
}

}  // namespace

std::string urlEncode(const std::string& value) {
  std::string encoded;
  Poco::URI::encode(value, "&=+?#/;", encoded);
  return encoded;
}

int httpStatus(core::Errc code) {
  switch (code) {
    case core::Errc::InvalidArgument:
    case core::Errc::Malformed:
    case core::Errc::Unreadable:
      return 400;
    case core::Errc::Unauthenticated:
      return 401;
    case core::Errc::PermissionDenied:
      return 403;
    case core::Errc::NotFound:
      return 404;
    case core::Errc::Conflict:
    case core::Errc::IllegalTransition:
      return 409;
    case core::Errc::TooLarge:
      return 413;
    case core::Errc::UnsupportedMedia:
      return 415;
    case core::Errc::Invalid:
      return 422;
    case core::Errc::TooManyRequests:
      return 429;
    case core::Errc::Unavailable:
      return 503;
    case core::Errc::Config:
    case core::Errc::Internal:
      return 500;
  }
  return 500;
}

std::string Exchange::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string Exchange::query(const std::string& name, const std::string& fallback) const {
  try {
    const Poco::URI uri(request.getURI());
    for (const auto& [key, value] : uri.getQueryParameters()) {
      if (key == name) return value;
    }
  } catch (const Poco::Exception&) {  // a malformed query has no parameters
  }
  return fallback;
}

std::string Exchange::lang() const {
  std::string asked = query("lang");
  if (asked == "en" || asked == "vi") return asked;
  const std::string accept = request.get("Accept-Language", "");
  const auto en = accept.find("en");
  const auto vi = accept.find("vi");
  return en != std::string::npos && (vi == std::string::npos || en < vi) ? "en" : "vi";
}

void Exchange::discardBody() {
  constexpr std::int64_t kCap = std::int64_t{8} << 20;
  std::istream& in = request.stream();
  std::array<char, 16384> buffer{};
  std::int64_t read = 0;
  while (read < kCap && (in.read(buffer.data(), buffer.size()) || in.gcount() > 0))
    read += in.gcount();
  if (read >= kCap) response.setKeepAlive(false);
}

core::Result<std::string> Exchange::body() {
  if (body_read) return *body_read;
  if (request.hasContentLength() && request.getContentLength64() > max_body) {
    discardBody();
    return core::fail(core::Errc::TooLarge,
                      "the request body is over " + std::to_string(max_body) + " bytes",
                      {"nội dung yêu cầu vượt quá " + std::to_string(max_body) + " byte"});
  }
  std::string out;
  std::istream& in = request.stream();
  std::array<char, 16384> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    out.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (static_cast<std::int64_t>(out.size()) > max_body) {
      discardBody();
      return core::fail(core::Errc::TooLarge,
                        "the request body is over " + std::to_string(max_body) + " bytes",
                        {"nội dung yêu cầu vượt quá " + std::to_string(max_body) + " byte"});
    }
  }
  if (request.hasContentLength() &&
      static_cast<std::int64_t>(out.size()) != request.getContentLength64()) {
    return core::fail(core::Errc::Malformed, "the request body ended early",
                      {"nội dung yêu cầu bị cắt ngắn"});
  }
  body_read = out;
  return out;
}

core::Result<Poco::JSON::Object::Ptr> Exchange::json() {
  const std::string type = request.getContentType();
  auto bytes = body();
  if (!bytes) return core::Unexpected{bytes.error()};
  if (bytes->empty()) return Poco::JSON::Object::Ptr(new Poco::JSON::Object);
  if (type.rfind("application/json", 0) != 0) {
    return core::fail(core::Errc::UnsupportedMedia,
                      "send JSON (Content-Type: application/json), not '" + type + "'",
                      {"hãy gửi JSON (Content-Type: application/json)"});
  }
  try {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(*bytes);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
      return core::fail(core::Errc::Malformed, "the body must be a JSON object",
                        {"nội dung phải là một đối tượng JSON"});
    }
    return parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Malformed, "the body is not valid JSON: " + e.message(),
                      {"nội dung không phải JSON hợp lệ"});
  }
}

void Exchange::sendBytes(int code, const std::string& content_type, const std::string& bytes) {
  status = code;
  if (deferred) {
    held = true;
    held_type = content_type;
    held_body = bytes;
    return;
  }
  sent = true;
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(code));
  response.setContentType(content_type);
  response.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
  response.set("X-Content-Type-Options", "nosniff");
  if (!response.has("Cache-Control")) response.set("Cache-Control", "no-store");
  // Poco writes the head, then the body in 4 KB pieces, each its own segment: a page of 50
  // dossiers went out as a dozen. Corked, the kernel sends full segments once the answer is
  // written (bench/province_bench.cpp).
  auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  const bool cork = impl != nullptr && bytes.size() > 2048;
  if (cork) setCork(impl->socket(), true);
  std::ostream& out = response.send();
  out << bytes;
  out.flush();
  if (cork) setCork(impl->socket(), false);
}

void Exchange::release() {
  if (!held) return;
  held = false;
  deferred = false;
  sendBytes(status, held_type, held_body);
}

void Exchange::sendFile(int code, const std::string& content_type,
                        const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!in || ec) {
    return sendProblem({core::Errc::Internal, "cannot read " + path.filename().string(), {}});
  }
  if (deferred) {  // answers kept for idempotency keys are held in memory anyway
    std::string bytes;
    Poco::StreamCopier::copyToString(in, bytes);
    return sendBytes(code, content_type, bytes);
  }
  status = code;
  sent = true;
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(code));
  response.setContentType(content_type);
  response.setContentLength64(static_cast<Poco::Int64>(size));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Cache-Control", "no-store");
  Poco::StreamCopier::copyStream64(in, response.send());
}

void Exchange::sendJson(int code, const Poco::JSON::Object::Ptr& body) {
  std::ostringstream out;
  body->stringify(out, 2);
  out << "\n";
  sendBytes(code, "application/json; charset=utf-8", out.str());
}

void Exchange::sendJson(int code, const Poco::JSON::Array::Ptr& body) {
  std::ostringstream out;
  body->stringify(out, 2);
  out << "\n";
  sendBytes(code, "application/json; charset=utf-8", out.str());
}

std::string withoutServerPaths(const std::string& text) {
  // An absolute path of the server's file system: "/" at the start of the text or after a
  // space, quote, bracket, "=" or ":" (not "://"), then a folder name and more. URL paths of
  // this API ("/api/…", "/dossiers/…") are one word under the root the server serves, so a path
  // counts as the server's only with two or more folders above its last name, or when it starts
  // in one of the file system's own top folders.
  static const std::regex kPath(
      R"((^|[\s'"(\[=]|:(?!//))(/(?:[^\s'"()\[\],;:/]+/){2,}[^\s'"()\[\],;:]*|/(?:tmp|var|home|etc|usr|srv|opt|root|run|work|mnt|proc|dev|data|media)/[^\s'"()\[\],;:]*))");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), kPath);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const std::string path = m[2].str();
    if (path.rfind("/api/", 0) == 0) continue;
    out += text.substr(last, static_cast<std::size_t>(m.position(2)) - last);
    const std::size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    out += name.empty() ? "…" : "…/" + name;
    last = static_cast<std::size_t>(m.position(2) + m.length(2));
  }
  return out + text.substr(last);
}

void Exchange::sendProblem(const core::Error& error) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("code", std::string(core::errcName(error.code)));
  // The last guard: no error message carries a path of the server to a client (the layers
  // below name files by what the client knows; this catches what slips through).
  o->set("message", withoutServerPaths(error.message));
  Poco::JSON::Array::Ptr details = new Poco::JSON::Array;
  for (const std::string& d : error.details) details->add(withoutServerPaths(d));
  o->set("details", details);
  if (error.code == core::Errc::Unauthenticated) {
    response.set("WWW-Authenticate", "Bearer realm=\"awardflow\"");
  }
  if (error.code == core::Errc::TooManyRequests) response.set("Retry-After", "900");
  sendJson(httpStatus(error.code), o);
}

namespace {

// The headers an answer is replayed with, besides its Content-Type.
constexpr std::array<const char*, 3> kReplayedHeaders{"ETag", "Location", "Content-Disposition"};

}  // namespace

namespace {

void forgetReplayedHeaders(Exchange& x) {
  for (const char* name : kReplayedHeaders) x.response.erase(name);
}

}  // namespace

void withIdempotencyKey(Exchange& x, const service::RequestReplies& replies,
                        const std::string& fingerprint, const std::function<void()>& handler,
                        service::RequestReplies::Keep keep) {
  const std::string key = x.request.get("Idempotency-Key", "");
  if (key.empty() || !x.caller) return handler();
  const auto handle = [&]() -> service::Reply {
    x.held = false;
    forgetReplayedHeaders(x);
    handler();
    if (!x.held) return {0, "", ""};  // no answer: not kept, the server says so
    std::string headers = "Content-Type: " + x.held_type + "\n";
    for (const char* name : kReplayedHeaders) {
      if (x.response.has(name)) headers += std::string(name) + ": " + x.response.get(name) + "\n";
    }
    return {x.status, headers, x.held_body};
  };
  x.deferred = true;
  core::Result<service::RequestReplies::Answer> answer =
      core::fail(core::Errc::Internal, "not answered");
  try {
    answer =
        replies.once(x.caller->user.login, key, fingerprint, service::Channel::Http, keep, handle);
  } catch (...) {
    x.deferred = false;
    x.held = false;
    throw;
  }
  x.deferred = false;
  if (!answer) {
    x.held = false;
    forgetReplayedHeaders(x);
    return x.sendProblem(answer.error());
  }
  if (!answer->replayed) return x.release();
  x.held = false;
  forgetReplayedHeaders(x);
  std::istringstream lines(answer->reply.headers);
  std::string line, type = "application/json; charset=utf-8";
  while (std::getline(lines, line)) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    if (line.compare(0, colon, "Content-Type") == 0) {
      type = line.substr(colon + 2);
    } else {
      x.response.set(line.substr(0, colon), line.substr(colon + 2));
    }
  }
  x.response.set("Idempotent-Replayed", "true");
  x.sendBytes(answer->reply.status, type, answer->reply.body);
}

}  // namespace awardflow::http
