// The store's checkpoints (sqlite_checkpoints.cc): under steady writes the WAL restarts
// instead of growing, nothing committed is lost on the way, and a long read neither stops
// writes nor is broken.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_store.h"

namespace safehub::store::sqlite {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRestartFrames = 100;  // 400 KiB of WAL, where the server restarts at 128 MiB

class SqliteCheckpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/sqlite_checkpoints_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    auto opened = SqliteStore::Open(path_, kRestartFrames);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  // One unit of work of about 100 KiB: agencies with long names.
  Status AddAgencies(int unit) {
    return store_->Write([unit](Transaction& tx) -> Status {
      for (int i = 0; i < 100; ++i) {
        RETURN_IF_ERROR(tx.InsertAgency({AgencyId(), "unit " + std::to_string(unit) + " agency " + std::to_string(i) +
                                                         " " + std::string(900, 'x'),
                                         domain::AgencyKind::kOther, ""})
                            .status());
      }
      return Status::Ok();
    });
  }
  std::size_t CountAgencies(Store& store) {
    std::size_t count = 0;
    const Status read = store.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
      count = agencies.size();
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.message();
    return count;
  }
  std::uintmax_t WalBytes() {
    std::error_code error;
    const auto size = std::filesystem::file_size(path_ + "-wal", error);
    return error ? 0 : size;
  }
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

// Written steadily, about 10 MB a second with readers alongside, for long enough to pass
// the restart size many times over: the WAL is written again from its start each time
// rather than grown, and every unit committed is in the database, also after reopening.
TEST_F(SqliteCheckpointsTest, UnderSteadyWritesTheWalRestartsAndKeepsEveryCommit) {
  int units = 0;
  ASSERT_TRUE(AddAgencies(units++).ok());  // agency 1, which the reader reads
  std::atomic<bool> writing{true};
  std::thread reader([&] {
    while (writing.load()) {
      // Short reads, as requests make: each holds a snapshot while it runs.
      EXPECT_TRUE(store_->Read([](Transaction& tx) { return tx.GetAgency(AgencyId(1)).status(); }).ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::uintmax_t largest_wal = 0;
  const auto until = Clock::now() + std::chrono::seconds(20);
  // 50 MB at least: a restart that comes late on a busy machine (the checkpointer gives way
  // to other work) still leaves the WAL far smaller than what went through it.
  while ((store_->wal_restarts().made < 3 || units < 500) && Clock::now() < until) {
    ASSERT_TRUE(AddAgencies(units).ok());
    ++units;
    largest_wal = std::max(largest_wal, WalBytes());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  writing = false;
  reader.join();
  const SqliteStore::WalRestarts restarts = store_->wal_restarts();
  EXPECT_GE(restarts.made, 3);
  // ~100 KiB a unit: without restarts the WAL would hold all of it.
  const std::uintmax_t written = static_cast<std::uintmax_t>(units) * 100 * 1024;
  EXPECT_LT(largest_wal, written / 2) << units << " units, restarts " << restarts.made;
  EXPECT_EQ(CountAgencies(*store_), static_cast<std::size_t>(units) * 100);

  store_.reset();
  auto reopened = SqliteStore::Open(path_, kRestartFrames);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(CountAgencies(**reopened), static_cast<std::size_t>(units) * 100);
  reopened->reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
}

// A read that lasts (a report, a backup) holds the WAL back, so the WAL cannot restart
// under it. The store does not try while it lasts: writes are not held up waiting for it
// (SQLite's busy timeout would make them wait 5 s each time), the reader keeps seeing its
// snapshot, and the WAL restarts once it ends.
TEST_F(SqliteCheckpointsTest, ALongReadIsNeitherWaitedForNorBroken) {
  ASSERT_TRUE(AddAgencies(0).ok());
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto count = [&] {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader, "SELECT count(*) FROM agency", -1, &statement, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
    const int n = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return n;
  };
  ASSERT_EQ(sqlite3_exec(reader, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  const int seen = count();  // the snapshot is taken here
  auto slowest = Clock::duration::zero();
  int units = 1;
  for (const auto until = Clock::now() + std::chrono::milliseconds(1500); Clock::now() < until; ++units) {
    const auto started = Clock::now();
    ASSERT_TRUE(AddAgencies(units).ok());
    slowest = std::max(slowest, Clock::now() - started);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(count(), seen);  // still its snapshot
  EXPECT_EQ(store_->wal_restarts().made, 0);
  // Nor is a restart tried (and given up after 10 ms with the writer held) every round: at
  // most once, if a round came while the read held back only a little.
  EXPECT_LE(store_->wal_restarts().not_made, 1);
  EXPECT_LT(slowest, std::chrono::seconds(1));
  ASSERT_EQ(sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(reader);

  for (const auto until = Clock::now() + std::chrono::seconds(10);
       store_->wal_restarts().made == 0 && Clock::now() < until; ++units) {
    ASSERT_TRUE(AddAgencies(units).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(store_->wal_restarts().made, 1);
  EXPECT_EQ(CountAgencies(*store_), static_cast<std::size_t>(units) * 100);
}

// The checkpointer runs at the lowest CPU priority, so that on a busy machine requests go
// first (see sqlite_checkpoints.cc).
TEST_F(SqliteCheckpointsTest, TheCheckpointerGivesWayToRequests) {
  int found = 0;
  for (int attempt = 0; attempt < 100 && found == 0; ++attempt) {
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      if (name != "checkpointer") continue;
      const auto tid = static_cast<id_t>(std::stol(task.path().filename().string()));
      errno = 0;
      const int nice = getpriority(PRIO_PROCESS, tid);
      if (errno == 0 && nice == 10) ++found;
    }
    if (found == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));  // not started yet
  }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace safehub::store::sqlite
