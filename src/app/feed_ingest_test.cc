#include "app/feed_ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::TestArea;

class FeedIngestTest : public ::testing::Test {
 protected:
  TestArea area;
  IdentifierChildIndex index;
  FeedIngest ingest{*area.store, area.clock, index};
  FeedSource police{area.police, nullptr};

  std::int64_t EventsOf(PersonId child) {
    std::int64_t n = 0;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(child, std::nullopt, std::nullopt));
      n = static_cast<std::int64_t>(events.size());
      return Status::Ok();
    });
    return n;
  }
  // The one person with this NHS number.
  PersonId ByNhsNumber(const std::string& nhs) {
    PersonId who;
    EXPECT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
      store::PersonQuery q;
      q.nhs_number = nhs;
      ASSIGN_OR_RETURN(auto found, tx.FindPeople(q));
      EXPECT_EQ(found.size(), 1u);
      if (!found.empty()) who = found[0].id;
      return Status::Ok();
    }).ok());
    return who;
  }
};

constexpr const char* kHeader =
    "source_reference,first_name,surname,date_of_birth,sex,nhs_number,kind,occurred_on,summary,risk,notification,"
    "attendance_percent\n";

TEST_F(FeedIngestTest, LinksRowsToKnownChildrenAndRecordsNewOnes) {
  std::istringstream csv(std::string(kHeader) +
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-2,ava,REID,2015-02-03,F,,police_incident,2024-05-21,,low,information_only,\n"
                         "S-1,Noah,Khan,2012-09-09,M,9434765919,school_attendance,2024-04-01,,,,84\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, 3);
  EXPECT_EQ(report->linked_to_known_child, 2);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(report->rejected, 0);
  EXPECT_EQ(EventsOf(area.child), 2);
  std::vector<domain::Event> events;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(events, tx.EventsOf(area.child, std::nullopt, std::nullopt));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(events[0].significance, domain::Significance::kHigh);
  EXPECT_EQ(events[0].attributes.at("notification"), "formal_referral");
  EXPECT_EQ(events[0].agency, area.police);
}

TEST_F(FeedIngestTest, ResendingIsIdempotent) {
  const std::string file = std::string(kHeader) +
                           "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n";
  std::istringstream first(file), second(file);
  ASSERT_EQ(ingest.IngestCsv(police, first)->accepted, 1);
  auto again = ingest.IngestCsv(police, second);
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->already_recorded, 1);
  EXPECT_EQ(EventsOf(area.child), 1);
}

TEST_F(FeedIngestTest, BadRowsAreReportedWithLineAndFieldAndGoodRowsStillLand) {
  std::istringstream csv(std::string(kHeader) +
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-2,Ava,Reid,2015-02-03,F,1234567890,police_incident,2024-05-20,,severe,,\n"
                         "M-3,Ava,Reid,2015-02-03,F,,police_incident,20-05-2024,,low,information_only,\n"
                         "M-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,high,formal_referral,\n"
                         "M-4,Ava,Reid,2015-02-03\n"
                         "M-5,Ava,Reid,2015-02-03,F,,police_incident,2024-05-22,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->accepted, 2);
  EXPECT_EQ(report->rejected, 4);
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (const auto& r : report->rejections) seen.insert({r.line, r.field});
  EXPECT_TRUE(seen.count({3, "nhs_number"}));
  EXPECT_TRUE(seen.count({3, "risk"}));
  EXPECT_TRUE(seen.count({3, "notification"}));
  EXPECT_TRUE(seen.count({4, "occurred_on"}));
  EXPECT_TRUE(seen.count({5, "source_reference"}));
  EXPECT_TRUE(seen.count({6, "line"}));
  EXPECT_EQ(EventsOf(area.child), 2);
}

TEST_F(FeedIngestTest, RefusesAFileWithoutTheRequiredColumns) {
  std::istringstream csv("first_name,surname\nAva,Reid\n");
  auto report = ingest.IngestCsv(police, csv);
  EXPECT_EQ(report.status().field(), "source_reference");
}

TEST_F(FeedIngestTest, TwinsAreNotMergedByName) {
  // Same surname and birthday, different first names: two children, not one.
  std::istringstream csv(std::string(kHeader) +
                         "H-1,Ella,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(EventsOf(area.child), 0);
}

TEST_F(FeedIngestTest, ExactNameAndBirthDateFindTheChildHoweverManyShareSurnameAndBirthday) {
  // 25 children born the same day with the same surname (more than a page of candidates),
  // the one the row names sorting last by first name: still exactly one match by name.
  PersonId zak;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    for (int i = 0; i < 25; ++i) {
      domain::Person p;
      p.first_name = i == 24 ? "Zak" : "Amy" + std::string(1, static_cast<char>('a' + i));
      p.surname = "Okafor";
      p.date_of_birth = *Date::Parse("2016-07-01");
      ASSIGN_OR_RETURN(PersonId id, tx.InsertPerson(p));
      if (i == 24) zak = id;
    }
    return Status::Ok();
  }).ok());
  std::istringstream csv(std::string(kHeader) +
                         "O-1,ZAK,okafor,2016-07-01,M,,police_incident,2024-05-20,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->linked_to_known_child, 1);
  EXPECT_EQ(report->new_children, 0);
  EXPECT_EQ(EventsOf(zak), 1);
}

// A CSV is parsed a batch ahead on a thread of its own: refusals must still be reported as
// reading batch by batch reports them: per batch, those the CSV itself refuses (a wrong
// field count) met while reading its rows, then its rows' validation refusals, each in file
// order; across batch boundaries and after the last batch.
TEST_F(FeedIngestTest, ABatchParsedAheadReportsEveryRefusalAsReadingBatchByBatch) {
  std::string csv = kHeader;
  // (batch, 0 = refused reading / 1 = refused validating, line)
  std::vector<std::tuple<std::int64_t, int, std::int64_t>> refused;
  std::int64_t line = 1, good = 0, batched_rows = 0;
  const auto batch = static_cast<std::int64_t>(FeedIngest::kBatchSize);
  auto add = [&](const std::string& text, bool bad, bool batched) {
    csv += text + "\n";
    ++line;
    if (bad && !batched) refused.emplace_back(batched_rows / batch, 0, line);
    if (bad && batched) refused.emplace_back(batched_rows / batch, 1, line);
    batched_rows += batched;
  };
  for (int i = 0; batched_rows < 2 * batch; ++i) {
    const std::string ref = "P-" + std::to_string(i);
    if (i % 97 == 13) {
      add(ref + ",Ava,Reid", true, false);  // too few fields: refused while reading
    } else if (i % 89 == 7) {
      add(ref + ",Ava,Reid,2015-02-03,F,,police_incident,20-05-2024,,low,information_only,", true, true);
    } else if (i % 101 == 50) {
      add("P-3,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,", true, true);  // sent twice
    } else {
      add(ref + ",Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,", false, true);
      ++good;
    }
  }
  add("P-last,Ava", true, false);  // after the last full batch, with no rows behind it
  std::sort(refused.begin(), refused.end());
  std::istringstream in(csv);
  auto report = ingest.IngestCsv(police, in);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->rows, line - 1);  // every line but the header
  EXPECT_EQ(report->accepted, good);
  EXPECT_EQ(report->rejected, static_cast<std::int64_t>(refused.size()));
  ASSERT_EQ(report->rejections.size(), refused.size());
  for (size_t i = 0; i < refused.size(); ++i) {
    EXPECT_EQ(report->rejections[i].line, std::get<2>(refused[i])) << "refusal " << i << ": " << report->rejections[i].message;
  }
  // Both kinds of refusal in both batches, and one after them: the order is tested.
  EXPECT_EQ(std::get<0>(refused.back()), 2);
  EXPECT_GT(std::count_if(refused.begin(), refused.end(), [](const auto& r) { return std::get<0>(r) == 1 && std::get<1>(r) == 0; }), 0);
  EXPECT_GT(std::count_if(refused.begin(), refused.end(), [](const auto& r) { return std::get<0>(r) == 1 && std::get<1>(r) == 1; }), 0);
  EXPECT_EQ(EventsOf(area.child), good);
}

// A store that fails the n-th unit of work after running it (as a crash before COMMIT).
class StoreFailingAt final : public store::Store {
 public:
  StoreFailingAt(store::Store& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {}
  Status Write(const store::Work& work) override {
    const bool fail = ++writes_ == fail_at_;
    return inner_.Write([&](store::Transaction& tx) -> Status {
      RETURN_IF_ERROR(work(tx));
      return fail ? Status(StatusCode::kUnavailable, "the disk went away") : Status::Ok();
    });
  }
  Status Read(const store::Work& work) override { return inner_.Read(work); }

 private:
  store::Store& inner_;
  int fail_at_;
  int writes_ = 0;
};

TEST_F(FeedIngestTest, AFailureMidFileKeepsTheCommittedBatchesAndAResendCompletesIt) {
  std::string csv = kHeader;
  const int rows = 3 * static_cast<int>(FeedIngest::kBatchSize) + 250;
  for (int i = 0; i < rows; ++i) {
    csv += "C-" + std::to_string(i) + ",Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n";
  }
  StoreFailingAt failing(*area.store, 3);
  FeedIngest doomed(failing, area.clock, index);
  std::istringstream first(csv);
  auto failed = doomed.IngestCsv(police, first);
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  // Exactly the two batches committed before the failure, each with its audit entries.
  EXPECT_EQ(EventsOf(area.child), 2 * static_cast<std::int64_t>(FeedIngest::kBatchSize));
  std::int64_t audited = 0;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 1000000));
    for (const auto& e : entries) audited += e.action == "feed_event";
    return Status::Ok();
  }).ok());
  EXPECT_EQ(audited, 2 * static_cast<std::int64_t>(FeedIngest::kBatchSize));
  std::istringstream again(csv);
  auto resent = ingest.IngestCsv(police, again);
  ASSERT_TRUE(resent.ok()) << resent.status().message();
  EXPECT_EQ(resent->already_recorded, 2 * static_cast<std::int64_t>(FeedIngest::kBatchSize));
  EXPECT_EQ(resent->accepted, rows - 2 * static_cast<std::int64_t>(FeedIngest::kBatchSize));
  EXPECT_EQ(EventsOf(area.child), rows);
  EXPECT_TRUE(AuditTrail::Verify(*area.store)->intact);
}

// A child index that, at its first link, makes another writer queue for the store (as a
// practitioner's audited read does while a feed loads) and waits until the unit sees it.
class IndexWithAWriterArriving final : public ChildIndex {
 public:
  IndexWithAWriterArriving(ChildIndex& inner, store::Store& store) : inner_(inner), store_(store) {}
  ~IndexWithAWriterArriving() override {
    if (other_.joinable()) other_.join();
  }
  // Finds nobody ahead of the unit (on a read), so every row is linked inside the unit,
  // where the writer arrives.
  Result<std::optional<LinkResult>> FindExact(store::Transaction& tx, const ChildIdentity& identity) override {
    if (tx.WriteSequence() == 0) return std::optional<LinkResult>();
    return inner_.FindExact(tx, identity);
  }
  Result<LinkResult> LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity, Date today) override {
    if (!started_) {
      started_ = true;
      other_ = std::thread([this] {
        EXPECT_TRUE(store_.Write([this](store::Transaction& other) -> Status {
          other_unit = other.WriteSequence();
          return Status::Ok();
        }).ok());
      });
      for (int i = 0; i < 20000 && !tx.OtherWritersWaiting(); ++i) std::this_thread::sleep_for(std::chrono::microseconds(100));
      EXPECT_TRUE(tx.OtherWritersWaiting());
    }
    return inner_.Link(tx, identity, today);
  }
  void Join() {
    if (other_.joinable()) other_.join();
  }
  std::uint64_t other_unit = 0;  // the waiting writer's unit

 private:
  ChildIndex& inner_;
  store::Store& store_;
  bool started_ = false;
  std::thread other_;
};

// A batch is one unit of work while nobody else needs the writer. When someone queues for
// it, the unit ends at the end of the slice it is on, the waiting unit commits next, and the
// batch goes on in another unit: every row once, each unit told to the listener.
TEST_F(FeedIngestTest, AWriterWaitingEndsTheUnitAtTheEndOfASlice) {
  const auto slice = static_cast<std::int64_t>(FeedIngest::kSliceRows);
  ASSERT_LT(3 * slice, static_cast<std::int64_t>(FeedIngest::kBatchSize));  // one batch
  std::string csv = kHeader;
  for (std::int64_t i = 0; i < 3 * slice; ++i) {
    csv += "W-" + std::to_string(i) + ",Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n";
  }
  IndexWithAWriterArriving arriving(index, *area.store);
  FeedIngest feed(*area.store, area.clock, arriving);
  std::vector<std::pair<std::uint64_t, size_t>> units;  // (unit, events) as told
  feed.SetCommitListener([&](const CommittedBatch& b) -> Status {
    units.emplace_back(b.write_sequence, b.events.size());
    // The feed goes on only once the waiting writer is done: that it could be done shows
    // the feed let go of the writer (and the memory store's lock is not fair to waiters).
    if (units.size() == 1) arriving.Join();
    return Status::Ok();
  });
  std::istringstream in(csv);
  auto report = feed.IngestCsv(police, in);
  arriving.Join();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, 3 * slice);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].second, FeedIngest::kSliceRows);  // ended after its first slice
  EXPECT_EQ(arriving.other_unit, units[0].first + 1);   // the waiting writer came next
  EXPECT_EQ(units[1].first, arriving.other_unit + 1);   // then the rest of the batch, together
  EXPECT_EQ(units[1].second, 2 * FeedIngest::kSliceRows);
  EXPECT_EQ(EventsOf(area.child), 3 * slice);
  EXPECT_TRUE(AuditTrail::Verify(*area.store)->intact);
}

// With nobody waiting, a whole batch is one unit of work.
TEST_F(FeedIngestTest, ABatchIsOneUnitWhileNobodyWaits) {
  std::string csv = kHeader;
  const auto rows = static_cast<std::int64_t>(3 * FeedIngest::kSliceRows + 7);
  for (std::int64_t i = 0; i < rows; ++i) {
    csv += "U-" + std::to_string(i) + ",Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n";
  }
  std::vector<size_t> units;
  ingest.SetCommitListener([&](const CommittedBatch& b) -> Status {
    units.push_back(b.events.size());
    return Status::Ok();
  });
  std::istringstream in(csv);
  auto report = ingest.IngestCsv(police, in);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(units, std::vector<size_t>{static_cast<size_t>(rows)});
}

// A feed finds each row's child on a read snapshot before its unit of work. A child the
// feed itself creates after that snapshot must still be found by a later row naming it: here
// the later row's NHS number is the new child's, while its name and birth date are another
// child's, whom the snapshot (which had no such NHS number yet) named.
TEST_F(FeedIngestTest, AChildThisFeedCreatedIsFoundByALaterRowWhateverWasFoundAhead) {
  std::istringstream csv(std::string(kHeader) +
                         "E-1,Eve,Reid,2015-02-03,F,9434765005,police_incident,2024-05-20,,low,information_only,\n"
                         "E-2,Ava,Reid,2015-02-03,F,9434765005,police_incident,2024-05-21,,low,information_only,\n");
  auto report = ingest.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(EventsOf(ByNhsNumber("9434765005")), 2);  // the NHS number decides, as linking row by row
  EXPECT_EQ(EventsOf(area.child), 0);
}

// A store that, after the first read (the feed finding ahead), lets another writer give a
// second child the NHS number the feed's rows carry, before the feed's unit of work.
class StoreChangedAfterFirstRead final : public store::Store {
 public:
  StoreChangedAfterFirstRead(store::Store& inner, std::function<Status(store::Transaction&)> change)
      : inner_(inner), change_(std::move(change)) {}
  Status Write(const store::Work& work) override { return inner_.Write(work); }
  Status Read(const store::Work& work) override {
    Status s = inner_.Read(work);
    if (!changed_) {
      changed_ = true;
      EXPECT_TRUE(inner_.Write(change_).ok());
    }
    return s;
  }

 private:
  store::Store& inner_;
  std::function<Status(store::Transaction&)> change_;
  bool changed_ = false;
};

// Anyone else's change to who is who between finding ahead and the unit (here a clerk
// recording a child's NHS number) makes the unit find every row's child again.
TEST_F(FeedIngestTest, AnotherWritersChangeToWhoIsWhoAfterFindingAheadIsSeen) {
  PersonId bea;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    domain::Person p;
    p.first_name = "Bea";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2017-06-01");
    ASSIGN_OR_RETURN(bea, tx.InsertPerson(p));
    return Status::Ok();
  }).ok());
  StoreChangedAfterFirstRead changing(*area.store, [&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Person p, tx.GetPerson(bea));
    p.nhs_number = "9434765013";
    return tx.UpdatePerson(p);
  });
  FeedIngest feed(changing, area.clock, index);
  std::vector<FeedRow> rows(3);
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].line = static_cast<std::int64_t>(i) + 1;
    rows[i].fields = {{"source_reference", "X-" + std::to_string(i)}, {"first_name", "Ava"}, {"surname", "Reid"},
                      {"date_of_birth", "2015-02-03"}, {"nhs_number", "9434765013"}, {"kind", "police_incident"},
                      {"occurred_on", "2024-05-20"}, {"risk", "low"}, {"notification", "information_only"}};
  }
  auto report = feed.Ingest(police, rows);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, 3);
  EXPECT_EQ(EventsOf(bea), 3);  // by the NHS number recorded meanwhile, not the name found ahead
  EXPECT_EQ(EventsOf(area.child), 0);
}

// A store whose reads fail (as a reader that cannot open its snapshot): finding ahead
// fails, and every row is linked inside its unit as before, with nothing lost.
class StoreWithoutReads final : public store::Store {
 public:
  explicit StoreWithoutReads(store::Store& inner) : inner_(inner) {}
  Status Write(const store::Work& work) override { return inner_.Write(work); }
  Status Read(const store::Work&) override { return Status(StatusCode::kUnavailable, "no reader"); }

 private:
  store::Store& inner_;
};

TEST_F(FeedIngestTest, WhenFindingAheadFailsEveryRowIsLinkedInItsUnit) {
  StoreWithoutReads store(*area.store);
  FeedIngest feed(store, area.clock, index);
  std::istringstream csv(std::string(kHeader) +
                         "R-1,Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n"
                         "R-2,Eve,Reid,2016-01-01,F,9434765005,police_incident,2024-05-20,,low,information_only,\n"
                         "R-3,Eve,Reid,2016-01-01,F,9434765005,police_incident,2024-05-21,,low,information_only,\n");
  auto report = feed.IngestCsv(police, csv);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, 3);
  EXPECT_EQ(report->linked_to_known_child, 2);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(EventsOf(area.child), 1);
  EXPECT_EQ(EventsOf(ByNhsNumber("9434765005")), 2);
}

// An index counting the exact lookups made inside units of work.
class IndexCountingLookupsInUnits final : public ChildIndex {
 public:
  explicit IndexCountingLookupsInUnits(ChildIndex& inner) : inner_(inner) {}
  Result<std::optional<LinkResult>> FindExact(store::Transaction& tx, const ChildIdentity& identity) override {
    if (tx.WriteSequence() != 0) ++in_units;
    return inner_.FindExact(tx, identity);
  }
  Result<LinkResult> LinkUnmatched(store::Transaction& tx, const ChildIdentity& identity, Date today) override {
    return inner_.LinkUnmatched(tx, identity, today);
  }
  std::atomic<int> in_units{0};

 private:
  ChildIndex& inner_;
};

// A store whose first unit of work waits until two reads have been made: the feed's second
// batch is then found ahead on a snapshot that has not seen the first batch's commit.
class StoreWritingAfterTwoReads final : public store::Store {
 public:
  explicit StoreWritingAfterTwoReads(store::Store& inner) : inner_(inner) {}
  Status Write(const store::Work& work) override {
    {
      std::unique_lock lock(mu_);
      EXPECT_TRUE(read_.wait_for(lock, std::chrono::seconds(30), [&] { return reads_ >= 2 || writes_ > 0; }));
      ++writes_;
    }
    return inner_.Write(work);
  }
  Status Read(const store::Work& work) override {
    Status s = inner_.Read(work);
    std::lock_guard lock(mu_);
    ++reads_;
    read_.notify_all();
    return s;
  }

 private:
  store::Store& inner_;
  std::mutex mu_;
  std::condition_variable read_;
  int reads_ = 0;
  int writes_ = 0;
};

// What is found ahead is not looked up again in the unit, batch after batch, although the
// feed's own new children move the identity generation; only a row naming one of them is.
TEST_F(FeedIngestTest, AnswersFoundAheadAreNotLookedUpAgainInTheUnit) {
  std::string csv = kHeader;
  csv += "N-0,Eve,Reid,2016-01-01,F,9434765005,police_incident,2024-05-20,,low,information_only,\n";
  const auto rows = static_cast<std::int64_t>(FeedIngest::kBatchSize) + 10;
  for (std::int64_t i = 1; i < rows; ++i) {
    csv += "N-" + std::to_string(i) + ",Ava,Reid,2015-02-03,F,,police_incident,2024-05-20,,low,information_only,\n";
  }
  // In the second batch: the child the first batch created, by its NHS number.
  csv += "N-last,Eve,Reid,2016-01-01,F,9434765005,police_incident,2024-05-21,,low,information_only,\n";
  IndexCountingLookupsInUnits counting(index);
  StoreWritingAfterTwoReads store(*area.store);
  FeedIngest feed(store, area.clock, counting);
  std::istringstream in(csv);
  auto report = feed.IngestCsv(police, in);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->accepted, rows + 1);
  EXPECT_EQ(report->new_children, 1);
  EXPECT_EQ(counting.in_units.load(), 1);  // N-last alone: its snapshot had no Eve
  EXPECT_EQ(EventsOf(area.child), rows - 1);
  EXPECT_EQ(EventsOf(ByNhsNumber("9434765005")), 2);
}

TEST_F(FeedIngestTest, JsonRowsAreValidatedTheSameWay) {
  std::vector<FeedRow> rows(2);
  rows[0].line = 1;
  rows[0].fields = {{"source_reference", "U-1"}, {"first_name", "Ava"}, {"surname", "Reid"},
                    {"date_of_birth", "2015-02-03"}, {"kind", "unscheduled_care_attendance"},
                    {"occurred_on", "2024-05-01"}, {"setting", "emergency_department"}};
  rows[1].line = 2;
  rows[1].fields = {{"source_reference", "U-2"}, {"kind", "unscheduled_care_attendance"}, {"occurred_on", "2024-05-01"}};
  auto report = ingest.Ingest(police, rows);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->accepted, 1);
  EXPECT_EQ(report->rejected, 1);
  ASSERT_EQ(report->rejections.size(), 2u);  // no way to find the child; no setting
  EXPECT_EQ(report->rejections[0].line, 2);
}

}  // namespace
}  // namespace safehub::app
