#include "tests/layering/layering.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace awardflow::testing {
namespace {

// DESIGN.md §2: each module and the modules it may include (directly or not, all listed).
const std::map<std::string, std::set<std::string>>& allowedModules() {
  static const std::map<std::string, std::set<std::string>> kAllowed{
      {"core", {}},
      {"model", {"core"}},
      {"xml", {"core"}},
      {"crypto", {"core", "xml"}},  // the XMLDSig profile canonicalizes through xml
      {"workflow", {"core", "model", "xml", "crypto"}},
      {"dossier", {"core", "model", "xml", "crypto"}},
      {"store", {"core", "model", "crypto"}},
      {"archive", {"core", "model", "xml", "crypto"}},
      {"service", {"core", "model", "xml", "crypto", "workflow", "dossier", "store", "archive"}},
      {"http", {"core", "model", "service"}},
      {"cli", {"core", "model", "service"}},
      {"app",
       {"core", "model", "xml", "crypto", "workflow", "dossier", "store", "archive", "service",
        "http", "cli"}},
  };
  return kAllowed;
}

// Third-party include prefixes reserved to some modules.
const std::vector<std::pair<std::string, std::set<std::string>>>& reservedHeaders() {
  static const std::vector<std::pair<std::string, std::set<std::string>>> kReserved{
      {"libxml/", {"xml"}},           {"openssl/", {"crypto"}},
      {"unicode/", {"core"}},         {"Poco/Data/", {"store", "app"}},
      {"Poco/Net/", {"http", "app"}}, {"xmlsec/", {}},
  };
  return kReserved;
}

}  // namespace

std::vector<LayeringViolation> checkLayering(const std::filesystem::path& engine_dir) {
  namespace fs = std::filesystem;
  static const std::regex kInclude(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<LayeringViolation> out;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(engine_dir)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".hpp" || ext == ".cpp" || ext == ".h"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const fs::path relative = fs::relative(file, engine_dir);
    const std::string module = relative.begin()->string();
    const std::string name = "engine/" + relative.generic_string();
    const auto allowed = allowedModules().find(module);
    if (allowed == allowedModules().end()) {
      out.push_back({name, 0, "module '" + module + "' is not in DESIGN.md's module table"});
      continue;
    }
    std::ifstream in(file);
    std::string text;
    int line = 0;
    while (std::getline(in, text)) {
      ++line;
      std::smatch match;
      if (!std::regex_search(text, match, kInclude)) continue;
      const std::string header = match[2];
      if (header.rfind("engine/", 0) == 0) {
        const std::string target = header.substr(7, header.find('/', 7) - 7);
        if (target != module && allowed->second.count(target) == 0) {
          out.push_back(
              {name, line, module + " may not include " + header + " (module " + target + ")"});
        }
        continue;
      }
      for (const auto& [prefix, owners] : reservedHeaders()) {
        if (header.rfind(prefix, 0) == 0 && owners.count(module) == 0) {
          out.push_back(
              {name, line, "<" + header + "> is reserved to another module than " + module});
        }
      }
    }
  }
  return out;
}

}  // namespace awardflow::testing
