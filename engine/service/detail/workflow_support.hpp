#pragma once

// Small helpers shared by the Workflow's use cases (workflow*.cpp, upward.cpp, publication.cpp):
// refusals in both languages, JSON string literals for event payloads, trimming, role checks and
// state labels.

#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/model/account.hpp"
#include "engine/model/dossier.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::service::detail {

// "line 12: /dossier/nominees: code: vi / en" for an error list.
std::string locatedProblem(const core::Problem& p);
bool isSignatureProblem(const core::Problem& p);
// The common name of a certificate subject in RFC 2253 form.
std::string commonName(const std::string& subject);
// A stored attachment with what the PDF library read from it: a scan that is not a PDF, or whose
// structure is damaged, is refused with the file's name.
core::Result<model::StoredFile> scannedFile(int revision, const model::Attachment& a,
                                            const std::string& bytes, const std::string& sha);

inline core::Unexpected refuse(core::Errc code, const std::string& en, const std::string& vi) {
  return core::fail(code, en, {vi});
}

// JSON string literal for event payloads.
inline std::string js(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

inline std::string jsList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + js(items[i]);
  return out + "]";
}

inline std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

inline core::Result<void> requireRole(const model::User& actor, model::Role role,
                                      const std::string& en, const std::string& vi) {
  if (actor.role == role) return {};
  return refuse(core::Errc::PermissionDenied, "only the " + model::label(role).en + " may " + en,
                "chỉ " + model::label(role).vi + " được " + vi);
}

// The label/value pairs an office document's body lists.
using Fields = std::vector<std::pair<std::string, std::string>>;

// "UBND-HUONGSON" → "UBND": the agency part of a document notation ("12/QĐ-UBND").
inline std::string notationSuffix(const std::string& code) {
  const auto dash = code.find('-');
  return dash == std::string::npos ? code : code.substr(0, dash);
}

// The label of `state` in `lifecycle`, Vietnamese or English (Vietnamese when it has no English).
inline std::string stateLabel(const model::Lifecycle& lifecycle, const std::string& state,
                              bool vi) {
  const model::LifecycleState* s = lifecycle.state(state);
  if (s == nullptr) return state;
  return vi || s->label.en.empty() ? s->label.vi : s->label.en;
}

// Everyone but a submitting unit reads every dossier of their scope, not only their unit's.
inline bool canSeeAll(model::Role role) { return role != model::Role::SubmittingUnit; }

}  // namespace awardflow::service::detail
