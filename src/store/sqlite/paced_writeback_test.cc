// The paced write-back of paced_writeback.h: a checkpoint's pages reach the disk in groups
// before the database file's sync, and the database is whole and complete afterwards,
// including when it is reopened and read through another connection.
#include "store/sqlite/paced_writeback.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/notes_database_test.h"

namespace safehub::store::sqlite {
namespace {

class PacedWritebackTest : public NotesDatabaseTest {
 protected:
  void SetUp() override {
    NotesDatabaseTest::SetUp();
    ASSERT_TRUE(db_->ExecuteScript("PRAGMA wal_autocheckpoint=0;").ok());  // the test makes them
  }
};

TEST_F(PacedWritebackTest, IsInstalledAndReachesTheDatabaseFile) {
  EXPECT_STREQ(sqlite3_vfs_find(nullptr)->zName, "safehub-paced");
  EXPECT_EQ(PacedWriteback().unpaced_files, 0);
}

TEST_F(PacedWritebackTest, ACheckpointWritesItsPagesBackInGroupsBeforeTheSync) {
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(20000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  const std::int64_t pages = Scalar("PRAGMA page_count");
  ASSERT_GT(pages, 4 * kPagesInFlight);
  const PacedWritebackCounts before = PacedWriteback();
  int log = 0, copied = 0;
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &copied), SQLITE_OK);
  const PacedWritebackCounts after = PacedWriteback();
  EXPECT_EQ(after.paced_syncs - before.paced_syncs, 1);
  // Every page the checkpoint wrote went back in a group of at most kPagesInFlight.
  EXPECT_GE(after.groups - before.groups, (pages + kPagesInFlight - 1) / kPagesInFlight);
  EXPECT_EQ(std::filesystem::file_size(path_ + "-wal"), 0u);  // all of it is in the file now

  // What the checkpoint wrote is the database: another connection, reading the file alone,
  // finds every row, and the file is whole.
  db_.reset();
  auto reopened = Connection::Open(path_, AccessMode::kReadOnly);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(Scalar(**reopened, "SELECT count(*) FROM note"), 20000);
  EXPECT_EQ(IntegrityCheck(**reopened), "ok");
}

// A checkpoint held back by a reader copies part of the WAL and does not sync: the store's
// checkpointer then writes those pages back itself, in groups, without a sync.
TEST_F(PacedWritebackTest, TheWriteBackFileControlWritesBackWhatAnUnsyncedCheckpointCopied) {
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(10000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  auto reader = Connection::Open(path_, AccessMode::kReadOnly);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Execute("BEGIN").ok());
  ASSERT_EQ(Scalar(**reader, "SELECT count(*) FROM note"), 10000);  // its snapshot: the first commit
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(10000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());

  const PacedWritebackCounts before = PacedWriteback();
  int log = 0, copied = 0;
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied), SQLITE_OK);
  ASSERT_GT(copied, 0);
  ASSERT_LT(copied, log);  // the reader's snapshot holds back the rest
  EXPECT_EQ(PacedWriteback().paced_syncs, before.paced_syncs);
  EXPECT_EQ(PacedWriteback().groups, before.groups);
  EXPECT_EQ(sqlite3_file_control(db_->handle(), "main", kWriteBackFileControl, nullptr), SQLITE_OK);
  const PacedWritebackCounts after = PacedWriteback();
  EXPECT_GT(after.groups, before.groups);
  EXPECT_EQ(after.paced_syncs, before.paced_syncs);
  // Nothing left to write back: a second call starts no group.
  EXPECT_EQ(sqlite3_file_control(db_->handle(), "main", kWriteBackFileControl, nullptr), SQLITE_OK);
  EXPECT_EQ(PacedWriteback().groups, after.groups);

  ASSERT_TRUE((*reader)->Execute("COMMIT").ok());
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &copied), SQLITE_OK);
  EXPECT_EQ(Scalar(**reader, "SELECT count(*) FROM note"), 20000);
  EXPECT_EQ(IntegrityCheck(**reader), "ok");
}

TEST_F(PacedWritebackTest, ASyncWithNothingWrittenIsTheRealSyncAlone) {
  const PacedWritebackCounts before = PacedWriteback();
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(10);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());  // the WAL is synced; the database file not written
  EXPECT_EQ(PacedWriteback().paced_syncs, before.paced_syncs);
}

}  // namespace
}  // namespace safehub::store::sqlite
