#include "engine/cli/opened.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <set>
#include <sstream>
#include <vector>

#include "engine/cli/cli.hpp"

namespace awardflow::cli {

const core::SystemClock& systemClock() {
  static const core::SystemClock kClock;
  return kClock;
}

Poco::Util::Option asOption() {
  return Poco::Util::Option("as", "", "the acting user's login (default: $AWARDFLOW_USER)")
      .argument("LOGIN");
}

std::variant<Opened, int> openFor(const ParsedArgs& parsed, const std::string& command,
                                  std::ostream& err, bool need_actor) {
  Opened o;
  auto data = service::openDataDirectory(dataDirectory(parsed));
  if (!data) return reportFailure(err, command, data.error());
  o.data = std::move(data).value();
  auto workflow =
      service::Workflow::open(*o.data, service::defaultWorkflowConfig(*o.data), systemClock());
  if (!workflow) return reportFailure(err, command, workflow.error());
  o.workflow = std::move(workflow).value();
  if (!need_actor) return o;
  std::string login = parsed.value("as");
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read-only use of the environment
  if (const char* env = std::getenv("AWARDFLOW_USER"); login.empty() && env) login = env;
  if (login.empty()) {
    return usageError(err, command, "say who acts: --as LOGIN (or set AWARDFLOW_USER)",
                      "cần cho biết ai thực hiện: --as LOGIN (hoặc đặt AWARDFLOW_USER)");
  }
  auto user = o.workflow->user(login);
  if (!user) return reportFailure(err, command, user.error());
  o.actor = std::move(user).value();
  return o;
}

Poco::Util::Option idempotencyKeyOption() {
  return Poco::Util::Option("idempotency-key", "",
                            "a key of your choosing (e.g. a UUID): running the same command with "
                            "it again prints the first answer and does nothing twice")
      .argument("KEY");
}

int runOnce(const service::DataDirectory& data, const std::string& login, const ParsedArgs& parsed,
            const std::string& command, std::ostream& out, std::ostream& err,
            const std::function<int(std::ostream&, std::ostream&)>& work,
            service::RequestReplies::Keep keep) {
  if (!parsed.has("idempotency-key")) return work(out, err);
  const std::string key = parsed.value("idempotency-key");
  // What the command is: its arguments, and what the files it reads hold (the same path may
  // hold another dossier on a retry). Only operands and the options that name input files are
  // read: every other option is a value, and the data directory (the store this key lives in,
  // which every run changes) counts by its name.
  static const std::set<std::string> kInputFiles{
      "attachments", "file", "key", "cert", "chain", "passphrase-file", "password-file"};
  std::string request;
  const auto add = [&](const std::string& label, const std::string& value,
                       bool names_input) -> core::Result<void> {
    request += label + "=" + value + "\n";
    if (!names_input) return {};
    auto content = service::RequestReplies::describeContent(value);
    if (!content) return core::Unexpected{content.error()};
    request += *content;
    return {};
  };
  for (const auto& [name, value] : parsed.options) {
    if (name == "idempotency-key") continue;
    if (auto added = add("--" + name, value, kInputFiles.count(name) > 0); !added)
      return reportFailure(err, command, added.error());
  }
  for (const std::string& operand : parsed.operands) {
    if (auto added = add("operand", operand, true); !added)
      return reportFailure(err, command, added.error());
  }
  const service::RequestReplies replies(data.database, systemClock(), data.request_secret);
  auto answer = replies.once(login, key, replies.fingerprint("CLI", command, request),
                             service::Channel::Cli, keep, [&]() -> service::Reply {
                               std::ostringstream o;
                               std::ostringstream e;
                               const int code = work(o, e);
                               return {code, e.str(), o.str()};
                             });
  if (!answer) return reportFailure(err, command, answer.error());
  out << answer->reply.body;
  err << answer->reply.headers;
  if (answer->replayed) {
    err << "awardflow " << command
        << ": the answer to the first run with this key; nothing was done again / câu trả lời "
           "của lần chạy đầu với khóa này; không thực hiện lại\n";
  }
  return answer->reply.status;
}

void printJson(std::ostream& out, const Poco::JSON::Object::Ptr& o) {
  o->stringify(out, 2);
  out << "\n";
}

void printJson(std::ostream& out, const Poco::JSON::Array::Ptr& a) {
  a->stringify(out, 2);
  out << "\n";
}

}  // namespace awardflow::cli
