// A scratch SQLite file with one indexed table of random notes, opened through the store's
// Connection (so with its page cache and VFS): for tests of how SQLite reaches memory and
// disk, where the pages a change touches should be scattered over the file.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/connection.h"

namespace safehub::store::sqlite {

class NotesDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/notes_" + ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
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
  // Random bodies under an index: leaves split all over it.
  void AddNotes(int count) { AddNotes(*db_, count); }
  static void AddNotes(Connection& db, int count) {
    auto insert = db.Prepare(
        "INSERT INTO note(body) SELECT hex(randomblob(60)) FROM (WITH RECURSIVE n(i) AS "
        "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n)");
    ASSERT_TRUE(insert.ok());
    (*insert)->Bind(1, std::int64_t{count});
    ASSERT_TRUE((*insert)->Run().ok());
  }
  std::int64_t Scalar(const char* sql) { return Scalar(*db_, sql); }
  static std::int64_t Scalar(Connection& db, const char* sql) {
    auto statement = db.Prepare(sql);
    EXPECT_TRUE(statement.ok());
    auto row = (*statement)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return (*statement)->Int(0);
  }
  std::string IntegrityCheck() { return IntegrityCheck(*db_); }
  static std::string IntegrityCheck(Connection& db) {
    auto statement = db.Prepare("PRAGMA integrity_check");
    auto row = (*statement)->Step();
    return row.ok() && *row ? (*statement)->Text(0) : "no answer";
  }
  std::string path_;
  std::unique_ptr<Connection> db_;
};

}  // namespace safehub::store::sqlite
