// The page cache of page_cache.h: commits after page splits no longer pass on a truncation
// that could drop nothing, and one that must drop pages (a rollback after the file grew)
// still does, leaving the database whole.
#include "store/sqlite/page_cache.h"

#include <gtest/gtest.h>

#include "store/sqlite/notes_database_test.h"

namespace safehub::store::sqlite {
namespace {

using PageCacheTest = NotesDatabaseTest;

TEST_F(PageCacheTest, IsInstalledBeforeTheFirstConnection) { EXPECT_TRUE(PageCacheInstalled()); }

TEST_F(PageCacheTest, CommitsAfterPageSplitsPassOnNoTruncation) {
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(2000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  const PageCacheCounts before = PageCacheTruncations();
  for (int commit = 0; commit < 20; ++commit) {
    ASSERT_TRUE(db_->Execute("BEGIN").ok());
    AddNotes(200);
    ASSERT_TRUE(db_->Execute("COMMIT").ok());
  }
  const PageCacheCounts after = PageCacheTruncations();
  // Each commit truncates the cache to the file's size; with the default cache each of them
  // scanned every page held, since a split had parked a page past the end of the file.
  EXPECT_GE(after.skipped - before.skipped, 20);
  EXPECT_EQ(Scalar("SELECT count(*) FROM note"), 6000);
  EXPECT_EQ(IntegrityCheck(), "ok");
}

TEST_F(PageCacheTest, ARollbackAfterTheFileGrewStillDropsThePagesPastItsEnd) {
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(2000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  const std::int64_t pages = Scalar("PRAGMA page_count");
  const PageCacheCounts before = PageCacheTruncations();
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(4000);
  ASSERT_GT(Scalar("PRAGMA page_count"), pages);
  ASSERT_TRUE(db_->Execute("ROLLBACK").ok());
  EXPECT_GT(PageCacheTruncations().passed_on, before.passed_on);
  EXPECT_EQ(Scalar("PRAGMA page_count"), pages);
  // The pages given back are used again: what the rolled-back unit left in the cache under
  // their numbers must not come back.
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  AddNotes(3000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM note"), 5000);
  EXPECT_EQ(IntegrityCheck(), "ok");
  // The same through a savepoint, as every unit of work runs.
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  ASSERT_TRUE(db_->Execute("SAVEPOINT unit").ok());
  AddNotes(3000);
  ASSERT_TRUE(db_->Execute("ROLLBACK TO unit").ok());
  ASSERT_TRUE(db_->Execute("RELEASE unit").ok());
  AddNotes(1000);
  ASSERT_TRUE(db_->Execute("COMMIT").ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM note"), 6000);
  EXPECT_EQ(IntegrityCheck(), "ok");
}

}  // namespace
}  // namespace safehub::store::sqlite
