#include "engine/xml/schema.hpp"

#include <string>
#include <vector>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "engine/core/c_handle.hpp"
#include "engine/xml/detail/problems.hpp"

namespace awardflow::xml {
namespace {

using SchemaParserContext = core::CHandle<xmlSchemaParserCtxt, &xmlSchemaFreeParserCtxt>;
using SchemaValidContext = core::CHandle<xmlSchemaValidCtxt, &xmlSchemaFreeValidCtxt>;

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

// The text between `open` and the next `close` after it, "" when absent.
std::string between(const std::string& text, const std::string& open, char close) {
  const std::size_t start = text.find(open);
  if (start == std::string::npos) return {};
  const std::size_t from = start + open.size();
  const std::size_t end = text.find(close, from);
  return end == std::string::npos ? std::string() : text.substr(from, end - from);
}

std::string inGuillemets(const std::string& text) { return "«" + text + "»"; }

// Turns one libxml2 schema-validation error into a stable code and a bilingual message. libxml2
// words its messages in English; the Vietnamese text is ours, by kind of violation.
core::Problem classifyValidationError(const xmlError& error) {
  const auto* node = static_cast<const xmlNode*>(error.node);
  std::string element = node != nullptr && node->name != nullptr
                            ? reinterpret_cast<const char*>(node->name)
                            : std::string();
  std::string en = detail::cleanMessage(error.message);
  core::Location where{error.line, error.int2, detail::nodePath(node)};
  if (where.line == 0 && node != nullptr) where.line = static_cast<int>(xmlGetLineNo(node));

  std::string code = "schema.invalid";
  std::string vi = "Vi phạm lược đồ tại phần tử " + inGuillemets(element) + ".";
  if (contains(en, "Missing child element")) {
    code = "schema.missing-element";
    vi = "Thiếu phần tử bắt buộc trong " + inGuillemets(element) +
         "; cần có: " + between(en, "Expected is ", '.') + ".";
  } else if (contains(en, "This element is not expected") ||
             contains(en, "No matching global declaration") ||
             contains(en, "Element content is not allowed") ||
             contains(en, "Character content other than whitespace is not allowed")) {
    code = "schema.unexpected-element";
    vi = "Phần tử " + inGuillemets(element) + " không được phép ở vị trí này.";
    const std::string expected = between(en, "Expected is ", '.');
    if (!expected.empty()) vi += " Cần có: " + expected + ".";
  } else if (contains(en, "attribute") &&
             (contains(en, "is not allowed") || contains(en, "is required but missing"))) {
    code = "schema.attribute";
    const std::string name = between(en, "attribute '", '\'');
    vi = contains(en, "is required but missing")
             ? "Phần tử " + inGuillemets(element) + " thiếu thuộc tính bắt buộc " +
                   inGuillemets(name) + "."
             : "Phần tử " + inGuillemets(element) + " có thuộc tính không được phép " +
                   inGuillemets(name) + ".";
  } else if (contains(en, "IDREF") || contains(en, "is not unique") ||
             contains(en, "Duplicate key-sequence") ||
             contains(en, "No match found for key-sequence") ||
             contains(en, "is not a valid value of the atomic type 'xs:ID'")) {
    code = "schema.identity";
    const std::string id = between(en, "': '", '\'');
    if (contains(en, "xs:ID") && !id.empty()) {
      vi = "Mã định danh " + inGuillemets(id) + " của " + inGuillemets(element) +
           " đã được dùng ở phần tử khác: mã định danh phải là duy nhất.";
      en = "The id " + inGuillemets(id) + " of " + inGuillemets(element) +
           " is used twice: ids must be unique (" + en + ")";
    } else {
      vi = "Mã định danh trùng lặp tại " + inGuillemets(element) + ".";
    }
  } else if (contains(en, "is not a valid value") || contains(en, "facet") ||
             contains(en, "is not an element of the set") ||
             contains(en, "not accepted by the pattern") || contains(en, "has a length") ||
             contains(en, "value must be")) {
    code = "schema.invalid-value";
    std::string value = between(en, "The value '", '\'');
    if (value.empty()) value = between(en, "': '", '\'');
    vi = value.empty() ? "Giá trị của " + inGuillemets(element) + " không hợp lệ."
                       : "Giá trị " + inGuillemets(value) + " của " + inGuillemets(element) +
                             " không hợp lệ.";
  }
  return core::Problem{
      core::Severity::Error, std::move(code), std::move(where), {std::move(vi), en}};
}

struct LoadErrors {
  std::vector<std::string> lines;
};

void collectLoadError(void* user, xmlErrorPtr error) {
  auto* errors = static_cast<LoadErrors*>(user);
  if (errors == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  try {
    std::string where = error->file != nullptr ? error->file : "";
    errors->lines.push_back(where + ":" + std::to_string(error->line) + ": " +
                            detail::cleanMessage(error->message));
  } catch (...) {  // never throw through libxml2
  }
}

}  // namespace

void Schema::Free::operator()(_xmlSchema* schema) const noexcept { xmlSchemaFree(schema); }

core::Result<Schema> Schema::load(const std::filesystem::path& path) {
  initialize();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::fail(core::Errc::Config, "schema not found: " + path.string());
  }
  SchemaParserContext parser(xmlSchemaNewParserCtxt(path.c_str()));
  if (!parser) return core::fail(core::Errc::Config, "cannot read schema " + path.string());
  LoadErrors errors;
  xmlSchemaSetParserStructuredErrors(parser.get(), &collectLoadError, &errors);
  xmlSchemaPtr compiled = xmlSchemaParse(parser.get());
  if (compiled == nullptr) {
    return core::fail(core::Errc::Config, "schema does not compile: " + path.string(),
                      std::move(errors.lines));
  }
  return Schema(std::shared_ptr<_xmlSchema>(compiled, Free{}));
}

bool Schema::validate(const Document& document, core::Report& report,
                      std::size_t max_problems) const {
  SchemaValidContext context(xmlSchemaNewValidCtxt(schema_.get()));
  if (!context) {
    report.error(
        "schema.invalid", {},
        {"Không khởi tạo được bộ kiểm tra lược đồ.", "The schema validator could not be created."});
    return false;
  }
  core::Report found;
  detail::ProblemSink sink;
  sink.report = &found;
  sink.max_problems = max_problems;
  sink.classify = &classifyValidationError;
  xmlSchemaSetValidStructuredErrors(context.get(), &detail::collectError, &sink);
  const int rc = xmlSchemaValidateDoc(context.get(), document.raw());
  sink.finish();
  if (rc != 0 && found.valid()) {
    found.error(
        "schema.invalid", {},
        {"Tài liệu không hợp lệ theo lược đồ.", "The document does not conform to the schema."});
  }
  const bool valid = rc == 0 && found.valid();
  report.append(found);
  return valid;
}

}  // namespace awardflow::xml
