#include "app/audit_trail.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

TEST(AuditTrailTest, ChainsEveryEntryToTheOneBefore) {
  testing::TestArea area;
  auto report = AuditTrail::Verify(*area.store);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_GT(report->entries, 10);
  std::vector<domain::AuditEntry> all;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(all, tx.ScanAudit(0, 1000));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(all.front().previous_hash, domain::kGenesisHash);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i].previous_hash, all[i - 1].hash);
  EXPECT_EQ(report->head_hash, all.back().hash);
}

TEST(AuditTrailTest, BulkAppendChainsLikeSingleAppends) {
  auto store = store::NewMemoryStore();
  FakeClock clock(1000);
  AuditTrail trail(clock);
  ASSERT_TRUE(store->Write([&](store::Transaction& tx) -> Status {
    domain::AuditEntry one;
    one.action = "first";
    RETURN_IF_ERROR(trail.Append(tx, one));
    std::vector<domain::AuditEntry> many(3);
    for (auto& e : many) e.action = "feed_event";
    return trail.AppendAll(tx, many);
  }).ok());
  auto report = AuditTrail::Verify(*store);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact) << report->problem;
  EXPECT_EQ(report->entries, 4);
}

TEST(AuditTrailTest, EmptyTrailIsIntact) {
  auto store = store::NewMemoryStore();
  auto report = AuditTrail::Verify(*store);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact);
  EXPECT_EQ(report->entries, 0);
}

TEST(AuditTrailTest, DetectsAForgedEntry) {
  auto store = store::NewMemoryStore();
  FakeClock clock(1000);
  AuditTrail trail(clock);
  ASSERT_TRUE(store->Write([&](store::Transaction& tx) -> Status {
    domain::AuditEntry e;
    e.action = "read_child";
    RETURN_IF_ERROR(trail.Append(tx, e));
    // An entry appended by someone who bypasses Append: right sequence, wrong hash.
    domain::AuditEntry forged;
    forged.sequence = 2;
    forged.action = "read_child";
    forged.previous_hash = tx.LastAudit()->value().hash;
    forged.hash = std::string(64, 'a');
    return tx.AppendAudit(forged);
  }).ok());
  auto report = AuditTrail::Verify(*store);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->intact);
  EXPECT_EQ(report->first_bad_sequence, 2);
  EXPECT_NE(report->problem.find("altered"), std::string::npos);
}

// Removing the newest entries leaves a chain that links: only a head hash kept outside the
// database shows it. Two stores with the same first entries stand for the trail before and
// after the removal.
TEST(AuditTrailTest, AKeptHeadHashDetectsRemovalOfTheNewestEntries) {
  FakeClock clock(1000);
  AuditTrail trail(clock);
  auto trail_of = [&](int entries) {
    auto store = store::NewMemoryStore();
    EXPECT_TRUE(store->Write([&](store::Transaction& tx) -> Status {
      for (int i = 0; i < entries; ++i) {
        domain::AuditEntry e;
        e.action = "read_child " + std::to_string(i);
        RETURN_IF_ERROR(trail.Append(tx, e));
      }
      return Status::Ok();
    }).ok());
    return store;
  };
  auto whole = trail_of(3);
  auto kept = AuditTrail::Verify(*whole);
  ASSERT_TRUE(kept.ok());
  const std::string head = kept->head_hash;

  auto later = AuditTrail::Verify(*whole, head);  // nothing removed: still there
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->intact) << later->problem;
  EXPECT_EQ(later->known_head_sequence, 3);

  auto truncated = trail_of(2);
  auto plain = AuditTrail::Verify(*truncated);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->intact) << "without the kept head, removal of the newest entry cannot show";
  auto checked = AuditTrail::Verify(*truncated, head);
  ASSERT_TRUE(checked.ok());
  EXPECT_FALSE(checked->intact);
  EXPECT_EQ(checked->known_head_sequence, 0);
  EXPECT_NE(checked->problem.find("is not in the trail"), std::string::npos) << checked->problem;

  auto malformed = AuditTrail::Verify(*whole, "not-a-hash");
  EXPECT_EQ(malformed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(malformed.status().field(), "known_head");
}

}  // namespace
}  // namespace safehub::app
