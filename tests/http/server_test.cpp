// The HTTP server in-process on 127.0.0.1:0 with the real store, signatures and sessions.
#include "engine/http/server.hpp"

#include <array>
#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <doctest/doctest.h>

#include "engine/crypto/digest.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/http/exchange.hpp"
#include "engine/http/router.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/forms.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using Poco::JSON::Object;
using testing::Office;

namespace {

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  Object::Ptr json() const {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Object::Ptr>();
  }
  Poco::JSON::Array::Ptr array() const {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Array::Ptr>();
  }
};

struct Live {
  Office office;
  service::Sessions sessions{*office.data, office.clock};
  std::ostringstream log;
  std::unique_ptr<http::Server> server;
  std::map<std::string, std::string> tokens;  // login → bearer token

  explicit Live(std::int64_t max_body = 8 << 20) {
    http::ServerConfig config;
    config.port = 0;
    config.threads = 8;
    config.max_body = max_body;
    auto started = http::Server::start(config, *office.data, *office.workflow, sessions, &log);
    REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
    server = std::move(started).value();
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& type = "", std::map<std::string, std::string> headers = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server->port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) request.set(k, v);
    if (!type.empty()) request.setContentType(type);
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply r;
    r.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, r.body);
    for (const auto& [k, v] : response) r.headers[k] = v;
    return r;
  }

  std::string bearer(const std::string& login, const std::string& password = "") {
    auto it = tokens.find(login);
    if (it != tokens.end()) return it->second;
    const std::string pass = password.empty() ? "demo-" + login + "-2026" : password;
    auto signin = sessions.login(login, pass);
    REQUIRE_MESSAGE(signin, login);
    auto token = sessions.issueApiToken(signin->user, "tests");
    REQUIRE(token);
    return tokens.emplace(login, token->token).first->second;
  }

  Reply as(const std::string& login, const std::string& method, const std::string& path,
           const std::string& json = "", std::map<std::string, std::string> headers = {}) {
    headers["Authorization"] = "Bearer " + bearer(login);
    return call(method, path, json, json.empty() ? "" : "application/json", headers);
  }

  // A multipart dossier upload: the XML and the sample attachments it names.
  static std::string multipart(const std::string& xml, const std::vector<std::string>& files,
                               const std::string& boundary) {
    std::string body;
    const auto part = [&](const std::string& name, const std::string& file, const std::string& type,
                          const std::string& bytes) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"; filename=\"" + file + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes +
              "\r\n";
    };
    part("dossier", "dossier.xml", "application/xml", xml);
    for (const std::string& f : files)
      part("file", f, "application/pdf", testing::readSource("samples/attachments/" + f));
    return body + "--" + boundary + "--\r\n";
  }

  Reply submit(const std::string& login, const std::string& xml,
               const std::vector<std::string>& files, std::string key = "") {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + bearer(login)}};
    if (!key.empty()) headers["Idempotency-Key"] = key;
    return call("POST", "/api/v1/dossiers", multipart(xml, files, "awardflow-test-boundary"),
                "multipart/form-data; boundary=awardflow-test-boundary", headers);
  }
};

// The "id" of each object of a JSON array answer, in order.
std::vector<std::string> ids(const Reply& r) {
  std::vector<std::string> out;
  auto a = r.array();
  for (unsigned i = 0; i < a->size(); ++i)
    out.push_back(a->getObject(i)->getValue<std::string>("id"));
  return out;
}

const std::vector<std::string> kFiles09{"pho-chau-2024-totrinh-231.pdf",
                                        "pho-chau-2024-bienban-binhxet-27.pdf"};

}  // namespace

TEST_CASE("a dossier's whole lifecycle over HTTP, by the users of every role") {
  Live live;
  REQUIRE(service::issueDemoKeys(live.office.root, service::demoAccounts()));
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const Reply submitted = live.submit("pho-chau", xml, kFiles09, "k-09");
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
  const std::string id = submitted.json()->getValue<std::string>("id");
  CHECK(submitted.headers.at("Location") == "/api/v1/dossiers/" + id);
  CHECK(submitted.headers.at("ETag") == "\"1\"");
  // The same request again: the first answer replayed, not a second dossier.
  const Reply again = live.submit("pho-chau", xml, kFiles09, "k-09");
  CHECK(again.status == 201);
  CHECK(again.headers.at("Idempotent-Replayed") == "true");
  CHECK(again.json()->getValue<std::string>("id") == id);

  const std::string path = "/api/v1/dossiers/" + id;
  const auto act = [&](const std::string& login, const std::string& action, const std::string& json,
                       int version) {
    return live.as(login, "POST", path + "/actions/" + action, json,
                   {{"If-Match", "\"" + std::to_string(version) + "\""}});
  };
  Reply r = act("thuong-truc", "receive", "{}", 1);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.headers.at("ETag") == "\"2\"");
  CHECK(act("thuong-truc", "start-appraisal", "{}", 1).status == 409);  // stale If-Match
  REQUIRE(act("thuong-truc", "start-appraisal", "{}", 2).status == 200);
  const Reply session = live.as("thuong-truc", "POST", "/api/v1/council-sessions",
                                R"({"title":"Phiên họp","meetsOn":"2026-12-01"})");
  REQUIRE_MESSAGE(session.status == 201, session.body);
  const std::string session_id = session.json()->getValue<std::string>("id");
  // Before the dossier is on their session, a council member does not see it.
  CHECK(live.as("hoi-dong-1", "GET", path).status == 404);
  REQUIRE(act("thuong-truc", "send-to-council", R"({"session":")" + session_id + "\"}", 3).status ==
          200);
  CHECK(live.as("hoi-dong-1", "GET", path).status == 200);
  for (const char* member : {"hoi-dong-1", "hoi-dong-2"}) {
    const Reply v = live.as(member, "POST", path + "/ballot", R"({"choice":"approve"})");
    CHECK_MESSAGE(v.status == 201, v.body);
  }
  CHECK(live.as("thuong-truc", "POST", path + "/ballot",
                R"({"choice":"reject","onBehalfOf":"hoi-dong-3"})")
            .status == 201);
  r = act("thuong-truc", "close-vote", "{}", 4);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json()->getObject("tally")->getValue<int>("approve") == 2);
  REQUIRE(act("chu-tich", "approve", "{}", 5).status == 200);
  CHECK(act("chu-tich", "issue", R"({"signingPin":"wrong-pin"})", 6).status == 403);
  r = act("chu-tich", "issue", R"({"signingPin":"demo-chu-tich-2026"})", 6);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  const std::string decision_href =
      r.json()->getArray("documents")->getObject(0)->getValue<std::string>("href");
  REQUIRE(act("luu-tru", "seal", "{}", 7).status == 200);

  // The decision: signed by the chairperson and sealed by the agency, both verifiable.
  const Reply decision = live.as("luu-tru", "GET", decision_href);
  REQUIRE(decision.status == 200);
  auto verifier =
      service::SignatureVerifier::open(service::agencyPaths(live.office.root).trust_dir);
  REQUIRE(verifier);
  const service::FileSignatures signatures = verifier->verifyBytes(decision.body, "decision");
  CHECK(signatures.valid());
  CHECK(signatures.report.signatures.size() == 2);
  // The unit sees its dossier sealed, with its history; another unit does not see it at all.
  const Reply status = live.as("pho-chau", "GET", path + "?lang=en");
  CHECK(status.json()->getValue<std::string>("state") == "sealed");
  CHECK(status.json()->getValue<std::string>("stateLabel") == "Sealed for the archive");
  CHECK(live.as("son-tien", "GET", path).status == 404);
  CHECK(live.as("pho-chau", "GET", path + "/history").array()->size() >= 10);
  CHECK(live.as("pho-chau", "GET", path + "/files/pho-chau-2024-totrinh-231.pdf").body ==
        testing::readSource("samples/attachments/pho-chau-2024-totrinh-231.pdf"));
  // The public list of issued decisions, without signing in.
  const Reply published = live.call("GET", "/api/v1/public/decisions");
  REQUIRE(published.status == 200);
  CHECK(published.body.find(id) != std::string::npos);
  // Every request is in the access log, with no token in it.
  CHECK(live.log.str().find("/api/v1/dossiers/" + id + "/actions/seal") != std::string::npos);
  CHECK(live.log.str().find(live.bearer("pho-chau")) == std::string::npos);
}

TEST_CASE("the archive over HTTP: seal, search, read, download, verify, and who may see what") {
  Live live;
  REQUIRE(service::issueDemoKeys(live.office.root, service::demoAccounts()));
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const Reply submitted = live.submit("pho-chau", xml, kFiles09);
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
  const std::string id = submitted.json()->getValue<std::string>("id");
  const std::string path = "/api/v1/dossiers/" + id;
  int version = 1;
  const auto act = [&](const std::string& login, const std::string& action,
                       const std::string& json = "{}") {
    const Reply r = live.as(login, "POST", path + "/actions/" + action, json,
                            {{"If-Match", "\"" + std::to_string(version) + "\""}});
    REQUIRE_MESSAGE(r.status == 200, action << ": " << r.body);
    ++version;
  };
  act("thuong-truc", "receive");
  act("thuong-truc", "start-appraisal");
  const Reply session = live.as("thuong-truc", "POST", "/api/v1/council-sessions",
                                R"({"title":"Phiên họp","meetsOn":"2026-12-01"})");
  REQUIRE(session.status == 201);
  act("thuong-truc", "send-to-council",
      R"({"session":")" + session.json()->getValue<std::string>("id") + "\"}");
  for (const char* member : {"hoi-dong-1", "hoi-dong-2", "hoi-dong-3"})
    REQUIRE(live.as(member, "POST", path + "/ballot", R"({"choice":"approve"})").status == 201);
  act("thuong-truc", "close-vote");
  act("chu-tich", "approve");
  act("chu-tich", "issue", R"({"signingPin":"demo-chu-tich-2026"})");
  act("luu-tru", "seal");

  // Found by the nominee's name, with or without diacritics.
  const Reply found =
      live.as("luu-tru", "GET", "/api/v1/archive/records?q=nguyen%20thi%20lan%20anh");
  REQUIRE_MESSAGE(found.status == 200, found.body);
  REQUIRE(found.json()->getArray("records")->size() == 1);
  const Object::Ptr listed = found.json()->getArray("records")->getObject(0);
  const std::string code = listed->getValue<std::string>("fileCode");
  CHECK(code.find(id) != std::string::npos);
  CHECK(found.json()->getValue<bool>("ranked"));
  const Reply accented =
      live.as("luu-tru", "GET", "/api/v1/archive/records?q=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan");
  CHECK(accented.json()->getArray("records")->size() == 1);
  CHECK(live.as("luu-tru", "GET", "/api/v1/archive/records?q=Nguy%E1%BB%85n%20xyzzy")
            .json()
            ->getArray("records")
            ->size() == 0);
  CHECK(live.as("luu-tru", "GET", "/api/v1/archive/records?limit=500").status == 400);
  CHECK(live.as("luu-tru", "GET", "/api/v1/archive/records?year=twenty").status == 400);

  const std::string record = "/api/v1/archive/records/" + code;
  CHECK(listed->getValue<std::string>("href") == record);
  const Reply shown = live.as("luu-tru", "GET", record + "?lang=en");
  REQUIRE_MESSAGE(shown.status == 200, shown.body);
  CHECK(shown.json()->getValue<std::string>("dossier") == id);
  CHECK(shown.json()->getValue<std::string>("retentionLabel").rfind("kept", 0) == 0);
  CHECK(shown.json()->getValue<std::string>("packageHref") == record + "/package");

  // A scan out of the package, byte for byte.
  std::string scan;
  for (const auto& f :
       std::filesystem::directory_iterator(live.office.root / "archive" / code / "data")) {
    const std::string name = f.path().filename().string();
    if (name.find("pho-chau-2024-totrinh-231.pdf") != std::string::npos) scan = name;
  }
  REQUIRE(!scan.empty());
  const Reply file = live.as("luu-tru", "GET", record + "/files/" + scan);
  REQUIRE(file.status == 200);
  CHECK(file.headers.at("Content-Type") == "application/pdf");
  CHECK(file.body == testing::readSource("samples/attachments/pho-chau-2024-totrinh-231.pdf"));
  CHECK(live.as("luu-tru", "GET", record + "/files/..%2Fbagit.txt").status == 404);
  // The whole package as a zip that verifies on its own.
  const Reply zip = live.as("luu-tru", "GET", record + "/package");
  REQUIRE(zip.status == 200);
  CHECK(zip.headers.at("Content-Type") == "application/zip");
  CHECK(zip.headers.at("Content-Disposition").find(code + ".zip") != std::string::npos);
  CHECK(zip.body.rfind("PK", 0) == 0);
  const auto zip_file = live.office.dir.write(code + ".zip", zip.body);
  const service::Archive archive(*live.office.data, live.office.clock);
  auto alone = archive.verifyPath(zip_file);
  REQUIRE(alone);
  CHECK(alone->valid());
  CHECK(alone->signatures >= 4);
  // No temporary zip is left behind.
  std::size_t left = 0;
  for (const auto& e : std::filesystem::directory_iterator(live.office.root / "tmp")) {
    (void)e;
    ++left;
  }
  CHECK(left == 0);

  const Reply verified = live.as("luu-tru", "POST", record + "/verify", "{}");
  REQUIRE_MESSAGE(verified.status == 200, verified.body);
  CHECK(verified.json()->getValue<bool>("valid"));
  CHECK(verified.json()->getValue<int>("events") > 0);

  // The unit that nominated sees its record; another unit neither finds nor reads it.
  CHECK(live.as("pho-chau", "GET", record).status == 200);
  CHECK(live.as("pho-chau", "GET", "/api/v1/archive/records").json()->getArray("records")->size() ==
        1);
  CHECK(live.as("son-tien", "GET", "/api/v1/archive/records").json()->getArray("records")->size() ==
        0);
  CHECK(live.as("son-tien", "GET", record).status == 404);
  CHECK(live.as("son-tien", "GET", record + "/package").status == 404);
  // Council members have no business in the archive.
  CHECK(live.as("hoi-dong-1", "GET", "/api/v1/archive/records").status == 403);
  CHECK(live.as("hoi-dong-1", "GET", record).status == 404);
  CHECK(live.as("hoi-dong-1", "POST", "/api/v1/archive/audit", "{}").status == 403);
  CHECK(live.as("hoi-dong-1", "GET", "/api/v1/archive/due").status == 403);
  CHECK(live.as("hoi-dong-1", "GET", "/api/v1/archive/fixity").status == 403);
  CHECK(live.as("pho-chau", "GET", record + "/access").status == 403);
  CHECK(live.call("GET", "/api/v1/archive/records").status == 401);

  // Every retrieval is in the access log, with who and how.
  const Reply access = live.as("luu-tru", "GET", record + "/access");
  REQUIRE(access.status == 200);
  std::multiset<std::string> seen;
  for (std::size_t i = 0; i < access.array()->size(); ++i) {
    const Object::Ptr e = access.array()->getObject(static_cast<unsigned>(i));
    seen.insert(e->getValue<std::string>("login") + " " + e->getValue<std::string>("what"));
  }
  CHECK(seen.count("luu-tru view") == 1);
  CHECK(seen.count("luu-tru download " + scan) == 1);
  CHECK(seen.count("luu-tru download package") == 1);
  CHECK(seen.count("luu-tru verify") == 1);
  CHECK(seen.count("pho-chau view") == 1);
  CHECK(seen.count("son-tien view") == 0);

  // Fixity audit, its results, the due list.
  const Reply audit = live.as("luu-tru", "POST", "/api/v1/archive/audit", "{}");
  REQUIRE_MESSAGE(audit.status == 200, audit.body);
  CHECK(audit.json()->getValue<int>("intact") == 1);
  CHECK(audit.json()->getValue<int>("damaged") == 0);
  const Reply fixity = live.as("luu-tru", "GET", "/api/v1/archive/fixity?code=" + code);
  REQUIRE(fixity.status == 200);
  CHECK(fixity.array()->size() == 2);  // at sealing, and the audit
  CHECK(live.as("chu-tich", "GET", "/api/v1/archive/due?days=36000").body.find(code) !=
        std::string::npos);
  CHECK(live.as("chu-tich", "GET", "/api/v1/archive/due?on=tomorrow").status == 400);

  // A legal hold stops a disposition; an early disposition is refused anyway.
  CHECK(live.as("thuong-truc", "POST", record + "/hold", R"({"hold":true,"reason":"Khiếu nại"})")
            .status == 403);
  CHECK(live.as("luu-tru", "POST", record + "/hold", R"({"hold":"yes"})").status == 400);
  CHECK(live.as("luu-tru", "POST", record + "/hold", R"({"hold":true})").status == 400);
  const Reply held =
      live.as("luu-tru", "POST", record + "/hold", R"({"hold":true,"reason":"Khiếu nại"})");
  REQUIRE_MESSAGE(held.status == 200, held.body);
  CHECK(live.as("luu-tru", "GET", record).json()->getValue<bool>("legalHold"));
  CHECK(live.as("luu-tru", "POST", record + "/disposal", R"({"reason":"Hết hạn"})").status == 409);
  CHECK(live.as("luu-tru", "POST", record + "/hold", R"({"hold":false})").status == 200);
  CHECK(live.as("luu-tru", "POST", record + "/disposal", R"({"reason":"Hết hạn"})").status == 409);
  CHECK(live.as("luu-tru", "POST", record + "/disposal/approve", "{}").status == 403);
  CHECK(live.as("chu-tich", "POST", record + "/disposal/approve", "{}").status == 409);
  CHECK(live.as("luu-tru", "GET", record + "/package").status == 200);
}

TEST_CASE("a dossier filled in as a form: checked field by field, then signed and submitted") {
  Live live;
  REQUIRE(service::issueDemoKeys(live.office.root, service::demoAccounts()));
  auto parsed = xml::parse(
      testing::readSource("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml"));
  REQUIRE(parsed.document);
  Object::Ptr form = service::dossierToJson(dossier::readDossier(*parsed.document));
  form->getArray("nominees")->getObject(0)->set("birthYear", "năm 1988");
  const auto text = [](const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
  };
  // Checking as you go: JSON alone (the scans not yet sent) names each field with a problem.
  Reply check = live.as("pho-chau", "POST", "/api/v1/validate?lang=en", text(form));
  REQUIRE_MESSAGE(check.status == 200, check.body);
  CHECK_FALSE(check.json()->getValue<bool>("valid"));
  std::set<std::string> fields;
  auto problems = check.json()->getArray("problems");
  for (std::size_t i = 0; i < problems->size(); ++i)
    fields.insert(problems->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
  CHECK(fields ==
        std::set<std::string>{"/nominees/0/birthYear", "/documents/0/file", "/documents/1/file"});
  // The JSON form without its scans is refused with the same fields, and nothing is stored.
  const Reply refused = live.as("pho-chau", "POST", "/api/v1/dossiers", text(form));
  CHECK(refused.status == 422);
  CHECK(refused.body.find("/nominees/0/birthYear") != std::string::npos);

  form->getArray("nominees")->getObject(0)->set("birthYear", 1988);
  form->set("signingPin", "demo-pho-chau-2026");
  const std::string boundary = "form-boundary";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"form\"\r\nContent-Type: "
                     "application/json\r\n\r\n" +
                     text(form) + "\r\n";
  for (const std::string& f : kFiles09) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + f +
            "\"\r\nContent-Type: application/pdf\r\n\r\n" +
            testing::readSource("samples/attachments/" + f) + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  const Reply submitted = live.call(
      "POST", "/api/v1/dossiers", body, "multipart/form-data; boundary=" + boundary,
      {{"Authorization", "Bearer " + live.bearer("pho-chau")}, {"Idempotency-Key", "form-9"}});
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
  const std::string id = submitted.json()->getValue<std::string>("id");
  CHECK(submitted.json()->getValue<std::string>("sourceId") == "UBND-PHOCHAU.2024.231");
  // The stored XML is the clerk's signed dossier; the PIN is nowhere in the log.
  const Reply stored = live.as("thuong-truc", "GET", "/api/v1/dossiers/" + id + "/xml");
  REQUIRE(stored.status == 200);
  CHECK(stored.body.find("http://www.w3.org/2000/09/xmldsig#") != std::string::npos);
  CHECK(stored.body.find("demo-pho-chau-2026") == std::string::npos);
  CHECK(live.log.str().find("demo-pho-chau-2026") == std::string::npos);
  // A retry of the same upload answers with the same dossier.
  const Reply again = live.call(
      "POST", "/api/v1/dossiers", body, "multipart/form-data; boundary=" + boundary,
      {{"Authorization", "Bearer " + live.bearer("pho-chau")}, {"Idempotency-Key", "form-9"}});
  CHECK(again.status == 201);
  CHECK(again.headers.at("Idempotent-Replayed") == "true");
  CHECK(again.json()->getValue<std::string>("id") == id);
}

TEST_CASE("an Idempotency-Key makes any change happen once: replayed, refused when reused") {
  Live live;
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const Reply submitted = live.submit("pho-chau", xml, kFiles09);
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
  const std::string path = "/api/v1/dossiers/" + submitted.json()->getValue<std::string>("id");
  const auto events = [&] {
    auto history = live.office.workflow->history(live.office.as("thuong-truc"),
                                                 submitted.json()->getValue<std::string>("id"));
    REQUIRE(history);
    return history->size();
  };
  const std::map<std::string, std::string> keyed{{"If-Match", "\"1\""},
                                                 {"Idempotency-Key", "receive-1"}};
  const Reply first = live.as("thuong-truc", "POST", path + "/actions/receive", "{}", keyed);
  REQUIRE_MESSAGE(first.status == 200, first.body);
  const std::size_t after_first = events();
  // A retry (the answer was lost on the way): the same answer, no second receipt, even though
  // If-Match now names a stale version.
  const Reply retry = live.as("thuong-truc", "POST", path + "/actions/receive", "{}", keyed);
  CHECK(retry.status == 200);
  CHECK(retry.body == first.body);
  CHECK(retry.headers.at("ETag") == "\"2\"");
  CHECK(retry.headers.at("Idempotent-Replayed") == "true");
  CHECK(events() == after_first);
  // The same key for another request is refused; another caller's key space is separate.
  const Reply reused = live.as("thuong-truc", "POST", path + "/actions/start-appraisal", "{}",
                               {{"If-Match", "\"2\""}, {"Idempotency-Key", "receive-1"}});
  CHECK(reused.status == 422);
  CHECK(reused.json()->getValue<std::string>("message").find("idempotency key") !=
        std::string::npos);
  CHECK(events() == after_first);
  // A key that is not visible ASCII is a bad request.
  CHECK(live.as("thuong-truc", "POST", path + "/actions/start-appraisal", "{}",
                {{"If-Match", "\"2\""},
                 {"Idempotency-Key",
                  "kh\xc3\xb3"
                  "a"}})
            .status == 400);
  // A refused request is answered the same way again, and still changes nothing.
  const std::map<std::string, std::string> stale{{"If-Match", "\"1\""},
                                                 {"Idempotency-Key", "appraise-stale"}};
  const Reply refused =
      live.as("thuong-truc", "POST", path + "/actions/start-appraisal", "{}", stale);
  CHECK(refused.status == 409);
  const Reply refused_again =
      live.as("thuong-truc", "POST", path + "/actions/start-appraisal", "{}", stale);
  CHECK(refused_again.status == 409);
  CHECK(refused_again.body == refused.body);
  CHECK(refused_again.headers.count("Idempotent-Replayed") == 1);
  CHECK(events() == after_first);
  // Council sessions (a plain JSON POST) open once per key.
  const std::map<std::string, std::string> open_key{{"Idempotency-Key", "session-1"}};
  const std::string session = R"({"title":"Phiên họp","meetsOn":"2026-12-01"})";
  const Reply opened =
      live.as("thuong-truc", "POST", "/api/v1/council-sessions", session, open_key);
  REQUIRE(opened.status == 201);
  CHECK(live.as("thuong-truc", "POST", "/api/v1/council-sessions", session, open_key).body ==
        opened.body);
  const Reply sessions = live.as("thuong-truc", "GET", "/api/v1/council-sessions");
  CHECK(sessions.array()->size() == 1);
}

TEST_CASE("every route as every role: the service's rules, never a server error") {
  Live live;
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const std::string id = live.submit("pho-chau", xml, kFiles09).json()->getValue<std::string>("id");
  const std::vector<std::string> logins{"",        "thuong-truc", "chu-tich", "hoi-dong-1",
                                        "luu-tru", "quan-tri",    "son-tien", "pho-chau"};
  for (const http::Route& route : live.server->router().routes()) {
    std::string path = route.pattern;
    const auto fill = [&](const std::string& name, const std::string& value) {
      const auto at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    fill("id", id);
    fill("action", "receive");
    fill("document", "VB-0000-000000");
    fill("name", "dossier.xml");
    fill("agency", "Cong-an");
    fill("code", "AWARDFLOW.2026.HS-2026-999999");
    for (const std::string& login : logins) {
      CAPTURE(route.method);
      CAPTURE(path);
      CAPTURE(login);
      const Reply r = login.empty()
                          ? live.call(route.method, path, route.method == "GET" ? "" : "{}",
                                      route.method == "GET" ? "" : "application/json")
                          : live.as(login, route.method, path, route.method == "GET" ? "" : "{}");
      CHECK(r.status < 500);
      if (login.empty() && route.access == http::Access::SignedIn) CHECK(r.status == 401);
      if (route.method == "DELETE" && route.pattern == "/api/v1/session") live.tokens.erase(login);
    }
  }
  // The rules that matter most, stated.
  const std::string path = "/api/v1/dossiers/" + id;
  const std::map<std::string, int> see{{"thuong-truc", 200}, {"chu-tich", 200}, {"hoi-dong-1", 404},
                                       {"luu-tru", 200},     {"quan-tri", 200}, {"son-tien", 404},
                                       {"pho-chau", 200}};
  for (const auto& [login, status] : see)
    CHECK_MESSAGE(live.as(login, "GET", path).status == status, login);
  for (const char* login :
       {"thuong-truc", "chu-tich", "hoi-dong-1", "luu-tru", "son-tien", "pho-chau"}) {
    CHECK_MESSAGE(live.as(login, "GET", "/api/v1/users").status == 403, login);
    CHECK_MESSAGE(
        live.as(login, "POST", "/api/v1/units", R"({"code":"X","name":"X","level":"commune"})")
                .status == 403,
        login);
  }
  CHECK(live.as("quan-tri", "GET", "/api/v1/users").status == 200);
  CHECK(live.as("pho-chau", "GET", "/api/v1/council-sessions").status == 403);
  CHECK(live.as("pho-chau", "GET", "/api/v1/overdue").status == 403);
  CHECK(live.as("hoi-dong-1", "GET", "/api/v1/overdue").status == 403);
  CHECK(live.as("chu-tich", "GET", "/api/v1/overdue").status == 200);
  CHECK(live.as("pho-chau", "POST", path + "/actions/start-appraisal", "{}").status == 403);
  CHECK(live.as("son-tien", "POST", path + "/actions/withdraw", R"({"comment":"x"})").status ==
        404);
  const auto units = live.as("son-tien", "GET", "/api/v1/dossiers").array();
  CHECK(units->size() == 0);
}

TEST_CASE("malformed and refused requests get a located problem, and change nothing") {
  Live live(64 * 1024);
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const std::int64_t events = live.office.events();
  CHECK(live.call("GET", "/api/v1/nothing-here").status == 404);
  const Reply wrong_method = live.call("PUT", "/api/v1/session", "{}", "application/json");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers.at("Allow") == "POST, DELETE");
  CHECK(live.call("GET", "/api/v1/dossiers").status == 401);
  const std::map<std::string, std::string> auth{
      {"Authorization", "Bearer " + live.bearer("thuong-truc")}};
  const Reply bad_json =
      live.call("POST", "/api/v1/council-sessions", "{\"title\":", "application/json", auth);
  CHECK(bad_json.status == 400);
  CHECK(bad_json.json()->getValue<std::string>("code") == "malformed");
  CHECK(live.call("POST", "/api/v1/council-sessions", "title=x",
                  "application/x-www-form-urlencoded", auth)
            .status == 415);
  CHECK(live.as("thuong-truc", "POST", "/api/v1/dossiers/HS-2026-000001/actions/receive", "{}",
                {{"If-Match", "soon"}})
            .status == 400);
  // Over the body limit (64 KiB here): refused before the store is touched.
  const Reply big = live.submit("pho-chau", xml + std::string(70 * 1024, ' '), kFiles09);
  CHECK(big.status == 413);
  // A truncated multipart body.
  std::string cut = Live::multipart(xml, kFiles09, "b0undary");
  cut.resize(cut.size() / 2);
  const Reply truncated =
      live.call("POST", "/api/v1/dossiers", cut, "multipart/form-data; boundary=b0undary",
                {{"Authorization", "Bearer " + live.bearer("pho-chau")}});
  CHECK(truncated.status == 400);
  // A dossier that breaks its schema: 422 with every problem located.
  const Reply invalid = live.submit(
      "pho-chau", testing::replaceOnce(xml, "<annualRating>", "<annualRatin>"), kFiles09);
  CHECK(invalid.status == 422);
  CHECK(invalid.json()->getArray("details")->getElement<std::string>(0).find("line ") == 0);
  // A file that is not a PDF at all.
  CHECK(live.submit("pho-chau", xml, {"pho-chau-2024-totrinh-231.pdf", "not-a-pdf.pdf"}).status ==
        415);
  // Validation alone: the report, nothing stored.
  const Reply checked = live.call("POST", "/api/v1/validate", Live::multipart(xml, kFiles09, "vb"),
                                  "multipart/form-data; boundary=vb",
                                  {{"Authorization", "Bearer " + live.bearer("pho-chau")}});
  REQUIRE_MESSAGE(checked.status == 200, checked.body);
  CHECK(checked.json()->getValue<bool>("valid"));
  CHECK(checked.body.find("signature.valid") != std::string::npos);
  // Attachments missing from the upload.
  CHECK(live.submit("pho-chau", xml, {}).status == 422);
  // A cookie session must echo its CSRF token on changes.
  auto signin = live.call("POST", "/api/v1/session",
                          R"({"login":"thuong-truc","password":"demo-thuong-truc-2026"})",
                          "application/json");
  REQUIRE(signin.status == 200);
  const std::string cookie = signin.headers.at("Set-Cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  const std::string jar = cookie.substr(0, cookie.find(';'));
  CHECK(live.call("POST", "/api/v1/council-sessions", R"({"title":"T","meetsOn":"2026-12-01"})",
                  "application/json", {{"Cookie", jar}})
            .status == 403);
  CHECK(live.call("GET", "/api/v1/me", "", "", {{"Cookie", jar}}).status == 200);
  CHECK(live.office.events() == events);
  // Signing out ends the session.
  const std::string csrf = signin.json()->getValue<std::string>("csrfToken");
  CHECK(live.call("DELETE", "/api/v1/session", "", "", {{"Cookie", jar}, {"X-CSRF-Token", csrf}})
            .status == 200);
  CHECK(live.call("GET", "/api/v1/me", "", "", {{"Cookie", jar}}).status == 401);
  // Wrong passwords: refused alike, then throttled.
  for (int i = 0; i < 5; ++i) {
    CHECK(live.call("POST", "/api/v1/session", R"({"login":"chu-tich","password":"nope"})",
                    "application/json")
              .status == 403);
  }
  CHECK(live.call("POST", "/api/v1/session",
                  R"({"login":"chu-tich","password":"demo-chu-tich-2026"})", "application/json")
            .status == 429);
}

TEST_CASE("operations: health, metrics, and the OpenAPI document matches the routes") {
  Live live;
  CHECK(live.call("GET", "/healthz").json()->getValue<std::string>("status") == "ok");
  (void)live.as("thuong-truc", "GET", "/api/v1/dossiers");
  const Reply metrics = live.call("GET", "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.body.find("awardflow_http_requests_total{method=\"GET\",route=\"/api/v1/dossiers\","
                          "status=\"200\"} 1") != std::string::npos);
  CHECK(metrics.body.find("awardflow_dossiers_overdue 0") != std::string::npos);
  const Reply openapi = live.call("GET", "/api/openapi.json");
  REQUIRE(openapi.status == 200);
  Object::Ptr paths = openapi.json()->getObject("paths");
  std::set<std::string> documented;
  for (const auto& [path, item] : *paths) {
    for (const auto& [method, operation] : *item.extract<Object::Ptr>()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> routed;
  for (const http::Route& r : live.server->router().routes()) {
    if (r.access != http::Access::Page) routed.insert(r.method + " " + r.pattern);  // pages: HTML
  }
  for (const std::string& r : routed)
    CHECK_MESSAGE(documented.count(r) == 1, "undocumented: " << r);
  for (const std::string& d : documented)
    CHECK_MESSAGE(routed.count(d) == 1, "documented, absent: " << d);
}

TEST_CASE("a server stops only after the request in flight is done: answered and logged") {
  // A sign-in whose body is still arriving when the server is told to stop: stopping waits for
  // it (the handler uses the server's state and the log), then the client gets its answer.
  Office office;
  service::Sessions sessions{*office.data, office.clock};
  std::ostringstream log;
  http::ServerConfig config;
  config.port = 0;
  config.threads = 4;
  auto started = http::Server::start(config, *office.data, *office.workflow, sessions, &log);
  REQUIRE(started);
  std::unique_ptr<http::Server> server = std::move(started).value();
  Poco::Net::StreamSocket socket(
      Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server->port())));
  const std::string body = R"({"login":"thuong-truc","password":"demo-thuong-truc-2026"})";
  const std::string head =
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  const std::string first = head + body.substr(0, 10);
  socket.sendBytes(first.data(), static_cast<int>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the handler reads the body
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server.reset();
    stopped = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK_FALSE(stopped.load());  // still waiting for the request in flight
  const std::string rest = body.substr(10);
  socket.sendBytes(rest.data(), static_cast<int>(rest.size()));
  std::string answer;
  std::array<char, 4096> buffer{};
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  for (int n = 0; (n = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()))) > 0;)
    answer.append(buffer.data(), static_cast<std::size_t>(n));  // until the server closes it
  stopper.join();
  CHECK(stopped.load());
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(answer.find("csrfToken") != std::string::npos);
  CHECK(log.str().find("\"path\":\"/api/v1/session\"") != std::string::npos);
}

TEST_CASE("with a certificate and key the server speaks HTTPS only, and marks cookies Secure") {
  Office office;
  service::Sessions sessions(*office.data, office.clock);
  const auto key = office.dir.path() / "tls-key.pem";
  const auto cert = office.dir.path() / "tls-cert.pem";
  const auto made = testing::runCommand(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "
      "/CN=localhost -keyout " +
      key.string() + " -out " + cert.string() + " 2>&1");
  REQUIRE_MESSAGE(made.status == 0, made.output);
  http::ServerConfig config;
  config.port = 0;
  config.tls_certificate = cert.string();
  config.tls_key = key.string();
  auto server = http::Server::start(config, *office.data, *office.workflow, sessions, nullptr);
  REQUIRE_MESSAGE(server, (server ? "" : server.error().message));
  const std::string port = std::to_string((*server)->port());
  const auto https = testing::runCommand(
      "curl -sk -D - -o /dev/null -H 'Content-Type: application/json' -d "
      "'{\"login\":\"chu-tich\",\"password\":\"demo-chu-tich-2026\"}' https://127.0.0.1:" +
      port + "/api/v1/session");
  CHECK(https.output.find("200") != std::string::npos);
  CHECK(https.output.find("; secure") != std::string::npos);
  // Plain HTTP on the same port gets no answer.
  const auto plain = testing::runCommand(
      "curl -s -m 3 -o /dev/null -w '%{http_code}' http://127.0.0.1:" + port + "/healthz");
  CHECK(plain.output.find("200") == std::string::npos);
  // Old protocols are refused.
  const auto tls10 = testing::runCommand(
      "curl -sk -m 3 --tlsv1.0 --tls-max 1.0 -o /dev/null -w "
      "'%{http_code}' https://127.0.0.1:" +
      port + "/healthz");
  CHECK(tls10.output.find("200") == std::string::npos);
}

TEST_CASE("the router prefers a literal segment to a parameter, whatever the order") {
  http::Router router;
  int called = 0;
  router.add(
      {"GET", "/dossiers/{id}", http::Access::Page, [&](http::Exchange&) { called = 1; }, ""});
  router.add(
      {"GET", "/dossiers/new", http::Access::Page, [&](http::Exchange&) { called = 2; }, ""});
  const auto literal = router.match("GET", "/dossiers/new");
  REQUIRE(literal.route != nullptr);
  CHECK(literal.route->pattern == "/dossiers/new");
  CHECK(literal.params.empty());
  const auto param = router.match("GET", "/dossiers/HS-2026-000001");
  REQUIRE(param.route != nullptr);
  CHECK(param.route->pattern == "/dossiers/{id}");
  CHECK(param.params.at("id") == "HS-2026-000001");
  const auto wrong = router.match("POST", "/dossiers/new");
  CHECK(wrong.route == nullptr);
  CHECK(wrong.path_known);
  CHECK(called == 0);
}

TEST_CASE("reports, publication and emulation scoring over HTTP") {
  Live live;
  testing::Office& o = live.office;
  // A cultural village posted for comment.
  const model::DossierInstance d =
      o.submitSample("samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml");
  REQUIRE(o.act("thuong-truc", d.id, "receive"));
  REQUIRE(o.act("thuong-truc", d.id, "start-appraisal"));
  service::ActRequest send;
  send.dossier_id = d.id;
  send.action = "send-to-council";
  send.session_id = testing::openSession(o);
  REQUIRE(o.workflow->act(o.as("thuong-truc"), send));
  for (const std::string& member : testing::kCouncil) {
    service::VoteRequest v;
    v.dossier_id = d.id;
    v.choice = model::BallotChoice::Approve;
    REQUIRE(o.workflow->vote(o.as(member), v));
  }
  REQUIRE(o.act("thuong-truc", d.id, "close-vote-and-post"));

  SUBCASE("a posted list takes an anonymous comment, which the office answers") {
    const Reply notices = live.call("GET", "/api/v1/public/notices");
    REQUIRE(notices.status == 200);
    REQUIRE(notices.array()->size() == 1);
    CHECK(notices.array()->getObject(0)->getValue<std::string>("dossier") == d.id);
    const std::string comments = "/api/v1/public/notices/" + d.id + "/comments";
    const Reply empty =
        live.call("POST", comments, R"({"author":"","text":"x"})", "application/json");
    CHECK(empty.status == 400);
    const Reply taken =
        live.call("POST", comments,
                  R"({"author":"Nguyễn Văn Dân","contact":"0912 345 678","text":"Đồng ý."})",
                  "application/json");
    REQUIRE(taken.status == 201);
    CHECK_FALSE(taken.json()->has("contact"));  // never echoed to the public
    const std::int64_t id = taken.json()->getValue<std::int64_t>("id");
    const Reply unposted = live.call("POST", "/api/v1/public/notices/HS-NO-SUCH/comments",
                                     R"({"author":"A","text":"B"})", "application/json");
    CHECK(unposted.status == 404);
    const Reply seen = live.as("thuong-truc", "GET", "/api/v1/dossiers/" + d.id + "/comments");
    REQUIRE(seen.status == 200);
    CHECK(seen.array()->getObject(0)->getValue<std::string>("contact") == "0912 345 678");
    const Reply member = live.as("hoi-dong-1", "GET", "/api/v1/dossiers/" + d.id + "/comments");
    REQUIRE(member.status == 200);
    CHECK_FALSE(member.array()->getObject(0)->has("contact"));
    const std::string answer =
        "/api/v1/dossiers/" + d.id + "/comments/" + std::to_string(id) + "/resolution";
    CHECK(live.as("hoi-dong-1", "PUT", answer, R"({"resolution":"OK"})").status == 403);
    CHECK(live.as("thuong-truc", "PUT", answer, R"({"resolution":"Đã xác minh."})").status == 200);
    CHECK(live.as("thuong-truc", "PUT", answer, R"({"resolution":"Lại"})").status == 409);
  }

  SUBCASE("reports as JSON and CSV, for those who may read them") {
    const Reply report = live.as("thuong-truc", "GET", "/api/v1/reports?year=2024");
    REQUIRE(report.status == 200);
    CHECK(report.json()->getObject("counts")->getValue<int>("received") == 1);
    CHECK(report.json()->getObject("awards")->getValue<double>("directLabourerTarget") ==
          doctest::Approx(0.35));
    const Reply csv = live.as("chu-tich", "GET", "/api/v1/reports?year=2024&format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.headers.at("Content-Type").find("text/csv") == 0);
    CHECK(csv.body.find("UBND-PHOCHAU") != std::string::npos);
    CHECK(live.as("luu-tru", "GET", "/api/v1/reports?year=2024").status == 403);
    CHECK(live.as("thuong-truc", "GET", "/api/v1/reports?year=24").status == 400);
    CHECK(live.as("thuong-truc", "GET", "/api/v1/reports?year=2024&period=9").status == 400);
    const Reply table = live.as("thuong-truc", "GET", "/api/v1/reports/statistics?year=2024");
    REQUIRE(table.status == 200);
    CHECK(table.json()->getValue<std::string>("form") == "0602.N/BNV-TĐKT");
  }

  SUBCASE("a cluster is defined, scored and closed") {
    CHECK(live.as("thuong-truc", "POST", "/api/v1/emulation/groups",
                  R"({"id":"CUM-1","name":"Cụm 1","kind":"cluster",)"
                  R"("units":["UBND-PHOCHAU","UBND-SONTIEN"]})")
              .status == 201);
    CHECK(live.as("hoi-dong-1", "POST", "/api/v1/emulation/groups",
                  R"({"id":"CUM-2","name":"Cụm 2","kind":"cluster",)"
                  R"("units":["UBND-PHOCHAU","UBND-SONTIEN"]})")
              .status == 403);
    CHECK(live.as("thuong-truc", "POST", "/api/v1/emulation/criteria-sets",
                  R"({"id":"C-2024","group":"CUM-1","period":"2024","title":"Năm 2024",)"
                  R"("criteria":[{"code":"1","title":"Kinh tế","maxPoints":40,"weight":1}]})")
              .status == 201);
    const std::string scores = "/api/v1/emulation/criteria-sets/C-2024/scores";
    CHECK(live.as("hoi-dong-1", "PUT", scores,
                  R"({"unit":"UBND-PHOCHAU","criterion":"1","points":38})")
              .status == 200);
    CHECK(live.as("hoi-dong-1", "PUT", scores,
                  R"({"unit":"UBND-SONTIEN","criterion":"1","points":50})")
              .status == 400);
    CHECK(
        live.as("hoi-dong-1", "PUT", scores, R"({"unit":"UBND-SONTIEN","criterion":"1"})").status ==
        400);
    const Reply standings = live.as("pho-chau", "GET", "/api/v1/emulation/criteria-sets/C-2024");
    REQUIRE(standings.status == 200);
    CHECK(standings.json()->getArray("proposed")->getElement<std::string>(0) == "UBND-PHOCHAU");
    CHECK(live.as("thuong-truc", "POST", "/api/v1/emulation/criteria-sets/C-2024/close").status ==
          200);
    CHECK(live.as("hoi-dong-1", "PUT", scores,
                  R"({"unit":"UBND-SONTIEN","criterion":"1","points":10})")
              .status == 409);
  }
}

TEST_CASE("a deactivated user is signed out at once and cannot sign in until reactivated") {
  Live live;
  CHECK(live.as("son-tien", "GET", "/api/v1/dossiers").status == 200);
  CHECK(live.as("thuong-truc", "PUT", "/api/v1/users/son-tien/active", R"({"active":false})")
            .status == 403);
  CHECK(live.as("quan-tri", "PUT", "/api/v1/users/quan-tri/active", R"({"active":false})").status ==
        400);
  CHECK(live.as("quan-tri", "PUT", "/api/v1/users/no-such/active", R"({"active":false})").status ==
        404);
  REQUIRE(
      live.as("quan-tri", "PUT", "/api/v1/users/son-tien/active", R"({"active":false})").status ==
      200);
  CHECK(live.as("son-tien", "GET", "/api/v1/dossiers").status == 401);  // its token is gone
  CHECK_FALSE(live.sessions.login("son-tien", "demo-son-tien-2026"));
  REQUIRE(
      live.as("quan-tri", "PUT", "/api/v1/users/son-tien/active", R"({"active":true})").status ==
      200);
  CHECK(live.sessions.login("son-tien", "demo-son-tien-2026"));
}

TEST_CASE("damaged and missing scans: found, reported, repaired by the good bytes, never a path") {
  Live live;
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const Reply submitted = live.submit("pho-chau", xml, kFiles09);
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
  const std::string id = submitted.json()->getValue<std::string>("id");
  const std::string scan = testing::readSource("samples/attachments/" + kFiles09[0]);
  const std::string sha = crypto::sha256Hex(scan);
  const auto blob = live.office.data->blobs.pathOf(sha);
  const std::string file = "/api/v1/dossiers/" + id + "/files/" + kFiles09[0];
  const auto audit = [&] {
    const Reply r = live.as("quan-tri", "POST", "/api/v1/store/audit", "{}");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
  };
  CHECK(audit()->getValue<bool>("healthy"));
  CHECK(live.call("GET", "/healthz").json()->getValue<std::string>("status") == "ok");
  // A unit's user may not run the audit.
  CHECK(live.as("pho-chau", "POST", "/api/v1/store/audit", "{}").status == 403);

  SUBCASE("a flipped byte: 422, the audit and /healthz say so, the same scan again repairs it") {
    std::filesystem::permissions(blob, std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
    std::string flipped = scan;
    flipped[flipped.size() / 2] ^= 0x01;
    REQUIRE(core::writeFileAtomic(blob, flipped));
    const Reply read = live.as("thuong-truc", "GET", file);
    CHECK(read.status == 422);
    CHECK(read.body.find(live.office.root.string()) == std::string::npos);
    const auto found = audit();
    CHECK_FALSE(found->getValue<bool>("healthy"));
    CHECK(found->getValue<std::int64_t>("damagedBlobCount") == 1);
    CHECK(found->getArray("problems")->getObject(0)->getValue<std::string>("problem") == "damaged");
    CHECK(live.call("GET", "/healthz").json()->getValue<std::string>("status") == "degraded");
    CHECK(live.call("GET", "/metrics").body.find("awardflow_store_blobs_damaged 1") !=
          std::string::npos);
    // The unit sends the good scan again (a new dossier): the blob is repaired, not trusted.
    const Reply again =
        live.submit("pho-chau",
                    live.office.signedSample(
                        "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau"),
                    kFiles09);
    REQUIRE_MESSAGE(again.status == 201, again.body);
    CHECK(live.as("thuong-truc", "GET", file).body == scan);
    CHECK(audit()->getValue<bool>("healthy"));
    CHECK(live.call("GET", "/healthz").json()->getValue<std::string>("status") == "ok");
    auto events = live.office.data->audit().about(sha);
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events->front().kind == "blob.repaired");
  }

  SUBCASE("a deleted scan: the status shows it, the 404 names no server path") {
    std::filesystem::remove(blob);
    const Reply read = live.as("thuong-truc", "GET", file);
    CHECK(read.status == 404);
    CHECK(read.body.find(live.office.root.string()) == std::string::npos);
    CHECK(read.body.find("/blobs/") == std::string::npos);
    const Reply status = live.as("thuong-truc", "GET", "/api/v1/dossiers/" + id);
    REQUIRE(status.status == 200);
    const auto files = status.json()->getArray("files");
    bool missing_shown = false;
    for (unsigned i = 0; i < files->size(); ++i) {
      const auto f = files->getObject(i);
      if (f->getValue<std::string>("name") == kFiles09[0])
        missing_shown = !f->getValue<bool>("available");
      else
        CHECK(f->getValue<bool>("available"));
    }
    CHECK(missing_shown);
    const auto found = audit();
    CHECK(found->getValue<std::int64_t>("problemCount") == 1);
    CHECK(found->getArray("problems")->getObject(0)->getValue<std::string>("dossierId") == id);
    CHECK(live.call("GET", "/healthz").json()->getValue<std::string>("status") == "degraded");
  }
}

TEST_CASE("answers to clients never carry a server path") {
  CHECK(http::withoutServerPaths("no such file: /srv/awardflow/blobs/68/ba/68ba") ==
        "no such file: …/68ba");
  CHECK(http::withoutServerPaths("cannot read '/tmp/x/upload-1/a.pdf'") == "cannot read '…/a.pdf'");
  CHECK(http::withoutServerPaths("rulebook /work/main/workflows/khen.xml changed") ==
        "rulebook …/khen.xml changed");
  // What a client knows stays: URL paths of the API, URLs, plain words with slashes.
  CHECK(http::withoutServerPaths("see /api/v1/dossiers/A/files/b.pdf") ==
        "see /api/v1/dossiers/A/files/b.pdf");
  CHECK(http::withoutServerPaths("see https://example.org/a/b/c") ==
        "see https://example.org/a/b/c");
  CHECK(http::withoutServerPaths("approve/reject/abstain") == "approve/reject/abstain");
}

TEST_CASE("authority scope on every route: another authority's office learns nothing") {
  Live live;
  const std::string xml = live.office.signedSample(
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml", "pho-chau");
  const std::string id = live.submit("pho-chau", xml, kFiles09).json()->getValue<std::string>("id");
  const auto staff = [&](const std::string& login, model::Role role, const std::string& authority) {
    REQUIRE(
        service::addUser(*live.office.data,
                         model::User(login, "Cán bộ " + login, role, std::nullopt, true, authority),
                         "demo-" + login + "-2026", "test"));
  };
  staff("vp-huyen", model::Role::StandingOffice, "UBND-HUONGSON");
  staff("vp-ttyt", model::Role::StandingOffice, "TTYT-HUONGSON");
  staff("ct-ttyt", model::Role::Chairperson, "TTYT-HUONGSON");
  staff("lt-ttyt", model::Role::Archivist, "TTYT-HUONGSON");
  // Every route that names the dossier, as the staff of another authority: never an answer about
  // it, and nothing changes.
  const std::int64_t before = live.office.events();
  for (const http::Route& route : live.server->router().routes()) {
    if (route.pattern.find("/api/v1/dossiers/{id}") != 0) continue;
    std::string path = route.pattern;
    const auto fill = [&](const std::string& name, const std::string& value) {
      const auto at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    fill("id", id);
    fill("action", "receive");
    fill("document", "VB-0000-000000");
    fill("name", "dossier.xml");
    fill("agency", "Cong-an");
    for (const std::string login : {"vp-ttyt", "ct-ttyt", "lt-ttyt"}) {
      CAPTURE(route.method);
      CAPTURE(path);
      CAPTURE(login);
      const std::string body = route.method == "GET" ? "" : "{}";
      const Reply r = live.as(login, route.method, path, body);
      // The same answer as for a dossier that does not exist: the reply tells nothing.
      std::string unknown_path = path;
      unknown_path.replace(unknown_path.find(id), id.size(), "HS-2026-999999");
      const Reply unknown = live.as(login, route.method, unknown_path, body);
      CHECK(r.status >= 400);
      CHECK(r.status < 500);
      CHECK(r.status == unknown.status);
      CHECK(r.body.find("Phố Châu") == std::string::npos);
    }
  }
  CHECK(live.office.events() == before);

  // Emulation scoring: another authority's office neither reads nor scores nor closes a set,
  // and is answered as for a set that does not exist.
  REQUIRE(live.as("thuong-truc", "POST", "/api/v1/emulation/groups",
                  R"({"id":"CUM-1","name":"Cụm thi đua số 1","kind":"cluster",)"
                  R"("units":["UBND-PHOCHAU","UBND-SONTIEN"]})")
              .status == 201);
  REQUIRE(live.as("thuong-truc", "POST", "/api/v1/emulation/criteria-sets",
                  R"({"id":"CUM-1-2026","group":"CUM-1","period":"2026","title":"Chấm điểm",)"
                  R"("criteria":[{"code":"1","title":"Phong trào","maxPoints":50,"weight":1}]})")
              .status == 201);
  const std::int64_t scored = live.office.events();
  int emulation_routes = 0;
  for (const http::Route& route : live.server->router().routes()) {
    if (route.pattern.find("/api/v1/emulation/criteria-sets/{id}") != 0) continue;
    ++emulation_routes;
    const std::string body =
        route.method == "GET" ? "" : R"({"unit":"UBND-PHOCHAU","criterion":"1","points":40})";
    for (const std::string set : {"CUM-1-2026", "NO-SUCH-SET"}) {
      std::string path = route.pattern;
      path.replace(path.find("{id}"), 4, set);
      CAPTURE(route.method);
      CAPTURE(path);
      const Reply r = live.as("vp-ttyt", route.method, path, body);
      CHECK(r.status == 404);
      CHECK(r.body.find("Phố Châu") == std::string::npos);
    }
  }
  CHECK(emulation_routes >= 3);  // standings, scores, close
  CHECK(live.office.events() == scored);
  CHECK(live.as("vp-ttyt", "GET", "/api/v1/emulation/groups").array()->size() == 0);
  CHECK(live.as("vp-ttyt", "GET", "/api/v1/emulation/criteria-sets").array()->size() == 0);
  CHECK(live.as("thuong-truc", "GET", "/api/v1/emulation/groups").array()->size() == 1);
  CHECK(live.as("vp-ttyt", "POST", "/api/v1/emulation/criteria-sets",
                R"({"id":"X-2026","group":"CUM-1","period":"2026","title":"x",)"
                R"("criteria":[{"code":"1","title":"x","maxPoints":10,"weight":1}]})")
            .status == 404);
  // Its own units only: the district's units are not the health centre's to group.
  CHECK(live.as("vp-ttyt", "POST", "/api/v1/emulation/groups",
                R"({"id":"CUM-2","name":"x","kind":"cluster",)"
                R"("units":["UBND-PHOCHAU","UBND-SONTIEN"]})")
            .status == 422);

  CHECK(live.as("vp-ttyt", "GET", "/api/v1/dossiers").array()->size() == 0);
  CHECK(live.as("vp-huyen", "GET", "/api/v1/dossiers").array()->size() == 1);
  CHECK(live.as("vp-huyen", "GET", "/api/v1/dossiers/" + id).status == 200);
  CHECK(live.as("vp-huyen", "GET", "/api/v1/dossiers/" + id)
            .json()
            ->getValue<std::string>("authority") == "UBND-HUONGSON");
  CHECK(live.as("vp-huyen", "POST", "/api/v1/dossiers/" + id + "/actions/receive", "{}").status ==
        200);

  // Authorities through the API: the installation's administrator adds a province and a commune;
  // the commune's administrator sees and manages only its own.
  CHECK(live.as("quan-tri", "POST", "/api/v1/authorities",
                R"({"code":"UBND-TINH-THU","name":"UBND tỉnh Thử","level":"province"})")
            .status == 201);
  CHECK(live.as("quan-tri", "POST", "/api/v1/authorities",
                R"({"code":"UBND-SONKIM1","name":"UBND xã Sơn Kim 1","level":"commune",)"
                R"("parent":"UBND-TINH-THU"})")
            .status == 201);
  staff("qt-sonkim", model::Role::Admin, "UBND-SONKIM1");
  const auto own = live.as("qt-sonkim", "GET", "/api/v1/authorities").array();
  REQUIRE(own->size() == 1);
  CHECK(own->getObject(0)->getValue<std::string>("code") == "UBND-SONKIM1");
  CHECK(live.as("qt-sonkim", "POST", "/api/v1/authorities",
                R"({"code":"UBND-SONTAY2","name":"UBND xã Sơn Tây","level":"commune",)"
                R"("parent":"UBND-TINH-THU"})")
            .status == 403);
  CHECK(
      live.as("qt-sonkim", "POST", "/api/v1/units",
              R"({"code":"THON-1","name":"Thôn 1","level":"village","authority":"TTYT-HUONGSON"})")
          .status == 403);
  CHECK(live.as("qt-sonkim", "POST", "/api/v1/units",
                R"({"code":"THON-1","name":"Thôn 1","level":"village"})")
            .status == 201);
  // Units are named to those of their authority, and to the authorities above it.
  const auto unitCodes = [&](const std::string& login) {
    std::set<std::string> codes;
    const auto a = live.as(login, "GET", "/api/v1/units").array();
    for (unsigned i = 0; i < a->size(); ++i)
      codes.insert(a->getObject(i)->getValue<std::string>("code"));
    return codes;
  };
  CHECK(unitCodes("qt-sonkim") == std::set<std::string>{"THON-1"});
  staff("vp-sonkim", model::Role::StandingOffice, "UBND-SONKIM1");
  CHECK(unitCodes("vp-sonkim") == std::set<std::string>{"THON-1"});
  CHECK(unitCodes("vp-ttyt").count("THON-1") == 0);
  staff("vp-tinh-thu", model::Role::StandingOffice, "UBND-TINH-THU");
  CHECK(unitCodes("vp-tinh-thu").count("THON-1") == 1);  // the province sees its communes' units
  CHECK(unitCodes("thuong-truc").count("THON-1") == 1);  // a user of the whole installation
  CHECK(unitCodes("pho-chau") == std::set<std::string>{"UBND-PHOCHAU"});  // a unit: its own
  // An agency no one placed under the province is not the top of the tree: its administrator
  // manages it alone.
  staff("qt-ttyt", model::Role::Admin, "TTYT-HUONGSON");
  const auto agency = live.as("qt-ttyt", "GET", "/api/v1/authorities").array();
  REQUIRE(agency->size() == 1);
  CHECK(agency->getObject(0)->getValue<std::string>("code") == "TTYT-HUONGSON");
  CHECK(unitCodes("qt-ttyt").count("THON-1") == 0);
  CHECK(live.as("qt-sonkim", "PUT", "/api/v1/users/vp-ttyt/active", R"({"active":false})").status ==
        404);
  CHECK(live.as("qt-sonkim", "POST", "/api/v1/authorities/UBND-HUONGSON/end",
                R"({"successor":"UBND-TINH-THU","endedOn":"2025-07-01"})")
            .status == 403);
  CHECK(live.as("vp-huyen", "GET", "/api/v1/authorities").status == 403);
  CHECK(live.as("quan-tri", "POST", "/api/v1/authorities/UBND-HUONGSON/end",
                R"({"successor":"UBND-TINH-THU","endedOn":"2025-07-01"})")
            .status == 200);
  // The district's records are now the province's.
  staff("vp-tinh", model::Role::StandingOffice, "UBND-TINH-THU");
  CHECK(live.as("vp-tinh", "GET", "/api/v1/dossiers/" + id).status == 200);

  // The council page offers an office its own authority's council only.
  staff("hd-ttyt", model::Role::CouncilMember, "TTYT-HUONGSON");
  const auto councilPage = [&](const std::string& login) {
    auto signin =
        live.call("POST", "/api/v1/session",
                  R"({"login":")" + login + R"(","password":"demo-)" + login + R"(-2026"})",
                  "application/json");
    REQUIRE(signin.status == 200);
    const std::string cookie = signin.headers.at("Set-Cookie");
    const Reply page =
        live.call("GET", "/council", "", "", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    REQUIRE(page.status == 200);
    return page.body;
  };
  const std::string health = councilPage("vp-ttyt");
  CHECK(health.find("hd-ttyt") != std::string::npos);
  CHECK(health.find("hoi-dong-1") == std::string::npos);
  const std::string installation = councilPage("thuong-truc");
  CHECK(installation.find("hoi-dong-1") != std::string::npos);
  CHECK(installation.find("hd-ttyt") == std::string::npos);
}

TEST_CASE("the dossier list comes a page at a time, with filters, and the pages add up") {
  Live live;
  for (const char* sample : {"samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml",
                             "samples/dossiers/valid/02-thcs-son-tien-2023-advanced-worker.xml",
                             "samples/dossiers/valid/04-pgddt-2023-advanced-collective.xml",
                             "samples/dossiers/valid/08-son-kim-1-2024-certificate-of-merit.xml",
                             "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml"})
    live.office.submitSample(sample);
  const Reply all = live.as("thuong-truc", "GET", "/api/v1/dossiers");
  REQUIRE(all.status == 200);
  const std::vector<std::string> every = ids(all);
  REQUIRE(every.size() == 5);
  CHECK(all.headers.count("X-Next-Cursor") == 0);

  // Two at a time, following the cursor: the same rows, in order, none twice.
  std::vector<std::string> paged;
  std::string path = "/api/v1/dossiers?limit=2";
  for (int pages = 0; pages < 10; ++pages) {
    const Reply page = live.as("thuong-truc", "GET", path);
    REQUIRE(page.status == 200);
    const std::vector<std::string> got = ids(page);
    CHECK(got.size() <= 2);
    paged.insert(paged.end(), got.begin(), got.end());
    auto next = page.headers.find("X-Next-Cursor");
    if (next == page.headers.end()) break;
    CHECK(page.headers.at("Link").find("after=" + next->second) != std::string::npos);
    path = "/api/v1/dossiers?limit=2&after=" + next->second;
  }
  CHECK(paged == every);

  // Filters by procedure and by unit; a unit's clerk asking for another unit gets nothing.
  const Reply workers = live.as("thuong-truc", "GET", "/api/v1/dossiers?procedure=advanced-worker");
  CHECK(ids(workers).size() == 2);
  const Reply pho_chau = live.as("thuong-truc", "GET", "/api/v1/dossiers?unit=UBND-PHOCHAU");
  CHECK(ids(pho_chau).size() == 2);
  const Reply none = live.as("pgddt", "GET", "/api/v1/dossiers?unit=UBND-PHOCHAU");
  REQUIRE(none.status == 200);
  CHECK(ids(none).empty());
  const std::string year = std::to_string(live.office.workflow->today().year);
  CHECK(ids(live.as("thuong-truc", "GET", "/api/v1/dossiers?year=" + year)).size() == 5);
  CHECK(ids(live.as("thuong-truc", "GET", "/api/v1/dossiers?year=1999")).empty());

  // Bad values are refused, located, in both languages.
  for (const char* bad : {"?limit=0", "?limit=5000", "?limit=abc", "?year=26"}) {
    const Reply refused = live.as("thuong-truc", "GET", std::string("/api/v1/dossiers") + bad);
    CHECK_MESSAGE(refused.status == 400, bad);
  }
}

TEST_CASE(
    "the work queue holds what the caller can do now, a page at a time, and the home page "
    "counts every dossier") {
  Live live;
  const std::vector<std::string> samples{
      "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml",
      "samples/dossiers/valid/02-thcs-son-tien-2023-advanced-worker.xml",
      "samples/dossiers/valid/04-pgddt-2023-advanced-collective.xml",
      "samples/dossiers/valid/08-son-kim-1-2024-certificate-of-merit.xml",
      "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml"};
  std::vector<std::string> submitted;
  for (const std::string& sample : samples)
    submitted.push_back(live.office.submitSample(sample).id);
  // The office receives every submitted dossier: all five wait for it, with the action named.
  const Reply whole = live.as("thuong-truc", "GET", "/api/v1/queue");
  REQUIRE(whole.status == 200);
  std::vector<std::string> expected = submitted;
  std::sort(expected.begin(), expected.end());
  CHECK(ids(whole) == expected);
  std::ostringstream first;
  whole.array()->getObject(0)->getArray("actions")->stringify(first);
  CHECK(first.str().find("\"receive\"") != std::string::npos);
  // The chairperson decides none of them yet.
  CHECK(ids(live.as("chu-tich", "GET", "/api/v1/queue")).empty());

  // Two at a time, following the cursor: the same dossiers, none twice.
  std::vector<std::string> paged;
  std::string path = "/api/v1/queue?limit=2";
  for (int pages = 0; pages < 10; ++pages) {
    const Reply page = live.as("thuong-truc", "GET", path);
    REQUIRE(page.status == 200);
    const std::vector<std::string> got = ids(page);
    CHECK(got.size() <= 2);
    paged.insert(paged.end(), got.begin(), got.end());
    auto next = page.headers.find("X-Next-Cursor");
    if (next == page.headers.end()) break;
    path = "/api/v1/queue?limit=2&after=" + next->second;
  }
  CHECK(paged == expected);
  for (const char* bad : {"?limit=0", "?limit=201", "?limit=x"})
    CHECK(live.as("thuong-truc", "GET", std::string("/api/v1/queue") + bad).status == 400);

  // A dossier withdrawn leaves the queue, and the home page counts it under its new state.
  REQUIRE(live.office.act("pho-chau", submitted[0], "withdraw", "nộp nhầm"));
  CHECK(ids(live.as("thuong-truc", "GET", "/api/v1/queue")).size() == 4);
  auto signin = live.sessions.login("thuong-truc", "demo-thuong-truc-2026");
  REQUIRE(signin);
  const std::map<std::string, std::string> cookie{{"Cookie", "awardflow_session=" + signin->token}};
  const Reply home = live.call("GET", "/", "", "", cookie);
  REQUIRE(home.status == 200);
  CHECK(home.body.find("href=\"/dossiers/" + submitted[1] + "\"") != std::string::npos);
  CHECK(home.body.find("href=\"/dossiers/" + submitted[0] + "\"") == std::string::npos);
  CHECK(home.body.find("<a href=\"/dossiers?state=submitted\">") != std::string::npos);
  CHECK(home.body.find("<td class=\"num\">4</td>") != std::string::npos);
  CHECK(home.body.find("<td class=\"num\">1</td>") != std::string::npos);
  // The list page comes 50 at a time; with five there is no next page.
  const Reply list = live.call("GET", "/dossiers", "", "", cookie);
  REQUIRE(list.status == 200);
  for (const std::string& id : submitted) CHECK(list.body.find(id) != std::string::npos);
  CHECK(list.body.find("rel=\"next\"") == std::string::npos);
}
