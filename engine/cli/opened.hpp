#pragma once

// What the dossier and archive commands share: the data directory opened with its workflow, and
// the acting user named by --as (or $AWARDFLOW_USER), whose role and unit the service enforces.

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

// JSON, indented, with a final newline.
void printJson(std::ostream& out, const Poco::JSON::Object::Ptr& o);
void printJson(std::ostream& out, const Poco::JSON::Array::Ptr& a);

}  // namespace awardflow::cli
