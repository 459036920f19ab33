#include "engine/service/office_document.hpp"

#include "engine/xml/escape.hpp"

namespace awardflow::service {
namespace {

std::string escape(const std::string& text, bool attribute) {
  return attribute ? xml::escapeAttribute(text) : xml::escapeText(text);
}

}  // namespace

std::string renderOfficeDocument(const OfficeContent& c) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += R"(<document xmlns="urn:awardflow:office:1" kind=")" + escape(c.kind, true) + R"(" id=")" +
         escape(c.id, true) + R"(" dossier=")" + escape(c.dossier_id, true) + "\">\n";
  out += "  <issuer>" + escape(c.issuer, false) + "</issuer>\n";
  if (c.number) out += "  <number>" + std::to_string(*c.number) + "</number>\n";
  if (!c.notation.empty()) out += "  <notation>" + escape(c.notation, false) + "</notation>\n";
  out += "  <issued>" + escape(c.issued_at, false) + "</issued>\n";
  out += "  <subject>" + escape(c.subject, false) + "</subject>\n";
  for (const auto& [name, value] : c.fields)
    out += "  <field name=\"" + escape(name, true) + "\">" + escape(value, false) + "</field>\n";
  for (const std::string& item : c.items) out += "  <item>" + escape(item, false) + "</item>\n";
  out += "</document>\n";
  return out;
}

}  // namespace awardflow::service
