#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::xml {

// Canonical XML variants (W3C): C14N 1.0, C14N 1.1 and Exclusive C14N 1.0.
enum class C14nMethod { Inclusive10, Inclusive11, Exclusive10 };

// A document subset: the subtree at `apex` (the whole document when absent) minus the subtrees
// of `excluded` (e.g. ds:Signature elements for the enveloped-signature transform).
struct NodeSet {
  std::optional<Element> apex;
  std::vector<Element> excluded;
};

struct C14nOptions {
  C14nMethod method = C14nMethod::Exclusive10;
  bool with_comments = false;
  // Exclusive C14N only: prefixes rendered as in inclusive C14N (InclusiveNamespaces PrefixList);
  // "#default" for the default namespace.
  std::vector<std::string> inclusive_prefixes;
};

// Receives canonical octets in order, chunk by chunk; returns false to stop with an error.
using OctetSink = std::function<bool(std::string_view chunk)>;

// Streams the canonical octets of `set` to `sink` (e.g. straight into a digest, without
// building the string). Fails like canonicalize(), or when `sink` returns false.
core::Result<void> canonicalizeTo(const Document& document, const NodeSet& set,
                                  const C14nOptions& options, const OctetSink& sink);

// The canonical octets of `set` in `document`. Fails with Errc::Internal only when libxml2 cannot
// canonicalize (out of memory). Thread-safe for distinct or unmodified documents.
core::Result<std::string> canonicalize(const Document& document, const NodeSet& set,
                                       const C14nOptions& options);

}  // namespace awardflow::xml
