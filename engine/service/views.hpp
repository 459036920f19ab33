#pragma once

// JSON views of the service's values: the one shape the CLI (--format json) and the HTTP API
// return, so a program can read either without a translation table. Keys are camelCase and in a
// fixed order; absent optional dates are null.

#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "engine/model/account.hpp"
#include "engine/model/instance.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/audit_log.hpp"

namespace awardflow::service::views {

// How a view is written: `lang` picks the labels (vi or en); `links` adds "href" members pointing
// into /api/v1 (the API sets it, the CLI does not).
struct Style {
  std::string lang = "vi";
  bool links = false;
};

// An empty object that keeps its keys in insertion order.
Poco::JSON::Object::Ptr object();

Poco::JSON::Object::Ptr user(const model::User& u);
Poco::JSON::Object::Ptr instance(const model::DossierInstance& d);
Poco::JSON::Object::Ptr tally(const model::Tally& t);
// `dossier` is the id the document belongs to (for its link).
Poco::JSON::Object::Ptr document(const std::string& dossier, const model::OfficeDocument& d,
                                 const Style& style);
Poco::JSON::Object::Ptr ballot(const model::Ballot& b);
Poco::JSON::Object::Ptr session(const model::CouncilSession& s);
// A session with its ballots (and their signed tallies once closed).
Poco::JSON::Object::Ptr session(const model::CouncilSession& s,
                                const std::vector<model::Ballot>& ballots);
// Everything `Workflow::status` tells, including the actions open to the asker with the
// conditions still unmet (each {guard, label}).
Poco::JSON::Object::Ptr status(const DossierStatus& s, const Style& style);
// Audit events with their payload parsed back into JSON and their chain hashes.
Poco::JSON::Array::Ptr history(const std::vector<store::Event>& events);
Poco::JSON::Object::Ptr overdue(const OverdueItem& item);
// A submission's answer: the dossier, and whether the idempotency key repeated an earlier one.
Poco::JSON::Object::Ptr submitted(const SubmitOutcome& outcome);
// An action's answer: from → to, the new version, the documents it issued, the tally it counted.
Poco::JSON::Object::Ptr acted(const ActOutcome& outcome, const Style& style);

}  // namespace awardflow::service::views
