#pragma once

// What the dossier and archive commands share: the data directory opened with its workflow, and
// the acting user named by --as (or $AWARDFLOW_USER), whose role and unit the service enforces.

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <variant>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>

#include "engine/cli/commands.hpp"
#include "engine/core/clock.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/replies.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::cli {

// The wall clock the commands run on.
const core::SystemClock& systemClock();

// --as LOGIN.
Poco::Util::Option asOption();

// An open data directory, its workflow (which knows the users) and the acting user.
struct Opened {
  std::unique_ptr<service::DataDirectory> data;
  std::unique_ptr<service::Workflow> workflow;
  model::User actor;

  service::Archive archive() const { return service::Archive(*data, systemClock()); }
};

// Opens the data directory and the workflow; with `need_actor`, resolves --as. Returns the exit
// code after printing the failure when it cannot.
std::variant<Opened, int> openFor(const ParsedArgs& parsed, const std::string& command,
                                  std::ostream& err, bool need_actor = true);

// --idempotency-key KEY, taken by every command that changes something.
Poco::Util::Option idempotencyKeyOption();

// Runs a changing command exactly once for its --idempotency-key (service::RequestReplies on the
// CLI channel). `work` writes to the streams it is given and returns its exit code; that output
// and exit code are kept in the same transaction as the command's effect, and printed only once
// kept. When `login` runs the same command with the same key again, they are printed again and
// the same exit code returned, and nothing is done twice; the key with another command is
// refused (65). The command is identified by `command`, every option and operand in `parsed`
// but the key, and the content of the files and folders its operands and input-file options
// (--attachments, --file, --key, --cert, --chain, --passphrase-file, --password-file) name; other
// options, --data among them, count by their value. Without a key, runs `work` on
// `out` and `err` directly.
int runOnce(const service::DataDirectory& data, const std::string& login, const ParsedArgs& parsed,
            const std::string& command, std::ostream& out, std::ostream& err,
            const std::function<int(std::ostream&, std::ostream&)>& work,
            service::RequestReplies::Keep keep = service::RequestReplies::Keep::Day);

// JSON, indented, with a final newline.
void printJson(std::ostream& out, const Poco::JSON::Object::Ptr& o);
void printJson(std::ostream& out, const Poco::JSON::Array::Ptr& a);

}  // namespace awardflow::cli
