#pragma once

#include <atomic>
#include <filesystem>

#include "engine/http/router.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/replies.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::http {

class Metrics;

// The REST API under /api/v1 (docs/openapi.yaml) and the operational routes (/healthz,
// /metrics, /api/openapi.json). Handlers translate HTTP to service calls and back; every rule
// about who may do what lives in the service.
class Api {
 public:
  Api(const service::DataDirectory& data, service::Workflow& workflow, service::Sessions& sessions,
      const service::RequestReplies& replies, Metrics& metrics, bool secure_cookies)
      : data_(data),
        workflow_(workflow),
        sessions_(sessions),
        replies_(replies),
        archive_(data, sessions.clock()),
        metrics_(metrics),
        secure_cookies_(secure_cookies) {}

  // Adds every route to `router`.
  void addRoutes(Router& router);

 private:
  const service::DataDirectory& data_;
  service::Workflow& workflow_;
  service::Sessions& sessions_;
  const service::RequestReplies& replies_;
  const service::Archive archive_;
  Metrics& metrics_;
  bool secure_cookies_;
};

}  // namespace awardflow::http
