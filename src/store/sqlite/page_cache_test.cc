// The page cache of page_cache.h: commits after page splits no longer pass on a truncation
// that could drop nothing, and one that must drop pages (a rollback after the file grew)
// still does, leaving the database whole.
#include "store/sqlite/page_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/sqlite/connection.h"

namespace safehub::store::sqlite {
namespace {

class PageCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/page_cache_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    auto opened = Connection::Open(path_, AccessMode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(*opened);
    ASSERT_TRUE(db_->ExecuteScript("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
                                   "CREATE INDEX note_body ON note(body);")
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  // Random bodies under an index: leaves split all over it, which is what parks pages on
  // the lock page.
  void AddNotes(int count) {
    auto insert = db_->Prepare(
        "INSERT INTO note(body) SELECT hex(randomblob(60)) FROM (WITH RECURSIVE n(i) AS "
        "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n)");
    ASSERT_TRUE(insert.ok());
    (*insert)->Bind(1, std::int64_t{count});
    ASSERT_TRUE((*insert)->Run().ok());
  }
  std::int64_t Scalar(const char* sql) {
    auto statement = db_->Prepare(sql);
    EXPECT_TRUE(statement.ok());
    auto row = (*statement)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return (*statement)->Int(0);
  }
  std::string IntegrityCheck() {
    auto statement = db_->Prepare("PRAGMA integrity_check");
    auto row = (*statement)->Step();
    return row.ok() && *row ? (*statement)->Text(0) : "no answer";
  }
  std::string path_;
  std::unique_ptr<Connection> db_;
};

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
