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
#include "engine/model/record.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/emulation.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/archive_store.hpp"
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
// An authority: code, name, level, parent, successor, historical.
Poco::JSON::Object::Ptr authority(const model::AuthorityRecord& a);
Poco::JSON::Object::Ptr unit(const model::Unit& u);
Poco::JSON::Object::Ptr instance(const model::DossierInstance& d);
// The JSON array of `instances`, each with exactly the members instance() gives it, written
// straight into one string: a page of dossiers is the answer users wait for most often, and
// building Poco objects for it cost most of its time (bench/province_bench.cpp).
std::string instancesJson(const std::vector<model::DossierInstance>& instances);
// The overdue list the same way: each overdue(item)'s members.
std::string overdueJson(const std::vector<OverdueItem>& items);
// A page of the work queue the same way: each dossier's instance() members and "actions", the
// ids of the actions open to the asker now.
std::string queueJson(const std::vector<Workflow::QueueItem>& items);
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
// A submission's answer: the dossier as stored.
Poco::JSON::Object::Ptr submitted(const SubmitOutcome& outcome);
// An action's answer: from → to, the new version, the documents it issued, the tally it counted.
Poco::JSON::Object::Ptr acted(const ActOutcome& outcome, const Style& style);

// ---- the archive (issue #6)

// A record of the archive's catalogue: its NĐ 30/2020 metadata (fileCode, title, dates, totals),
// where it came from, its retention (with a label in the style's language, transferDue and
// disposeDue, null when none), legal hold and disposition; with links, "href" and, while its
// package is kept, "packageHref".
Poco::JSON::Object::Ptr archiveRecord(const model::ArchiveRecord& r, const Style& style);
// One page of search results: {records[], more, ranked, offset, limit}.
Poco::JSON::Object::Ptr archivePage(const store::ArchivePage& page,
                                    const store::ArchiveQuery& query, const Style& style);
// One fixity check of one record; its details as the list "files" (the damaged or missing
// files, each with its problem code).
Poco::JSON::Object::Ptr fixityCheck(const store::FixityCheck& check);
// A fixity audit: the counts and every check.
Poco::JSON::Object::Ptr fixityAudit(const FixityAudit& audit);
// What verifying a package found: {fileCode, valid, files, signatures, events, errors,
// warnings, problems[{severity, code, path, line, message}]}, messages in the style's language.
Poco::JSON::Object::Ptr packageCheck(const PackageCheck& check, const Style& style);
// One retrieval of a record (who, when, what).
Poco::JSON::Object::Ptr accessEntry(const store::ArchiveAccess& access);
// An export's answer: where, how many records and files, how many bytes.
Poco::JSON::Object::Ptr exported(const ExportOutcome& outcome);

// ---- reports (issue #8)

// A period report: the query, the counts, the awards with the direct-labourer share against its
// target (shares as fractions, null without individual awards), processing times, and the
// breakdowns by unit, award form and level (each line with key, label, counts and awards).
Poco::JSON::Object::Ptr periodReport(const PeriodReport& r, const Style& style);
// The annual statistical table (Biểu 0602.N): a row per award form and the total.
Poco::JSON::Object::Ptr statistics(const StatisticsTable& t, const Style& style);
// A public comment; with `contact` only where the caller may see it.
Poco::JSON::Object::Ptr comment(const model::PublicComment& c);
// A nominee list posted for comment.
Poco::JSON::Object::Ptr notice(const PublicNotice& n, const Style& style);

// ---- emulation groups and scoring (issue #8)
Poco::JSON::Object::Ptr emulationGroup(const model::EmulationGroup& g);
Poco::JSON::Object::Ptr criteriaSet(const model::CriteriaSet& s);
// The standings: the set, each unit's averages per criterion, total and rank, the leaders
// proposed upward and whether they tie.
Poco::JSON::Object::Ptr standings(const Standings& s);

}  // namespace awardflow::service::views
