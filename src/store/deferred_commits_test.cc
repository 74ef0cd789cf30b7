// Submit() on the SQLite store (units queued without waiting, committed by the store's own
// committer thread when nobody else leads) and DeferredCommits, which hands a request's
// writes to it and says when they are all durable.
#include "store/deferred_commits.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace safehub::store {
namespace {

using namespace std::chrono_literals;

// Collects what each submitted unit was told; Wait() until `n` have been.
class Outcomes {
 public:
  Committed For(int n) {
    return [this, n](Status s) {
      std::lock_guard lock(mu_);
      told_.emplace_back(n, s);
      cv_.notify_all();
    };
  }
  std::vector<std::pair<int, Status>> Wait(size_t n) {
    std::unique_lock lock(mu_);
    EXPECT_TRUE(cv_.wait_for(lock, 30s, [&] { return told_.size() >= n; }));
    return told_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<int, Status>> told_;
};

Work InsertAgency(std::string name) {
  return [name](Transaction& tx) {
    return tx.InsertAgency({AgencyId(), name, domain::AgencyKind::kOther, ""}).status();
  };
}

// What an audited read defers: an audit entry. (The store's own append: the chain's hashes
// are AuditTrail's business, not these tests'.)
Work AppendEntry(std::string detail) {
  return [detail](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto head, tx.AuditChainHead());
    domain::AuditEntry e;
    e.sequence = head ? head->sequence + 1 : 1;
    e.action = "read_child";
    e.detail = detail;
    return tx.AppendAudit(e);
  };
}

std::vector<std::string> EntryDetails(Store& store) {
  std::vector<std::string> details;
  EXPECT_TRUE(store.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 1000));
    for (const auto& e : entries) details.push_back(e.detail);
    return Status::Ok();
  }).ok());
  return details;
}

std::vector<std::string> AgencyNames(Store& store) {
  std::vector<std::string> names;
  EXPECT_TRUE(store.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const auto& a : agencies) names.push_back(a.name);
    return Status::Ok();
  }).ok());
  return names;
}

class SubmitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/submit_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
    auto opened = sqlite::SqliteStore::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }
  std::string path_;
  std::unique_ptr<sqlite::SqliteStore> store_;
};

TEST_F(SubmitTest, SubmittedUnitsCommitInTheOrderSubmittedAndEachIsToldOnce) {
  Outcomes outcomes;
  for (int i = 0; i < 200; ++i) store_->Submit(InsertAgency("Agency " + std::to_string(i)), outcomes.For(i));
  auto told = outcomes.Wait(200);
  ASSERT_EQ(told.size(), 200u);
  for (size_t i = 0; i < told.size(); ++i) {
    EXPECT_EQ(told[i].first, static_cast<int>(i));
    EXPECT_TRUE(told[i].second.ok()) << told[i].second.message();
  }
  // Inserted in the order submitted: the ids follow the numbers in the names.
  std::map<int, std::int64_t> id_of;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const auto& a : agencies) id_of[std::stoi(a.name.substr(7))] = a.id.value;
    return Status::Ok();
  }).ok());
  ASSERT_EQ(id_of.size(), 200u);
  for (int i = 1; i < 200; ++i) EXPECT_LT(id_of[i - 1], id_of[i]) << i;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(outcomes.Wait(200).size(), 200u);  // nobody was told twice
}

// Units committed in one batch all wait for its commit: a unit that has others beside it
// in its batch is told that writers wait (so a long one, a feed's, ends early), as it would
// be for units queued behind it; a unit alone in its batch, with nothing queued, is not.
TEST_F(SubmitTest, AUnitSharingItsBatchSeesTheOthersWaiting) {
  std::promise<void> running, queued;
  std::thread holder([&] {
    EXPECT_TRUE(store_->Write([&](Transaction&) -> Status {
      running.set_value();
      queued.get_future().wait();  // both units below queue meanwhile: they form the next batch
      return Status::Ok();
    }).ok());
  });
  running.get_future().wait();
  Outcomes outcomes;
  std::atomic<int> first_saw{-1}, second_saw{-1};
  store_->Submit([&](Transaction& tx) {
    first_saw = tx.OtherWritersWaiting() ? 1 : 0;
    return Status::Ok();
  }, outcomes.For(1));
  store_->Submit([&](Transaction& tx) {
    second_saw = tx.OtherWritersWaiting() ? 1 : 0;
    return Status::Ok();
  }, outcomes.For(2));
  queued.set_value();
  holder.join();
  auto told = outcomes.Wait(2);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(first_saw, 1);   // the second waits beside it
  EXPECT_EQ(second_saw, 1);  // the first, done, waits for the batch's commit
  std::atomic<int> alone_saw{-1};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    alone_saw = tx.OtherWritersWaiting() ? 1 : 0;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(alone_saw, 0);
}

// A bookkeeping unit (what an audited read writes) takes no sequence number, so the units
// written before and after it are still adjacent; any other write in it is refused and
// rolls it back.
TEST_F(SubmitTest, ABookkeepingUnitTakesNoNumberAndMayWriteOnlyBookkeeping) {
  auto number = [&] {
    std::uint64_t n = 0;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) {
      n = tx.WriteSequence();
      return Status::Ok();
    }).ok());
    return n;
  };
  const std::uint64_t before = number();
  Outcomes outcomes;
  std::atomic<std::uint64_t> bookkeeping_number{99};
  store_->SubmitBookkeeping([&](Transaction& tx) {
    bookkeeping_number = tx.WriteSequence();
    return tx.TouchSession("no such session", 1700000000);
  }, outcomes.For(1));
  ASSERT_EQ(outcomes.Wait(1).size(), 1u);
  EXPECT_TRUE(outcomes.Wait(1)[0].second.ok()) << outcomes.Wait(1)[0].second.message();
  EXPECT_EQ(bookkeeping_number, 0u);
  EXPECT_EQ(number(), before + 1);  // adjacent across the bookkeeping unit

  store_->SubmitBookkeeping([](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.TouchSession("no such session", 1700000001));
    return tx.InsertAgency({AgencyId(), "Smuggled", domain::AgencyKind::kOther, ""}).status();
  }, outcomes.For(2));
  auto told = outcomes.Wait(2);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[1].second.code(), StatusCode::kInternal);
  EXPECT_NE(told[1].second.message().find("bookkeeping"), std::string::npos) << told[1].second.message();
  EXPECT_TRUE(AgencyNames(*store_).empty());  // nothing written
  // The restriction ends with the unit: the next one writes as any other.
  ASSERT_TRUE(store_->Write(InsertAgency("After")).ok());
  EXPECT_EQ(AgencyNames(*store_), std::vector<std::string>{"After"});
}

TEST_F(SubmitTest, AFailingUnitRollsBackAloneAndIsToldItsError) {
  Outcomes outcomes;
  store_->Submit(InsertAgency("Before"), outcomes.For(0));
  store_->Submit([](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertAgency({AgencyId(), "Half written", domain::AgencyKind::kOther, ""}).status());
    return InvalidArgument("refused after writing", "name");
  }, outcomes.For(1));
  store_->Submit(InsertAgency("After"), outcomes.For(2));
  auto told = outcomes.Wait(3);
  ASSERT_EQ(told.size(), 3u);
  EXPECT_TRUE(told[0].second.ok());
  EXPECT_EQ(told[1].second.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(told[1].second.message(), "refused after writing");
  EXPECT_TRUE(told[2].second.ok());
  EXPECT_EQ(AgencyNames(*store_), (std::vector<std::string>{"Before", "After"}));
}

TEST_F(SubmitTest, SubmittersAndWritersOnManyThreadsAllCommit) {
  Outcomes outcomes;
  std::vector<std::thread> threads;
  std::atomic<int> write_failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) store_->Submit(InsertAgency("S" + std::to_string(t * 50 + i)), outcomes.For(t * 50 + i));
    });
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!store_->Write(InsertAgency("W" + std::to_string(t * 50 + i))).ok()) ++write_failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  auto told = outcomes.Wait(200);
  EXPECT_EQ(told.size(), 200u);
  for (const auto& [n, s] : told) EXPECT_TRUE(s.ok()) << n << ": " << s.message();
  EXPECT_EQ(write_failures.load(), 0);
  EXPECT_EQ(AgencyNames(*store_).size(), 400u);
}

TEST_F(SubmitTest, ClosingTheStoreCommitsEverythingSubmitted) {
  Outcomes outcomes;
  for (int i = 0; i < 100; ++i) store_->Submit(InsertAgency("Agency " + std::to_string(i)), outcomes.For(i));
  store_.reset();
  EXPECT_EQ(outcomes.Wait(100).size(), 100u);
  auto again = sqlite::SqliteStore::Open(path_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(AgencyNames(**again).size(), 100u);
}

TEST_F(SubmitTest, OutsideAScopeWriteOwnedWritesAtOnce) {
  EXPECT_TRUE(DeferredCommits::WriteOwned(*store_, InsertAgency("Now")).ok());
  EXPECT_EQ(AgencyNames(*store_), std::vector<std::string>{"Now"});
  // And a failure is returned to the caller.
  EXPECT_EQ(DeferredCommits::WriteOwned(*store_, [](Transaction&) { return InvalidArgument("no", "x"); }).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(SubmitTest, InsideAScopeWriteOwnedReturnsBeforeTheUnitRuns) {
  // The unit waits for a flag the test sets only after WriteOwned has returned: a
  // WriteOwned that waited for the commit would make the unit see the flag unset.
  std::atomic<bool> returned{false};
  std::atomic<bool> unit_saw_return{false};
  DeferredCommits commits;
  {
    DeferredCommits::Scope scope(commits);
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, [&](Transaction& tx) -> Status {
      for (int i = 0; i < 500 && !returned; ++i) std::this_thread::sleep_for(10ms);
      unit_saw_return = returned.load();
      return AppendEntry("Later")(tx);
    }).ok());
    returned = true;
  }
  EXPECT_FALSE(commits.empty());
  std::promise<Status> done;
  commits.WhenCommitted([&](Status s) { done.set_value(s); });
  auto result = done.get_future();
  ASSERT_EQ(result.wait_for(30s), std::future_status::ready);
  EXPECT_TRUE(result.get().ok());
  EXPECT_TRUE(unit_saw_return.load());
  EXPECT_EQ(EntryDetails(*store_), std::vector<std::string>{"Later"});
}

// Deferred units are bookkeeping (Store::SubmitBookkeeping): one that writes anything
// else is refused, and the answer waiting on it gets that error.
TEST_F(SubmitTest, InsideAScopeAWriteOtherThanBookkeepingIsRefused) {
  DeferredCommits commits;
  {
    DeferredCommits::Scope scope(commits);
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, InsertAgency("Smuggled")).ok());
  }
  std::promise<Status> done;
  commits.WhenCommitted([&](Status s) { done.set_value(s); });
  auto result = done.get_future();
  ASSERT_EQ(result.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(result.get().code(), StatusCode::kInternal);
  EXPECT_TRUE(AgencyNames(*store_).empty());
}

TEST_F(SubmitTest, WhenCommittedWaitsForEveryUnitAndReportsTheFirstFailure) {
  DeferredCommits commits;
  {
    DeferredCommits::Scope scope(commits);
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, AppendEntry("One")).ok());
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, [](Transaction&) { return NotFound("first failure"); }).ok());
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, [](Transaction&) { return InvalidArgument("second", "x"); }).ok());
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store_, AppendEntry("Two")).ok());
  }
  std::promise<Status> done;
  std::atomic<int> calls{0};
  commits.WhenCommitted([&](Status s) {
    if (++calls == 1) done.set_value(s);
  });
  auto result = done.get_future();
  ASSERT_EQ(result.wait_for(30s), std::future_status::ready);
  const Status s = result.get();
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "first failure");
  // Every unit had been committed by then (the callback runs after the last).
  EXPECT_EQ(EntryDetails(*store_), (std::vector<std::string>{"One", "Two"}));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(calls.load(), 1);
}

TEST(DeferredCommitsTest, NothingDeferredIsToldAtOnceOnTheCallersThread) {
  DeferredCommits commits;
  EXPECT_TRUE(commits.empty());
  std::thread::id told_on;
  Status told = Internal("not told");
  commits.WhenCommitted([&](Status s) {
    told = s;
    told_on = std::this_thread::get_id();
  });
  EXPECT_TRUE(told.ok());
  EXPECT_EQ(told_on, std::this_thread::get_id());
}

TEST(DeferredCommitsTest, AStoreThatNeverWaitsCommitsASubmittedUnitAtOnce) {
  auto store = NewMemoryStore();
  DeferredCommits commits;
  {
    DeferredCommits::Scope scope(commits);
    ASSERT_TRUE(DeferredCommits::WriteOwned(*store, InsertAgency("Memory")).ok());
  }
  EXPECT_EQ(AgencyNames(*store), std::vector<std::string>{"Memory"});
  Status told = Internal("not told");
  commits.WhenCommitted([&](Status s) { told = s; });
  EXPECT_TRUE(told.ok());
}

}  // namespace
}  // namespace safehub::store
