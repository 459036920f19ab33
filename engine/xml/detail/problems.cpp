#include "engine/xml/detail/problems.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <utility>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "engine/xml/document.hpp"

namespace awardflow::xml::detail {

void ProblemSink::finish() {
  if (dropped == 0 || report == nullptr) return;
  const std::string n = std::to_string(dropped);
  report->add(
      core::Severity::Notice, "report.truncated", {},
      {"Còn " + n + " lỗi khác không được liệt kê.", n + " more problems were not listed."});
}

namespace {
void ignoreGeneric(void* /*context*/, const char* /*format*/, ...) {}
}  // namespace

void quietGenericErrors() {
  // Per thread in libxml2; setting it is a pointer store.
  xmlSetGenericErrorFunc(nullptr, &ignoreGeneric);
}

ParserContext openParser(std::string_view bytes, std::size_t max_bytes, core::Report& report) {
  initialize();
  quietGenericErrors();
  const std::size_t limit = std::min<std::size_t>(max_bytes, INT32_MAX);
  if (bytes.size() > limit) {
    report.add(tooLargeProblem(bytes.size(), limit));
    return nullptr;
  }
  ParserContext ctxt(xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
  if (!ctxt) report.add(malformedProblem());
  return ctxt;
}

void collectError(void* user, xmlErrorPtr error) {
  auto* sink = static_cast<ProblemSink*>(user);
  if (sink == nullptr || error == nullptr || sink->report == nullptr) return;
  // A warning from libxml2 carries nothing a dossier author must fix.
  if (error->level == XML_ERR_WARNING) return;
  // The parser reports its own stop (after a refused DOCTYPE); the refusal is reported already.
  if (error->code == XML_ERR_USER_STOP) return;
  try {
    if (sink->report->problems().size() >= sink->max_problems) {
      ++sink->dropped;
      return;
    }
    sink->report->add(sink->classify(*error));
  } catch (...) {  // never throw through libxml2
    sink->out_of_memory = true;
  }
}

core::Problem parseErrorProblem(const xmlError& error) {
  const std::string detail = cleanMessage(error.message);
  return core::Problem{core::Severity::Error,
                       "xml.malformed",
                       core::Location{error.line, error.int2, ""},
                       {"Tài liệu XML không đúng cú pháp (" + detail + ").",
                        "The XML is not well-formed: " + detail + "."}};
}

core::Problem malformedProblem() {
  return core::Problem{core::Severity::Error,
                       "xml.malformed",
                       {},
                       {"Tài liệu XML không đúng cú pháp.", "The XML is not well-formed."}};
}

core::Problem doctypeProblem(int line) {
  return core::Problem{core::Severity::Error,
                       "xml.doctype",
                       core::Location{line, 0, ""},
                       {"Tài liệu có khai báo DOCTYPE: không chấp nhận DTD và thực thể (entity).",
                        "The document has a DOCTYPE declaration: DTDs and entities are refused."}};
}

core::Problem encodingProblem(const std::string& declared) {
  return core::Problem{
      core::Severity::Error,
      "xml.encoding",
      core::Location{1, 0, ""},
      {"Tài liệu khai báo bảng mã " + declared + "; chỉ chấp nhận UTF-8.",
       "The document declares the encoding " + declared + "; only UTF-8 is accepted."}};
}

std::string cleanMessage(const char* message) {
  std::string text = message == nullptr ? std::string() : std::string(message);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i);
      // "{urn:…}name" → "name"; braces in other text are kept.
      if (close != std::string::npos && text.compare(i + 1, 4, "urn:") == 0) {
        i = close;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string nodePath(const xmlNode* node) {
  std::string attribute;
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) {
    attribute = std::string("/@") + reinterpret_cast<const char*>(node->name);
    node = node->parent;
  }
  // Steps from the node up to the root, then written root first.
  std::array<std::pair<const xmlNode*, int>, 64> steps{};
  std::size_t depth = 0;
  for (; node != nullptr && node->type == XML_ELEMENT_NODE && depth < steps.size();
       node = node->parent) {
    int index = 0;
    int same = 0;
    for (const xmlNode* s = node->parent != nullptr ? node->parent->children : nullptr;
         s != nullptr; s = s->next) {
      if (s->type != XML_ELEMENT_NODE || (s != node && xmlStrEqual(s->name, node->name) == 0))
        continue;
      ++same;
      if (s == node) index = same;
    }
    steps[depth++] = {node, same > 1 ? index : 0};
  }
  std::string path;
  path.reserve(depth * 16 + attribute.size());
  while (depth > 0) {
    const auto& [step, index] = steps[--depth];
    path += '/';
    path += reinterpret_cast<const char*>(step->name);
    if (index > 0) {
      path += '[';
      path += std::to_string(index);
      path += ']';
    }
  }
  return path + attribute;
}

}  // namespace awardflow::xml::detail
