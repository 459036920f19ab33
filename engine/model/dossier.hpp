#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/report.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::model {

// A nomination dossier (hồ sơ đề nghị khen thưởng) as read from its XML. Free text is NFC.
// Each element carries the Location it was read from, so that rule checks can point at it.

// The source line of each child element of a nominee, by local name ("annualRating"). Paths
// are derived from the nominee's own when a problem is reported, not stored for every field.
struct FieldLocations {
  std::vector<std::pair<std::string, int>> lines;

  // Where field `name` of the element at `parent` is: its line (the parent's when the field is
  // absent) and the parent's path with "/name" added.
  core::Location of(std::string_view name, const core::Location& parent) const;
};

struct Initiative {
  std::string title;
  bool research = false;                   // applied research rather than an initiative
  std::optional<std::string> recognition;  // id of the document that recognised it
  core::Location where;
};

struct Individual {
  std::string id;
  std::string full_name;
  bool female = false;
  int birth_year = 0;
  std::string position;
  std::string unit;
  bool direct_labourer = false;
  std::optional<Rating> annual_rating;
  std::optional<Discipline> discipline;
  std::optional<bool> administrative_sanction;
  std::vector<Initiative> initiatives;
  std::string achievement;
  core::Location where;
  FieldLocations fields;
};

struct Collective {
  std::string id;
  std::string name;
  std::string kind;  // unit, village, residential-group
  int member_count = 0;
  std::optional<int> members_completed_duties;
  std::optional<int> advanced_worker_count;
  std::optional<int> emulation_fighter_count;
  std::optional<int> members_reprimanded;
  std::optional<int> members_warning_or_above;
  std::string achievement;
  core::Location where;
  FieldLocations fields;
};

struct Family {
  std::string id;
  std::string head_of_household;
  std::string address;
  int member_count = 0;
  bool direct_labourer = false;
  std::string achievement;
  core::Location where;
  FieldLocations fields;
};

using Nominee = std::variant<Individual, Collective, Family>;

// The kind of award subject a nominee is (a collective of kind village/residential-group is a
// Village).
SubjectKind subjectKind(const Nominee& nominee);
const std::string& nomineeId(const Nominee& nominee);
const core::Location& nomineeLocation(const Nominee& nominee);
// The name a person reads: full name, collective name, or head of household.
const std::string& nomineeName(const Nominee& nominee);

struct Attachment {
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex
  core::Location where;
};

struct Document {
  std::string id;
  PartKind part = PartKind::Other;
  std::optional<int> number;
  std::string notation;
  core::Date issued;
  std::string signer_position;
  std::string signer_name;
  std::string subject;
  int page_count = 0;
  std::vector<std::string> nominees;  // ids of the nominees it concerns
  Attachment attachment;
  core::Location where;
  core::Location issued_where;
};

struct Period {
  int year = 0;
  std::string wave;  // "1", "2", "year"; empty for a campaign
  std::string campaign_name;
  core::Date from;  // first day of the period
  core::Date to;    // last day of the period
  core::Location where;
};

struct Dossier {
  std::string id;
  std::string rulebook_id;
  std::string procedure_id;
  VariantKind variant = VariantKind::Standard;
  core::Location procedure_where;
  std::string unit_code;
  std::string unit_name;
  Level unit_level = Level::Commune;
  std::optional<int> unit_advanced_worker_count;
  core::Location unit_where;
  Period period;
  core::Date date;
  core::Location date_where;
  std::string title;
  std::string achievement_summary;
  std::vector<Nominee> nominees;
  std::vector<Document> documents;
  int signature_count = 0;
};

}  // namespace awardflow::model
