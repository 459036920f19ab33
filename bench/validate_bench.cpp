// Validation throughput: awardflow's whole pipeline (hardened parse, XSD, model, rule checks)
// next to raw libxml2 parse + XSD validation of the same bytes with the same compiled schema
// file, in the same run. Target (issue 2): awardflow ≥ 80 % of raw libxml2.
//
// usage: awardflow_validate_bench [SAMPLE.xml] [SECONDS-PER-ROUND]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "engine/core/file.hpp"
#include "engine/service/paths.hpp"
#include "engine/service/validation.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The valid sample closest to 10 KB.
fs::path pickSample(const fs::path& home) {
  fs::path best;
  std::uintmax_t best_distance = UINTMAX_MAX;
  for (const auto& entry : fs::directory_iterator(home / "samples/dossiers/valid")) {
    if (entry.path().extension() != ".xml") continue;
    const auto size = entry.file_size();
    const auto distance = size > 10240 ? size - 10240 : 10240 - size;
    if (distance < best_distance) {
      best = entry.path();
      best_distance = distance;
    }
  }
  return best;
}

// Runs `work` on `threads` threads for `seconds`; returns completed calls per second.
double rate(int threads, double seconds, const std::function<bool()>& work) {
  std::atomic<bool> stop{false};
  std::atomic<long> done{0};
  std::atomic<long> failed{0};
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        if (!work()) failed.fetch_add(1);
        ++n;
      }
      done.fetch_add(n);
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : pool) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed.load() != 0)
    std::fprintf(stderr, "warning: %ld runs gave an unexpected verdict\n", failed.load());
  return static_cast<double>(done.load()) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path home = awardflow::service::dataHome();
  const fs::path sample = argc > 1 ? fs::path(argv[1]) : pickSample(home);
  const double seconds = argc > 2 ? std::stod(argv[2]) : 2.0;
  auto bytes = awardflow::core::readFile(sample);
  if (!bytes) {
    std::fprintf(stderr, "cannot read sample %s\n", sample.c_str());
    return 66;
  }
  const std::string text = *bytes;

  auto validator =
      awardflow::service::Validator::open(awardflow::service::defaultValidationConfig());
  if (!validator) {
    std::fprintf(stderr, "%s\n", validator.error().message.c_str());
    return 78;
  }
  if (!validator->validateBytes(text, "bench").valid()) {
    std::fprintf(stderr, "the sample is not valid; pick a valid one\n");
    return 65;
  }

  xmlInitParser();
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt((home / "schemas/dossier.xsd").c_str());
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) return 78;

  const auto raw = [&] {
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "bench.xml", nullptr,
                                  XML_PARSE_NONET);
    if (doc == nullptr) return false;
    xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
    const int rc = xmlSchemaValidateDoc(context, doc);
    xmlSchemaFreeValidCtxt(context);
    xmlFreeDoc(doc);
    return rc == 0;
  };
  const auto ours = [&] { return validator->validateBytes(text, "bench").valid(); };

  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::printf("sample: %s (%zu bytes); %.1f s per round, best of 3 rounds\n",
              sample.filename().c_str(), text.size(), seconds);
  std::printf("%-10s %16s %16s %8s %8s\n", "threads", "raw libxml2/s", "awardflow/s", "ratio",
              "target");
  for (int threads : {1, cores}) {
    double best_raw = 0;
    double best_ours = 0;
    for (int round = 0; round < 3; ++round) {  // interleaved so drift hits both alike
      best_raw = std::max(best_raw, rate(threads, seconds, raw));
      best_ours = std::max(best_ours, rate(threads, seconds, ours));
    }
    std::printf("%-10d %16.0f %16.0f %7.1f%% %7s\n", threads, best_raw, best_ours,
                100.0 * best_ours / best_raw, ">=80%");
  }
  xmlSchemaFree(schema);
  return 0;
}
