#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace awardflow::http {

// Request counters and a latency histogram, rendered in the Prometheus text format.
// Thread-safe.
class Metrics {
 public:
  void record(const std::string& method, const std::string& route, int status, double seconds);
  // The metrics text; `extra` (already in the text format) is appended: gauges the caller
  // computes at scrape time (dossiers by state, overdue).
  std::string render(const std::string& extra) const;

 private:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::int64_t> requests_;
  std::array<std::int64_t, kBuckets.size()> bucket_counts_{};
  std::int64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace awardflow::http
