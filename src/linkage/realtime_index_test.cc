#include "linkage/realtime_index.h"

#include <gtest/gtest.h>

#include "linkage/linker.h"
#include "linkage/synthetic.h"

namespace safehub::linkage {
namespace {

class RealtimeIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SyntheticOptions options;
    options.records = 20'000;
    options.seed = 31;
    data_ = new SyntheticData(GenerateChildRecords(options));
  }
  static void TearDownTestSuite() { delete data_; }
  // Indexes the first `n` records under their true persons with a model trained on them.
  static RealtimeIndex Build(std::size_t n) {
    std::vector<PreparedRecord> records;
    for (std::size_t i = 0; i < n; ++i) records.push_back(Prepare(data_->records[i]));
    BatchOptions options;
    options.training.random_pairs = 50'000;
    LinkageModel model = TrainModel(records, DefaultComparisonSpec(), options);
    return RealtimeIndex(std::move(records), {data_->person.begin(), data_->person.begin() + n}, model);
  }
  static SyntheticData* data_;
};
SyntheticData* RealtimeIndexTest::data_ = nullptr;

TEST_F(RealtimeIndexTest, LinksNewRecordsToTheirChildOrToANewPerson) {
  const std::size_t n = 18'000;
  const RealtimeIndex index = Build(n);
  const std::uint32_t known = data_->person[n - 1];  // persons up to here are indexed (last maybe partly)
  std::size_t right = 0, total = 0;
  for (std::size_t q = n; q < data_->records.size(); ++q) {
    const LinkDecision d = index.Link(data_->records[q]);
    const std::uint32_t truth = data_->person[q];
    ++total;
    if (truth <= known ? (d.person && *d.person == truth) : !d.person) ++right;
    if (d.person) {
      EXPECT_GE(d.probability, 0.9);
      EXPECT_FALSE(d.evidence.empty());
    }
  }
  EXPECT_GT(static_cast<double>(right) / total, 0.97);
}

TEST_F(RealtimeIndexTest, ExplainsEachFieldAndAddsRecords) {
  RealtimeIndex index = Build(5'000);
  Record copy = data_->records[10];
  copy.record_id = "copy";
  const LinkDecision d = index.Link(copy);
  ASSERT_TRUE(d.person.has_value());
  EXPECT_EQ(*d.person, data_->person[10]);
  bool saw_surname = false;
  for (const auto& e : d.evidence) {
    if (e.field == Field::kSurname) {
      saw_surname = true;
      EXPECT_EQ(e.level, "exact");
      EXPECT_GT(e.weight, 0);
    }
  }
  EXPECT_TRUE(saw_surname || copy.surname.empty());
  // A child nobody has seen is a new person; once added, a second record of it links to it.
  Record stranger;
  stranger.record_id = "s1";
  stranger.first_name = "Zephyrine";
  stranger.surname = "Quillfeather";
  stranger.date_of_birth = {2012, 4, 9};
  stranger.postcode = "ZE1 0AA";
  stranger.sex = "F";
  EXPECT_FALSE(index.Link(stranger).person.has_value());
  const std::uint32_t person = index.Add(stranger, std::nullopt);
  stranger.record_id = "s2";
  stranger.first_name = "Zephyrin";  // a typo this time
  const LinkDecision again = index.Link(stranger);
  ASSERT_TRUE(again.person.has_value());
  EXPECT_EQ(*again.person, person);
}

// The streaming constructor (used for very large indexes) builds the same index as the one
// taking a vector: every decision and its probability agree.
TEST_F(RealtimeIndexTest, StreamedIndexDecidesAsTheVectorOne) {
  const std::size_t n = 6'000;
  std::vector<PreparedRecord> records;
  for (std::size_t i = 0; i < n; ++i) records.push_back(Prepare(data_->records[i]));
  BatchOptions options;
  options.training.random_pairs = 20'000;
  const LinkageModel model = TrainModel(records, DefaultComparisonSpec(), options);
  const RealtimeIndex by_vector(records, {data_->person.begin(), data_->person.begin() + n}, model);
  std::size_t next = 0;
  const RealtimeIndex streamed(
      [&](PreparedRecord& r, std::uint32_t& person) {
        if (next == n) return false;
        r = Prepare(data_->records[next]);
        person = data_->person[next++];
        return true;
      },
      0, model);
  ASSERT_EQ(streamed.size(), n);
  EXPECT_GT(streamed.MemoryBytes(), 0u);
  std::size_t linked = 0;
  for (std::size_t q = n; q < n + 500; ++q) {
    const LinkDecision a = by_vector.Link(data_->records[q]);
    const LinkDecision b = streamed.Link(data_->records[q]);
    EXPECT_EQ(a.person, b.person) << q;
    EXPECT_DOUBLE_EQ(a.probability, b.probability) << q;
    EXPECT_EQ(a.candidates, b.candidates) << q;
    if (a.person) ++linked;
  }
  EXPECT_GT(linked, 0u);
}

TEST_F(RealtimeIndexTest, TwinIsNotLinkedToTheOtherTwin) {
  RealtimeIndex index = Build(2'000);
  Record twin_a;
  twin_a.first_name = "Oliver";
  twin_a.surname = "Quillfeather";
  twin_a.date_of_birth = {2016, 5, 2};
  twin_a.sex = "M";
  twin_a.address = "12 Mill Lane";
  twin_a.postcode = "LS6 2AB";
  index.Add(twin_a, std::nullopt);
  Record twin_b = twin_a;
  twin_b.first_name = "Harry";
  EXPECT_FALSE(index.Link(twin_b).person.has_value());
}

}  // namespace
}  // namespace safehub::linkage
