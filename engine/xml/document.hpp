#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/report.hpp"

// libxml2's own struct names; only engine/xml includes <libxml/…>.
struct _xmlDoc;   // NOLINT(bugprone-reserved-identifier): libxml2's name
struct _xmlNode;  // NOLINT(bugprone-reserved-identifier): libxml2's name

namespace awardflow::xml {

// Limits applied before and while parsing untrusted XML.
struct ParseOptions {
  // Inputs larger than this are refused before the parser sees a byte.
  std::size_t max_bytes = std::size_t{16} << 20;
  // At most this many problems are reported for one input; the rest are counted in one notice.
  std::size_t max_problems = 200;
};

// A read-only view of one element. Valid while the Document it came from lives; cheap to copy.
class Element {
 public:
  std::string_view localName() const;
  // Namespace URI, empty when the element has none.
  std::string_view namespaceUri() const;
  // Value of the unqualified attribute `name`, nullopt when absent.
  std::optional<std::string> attribute(const char* name) const;
  // Value of the attribute `name` in namespace `namespace_uri` (e.g. xlink:href).
  std::optional<std::string> attributeNs(std::string_view namespace_uri, const char* name) const;
  // All text inside the element, concatenated, exactly as stored (entities are never expanded:
  // documents with a DOCTYPE are refused).
  std::string text() const;
  // Text of the first child element named `local_name` (see child()), nullopt when absent.
  std::optional<std::string> childText(std::string_view local_name) const;
  // Element children in document order.
  std::vector<Element> children() const;
  // First element child with this local name in this element's namespace, nullopt when none.
  std::optional<Element> child(std::string_view local_name) const;
  // 1-based source line, 0 when unknown.
  int line() const;
  // Path such as "/dossier/nominees/individual[2]"; an index appears only where siblings share
  // the name.
  std::string path() const;
  core::Location location() const { return core::Location{line(), 0, path()}; }

  // The parent element, nullopt at the root.
  std::optional<Element> parent() const;
  // Every descendant element (not this one) with this namespace and local name, in document order.
  std::vector<Element> descendants(std::string_view namespace_uri,
                                   std::string_view local_name) const;
  // The namespace URI bound to `prefix` at this element ("" = the default namespace), nullopt
  // when unbound.
  std::optional<std::string> lookupNamespace(const std::string& prefix) const;
  // True when both views are of the same node.
  bool operator==(const Element& other) const { return node_ == other.node_; }

 private:
  friend class Document;
  friend struct ElementAccess;
  explicit Element(const _xmlNode* node) : node_(node) {}
  const _xmlNode* node_;
};

// A parsed XML document. Move-only; owns the libxml2 tree.
class Document {
 public:
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  Element root() const;

  // For engine/xml only (schema validation); not part of the contract for other modules.
  _xmlDoc* raw() const { return doc_.get(); }

 private:
  friend struct DocumentAccess;
  struct Free {
    void operator()(_xmlDoc* doc) const noexcept;
  };
  explicit Document(_xmlDoc* doc) : doc_(doc) {}
  std::unique_ptr<_xmlDoc, Free> doc_;
};

// The outcome of parsing: a document when the bytes are well-formed, safe XML, and the problems
// found (codes xml.too-large, xml.malformed, xml.doctype; see docs/validation.md).
struct Parsed {
  std::optional<Document> document;
  core::Report report;
};

// Parses untrusted bytes with the hardened settings: the size limit is checked first; a DOCTYPE
// stops the parse (no DTD, no entity expansion); no network or file access; libxml2's default
// depth and text-size limits stay on. Thread-safe.
Parsed parse(std::string_view bytes, const ParseOptions& options = {});

// The xml.too-large problem for an input of `size` bytes over `limit`, for callers that refuse
// a file by its size before reading it.
core::Problem tooLargeProblem(std::size_t size, std::size_t limit);

// Makes libxml2 ready for use from several threads and refuses network entity loading. Called
// by parse() and Schema::load(); idempotent and thread-safe.
void initialize();

}  // namespace awardflow::xml
