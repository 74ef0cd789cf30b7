// Store contract: units of work (all or nothing, numbered in order, told when another
// writer waits) and read transactions.
#include <chrono>
#include <thread>

#include "store/store_contract_test.h"

namespace safehub::store::contract {
namespace {

TEST_P(StoreContractTest, FailedUnitOfWorkLeavesNothingBehind) {
  Fixture f = Seed();
  Status s = store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Half";
    p.surname = "Written";
    RETURN_IF_ERROR(tx.InsertPerson(p));
    return InvalidArgument("second half refused");
  });
  EXPECT_EQ(s.message(), "second half refused");
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    PersonQuery q;
    q.name_contains = "Written";
    ASSIGN_OR_RETURN(auto found, tx.FindPeople(q));
    EXPECT_TRUE(found.empty());
    return Status::Ok();
  }).ok());
  (void)f;
}

// Write units are numbered in order, so a cache built in one unit can tell whether anything
// was written before the next; reads have no number.
TEST_P(StoreContractTest, WriteUnitsAreNumberedInOrderAndReadsAreNot) {
  auto number = [&]() {
    std::uint64_t n = 0;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      n = tx.WriteSequence();
      return Status::Ok();
    }).ok());
    return n;
  };
  const std::uint64_t first = number();
  EXPECT_GT(first, 0u);
  EXPECT_EQ(number(), first + 1);
  Seed();  // one unit between
  EXPECT_EQ(number(), first + 3);
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.WriteSequence(), 0u);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(number(), first + 4);  // a read is not a write
}

// A long unit (a feed's) can tell that another unit is waiting for the writer, and commit
// early to let it in; nobody waiting, or a read, says no.
TEST_P(StoreContractTest, AUnitSeesAnotherWriterWaiting) {
  std::thread other;
  bool waiting_before = true, waiting_after = false, other_ran = false;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    waiting_before = tx.OtherWritersWaiting();
    other = std::thread([&] {
      EXPECT_TRUE(store_->Write([&](Transaction&) -> Status {
        other_ran = true;
        return Status::Ok();
      }).ok());
    });
    // The other thread's Write queues behind this unit; wait until this unit can see it.
    for (int i = 0; i < 20000 && !tx.OtherWritersWaiting(); ++i) std::this_thread::sleep_for(std::chrono::microseconds(100));
    waiting_after = tx.OtherWritersWaiting();
    EXPECT_FALSE(other_ran);  // still waiting: this unit holds the writer
    return Status::Ok();
  }).ok());
  other.join();
  EXPECT_FALSE(waiting_before);
  EXPECT_TRUE(waiting_after);
  EXPECT_TRUE(other_ran);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    EXPECT_FALSE(tx.OtherWritersWaiting());  // nobody left in the queue
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    EXPECT_FALSE(tx.OtherWritersWaiting());
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, ReadTransactionsRefuseWrites) {
  Seed();
  Status s = store_->Read([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Not";
    p.surname = "Allowed";
    return tx.InsertPerson(p).status();
  });
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace safehub::store::contract
