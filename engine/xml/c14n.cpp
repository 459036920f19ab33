#include "engine/xml/c14n.hpp"

#include <algorithm>

#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>

#include "engine/core/c_handle.hpp"

namespace awardflow::xml {

// Gives this file the node pointer behind an Element.
struct ElementAccess {
  static const xmlNode* node(const Element& e) { return e.node_; }
};

namespace {

struct Visibility {
  const xmlNode* apex = nullptr;
  std::vector<const xmlNode*> excluded;
};

// Called by libxml2 for every node (element, attribute, namespace, text, comment). Namespace
// nodes are xmlNs structures whose second field is the type, like xmlNode's; their element is
// `parent`. A node is visible when it lies in the apex subtree and in no excluded subtree.
int isVisible(void* user_data, xmlNodePtr node, xmlNodePtr parent) {
  const auto* v = static_cast<const Visibility*>(user_data);
  const bool on_element =
      node != nullptr && node->type != XML_NAMESPACE_DECL && node->type != XML_ATTRIBUTE_NODE;
  bool inside_apex = v->apex == nullptr;
  // NOLINTNEXTLINE(clang-analyzer-core.NullDereference): n is checked before each step
  for (const xmlNode* n = on_element ? node : parent; n != nullptr; n = n->parent) {
    if (std::find(v->excluded.begin(), v->excluded.end(), n) != v->excluded.end()) return 0;
    if (n == v->apex) inside_apex = true;
  }
  return inside_apex ? 1 : 0;
}

int writeToSink(void* context, const char* buffer, int length) {
  try {
    const auto* sink = static_cast<const OctetSink*>(context);
    return (*sink)(std::string_view(buffer, static_cast<std::size_t>(length))) ? length : -1;
  } catch (...) {  // never throw through libxml2
    return -1;
  }
}

int closeNothing(void* /*context*/) { return 0; }

int modeOf(C14nMethod method) {
  switch (method) {
    case C14nMethod::Inclusive10:
      return XML_C14N_1_0;
    case C14nMethod::Inclusive11:
      return XML_C14N_1_1;
    case C14nMethod::Exclusive10:
      return XML_C14N_EXCLUSIVE_1_0;
  }
  return XML_C14N_EXCLUSIVE_1_0;
}

}  // namespace

core::Result<std::string> canonicalize(const Document& document, const NodeSet& set,
                                       const C14nOptions& options) {
  std::string out;
  auto done = canonicalizeTo(document, set, options, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  });
  if (!done) return core::Unexpected{done.error()};
  return out;
}

core::Result<void> canonicalizeTo(const Document& document, const NodeSet& set,
                                  const C14nOptions& options, const OctetSink& sink) {
  Visibility visibility;
  if (set.apex) visibility.apex = ElementAccess::node(*set.apex);
  for (const Element& e : set.excluded) visibility.excluded.push_back(ElementAccess::node(e));

  std::vector<xmlChar*> prefixes;
  for (const std::string& p : options.inclusive_prefixes) {
    // libxml2 takes a NULL-terminated array of mutable strings; it only reads them.
    prefixes.push_back(
        const_cast<xmlChar*>(reinterpret_cast<const xmlChar*>(p.c_str())));  // NOLINT
  }
  prefixes.push_back(nullptr);

  // libxml2 wants a mutable context pointer; the sink is only called.
  auto* context = const_cast<OctetSink*>(&sink);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  xmlOutputBufferPtr buffer =
      xmlOutputBufferCreateIO(&writeToSink, &closeNothing, context, nullptr);
  if (buffer == nullptr)
    return core::fail(core::Errc::Internal, "cannot allocate a C14N output buffer");
  // The whole document needs no visibility test per node.
  const bool whole = visibility.apex == nullptr && visibility.excluded.empty();
  const int rc = xmlC14NExecute(
      document.raw(), whole ? nullptr : &isVisible, &visibility, modeOf(options.method),
      options.method == C14nMethod::Exclusive10 && prefixes.size() > 1 ? prefixes.data() : nullptr,
      options.with_comments ? 1 : 0, buffer);
  const int closed = xmlOutputBufferClose(buffer);
  if (rc < 0 || closed < 0) return core::fail(core::Errc::Internal, "canonicalization failed");
  return {};
}

}  // namespace awardflow::xml
