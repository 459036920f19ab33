#include "engine/xml/document.hpp"

#include <cstring>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "engine/core/c_handle.hpp"
#include "engine/xml/detail/problems.hpp"

namespace awardflow::xml {
namespace {

const char* chars(const xmlChar* text) { return reinterpret_cast<const char*>(text); }

// `name` equals `expected`, without measuring `name` first (this is on the reader's hot path).
bool sameName(const xmlChar* name, std::string_view expected) {
  const char* n = chars(name);
  return std::strncmp(n, expected.data(), expected.size()) == 0 && n[expected.size()] == '\0';
}

// Calls `visit` on every node below `top` in document order (depth first), iteratively.
template <typename Visit>
void forEachDescendant(const xmlNode* top, Visit&& visit) {
  const xmlNode* n = top->children;
  while (n != nullptr) {
    visit(n);
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n->next == nullptr) {
      n = n->parent;
      if (n == top) return;
    }
    if (n != nullptr) n = n->next;
  }
}

// What the SAX callbacks need; reached through ctxt->_private.
struct ParseState {
  detail::ProblemSink sink;
  bool doctype = false;
};

// SAX internalSubset: a DOCTYPE is refused before any of its declarations is read, so no entity
// is ever defined, let alone expanded.
void refuseDoctype(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                   const xmlChar* /*system_id*/) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(ctxt->_private);
  if (state != nullptr) state->doctype = true;
  xmlStopParser(ctxt);
}

// serror: SAX callbacks receive ctxt->userData, which stays the parser context.
void parseError(void* ctx, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = ctxt != nullptr ? static_cast<ParseState*>(ctxt->_private) : nullptr;
  if (state != nullptr) detail::collectError(&state->sink, error);
}

void noExternalSubset(void* /*ctx*/, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                      const xmlChar* /*system_id*/) {}

}  // namespace

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // Schemas import their neighbours by file name; nothing is ever loaded over a network.
    // Untrusted bytes never reach a loader: parse() stops at a DOCTYPE and has no XInclude.
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
}

void Document::Free::operator()(_xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

struct DocumentAccess {
  static Document make(xmlDocPtr doc) { return Document(doc); }
};

Element Document::root() const { return Element(xmlDocGetRootElement(doc_.get())); }

std::string_view Element::localName() const { return chars(node_->name); }

std::string_view Element::namespaceUri() const {
  return node_->ns != nullptr && node_->ns->href != nullptr ? chars(node_->ns->href) : "";
}

std::optional<std::string> Element::attributeNs(std::string_view namespace_uri,
                                                const char* name) const {
  for (const xmlAttr* a = node_->properties; a != nullptr; a = a->next) {
    if (a->ns == nullptr || a->ns->href == nullptr || namespace_uri != chars(a->ns->href) ||
        std::strcmp(chars(a->name), name) != 0)
      continue;
    std::string value;
    for (const xmlNode* t = a->children; t != nullptr; t = t->next) {
      if (t->content != nullptr) value += chars(t->content);
    }
    return value;
  }
  return std::nullopt;
}

std::optional<std::string> Element::attribute(const char* name) const {
  // Unqualified attributes only: our formats never put attributes in a namespace.
  for (const xmlAttr* a = node_->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr || std::strcmp(chars(a->name), name) != 0) continue;
    std::string value;
    for (const xmlNode* t = a->children; t != nullptr; t = t->next) {
      if (t->content != nullptr) value += chars(t->content);
    }
    return value;
  }
  return std::nullopt;
}

std::string Element::text() const {
  std::string out;
  // Text and CDATA descendants in document order, without allocating a libxml2 string.
  forEachDescendant(node_, [&](const xmlNode* n) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != nullptr) {
      out += chars(n->content);
    }
  });
  return out;
}

std::vector<Element> Element::children() const {
  std::vector<Element> out;
  for (const xmlNode* c = node_->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.push_back(Element(c));
  }
  return out;
}

std::optional<Element> Element::child(std::string_view local_name) const {
  const xmlNs* ns = node_->ns;
  for (const xmlNode* c = node_->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !sameName(c->name, local_name)) continue;
    const bool same_ns =
        (c->ns == nullptr && ns == nullptr) ||
        (c->ns != nullptr && ns != nullptr && xmlStrEqual(c->ns->href, ns->href) != 0);
    if (same_ns) return Element(c);
  }
  return std::nullopt;
}

std::optional<std::string> Element::childText(std::string_view local_name) const {
  const auto found = child(local_name);
  if (!found) return std::nullopt;
  return found->text();
}

std::optional<Element> Element::parent() const {
  const xmlNode* p = node_->parent;
  if (p == nullptr || p->type != XML_ELEMENT_NODE) return std::nullopt;
  return Element(p);
}

std::vector<Element> Element::descendants(std::string_view namespace_uri,
                                          std::string_view local_name) const {
  std::vector<Element> out;
  forEachDescendant(node_, [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return;
    const std::string_view ns =
        n->ns != nullptr && n->ns->href != nullptr ? chars(n->ns->href) : "";
    if (ns == namespace_uri && sameName(n->name, local_name)) out.push_back(Element(n));
  });
  return out;
}

std::optional<std::string> Element::lookupNamespace(const std::string& prefix) const {
  // xmlSearchNs takes non-const pointers but does not modify the tree.
  auto* node = const_cast<xmlNode*>(node_);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  const xmlNs* ns = xmlSearchNs(
      node->doc, node, prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str()));
  if (ns == nullptr || ns->href == nullptr) return std::nullopt;
  return std::string(chars(ns->href));
}

int Element::line() const { return static_cast<int>(xmlGetLineNo(node_)); }

std::string Element::path() const { return detail::nodePath(node_); }

core::Problem tooLargeProblem(std::size_t size, std::size_t limit) {
  const std::string l = std::to_string(limit);
  const std::string s = std::to_string(size);
  return core::Problem{core::Severity::Error,
                       "xml.too-large",
                       {},
                       {"Tệp quá lớn: " + s + " byte, giới hạn " + l + " byte.",
                        "The file is too large: " + s + " bytes, the limit is " + l + " bytes."}};
}

Parsed parse(std::string_view bytes, const ParseOptions& options) {
  Parsed out;
  detail::ParserContext ctxt = detail::openParser(bytes, options.max_bytes, out.report);
  if (!ctxt) return out;
  ParseState state;
  state.sink.report = &out.report;
  state.sink.max_problems = options.max_problems;
  state.sink.classify = &detail::parseErrorProblem;
  // No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID, no XINCLUDE, no HUGE.
  // COMPACT: small text stored inline; our trees are never modified after parsing.
  xmlCtxtUseOptions(ctxt.get(),
                    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE | XML_PARSE_COMPACT);
  ctxt->_private = &state;
  ctxt->sax->internalSubset = &refuseDoctype;
  ctxt->sax->externalSubset = &noExternalSubset;
  ctxt->sax->serror = &parseError;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->loadsubset = 0;
  ctxt->replaceEntities = 0;

  xmlParseDocument(ctxt.get());

  core::CHandle<xmlDoc, &xmlFreeDoc> doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (state.doctype) {
    out.report = core::Report();
    out.report.add(detail::doctypeProblem(xmlSAX2GetLineNumber(ctxt.get())));
    return out;
  }
  state.sink.finish();
  // nsWellFormed: an undeclared prefix is a namespace error libxml2 reports without stopping;
  // our formats are namespace-well-formed or refused.
  if (state.sink.out_of_memory || ctxt->wellFormed == 0 || ctxt->nsWellFormed == 0 || !doc ||
      xmlDocGetRootElement(doc.get()) == nullptr) {
    if (out.report.valid()) {
      out.report.add(detail::malformedProblem());
    }
    return out;
  }
  // Our formats are UTF-8 (STYLE: free text is UTF-8); a document declared in another
  // encoding would be transcoded silently, and its digests would not be over what people see.
  if (doc->encoding != nullptr &&
      xmlStrcasecmp(doc->encoding, reinterpret_cast<const xmlChar*>("UTF-8")) != 0) {
    const std::string declared = chars(doc->encoding);
    out.report.add(detail::encodingProblem(declared));
    return out;
  }
  out.document = DocumentAccess::make(doc.release());
  return out;
}

}  // namespace awardflow::xml
