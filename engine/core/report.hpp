#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace awardflow::core {

// How much a problem matters: an Error makes the input invalid; a Warning is worth a look; a
// Notice is information (e.g. "this dossier will be forwarded upward").
enum class Severity { Error, Warning, Notice };

std::string_view severityName(Severity severity);

// Where a problem is: 1-based line and column (0 = unknown) and an element path such as
// "/dossier/nominees/individual[2]/annualRating" (empty = the whole input).
struct Location {
  int line = 0;
  int column = 0;
  std::string path;
};

// A text a person reads, in Vietnamese and English.
struct Message {
  std::string vi;
  std::string en;

  const std::string& in(std::string_view lang) const { return lang == "en" ? en : vi; }
};

// One problem with a stable code (e.g. "criteria.rating", listed in docs/validation.md).
struct Problem {
  Severity severity = Severity::Error;
  std::string code;
  Location location;
  Message message;
};

// Every problem found in one input, in the order found. Not thread-safe; one per validation.
class Report {
 public:
  void add(Problem problem) { problems_.push_back(std::move(problem)); }
  void add(Severity severity, std::string code, Location location, Message message);
  void error(std::string code, Location location, Message message) {
    add(Severity::Error, std::move(code), std::move(location), std::move(message));
  }
  void append(const Report& other);

  const std::vector<Problem>& problems() const { return problems_; }
  bool empty() const { return problems_.empty(); }
  // True when no problem has Severity::Error.
  bool valid() const;
  std::size_t count(Severity severity) const;
  bool hasCode(std::string_view code) const;

 private:
  std::vector<Problem> problems_;
};

}  // namespace awardflow::core
