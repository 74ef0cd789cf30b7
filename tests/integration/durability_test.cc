// A crash never loses a committed transaction and never leaves half of one: a child process
// is killed with SIGKILL right after a commit, and in the middle of a unit of work.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "app/audit_trail.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub {
namespace {

using store::Transaction;
using store::sqlite::SqliteStore;

class DurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/durability_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
    ASSERT_TRUE(SqliteStore::Open(path_).ok());
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Runs `body` in a child process that is then killed with SIGKILL (no clean shutdown).
  void InKilledChild(const std::function<void()>& body) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      body();
      raise(SIGKILL);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    ASSERT_EQ(WTERMSIG(status), SIGKILL);
  }

  std::vector<domain::Agency> Agencies() {
    auto store = SqliteStore::Open(path_);
    std::vector<domain::Agency> out;
    EXPECT_TRUE(store.ok());
    (void)(*store)->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.ListAgencies());
      return Status::Ok();
    });
    return out;
  }

  // In a child killed once 300 entries are acknowledged, 8 threads append audit entries
  // without end through `append`, which calls `acknowledge` when its entry may be reported
  // to a caller. Then checks that every acknowledged entry is on disk.
  using Append = std::function<void(SqliteStore&, app::AuditTrail&, const std::string& resource,
                                    const std::function<void()>& acknowledge)>;
  // With `wal_restarts_first`, the store restarts its WAL every `wal_restart_frames` pages
  // and the child is killed only once it has done so that many times (or exits, failing the
  // test, if that takes over 20 s).
  void KillAmidAcknowledgedAppends(const Append& append, int wal_restart_frames = SqliteStore::kWalRestartFrames,
                                   long wal_restarts_first = 0) {
    int acks[2];
    ASSERT_EQ(pipe(acks), 0);
    // The parent reads the acknowledgements only once the child is dead, so the pipe must
    // hold them all: 64 KiB by default is about 9,000, which a child waiting for the WAL's
    // restarts on a busy machine passed, and then its writers blocked on the full pipe.
    ASSERT_GE(fcntl(acks[1], F_SETPIPE_SZ, 1 << 20), 1 << 20);
    InKilledChild([&] {
      close(acks[0]);
      auto store = SqliteStore::Open(path_, wal_restart_frames);
      if (!store.ok()) _exit(3);
      SystemClock clock;
      app::AuditTrail trail(clock);
      std::atomic<int> acknowledged{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
          for (int i = 0;; ++i) {
            const std::string resource = std::to_string(t) + "/" + std::to_string(i);
            append(**store, trail, resource, [&] {
              const std::string line = resource + "\n";  // one write() under PIPE_BUF: never interleaved
              if (write(acks[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
              ++acknowledged;
            });
          }
        });
      }
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (acknowledged < 300 || (*store)->wal_restarts().made < wal_restarts_first) {
        if (std::chrono::steady_clock::now() > give_up) {
          const auto restarts = (*store)->wal_restarts();
          std::fprintf(stderr, "gave up: %d acknowledged, %ld WAL restarts made, %ld not made\n", acknowledged.load(),
                       restarts.made, restarts.not_made);
          _exit(6);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      raise(SIGKILL);  // the writers are mid-append
    });
    close(acks[1]);
    ExpectAcknowledgedEntriesOnDisk(acks[0]);
  }

  // Reads the resources a killed child acknowledged (one per line on `fd`) and checks that
  // there were at least 300, that each is in the audit trail on disk, and that the chain
  // verifies.
  void ExpectAcknowledgedEntriesOnDisk(int fd) {
    std::set<std::string> acknowledged;
    std::string pending;
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) {
      pending.append(buffer, static_cast<size_t>(n));
      for (size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1)) {
        acknowledged.insert(pending.substr(0, end));
      }
    }
    close(fd);
    ASSERT_GE(acknowledged.size(), 300u);
    auto store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok());
    auto report = app::AuditTrail::Verify(**store);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact) << report->problem;
    std::set<std::string> on_disk;
    ASSERT_TRUE((*store)->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 1000000));
      for (const auto& e : entries) on_disk.insert(e.resource);
      return Status::Ok();
    }).ok());
    for (const auto& resource : acknowledged) EXPECT_TRUE(on_disk.count(resource)) << resource << " was lost";
  }

  std::string path_;
};

TEST_F(DurabilityTest, CommittedWorkSurvivesAKill) {
  InKilledChild([&] {
    auto store = SqliteStore::Open(path_);
    if (!store.ok()) _exit(3);
    for (int i = 0; i < 20; ++i) {
      Status s = (*store)->Write([&](Transaction& tx) {
        return tx.InsertAgency({AgencyId(), "Agency " + std::to_string(i), domain::AgencyKind::kOther, ""}).status();
      });
      if (!s.ok()) _exit(4);
    }
  });
  EXPECT_EQ(Agencies().size(), 20u);
}

TEST_F(DurabilityTest, AKillInsideAUnitOfWorkLeavesNothingOfIt) {
  InKilledChild([&] {
    auto store = SqliteStore::Open(path_);
    if (!store.ok()) _exit(3);
    (void)(*store)->Write([&](Transaction& tx) -> Status {
      (void)tx.InsertAgency({AgencyId(), "Committed", domain::AgencyKind::kOther, ""});
      return Status::Ok();
    });
    (void)(*store)->Write([&](Transaction& tx) -> Status {
      (void)tx.InsertAgency({AgencyId(), "Half written", domain::AgencyKind::kOther, ""});
      raise(SIGKILL);  // dies before COMMIT
      return Status::Ok();
    });
  });
  auto agencies = Agencies();
  ASSERT_EQ(agencies.size(), 1u);
  EXPECT_EQ(agencies[0].name, "Committed");
}

// The audit trail under the load of a busy server: many threads append at once through the
// group commit; the result is one unbroken chain holding each writer's entries in the order
// that writer appended them.
TEST_F(DurabilityTest, ConcurrentAuditAppendsFormOneChainInEachWritersOrder) {
  constexpr int kThreads = 16;
  constexpr int kEach = 40;
  SystemClock clock;
  app::AuditTrail trail(clock);
  {
    auto store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok());
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          Status s = (*store)->Write([&](Transaction& tx) {
            return trail.Append(tx, app::EntryBy(nullptr, "read_child", std::to_string(t) + "/" + std::to_string(i)));
          });
          if (!s.ok()) ++failures;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
  }
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  auto report = app::AuditTrail::Verify(**store);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_EQ(report->entries, kThreads * kEach);
  std::map<std::string, int> next_of_writer;  // writer -> the index its next entry must have
  ASSERT_TRUE((*store)->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, kThreads * kEach + 1));
    for (const auto& e : entries) {
      const auto slash = e.resource.find('/');
      const std::string writer = e.resource.substr(0, slash);
      EXPECT_EQ(std::stoi(e.resource.substr(slash + 1)), next_of_writer[writer]) << "writer " << writer;
      ++next_of_writer[writer];
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(next_of_writer.size(), static_cast<size_t>(kThreads));
}

// An audited read returns its data only after its audit entry is committed: every entry
// acknowledged to a caller is on disk even when the process is killed while other threads
// are still appending, and the chain left behind verifies.
TEST_F(DurabilityTest, AcknowledgedAuditEntriesSurviveAKillDuringConcurrentAppends) {
  KillAmidAcknowledgedAppends([](SqliteStore& store, app::AuditTrail& trail, const std::string& resource,
                                 const std::function<void()>& acknowledge) {
    Status s = store.Write([&](Transaction& tx) { return trail.Append(tx, app::EntryBy(nullptr, "read_child", resource)); });
    if (!s.ok()) _exit(4);
    acknowledge();
  });
}

// The same through Store::Submit, as the HTTP server does it: each "connection" submits an
// audit entry, and acknowledges it (sends the response) only when told it committed.
TEST_F(DurabilityTest, AcknowledgedSubmittedAuditEntriesSurviveAKill) {
  KillAmidAcknowledgedAppends([](SqliteStore& store, app::AuditTrail& trail, const std::string& resource,
                                 const std::function<void()>& acknowledge) {
    std::promise<void> answered;
    store.Submit(
        [&trail, resource](Transaction& tx) { return trail.Append(tx, app::EntryBy(nullptr, "read_child", resource)); },
        [&](Status s) {
          if (!s.ok()) _exit(4);
          acknowledge();
          answered.set_value();
        });
    answered.get_future().wait();
  });
}

// The same while the WAL is restarted again and again (every 50 pages here, 32,768 in the
// server): the checkpoints' write-back and the restarts between batches lose nothing that was
// acknowledged, and the chain verifies.
TEST_F(DurabilityTest, AcknowledgedAuditEntriesSurviveAKillWhileTheWalRestarts) {
  KillAmidAcknowledgedAppends(
      [](SqliteStore& store, app::AuditTrail& trail, const std::string& resource, const std::function<void()>& acknowledge) {
        Status s = store.Write([&](Transaction& tx) { return trail.Append(tx, app::EntryBy(nullptr, "read_child", resource)); });
        if (!s.ok()) _exit(4);
        acknowledge();
      },
      /*wal_restart_frames=*/50, /*wal_restarts_first=*/3);
}

}  // namespace
}  // namespace safehub
