#pragma once

#include <filesystem>
#include <memory>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/xml/document.hpp"

struct _xmlSchema;  // NOLINT(bugprone-reserved-identifier): libxml2's name

namespace awardflow::xml {

// A compiled XML Schema (XSD 1.0). Compile once, validate many times: copies share the compiled
// schema, and validate() may be called from many threads at once (each call has its own
// validation context; the compiled schema is only read).
class Schema {
 public:
  // Compiles the XSD at `path`, resolving xs:import/xs:include beside it. Fails with
  // Errc::Config and the schema's own errors (file:line: message) in details.
  static core::Result<Schema> load(const std::filesystem::path& path);

  // Validates `document` against the schema, adding one located Problem per violation to
  // `report` (codes schema.*, see docs/validation.md). Returns true when the document is valid.
  bool validate(const Document& document, core::Report& report,
                std::size_t max_problems = 200) const;

 private:
  struct Free {
    void operator()(_xmlSchema* schema) const noexcept;
  };
  explicit Schema(std::shared_ptr<_xmlSchema> schema) : schema_(std::move(schema)) {}
  std::shared_ptr<_xmlSchema> schema_;
};

}  // namespace awardflow::xml
