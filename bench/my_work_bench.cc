// Due and overdue work lists (issue 4): GET /api/v1/my-work's use case, app::Casework::MyWork,
// on a 20,000-child 5-year synthetic area in a SQLite file (as `safehub demo` makes it).
// Times, for the busiest social care team: the team list (team scope), one worker's list
// (own scope) and the service's list (agency scope), each through MyWork with its audit
// entries committed; the store query alone; and, for comparison, the replay of every case
// of the team that MyWork did before the open_timescale table (migration 8).
// Target: team list < 10 ms. Prints wall-clock p50/p99 over the runs, and the p50 of the
// thread's CPU time (on a shared, loaded machine the wall clock mostly measures the queue).
// Usage: my_work_bench [runs] [db-path]   (default 200 runs; a temporary file, removed
// after; an existing db-path is reused, so repeated runs skip the 20,000-child generation).
// Not part of `make test`.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/casework.h"
#include "app/synthetic_area.h"
#include "security/crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace safehub;
using Clock_ = std::chrono::steady_clock;
constexpr int kDueWithin = 5;  // GET /api/v1/my-work?due_within=5

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.message().c_str());
    std::exit(1);
  }
}

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
  double cpu_p50 = 0;  // this thread's CPU time: the cost without waiting for a shared machine or fsync
};

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

Figures Time(int runs, const std::function<void()>& run) {
  run();  // warm the page cache and the prepared statements
  std::vector<double> ms, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock_::now();
    const double cpu_start = ThreadCpuMs();
    run();
    cpu.push_back(ThreadCpuMs() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock_::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  auto at = [](const std::vector<double>& v, double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(ms, 0.50), at(ms, 0.99), ms.back(), at(cpu, 0.50)};
}

void Print(const char* what, int runs, const Figures& f, const std::string& note) {
  std::printf("%-44s runs %4d  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  cpu p50 %6.2f ms  %s\n", what, runs, f.p50,
              f.p99, f.max, f.cpu_p50, note.c_str());
}

app::AuthContext Login(app::AuthService& auth, const std::string& username, domain::Role role, domain::Scope scope,
                       PractitionerId practitioner) {
  const std::string password = "Bench-" + security::RandomToken(12);
  Check(auth.CreateUser(nullptr, {username, username, password, role, scope, practitioner}).status(), "create user");
  auto login = auth.Login({username, password, ""});
  Check(login.status(), "login");
  auto context = auth.Authenticate(login->session_token);
  Check(context.status(), "authenticate");
  return *context;
}

std::string Items(const app::WorkList& w) {
  std::set<PersonId> children;
  for (const auto& i : w.overdue) children.insert(i.child);
  for (const auto& i : w.due_soon) children.insert(i.child);
  return std::to_string(w.cases) + " cases, " + std::to_string(w.overdue.size()) + " overdue + " +
         std::to_string(w.due_soon.size()) + " due soon, " + std::to_string(children.size()) + " children audited";
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  const bool keep = argc > 2;
  const std::string path =
      keep ? std::string(argv[2]) : (std::filesystem::temp_directory_path() / "safehub_my_work_bench.db").string();
  Check(security::Initialise(), "crypto");
  const bool existed = keep && std::filesystem::exists(path);
  if (!existed) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  auto opened = store::sqlite::SqliteStore::Open(path);
  Check(opened.status(), "open");
  auto store = std::move(opened).value();
  SystemClock clock;
  const Date today = clock.Today();
  if (!existed) {
    const auto start = Clock_::now();
    // As `safehub demo --children 20000 --years 5 --seed 7` makes it.
    auto area = app::GenerateSyntheticArea(*store, {20000, 5, 7, today, 3});
    Check(area.status(), "generate");
    std::printf("generated 20,000 children over 5 years in %.1f s: casework of %d children, %d steps\n",
                std::chrono::duration<double>(Clock_::now() - start).count(), area->casework_children,
                area->casework_steps);
  }

  // The busiest social care team: the most children with casework on its practitioners' lists.
  TeamId busiest;
  AgencyId agency;
  int busiest_cases = -1;
  PractitionerId worker;
  int worker_cases = -1;
  Check(store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const auto& a : agencies) {
      if (a.kind != domain::AgencyKind::kSocialCare) continue;
      ASSIGN_OR_RETURN(auto teams, tx.ListTeams(a.id));
      for (const auto& t : teams) {
        ASSIGN_OR_RETURN(auto due, tx.OpenTimescalesDue({store::WorkScope::kTeam, t.id.value, today, today}));
        if (due.cases > busiest_cases) {
          busiest_cases = due.cases;
          busiest = t.id;
          agency = a.id;
        }
      }
    }
    ASSIGN_OR_RETURN(auto staff, tx.ListPractitioners(busiest));
    for (const auto& p : staff) {
      ASSIGN_OR_RETURN(auto due, tx.OpenTimescalesDue({store::WorkScope::kWorker, p.id.value, today, today}));
      if (due.cases > worker_cases) {
        worker_cases = due.cases;
        worker = p.id;
      }
    }
    return Status::Ok();
  }), "find the busiest team");
  std::printf("busiest social care team %lld: %d cases; its busiest worker %lld: %d cases\n",
              static_cast<long long>(busiest.value), busiest_cases, static_cast<long long>(worker.value), worker_cases);

  app::AuthSettings settings;
  settings.hash_strength = security::HashStrength::kFastForTestsOnly;
  app::AuthService auth(*store, clock, settings);
  const std::string suffix = std::to_string(clock.Now());
  auto team_user = Login(auth, "bench-team-" + suffix, domain::Role::kPractitioner, domain::Scope::kTeam, worker);
  auto own_user = Login(auth, "bench-own-" + suffix, domain::Role::kPractitioner, domain::Scope::kOwn, worker);
  auto head_user = Login(auth, "bench-head-" + suffix, domain::Role::kManager, domain::Scope::kAgency, worker);
  app::Casework casework(*store, clock);

  app::WorkList last;
  auto my_work = [&](const app::AuthContext& who) {
    return [&casework, &last, &who] {
      auto w = casework.MyWork(who, kDueWithin);
      Check(w.status(), "my work");
      last = std::move(w).value();
    };
  };
  Figures f = Time(runs, my_work(team_user));
  Print("team list, MyWork (audit committed)", runs, f, Items(last));
  const size_t team_children = [&] {
    std::set<PersonId> c;
    for (const auto& i : last.overdue) c.insert(i.child);
    for (const auto& i : last.due_soon) c.insert(i.child);
    return c.size();
  }();
  f = Time(runs, my_work(own_user));
  Print("worker list, MyWork (audit committed)", runs, f, Items(last));
  const int service_runs = std::max(1, runs / 10);
  f = Time(service_runs, my_work(head_user));
  Print("service list, MyWork (audit committed)", service_runs, f, Items(last));

  // Where the team list's time goes: the store query alone, and the audit append alone.
  const Date horizon = domain::WorkingDayCalendar::EnglandAndWales().AddWorkingDays(
      today, kDueWithin, domain::StartDayConvention::kStartDayIsDayZero);
  size_t rows = 0;
  f = Time(runs, [&] {
    Check(store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto due, tx.OpenTimescalesDue({store::WorkScope::kTeam, busiest.value, today, horizon}));
      rows = due.due.size();
      return Status::Ok();
    }), "query");
  });
  Print("team list, store query only", runs, f, std::to_string(rows) + " rows");
  app::AuditTrail audit(clock);
  f = Time(runs, [&] {
    std::vector<domain::AuditEntry> entries;
    for (size_t i = 0; i < team_children; ++i) {
      domain::AuditEntry e;
      e.user = team_user.principal.user;
      e.username = team_user.principal.username;
      e.role = "practitioner";
      e.action = "read_work_list";
      e.resource = "/api/v1/my-work";
      e.child = PersonId(1);
      e.basis = "team_involvement";
      e.outcome = domain::AuditOutcome::kAllowed;
      e.detail = "1 overdue, 0 due soon";
      entries.push_back(std::move(e));
    }
    Check(store->Write([&](store::Transaction& tx) { return audit.AppendAll(tx, entries); }), "audit");
  });
  Print("team list, audit append only (1 transaction)", runs, f, std::to_string(team_children) + " entries");

  // Before migration 8: every case of the team loaded and replayed on each request.
  const int replay_runs = std::max(1, runs / 10);
  int replayed = 0;
  f = Time(replay_runs, [&] {
    replayed = 0;
    Check(store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto staff, tx.ListPractitioners(busiest));
      std::set<PersonId> children;
      for (const auto& p : staff) {
        ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOfPractitioner(p.id));
        for (const auto& i : involvements) {
          if (i.IsActiveOn(today)) children.insert(i.child);
        }
      }
      for (PersonId child : children) {
        ASSIGN_OR_RETURN(auto steps, tx.CaseworkStepsOf(child));
        if (steps.empty()) continue;
        ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
        ASSIGN_OR_RETURN(auto history, app::ReplayCase(person, steps, today));
        replayed += !history.Overdue(today).empty();
      }
      return Status::Ok();
    }), "replay");
  });
  Print("team list by replaying every case (before)", replay_runs, f,
        std::to_string(replayed) + " cases with overdue steps; read only, no audit");

  store.reset();
  if (!keep) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  return 0;
}
