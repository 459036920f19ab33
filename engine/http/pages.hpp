#pragma once

// The web pages (issue #7): server-rendered HTML from the logic-less templates in web/templates
// (kainjow mustache, Debian libkainjow-mustache-dev), Vietnamese first with an English switch on
// the same URLs, working without JavaScript. Pages sign in with the same session cookie as the
// API; every rule about who sees what stays in the service.

#include <filesystem>
#include <map>
#include <string>

#include "engine/core/error.hpp"
#include "engine/http/router.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/replies.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/workflow.hpp"

namespace awardflow::http {

class Pages {
 public:
  // Reads every template of `web_dir`/templates and checks that it parses. Errc::Config when one
  // is missing or malformed.
  static core::Result<Pages> load(const std::filesystem::path& web_dir,
                                  const service::DataDirectory& data, service::Workflow& workflow,
                                  service::Sessions& sessions,
                                  const service::RequestReplies& replies, bool secure_cookies);

  // Adds the page routes (Access::Page) and /static/{name} to `router`.
  void addRoutes(Router& router);

 private:
  Pages(std::filesystem::path web_dir, std::map<std::string, std::string> templates,
        const service::DataDirectory& data, service::Workflow& workflow,
        service::Sessions& sessions, const service::RequestReplies& replies, bool secure_cookies)
      : web_dir_(std::move(web_dir)),
        templates_(std::move(templates)),
        data_(&data),
        workflow_(&workflow),
        sessions_(&sessions),
        replies_(&replies),
        secure_cookies_(secure_cookies) {}

  std::filesystem::path web_dir_;
  std::map<std::string, std::string> templates_;  // name → text
  const service::DataDirectory* data_;
  service::Workflow* workflow_;
  service::Sessions* sessions_;
  const service::RequestReplies* replies_;
  bool secure_cookies_;
};

}  // namespace awardflow::http
