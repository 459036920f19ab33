#include "engine/cli/opened.hpp"

#include <cstdlib>
#include <ostream>

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

void printJson(std::ostream& out, const Poco::JSON::Object::Ptr& o) {
  o->stringify(out, 2);
  out << "\n";
}

void printJson(std::ostream& out, const Poco::JSON::Array::Ptr& a) {
  a->stringify(out, 2);
  out << "\n";
}

}  // namespace awardflow::cli
