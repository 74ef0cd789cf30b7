// A crash never loses a committed transaction and never leaves half of one: a child process
// is killed with SIGKILL right after a commit, and in the middle of a unit of work.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

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

}  // namespace
}  // namespace safehub
