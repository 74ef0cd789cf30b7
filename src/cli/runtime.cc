#include "cli/runtime.h"

#include <CLI/CLI.hpp>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "http/api.h"
#include "http/server.h"
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
  runtime->auth = std::make_unique<app::AuthService>(*runtime->store, runtime->clock, app::AuthSettings{});
  runtime->records = std::make_unique<app::ChildRecords>(*runtime->store, runtime->clock);
  runtime->organisations = std::make_unique<app::Organisations>(*runtime->store, runtime->clock);
  runtime->feeds = std::make_unique<app::FeedIngest>(*runtime->store, runtime->clock, runtime->child_index);
  runtime->signposting = std::make_unique<app::Signposting>(*runtime->store, runtime->clock);
  runtime->casework = std::make_unique<app::Casework>(*runtime->store, runtime->clock);
  runtime->chronologies = std::make_unique<app::Chronologies>(*runtime->store, runtime->clock);
  return runtime;
}

namespace {

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

}  // namespace

int Serve(Runtime& runtime, const ServeOptions& options, const std::string& banner) {
  const TeamId hub = FindMashTeam(runtime, options.mash_team);
  if (!hub.valid()) spdlog::warn("no MASH team found: the front door answers 403 until --mash-team is given");
  runtime.mash = std::make_unique<app::Mash>(*runtime.store, runtime.clock, app::MashSettings{hub, {}, domain::WeekdaysOnly});
  const size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) Fail(InvalidArgument("--listen must be ADDRESS:PORT", "listen"));
  http::ServerOptions server_options;
  server_options.address = options.listen.substr(0, colon);
  server_options.port = static_cast<unsigned short>(std::atoi(options.listen.c_str() + colon + 1));
  server_options.threads = options.threads;
  // The access log names the path and status only: query strings can hold names searched for.
  server_options.access_log = [](const http::Request& request, int status, double ms) {
    spdlog::info("{} {} {} {:.1f}ms", request.method, request.path, status, ms);
  };
  const bool loopback = server_options.address.rfind("127.", 0) == 0 || server_options.address == "::1";
  http::ApiContext api{*runtime.auth, *runtime.records, *runtime.organisations, runtime.clock, !loopback};
  api.feeds = runtime.feeds.get();
  api.signposting = runtime.signposting.get();
  api.mash = runtime.mash.get();
  api.casework = runtime.casework.get();
  api.chronologies = runtime.chronologies.get();
  http::Router router;
  http::RegisterApi(router, api);

  // Block the signals in every thread so sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::Server server(router, server_options);
  auto port = server.Start();
  if (!port.ok()) Fail(port.status());
  const std::string host = server_options.address == "0.0.0.0" ? "localhost" : server_options.address;
  std::cout << "Safehub is serving on http://" << host << ":" << *port << "/api/v1/health\n" << banner << std::flush;
  if (!loopback) spdlog::warn("serving beyond loopback: put TLS in front; session cookies are marked Secure");
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("stopping on signal {}", received);
  server.Stop();
  return 0;
}

}  // namespace safehub::cli
