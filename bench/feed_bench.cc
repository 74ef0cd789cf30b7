// Feed ingestion throughput: a CSV of police notifications about known children (linked by
// NHS number or by name and birth date) streamed into SQLite with an audit entry per event,
// concern detection evaluating each committed batch as in `safehub serve` (keeping its rule
// inputs between batches). Prints events/s wall and per CPU second, and where the time went
// (parse, find, link, store, rules).
// Usage: feed_bench [rows] [--without-rules] [--with-typos]   (default 200000 rows, with
// concern detection)
// --without-rules measures ingestion and linkage alone, with no commit listener: the figure
// issue 6 names ("feed ingestion with linkage"); the line "without concern detection" of a
// run with rules is the same figure worked out from the phase times.
// --with-typos misspells the surname of every fifth row and leaves out its NHS number, so
// those rows need the probabilistic model (linked inside the unit of work), not only the
// exact lookups that are found ahead of it.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "app/concern_detection.h"
#include "app/feed_ingest.h"
#include "app/probabilistic_child_index.h"
#include "app/synthetic_area.h"
#include "security/crypto.h"
#include "store/sqlite/sqlite_store.h"

int main(int argc, char** argv) {
  using namespace safehub;
  const long rows = argc > 1 ? std::atol(argv[1]) : 200000;
  bool with_rules = true, with_typos = false;
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--without-rules") {
      with_rules = false;
    } else if (flag == "--with-typos") {
      with_typos = true;
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const std::string path = (std::filesystem::temp_directory_path() / "safehub_feed_bench.db").string();
  std::filesystem::remove(path);
  auto store = std::move(store::sqlite::SqliteStore::Open(path)).value();
  FakeClock clock(1717236000);
  auto area = app::GenerateSyntheticArea(*store, {20000, 1, 7, clock.Today()});
  if (!area.ok()) {
    std::fprintf(stderr, "%s\n", area.status().message().c_str());
    return 1;
  }
  std::vector<domain::Person> children;
  (void)store->Read([&](store::Transaction& tx) -> Status {
    store::PersonQuery q;
    q.limit = 100000;
    ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
    for (auto& p : people) {
      if (p.kind == domain::PersonKind::kChild) children.push_back(p);
    }
    return Status::Ok();
  });
  std::ostringstream csv;
  csv << "source_reference,first_name,surname,date_of_birth,nhs_number,kind,occurred_on,risk,notification\n";
  for (long i = 0; i < rows; ++i) {
    const auto& c = children[static_cast<size_t>(i) % children.size()];
    const bool typo = with_typos && i % 5 == 4;
    std::string surname = c.surname;
    if (typo && surname.size() > 3) std::swap(surname[1], surname[2]);
    csv << "B-" << i << "," << c.first_name << "," << surname << "," << c.date_of_birth->ToString() << ","
        << (i % 2 == 0 && !typo ? c.nhs_number : std::string()) << ",police_incident,2024-05-0" << (i % 9 + 1) << "," << (i % 7 == 0 ? "high" : "low")
        << ",information_only\n";
  }
  const std::string text = csv.str();
  // As production: identifiers when known, else the probabilistic model (half the rows
  // carry no NHS number). Trained and loaded before the clock starts.
  app::ProbabilisticChildIndex index(app::DefaultChildLinkageModel());
  if (Status loaded = index.Load(*store); !loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.message().c_str());
    return 1;
  }
  app::FeedIngest ingest(*store, clock, index);
  // As `safehub serve` wires it (cli/runtime.cc): the built-in rules over each batch's children.
  app::ConcernDetection detection(*store, clock, app::ConcernDetectionSettings{area->mash_team});
  long evaluations = 0, reused = 0, raised = 0, updated = 0;
  if (with_rules) {
    ingest.SetCommitListener([&](const app::CommittedBatch& batch) -> Status {
      auto report = detection.EvaluateArrived(batch.children, {batch.events, batch.write_sequence});
      if (!report.ok()) return report.status();
      ++evaluations;
      reused += report->reused_inputs ? 1 : 0;
      raised += report->alerts_raised;
      updated += report->alerts_updated;
      return Status::Ok();
    });
  }
  app::FeedTimings timings;
  ingest.SetTimings(&timings);
  std::istringstream in(text);
  const auto start = std::chrono::steady_clock::now();
  auto report = ingest.IngestCsv({area->social_care, nullptr}, in);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().message().c_str());
    return 1;
  }
  std::printf("feed ingestion: %ld rows%s into SQLite (20,000-child area) in %.2f s = %.0f events/s; accepted %lld, "
              "linked %lld, new %lld, rejected %lld\n",
              rows, with_typos ? " (a fifth misspelt)" : "", seconds, static_cast<double>(rows) / seconds, static_cast<long long>(report->accepted),
              static_cast<long long>(report->linked_to_known_child), static_cast<long long>(report->new_children),
              static_cast<long long>(report->rejected));
  const double cpu = timings.parse.cpu + timings.find.cpu + timings.link.cpu + timings.store.cpu + timings.rules.cpu;
  auto line = [&](const char* name, const app::PhaseTime& t) {
    std::printf("  %-6s wall %6.2f s   cpu %6.2f s (%3.0f%% of cpu)\n", name, t.wall, t.cpu, cpu > 0 ? 100 * t.cpu / cpu : 0.0);
  };
  line("parse", timings.parse);  // on the parser thread: its wall time overlaps the others'
  line("find", timings.find);    // also on the parser thread (exact lookups on a read snapshot)
  line("link", timings.link);
  line("store", timings.store);
  line("rules", timings.rules);
  std::printf("  (parse and find run on a thread of its own, a batch ahead: their wall time overlaps link, store and rules)\n");
  std::printf("  per cpu second: %.0f events/s; without concern detection: %.0f events/s wall, %.0f per cpu second\n",
              static_cast<double>(rows) / cpu, static_cast<double>(rows) / (seconds - timings.rules.wall),
              static_cast<double>(rows) / (cpu - timings.rules.cpu));
  if (with_rules) {
    std::printf("  concern detection: %ld evaluations, %ld on the rule inputs kept from the batch before; %ld alerts "
                "raised, %ld updates\n", evaluations, reused, raised, updated);
  } else {
    std::printf("  concern detection: off (--without-rules)\n");
  }
  if (!report->listener_error.empty()) std::printf("  concern detection failed: %s\n", report->listener_error.c_str());
  store.reset();
  std::filesystem::remove(path);
  return 0;
}
