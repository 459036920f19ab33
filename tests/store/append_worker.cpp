// Test helper for crash_test: appends events to the store at argv[1] for ever, printing each
// sequence number on stdout only after its transaction committed (i.e. acknowledged).
#include <cstdio>

#include "engine/store/audit_log.hpp"
#include "engine/store/database.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  auto db = awardflow::store::Database::open(argv[1]);
  if (!db) return 69;
  const awardflow::store::AuditLog log(*db);
  for (;;) {
    awardflow::store::Event e;
    e.actor = "worker";
    e.kind = "crash.test";
    e.payload = "{\"padding\":\"" + std::string(200, 'x') + "\"}";
    auto written = log.append(e);
    if (!written) return 70;
    std::printf("%lld\n", static_cast<long long>(written->seq));
    std::fflush(stdout);
  }
}
