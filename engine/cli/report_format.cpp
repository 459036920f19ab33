#include "engine/cli/report_format.hpp"

#include <algorithm>
#include <ostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace awardflow::cli {
namespace {

struct Words {
  const char* valid;
  const char* invalid;
  const char* unreadable;
  const char* error;
  const char* warning;
  const char* notice;
  const char* errors;
  const char* warnings;
  const char* notices;
  const char* line;
  const char* dossier;
  const char* procedure;
  const char* nominees;
  const char* documents;
  const char* total;
  const char* files;
};

constexpr Words kVi{"HỢP LỆ",    "KHÔNG HỢP LỆ", "KHÔNG ĐỌC ĐƯỢC", "lỗi",  "cảnh báo", "ghi chú",
                    "lỗi",       "cảnh báo",     "ghi chú",        "dòng", "hồ sơ",    "thủ tục",
                    "đối tượng", "văn bản",      "Tổng",           "tệp"};
constexpr Words kEn{"VALID",    "INVALID",   "UNREADABLE", "error", "warning", "notice",
                    "errors",   "warnings",  "notices",    "line",  "dossier", "procedure",
                    "nominees", "documents", "Total",      "files"};

const char* severityWord(const Words& w, core::Severity s) {
  switch (s) {
    case core::Severity::Error:
      return w.error;
    case core::Severity::Warning:
      return w.warning;
    case core::Severity::Notice:
      return w.notice;
  }
  return w.error;
}

std::string failureText(const core::Error& error, std::string_view lang) {
  const bool missing = error.code == core::Errc::NotFound;
  if (lang == "en")
    return (missing ? "no such file" : "cannot be read") + std::string(" (") + error.message + ")";
  return (missing ? "không có tệp này" : "không đọc được tệp") + std::string(" (") + error.message +
         ")";
}

void writeProblem(std::ostream& out, const Words& w, const core::Problem& p,
                  std::string_view lang) {
  out << "  [" << severityWord(w, p.severity) << "] " << p.code;
  if (p.location.line > 0) {
    out << " — " << w.line << " " << p.location.line;
    if (p.location.column > 0) out << ":" << p.location.column;
  }
  if (!p.location.path.empty()) out << (p.location.line > 0 ? ", " : " — ") << p.location.path;
  out << "\n      " << p.message.in(lang) << "\n";
}

Poco::JSON::Object::Ptr messageJson(const core::Message& m) {
  Poco::JSON::Object::Ptr message = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  message->set("vi", m.vi);
  message->set("en", m.en);
  return message;
}

Poco::JSON::Object::Ptr failureJson(const core::Error& error) {
  Poco::JSON::Object::Ptr failure = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  failure->set("code", std::string(core::errcName(error.code)));
  failure->set("message", error.message);
  return failure;
}

Poco::JSON::Object::Ptr problemJson(const core::Problem& p) {
  constexpr int kOrdered = Poco::JSON_PRESERVE_KEY_ORDER;
  Poco::JSON::Object::Ptr problem = new Poco::JSON::Object(kOrdered);
  problem->set("severity", std::string(core::severityName(p.severity)));
  problem->set("code", p.code);
  if (p.location.line > 0) problem->set("line", p.location.line);
  if (p.location.column > 0) problem->set("column", p.location.column);
  if (!p.location.path.empty()) problem->set("path", p.location.path);
  problem->set("message", messageJson(p.message));
  return problem;
}

}  // namespace

void writeText(std::ostream& out, const std::vector<FileOutcome>& outcomes, std::string_view lang) {
  const Words& w = lang == "en" ? kEn : kVi;
  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::size_t unreadable = 0;
  for (const FileOutcome& o : outcomes) {
    if (!o.result) {
      ++unreadable;
      out << o.file << ": " << w.unreadable << " — " << failureText(*o.failure, lang) << "\n";
      continue;
    }
    const core::Report& report = o.result->report;
    const bool ok = report.valid();
    ++(ok ? valid : invalid);
    out << o.file << ": " << (ok ? w.valid : w.invalid) << " — "
        << report.count(core::Severity::Error) << " " << w.errors << ", "
        << report.count(core::Severity::Warning) << " " << w.warnings << ", "
        << report.count(core::Severity::Notice) << " " << w.notices << "\n";
    if (const auto& d = o.result->dossier) {
      out << "  " << w.dossier << " " << d->id << " · " << w.procedure << " " << d->rulebook << "/"
          << d->procedure;
      if (!d->procedure_title.empty() && lang != "en") out << " («" << d->procedure_title << "»)";
      out << " · " << d->nominees << " " << w.nominees << " · " << d->documents << " "
          << w.documents << "\n";
    }
    for (const core::Problem& p : report.problems()) writeProblem(out, w, p, lang);
  }
  if (outcomes.size() > 1) {
    out << w.total << ": " << outcomes.size() << " " << w.files << ", " << valid << " "
        << (lang == "en" ? "valid" : "hợp lệ") << ", " << invalid << " "
        << (lang == "en" ? "invalid" : "không hợp lệ") << ", " << unreadable << " "
        << (lang == "en" ? "unreadable" : "không đọc được") << "\n";
  }
}

void writeJson(std::ostream& out, const std::vector<FileOutcome>& outcomes) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  constexpr int kOrdered = Poco::JSON_PRESERVE_KEY_ORDER;
  bool all_valid = true;
  Array::Ptr files = new Array(kOrdered);
  for (const FileOutcome& o : outcomes) {
    Object::Ptr file = new Object(kOrdered);
    file->set("file", o.file);
    if (!o.result) {
      all_valid = false;
      file->set("valid", false);
      file->set("failure", failureJson(*o.failure));
      files->add(file);
      continue;
    }
    const core::Report& report = o.result->report;
    all_valid = all_valid && report.valid();
    file->set("valid", report.valid());
    if (const auto& d = o.result->dossier) {
      Object::Ptr dossier = new Object(kOrdered);
      dossier->set("id", d->id);
      dossier->set("rulebook", d->rulebook);
      dossier->set("procedure", d->procedure);
      dossier->set("nominees", d->nominees);
      dossier->set("documents", d->documents);
      file->set("dossier", dossier);
    }
    Object::Ptr counts = new Object(kOrdered);
    counts->set("errors", report.count(core::Severity::Error));
    counts->set("warnings", report.count(core::Severity::Warning));
    counts->set("notices", report.count(core::Severity::Notice));
    file->set("counts", counts);
    Array::Ptr problems = new Array(kOrdered);
    for (const core::Problem& p : report.problems()) problems->add(problemJson(p));
    file->set("problems", problems);
    files->add(file);
  }
  Object root(kOrdered);
  root.set("valid", all_valid);
  root.set("files", files);
  root.stringify(out, 2);
  out << "\n";
}

}  // namespace awardflow::cli

namespace awardflow::cli {

void writeSignaturesText(std::ostream& out, const std::vector<service::FileSignatures>& files,
                         std::string_view lang) {
  const bool en = lang == "en";
  const Words& w = en ? kEn : kVi;
  for (const service::FileSignatures& f : files) {
    if (f.failure) {
      out << f.file << ": " << w.unreadable << " — " << failureText(*f.failure, lang) << "\n";
      continue;
    }
    const auto& sigs = f.report.signatures;
    const auto good = static_cast<std::size_t>(
        std::count_if(sigs.begin(), sigs.end(), [](const auto& s) { return s.valid; }));
    out << f.file << ": " << (f.valid() ? w.valid : w.invalid) << " — ";
    if (!f.parse_problems.valid()) {
      out << (en ? "the document cannot be read" : "không đọc được văn bản") << "\n";
      for (const core::Problem& p : f.parse_problems.problems()) writeProblem(out, w, p, lang);
      continue;
    }
    if (sigs.empty()) {
      out << (en ? "no signature" : "không có chữ ký số") << "\n";
      continue;
    }
    out << good << "/" << sigs.size() << (en ? " signatures valid" : " chữ ký hợp lệ") << "\n";
    for (const crypto::SignatureReport& s : sigs) {
      out << "  [" << s.index << "] "
          << (s.valid ? (en ? "valid" : "hợp lệ") : (en ? "INVALID" : "KHÔNG HỢP LỆ"));
      if (!s.valid) out << " · " << s.code;
      if (!s.signature_algorithm.empty())
        out << " · " << s.signature_algorithm << "/" << s.digest_algorithm;
      if (s.where.line > 0) out << " — " << w.line << " " << s.where.line;
      out << "\n";
      if (!s.signer_subject.empty()) {
        out << "      " << (en ? "signer: " : "người ký: ") << s.signer_subject << "\n"
            << "      " << (en ? "issuer: " : "cấp bởi: ") << s.signer_issuer << " · "
            << (en ? "serial " : "số sê-ri ") << s.signer_serial << "\n";
      } else if (!s.key_source.empty()) {
        out << "      " << (en ? "key: " : "khóa: ") << s.key_source << "\n";
      }
      if (!s.claimed_signing_time.empty()) {
        out << "      "
            << (en ? "signing time (claimed by the signer): " : "thời điểm ký (người ký khai): ")
            << s.claimed_signing_time << "\n";
      }
      if (!s.chain.empty()) {
        out << "      " << (en ? "chain: " : "chuỗi chứng thư: ");
        for (std::size_t i = 0; i < s.chain.size(); ++i) out << (i ? " → " : "") << s.chain[i];
        out << "\n";
      }
      out << "      " << s.reason.in(lang) << "\n";
    }
  }
}

void writeSignaturesJson(std::ostream& out, const std::vector<service::FileSignatures>& files) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  constexpr int kOrdered = Poco::JSON_PRESERVE_KEY_ORDER;
  bool all_valid = true;
  Array::Ptr list = new Array(kOrdered);
  for (const service::FileSignatures& f : files) {
    all_valid = all_valid && f.valid();
    Object::Ptr file = new Object(kOrdered);
    file->set("file", f.file);
    file->set("valid", f.valid());
    if (f.failure) {
      file->set("failure", failureJson(*f.failure));
      list->add(file);
      continue;
    }
    Array::Ptr problems = new Array(kOrdered);
    for (const core::Problem& p : f.parse_problems.problems()) problems->add(problemJson(p));
    file->set("problems", problems);
    Array::Ptr signatures = new Array(kOrdered);
    for (const crypto::SignatureReport& s : f.report.signatures) {
      Object::Ptr sig = new Object(kOrdered);
      sig->set("index", s.index);
      if (s.where.line > 0) sig->set("line", s.where.line);
      sig->set("path", s.where.path);
      sig->set("valid", s.valid);
      sig->set("code", s.code);
      sig->set("message", messageJson(s.reason));
      sig->set("algorithm", s.signature_algorithm);
      sig->set("digest", s.digest_algorithm);
      sig->set("keySource", s.key_source);
      if (!s.signer_subject.empty()) {
        Object::Ptr signer = new Object(kOrdered);
        signer->set("subject", s.signer_subject);
        signer->set("issuer", s.signer_issuer);
        signer->set("serial", s.signer_serial);
        sig->set("signer", signer);
      }
      if (!s.claimed_signing_time.empty()) sig->set("claimedSigningTime", s.claimed_signing_time);
      Array::Ptr chain = new Array(kOrdered);
      for (const std::string& c : s.chain) chain->add(c);
      sig->set("chain", chain);
      signatures->add(sig);
    }
    file->set("signatures", signatures);
    list->add(file);
  }
  Object root(kOrdered);
  root.set("valid", all_valid);
  root.set("files", list);
  root.stringify(out, 2);
  out << "\n";
}

}  // namespace awardflow::cli
