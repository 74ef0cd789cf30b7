// Store benchmarks: insert and read of events, and the audited read of a child, on SQLite
// (a temporary file) and on the in-memory fake for comparison. Prints Google Benchmark's
// table; run with `make bench` (release build).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "app/child_records.h"
#include "app/synthetic_area.h"
#include "security/crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub {
namespace {

struct Fixture {
  std::string path;
  std::unique_ptr<store::Store> store;
  PersonId child;
  AgencyId agency;

  explicit Fixture(bool sqlite) {
    if (sqlite) {
      path = (std::filesystem::temp_directory_path() / "safehub_store_bench.db").string();
      std::filesystem::remove(path);
      store = std::move(store::sqlite::SqliteStore::Open(path)).value();
    } else {
      store = store::NewMemoryStore();
    }
    auto area = app::GenerateSyntheticArea(*store, {2000, 2, 1, *Date::Parse("2024-06-01")});
    agency = area->social_care;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto caseload, tx.InvolvementsOfPractitioner(area->assessment_social_worker));
      child = caseload.front().child;
      return Status::Ok();
    });
  }
  ~Fixture() {
    store.reset();
    if (!path.empty()) std::filesystem::remove(path);
  }
};

void InsertEvent(benchmark::State& state) {
  Fixture f(state.range(0) == 1);
  std::int64_t n = 0;
  for (auto _ : state) {
    domain::Event e;
    e.child = f.child;
    e.agency = f.agency;
    e.kind = "police_incident";
    e.occurred_on = *Date::Parse("2024-05-01");
    e.summary = "benchmark event";
    e.source_reference = "bench-" + std::to_string(++n);
    Status s = f.store->Write([&](store::Transaction& tx) { return tx.InsertEvent(e).status(); });
    if (!s.ok()) state.SkipWithError(s.message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(InsertEvent)->Arg(1)->Arg(0)->ArgName("sqlite")->UseRealTime();

void ReadEventsOfChild(benchmark::State& state) {
  Fixture f(state.range(0) == 1);
  for (auto _ : state) {
    std::size_t count = 0;
    (void)f.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(f.child, std::nullopt, std::nullopt));
      count = events.size();
      return Status::Ok();
    });
    benchmark::DoNotOptimize(count);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ReadEventsOfChild)->Arg(1)->Arg(0)->ArgName("sqlite")->UseRealTime();

void AuditedChildRead(benchmark::State& state) {
  (void)security::Initialise();
  Fixture f(state.range(0) == 1);
  FakeClock clock(1717236000);
  app::ChildRecords records(*f.store, clock);
  app::AuthContext caller;
  caller.principal.user = UserId(1);
  caller.principal.username = "bench";
  caller.principal.scope = domain::Scope::kAll;
  for (auto _ : state) {
    auto record = records.GetChild(caller, f.child, "benchmark");
    if (!record.ok()) state.SkipWithError(record.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(AuditedChildRead)->Arg(1)->Arg(0)->ArgName("sqlite")->UseRealTime();

}  // namespace
}  // namespace safehub

BENCHMARK_MAIN();
