#include "engine/xml/c14n_stream.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "engine/core/c_handle.hpp"
#include "engine/xml/detail/problems.hpp"

namespace awardflow::xml {
namespace {

constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";
constexpr std::size_t kFlushAt = std::size_t{16} * 1024;

std::string_view sv(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

void escapeText(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        out += c;
    }
  }
}

void escapeAttribute(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\t':
        out += "&#x9;";
        break;
      case '\n':
        out += "&#xA;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        out += c;
    }
  }
}

struct State {
  detail::ProblemSink problems;
  bool doctype = false;
  bool relative_namespace = false;
  int relative_line = 0;
  bool sink_failed = false;
  const SkipPredicate* skip = nullptr;
  const OctetSink* sink = nullptr;
  std::string buffer;
  int depth = 0;
  int skip_depth = 0;  // > 0 while inside a skipped subtree started at that depth
  bool root_done = false;
  std::string root_qname;
  std::vector<SkippedElement> skipped;
  // Namespace bindings rendered by output ancestors (prefix → URI; "" is the default), and
  // what each open element changed, to undo at its end.
  std::map<std::string, std::string, std::less<>> rendered;
  std::vector<std::vector<std::pair<std::string, std::optional<std::string>>>> undo;
  std::vector<std::string> qnames;

  void flush(bool force) {
    if (buffer.empty() || (!force && buffer.size() < kFlushAt) || sink_failed) return;
    if (!(*sink)(buffer)) sink_failed = true;
    buffer.clear();
  }
};

State* stateOf(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return ctxt != nullptr ? static_cast<State*>(ctxt->_private) : nullptr;
}

std::string qualified(const xmlChar* prefix, const xmlChar* local) {
  std::string out;
  if (prefix != nullptr) {
    out = reinterpret_cast<const char*>(prefix);
    out += ':';
  }
  out += reinterpret_cast<const char*>(local);
  return out;
}

struct Attribute {
  std::string_view uri;
  std::string_view local;
  std::string qname;
  std::string_view value;
};

// C14N has no canonical form for relative namespace URIs (C14N 1.0 §2, "Data Model"): like
// libxml2's canonicalizer, refuse any declared namespace that does not parse as a URI with a
// scheme.
bool absoluteNamespaces(int count, const xmlChar** namespaces) {
  for (int i = 0; i < count; ++i) {
    const xmlChar* href = namespaces[2 * i + 1];
    if (href == nullptr || *href == 0) continue;
    xmlURIPtr parsed = xmlParseURI(reinterpret_cast<const char*>(href));
    const bool absolute = parsed != nullptr && parsed->scheme != nullptr && *parsed->scheme != 0;
    xmlFreeURI(parsed);
    if (!absolute) return false;
  }
  return true;
}

void startElement(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri,
                  int nb_namespaces, const xmlChar** namespaces, int nb_attributes,
                  int /*nb_defaulted*/, const xmlChar** attributes) {
  State* s = stateOf(ctx);
  if (s == nullptr) return;
  try {
    ++s->depth;
    if (!absoluteNamespaces(nb_namespaces, namespaces)) {
      s->relative_namespace = true;
      s->relative_line = xmlSAX2GetLineNumber(ctx);
      xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
      return;
    }
    if (s->skip_depth > 0) return;
    if (s->depth == 1) s->root_qname = qualified(prefix, local);
    if (s->skip != nullptr && *s->skip && (*s->skip)(sv(uri), sv(local), s->depth)) {
      s->skip_depth = s->depth;
      s->skipped.push_back({s->depth, xmlSAX2GetLineNumber(ctx)});
      return;
    }
    // Namespaces this element visibly uses: its own prefix (or the default), and its
    // attributes' prefixes. Rendered where the output ancestors did not render the same binding.
    std::vector<std::pair<std::string, std::string>> declare;
    auto use = [&](std::string_view p, std::string_view u) {
      if (p == "xml") return;
      const auto it = s->rendered.find(p);
      const std::string_view current =
          it == s->rendered.end() ? std::string_view() : std::string_view(it->second);
      if (current == u) return;
      if (std::any_of(declare.begin(), declare.end(), [&](const auto& d) { return d.first == p; }))
        return;
      declare.emplace_back(std::string(p), std::string(u));
    };
    use(sv(prefix), sv(uri));
    std::vector<Attribute> attrs;
    attrs.reserve(static_cast<std::size_t>(nb_attributes));
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** a = attributes + std::ptrdiff_t{5} * i;
      const auto length = static_cast<std::size_t>(a[4] - a[3]);
      attrs.push_back({sv(a[2]), sv(a[0]), qualified(a[1], a[0]),
                       std::string_view(reinterpret_cast<const char*>(a[3]), length)});
      if (a[1] != nullptr) use(sv(a[1]), sv(a[2]));
    }
    std::sort(declare.begin(), declare.end());
    std::sort(attrs.begin(), attrs.end(), [](const Attribute& x, const Attribute& y) {
      return x.uri != y.uri ? x.uri < y.uri : x.local < y.local;
    });
    std::string& out = s->buffer;
    const std::string qname = qualified(prefix, local);
    out += '<';
    out += qname;
    auto& changes = s->undo.emplace_back();
    for (const auto& [p, u] : declare) {
      out += p.empty() ? " xmlns=\"" : " xmlns:" + p + "=\"";
      escapeAttribute(out, u);
      out += '"';
      const auto it = s->rendered.find(p);
      changes.emplace_back(
          p, it == s->rendered.end() ? std::nullopt : std::optional<std::string>(it->second));
      s->rendered[p] = u;
    }
    for (const Attribute& a : attrs) {
      out += ' ';
      out += a.qname;
      out += "=\"";
      escapeAttribute(out, a.value);
      out += '"';
    }
    out += '>';
    s->qnames.push_back(qname);
    s->flush(false);
  } catch (...) {  // never throw through libxml2
    s->sink_failed = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
  }
}

void endElement(void* ctx, const xmlChar* /*local*/, const xmlChar* /*prefix*/,
                const xmlChar* /*uri*/) {
  State* s = stateOf(ctx);
  if (s == nullptr) return;
  try {
    const int depth = s->depth--;
    if (depth == 1) s->root_done = true;
    if (s->skip_depth > 0) {
      if (depth == s->skip_depth) s->skip_depth = 0;
      return;
    }
    if (s->qnames.empty()) return;
    s->buffer += "</";
    s->buffer += s->qnames.back();
    s->buffer += '>';
    s->qnames.pop_back();
    for (auto it = s->undo.back().rbegin(); it != s->undo.back().rend(); ++it) {
      if (it->second)
        s->rendered[it->first] = *it->second;
      else
        s->rendered.erase(it->first);
    }
    s->undo.pop_back();
    s->flush(false);
  } catch (...) {
    s->sink_failed = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
  }
}

void characters(void* ctx, const xmlChar* text, int length) {
  State* s = stateOf(ctx);
  if (s == nullptr || s->skip_depth > 0 || s->depth == 0) return;
  try {
    escapeText(s->buffer, std::string_view(reinterpret_cast<const char*>(text),
                                           static_cast<std::size_t>(length)));
    s->flush(false);
  } catch (...) {
    s->sink_failed = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
  }
}

void processingInstruction(void* ctx, const xmlChar* target, const xmlChar* data) {
  State* s = stateOf(ctx);
  if (s == nullptr || s->skip_depth > 0) return;
  try {
    std::string pi = "<?" + std::string(sv(target));
    if (data != nullptr && *data != 0) pi += " " + std::string(sv(data));
    pi += "?>";
    if (s->depth == 0 && !s->root_done)
      pi += '\n';  // before the document element
    else if (s->depth == 0)
      pi = '\n' + pi;  // after it
    s->buffer += pi;
  } catch (...) {
    s->sink_failed = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
  }
}

void refuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  if (State* s = stateOf(ctx)) s->doctype = true;
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

void parseError(void* ctx, xmlErrorPtr error) {
  if (State* s = stateOf(ctx)) detail::collectError(&s->problems, error);
}

}  // namespace

StreamedCanonical canonicalizeStream(std::string_view bytes, const SkipPredicate& skip,
                                     const OctetSink& sink, const ParseOptions& options) {
  StreamedCanonical result;
  detail::ParserContext ctxt = detail::openParser(bytes, options.max_bytes, result.report);
  if (!ctxt) return result;
  State state;
  state.problems.report = &result.report;
  state.problems.max_problems = options.max_problems;
  state.problems.classify = &detail::parseErrorProblem;
  state.skip = &skip;
  state.sink = &sink;
  // NOENT: predefined entities and character references come decoded (no other entity can
  // exist: a DOCTYPE stops the parse). No tree is built: only these callbacks are set.
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT);
  xmlSAXHandler* sax = ctxt->sax;
  std::memset(sax, 0, sizeof(*sax));
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = &startElement;
  sax->endElementNs = &endElement;
  sax->characters = &characters;
  sax->cdataBlock = &characters;
  sax->ignorableWhitespace = &characters;
  sax->processingInstruction = &processingInstruction;
  sax->internalSubset = &refuseDoctype;
  sax->serror = &parseError;
  ctxt->_private = &state;
  ctxt->replaceEntities = 1;
  ctxt->loadsubset = 0;
  xmlParseDocument(ctxt.get());

  if (state.doctype) {
    result.report = core::Report();
    result.report.add(detail::doctypeProblem(xmlSAX2GetLineNumber(ctxt.get())));
    return result;
  }
  if (state.relative_namespace) {
    result.report = core::Report();
    result.report.error("xml.namespace-uri", core::Location{state.relative_line, 0, ""},
                        {"Tài liệu khai báo không gian tên (namespace) không phải URI tuyệt đối: "
                         "không chuẩn hóa được.",
                         "The document declares a namespace that is not an absolute URI: it cannot "
                         "be canonicalized."});
    return result;
  }
  state.problems.finish();
  const xmlChar* encoding = ctxt->input != nullptr ? ctxt->input->encoding : nullptr;
  if (ctxt->wellFormed != 0 && encoding != nullptr &&
      xmlStrcasecmp(encoding, reinterpret_cast<const xmlChar*>("UTF-8")) != 0) {
    const std::string declared(sv(encoding));
    result.report.add(detail::encodingProblem(declared));
    return result;
  }
  // nsWellFormed: an undeclared prefix is a namespace error libxml2 reports without stopping.
  if (ctxt->wellFormed == 0 || ctxt->nsWellFormed == 0 || state.root_qname.empty() ||
      state.problems.out_of_memory) {
    if (result.report.valid()) {
      result.report.add(detail::malformedProblem());
    }
    return result;
  }
  state.flush(true);
  result.ok = !state.sink_failed;
  result.root_qname = std::move(state.root_qname);
  result.skipped = std::move(state.skipped);
  return result;
}

}  // namespace awardflow::xml
