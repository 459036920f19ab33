#include "engine/xml/detail/problems.hpp"

#include <vector>

#include <libxml/tree.h>

namespace awardflow::xml::detail {

void ProblemSink::finish() {
  if (dropped == 0 || report == nullptr) return;
  const std::string n = std::to_string(dropped);
  report->add(
      core::Severity::Notice, "report.truncated", {},
      {"Còn " + n + " lỗi khác không được liệt kê.", n + " more problems were not listed."});
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
  std::vector<std::string> steps;
  std::string attribute;
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) {
    attribute = std::string("/@") + reinterpret_cast<const char*>(node->name);
    node = node->parent;
  }
  for (; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
    std::string step = reinterpret_cast<const char*>(node->name);
    int index = 1;
    int same = 0;
    for (const xmlNode* s = node->parent != nullptr ? node->parent->children : nullptr;
         s != nullptr; s = s->next) {
      if (s->type != XML_ELEMENT_NODE || xmlStrEqual(s->name, node->name) == 0) continue;
      ++same;
      if (s == node) index = same;
    }
    if (same > 1) step += "[" + std::to_string(index) + "]";
    steps.push_back(std::move(step));
  }
  std::string path;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) path += "/" + *it;
  return path + attribute;
}

}  // namespace awardflow::xml::detail
