// What the serve and demo commands share: opening the store, wiring the application
// services and the HTTP API, and serving until SIGINT or SIGTERM.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/auth_service.h"
#include "app/caseloads.h"
#include "app/casework.h"
#include "app/probabilistic_child_index.h"
#include "app/chronology.h"
#include "app/child_index.h"
#include "app/child_records.h"
#include "app/concern_detection.h"
#include "app/feed_ingest.h"
#include "app/link_review.h"
#include "app/mash.h"
#include "app/signposting.h"
#include "app/organisations.h"
#include "app/performance.h"
#include "returns/store_case_source.h"
#include "common/clock.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::cli {

struct Runtime {
  SystemClock clock;
  std::unique_ptr<store::sqlite::SqliteStore> store;
  std::unique_ptr<app::AuthService> auth;
  std::unique_ptr<app::ChildRecords> records;
  std::unique_ptr<app::Organisations> organisations;
  // Feeds link agencies' records probabilistically (trained on first use).
  app::ProbabilisticChildIndex child_index{app::DefaultChildLinkageModel};
  std::unique_ptr<app::FeedIngest> feeds;
  std::unique_ptr<app::Signposting> signposting;
  std::unique_ptr<app::Mash> mash;
  std::unique_ptr<app::Casework> casework;
  std::unique_ptr<app::Caseloads> caseloads;  // after records and casework, which it uses
  std::unique_ptr<app::ConcernDetection> alerts;
  std::unique_ptr<returns::StoreCaseSource> cases;  // casework for returns and indicators
  std::unique_ptr<app::Performance> performance;
  std::unique_ptr<app::Chronologies> chronologies;
  std::unique_ptr<app::LinkReviews> link_reviews;  // the child index's clerical review
};

// Initialises crypto and opens (creating and migrating) the SQLite file.
Result<std::unique_ptr<Runtime>> OpenRuntime(const std::string& db_path);

// The hub team: `configured` when given, else the children's social care team whose name
// begins "MASH"; invalid when there is none.
TeamId FindMashTeam(Runtime& runtime, std::int64_t configured);

// Starts concern detection (issue 7) with the built-in rules or those of `rules_file`, and
// makes the feeds run it on every batch they commit. A refused rule file is an error
// naming every problem with its line and field.
Status StartConcernDetection(Runtime& runtime, TeamId hub, const std::string& rules_file);

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  int threads = 4;  // I/O threads
  // Handlers block on the store: an audited read waits for its audit entry's group commit.
  // Enough handler threads let every request in flight join one commit (one fsync) instead
  // of queuing behind each other's, without more I/O threads than cores.
  int handler_threads = 64;
  std::int64_t mash_team = 0;  // 0: the social care team whose name begins "MASH"
  // The built web UI (index.html, assets/). Empty: "web" beside the safehub binary, where
  // `make` builds it; the API is served either way.
  std::string web_root;
  // Minutes between sweeps of the concern rules over every child (absence rules need a
  // clock, not an event); 0 turns the sweep off.
  int sweep_minutes = 60;
  std::string rules_file;      // empty: the built-in concern rules
  // A TLS-terminating proxy on this machine forwards to the loopback address: browsers
  // reach Safehub only over HTTPS, so session cookies are marked Secure there too.
  bool tls_proxy = false;
};

// Adds --listen, --threads, --mash-team and --web-root to a command that serves.
void AddServeOptions(CLI::App& cmd, ServeOptions& options);

// Serves the API until a termination signal; prints the URL first. Returns an exit code.
int Serve(Runtime& runtime, const ServeOptions& options, const std::string& banner);

// Throws CLI::RuntimeError(1) after printing the status to stderr.
[[noreturn]] void Fail(const Status& status);

}  // namespace safehub::cli
