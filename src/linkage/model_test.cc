#include "linkage/model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "linkage/config.h"
#include "linkage/linker.h"
#include "linkage/synthetic.h"
#include "linkage/training.h"

namespace safehub::linkage {
namespace {

std::vector<PreparedRecord> PreparedSynthetic(std::size_t n, std::uint64_t seed, std::vector<std::uint32_t>* truth) {
  SyntheticOptions options;
  options.records = n;
  options.seed = seed;
  SyntheticData data = GenerateChildRecords(options);
  std::vector<PreparedRecord> out;
  for (const auto& r : data.records) out.push_back(Prepare(r));
  if (truth) *truth = data.person;
  return out;
}

TEST(LinkageModelTest, WeightIsPriorPlusLogRatios) {
  LinkageModel model = LinkageModel::Initial(DefaultComparisonSpec());
  model.set_lambda(0.5);
  auto& sex = model.parameters(Field::kSex);
  sex.m[1] = 0.9, sex.u[1] = 0.45, sex.m[2] = 0.1, sex.u[2] = 0.55;
  model.Finalise();
  const int f = static_cast<int>(Field::kSex);
  EXPECT_NEAR(model.PatternWeight(WithLevel(0, f, 1)), 1.0, 1e-9);  // log2(0.9/0.45), prior 0
  EXPECT_NEAR(model.PatternWeight(WithLevel(0, f, 2)), std::log2(0.1 / 0.55), 1e-9);
  EXPECT_NEAR(model.PatternWeight(0), 0.0, 1e-9);  // all null: no evidence
  EXPECT_NEAR(LinkageModel::Probability(0), 0.5, 1e-12);
  EXPECT_NEAR(LinkageModel::Probability(LinkageModel::WeightForProbability(0.9)), 0.9, 1e-9);
}

// A model trained on 100k records scaled to an index of 11M has a per-pair prior near 2e-7;
// it must not be floored at the 1e-6 that bounds m and u.
TEST(LinkageModelTest, LambdaBelowOneInAMillionKeepsItsPrior) {
  LinkageModel model = LinkageModel::Initial(DefaultComparisonSpec());
  model.set_lambda(2e-7);
  model.Finalise();
  EXPECT_DOUBLE_EQ(model.lambda(), 2e-7);
  EXPECT_NEAR(model.PriorWeight(), std::log2(2e-7 / (1 - 2e-7)), 1e-9);
}

TEST(LinkageModelTest, TermFrequencyMakesRareSurnameCountMore) {
  std::vector<PreparedRecord> records(100);
  for (int i = 0; i < 100; ++i) records[i].surname = i < 60 ? "smith" : "zebedee" + std::to_string(i % 2);
  LinkageModel model = LinkageModel::Initial(DefaultComparisonSpec());
  model.parameters(Field::kSurname).u[1] = 0.3;
  model.Finalise();
  model.ApplyTermFrequencies(records);
  EXPECT_LT(records[0].surname_tf, 0);   // smith: 60% of records
  EXPECT_GT(records[99].surname_tf, 0);  // 20% of records: rarer than the average agreement
  const Pattern exact = WithLevel(0, static_cast<int>(Field::kSurname), 1);
  EXPECT_GT(model.PairWeight(exact, records[98], records[96]), model.PairWeight(exact, records[0], records[1]));
}

TEST(TrainingTest, UFromRandomPairsMakesAgreementRare) {
  auto records = PreparedSynthetic(5000, 3, nullptr);
  LinkageModel model = LinkageModel::Initial(DefaultComparisonSpec());
  TrainingOptions options;
  options.random_pairs = 50'000;
  EstimateU(records, options, model);
  const auto& dob = model.parameters(Field::kDateOfBirth);
  EXPECT_LT(dob.u[1], 0.01);  // exact date of birth among random children
  EXPECT_GT(dob.u[5], 0.8);   // "else"
  const auto& sex = model.parameters(Field::kSex);
  EXPECT_NEAR(sex.u[1], 0.5, 0.05);
}

TEST(TrainingTest, UIsTheSameForAnyNumberOfThreads) {
  auto records = PreparedSynthetic(3000, 5, nullptr);
  std::vector<std::vector<double>> u_by_threads;
  for (int threads : {1, 2, 3}) {
    LinkageModel model = LinkageModel::Initial(DefaultComparisonSpec());
    TrainingOptions options;
    options.random_pairs = 40'000;
    options.threads = threads;
    EstimateU(records, options, model);
    std::vector<double> u;
    for (int f = 0; f < kFieldCount; ++f) {
      for (double x : model.parameters(static_cast<Field>(f)).u) u.push_back(x);
    }
    u_by_threads.push_back(u);
  }
  EXPECT_EQ(u_by_threads[0], u_by_threads[1]);
  EXPECT_EQ(u_by_threads[0], u_by_threads[2]);
}

TEST(TrainingTest, EmLearnsHighMForAgreementAndASmallLambda) {
  auto records = PreparedSynthetic(20'000, 5, nullptr);
  BatchOptions options;
  options.training.random_pairs = 100'000;
  const LinkageModel model = TrainModel(records, DefaultComparisonSpec(), options);
  EXPECT_GT(model.parameters(Field::kDateOfBirth).m[1], 0.8);
  EXPECT_GT(model.parameters(Field::kSurname).m[1], 0.8);
  EXPECT_GT(model.parameters(Field::kNhsNumber).m[1], 0.9);
  // About 1.5 duplicates per child over 2e8 pairs.
  EXPECT_GT(model.lambda(), 1e-6);
  EXPECT_LT(model.lambda(), 1e-3);
}

TEST(TrainingTest, SameSeedSameModel) {
  auto a = PreparedSynthetic(3000, 9, nullptr);
  auto b = a;
  BatchOptions options;
  options.training.random_pairs = 20'000;
  EXPECT_EQ(TrainModel(a, DefaultComparisonSpec(), options).ToToml(),
            TrainModel(b, DefaultComparisonSpec(), options).ToToml());
}

TEST(ModelFileTest, SavedModelLoadsWithTheSameParameters) {
  auto records = PreparedSynthetic(3000, 11, nullptr);
  BatchOptions options;
  options.training.random_pairs = 20'000;
  LinkageModel trained = TrainModel(records, DefaultComparisonSpec(), options);
  trained.set_match_threshold(0.95);
  const std::string text = LinkConfigToToml(DefaultLinkConfig(), trained);
  auto loaded = ParseLinkConfig(text, "model.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << text;
  ASSERT_TRUE(loaded->model.has_value());
  EXPECT_NEAR(loaded->model->lambda(), trained.lambda(), trained.lambda() * 1e-5);
  EXPECT_DOUBLE_EQ(loaded->model->match_threshold(), 0.95);
  for (int f = 0; f < kFieldCount; ++f) {
    EXPECT_EQ(loaded->model->spec()[f], trained.spec()[f]) << FieldName(static_cast<Field>(f));
    for (int l = 1; l < LevelCount(trained.spec()[f]); ++l) {
      EXPECT_NEAR(loaded->model->LevelWeight(f, l), trained.LevelWeight(f, l), 1e-3) << f << "/" << l;
    }
  }
  // Saving what was loaded gives the same text: the format round-trips.
  EXPECT_EQ(LinkConfigToToml(*loaded, *loaded->model), text);
}

}  // namespace
}  // namespace safehub::linkage
