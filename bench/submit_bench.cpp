// In-process submissions per second: service::Workflow::submit on a signed sample dossier with its
// two attached PDFs (hardened parse, schema, rules, attachments with libqpdf, signature verified
// against the trust store, blobs, one transaction with the audit event) — the same work
// `POST /api/v1/dossiers` does, without HTTP. bench/http_bench.sh prints it beside wrk's figure.
//
// usage: awardflow_submit_bench DATA-DIR SIGNED-DOSSIER.xml [SECONDS] [THREADS]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "engine/core/clock.hpp"
#include "engine/core/file.hpp"
#include "engine/service/paths.hpp"
#include "engine/service/workflow.hpp"

using namespace awardflow;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: awardflow_submit_bench DATA-DIR SIGNED.xml [SECONDS] [THREADS]\n");
    return 64;
  }
  const double seconds = argc > 3 ? std::atof(argv[3]) : 5.0;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
  auto data = service::openDataDirectory(argv[1]);
  if (!data) return 66;
  const core::SystemClock clock;
  auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
  if (!workflow) {
    std::fprintf(stderr, "%s\n", workflow.error().message.c_str());
    return 78;
  }
  auto xml = core::readFile(argv[2]);
  if (!xml) return 66;
  auto user = (*workflow)->user("pho-chau");
  if (!user) return 66;
  std::atomic<long> done{0};
  std::atomic<long> failed{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      service::SubmitRequest r;
      r.xml = *xml;
      r.source = argv[2];
      r.attachments_dir = service::dataHome() / "samples/attachments";
      while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
             seconds) {
        if ((*workflow)->submit(*user, r)) {
          ++done;
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.1f\n", static_cast<double>(done.load()) / elapsed);
  if (failed != 0) std::fprintf(stderr, "%ld submissions failed\n", failed.load());
  return failed == 0 ? 0 : 1;
}
