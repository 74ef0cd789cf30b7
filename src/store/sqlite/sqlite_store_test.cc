// SQLite-only behaviour: migrations, durability across reopen, the append-only audit.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/generation_watch_test.h"
#include "store/sqlite/migrations.h"

namespace safehub::store::sqlite {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/sqlite_store_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

int ExecRaw(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

TEST_F(SqliteStoreTest, CommittedWorkSurvivesReopen) {
  {
    auto store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->Write([](Transaction& tx) {
      return tx.InsertAgency({AgencyId(), "Northshire Council", domain::AgencyKind::kSocialCare, "891"}).status();
    }).ok());
  }
  auto again = SqliteStore::Open(path_);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    EXPECT_EQ(agencies.size(), 1u);
    return Status::Ok();
  }).ok());
}

// Another connection's commit (another process on the same file) leaves a gap in this
// store's write numbers: the units on either side are not adjacent.
TEST_F(SqliteStoreTest, AnotherConnectionsCommitLeavesAGapInWriteNumbers) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto number = [&]() {
    std::uint64_t n = 0;
    EXPECT_TRUE((*store)->Write([&](Transaction& tx) -> Status {
      n = tx.WriteSequence();
      return tx.InsertAgency({AgencyId(), "Agency " + std::to_string(n), domain::AgencyKind::kOther, ""}).status();
    }).ok());
    return n;
  };
  const std::uint64_t first = number();
  EXPECT_EQ(number(), first + 1);
  ASSERT_EQ(ExecRaw(path_, "INSERT INTO agency(name, kind, code) VALUES ('Elsewhere', 'other', '')"), SQLITE_OK);
  EXPECT_GT(number(), first + 2);
}

// The writer keeps the audit chain's head instead of reading it before every append. It must
// never hand out a stale head: not after a unit that appended and then failed, and not after
// another connection (another process on the same file) appended.
TEST_F(SqliteStoreTest, TheChainHeadTheWriterKeepsIsNeverStale) {
  auto first = SqliteStore::Open(path_);
  auto second = SqliteStore::Open(path_);  // a second process's store
  ASSERT_TRUE(first.ok() && second.ok());
  // Appends the entry that links to the head this store gives, as AuditTrail does.
  auto append = [](Store& store, const char* action, bool then_fail = false) {
    std::int64_t sequence = 0;
    Status s = store.Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto head, tx.AuditChainHead());
      domain::AuditEntry e;
      e.sequence = head ? head->sequence + 1 : 1;
      e.previous_hash = head ? head->hash : std::string(domain::kGenesisHash);
      e.hash = std::string(action) + "-hash";
      e.action = action;
      e.username = "test";
      RETURN_IF_ERROR(tx.AppendAudit(e));
      sequence = e.sequence;
      return then_fail ? InvalidArgument("refused after appending") : Status::Ok();
    });
    return then_fail ? (s.ok() ? -1 : 0) : (s.ok() ? sequence : -1);
  };
  EXPECT_EQ(append(**first, "a"), 1);
  EXPECT_EQ(append(**first, "b"), 2);
  EXPECT_EQ(append(**first, "rolled back", /*then_fail=*/true), 0);
  EXPECT_EQ(append(**first, "c"), 3);  // links to b, not to the rolled-back entry
  EXPECT_EQ(append(**second, "d"), 4);
  EXPECT_EQ(append(**first, "e"), 5);  // saw d, though its own last append was c
  // Entries stored out of order (as only a forger would) leave the head at the highest.
  auto store_at = [&](std::int64_t sequence) {
    return (*first)->Write([&](Transaction& tx) -> Status {
      domain::AuditEntry e;
      e.sequence = sequence;
      e.previous_hash = e.hash = "forged";
      e.action = e.username = "forged";
      return tx.AppendAudit(e);
    });
  };
  ASSERT_TRUE(store_at(9).ok());
  ASSERT_TRUE(store_at(7).ok());
  EXPECT_EQ(append(**first, "f"), 10);
  ASSERT_TRUE((*first)->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 5));
    EXPECT_EQ(entries.size(), 5u);
    for (size_t i = 1; i < entries.size(); ++i) {
      EXPECT_EQ(entries[i].previous_hash, entries[i - 1].hash) << "entry " << entries[i].sequence;
    }
    return Status::Ok();
  }).ok());
}

// Commits go to the WAL; the store's checkpointer thread copies them into the database file
// on its own (the writer makes no automatic checkpoint).
TEST_F(SqliteStoreTest, ACheckpointerCopiesCommitsIntoTheDatabaseFile) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // migrations checkpointed
  const auto before = std::filesystem::file_size(path_);
  ASSERT_TRUE((*store)->Write([](Transaction& tx) -> Status {
    for (int i = 0; i < 3000; ++i) {
      RETURN_IF_ERROR(tx.InsertAgency({AgencyId(), "Agency with a long enough name " + std::to_string(i),
                                       domain::AgencyKind::kOther, ""}).status());
    }
    return Status::Ok();
  }).ok());
  bool grew = false;
  for (int i = 0; i < 100 && !grew; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    grew = std::filesystem::file_size(path_) > before;
  }
  EXPECT_TRUE(grew) << "the database file stayed at " << before << " bytes";
}

TEST_F(SqliteStoreTest, AppliesMigrationsOnceAndRecordsTheVersion) {
  ASSERT_TRUE(SqliteStore::Open(path_).ok());
  ASSERT_TRUE(SqliteStore::Open(path_).ok());
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*), MAX(version) FROM schema_migration", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), static_cast<int>(AllMigrations().size()));
  EXPECT_EQ(sqlite3_column_int(stmt, 1), AllMigrations().back().version);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

// Migration 11: temporary passwords issued before expiry existed stop working three days
// after the upgrade instead of never.
TEST_F(SqliteStoreTest, UpgradingGivesPendingTemporaryPasswordsAnExpiry) {
  {
    auto store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Write([](Transaction& tx) -> Status {
      domain::User pending;
      pending.username = "pending";
      pending.role = domain::Role::kAuditor;
      pending.must_change_password = true;
      RETURN_IF_ERROR(tx.InsertUser(pending).status());
      domain::User settled;
      settled.username = "settled";
      settled.role = domain::Role::kAuditor;
      return tx.InsertUser(settled).status();
    }).ok());
  }
  // Back to the schema before migration 11, as a database from before the upgrade.
  ASSERT_EQ(ExecRaw(path_, "ALTER TABLE app_user DROP COLUMN temporary_password_expires_at;"
                           "DELETE FROM schema_migration WHERE version = 11"), SQLITE_OK);
  const auto upgraded_at = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch()).count();
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User pending, tx.GetUserByUsername("pending"));
    EXPECT_GE(pending.temporary_password_expires_at, upgraded_at + 72 * 3600 - 5);
    EXPECT_LE(pending.temporary_password_expires_at, upgraded_at + 72 * 3600 + 5);
    ASSIGN_OR_RETURN(domain::User settled, tx.GetUserByUsername("settled"));
    EXPECT_EQ(settled.temporary_password_expires_at, 0);
    return Status::Ok();
  }).ok());
}

// A database from before migration 12 gets the identity generation at the upgrade, and its
// triggers count changes from then on, whichever connection makes them.
TEST_F(SqliteStoreTest, AnUpgradedDatabaseCountsIdentityChangesFromTheUpgrade) {
  ASSERT_TRUE(SqliteStore::Open(path_).ok());
  ASSERT_EQ(ExecRaw(path_, "DROP TRIGGER person_insert_moves_generation; DROP TRIGGER person_update_moves_generation;"
                           "DROP TRIGGER person_delete_moves_generation; DROP TRIGGER merge_insert_moves_generation;"
                           "DROP TRIGGER merge_update_moves_generation; DROP TRIGGER merge_delete_moves_generation;"
                           "DROP TABLE identity_generation; DELETE FROM schema_migration WHERE version = 12;"
                           "INSERT INTO person(kind, first_name, surname, sex, date_of_birth) "
                           "VALUES ('child', 'Ava', 'Reid', 'F', '2015-02-03')"),
            SQLITE_OK);
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  GenerationWatch generation(**store, &Transaction::IdentityGeneration);
  // Another connection (here the sqlite3 API directly, as another process would) renames
  // the child: the store's next read sees the generation moved.
  ASSERT_EQ(ExecRaw(path_, "UPDATE person SET surname = 'Reed' WHERE first_name = 'Ava'"), SQLITE_OK);
  EXPECT_TRUE(generation.Moved());
}

// Migration 13's triggers count a change to a child's record made by another connection
// (another process: `safehub` CLI commands write the same file), so audited reads in a
// server do not keep what the change made stale.
TEST_F(SqliteStoreTest, TheChildRecordGenerationCountsOtherConnectionsChanges) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_EQ(ExecRaw(path_, "INSERT INTO person(kind, first_name, surname, sex, date_of_birth) "
                           "VALUES ('child', 'Ava', 'Reid', 'F', '2015-02-03')"),
            SQLITE_OK);
  GenerationWatch generation(**store, &Transaction::ChildRecordGeneration);
  ASSERT_EQ(ExecRaw(path_, "UPDATE person SET surname = 'Reed' WHERE first_name = 'Ava'"), SQLITE_OK);
  EXPECT_TRUE(generation.Moved());
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  ASSERT_TRUE(SqliteStore::Open(path_).ok());
  ASSERT_EQ(ExecRaw(path_, "INSERT INTO schema_migration(version, description) VALUES (999, 'future')"), SQLITE_OK);
  auto store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, AuditRowsCannotBeUpdatedOrDeleted) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  domain::AuditEntry e;
  e.sequence = 1;
  e.action = "read_child";
  ASSERT_TRUE((*store)->Write([&](Transaction& tx) { return tx.AppendAudit(e); }).ok());
  EXPECT_NE(ExecRaw(path_, "UPDATE audit_entry SET action = 'nothing'"), SQLITE_OK);
  EXPECT_NE(ExecRaw(path_, "DELETE FROM audit_entry"), SQLITE_OK);
}

TEST_F(SqliteStoreTest, CaseworkStepsCannotBeUpdatedOrDeleted) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Write([](Transaction& tx) -> Status {
    domain::Person child;
    child.first_name = "Ava";
    child.surname = "Reid";
    child.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(PersonId id, tx.InsertPerson(child));
    return tx.AppendCaseworkStep({id, 1, "receive referral", "{}", UserId(), 0});
  }).ok());
  EXPECT_NE(ExecRaw(path_, "UPDATE casework_step SET payload = '{}'"), SQLITE_OK);
  EXPECT_NE(ExecRaw(path_, "DELETE FROM casework_step"), SQLITE_OK);
}

TEST_F(SqliteStoreTest, UnreadableCodesAreReadCautiouslyNotCrashed) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Write([](Transaction& tx) -> Status {
    domain::User u;
    u.username = "x";
    u.display_name = "X";
    u.password_hash = "h";
    u.role = domain::Role::kSafeguardingLead;
    u.scope = domain::Scope::kAll;
    RETURN_IF_ERROR(tx.InsertUser(u));
    domain::Person p;
    p.first_name = "A";
    p.surname = "B";
    return tx.InsertPerson(p).status();
  }).ok());
  ASSERT_EQ(ExecRaw(path_, "UPDATE app_user SET role = 'root', scope = 'galaxy'; UPDATE person SET shielding = '?'"),
            SQLITE_OK);
  ASSERT_TRUE((*store)->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto u, tx.GetUserByUsername("x"));
    EXPECT_EQ(u.role, domain::Role::kAuditor);  // no access to children
    EXPECT_EQ(u.scope, domain::Scope::kOwn);
    ASSIGN_OR_RETURN(auto p, tx.GetPerson(PersonId(1)));
    EXPECT_TRUE(p.IsShielded());
    return Status::Ok();
  }).ok());
}

TEST_F(SqliteStoreTest, UsesWalAndForeignKeys) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok());
  // A foreign key violation that bypasses the explicit checks is still refused.
  Status s = (*store)->Write([](Transaction& tx) {
    domain::Involvement i;
    i.child = PersonId(1);
    i.team = TeamId(1);
    return tx.InsertInvolvement(i).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_TRUE(std::filesystem::exists(path_ + "-wal"));
}

}  // namespace
}  // namespace safehub::store::sqlite

namespace safehub::store::sqlite {
namespace {

TEST_F(SqliteStoreTest, ConcurrentUnitsOfWorkCommitTogetherButFailAlone) {
  auto opened = SqliteStore::Open(path_);
  ASSERT_TRUE(opened.ok());
  SqliteStore& store = **opened;
  constexpr int kThreads = 8;
  constexpr int kWritesEach = 40;
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        const bool refuse = i % 5 == 0;
        Status s = store.Write([&](Transaction& tx) -> Status {
          RETURN_IF_ERROR(tx.InsertAgency({AgencyId(), "agency " + std::to_string(t) + "-" + std::to_string(i),
                                           domain::AgencyKind::kOther, refuse ? "refused" : "kept"}));
          return refuse ? InvalidArgument("refused on purpose") : Status::Ok();
        });
        if (!s.ok()) ++refused;
        EXPECT_EQ(s.ok(), !refuse);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused.load(), kThreads * kWritesEach / 5);
  ASSERT_TRUE(store.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    EXPECT_EQ(agencies.size(), static_cast<size_t>(kThreads * kWritesEach * 4 / 5));
    for (const auto& a : agencies) EXPECT_EQ(a.code, "kept");
    return Status::Ok();
  }).ok());
}

std::filesystem::perms ModeOf(const std::string& path) {
  return std::filesystem::status(path).permissions() & std::filesystem::perms::all;
}

// A new database holds children's records from its first write: owner-only, WAL included.
TEST_F(SqliteStoreTest, ANewDatabaseIsReadableByItsOwnerOnly) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->Write([](Transaction& tx) {
    return tx.InsertAgency({AgencyId(), "Northshire Council", domain::AgencyKind::kSocialCare, "891"}).status();
  }).ok());
  const auto owner_only = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
  EXPECT_EQ(ModeOf(path_), owner_only);
  ASSERT_TRUE(std::filesystem::exists(path_ + "-wal"));
  EXPECT_EQ(ModeOf(path_ + "-wal"), owner_only);
}

// An online backup holds everything committed before it, is owner-only, never overwrites a
// file, and leaves no partial file behind.
TEST_F(SqliteStoreTest, ABackupCopiesEverythingCommittedAndNeverOverwrites) {
  const std::string copy = path_ + ".backup";
  std::filesystem::remove(copy);
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->Write([](Transaction& tx) {
    return tx.InsertAgency({AgencyId(), "Northshire Council", domain::AgencyKind::kSocialCare, "891"}).status();
  }).ok());
  ASSERT_TRUE((*store)->BackupTo(copy).ok());
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
  EXPECT_EQ(ModeOf(copy), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // Written after the backup: in the live database only.
  ASSERT_TRUE((*store)->Write([](Transaction& tx) {
    return tx.InsertAgency({AgencyId(), "Northshire Police", domain::AgencyKind::kPolice, "P1"}).status();
  }).ok());

  const auto size_before = std::filesystem::file_size(copy);
  Status again = (*store)->BackupTo(copy);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.field(), "to");
  EXPECT_NE(again.message().find(copy), std::string::npos) << again.message();
  EXPECT_EQ(std::filesystem::file_size(copy), size_before);
  Status onto_live = (*store)->BackupTo(path_);
  EXPECT_EQ(onto_live.code(), StatusCode::kAlreadyExists) << "a backup must never overwrite the live database";

  {
    auto restored = SqliteStore::Open(copy);
    ASSERT_TRUE(restored.ok()) << restored.status().message();
    ASSERT_TRUE((*restored)->Read([](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
      EXPECT_EQ(agencies.size(), 1u);
      if (!agencies.empty()) {
        EXPECT_EQ(agencies[0].name, "Northshire Council");
      }
      return Status::Ok();
    }).ok());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix);
}

// Taken while a writer goes on, the backup is one moment's snapshot: whole (SQLite's own
// integrity check passes) and holding every unit committed before it began.
TEST_F(SqliteStoreTest, ABackupTakenWhileWritesGoOnIsOneWholeSnapshot) {
  const std::string copy = path_ + ".live-backup";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix);
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto add = [&](int i) {
    return (*store)->Write([i](Transaction& tx) {
      return tx.InsertAgency({AgencyId(), "Agency " + std::to_string(i), domain::AgencyKind::kOther, ""}).status();
    });
  };
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(add(i).ok());
  std::atomic<bool> stop = false;
  std::atomic<int> written = 200;
  std::thread writer([&] {
    while (!stop) {
      if (!add(written).ok()) break;
      ++written;
    }
  });
  const int before = written;
  const Status backed_up = (*store)->BackupTo(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.message();

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(copy.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM agency", -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  const int copied = sqlite3_column_int(count, 0);
  sqlite3_finalize(count);
  sqlite3_close(db);
  EXPECT_GE(copied, before);
  EXPECT_LE(copied, written.load());
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix);
}

// A backup that cannot be written says where and why, and leaves nothing behind.
TEST_F(SqliteStoreTest, ABackupThatCannotBeWrittenLeavesNothing) {
  auto store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const std::string copy = ::testing::TempDir() + "/no-such-directory/backup.db";
  Status s = (*store)->BackupTo(copy);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("no-such-directory"), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
}

}  // namespace
}  // namespace safehub::store::sqlite
