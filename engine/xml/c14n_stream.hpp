#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/report.hpp"
#include "engine/xml/c14n.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::xml {

// Decides, for each element as it is parsed, whether to leave it out of the canonical form with
// its whole subtree. `depth` is 1 for the document element.
using SkipPredicate =
    std::function<bool(std::string_view namespace_uri, std::string_view local_name, int depth)>;

struct SkippedElement {
  int depth = 0;
  int line = 0;
};

struct StreamedCanonical {
  bool ok = false;         // well-formed, safe XML and every octet accepted by the sink
  core::Report report;     // xml.* problems when not ok
  std::string root_qname;  // the document element's qualified name as written
  std::vector<SkippedElement> skipped;
};

// Parses untrusted `bytes` with the hardening of parse() (size limit first, DOCTYPE refused,
// no network, UTF-8 only) and streams their Exclusive XML Canonicalization 1.0, without comments,
// to `sink` while parsing, without building a tree — the document-wide reference that a
// signer digests. Gives the same octets as canonicalize() on the parsed document with the
// skipped elements excluded (tests/xml/c14n_stream_test.cpp checks it on every sample).
StreamedCanonical canonicalizeStream(std::string_view bytes, const SkipPredicate& skip,
                                     const OctetSink& sink, const ParseOptions& options = {});

}  // namespace awardflow::xml
