// awardflow serve: configuration and wiring of the HTTP server (engine/http) on a data
// directory, until SIGTERM or SIGINT; then the requests in flight finish.
#include "engine/app/serve.hpp"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "engine/cli/cli.hpp"
#include "engine/cli/commands.hpp"
#include "engine/core/clock.hpp"
#include "engine/http/server.hpp"
#include "engine/service/archive.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/sessions.hpp"
#include "engine/service/store_fixity.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/archive_store.hpp"

namespace awardflow::app {
namespace {

struct Settings {
  http::ServerConfig server;
  std::string data;
  std::string access_log = "-";  // "-" standard error, "" none, else a file
  int sweep_minutes = 60;        // overdue sweep (escalations)
  int audit_hours = 24;          // fixity audit of the archive; 0 = none
};

// Reads `key = value` settings (docs/server.md); unknown keys are refused so typos show.
core::Result<void> readConfig(const std::string& file, Settings& s) {
  try {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config(
        new Poco::Util::PropertyFileConfiguration(file));
    std::vector<std::string> keys;
    const std::vector<std::string> known{"listen.host",     "listen.port",    "data.dir",
                                         "server.threads",  "server.queue",   "limits.body",
                                         "tls.certificate", "tls.key",        "log.access",
                                         "sweep.minutes",   "http.keepAlive", "archive.auditHours"};
    std::vector<std::string> roots;
    config->keys(roots);
    for (const std::string& root : roots) {
      std::vector<std::string> children;
      config->keys(root, children);
      for (const std::string& child : children) {
        std::string key = root;
        key.append(".").append(child);
        if (std::find(known.begin(), known.end(), key) == known.end()) {
          std::string en = file;
          en.append(": unknown setting '").append(key).append("'");
          std::string vi = file;
          vi.append(": không có thiết lập '").append(key).append("'");
          return core::fail(core::Errc::Config, en, {vi});
        }
      }
    }
    s.server.host = config->getString("listen.host", s.server.host);
    s.server.port = config->getInt("listen.port", s.server.port);
    s.data = config->getString("data.dir", s.data);
    s.server.threads = config->getInt("server.threads", s.server.threads);
    s.server.max_queued = config->getInt("server.queue", s.server.max_queued);
    s.server.max_body = config->getInt64("limits.body", s.server.max_body);
    s.server.keep_alive_seconds = config->getInt("http.keepAlive", s.server.keep_alive_seconds);
    s.server.tls_certificate = config->getString("tls.certificate", "");
    s.server.tls_key = config->getString("tls.key", "");
    s.access_log = config->getString("log.access", s.access_log);
    s.sweep_minutes = config->getInt("sweep.minutes", s.sweep_minutes);
    s.audit_hours = config->getInt("archive.auditHours", s.audit_hours);
    if (s.audit_hours < 0) {
      return core::fail(core::Errc::Config, file + ": archive.auditHours is 0 (off) or more",
                        {file + ": archive.auditHours phải từ 0 (tắt) trở lên"});
    }
    return {};
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Config, file + ": " + e.displayText());
  }
}

}  // namespace

int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Poco::Util::OptionSet options;
  options.addOption(cli::dataOption());
  options.addOption(Poco::Util::Option("config", "c", "settings file (key = value; docs/server.md)")
                        .argument("FILE"));
  options.addOption(
      Poco::Util::Option("listen", "l", "HOST:PORT to listen on (default 127.0.0.1:8080)")
          .argument("HOST:PORT"));
  const cli::ParsedArgs parsed = cli::parseArgs(args, options);
  if (parsed.help) {
    cli::writeHelp(out, options, "serve", "[--config FILE] [--data DIR] [--listen HOST:PORT]",
                   "Serves the REST API (/api/v1, docs/openapi.yaml), sign-in, /healthz and "
                   "/metrics on the data directory until SIGTERM or SIGINT, then finishes the "
                   "requests in flight. Command-line options win over the settings file.");
    return cli::kExitOk;
  }
  Settings settings;
  settings.data = cli::dataDirectory(parsed).string();
  if (parsed.has("config")) {
    auto read = readConfig(parsed.value("config"), settings);
    if (!read) return cli::reportFailure(err, "serve", read.error());
    if (parsed.has("data")) settings.data = parsed.value("data");
  }
  if (parsed.has("listen")) {
    const std::string listen = parsed.value("listen");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
      return cli::usageError(err, "serve", "--listen takes HOST:PORT", "--listen cần HOST:PORT");
    }
    settings.server.host = listen.substr(0, colon);
    settings.server.port = std::atoi(listen.c_str() + colon + 1);
  }

  // Signals are taken by sigwait below, not by whichever thread they land on.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto data = service::openDataDirectory(settings.data);
  if (!data) return cli::reportFailure(err, "serve", data.error());
  const core::SystemClock clock;
  auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
  if (!workflow) return cli::reportFailure(err, "serve", workflow.error());
  service::Sessions sessions(**data, clock);
  std::ofstream log_file;
  std::ostream* access_log = nullptr;
  if (settings.access_log == "-") {
    access_log = &std::cerr;
  } else if (!settings.access_log.empty()) {
    log_file.open(settings.access_log, std::ios::app);
    access_log = &log_file;
  }
  auto server = http::Server::start(settings.server, **data, **workflow, sessions, access_log);
  if (!server) return cli::reportFailure(err, "serve", server.error());
  const std::string scheme = settings.server.tls_certificate.empty() ? "http" : "https";
  out << "awardflow serving " << scheme << "://" << settings.server.host << ":" << (*server)->port()
      << "/ (data " << settings.data << "); stop with Ctrl-C or SIGTERM\n";
  out.flush();

  // The overdue sweep: escalations are recorded without anyone asking.
  std::mutex mutex;
  std::condition_variable stop;
  bool stopping = false;
  std::thread sweeper([&] {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      lock.unlock();
      (void)(*workflow)->overdue(std::nullopt, true);
      lock.lock();
      stop.wait_for(lock, std::chrono::minutes(std::max(1, settings.sweep_minutes)),
                    [&] { return stopping; });
    }
  });
  // The fixity audit of the archive every archive.auditHours. Its period counts from the last
  // check stored, so that restarting the server does not put the audit off for ever.
  const service::Archive archive(**data, clock);
  std::thread auditor([&] {
    if (settings.audit_hours <= 0) return;
    const auto period = std::chrono::hours(settings.audit_hours);
    auto next = std::chrono::system_clock::now() + period;
    auto latest = store::ArchiveStore((*data)->database).fixity("", 1);
    if (latest && !latest->empty()) {
      if (auto at = core::parseUtcTimestamp(latest->front().at))
        next = std::min(next, std::chrono::system_clock::from_time_t(*at) + period);
    }
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      if (stop.wait_until(lock, next, [&] { return stopping; })) break;
      lock.unlock();
      // The live store first (blobs, dossiers' files, the database), then the sealed packages.
      auto live = service::auditStore(**data, "");
      if (!live) {
        err << "awardflow: store audit failed: " << live.error().message << "\n";
      } else if (!live->healthy()) {
        err << "awardflow: store audit: " << live->damaged_blob_count << " damaged blobs, "
            << live->problem_count
            << " files of dossiers missing or damaged, database: " << live->database << "\n";
      }
      auto audit = archive.audit("");
      if (!audit) {
        err << "awardflow: fixity audit failed: " << audit.error().message << "\n";
      } else if (audit->damaged + audit->missing > 0) {
        err << "awardflow: fixity audit: " << audit->damaged << " damaged, " << audit->missing
            << " missing of " << audit->checks.size() << " records\n";
      }
      err.flush();
      lock.lock();
      next = std::chrono::system_clock::now() + period;
    }
  });
  int signal = 0;
  sigwait(&signals, &signal);
  out << "awardflow: signal " << signal << ", finishing requests in flight\n";
  out.flush();
  (*server)->stop(10);
  {
    const std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  stop.notify_all();
  sweeper.join();
  auditor.join();
  return cli::kExitOk;
}

}  // namespace awardflow::app
