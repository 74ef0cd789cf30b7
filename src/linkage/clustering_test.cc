#include "linkage/clustering.h"

#include <gtest/gtest.h>

#include "linkage/linker.h"
#include "linkage/evaluation.h"
#include "linkage/synthetic.h"

namespace safehub::linkage {
namespace {

Record Child(const char* id, const char* first, const char* surname, const char* sex, DateParts dob) {
  Record r;
  r.record_id = id;
  r.first_name = first;
  r.surname = surname;
  r.sex = sex;
  r.date_of_birth = dob;
  r.address = "12 Mill Lane";
  r.postcode = "LS6 2AB";
  return r;
}

TEST(StronglyConflictTest, TableOfConflicts) {
  const auto base = Prepare(Child("a", "Amelia", "Khan", "F", {2015, 3, 7}));
  struct Case {
    Record other;
    bool conflict;
  };
  const Case cases[] = {
      {Child("b", "Amelia", "Khan", "F", {2015, 3, 7}), false},
      {Child("b", "Millie", "Khan", "F", {2015, 3, 7}), false},   // nickname
      {Child("b", "Amelai", "Khan", "F", {2015, 7, 3}), false},   // typo, day/month swap
      {Child("b", "Olivia", "Khan", "F", {2015, 3, 7}), true},    // twin: another first name
      {Child("b", "Amelia", "Khan", "M", {2015, 3, 7}), true},    // sex
      {Child("b", "Amelia", "Khan", "F", {2012, 9, 1}), true},    // sibling's birthday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(StronglyConflict(base, Prepare(c.other)), c.conflict) << c.other.first_name;
  }
  // A shared valid NHS number overrides: the records are the same child despite the name.
  Record a = Child("a", "Amelia", "Khan", "F", {2015, 3, 7});
  Record b = Child("b", "Olivia", "Khan", "F", {2015, 3, 7});
  a.nhs_number = b.nhs_number = "9434765919";
  EXPECT_FALSE(StronglyConflict(Prepare(a), Prepare(b)));
  b.nhs_number = "4010232137";  // two different valid numbers: two children
  Record c = a;
  c.record_id = "c";
  c.nhs_number = "4010232137";
  EXPECT_TRUE(StronglyConflict(Prepare(a), Prepare(c)));
}

// The identifiers-only guard (data without families) lets a replaced first name or date
// join but still keeps two different valid NHS numbers apart.
TEST(StronglyConflictTest, IdentifiersGuardOnlyRefusesDifferentValidNumbers) {
  Record a = Child("a", "Amelia", "Khan", "F", {2015, 3, 7});
  Record b = Child("b", "Olivia", "Khan", "M", {2011, 9, 1});
  EXPECT_TRUE(ConflictUnder(ConflictGuard::kOn, Prepare(a), Prepare(b)));
  EXPECT_FALSE(ConflictUnder(ConflictGuard::kIdentifiers, Prepare(a), Prepare(b)));
  a.nhs_number = "9434765919";
  b.nhs_number = "4010232137";
  EXPECT_TRUE(ConflictUnder(ConflictGuard::kIdentifiers, Prepare(a), Prepare(b)));
  EXPECT_FALSE(ConflictUnder(ConflictGuard::kOff, Prepare(a), Prepare(b)));
}

// The classic false match: twins share surname, address, postcode and date of birth. Even
// when a pair between them scores above the threshold, and even when a third record (a
// nickname record of one twin) could chain them, they stay two people.
TEST(ClusterPairsTest, TwinsAtOneAddressStayApart) {
  std::vector<PreparedRecord> records = {
      Prepare(Child("t1", "Oliver", "Price", "M", {2016, 5, 2})),
      Prepare(Child("t2", "Harry", "Price", "M", {2016, 5, 2})),
      Prepare(Child("t1b", "Ollie", "Price", "M", {2016, 5, 2})),
      Prepare(Child("t2b", "Harry", "Price", "M", {2016, 5, 2})),
  };
  // Weights as a naive model would give (twins agree on almost everything).
  std::vector<ScoredPair> pairs = {{0, 1, 20}, {0, 2, 25}, {1, 3, 30}, {2, 3, 19}, {0, 3, 18}};
  const Clustering c = ClusterPairs(records, pairs, 10.0);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_EQ(c.cluster_of[1], c.cluster_of[3]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_EQ(c.cluster_count, 2u);
  EXPECT_GT(c.refused_by_guard, 0u);
  // Without the guard the same pairs chain all four into one person: the guard is what works.
  ClusterOptions off;
  off.guard = ConflictGuard::kOff;
  EXPECT_EQ(ClusterPairs(records, pairs, 10.0, off).cluster_count, 1u);
}

TEST(ClusterPairsTest, PairsBelowThresholdDoNotJoinAndIdsAreLowestIndex) {
  std::vector<PreparedRecord> records(4);
  const Clustering c = ClusterPairs(records, {{2, 3, 5}, {1, 2, 1}}, 3.0, {});
  EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 1, 2, 2}));
  EXPECT_EQ(c.cluster_count, 3u);
}

TEST(EvaluatePairwiseTest, CountsPairsFromTheContingencyTable) {
  // Truth {0,1,2} {3}; predicted {0,1} {2,3}: 1 true positive of 2 predicted, 3 true pairs.
  const PairwiseMetrics m = EvaluatePairwise({0, 0, 2, 2}, {"a", "a", "a", "b"});
  EXPECT_EQ(m.true_positives, 1u);
  EXPECT_EQ(m.predicted_pairs, 2u);
  EXPECT_EQ(m.true_pairs, 3u);
  EXPECT_DOUBLE_EQ(m.precision(), 0.5);
  EXPECT_NEAR(m.recall(), 1.0 / 3, 1e-12);
}

TEST(LinkBatchTest, LinksSyntheticChildrenAccurately) {
  SyntheticOptions options;
  options.records = 20'000;
  options.seed = 123;
  SyntheticData data = GenerateChildRecords(options);
  std::vector<PreparedRecord> records;
  for (const auto& r : data.records) records.push_back(Prepare(r));
  std::vector<std::string> truth;
  for (auto p : data.person) truth.push_back(std::to_string(p));
  BatchOptions batch;
  batch.training.random_pairs = 100'000;
  const BatchResult result = LinkBatch(records, DefaultComparisonSpec(), std::nullopt, batch);
  const PairwiseMetrics m = EvaluatePairwise(result.cluster_of, truth);
  EXPECT_GT(m.precision(), 0.97);
  EXPECT_GT(m.recall(), 0.95);
  EXPECT_GT(result.stats.candidate_pairs, 0u);
  EXPECT_LT(result.stats.candidate_pairs, 20'000ull * 100);  // far from quadratic
}

}  // namespace
}  // namespace safehub::linkage
