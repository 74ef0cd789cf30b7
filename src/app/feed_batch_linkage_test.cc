// Agency feeds: a batch linked and stored together decides every row exactly as linking
// and storing row by row (SQLite, the probabilistic child index).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/feed_ingest.h"
#include "app/probabilistic_child_index.h"
#include "app/synthetic_area.h"
#include "app/test_area.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::app {
namespace {

// Linking a whole batch before storing its events must decide exactly as linking and
// storing row by row: same child for every row, same evidence, same new children (a new
// child made by one row is found by a later row of the same batch).
class FeedBatchLinkageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new linkage::LinkageModel(DefaultChildLinkageModel()); }
  static void TearDownTestSuite() { delete model_; }

  // A SQLite area (deterministic for the seed) and the feed events it ends up with.
  struct Run {
    std::string path;
    std::unique_ptr<store::sqlite::SqliteStore> store;
    SyntheticArea area;
    ~Run() {
      store.reset();
      std::filesystem::remove(path);
      std::filesystem::remove(path + "-wal");
      std::filesystem::remove(path + "-shm");
    }
  };

  static std::unique_ptr<Run> NewRun(const std::string& name) {
    auto run = std::make_unique<Run>();
    run->path = (std::filesystem::temp_directory_path() / ("safehub_feed_linkage_" + name + "_" +
                                                           std::to_string(::getpid()) + ".db")).string();
    std::filesystem::remove(run->path);
    auto opened = store::sqlite::SqliteStore::Open(run->path);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    run->store = std::move(opened).value();
    auto area = GenerateSyntheticArea(*run->store, {300, 1, 17, *Date::Parse("2024-06-01")});
    EXPECT_TRUE(area.ok()) << area.status().message();
    run->area = *area;
    return run;
  }

  // Rows about the area's children as agencies send them: with and without NHS numbers,
  // typos, swapped day and month, short first names, twins, unknown children (each sent
  // three times: misspelt, and exactly, which finds the child the batch itself created)
  // and a row too thin to make a child.
  static std::vector<FeedRow> SyntheticFeed(store::Store& store) {
    const std::vector<domain::Person> children = testing::ChildrenWithBirthDates(store);
    struct Later {
      std::string first;
      std::string surname;
      Date born;
    };
    std::vector<Later> unknown_later, unknown_again;
    std::vector<FeedRow> rows;
    auto add = [&](std::string first, std::string surname, const Date& dob, std::string nhs) {
      FeedRow row;
      row.line = static_cast<std::int64_t>(rows.size()) + 2;
      row.fields = {{"source_reference", "L-" + std::to_string(rows.size())}, {"first_name", std::move(first)},
                    {"surname", std::move(surname)}, {"date_of_birth", dob.ToString()},
                    {"nhs_number", std::move(nhs)}, {"kind", "police_incident"}, {"occurred_on", "2024-06-01"},
                    {"risk", "low"}, {"notification", "information_only"}};
      rows.push_back(std::move(row));
    };
    const char* unknown_first[] = {"Maisie", "Oluwaseun", "Kacper", "Freya", "Ibrahim", "Niamh", "Tobias", "Aaliyah"};
    const char* unknown_surname[] = {"Okonkwo-Hart", "Vasquez", "Lindqvist", "Abernethy", "Chaudhry", "Pemberton"};
    for (size_t i = 0; i < children.size(); ++i) {
      const domain::Person& c = children[i];
      const Date dob = *c.date_of_birth;
      std::string typo = c.surname;
      if (typo.size() > 3) std::swap(typo[1], typo[2]);
      switch (i % 6) {
        case 0: add(c.first_name, c.surname, dob, c.nhs_number); break;
        case 1: add(c.first_name, c.surname, dob, ""); break;
        case 2: add(c.first_name, typo, dob, ""); break;
        case 3: add(c.first_name, c.surname, Swapped(dob), ""); break;
        case 4: add(c.first_name.substr(0, 3), c.surname, dob, ""); break;
        case 5: add("Zephyrine", c.surname, dob, ""); break;  // a twin nobody has recorded yet
      }
      if (i % 10 == 0) {  // an unknown child, sent again a few rows later with a typo
        const std::string first = unknown_first[(i / 10) % 8];
        const std::string surname = unknown_surname[(i / 10) % 6];
        const Date born =
            *Date::FromYmd(2010 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 27));
        add(first, surname, born, "");
        unknown_later.push_back({first, surname.substr(0, surname.size() - 1) + "e", born});
        unknown_again.push_back({first, surname, born});
      }
      if (i % 10 == 7 && !unknown_again.empty()) {  // and sent again exactly
        add(unknown_again.front().first, unknown_again.front().surname, unknown_again.front().born, "");
        unknown_again.erase(unknown_again.begin());
      }
      if (i % 10 == 5 && !unknown_later.empty()) {
        add(unknown_later.front().first, unknown_later.front().surname, unknown_later.front().born, "");
        unknown_later.erase(unknown_later.begin());
      }
    }
    FeedRow thin;  // an unknown NHS number and no birth date: nothing to make a child from
    thin.line = static_cast<std::int64_t>(rows.size()) + 2;
    thin.fields = {{"source_reference", "L-thin"}, {"nhs_number", "9434765919"}, {"kind", "police_incident"},
                   {"occurred_on", "2024-05-20"}, {"risk", "low"}, {"notification", "information_only"}};
    rows.push_back(std::move(thin));
    return rows;
  }

  // (child, audit detail) of every feed event in the order stored: the detail names the
  // event, its reference and the evidence it was linked by.
  static std::vector<std::pair<std::int64_t, std::string>> Decisions(store::Store& store) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    EXPECT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 1000000));
      for (const auto& e : entries) {
        if (e.action == "feed_event") out.emplace_back(e.child.value, e.detail);
      }
      return Status::Ok();
    }).ok());
    return out;
  }

  // 3 February -> 2 March, as a clerk swapping day and month would (when both are months).
  static Date Swapped(const Date& d) {
    if (d.day() > 12) return d;
    auto swapped = Date::FromYmd(d.year(), d.day(), d.month());
    return swapped.ok() ? *swapped : d;
  }

  static linkage::LinkageModel* model_;
};
linkage::LinkageModel* FeedBatchLinkageTest::model_ = nullptr;

TEST_F(FeedBatchLinkageTest, ABatchLinksExactlyAsRowByRow) {
  auto batched = NewRun("batched");
  auto single = NewRun("single");
  const std::vector<FeedRow> rows = SyntheticFeed(*batched->store);
  ASSERT_GT(rows.size(), 300u);
  ASSERT_LT(rows.size(), FeedIngest::kBatchSize);  // one batch holds the whole feed

  FakeClock clock(testing::kStart);
  ProbabilisticChildIndex batch_index(*model_), single_index(*model_);
  ASSERT_TRUE(batch_index.Load(*batched->store).ok());
  ASSERT_TRUE(single_index.Load(*single->store).ok());
  FeedIngest batch_ingest(*batched->store, clock, batch_index), single_ingest(*single->store, clock, single_index);

  auto together = batch_ingest.Ingest({batched->area.social_care, nullptr}, rows);
  ASSERT_TRUE(together.ok()) << together.status().message();
  FeedReport one_by_one;
  for (const FeedRow& row : rows) {
    auto r = single_ingest.Ingest({single->area.social_care, nullptr}, std::span<const FeedRow>(&row, 1));
    ASSERT_TRUE(r.ok()) << r.status().message();
    one_by_one.accepted += r->accepted;
    one_by_one.rejected += r->rejected;
    one_by_one.new_children += r->new_children;
    one_by_one.linked_to_known_child += r->linked_to_known_child;
    one_by_one.rejections.insert(one_by_one.rejections.end(), r->rejections.begin(), r->rejections.end());
  }

  EXPECT_EQ(together->accepted, one_by_one.accepted);
  EXPECT_EQ(together->rejected, one_by_one.rejected);
  EXPECT_EQ(together->new_children, one_by_one.new_children);
  EXPECT_EQ(together->linked_to_known_child, one_by_one.linked_to_known_child);
  ASSERT_EQ(together->rejections.size(), one_by_one.rejections.size());
  for (size_t i = 0; i < together->rejections.size(); ++i) {
    EXPECT_EQ(together->rejections[i].line, one_by_one.rejections[i].line);
    EXPECT_EQ(together->rejections[i].message, one_by_one.rejections[i].message);
  }
  const auto decided_together = Decisions(*batched->store);
  const auto decided_singly = Decisions(*single->store);
  ASSERT_EQ(decided_together.size(), decided_singly.size());
  for (size_t i = 0; i < decided_together.size(); ++i) {
    EXPECT_EQ(decided_together[i], decided_singly[i]) << "row " << i;
  }
  // The feed exercised every way of linking, so the comparison means something.
  int probabilistic = 0, by_name = 0, by_number = 0;
  for (const auto& [child, detail] : decided_together) {
    probabilistic += detail.find("linked by probabilistic") != std::string::npos;
    by_name += detail.find("linked by name and date of birth") != std::string::npos;
    by_number += detail.find("linked by nhs_number") != std::string::npos;
  }
  EXPECT_GT(probabilistic, 20);
  EXPECT_GT(by_name, 20);
  EXPECT_GT(by_number, 10);
  EXPECT_GT(together->new_children, 40);
  EXPECT_GE(together->rejected, 1);  // the thin row
}

}  // namespace
}  // namespace safehub::app
