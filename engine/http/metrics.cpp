#include "engine/http/metrics.hpp"

#include <sstream>

namespace awardflow::http {

void Metrics::record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{method, route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(const std::string& extra) const {
  std::ostringstream out;
  const std::lock_guard<std::mutex> lock(mutex_);
  out << "# HELP awardflow_http_requests_total HTTP requests by method, route and status.\n"
         "# TYPE awardflow_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "awardflow_http_requests_total{method=\"" << method << "\",route=\"" << route
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP awardflow_http_request_duration_seconds Time to answer a request.\n"
         "# TYPE awardflow_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    out << "awardflow_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << bucket_counts_[i] << "\n";
  }
  out << "awardflow_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "awardflow_http_request_duration_seconds_sum " << sum_ << "\n"
      << "awardflow_http_request_duration_seconds_count " << count_ << "\n";
  out << extra;
  return out.str();
}

}  // namespace awardflow::http
