// Concern detection over many feed batches: streaming and batch runs, and kept and fresh rule
// inputs, store the same alerts; planted patterns in a synthetic area alert and decoys do not.
// (Holders, escalation and merged records: concern_detection_test.cc.)
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "app/concern_detection.h"
#include "app/concern_patterns.h"
#include "app/feed_ingest.h"
#include "app/synthetic_area.h"
#include "app/test_area.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::app {
namespace {

using domain::AlertStatus;
using testing::TestArea;

// Streaming (alerts reconciled after every feed batch, events arriving out of order) and
// batch (one run over the whole history) store the same alerts.
TEST(ConcernDetectionStreamingTest, StreamingAndBatchGiveTheSameAlerts) {
  struct Run {
    TestArea area;
    IdentifierChildIndex index;
    FeedIngest ingest{*area.store, area.clock, index};
    ConcernDetection detection{*area.store, area.clock, ConcernDetectionSettings{area.police_response}};
    AgencyId health, school, probation;
    PersonId sibling;
    Run() {
      health = *area.organisations.CreateAgency(nullptr, {AgencyId(), "NHS", domain::AgencyKind::kHealth, "RX1"});
      school = *area.organisations.CreateAgency(nullptr, {AgencyId(), "Mill School", domain::AgencyKind::kSchool, "S1"});
      probation = *area.organisations.CreateAgency(nullptr, {AgencyId(), "Probation", domain::AgencyKind::kProbation, "PR"});
      domain::Person p;
      p.first_name = "Leo";
      p.surname = "Reid";
      p.date_of_birth = *Date::Parse("2021-03-04");
      sibling = *area.records.CreateChild(area.Login("jo"), p, "child protection investigation");
      EXPECT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
        ASSIGN_OR_RETURN(auto home, tx.InsertHousehold({HouseholdId(), "1 Mill Lane", "NR1 1AA"}));
        RETURN_IF_ERROR(tx.AddMember({home, area.child, *Date::Parse("2020-01-01"), std::nullopt}));
        return tx.AddMember({home, sibling, *Date::Parse("2021-03-04"), std::nullopt});
      }).ok());
    }
  };
  struct Row {
    int source;  // 0 police, 1 health, 2 school, 3 probation
    bool leo;
    std::string kind, date;
    std::map<std::string, std::string> attributes;
  };
  const std::map<std::string, std::string> da = {{"risk", "low"}, {"notification", "information_only"}, {"domestic_abuse", "yes"}};
  const std::vector<Row> rows = {
      {0, false, "police_incident", "2024-05-01", da},
      {1, true, "unscheduled_care_attendance", "2024-01-05", {{"setting", "emergency_department"}}},
      {2, false, "school_attendance", "2024-04-20", {{"attendance_percent", "82"}}},
      {1, true, "unscheduled_care_attendance", "2024-02-11", {{"setting", "walk_in_centre"}}},
      {0, true, "police_incident", "2023-11-02", da},
      {1, false, "missed_health_appointment", "2024-03-01", {{"service", "camhs"}}},
      {1, true, "unscheduled_care_attendance", "2024-04-30", {{"setting", "emergency_department"}}},
      {3, true, "household_member_joined", "2024-05-10", {{"person_kind", "adult"}, {"known_to", "probation"}}},
      {1, false, "missed_health_appointment", "2024-05-03", {{"service", "gp"}}},
      {0, false, "police_incident", "2023-01-01", da},
  };
  auto to_feed = [](const Row& r, int n) {
    FeedRow f;
    f.line = n;
    f.fields = {{"source_reference", "R" + std::to_string(n)}, {"first_name", r.leo ? "Leo" : "Ava"},
                {"surname", "Reid"}, {"date_of_birth", r.leo ? "2021-03-04" : "2015-02-03"},
                {"kind", r.kind}, {"occurred_on", r.date}};
    for (const auto& [k, v] : r.attributes) f.fields[k] = v;
    return f;
  };
  auto agency = [](Run& run, int source) {
    return source == 0 ? run.area.police : source == 1 ? run.health : source == 2 ? run.school : run.probation;
  };
  auto alerts = [](Run& run) {
    std::vector<std::tuple<std::string, std::string, std::vector<std::string>, int, std::string>> out;
    EXPECT_TRUE(run.area.store->Read([&](store::Transaction& tx) -> Status {
      for (PersonId child : {run.area.child, run.sibling}) {
        ASSIGN_OR_RETURN(auto list, tx.AlertsAboutChild(child));
        for (const auto& a : list) {
          // Ids differ between the runs (alerts take ids from the same sequence): compare
          // the agencies' own references.
          std::vector<std::string> ids;
          for (const auto& e : a.evidence) {
            ASSIGN_OR_RETURN(auto event, tx.GetEvent(e.event));
            ids.push_back(event.source_reference);
          }
          out.emplace_back(a.rule_id, a.subject_key, ids, a.severity, std::string(domain::ToString(a.status)));
        }
      }
      return Status::Ok();
    }).ok());
    std::sort(out.begin(), out.end());
    return out;
  };

  Run streaming;
  streaming.ingest.SetCommitListener([&](const CommittedBatch& batch) {
    return streaming.detection.EvaluateArrived(batch.children, {batch.events, batch.write_sequence}).status();
  });
  for (size_t i = 0; i < rows.size(); ++i) {  // one feed per row, in arrival (not date) order
    const std::vector<FeedRow> one = {to_feed(rows[i], static_cast<int>(i))};
    auto report = streaming.ingest.Ingest({agency(streaming, rows[i].source), nullptr}, one);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->accepted, 1) << i;
    ASSERT_TRUE(report->listener_error.empty()) << report->listener_error;
  }
  Run batch;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::vector<FeedRow> one = {to_feed(rows[i], static_cast<int>(i))};
    ASSERT_TRUE(batch.ingest.Ingest({agency(batch, rows[i].source), nullptr}, one).ok());
  }
  auto report = batch.detection.EvaluateAll();
  ASSERT_TRUE(report.ok()) << report.status().message();

  const auto streamed = alerts(streaming);
  const auto batched = alerts(batch);
  EXPECT_EQ(streamed, batched);
  // Reading Ava's alerts lists only Ava's events, even of household alerts.
  auto of_ava = batch.area.records.ListAlerts(batch.area.Login("jo"), batch.area.child, "");
  ASSERT_TRUE(of_ava.ok()) << of_ava.status().message();
  bool household_alert = false;
  for (const auto& a : *of_ava) {
    household_alert = household_alert || !a.child.valid();
    for (const auto& e : a.evidence) EXPECT_EQ(e.child, batch.area.child) << a.rule_id;
  }
  EXPECT_TRUE(household_alert);
  std::set<std::string> rules_met;
  for (const auto& a : batched) rules_met.insert(std::get<0>(a));
  EXPECT_EQ(rules_met, (std::set<std::string>{"concerns_from_two_agencies", "frequent_unscheduled_care_under_5",
                                              "missed_health_appointment_not_followed_up",
                                              "new_adult_known_to_police_or_probation", "persistent_absence_with_concern",
                                              "repeated_domestic_abuse"}));
}

// Streaming detection that keeps its rule inputs between batches (EvaluateArrived) finds,
// raises and updates exactly what reading every input afresh (EvaluateChildren) does, over a
// generated area with planted patterns, feeds from five agencies, a re-sent batch, new
// children, and writes between batches (a plan, a move into a household) that the kept
// inputs must not hide.
TEST(ConcernDetectionStreamingTest, KeptInputsGiveTheSameAlertsAsReadingAfresh) {
  struct Side {
    std::unique_ptr<store::Store> store = store::NewMemoryStore();
    FakeClock clock{testing::kStart};
    SyntheticArea area;
    IdentifierChildIndex index;
    std::unique_ptr<FeedIngest> ingest;
    std::unique_ptr<ConcernDetection> detection;
    std::vector<DetectionReport> reports;
    std::string error;
    explicit Side(bool keep) {
      area = GenerateSyntheticArea(*store, {300, 2, 11, clock.Today(), 2}).value();
      ingest = std::make_unique<FeedIngest>(*store, clock, index);
      detection = std::make_unique<ConcernDetection>(*store, clock, ConcernDetectionSettings{area.mash_team});
      ingest->SetCommitListener([this, keep](const CommittedBatch& batch) -> Status {
        auto r = keep ? detection->EvaluateArrived(batch.children, {batch.events, batch.write_sequence})
                      : detection->EvaluateChildren(batch.children);
        if (!r.ok()) return r.status();
        reports.push_back(*r);
        return Status::Ok();
      });
    }
  };
  Side kept(true), afresh(false);

  // The area's children and agencies (the same on both sides: generation is deterministic).
  const std::vector<domain::Person> children = testing::ChildrenWithBirthDates(*kept.store);
  std::map<domain::AgencyKind, AgencyId> agency;
  ASSERT_TRUE(kept.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const auto& a : agencies) agency.emplace(a.kind, a.id);
    return Status::Ok();
  }).ok());
  ASSERT_GT(children.size(), 200u);

  using K = domain::AgencyKind;
  const Date today = kept.clock.Today();
  // Each agency's rows about a slice of the children, dated so they meet the planted and
  // background events inside the rules' windows.
  auto rows_from = [&](K kind, int round, int count) {
    std::vector<FeedRow> rows;
    for (int i = 0; i < count; ++i) {
      const domain::Person& c = children[static_cast<size_t>((round * 37 + i * 7) % static_cast<int>(children.size()))];
      FeedRow r;
      r.line = i + 2;
      const Date on = std::max(today.AddDays(-((i * 13 + round * 5) % 200)), *c.date_of_birth);
      r.fields = {{"source_reference", "R" + std::to_string(round) + "-" + std::to_string(i)},
                  {"first_name", c.first_name}, {"surname", c.surname},
                  {"date_of_birth", c.date_of_birth->ToString()}, {"occurred_on", on.ToString()}};
      if (i % 11 == 5) {  // someone the index has never seen: a new child
        r.fields["first_name"] = "Newchild" + std::to_string(round);
        r.fields["surname"] = "Arrival";
      }
      switch (kind) {
        case K::kPolice:
          r.fields.insert({{"kind", "police_incident"}, {"risk", i % 5 ? "low" : "high"},
                           {"notification", "information_only"}, {"domestic_abuse", i % 2 ? "yes" : "no"}});
          break;
        case K::kHealth:
          r.fields.insert({{"kind", i % 3 ? "missed_health_appointment" : "unscheduled_care_attendance"}});
          if (i % 3) r.fields["service"] = i % 2 ? "camhs" : "gp"; else r.fields["setting"] = "emergency_department";
          break;
        case K::kSchool:
          r.fields.insert({{"kind", "school_attendance"}, {"attendance_percent", std::to_string(70 + i % 25)}});
          break;
        default:
          r.fields.insert({{"kind", "housing_move"}, {"out_of_area", i % 2 ? "yes" : "no"}});
          break;
      }
      rows.push_back(std::move(r));
    }
    return rows;
  };
  auto both = [&](K kind, int round, int count) {
    const auto rows = rows_from(kind, round, count);
    for (Side* side : {&kept, &afresh}) {
      auto report = side->ingest->Ingest({agency.at(kind), nullptr}, rows);
      ASSERT_TRUE(report.ok()) << report.status().message();
      ASSERT_TRUE(report->listener_error.empty()) << report->listener_error;
    }
  };
  auto write_both = [&](const std::function<Status(store::Transaction&, Side&)>& work) {
    for (Side* side : {&kept, &afresh}) {
      const Status written = side->store->Write([&](store::Transaction& tx) { return work(tx, *side); });
      ASSERT_TRUE(written.ok()) << written.message();
    }
  };

  both(K::kPolice, 0, 1200);
  both(K::kHealth, 1, 700);
  both(K::kSchool, 2, 400);
  both(K::kPolice, 0, 1200);  // re-sent: nothing new, nothing changes
  // Written between batches: a child put on a plan, then moved out of the area; and an adult
  // known to the police moving into a household that then hears from the police again.
  const PersonId planned = children[5].id;
  write_both([&](store::Transaction& tx, Side& side) {
    domain::PlanPeriod p;
    p.child = planned;
    p.type = domain::PlanType::kChildProtectionPlan;
    p.start = today.AddDays(-400);
    p.responsible_team = side.area.assessment_team;
    p.key_worker = side.area.assessment_social_worker;
    return tx.InsertPlanPeriod(p).status();
  });
  std::vector<FeedRow> move = rows_from(K::kHousing, 3, 1);
  move[0].fields["first_name"] = children[5].first_name;
  move[0].fields["surname"] = children[5].surname;
  move[0].fields["date_of_birth"] = children[5].date_of_birth->ToString();
  move[0].fields["out_of_area"] = "yes";
  for (Side* side : {&kept, &afresh}) ASSERT_TRUE(side->ingest->Ingest({agency.at(K::kHousing), nullptr}, move).ok());
  both(K::kHealth, 4, 600);
  both(K::kPolice, 5, 800);

  ASSERT_EQ(kept.reports.size(), afresh.reports.size());
  int reused = 0;
  for (size_t i = 0; i < kept.reports.size(); ++i) {
    const DetectionReport& a = kept.reports[i];
    const DetectionReport& b = afresh.reports[i];
    EXPECT_EQ(std::tie(a.children, a.events, a.alerts_found, a.alerts_raised, a.alerts_updated, a.alerts_merged),
              std::tie(b.children, b.events, b.alerts_found, b.alerts_raised, b.alerts_updated, b.alerts_merged))
        << "batch " << i;
    EXPECT_FALSE(b.reused_inputs);
    reused += a.reused_inputs ? 1 : 0;
  }
  // The first batch reads afresh, and so does the first after each write in between.
  EXPECT_FALSE(kept.reports.front().reused_inputs);
  EXPECT_GE(reused, static_cast<int>(kept.reports.size()) - 3);

  auto stored = [](Side& side) {
    std::vector<std::tuple<std::int64_t, std::string, std::string, std::vector<std::int64_t>, int, std::string, std::string>> out;
    EXPECT_TRUE(side.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto ids, tx.ChildrenWithEvents());
      std::set<std::int64_t> seen;
      for (PersonId child : ids) {
        ASSIGN_OR_RETURN(auto list, tx.AlertsAboutChild(child));
        for (const auto& a : list) {
          if (!seen.insert(a.id.value).second) continue;
          std::vector<std::int64_t> evidence;
          for (const auto& e : a.evidence) evidence.push_back(e.event.value);
          out.emplace_back(a.id.value, a.rule_id, a.subject_key, evidence, a.severity,
                           std::string(domain::ToString(a.status)), a.explanation);
        }
      }
      return Status::Ok();
    }).ok());
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto from_kept = stored(kept);
  EXPECT_EQ(from_kept, stored(afresh));
  std::set<std::string> rules_met;
  for (const auto& a : from_kept) rules_met.insert(std::get<1>(a));
  EXPECT_TRUE(rules_met.count("child_on_plan_moves_out_of_area")) << "the plan written between batches was seen";
  EXPECT_TRUE(rules_met.count("concerns_from_two_agencies"));
  EXPECT_TRUE(rules_met.count("repeated_domestic_abuse"));
}

// A generated area's children with a birth date, and its police force.
std::pair<std::vector<domain::Person>, AgencyId> ChildrenAndPolice(store::Store& store) {
  std::vector<domain::Person> children = testing::ChildrenWithBirthDates(store);
  AgencyId police;
  EXPECT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agencies, tx.ListAgencies());
    for (const auto& a : agencies) {
      if (a.kind == domain::AgencyKind::kPolice) police = a.id;
    }
    return Status::Ok();
  }).ok());
  return {std::move(children), police};
}

// A store whose first unit of work, once armed, makes another writer queue for it (as a
// practitioner's audited read does while concern detection runs) and waits until the unit
// can see it.
class StoreWithAWriterArriving final : public store::Store {
 public:
  explicit StoreWithAWriterArriving(store::Store& inner) : inner_(inner) {}
  ~StoreWithAWriterArriving() override {
    if (other_.joinable()) other_.join();
  }
  Status Write(const store::Work& work) override {
    ++writes;
    return inner_.Write([&](store::Transaction& tx) -> Status {
      if (armed && !started_) {
        started_ = true;
        other_ = std::thread([this] {
          EXPECT_TRUE(inner_.Write([](store::Transaction&) { return Status::Ok(); }).ok());
        });
        for (int i = 0; i < 20000 && !tx.OtherWritersWaiting(); ++i) {
          std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        EXPECT_TRUE(tx.OtherWritersWaiting());
      }
      return work(tx);
    });
  }
  Status Read(const store::Work& work) override { return inner_.Read(work); }
  bool armed = false;
  int writes = 0;

 private:
  store::Store& inner_;
  bool started_ = false;
  std::thread other_;
};

// A feed batch about more children than a slice: when another writer waits, detection
// commits the slices it has done, lets it in and goes on in a new unit (reading its inputs
// afresh, since something was written between). The alerts are those a batch run finds:
// running one afterwards changes nothing.
TEST(ConcernDetectionStreamingTest, AnEvaluationThatLetsAWaitingWriterInStoresTheSameAlerts) {
  auto store = store::NewMemoryStore();
  FakeClock clock(testing::kStart);
  auto area = GenerateSyntheticArea(*store, {1400, 1, 17, clock.Today(), 1});
  ASSERT_TRUE(area.ok()) << area.status().message();
  StoreWithAWriterArriving interrupting(*store);
  ConcernDetection detection(interrupting, clock, ConcernDetectionSettings{area->mash_team});
  IdentifierChildIndex index;
  FeedIngest ingest(*store, clock, index);
  std::vector<std::pair<DetectionReport, int>> evaluations;  // report, units of work
  ingest.SetCommitListener([&](const CommittedBatch& batch) -> Status {
    const int before = interrupting.writes;
    auto r = detection.EvaluateArrived(batch.children, {batch.events, batch.write_sequence});
    if (!r.ok()) return r.status();
    evaluations.emplace_back(*r, interrupting.writes - before);
    return Status::Ok();
  });
  const auto [children, police] = ChildrenAndPolice(*store);
  ASSERT_GT(children.size(), 2 * ConcernDetection::kSliceChildren);
  // Domestic abuse notifications about every child, twice: the second batch grows alerts.
  const Date today = clock.Today();
  auto rows = [&](int round) {
    std::vector<FeedRow> out;
    for (size_t i = 0; i < children.size(); ++i) {
      const domain::Person& c = children[i];
      FeedRow r;
      r.line = static_cast<std::int64_t>(i) + 2;
      r.fields = {{"source_reference", "D" + std::to_string(round) + "-" + std::to_string(i)},
                  {"first_name", c.first_name}, {"surname", c.surname},
                  {"date_of_birth", c.date_of_birth->ToString()},
                  {"occurred_on", std::max(today.AddDays(-10 * round - static_cast<int>(i % 7)), *c.date_of_birth).ToString()},
                  {"kind", "police_incident"}, {"risk", i % 4 ? "low" : "high"},
                  {"notification", "information_only"}, {"domestic_abuse", "yes"}};
      out.push_back(std::move(r));
    }
    return out;
  };
  ASSERT_TRUE(ingest.Ingest({police, nullptr}, rows(1)).ok());
  interrupting.armed = true;
  auto second = ingest.Ingest({police, nullptr}, rows(2));
  ASSERT_TRUE(second.ok()) << second.status().message();
  ASSERT_TRUE(second->listener_error.empty()) << second->listener_error;
  ASSERT_EQ(evaluations.size(), 2u);
  EXPECT_EQ(evaluations[0].second, 1);  // nobody waited: one unit
  EXPECT_GE(evaluations[1].second, 2);  // let the waiting writer in, then went on
  EXPECT_GT(evaluations[1].first.alerts_updated + evaluations[1].first.alerts_raised, 0);

  ConcernDetection batch(*store, clock, ConcernDetectionSettings{area->mash_team});
  auto again = batch.EvaluateAll();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_GT(again->alerts_found, 0);
  EXPECT_EQ(again->alerts_raised, 0);
  EXPECT_EQ(again->alerts_updated, 0);
  EXPECT_EQ(again->alerts_merged, 0);
}

// On a live server practitioners' audited reads commit between a feed's unit and concern
// detection's. They write only bookkeeping (audit entries, notifications, sessions), which
// the rules never read, so detection keeps its rule inputs across them; any other write in
// between makes it read afresh. Either way the alerts are those a batch run finds.
TEST(ConcernDetectionStreamingTest, KeptInputsSurviveAuditedReadsBetweenUnits) {
  const std::string path = ::testing::TempDir() + "/detection_bookkeeping.db";
  std::filesystem::remove(path);
  auto store = std::move(store::sqlite::SqliteStore::Open(path)).value();
  FakeClock clock(testing::kStart);
  auto area = GenerateSyntheticArea(*store, {300, 1, 23, clock.Today()});
  ASSERT_TRUE(area.ok()) << area.status().message();
  // The area's own history in step first: only some children hear from the feeds below.
  ASSERT_TRUE(ConcernDetection(*store, clock, ConcernDetectionSettings{area->mash_team}).EvaluateAll().ok());
  ConcernDetection detection(*store, clock, ConcernDetectionSettings{area->mash_team});
  IdentifierChildIndex index;
  FeedIngest ingest(*store, clock, index);
  enum class Between { kNothing, kAuditedRead, kDataWrite };
  Between between = Between::kNothing;
  std::vector<bool> reused;
  ingest.SetCommitListener([&](const CommittedBatch& batch) -> Status {
    if (between == Between::kAuditedRead) {
      // As the HTTP server commits an audited read's entry: submitted, then committed.
      std::promise<Status> committed;
      store->SubmitBookkeeping([](store::Transaction& tx) { return tx.TouchSession("a session", 1700000000); },
                               [&](Status s) { committed.set_value(s); });
      RETURN_IF_ERROR(committed.get_future().get());
    } else if (between == Between::kDataWrite) {
      RETURN_IF_ERROR(store->Write([](store::Transaction& tx) {
        return tx.InsertAgency({AgencyId(), "A new agency", domain::AgencyKind::kOther, ""}).status();
      }));
    }
    auto r = detection.EvaluateArrived(batch.children, {batch.events, batch.write_sequence});
    if (!r.ok()) return r.status();
    reused.push_back(r->reused_inputs);
    return Status::Ok();
  });
  const auto [children, police] = ChildrenAndPolice(*store);
  auto send = [&](int round) {
    std::vector<FeedRow> rows;
    for (size_t i = 0; i < children.size(); i += 3) {
      const domain::Person& c = children[i];
      FeedRow r;
      r.line = static_cast<std::int64_t>(rows.size()) + 2;
      r.fields = {{"source_reference", "B" + std::to_string(round) + "-" + std::to_string(i)},
                  {"first_name", c.first_name}, {"surname", c.surname},
                  {"date_of_birth", c.date_of_birth->ToString()},
                  {"occurred_on", std::max(clock.Today().AddDays(-5 * round), *c.date_of_birth).ToString()},
                  {"kind", "police_incident"}, {"risk", "low"}, {"notification", "information_only"},
                  {"domestic_abuse", "yes"}};
      rows.push_back(std::move(r));
    }
    auto report = ingest.Ingest({police, nullptr}, rows);
    ASSERT_TRUE(report.ok()) << report.status().message();
    ASSERT_TRUE(report->listener_error.empty()) << report->listener_error;
  };
  send(1);  // first evaluation: reads afresh
  send(2);  // nothing between: kept
  between = Between::kAuditedRead;
  send(3);  // an audited read between: still kept
  between = Between::kDataWrite;
  send(4);  // data written between: read afresh
  EXPECT_EQ(reused, (std::vector<bool>{false, true, true, false}));

  ConcernDetection batch(*store, clock, ConcernDetectionSettings{area->mash_team});
  auto again = batch.EvaluateAll();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_GT(again->alerts_found, 0);
  EXPECT_EQ(again->alerts_raised + again->alerts_updated + again->alerts_merged, 0);
  store.reset();
  std::filesystem::remove(path);
}

// Every planted pattern raises its rule's alert and no decoy does, amid the background of a
// synthetic area; planting is deterministic for a seed.
TEST(ConcernPatternsTest, PlantedPatternsAlertAndDecoysDoNot) {
  auto store = store::NewMemoryStore();
  FakeClock clock(testing::kStart);
  SyntheticAreaOptions options{300, 3, 5, clock.Today(), 6};
  auto area = GenerateSyntheticArea(*store, options);
  ASSERT_TRUE(area.ok()) << area.status().message();
  ASSERT_EQ(area->planted.size(), 7u * 6 * 2);
  ConcernDetection detection(*store, clock, ConcernDetectionSettings{area->mash_team});
  ASSERT_TRUE(detection.EvaluateAll().ok());
  std::set<std::pair<std::string, std::string>> alerted;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    for (const auto& a : open) alerted.insert({a.rule_id, a.subject_key});
    return Status::Ok();
  }).ok());
  for (const PlantedPattern& p : area->planted) {
    EXPECT_EQ(alerted.count({p.rule_id, p.subject_key}) == 1, p.should_alert) << p.rule_id << " " << p.what;
  }

  auto again_store = store::NewMemoryStore();
  auto again = GenerateSyntheticArea(*again_store, options);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->planted.size(), area->planted.size());
  for (size_t i = 0; i < again->planted.size(); ++i) {
    EXPECT_EQ(again->planted[i].subject_key, area->planted[i].subject_key);
    EXPECT_EQ(again->planted[i].what, area->planted[i].what);
  }
}

}  // namespace
}  // namespace safehub::app
