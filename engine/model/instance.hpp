#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::model {

// A submitted dossier moving through its lifecycle: the workflow instance. It pins the rulebook
// (id, version, content hash) it was submitted under, for ever.
struct DossierInstance {
  std::string id;         // "HS-2026-000123": assigned at submission, shown on the receipt
  std::string unit_code;  // the submitting unit
  std::string source_id;  // dossier/@id as the unit wrote it
  std::string title;
  std::string rulebook_id;
  int rulebook_version = 0;
  std::string rulebook_sha256;
  std::string procedure_id;
  VariantKind variant = VariantKind::Standard;
  std::string state;
  std::int64_t version = 1;   // optimistic concurrency: +1 on every change
  int revision = 1;           // dossier content revision: +1 on each resubmission
  std::string xml_sha256;     // the current revision's XML, in the blob store
  bool complete = false;      // the current revision passed validation with every part
  bool signed_valid = false;  // … and its signatures verified against the trust store
  std::string submitted_by;
  std::string submitted_at;  // UTC timestamp of the first submission
  std::string updated_at;
  std::optional<core::Date> received_on;  // receipt date: the time limit runs from here
  std::optional<core::Date> due_on;       // received_on + the procedure's working days
  std::optional<core::Date> stopped_on;   // a deadline stop state was reached
  std::optional<std::string> escalated_at;
  std::optional<core::Date> publication_from;
  std::optional<core::Date> publication_until;  // last day of the posting window
  // The authority the dossier is submitted to (its rulebook's, or for a rulebook that serves
  // every commune, the submitting unit's); none in an installation of one authority.
  std::optional<std::string> authority_code;
};

// One file of a dossier revision (the XML itself or an attachment), stored by content.
struct StoredFile {
  int revision = 1;
  std::string name;
  std::string sha256;
  std::int64_t size = 0;
  std::string media_type;
  std::optional<int> pages;  // PDFs: as libqpdf counted them
  std::string pdf_version;   // PDFs: "1.7"
};

enum class BallotChoice { Approve, Reject, Abstain };
std::string_view name(BallotChoice value);
std::optional<BallotChoice> parseBallotChoice(std::string_view text);

// How a council member took part in a ballot.
enum class Participation { InPerson, InWriting, Recused };
std::string_view name(Participation value);

// The count of a ballot. `members` are all members of the session, recused members excluded
// (they take no part and are not counted against the threshold).
struct Tally {
  int members = 0;
  int recused = 0;
  int taking_part = 0;
  int in_writing = 0;
  int approve = 0;
  int reject = 0;
  int abstain = 0;
};

struct Ballot {
  std::string id;
  std::string dossier_id;
  std::string session_id;
  VoteMode mode = VoteMode::Open;
  bool open = true;
  std::string opened_at;
  std::optional<std::string> closed_at;
  std::optional<Tally> tally;  // when closed
  std::optional<bool> passed;  // when closed
  std::string tally_document;  // id of the signed tally, when closed
};

struct CouncilSession {
  std::string id;  // "HD-2026-01"
  std::string title;
  core::Date meets_on;
  bool open = true;
  std::string opened_by;
  std::vector<std::string> members;           // logins
  std::optional<std::string> authority_code;  // whose council meets; none: the installation's
};

struct Opinion {
  std::string agency;  // who is asked, as written by the office
  std::string requested_by;
  std::string requested_at;
  std::optional<std::string> received_at;
  std::string text;
};

// A comment of the public on a nominee list posted for comment (the publication window), and how
// the standing office resolved it. `contact` is shown to the office only.
struct PublicComment {
  std::int64_t id = 0;
  std::string dossier_id;
  std::string at;
  std::string author;
  std::string contact;
  std::string text;
  std::optional<std::string> resolution;
  std::string resolved_by;
  std::string resolved_at;
};

// A document the office makes and signs: receipt, deficiency notice, tally, decision, proposal.
struct OfficeDocument {
  std::string id;
  std::string dossier_id;
  std::string kind;  // "receipt", "deficiency-notice", "tally", "decision", "proposal"
  int year = 0;
  std::optional<int> number;  // numbered per kind and year (decisions, proposals)
  std::string notation;       // "12/QĐ-UBND"
  std::string sha256;         // the signed XML in the blob store
  std::string issued_at;
};

struct Decision {
  std::string dossier_id;
  std::string outcome;  // "approved", "not-approved", "not-proposed"
  std::string reason;
  std::string decided_by;
  std::string decided_at;
  std::optional<std::string> document_id;  // the signed decision, once issued
  std::optional<std::string> revoked_at;
  std::string revoke_reason;
};

}  // namespace awardflow::model
