#include "linkage/blocking.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "linkage/synthetic.h"

namespace safehub::linkage {
namespace {

Record Child(const char* first, const char* surname, DateParts dob, const char* postcode) {
  Record r;
  r.first_name = first;
  r.surname = surname;
  r.date_of_birth = dob;
  r.postcode = postcode;
  return r;
}

std::set<std::pair<std::uint32_t, std::uint32_t>> Pairs(const std::vector<Record>& records, BlockingOptions options) {
  std::vector<BlockingKeys> keys;
  for (const auto& r : records) keys.push_back(ComputeBlockingKeys(Prepare(r)));
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::mutex mu;
  std::size_t visits = 0;
  ForEachCandidatePair(keys, options, [&](int, std::uint32_t i, std::uint32_t j) {
    std::lock_guard<std::mutex> lock(mu);
    pairs.insert({i, j});
    ++visits;
  });
  EXPECT_EQ(visits, pairs.size()) << "a pair was visited twice";
  return pairs;
}

TEST(BlockingTest, EachRuleFindsThePairItIsFor) {
  const std::vector<Record> records = {
      Child("Oliver", "Smith", {2015, 3, 7}, "LS6 2AB"),
      Child("Oliver", "Smiht", {2015, 7, 3}, "M1 1AE"),     // surname typo + day/month swap
      Child("Oliver", "Jones", {2015, 3, 7}, "M1 1AE"),     // changed surname: forename + dob
      Child("Amelia", "Brown", {2010, 1, 1}, "B1 1AA"),     // nobody
      Child("Olivr", "Smith", {2015, 3, 7}, "LS6 2AB"),     // dob + postcode district
  };
  const auto pairs = Pairs(records, {});
  EXPECT_TRUE(pairs.count({0, 1}));
  EXPECT_TRUE(pairs.count({0, 2}));
  EXPECT_TRUE(pairs.count({0, 4}));
  for (const auto& p : pairs) EXPECT_TRUE(p.first != 3 && p.second != 3) << p.first << "," << p.second;
}

TEST(BlockingTest, SwappedNamesReplacedForenameAndMissingDateStillMeet) {
  const std::vector<Record> records = {
      Child("Anika", "Spicer", {1986, 10, 12}, "2067"),
      Child("Spicer", "Anika", {1986, 10, 12}, "2076"),  // swapped names, postcode typo
      Child("Flynn", "Rollins", {}, "5032"),
      Child("Zachary", "Rollins", {}, "5032"),            // replaced forename, no date, id transposed
      Child("Robin", "Morrison", {1925, 1, 24}, "6169"),
      Child("Morrion", "Robin", {1925, 1, 24}, "6168"),   // swap + typo + postcode typo
      Child("Anika", "Spencer", {1990, 1, 1}, "9999"),    // nobody
  };
  std::vector<Record> with_ids = records;
  with_ids[2].other_id = "2427387";
  with_ids[3].other_id = "2423787";
  with_ids[6].other_id = "2423788";  // one substitution: not an anagram
  const auto pairs = Pairs(with_ids, {});
  EXPECT_FALSE(Pairs(records, {}).count({2, 3})) << "only the identifier brings these two together";
  EXPECT_TRUE(pairs.count({0, 1}));
  EXPECT_TRUE(pairs.count({2, 3}));
  EXPECT_TRUE(pairs.count({4, 5}));
  for (const auto& p : pairs) EXPECT_TRUE(p.first != 6 && p.second != 6) << p.first << "," << p.second;
}

TEST(BlockingTest, OversizedBlocksAreSkippedNotHalfCompared) {
  std::vector<Record> records;
  for (int i = 0; i < 30; ++i) records.push_back(Child("Jack", "Smith", {2015, 3, 7}, ""));
  BlockingOptions small;
  small.max_block_size = 10;
  EXPECT_TRUE(Pairs(records, small).empty());
  EXPECT_EQ(Pairs(records, {}).size(), 30u * 29 / 2);
}

TEST(BlockingTest, RecallOnSyntheticChildrenIsHighAndPairsNearLinear) {
  SyntheticOptions options;
  options.records = 20'000;
  options.seed = 99;
  const SyntheticData data = GenerateChildRecords(options);
  std::vector<BlockingKeys> keys;
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < data.records.size(); ++i) {
    keys.push_back(ComputeBlockingKeys(Prepare(data.records[i])));
    labels.push_back(std::to_string(data.person[i]));
  }
  const BlockingRecall recall = MeasureBlockingRecall(keys, labels, {});
  EXPECT_GT(recall.true_pairs, 10'000u);
  EXPECT_GT(recall.recall(), 0.98);
  BlockingOptions one_thread;
  one_thread.threads = 1;
  const BlockingStats stats = ForEachCandidatePair(keys, one_thread, [](int, std::uint32_t, std::uint32_t) {});
  EXPECT_LT(stats.candidate_pairs, 20'000u * 20);
}

}  // namespace
}  // namespace safehub::linkage
