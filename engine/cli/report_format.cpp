#include "engine/cli/report_format.hpp"

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
    for (const core::Problem& p : report.problems()) {
      out << "  [" << severityWord(w, p.severity) << "] " << p.code;
      if (p.location.line > 0) {
        out << " — " << w.line << " " << p.location.line;
        if (p.location.column > 0) out << ":" << p.location.column;
      }
      if (!p.location.path.empty()) out << (p.location.line > 0 ? ", " : " — ") << p.location.path;
      out << "\n      " << p.message.in(lang) << "\n";
    }
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
      Object::Ptr failure = new Object(kOrdered);
      failure->set("code", std::string(core::errcName(o.failure->code)));
      failure->set("message", o.failure->message);
      file->set("failure", failure);
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
    for (const core::Problem& p : report.problems()) {
      Object::Ptr problem = new Object(kOrdered);
      problem->set("severity", std::string(core::severityName(p.severity)));
      problem->set("code", p.code);
      if (p.location.line > 0) problem->set("line", p.location.line);
      if (p.location.column > 0) problem->set("column", p.location.column);
      if (!p.location.path.empty()) problem->set("path", p.location.path);
      Object::Ptr message = new Object(kOrdered);
      message->set("vi", p.message.vi);
      message->set("en", p.message.en);
      problem->set("message", message);
      problems->add(problem);
    }
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
