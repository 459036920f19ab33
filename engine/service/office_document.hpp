#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace awardflow::service {

// The content of an office document (schemas/office.xsd): receipt, deficiency notice, tally,
// decision, proposal, revocation.
struct OfficeContent {
  std::string kind;
  std::string id;
  std::string dossier_id;
  std::string issuer;  // the agency's name
  std::optional<int> number;
  std::string notation;
  std::string issued_at;                                    // UTC timestamp
  std::string subject;                                      // trích yếu
  std::vector<std::pair<std::string, std::string>> fields;  // name (NCName), value
  std::vector<std::string> items;
};

// The unsigned XML of `content`, UTF-8, text escaped; control characters other than tab and
// line breaks are dropped (XML 1.0 cannot carry them).
std::string renderOfficeDocument(const OfficeContent& content);

}  // namespace awardflow::service
