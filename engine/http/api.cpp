#include "engine/http/api.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include "engine/core/file.hpp"
#include "engine/http/exchange.hpp"
#include "engine/http/metrics.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/emulation.hpp"
#include "engine/service/forms.hpp"
#include "engine/service/paths.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/store_fixity.hpp"
#include "engine/service/views.hpp"

namespace awardflow::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kSessionCookie = "awardflow_session";
constexpr int kMaxParts = 64;

using service::views::object;

// Views as the API writes them: labels in the caller's language, links into /api/v1.
service::views::Style apiStyle(const Exchange& x) { return {x.lang(), true}; }

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// The version an If-Match header names ("3", W/"3"), or nullopt when absent; a malformed one is
// an error.
core::Result<std::optional<std::int64_t>> ifMatch(const Exchange& x) {
  std::string value = x.request.get("If-Match", "");
  if (value.empty()) return std::optional<std::int64_t>();
  if (value.rfind("W/", 0) == 0) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  char* end = nullptr;
  const long long n = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < 1) {
    return core::fail(core::Errc::InvalidArgument, "If-Match must name a version, like \"3\"",
                      {"If-Match phải là một phiên bản, ví dụ \"3\""});
  }
  return std::optional<std::int64_t>(n);
}

std::string stringField(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return {};
  try {
    return o->getValue<std::string>(key);
  } catch (const Poco::Exception&) {
    return {};
  }
}

core::Result<std::vector<std::string>> stringList(const Object::Ptr& o, const std::string& key) {
  std::vector<std::string> out;
  if (!o->has(key) || o->isNull(key)) return out;
  Array::Ptr a = o->getArray(key);
  if (a.isNull()) {
    return core::fail(core::Errc::InvalidArgument, "'" + key + "' must be a list of texts",
                      {"'" + key + "' phải là danh sách chuỗi"});
  }
  for (unsigned i = 0; i < static_cast<unsigned>(a->size()); ++i) {
    try {
      out.push_back(a->getElement<std::string>(i));
    } catch (const Poco::Exception&) {
      return core::fail(core::Errc::InvalidArgument, "'" + key + "' must be a list of texts",
                        {"'" + key + "' phải là danh sách chuỗi"});
    }
  }
  return out;
}

// A file name as uploaded, made safe: its last path component, only letters, digits, '.', '-'
// and '_', not starting with a dot. Empty when nothing usable is left.
std::string safeName(const std::string& raw) {
  std::string name =
      raw.substr(raw.find_last_of("/\\") == std::string::npos ? 0 : raw.find_last_of("/\\") + 1);
  std::string out;
  for (char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_')
      out += c;
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  return out.size() > 200 ? std::string() : out;
}

// A folder for one upload, removed with everything in it when done.
struct UploadDir {
  std::filesystem::path path;
  explicit UploadDir(const std::filesystem::path& data_root)
      : path(data_root / "tmp" /
             ("upload-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString())) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  ~UploadDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  UploadDir(const UploadDir&) = delete;
  UploadDir& operator=(const UploadDir&) = delete;
};

// Multipart parts streamed to files of the upload folder, with limits on count and size.
class UploadParts : public Poco::Net::PartHandler {
 public:
  UploadParts(std::filesystem::path dir, std::int64_t max_total)
      : dir_(std::move(dir)), remaining_(max_total) {}

  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    if (error_) return drain(stream);
    if (++parts_ > kMaxParts) {
      error_ = core::Error{core::Errc::TooLarge,
                           "more than " + std::to_string(kMaxParts) + " files in one upload",
                           {"quá " + std::to_string(kMaxParts) + " tệp trong một lần gửi"}};
      return drain(stream);
    }
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    const std::string field = params.get("name", "");
    const std::string name = field == "dossier" ? "dossier.xml"
                             : field == "form"  ? "form.json"
                                                : safeName(params.get("filename", ""));
    if (name.empty() || (name == "dossier.xml" && field != "dossier") ||
        (name == "form.json" && field != "form")) {
      error_ = core::Error{core::Errc::InvalidArgument,
                           "a file part without a usable file name",
                           {"một tệp gửi lên không có tên tệp hợp lệ"}};
      return drain(stream);
    }
    std::ofstream out(dir_ / name, std::ios::binary | std::ios::trunc);
    std::array<char, 16384> buffer{};
    while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0) {
      remaining_ -= stream.gcount();
      if (remaining_ < 0) {
        error_ = core::Error{core::Errc::TooLarge,
                             "the upload is over the size limit",
                             {"tệp gửi lên vượt quá giới hạn dung lượng"}};
        return drain(stream);
      }
      out.write(buffer.data(), stream.gcount());
    }
    out.close();
    if (field == "dossier" || field == "form") {
      (field == "dossier" ? has_dossier_ : has_form_) = true;
      return;
    }
    // Scans are PDFs: anything else is refused as a type (415); a damaged PDF is judged later
    // by the PDF library (422).
    std::ifstream check(dir_ / name, std::ios::binary);
    std::array<char, 5> magic{};
    check.read(magic.data(), magic.size());
    if (std::string_view(magic.data(), static_cast<std::size_t>(check.gcount())) != "%PDF-") {
      error_ = core::Error{
          core::Errc::UnsupportedMedia, name + " is not a PDF", {name + " không phải tệp PDF"}};
    }
  }

  const std::optional<core::Error>& error() const { return error_; }
  bool hasDossier() const { return has_dossier_; }
  bool hasForm() const { return has_form_; }

 private:
  static void drain(std::istream& stream) {
    std::array<char, 16384> buffer{};
    while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0) {
    }
  }
  std::filesystem::path dir_;
  std::int64_t remaining_;
  int parts_ = 0;
  bool has_dossier_ = false;
  bool has_form_ = false;
  std::optional<core::Error> error_;
};

// A dossier upload: the signed XML, or a form (JSON) to be completed, signed and submitted by the
// service; the attached files are in `request.attachments_dir`.
struct Upload {
  service::SubmitRequest request;
  std::optional<std::string> form;  // the JSON form, when the dossier came as one
};

// Reads a dossier upload: multipart/form-data with a "dossier" part (the XML) or a "form" part
// (JSON, see service/forms.hpp) and one part per attached file; or an XML or JSON body without
// attachments. Files land in `dir`.
core::Result<Upload> readUpload(Exchange& x, const UploadDir& dir) {
  const std::string type = x.request.getContentType();
  Upload upload;
  service::SubmitRequest& r = upload.request;
  if (x.request.hasContentLength() && x.request.getContentLength64() > x.max_body) {
    x.discardBody();
    return core::fail(core::Errc::TooLarge,
                      "the upload is over " + std::to_string(x.max_body) + " bytes",
                      {"tệp gửi lên vượt quá " + std::to_string(x.max_body) + " byte"});
  }
  if (type.rfind("multipart/form-data", 0) == 0) {
    UploadParts parts(dir.path, x.max_body);
    Poco::Net::HTMLForm fields;
    try {
      fields.setFieldLimit(kMaxParts);
      fields.setValueLengthLimit(static_cast<int>(std::min<std::int64_t>(x.max_body, 1 << 24)));
      fields.load(x.request, x.request.stream(), parts);
    } catch (const Poco::Exception& e) {
      x.discardBody();
      return core::fail(core::Errc::Malformed,
                        "the multipart body is not well formed: " + e.message(),
                        {"nội dung multipart không đúng định dạng"});
    }
    if (parts.error()) {
      x.discardBody();
      return core::Unexpected{*parts.error()};
    }
    // A part without a file name is a plain field (a page's text area): the form's JSON.
    if (!parts.hasDossier() && !parts.hasForm() && fields.has("form")) {
      upload.form = fields.get("form");
      r.source = "form.json";
      r.attachments_dir = dir.path;
      return upload;
    }
    if (!parts.hasDossier() && !parts.hasForm()) {
      return core::fail(
          core::Errc::InvalidArgument,
          "send the dossier XML in a part named 'dossier' (or its form in a part named 'form')",
          {"hãy gửi tệp XML hồ sơ trong phần có tên 'dossier' (hoặc biểu mẫu trong phần 'form')"});
    }
    const char* own = parts.hasDossier() ? "dossier.xml" : "form.json";
    auto bytes = core::readFile(dir.path / own, static_cast<std::size_t>(x.max_body));
    if (!bytes) return core::Unexpected{bytes.error()};
    std::error_code ec;
    std::filesystem::remove(dir.path / "dossier.xml", ec);
    std::filesystem::remove(dir.path / "form.json", ec);
    if (parts.hasDossier()) {
      r.xml = std::move(bytes).value();
    } else {
      upload.form = std::move(bytes).value();
    }
    r.source = own;
    r.attachments_dir = dir.path;
    return upload;
  }
  if (type.rfind("application/xml", 0) == 0 || type.rfind("text/xml", 0) == 0) {
    auto bytes = x.body();
    if (!bytes) return core::Unexpected{bytes.error()};
    r.xml = std::move(bytes).value();
    r.source = "dossier.xml";
    return upload;
  }
  if (type.rfind("application/json", 0) == 0) {
    auto bytes = x.body();
    if (!bytes) return core::Unexpected{bytes.error()};
    upload.form = std::move(bytes).value();
    r.source = "form.json";
    return upload;
  }
  return core::fail(core::Errc::UnsupportedMedia,
                    "send the dossier as multipart/form-data (with its files), application/xml, "
                    "or its form as application/json",
                    {"hãy gửi hồ sơ dạng multipart/form-data (kèm tệp), application/xml, hoặc "
                     "biểu mẫu dạng application/json"});
}

// A form's JSON text as an object, or a 400 problem.
core::Result<Object::Ptr> formObject(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(text);
    if (parsed.type() == typeid(Object::Ptr)) return parsed.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  return core::fail(core::Errc::Malformed, "the form is not a JSON object",
                    {"biểu mẫu không phải một đối tượng JSON"});
}

// A form read into a dossier: the form object (for fields the dossier does not hold, such as the
// signing PIN), the dossier, and the problems found reading it; a 400 problem if not JSON.
struct FormDossier {
  Object::Ptr form;
  model::Dossier dossier;
  core::Report report;
};
core::Result<FormDossier> formDossier(const std::string& text) {
  auto form = formObject(text);
  if (!form) return core::Unexpected{form.error()};
  FormDossier out;
  out.form = *form;
  out.dossier = service::dossierFromJson(out.form, out.report);
  return out;
}

// What identifies an upload for its Idempotency-Key: the method and target, the dossier's bytes
// or its form, and each file streamed to `dir`.
core::Result<std::string> uploadFingerprint(const service::RequestReplies& replies,
                                            const Exchange& x, const Upload& upload,
                                            const UploadDir& dir) {
  return replies.fingerprintWithFiles(
      x.request.getMethod(), x.request.getURI(),
      upload.form ? "form\n" + *upload.form : "dossier\n" + upload.request.xml, dir.path);
}

// The problems of a form or dossier check, each with its location, in the caller's language.
Array::Ptr problemsJson(const core::Report& report, const std::string& lang, bool form) {
  Array::Ptr problems = new Array;
  for (const core::Problem& p : report.problems()) {
    Object::Ptr po = object();
    po->set("severity", std::string(core::severityName(p.severity)));
    po->set("code", p.code);
    if (form) {
      po->set("field", p.location.path);
    } else {
      po->set("line", p.location.line);
      po->set("path", p.location.path);
    }
    po->set("message", p.message.in(lang));
    problems->add(po);
  }
  return problems;
}

// A whole number query parameter within [low, high], `fallback` when absent; 400 otherwise.
core::Result<int> numberQuery(const Exchange& x, const std::string& name, int fallback, int low,
                              int high) {
  const std::string v = x.query(name);
  if (v.empty()) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (*end != '\0' || n < low || n > high) {
    return core::fail(
        core::Errc::InvalidArgument,
        name + " is a number from " + std::to_string(low) + " to " + std::to_string(high),
        {name + " là một số từ " + std::to_string(low) + " đến " + std::to_string(high)});
  }
  return static_cast<int>(n);
}

// The media type of a package's payload file, by its extension.
std::string mediaType(const std::string& name) {
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (ext == "pdf") return "application/pdf";
  if (ext == "xml") return "application/xml; charset=utf-8";
  if (ext == "json") return "application/json; charset=utf-8";
  if (ext == "txt" || ext == "csv") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void Api::addRoutes(Router& router) {
  const auto route = [&](const char* method, const char* pattern, Access access,
                         const char* summary, Handler handler, Keys keys = Keys::ByServer) {
    router.add(Route{method, pattern, access, std::move(handler), summary, keys});
  };
  const auto actor = [](Exchange& x) -> const model::User& { return x.caller->user; };

  // ---- operations
  // Healthy, degraded (the last fixity audit of the live store found damage: the server still
  // serves, an operator must look) or unavailable (the store cannot be read: 503).
  route("GET", "/healthz", Access::Public, "liveness and store check", [this](Exchange& x) {
    auto head = data_.audit().head();
    Object::Ptr o = object();
    if (!head) {
      o->set("status", "unavailable");
      return x.sendJson(503, o);
    }
    auto audit = service::lastStoreAudit(data_);
    const bool degraded = audit && *audit && !(*audit)->healthy();
    o->set("status", degraded ? "degraded" : "ok");
    o->set("events", head->first);
    if (audit && *audit) {
      Object::Ptr fixity = object();
      fixity->set("at", (*audit)->at);
      fixity->set("damagedBlobs", (*audit)->damaged_blob_count);
      fixity->set("damagedOrMissingFiles", (*audit)->problem_count);
      fixity->set("database", (*audit)->database);
      o->set("storeFixity", fixity);
    }
    x.sendJson(200, o);
  });
  route("GET", "/metrics", Access::Public, "Prometheus metrics", [this](Exchange& x) {
    std::string extra =
        "# HELP awardflow_dossiers Dossiers by state.\n# TYPE awardflow_dossiers gauge\n";
    auto states = workflow_.countByState();
    if (states) {
      for (const auto& [state, n] : *states)
        extra += "awardflow_dossiers{state=\"" + state + "\"} " + std::to_string(n) + "\n";
    }
    auto late = workflow_.overdue(std::nullopt, false);
    extra +=
        "# HELP awardflow_dossiers_overdue Dossiers past their due date.\n"
        "# TYPE awardflow_dossiers_overdue gauge\nawardflow_dossiers_overdue " +
        std::to_string(late ? late->size() : 0) + "\n";
    auto audit = service::lastStoreAudit(data_);
    if (audit && *audit) {
      const service::StoreAudit& a = **audit;
      const auto at = core::parseUtcTimestamp(a.at);
      extra +=
          "# HELP awardflow_store_fixity_last_run_seconds When the live store was last audited.\n"
          "# TYPE awardflow_store_fixity_last_run_seconds gauge\n"
          "awardflow_store_fixity_last_run_seconds " +
          std::to_string(at ? *at : 0) +
          "\n# HELP awardflow_store_blobs Blob files read through by the last audit.\n"
          "# TYPE awardflow_store_blobs gauge\nawardflow_store_blobs " +
          std::to_string(a.blobs) +
          "\n# HELP awardflow_store_blobs_damaged Blobs whose content no longer matches "
          "their digest.\n# TYPE awardflow_store_blobs_damaged gauge\n"
          "awardflow_store_blobs_damaged " +
          std::to_string(a.damaged_blob_count) +
          "\n# HELP awardflow_store_files_unusable Files of dossiers missing or damaged.\n"
          "# TYPE awardflow_store_files_unusable gauge\nawardflow_store_files_unusable " +
          std::to_string(a.problem_count) +
          "\n# HELP awardflow_store_database_ok Whether SQLite's integrity_check found nothing.\n"
          "# TYPE awardflow_store_database_ok gauge\nawardflow_store_database_ok " +
          (a.database == "ok" ? "1" : "0") + "\n";
    }
    x.sendBytes(200, "text/plain; version=0.0.4; charset=utf-8", metrics_.render(extra));
  });
  route("GET", "/api/openapi.json", Access::Public, "this API described (OpenAPI 3)",
        [](Exchange& x) {
          auto yaml = core::readFile(service::dataHome() / "docs/openapi.yaml");
          if (!yaml) return x.sendProblem(yaml.error());
          // docs/openapi.yaml is written in YAML's JSON-compatible flow style: valid both ways.
          try {
            Poco::JSON::Parser parser;
            auto parsed = parser.parse(*yaml);
            x.sendJson(200, parsed.extract<Object::Ptr>());
          } catch (const Poco::Exception& e) {
            x.sendProblem({core::Errc::Internal, "docs/openapi.yaml: " + e.message(), {}});
          }
        });

  // ---- sign-in
  route("POST", "/api/v1/session", Access::Public, "sign in (password); sets the session cookie",
        [this](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto signin =
              sessions_.login(stringField(*body, "login"), stringField(*body, "password"));
          if (!signin) return x.sendProblem(signin.error());
          Poco::Net::HTTPCookie cookie(kSessionCookie, signin->token);
          cookie.setHttpOnly(true);
          cookie.setPath("/");
          cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
          cookie.setSecure(secure_cookies_);
          x.response.addCookie(cookie);
          Object::Ptr o = object();
          o->set("user", service::views::user(signin->user));
          o->set("csrfToken", signin->csrf);
          o->set("expiresAt", signin->expires_at);
          x.sendJson(200, o);
        });
  route("DELETE", "/api/v1/session", Access::SignedIn, "sign out", [this](Exchange& x) {
    auto done = sessions_.logout(*x.caller);
    if (!done) return x.sendProblem(done.error());
    Poco::Net::HTTPCookie cookie(kSessionCookie, "");
    cookie.setPath("/");
    cookie.setMaxAge(0);
    cookie.setHttpOnly(true);
    x.response.addCookie(cookie);
    x.sendJson(200, object());
  });
  route("GET", "/api/v1/me", Access::SignedIn, "who is signed in",
        [&](Exchange& x) { x.sendJson(200, service::views::user(actor(x))); });
  route(
      "POST", "/api/v1/tokens", Access::SignedIn, "a bearer token for programs",
      [this, actor](Exchange& x) {
        auto body = x.json();
        if (!body) return x.sendProblem(body.error());
        auto token = sessions_.issueApiToken(actor(x), stringField(*body, "label"));
        if (!token) return x.sendProblem(token.error());
        Object::Ptr o = object();
        o->set("token", token->token);
        o->set("expiresAt", token->expires_at);
        x.sendJson(201, o);
      },
      Keys::Ignored);

  // ---- dossiers
  route("GET", "/api/v1/dossiers", Access::SignedIn,
        "the dossiers the caller may see, by tracking code: ?state= &unit= &procedure= &year= "
        "&limit= (1–1000, default 1000) &after= (the X-Next-Cursor of the page before)",
        [this, actor](Exchange& x) {
          service::Workflow::ListQuery q;
          const auto given = [&](const char* name) -> std::optional<std::string> {
            const std::string v = x.query(name);
            return v.empty() ? std::nullopt : std::optional<std::string>(v);
          };
          const auto digits = [](const std::string& v, std::size_t max) {
            return !v.empty() && v.size() <= max &&
                   v.find_first_not_of("0123456789") == std::string::npos;
          };
          q.state = given("state");
          q.unit = given("unit");
          q.procedure = given("procedure");
          q.after = given("after");
          q.limit = 1000;
          if (auto year = given("year")) {
            if (!digits(*year, 4) || year->size() != 4) {
              return x.sendProblem({core::Errc::InvalidArgument,
                                    "year is four digits: ?year=2026",
                                    {"năm gồm bốn chữ số: ?year=2026"}});
            }
            q.year = std::stoi(*year);
          }
          if (auto limit = given("limit")) {
            if (!digits(*limit, 4)) {
              return x.sendProblem({core::Errc::InvalidArgument,
                                    "limit is a number from 1 to 1000",
                                    {"limit là số từ 1 đến 1000"}});
            }
            q.limit = std::stoll(*limit);
          }
          auto page = workflow_.list(actor(x), q);
          if (!page) return x.sendProblem(page.error());
          if (page->next) {
            x.response.set("X-Next-Cursor", *page->next);
            std::string link = "/api/v1/dossiers?";
            for (const char* name : {"state", "unit", "procedure", "year", "limit"}) {
              if (auto v = given(name)) link += std::string(name) + "=" + urlEncode(*v) + "&";
            }
            x.response.set("Link",
                           "<" + link + "after=" + urlEncode(*page->next) + ">; rel=\"next\"");
          }
          x.sendBytes(200, "application/json; charset=utf-8",
                      service::views::instancesJson(page->items));
        });
  route(
      "POST", "/api/v1/dossiers", Access::SignedIn,
      "submit a dossier: signed XML, or a form the server completes, signs with the clerk's "
      "key and submits (multipart: dossier or form + files)",
      [this, actor](Exchange& x) {
        const UploadDir dir(data_.root);
        auto upload = readUpload(x, dir);
        if (!upload) return x.sendProblem(upload.error());
        // Exactly once across files and the store: the scans are content-addressed blobs
        // written before the transaction (a crash leaves at most unreferenced blobs, which a
        // retry writes again or finds), and the dossier row, its events and this answer
        // commit together.
        auto fingerprint = uploadFingerprint(replies_, x, *upload, dir);
        if (!fingerprint) return x.sendProblem(fingerprint.error());
        const auto submit = [&] {
          core::Result<service::SubmitOutcome> outcome = core::fail(core::Errc::Internal, "");
          if (upload->form) {
            auto read = formDossier(*upload->form);
            if (!read) return x.sendProblem(read.error());
            if (!read->report.valid()) {
              Object::Ptr o = object();
              o->set("code", "invalid");
              o->set("message", "the form has problems; nothing was stored");
              o->set("details", problemsJson(read->report, x.lang(), true));
              return x.sendJson(422, o);
            }
            outcome = workflow_.submitForm(actor(x), std::move(read->dossier),
                                           upload->request.attachments_dir,
                                           stringField(read->form, "signingPin"));
          } else {
            outcome = workflow_.submit(actor(x), upload->request);
          }
          if (!outcome) return x.sendProblem(outcome.error());
          x.response.set("Location", "/api/v1/dossiers/" + outcome->instance.id);
          x.response.set("ETag", etag(outcome->instance.version));
          x.sendJson(201, service::views::submitted(*outcome));
        };
        withIdempotencyKey(x, replies_, *fingerprint, submit,
                           service::RequestReplies::Keep::Forever);
      },
      Keys::ByHandler);
  route(
      "POST", "/api/v1/validate", Access::SignedIn,
      "check a dossier without storing it: signed XML (multipart or XML), or a form (multipart "
      "or JSON) whose problems name their fields",
      [this, actor](Exchange& x) {
        const UploadDir dir(data_.root);
        auto upload = readUpload(x, dir);
        if (!upload) return x.sendProblem(upload.error());
        Object::Ptr o = object();
        if (upload->form) {
          auto read = formDossier(*upload->form);
          if (!read) return x.sendProblem(read.error());
          core::Report& report = read->report;
          auto check = workflow_.checkForm(actor(x), std::move(read->dossier),
                                           upload->request.attachments_dir);
          if (!check) return x.sendProblem(check.error());
          report.append(check->report);
          o->set("valid", report.valid());
          o->set("id", check->dossier.id);
          o->set("problems", problemsJson(report, x.lang(), true));
          return x.sendJson(200, o);
        }
        const service::ValidationResult result = workflow_.validate(
            upload->request.xml, upload->request.source, upload->request.attachments_dir);
        o->set("valid", result.valid());
        o->set("problems", problemsJson(result.report, x.lang(), false));
        x.sendJson(200, o);
      },
      Keys::Ignored);
  route("GET", "/api/v1/dossiers/{id}", Access::SignedIn,
        "a dossier: state, due date, documents, ballots, actions open to the caller",
        [this, actor](Exchange& x) {
          auto status = workflow_.status(actor(x), x.param("id"));
          if (!status) return x.sendProblem(status.error());
          x.response.set("ETag", etag(status->instance.version));
          x.sendJson(200, service::views::status(*status, apiStyle(x)));
        });
  route("GET", "/api/v1/dossiers/{id}/xml", Access::SignedIn, "the dossier's current XML",
        [this, actor](Exchange& x) {
          auto file = workflow_.file(actor(x), x.param("id"), "dossier.xml");
          if (!file) return x.sendProblem(file.error());
          x.sendBytes(200, "application/xml; charset=utf-8", file->second);
        });
  route("GET", "/api/v1/dossiers/{id}/files/{name}", Access::SignedIn,
        "a file of the dossier (latest revision)", [this, actor](Exchange& x) {
          auto file = workflow_.file(actor(x), x.param("id"), x.param("name"));
          if (!file) return x.sendProblem(file.error());
          x.response.set("Content-Disposition",
                         "attachment; filename=\"" + safeName(file->first.name) + "\"");
          x.sendBytes(200, file->first.media_type, file->second);
        });
  route("GET", "/api/v1/dossiers/{id}/outgoing-package", Access::SignedIn,
        "a forwarded proposal as one signed package (zip) to hand to the level above",
        [this, actor](Exchange& x) {
          auto package = workflow_.outgoingPackage(actor(x), x.param("id"));
          if (!package) return x.sendProblem(package.error());
          x.response.set("Content-Disposition",
                         "attachment; filename=\"" + safeName(package->file_name) + "\"");
          x.sendBytes(200, "application/zip", package->bytes);
        });
  route("GET", "/api/v1/dossiers/{id}/history", Access::SignedIn,
        "the dossier's events from the audit chain", [this, actor](Exchange& x) {
          auto events = workflow_.history(actor(x), x.param("id"));
          if (!events) return x.sendProblem(events.error());
          x.sendJson(200, service::views::history(*events));
        });
  route("GET", "/api/v1/dossiers/{id}/documents/{document}", Access::SignedIn,
        "a signed office document (receipt, tally, decision …) as XML", [this, actor](Exchange& x) {
          auto doc = workflow_.document(actor(x), x.param("id"), x.param("document"));
          if (!doc) return x.sendProblem(doc.error());
          x.sendBytes(200, "application/xml; charset=utf-8", doc->second);
        });
  route("POST", "/api/v1/dossiers/{id}/actions/{action}", Access::SignedIn,
        "take a lifecycle action (If-Match: the version seen)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto version = ifMatch(x);
          if (!version) return x.sendProblem(version.error());
          service::ActRequest r;
          r.dossier_id = x.param("id");
          r.action = x.param("action");
          r.comment = stringField(*body, "comment");
          r.expected_version = *version;
          auto deficiencies = stringList(*body, "deficiencies");
          if (!deficiencies) return x.sendProblem(deficiencies.error());
          r.deficiencies = *deficiencies;
          if (!stringField(*body, "session").empty()) r.session_id = stringField(*body, "session");
          const std::string pin = stringField(*body, "signingPin");
          if (!pin.empty()) {
            auto key = service::loadUserSigningKey(data_.root, actor(x).login, pin);
            if (!key) return x.sendProblem(key.error());
            r.signer = std::move(key).value();
          }
          auto outcome = workflow_.act(actor(x), r);
          if (!outcome) return x.sendProblem(outcome.error());
          x.response.set("ETag", etag(outcome->instance.version));
          x.sendJson(200, service::views::acted(*outcome, apiStyle(x)));
        });
  route(
      "POST", "/api/v1/dossiers/{id}/revisions", Access::SignedIn,
      "resubmit the completed dossier (multipart: dossier + files)",
      [this, actor](Exchange& x) {
        auto version = ifMatch(x);
        if (!version) return x.sendProblem(version.error());
        const UploadDir dir(data_.root);
        auto upload = readUpload(x, dir);
        if (!upload) return x.sendProblem(upload.error());
        if (upload->form) {
          return x.sendProblem({core::Errc::UnsupportedMedia,
                                "a revision is sent as the signed dossier XML",
                                {"bản bổ sung được gửi dưới dạng XML hồ sơ đã ký"}});
        }
        auto request = &upload->request;
        service::ActRequest r;
        r.dossier_id = x.param("id");
        r.action = "resubmit";
        r.expected_version = *version;
        r.resubmission = std::move(*request);
        // Exactly once as for submissions: blobs first (content-addressed), then the
        // revision, its event and this answer in one transaction.
        auto fingerprint = uploadFingerprint(replies_, x, *upload, dir);
        if (!fingerprint) return x.sendProblem(fingerprint.error());
        withIdempotencyKey(x, replies_, *fingerprint, [&] {
          auto outcome = workflow_.act(actor(x), r);
          if (!outcome) return x.sendProblem(outcome.error());
          x.response.set("ETag", etag(outcome->instance.version));
          x.sendJson(200, service::views::instance(outcome->instance));
        });
      },
      Keys::ByHandler);
  route("POST", "/api/v1/dossiers/{id}/ballot", Access::SignedIn,
        "cast a ballot (or an absent member's written one, or recuse)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          service::VoteRequest v;
          v.dossier_id = x.param("id");
          v.recuse = (*body)->has("recuse") && (*body)->optValue<bool>("recuse", false);
          v.comment = stringField(*body, "comment");
          if (!stringField(*body, "onBehalfOf").empty())
            v.on_behalf_of = stringField(*body, "onBehalfOf");
          if (!v.recuse) {
            v.choice = model::parseBallotChoice(stringField(*body, "choice"));
            if (!v.choice) {
              return x.sendProblem({core::Errc::InvalidArgument,
                                    "choice is approve, reject or abstain",
                                    {"choice chỉ nhận approve, reject hoặc abstain"}});
            }
          }
          auto outcome = workflow_.vote(actor(x), v);
          if (!outcome) return x.sendProblem(outcome.error());
          Object::Ptr o = object();
          o->set("ballot", outcome->ballot_id);
          o->set("recorded", outcome->recorded);
          o->set("members", outcome->members);
          x.sendJson(201, o);
        });
  route("POST", "/api/v1/dossiers/{id}/opinions", Access::SignedIn,
        "ask another agency for its opinion", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto done =
              workflow_.requestOpinion(actor(x), x.param("id"), stringField(*body, "agency"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(201, object());
        });
  route("PUT", "/api/v1/dossiers/{id}/opinions/{agency}", Access::SignedIn,
        "record the opinion received", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto done = workflow_.receiveOpinion(actor(x), x.param("id"), x.param("agency"),
                                               stringField(*body, "text"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(200, object());
        });
  route(
      "GET", "/api/v1/overdue", Access::SignedIn, "dossiers past their due date",
      [this, actor](Exchange& x) {
        std::optional<core::Date> on;
        if (!x.query("on").empty()) {
          on = core::Date::parse(x.query("on"));
          if (!on) {
            return x.sendProblem(
                {core::Errc::InvalidArgument, "on is YYYY-MM-DD", {"on phải có dạng YYYY-MM-DD"}});
          }
        }
        auto items = workflow_.overdueFor(actor(x), on);
        if (!items) return x.sendProblem(items.error());
        x.sendBytes(200, "application/json; charset=utf-8", service::views::overdueJson(*items));
      });

  route("GET", "/api/v1/queue", Access::SignedIn,
        "the dossiers the caller can act on now, by tracking code: ?limit= (1–200, default 50) "
        "&after= (the X-Next-Cursor of the page before)",
        [this, actor](Exchange& x) {
          std::int64_t limit = 50;
          if (!x.query("limit").empty()) {
            const std::string v = x.query("limit");
            if (v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos) {
              return x.sendProblem({core::Errc::InvalidArgument,
                                    "limit is a number from 1 to 200",
                                    {"limit là số từ 1 đến 200"}});
            }
            limit = std::stoll(v);
          }
          std::optional<std::string> after;
          if (!x.query("after").empty()) after = x.query("after");
          auto page = workflow_.queue(actor(x), after, limit);
          if (!page) return x.sendProblem(page.error());
          if (page->next) {
            x.response.set("X-Next-Cursor", *page->next);
            x.response.set("Link", "</api/v1/queue?limit=" + std::to_string(limit) +
                                       "&after=" + urlEncode(*page->next) + ">; rel=\"next\"");
          }
          x.sendBytes(200, "application/json; charset=utf-8",
                      service::views::queueJson(page->items));
        });

  // ---- council
  route("GET", "/api/v1/council-sessions", Access::SignedIn, "council sessions",
        [this, actor](Exchange& x) {
          auto sessions = workflow_.councilSessions(actor(x));
          if (!sessions) return x.sendProblem(sessions.error());
          Array::Ptr a = new Array;
          for (const auto& s : *sessions) a->add(service::views::session(s));
          x.sendJson(200, a);
        });
  route("POST", "/api/v1/council-sessions", Access::SignedIn, "open a council session",
        [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          const auto on = core::Date::parse(stringField(*body, "meetsOn"));
          if (!on) {
            return x.sendProblem({core::Errc::InvalidArgument,
                                  "meetsOn is YYYY-MM-DD",
                                  {"meetsOn phải có dạng YYYY-MM-DD"}});
          }
          auto members = stringList(*body, "members");
          if (!members) return x.sendProblem(members.error());
          auto session =
              workflow_.openSession(actor(x), stringField(*body, "title"), *on, *members);
          if (!session) return x.sendProblem(session.error());
          x.response.set("Location", "/api/v1/council-sessions/" + session->id);
          x.sendJson(201, service::views::session(*session));
        });
  route("GET", "/api/v1/council-sessions/{id}", Access::SignedIn,
        "a council session with its ballots and signed tallies", [this, actor](Exchange& x) {
          auto session = workflow_.councilSession(actor(x), x.param("id"));
          if (!session) return x.sendProblem(session.error());
          x.sendJson(200, service::views::session(session->first, session->second));
        });
  route("POST", "/api/v1/council-sessions/{id}/close", Access::SignedIn, "close a council session",
        [this, actor](Exchange& x) {
          auto done = workflow_.closeSession(actor(x), x.param("id"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(200, object());
        });

  // ---- accounts
  route("GET", "/api/v1/users", Access::SignedIn, "users (administrators)",
        [this, actor](Exchange& x) {
          auto users = service::listUsersAs(data_, actor(x));
          if (!users) return x.sendProblem(users.error());
          Array::Ptr a = new Array;
          for (const auto& u : *users) a->add(service::views::user(u));
          x.sendJson(200, a);
        });
  route("PUT", "/api/v1/users/{login}/active", Access::SignedIn,
        "deactivate or reactivate a user (administrators)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          bool active = false;
          try {
            active = (*body)->getValue<bool>("active");
          } catch (const Poco::Exception&) {
            return x.sendProblem({core::Errc::InvalidArgument,
                                  "give active: true or false",
                                  {"cần active: true hoặc false"}});
          }
          auto done = service::setUserActiveAs(data_, actor(x), x.param("login"), active);
          if (!done) return x.sendProblem(done.error());
          sessions_.forgetUser(x.param("login"));
          x.sendJson(200, object());
        });
  route("POST", "/api/v1/users", Access::SignedIn, "add a user (administrators)",
        [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          const auto role = model::parseRole(stringField(*body, "role"));
          if (!role) {
            return x.sendProblem(
                {core::Errc::InvalidArgument, "unknown role", {"vai trò không hợp lệ"}});
          }
          model::User u{stringField(*body, "login"), stringField(*body, "name"), *role,
                        std::nullopt, true};
          if (!stringField(*body, "unit").empty()) u.unit_code = stringField(*body, "unit");
          if (!stringField(*body, "authority").empty())
            u.authority_code = stringField(*body, "authority");
          auto done = service::addUserAs(data_, actor(x), u, stringField(*body, "password"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(201, service::views::user(u));
        });
  route("GET", "/api/v1/units", Access::SignedIn, "units", [this, actor](Exchange& x) {
    auto units = service::listUnitsAs(data_, actor(x));
    if (!units) return x.sendProblem(units.error());
    Array::Ptr a = new Array;
    for (const auto& u : *units) a->add(service::views::unit(u));
    x.sendJson(200, a);
  });
  route("POST", "/api/v1/units", Access::SignedIn, "add a unit (administrators)",
        [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          const auto level = model::parseLevel(stringField(*body, "level"));
          if (!level) {
            return x.sendProblem(
                {core::Errc::InvalidArgument, "unknown level", {"cấp không hợp lệ"}});
          }
          model::Unit u{stringField(*body, "code"), stringField(*body, "name"), *level};
          if (!stringField(*body, "authority").empty())
            u.authority_code = stringField(*body, "authority");
          if (!stringField(*body, "parent").empty()) u.parent_code = stringField(*body, "parent");
          auto done = service::addUnitAs(data_, actor(x), u);
          if (!done) return x.sendProblem(done.error());
          x.sendJson(201, object());
        });

  // ---- authorities (the province, its communes, agencies whose heads award)
  route("GET", "/api/v1/authorities", Access::SignedIn, "the authorities an administrator manages",
        [this, actor](Exchange& x) {
          auto all = service::listAuthoritiesAs(data_, actor(x));
          if (!all) return x.sendProblem(all.error());
          Array::Ptr a = new Array;
          for (const auto& r : *all) a->add(service::views::authority(r));
          x.sendJson(200, a);
        });
  route("POST", "/api/v1/authorities", Access::SignedIn,
        "add an authority (administrators of its parent)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          const auto level = model::parseLevel(stringField(*body, "level"));
          if (!level) {
            return x.sendProblem(
                {core::Errc::InvalidArgument, "unknown level", {"cấp không hợp lệ"}});
          }
          model::AuthorityRecord r;
          r.code = stringField(*body, "code");
          r.name = stringField(*body, "name");
          r.level = *level;
          if (!stringField(*body, "parent").empty()) r.parent_code = stringField(*body, "parent");
          auto done = service::addAuthorityAs(data_, actor(x), r);
          if (!done) return x.sendProblem(done.error());
          x.sendJson(201, service::views::authority(r));
        });
  route("POST", "/api/v1/authorities/{code}/end", Access::SignedIn,
        "end an authority; its successor holds its records (administrators of both)",
        [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto done = service::endAuthorityAs(data_, actor(x), x.param("code"),
                                              stringField(*body, "successor"),
                                              stringField(*body, "endedOn"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(200, object());
        });

  // ---- archive (sealed records; docs/archive.md)
  route("GET", "/api/v1/archive/records", Access::SignedIn,
        "search the catalogue of sealed records (a unit: its own)", [this, actor](Exchange& x) {
          store::ArchiveQuery q;
          q.text = x.query("q");
          if (!x.query("year").empty()) {
            auto year = numberQuery(x, "year", 0, 1900, 9999);
            if (!year) return x.sendProblem(year.error());
            q.year = *year;
          }
          q.unit_code = x.query("unit");
          q.award_form = x.query("form");
          q.rulebook_id = x.query("rulebook");
          q.level = x.query("level");
          auto offset = numberQuery(x, "offset", 0, 0, 1 << 30);
          if (!offset) return x.sendProblem(offset.error());
          auto limit = numberQuery(x, "limit", 20, 1, 200);
          if (!limit) return x.sendProblem(limit.error());
          q.offset = *offset;
          q.limit = *limit;
          auto page = archive_.search(actor(x), q);
          if (!page) return x.sendProblem(page.error());
          x.sendJson(200, service::views::archivePage(*page, q, apiStyle(x)));
        });
  route("GET", "/api/v1/archive/records/{code}", Access::SignedIn,
        "a sealed record's metadata, retention and disposition (logged)",
        [this, actor](Exchange& x) {
          auto record = archive_.record(actor(x), x.param("code"));
          if (!record) return x.sendProblem(record.error());
          x.sendJson(200, service::views::archiveRecord(*record, apiStyle(x)));
        });
  route("GET", "/api/v1/archive/records/{code}/files/{name}", Access::SignedIn,
        "a file of the record's package (logged)", [this, actor](Exchange& x) {
          const std::string name = x.param("name");
          auto file = archive_.file(actor(x), x.param("code"), name);
          if (!file) return x.sendProblem(file.error());
          x.response.set("Content-Disposition", "attachment; filename=\"" + safeName(name) + "\"");
          x.sendBytes(200, mediaType(name), *file);
        });
  route("GET", "/api/v1/archive/records/{code}/package", Access::SignedIn,
        "the record's whole package as a zipped BagIt bag (logged)", [this, actor](Exchange& x) {
          auto zip = archive_.packageZip(actor(x), x.param("code"));
          if (!zip) return x.sendProblem(zip.error());
          x.response.set("Content-Disposition",
                         "attachment; filename=\"" + safeName(zip->name()) + "\"");
          x.sendFile(200, "application/zip", zip->path());
        });
  route("POST", "/api/v1/archive/records/{code}/verify", Access::SignedIn,
        "verify the record's package: bag, METS, signatures, history (logged)",
        [this, actor](Exchange& x) {
          auto check = archive_.verify(actor(x), x.param("code"));
          if (!check) return x.sendProblem(check.error());
          x.sendJson(200, service::views::packageCheck(*check, apiStyle(x)));
        });
  route("GET", "/api/v1/archive/records/{code}/access", Access::SignedIn,
        "who retrieved the record, when and how (archivists)", [this, actor](Exchange& x) {
          auto log = archive_.accessLog(actor(x), x.param("code"));
          if (!log) return x.sendProblem(log.error());
          Array::Ptr a = new Array;
          for (const auto& e : *log) a->add(service::views::accessEntry(e));
          x.sendJson(200, a);
        });
  route("POST", "/api/v1/archive/records/{code}/hold", Access::SignedIn,
        "place or lift a legal hold (archivists)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          const Poco::Dynamic::Var hold = (*body)->get("hold");
          if (!hold.isBoolean()) {
            return x.sendProblem({core::Errc::InvalidArgument,
                                  "hold is true (place, with a reason) or false (lift)",
                                  {"hold là true (đặt, kèm lý do) hoặc false (gỡ)"}});
          }
          const bool on = hold.extract<bool>();
          auto done = archive_.hold(actor(x), x.param("code"), on, stringField(*body, "reason"));
          if (!done) return x.sendProblem(done.error());
          Object::Ptr o = object();
          o->set("fileCode", x.param("code"));
          o->set("legalHold", on);
          x.sendJson(200, o);
        });
  route("POST", "/api/v1/archive/records/{code}/disposal", Access::SignedIn,
        "propose the record's disposition, with a reason (archivists)", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto done =
              archive_.proposeDisposal(actor(x), x.param("code"), stringField(*body, "reason"));
          if (!done) return x.sendProblem(done.error());
          Object::Ptr o = object();
          o->set("fileCode", x.param("code"));
          o->set("disposal", "proposed");
          x.sendJson(200, o);
        });
  route("POST", "/api/v1/archive/records/{code}/disposal/approve", Access::SignedIn,
        "approve the proposed disposition: the package is deleted, a tombstone stays "
        "(the chairperson)",
        [this, actor](Exchange& x) {
          auto done = archive_.approveDisposal(actor(x), x.param("code"));
          if (!done) return x.sendProblem(done.error());
          Object::Ptr o = object();
          o->set("fileCode", x.param("code"));
          o->set("disposal", "approved");
          x.sendJson(200, o);
        });
  route("POST", "/api/v1/store/audit", Access::SignedIn,
        "run the fixity audit of the live store: every blob, every dossier's files, the database "
        "(administrators and archivists)",
        [this, actor](Exchange& x) {
          const model::Role role = actor(x).role;
          if (role != model::Role::Admin && role != model::Role::Archivist) {
            return x.sendProblem({core::Errc::PermissionDenied,
                                  "only administrators and archivists audit the store",
                                  {"chỉ quản trị viên và lưu trữ viên được kiểm tra kho dữ liệu"}});
          }
          auto audit = service::auditStore(data_, actor(x).login);
          if (!audit) return x.sendProblem(audit.error());
          x.sendJson(200, service::storeAuditJson(*audit));
        });
  route("GET", "/api/v1/store/audit", Access::SignedIn,
        "the last fixity audit of the live store (administrators and archivists)",
        [this, actor](Exchange& x) {
          const model::Role role = actor(x).role;
          if (role != model::Role::Admin && role != model::Role::Archivist) {
            return x.sendProblem(
                {core::Errc::PermissionDenied,
                 "only administrators and archivists see the store's audit",
                 {"chỉ quản trị viên và lưu trữ viên được xem kết quả kiểm tra kho dữ liệu"}});
          }
          auto audit = service::lastStoreAudit(data_);
          if (!audit) return x.sendProblem(audit.error());
          if (!*audit) {
            return x.sendProblem({core::Errc::NotFound,
                                  "the store has not been audited yet",
                                  {"kho dữ liệu chưa được kiểm tra lần nào"}});
          }
          x.sendJson(200, service::storeAuditJson(**audit));
        });
  route("POST", "/api/v1/archive/audit", Access::SignedIn,
        "run a fixity audit of every package (the archive's staff)", [this, actor](Exchange& x) {
          auto audit = archive_.auditBy(actor(x));
          if (!audit) return x.sendProblem(audit.error());
          x.sendJson(200, service::views::fixityAudit(*audit));
        });
  route("GET", "/api/v1/archive/fixity", Access::SignedIn,
        "recent fixity check results, newest first (the archive's staff)",
        [this, actor](Exchange& x) {
          auto limit = numberQuery(x, "limit", 50, 1, 10000);
          if (!limit) return x.sendProblem(limit.error());
          auto checks = archive_.fixityReport(actor(x), x.query("code"), *limit);
          if (!checks) return x.sendProblem(checks.error());
          Array::Ptr a = new Array;
          for (const auto& c : *checks) a->add(service::views::fixityCheck(c));
          x.sendJson(200, a);
        });
  route(
      "GET", "/api/v1/archive/due", Access::SignedIn,
      "records whose transfer or disposition falls due (the archive's staff)",
      [this, actor](Exchange& x) {
        std::optional<core::Date> on;
        if (!x.query("on").empty()) {
          on = core::Date::parse(x.query("on"));
          if (!on) {
            return x.sendProblem(
                {core::Errc::InvalidArgument, "on is YYYY-MM-DD", {"on phải có dạng YYYY-MM-DD"}});
          }
        }
        auto days = numberQuery(x, "days", 30, 0, 36600);
        if (!days) return x.sendProblem(days.error());
        auto records = archive_.due(actor(x), on, *days);
        if (!records) return x.sendProblem(records.error());
        Array::Ptr a = new Array;
        for (const auto& r : *records) a->add(service::views::archiveRecord(r, apiStyle(x)));
        x.sendJson(200, a);
      });

  // ---- reports (issue #8)
  // The report's query from the URL: year, period, campaign, unit, form, level, on, target.
  const auto reportQuery = [](Exchange& x) -> core::Result<service::ReportQuery> {
    service::ReportQuery q;
    const std::string year = x.query("year");
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
      return core::fail(core::Errc::InvalidArgument, "give the year: ?year=2024",
                        {"hãy ghi năm: ?year=2024"});
    }
    q.year = std::stoi(year);
    q.period = x.query("period");
    q.campaign = x.query("campaign");
    q.unit_code = x.query("unit");
    q.award_form = x.query("form");
    q.level = x.query("level");
    if (!x.query("on").empty()) {
      q.on = core::Date::parse(x.query("on"));
      if (!q.on) {
        return core::fail(core::Errc::InvalidArgument, "on= takes YYYY-MM-DD",
                          {"on= cần dạng YYYY-MM-DD"});
      }
    }
    if (!x.query("target").empty()) {
      try {
        q.direct_target = std::stod(x.query("target"));
      } catch (const std::exception&) {
        q.direct_target = -1;
      }
      if (*q.direct_target < 0 || *q.direct_target > 1) {
        return core::fail(core::Errc::InvalidArgument, "target= is a share from 0 to 1",
                          {"target= là tỷ lệ từ 0 đến 1"});
      }
    }
    return q;
  };
  const auto wantsCsv = [](Exchange& x) {
    return x.query("format") == "csv" ||
           x.request.get("Accept", "").find("text/csv") != std::string::npos;
  };
  route("GET", "/api/v1/reports", Access::SignedIn,
        "a period report: dossiers, awards, shares, processing times (JSON or CSV)",
        [this, actor, reportQuery, wantsCsv](Exchange& x) {
          auto query = reportQuery(x);
          if (!query) return x.sendProblem(query.error());
          const service::Reports reports(data_, workflow_);
          auto report = reports.period(actor(x), *query);
          if (!report) return x.sendProblem(report.error());
          if (wantsCsv(x)) {
            x.response.set("Content-Disposition", "attachment; filename=\"report-" +
                                                      std::to_string(query->year) + ".csv\"");
            return x.sendBytes(200, "text/csv; charset=utf-8",
                               service::reportCsv(*report, apiStyle(x).lang));
          }
          x.sendJson(200, service::views::periodReport(*report, apiStyle(x)));
        });
  route("GET", "/api/v1/reports/statistics", Access::SignedIn,
        "the annual table of commendation counts, Biểu 0602.N (JSON or CSV)",
        [this, actor, wantsCsv](Exchange& x) {
          const std::string year = x.query("year");
          if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
            return x.sendProblem({core::Errc::InvalidArgument,
                                  "give the year: ?year=2024",
                                  {"hãy ghi năm: ?year=2024"}});
          }
          const service::Reports reports(data_, workflow_);
          auto table = reports.statistics(actor(x), std::stoi(year));
          if (!table) return x.sendProblem(table.error());
          if (wantsCsv(x)) {
            x.response.set("Content-Disposition",
                           "attachment; filename=\"statistics-" + year + ".csv\"");
            return x.sendBytes(200, "text/csv; charset=utf-8",
                               service::statisticsCsv(*table, apiStyle(x).lang));
          }
          x.sendJson(200, service::views::statistics(*table, apiStyle(x)));
        });

  // ---- emulation groups and scoring (issue #8)
  const auto emulation = [this]() { return service::Emulation(data_, sessions_.clock()); };
  route("GET", "/api/v1/emulation/groups", Access::SignedIn, "emulation clusters and blocks",
        [emulation, actor](Exchange& x) {
          auto groups = emulation().groups(actor(x));
          if (!groups) return x.sendProblem(groups.error());
          Array::Ptr a = new Array;
          for (const model::EmulationGroup& g : *groups) a->add(service::views::emulationGroup(g));
          x.sendJson(200, a);
        });
  route("POST", "/api/v1/emulation/groups", Access::SignedIn,
        "define an emulation cluster or block (the standing office)",
        [emulation, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          model::EmulationGroup g;
          g.id = stringField(*body, "id");
          g.name = stringField(*body, "name");
          g.kind = stringField(*body, "kind");
          if (auto units = (*body)->getArray("units")) {
            for (unsigned i = 0; i < units->size(); ++i)
              g.units.push_back(units->getElement<std::string>(i));
          }
          auto added = emulation().addGroup(actor(x), g);
          if (!added) return x.sendProblem(added.error());
          x.sendJson(201, service::views::emulationGroup(*added));
        });
  route("GET", "/api/v1/emulation/criteria-sets", Access::SignedIn,
        "criteria sets of the caller's groups, newest period first",
        [emulation, actor](Exchange& x) {
          auto sets = emulation().sets(actor(x));
          if (!sets) return x.sendProblem(sets.error());
          Array::Ptr a = new Array;
          for (const model::CriteriaSet& s : *sets) a->add(service::views::criteriaSet(s));
          x.sendJson(200, a);
        });
  route("POST", "/api/v1/emulation/criteria-sets", Access::SignedIn,
        "define a criteria set with weights and most points (the standing office)",
        [emulation, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          model::CriteriaSet s;
          s.id = stringField(*body, "id");
          s.group_id = stringField(*body, "group");
          s.period = stringField(*body, "period");
          s.title = stringField(*body, "title");
          try {
            if (auto criteria = (*body)->getArray("criteria")) {
              for (unsigned i = 0; i < criteria->size(); ++i) {
                auto c = criteria->getObject(i);
                if (!c) continue;
                s.criteria.push_back(
                    {c->optValue<std::string>("code", ""), c->optValue<std::string>("title", ""),
                     c->optValue<double>("maxPoints", 0), c->optValue<double>("weight", 1)});
              }
            }
          } catch (const Poco::Exception&) {
            return x.sendProblem({core::Errc::InvalidArgument,
                                  "criteria: each {code, title, maxPoints, weight}",
                                  {"tiêu chí: mỗi mục {code, title, maxPoints, weight}"}});
          }
          auto added = emulation().addSet(actor(x), s);
          if (!added) return x.sendProblem(added.error());
          x.sendJson(201, service::views::criteriaSet(*added));
        });
  route("GET", "/api/v1/emulation/criteria-sets/{id}", Access::SignedIn,
        "a criteria set's standings: averages, totals, ranks, the proposal",
        [emulation, actor](Exchange& x) {
          auto standings = emulation().standings(actor(x), x.param("id"));
          if (!standings) return x.sendProblem(standings.error());
          x.sendJson(200, service::views::standings(*standings));
        });
  route("PUT", "/api/v1/emulation/criteria-sets/{id}/scores", Access::SignedIn,
        "the caller's score of a unit on a criterion (council members, the office)",
        [emulation, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          double points = std::nan("");
          try {
            points = (*body)->getValue<double>("points");
          } catch (const Poco::Exception&) {
          }
          auto done = emulation().score(actor(x), x.param("id"), stringField(*body, "unit"),
                                        stringField(*body, "criterion"), points,
                                        stringField(*body, "note"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(200, object());
        });
  route("POST", "/api/v1/emulation/criteria-sets/{id}/close", Access::SignedIn,
        "close the scoring and record the standings and proposal (the office)",
        [emulation, actor](Exchange& x) {
          auto closed = emulation().close(actor(x), x.param("id"));
          if (!closed) return x.sendProblem(closed.error());
          x.sendJson(200, service::views::standings(*closed));
        });

  // ---- publication and comments (issue #8)
  route("GET", "/api/v1/dossiers/{id}/comments", Access::SignedIn,
        "public comments on a dossier's posted list, with their answers",
        [this, actor](Exchange& x) {
          auto comments = workflow_.comments(actor(x), x.param("id"));
          if (!comments) return x.sendProblem(comments.error());
          Array::Ptr a = new Array;
          for (const model::PublicComment& c : *comments) a->add(service::views::comment(c));
          x.sendJson(200, a);
        });
  route("PUT", "/api/v1/dossiers/{id}/comments/{comment}/resolution", Access::SignedIn,
        "the standing office's answer to a public comment", [this, actor](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          std::int64_t id = 0;
          try {
            id = std::stoll(x.param("comment"));
          } catch (const std::exception&) {
            return x.sendProblem({core::Errc::NotFound,
                                  "no comment " + x.param("comment"),
                                  {"không có góp ý " + x.param("comment")}});
          }
          auto done = workflow_.resolveComment(actor(x), x.param("id"), id,
                                               stringField(*body, "resolution"));
          if (!done) return x.sendProblem(done.error());
          x.sendJson(200, object());
        });
  route("GET", "/api/v1/public/notices", Access::Public,
        "nominee lists posted for public comment now (public)", [this](Exchange& x) {
          auto notices = workflow_.publicNotices();
          if (!notices) return x.sendProblem(notices.error());
          Array::Ptr a = new Array;
          for (const service::PublicNotice& n : *notices)
            a->add(service::views::notice(n, apiStyle(x)));
          x.sendJson(200, a);
        });
  route("GET", "/api/v1/public/notices/{id}", Access::Public,
        "one nominee list posted for public comment (public)", [this](Exchange& x) {
          auto notice = workflow_.publicNotice(x.param("id"));
          if (!notice) return x.sendProblem(notice.error());
          x.sendJson(200, service::views::notice(*notice, apiStyle(x)));
        });
  route("POST", "/api/v1/public/notices/{id}/comments", Access::Public,
        "comment on a posted nominee list (public; author, text, optional contact)",
        [this](Exchange& x) {
          auto body = x.json();
          if (!body) return x.sendProblem(body.error());
          auto taken = workflow_.comment(x.param("id"), stringField(*body, "author"),
                                         stringField(*body, "contact"), stringField(*body, "text"),
                                         x.request.clientAddress().host().toString());
          if (!taken) return x.sendProblem(taken.error());
          model::PublicComment echoed = *taken;
          echoed.contact.clear();
          x.sendJson(201, service::views::comment(echoed));
        });

  // ---- public
  route("GET", "/api/v1/public/decisions", Access::Public, "issued commendation decisions (public)",
        [this](Exchange& x) {
          auto decisions = workflow_.publishedDecisions(500);
          if (!decisions) return x.sendProblem(decisions.error());
          Array::Ptr a = new Array;
          for (const auto& [d, doc] : *decisions) {
            Object::Ptr o = object();
            o->set("dossier", d.id);
            o->set("title", d.title);
            o->set("unit", d.unit_code);
            o->set("procedure", d.procedure_id);
            o->set("notation", doc.notation);
            o->set("issuedAt", doc.issued_at);
            a->add(o);
          }
          x.sendJson(200, a);
        });
}

}  // namespace awardflow::http
