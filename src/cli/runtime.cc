#include "cli/runtime.h"

#include <fstream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <thread>
#include <mutex>
#include <condition_variable>

#include "app/open_timescales.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "security/crypto.h"

namespace safehub::cli {

void Fail(const Status& status) {
  std::cerr << "safehub: " << status.message() << "\n";
  throw CLI::RuntimeError(1);
}

Result<std::unique_ptr<Runtime>> OpenRuntime(const std::string& db_path) {
  RETURN_IF_ERROR(security::Initialise());
  auto runtime = std::make_unique<Runtime>();
  ASSIGN_OR_RETURN(runtime->store, store::sqlite::SqliteStore::Open(db_path));
  // New databases are created owner-only; one created before that (or copied in) may not be.
  std::error_code ec;
  const auto mode = std::filesystem::status(db_path, ec).permissions();
  using std::filesystem::perms;
  if (!ec && (mode & (perms::group_all | perms::others_all)) != perms::none) {
    spdlog::warn("the database {} can be read or written by other users of this machine: it holds children's "
                 "records; run: chmod 600 {}", db_path, db_path);
  }
  runtime->auth = std::make_unique<app::AuthService>(*runtime->store, runtime->clock, app::AuthSettings{});
  runtime->records = std::make_unique<app::ChildRecords>(*runtime->store, runtime->clock);
  runtime->organisations = std::make_unique<app::Organisations>(*runtime->store, runtime->clock);
  runtime->feeds = std::make_unique<app::FeedIngest>(*runtime->store, runtime->clock, runtime->child_index);
  runtime->signposting = std::make_unique<app::Signposting>(*runtime->store, runtime->clock);
  runtime->casework = std::make_unique<app::Casework>(*runtime->store, runtime->clock);
  runtime->caseloads = std::make_unique<app::Caseloads>(*runtime->store, runtime->clock, *runtime->records,
                                                        *runtime->casework);
  // A database from before migration 8 has casework but no derived open timescales: derive
  // them once, so the work lists are complete (one query when there is nothing to do).
  ASSIGN_OR_RETURN(auto backfill, app::BackfillOpenTimescales(*runtime->store, runtime->clock.Today()));
  if (backfill.children > 0) spdlog::info("derived the open timescales of {} cases", backfill.children);
  if (backfill.failed > 0) {
    spdlog::warn("{} cases no longer replay and are missing from work lists; the first: {}", backfill.failed,
                 backfill.first_failure);
  }
  // A database from before plan periods split at the birth: split them once, so a child born
  // on a pre-birth plan is signposted as on a child protection plan (one query when none).
  ASSIGN_OR_RETURN(auto split, app::SplitPreBirthPlanPeriods(*runtime->store, runtime->clock.Today()));
  if (split.children > 0) spdlog::info("split the pre-birth plan periods of {} children at their birth", split.children);
  if (split.failed > 0) {
    spdlog::warn("{} cases no longer replay and keep unsplit pre-birth plan periods; the first: {}", split.failed,
                 split.first_failure);
  }
  runtime->cases = std::make_unique<returns::StoreCaseSource>(*runtime->store, runtime->clock,
                                                               app::StoredCaseworkSteps);
  runtime->performance = std::make_unique<app::Performance>(*runtime->store, runtime->clock, *runtime->cases);
  runtime->chronologies = std::make_unique<app::Chronologies>(*runtime->store, runtime->clock);
  return runtime;
}

// The hub team: given, or the children's social care team named "MASH ...".
TeamId FindMashTeam(Runtime& runtime, std::int64_t configured) {
  if (configured > 0) return TeamId(configured);
  auto agencies = runtime.organisations->ListAgencies();
  if (!agencies.ok()) return TeamId();
  for (const auto& a : *agencies) {
    if (a.kind != domain::AgencyKind::kSocialCare) continue;
    auto teams = runtime.organisations->ListTeams(a.id);
    if (!teams.ok()) continue;
    for (const auto& t : *teams) {
      if (t.name.rfind("MASH", 0) == 0) return t.id;
    }
  }
  return TeamId();
}

namespace {

// The UI directory to serve, or "" (with a warning) when it has not been built.
std::string ResolveWebRoot(const std::string& requested) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root = requested;
  if (root.empty()) root = fs::read_symlink("/proc/self/exe", ec).parent_path() / "web";
  if (ec || !fs::is_regular_file(root / "index.html", ec)) {
    if (!requested.empty()) Fail(InvalidArgument("--web-root " + requested + " has no index.html (build the UI: make build)", "web-root"));
    spdlog::warn("no web UI at {}: serving the API only (make build builds the UI)", root.string());
    return "";
  }
  return fs::canonical(root, ec).string();
}

}  // namespace

Status StartConcernDetection(Runtime& runtime, TeamId hub, const std::string& rules_file) {
  runtime.alerts = std::make_unique<app::ConcernDetection>(*runtime.store, runtime.clock,
                                                           app::ConcernDetectionSettings{hub});
  if (!rules_file.empty()) {
    std::ifstream in(rules_file, std::ios::binary);
    if (!in) return NotFound("cannot read the rule file " + rules_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    RETURN_IF_ERROR(runtime.alerts->LoadRules(text, rules_file));
  }
  app::ConcernDetection* detection = runtime.alerts.get();
  runtime.feeds->SetCommitListener([detection](const app::CommittedBatch& batch) {
    return detection->EvaluateArrived(batch.children, {batch.events, batch.write_sequence}).status();
  });
  return Status::Ok();
}

void AddServeOptions(CLI::App& cmd, ServeOptions& options) {
  cmd.add_option("--listen", options.listen, "ADDRESS:PORT to listen on")->capture_default_str();
  cmd.add_option("--threads", options.threads, "I/O threads")->check(CLI::Range(1, 64))->capture_default_str();
  cmd.add_option("--handler-threads", options.handler_threads,
                 "threads running requests, which wait on the store (0: on the I/O threads)")
      ->check(CLI::Range(0, 1024))->capture_default_str();
  cmd.add_option("--mash-team", options.mash_team, "team id of the MASH front door (default: the social care team named MASH...)");
  cmd.add_option("--web-root", options.web_root, "directory of the built web UI (default: web/ beside the binary)");
  cmd.add_option("--sweep-minutes", options.sweep_minutes,
                 "minutes between runs of the concern rules over the whole area (0: only as events arrive)")
      ->check(CLI::Range(0, 7 * 24 * 60))->capture_default_str();
  cmd.add_flag("--tls-proxy", options.tls_proxy,
               "a TLS-terminating proxy forwards to this (loopback) address: mark session cookies Secure, as "
               "they are whenever Safehub listens beyond loopback");
}

int Serve(Runtime& runtime, const ServeOptions& options, const std::string& banner) {
  const TeamId hub = FindMashTeam(runtime, options.mash_team);
  if (!hub.valid()) spdlog::warn("no MASH team found: the front door answers 403 until --mash-team is given");
  runtime.mash = std::make_unique<app::Mash>(*runtime.store, runtime.clock, app::MashSettings{hub, {}});
  runtime.link_reviews = std::make_unique<app::LinkReviews>(*runtime.store, runtime.clock, hub);
  if (Status s = StartConcernDetection(runtime, hub, options.rules_file); !s.ok()) Fail(s);
  // A merge puts two records' signals together (an unmerge takes them apart): the rules look
  // again at once. A failure is logged; the hourly sweep brings them in step anyway.
  runtime.link_reviews->SetReadingChangedListener([detection = runtime.alerts.get()](const std::vector<PersonId>& children) {
    auto report = detection->EvaluateChildren(children);
    if (!report.ok()) spdlog::error("concern rules after a merge decision: {}", report.status().message());
  });
  spdlog::info("concern rules: {} ({} rules)", runtime.alerts->rules()->origin(), runtime.alerts->rules()->rules().size());
  const size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) Fail(InvalidArgument("--listen must be ADDRESS:PORT", "listen"));
  http::ServerOptions server_options;
  server_options.address = options.listen.substr(0, colon);
  server_options.port = static_cast<unsigned short>(std::atoi(options.listen.c_str() + colon + 1));
  server_options.threads = options.threads;
  server_options.handler_threads = options.handler_threads;
  // The access log names the path and status only: query strings can hold names searched for.
  server_options.access_log = [](const http::Request& request, int status, double ms) {
    spdlog::info("{} {} {} {:.1f}ms", request.method, request.path, status, ms);
  };
  const bool loopback = server_options.address.rfind("127.", 0) == 0 || server_options.address == "::1";
  http::ApiContext api{*runtime.auth, *runtime.records, *runtime.organisations, runtime.clock,
                       !loopback || options.tls_proxy};
  api.feeds = runtime.feeds.get();
  api.signposting = runtime.signposting.get();
  api.performance = runtime.performance.get();
  api.mash = runtime.mash.get();
  api.casework = runtime.casework.get();
  api.caseloads = runtime.caseloads.get();
  api.alerts = runtime.alerts.get();
  api.chronologies = runtime.chronologies.get();
  api.link_reviews = runtime.link_reviews.get();
  http::Router router;
  http::RegisterApi(router, api);
  const std::string web_root = ResolveWebRoot(options.web_root);
  if (!web_root.empty()) router.SetFallback(http::StaticFilesHandler(web_root));

  // Block the signals in every thread so sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);  // reload the concern rule file
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::Server server(router, server_options);
  auto port = server.Start();
  if (!port.ok()) Fail(port.status());
  const std::string host = server_options.address == "0.0.0.0" ? "localhost" : server_options.address;
  const std::string base = "http://" + host + ":" + std::to_string(*port) + "/";
  if (web_root.empty()) {
    std::cout << "Safehub is serving on " << base << "api/v1/health (API only)\n";
  } else {
    std::cout << "Safehub is serving on " << base << " (open it in a browser; API health at " << base << "api/v1/health)\n";
  }
  std::cout << banner << std::flush;
  if (!loopback) spdlog::warn("serving beyond loopback: put TLS in front; session cookies are marked Secure");
  if (loopback && options.tls_proxy) spdlog::info("behind a TLS proxy: session cookies are marked Secure");
  // Some concerns are an absence ("a missed appointment not followed up within 28 days"):
  // no arriving event raises them, so the rules also run over the whole area on a timer.
  std::jthread sweeper;
  if (options.sweep_minutes > 0) {
    sweeper = std::jthread([&runtime, minutes = options.sweep_minutes](std::stop_token stop) {
      std::mutex m;
      std::condition_variable_any wake;
      while (true) {
        std::unique_lock lock(m);
        if (wake.wait_for(lock, stop, std::chrono::minutes(minutes), [] { return false; }) || stop.stop_requested()) return;
        auto swept = runtime.alerts->EvaluateAll();
        if (!swept.ok()) spdlog::error("concern sweep failed: {}", swept.status().message());
      }
    });
  }
  int received = 0;
  while (sigwait(&signals, &received) == 0 && received == SIGHUP) {
    // A safeguarding lead changed the rule file: load it without a restart. A refused file
    // leaves the last valid rules running.
    if (options.rules_file.empty()) {
      spdlog::info("SIGHUP: the built-in concern rules are in use (start with --rules FILE to reload one)");
      continue;
    }
    std::ifstream in(options.rules_file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Status loaded = in ? runtime.alerts->LoadRules(text, options.rules_file)
                             : NotFound("cannot read the rule file " + options.rules_file);
    if (loaded.ok()) {
      spdlog::info("concern rules reloaded from {} ({} rules)", options.rules_file, runtime.alerts->rules()->rules().size());
    } else {
      spdlog::warn("concern rules NOT reloaded, the previous rules keep running: {}", loaded.message());
    }
  }
  spdlog::info("stopping on signal {}", received);
  server.Stop();
  return 0;
}

}  // namespace safehub::cli
