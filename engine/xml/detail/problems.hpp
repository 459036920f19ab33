#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "engine/core/c_handle.hpp"
#include "engine/core/report.hpp"

namespace awardflow::xml::detail {

// Collects libxml2 structured errors into a Report from inside C callbacks, never throwing
// through them. `classify` turns one libxml2 error into a located, bilingual Problem.
struct ProblemSink {
  core::Report* report = nullptr;
  std::size_t max_problems = 200;
  std::size_t dropped = 0;
  bool out_of_memory = false;
  core::Problem (*classify)(const xmlError& error) = nullptr;

  // Adds the closing notice when problems were dropped.
  void finish();
};

// Silences libxml2's generic error channel for the calling thread. Parsing problems reach us
// through the structured handlers; a few (encoding conversion) are also printed to stderr by
// libxml2 itself, which a server must not do for every bad upload.
void quietGenericErrors();

using ParserContext = core::CHandle<xmlParserCtxt, &xmlFreeParserCtxt>;

// The common start of every parse of untrusted bytes: libxml2 ready, its stderr channel quiet,
// the size limit checked before a byte is read (libxml2 also takes no more than INT_MAX), and a
// parser context over the bytes. Returns null after adding the problem to `report`.
ParserContext openParser(std::string_view bytes, std::size_t max_bytes, core::Report& report);

// libxml2 xmlStructuredErrorFunc: `user` is a ProblemSink*.
void collectError(void* user, xmlErrorPtr error);

// The problems parsing reports, shared by parse() and canonicalizeStream().
core::Problem parseErrorProblem(const xmlError& error);      // xml.malformed, located
core::Problem malformedProblem();                            // xml.malformed, no detail
core::Problem doctypeProblem(int line);                      // xml.doctype
core::Problem encodingProblem(const std::string& declared);  // xml.encoding

// libxml2's message without the trailing newline and with "{namespace}" prefixes removed.
std::string cleanMessage(const char* message);

// Path of a node ("/dossier/nominees/individual[2]"), "" for null.
std::string nodePath(const xmlNode* node);

}  // namespace awardflow::xml::detail
