// What audited reads keep of a child: kept while nothing a record shows changes, read again
// after any such change (whoever made it), every read still decided and audited for its
// caller.
#include "app/child_record_cache.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/test_area.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::app {
namespace {

using testing::TestArea;

Status Write(store::Store& store, const std::function<Status(store::Transaction&)>& unit) { return store.Write(unit); }

TEST(ChildRecordCacheTest, ASecondReadIsAnsweredFromWhatWasKeptAndAuditedAgain) {
  TestArea area;
  auto jo = area.Login("jo");
  ASSERT_TRUE(area.records.GetChild(jo, area.child, "").ok());
  const auto first = area.records.cache().counts();
  EXPECT_EQ(first.read, 2);  // the facts (child, access rule) and the family
  auto again = area.records.GetChild(jo, area.child, "");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->person.first_name, "Ava");
  ASSERT_EQ(again->involvements.size(), 1u);
  EXPECT_EQ(area.records.cache().counts().read, first.read);
  EXPECT_EQ(area.records.cache().counts().kept, first.kept + 2);
  // The events read uses the kept facts too.
  ASSERT_TRUE(area.records.ListEvents(jo, area.child, "", std::nullopt, std::nullopt).ok());
  EXPECT_EQ(area.records.cache().counts().read, first.read);
  auto audit = area.AuditOf(area.child);
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(), [](const auto& e) { return e.action == "read_child"; }), 2);
  EXPECT_EQ(audit.front().action, "read_events");
}

TEST(ChildRecordCacheTest, EveryChangeARecordShowsIsSeenAtTheNextRead) {
  TestArea area;
  auto jo = area.Login("jo");
  auto sam = area.Login("sam");
  auto record = [&](const AuthContext& who) { return area.records.GetChild(who, area.child, ""); };
  ASSERT_TRUE(record(jo).ok());
  EXPECT_EQ(record(sam).status().code(), StatusCode::kPermissionDenied);

  // A new involvement lets its practitioner in at once.
  domain::Involvement involvement;
  involvement.child = area.child;
  involvement.team = area.assessment_team;
  involvement.practitioner = area.social_worker;
  involvement.service = "assessment";
  involvement.started_on = area.clock.Today().AddDays(-10);
  auto involvement_id = area.records.RecordInvolvement(jo, involvement);
  ASSERT_TRUE(involvement_id.ok()) << involvement_id.status().message();
  auto seen = record(sam);
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->involvements.size(), 2u);

  // A team's new phone number, a household with a mother, and the mother's new name.
  PersonId mother;
  ASSERT_TRUE(Write(*area.store, [&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Team team, tx.GetTeam(area.public_protection));
    team.office_phone = "0100 000 0042";
    RETURN_IF_ERROR(tx.UpdateTeam(team));
    domain::Person p;
    p.kind = domain::PersonKind::kAdult;
    p.first_name = "Mia";
    p.surname = "Reid";
    ASSIGN_OR_RETURN(mother, tx.InsertPerson(p));
    ASSIGN_OR_RETURN(auto household, tx.InsertHousehold({HouseholdId(), "1 High Street", "AB1 2CD"}));
    RETURN_IF_ERROR(tx.AddMember({household, area.child, *Date::Parse("2020-01-01"), std::nullopt}));
    return tx.AddMember({household, mother, *Date::Parse("2020-01-01"), std::nullopt});
  }).ok());
  seen = record(jo);
  ASSERT_TRUE(seen.ok());
  std::string phone;
  for (const auto& i : seen->involvements) {
    if (i.team_name == "Public Protection") phone = i.contact_phone;
  }
  EXPECT_EQ(phone, "0100 000 0042");
  ASSERT_EQ(seen->households.size(), 1u);
  ASSERT_EQ(seen->households[0].members.size(), 2u);
  ASSERT_TRUE(Write(*area.store, [&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Person p, tx.GetPerson(mother));
    p.surname = "Reid-Lee";
    return tx.UpdatePerson(p);
  }).ok());
  seen = record(jo);
  ASSERT_TRUE(seen.ok());
  bool renamed = false;
  for (const auto& [member, person] : seen->households[0].members) renamed |= person.surname == "Reid-Lee";
  EXPECT_TRUE(renamed);

  // Shielding: someone whose access is not their own or team's involvement sees the
  // redacted view at once.
  ASSERT_TRUE(area.records.SetShielding(jo, area.child, domain::Shielding::kRefuge).ok());
  auto lead = area.Login("lead");
  auto shielded = area.records.GetChild(lead, area.child, "strategy discussion");
  ASSERT_TRUE(shielded.ok()) << shielded.status().message();
  EXPECT_TRUE(shielded->shielded_view);

  // Ending the involvement (yesterday) shuts its practitioner out at once.
  ASSERT_TRUE(area.records.EndInvolvement(sam, area.child, *involvement_id, area.clock.Today().AddDays(-1), "").ok());
  EXPECT_EQ(record(sam).status().code(), StatusCode::kPermissionDenied);

  // A merge: the survivor's record takes in the merged record's involvements, and the merged
  // record points at the child it is now part of.
  domain::Person p;
  p.first_name = "Ava";
  p.surname = "Reid";
  p.date_of_birth = *Date::Parse("2015-02-03");
  auto second = area.records.CreateChild(jo, p, "missing from home");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(area.records.GetChild(jo, *second, "").ok());
  const size_t involvements_before = record(jo)->involvements.size();
  ASSERT_TRUE(Write(*area.store, [&](store::Transaction& tx) -> Status {
    store::PersonMerge m;
    m.merged = *second;
    m.surviving = area.child;
    m.merged_at = area.clock.Now();
    m.reason = "same child";
    return tx.InsertPersonMerge(m).status();
  }).ok());
  EXPECT_EQ(record(jo)->involvements.size(), involvements_before + 1);
  auto merged = area.records.GetChild(jo, *second, "");
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->merged_into, area.child);
}

// Whether an involvement is active depends on the day: a kept access rule is for one day.
TEST(ChildRecordCacheTest, AnInvolvementThatEndsTodayLetsItsPractitionerInOnlyToday) {
  TestArea area;
  auto jo = area.Login("jo");
  domain::Involvement involvement;
  involvement.child = area.child;
  involvement.team = area.assessment_team;
  involvement.practitioner = area.social_worker;
  involvement.service = "assessment";
  involvement.started_on = area.clock.Today();
  involvement.ended_on = area.clock.Today();
  ASSERT_TRUE(area.records.RecordInvolvement(jo, involvement).ok());
  auto sam = area.Login("sam");
  ASSERT_TRUE(area.records.GetChild(sam, area.child, "").ok());
  ASSERT_TRUE(area.records.GetChild(sam, area.child, "").ok());
  area.clock.Advance(24 * 3600);
  sam = area.Login("sam");
  EXPECT_EQ(area.records.GetChild(sam, area.child, "").status().code(), StatusCode::kPermissionDenied);
}

// What a snapshot older than the newest generation seen reads is true only of the past: it
// is used by that read but never kept, so it cannot hide a newer change from later reads.
TEST(ChildRecordCacheTest, AnOlderSnapshotsReadsAreNotKept) {
  const std::string path = ::testing::TempDir() + "/child_record_cache_older_snapshot.db";
  std::filesystem::remove(path);
  auto opened = store::sqlite::SqliteStore::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto store = std::move(opened).value();
  PersonId child;
  ASSERT_TRUE(Write(*store, [&](store::Transaction& tx) -> Status {
    domain::Person p;
    p.first_name = "Ava";
    p.surname = "Reid";
    ASSIGN_OR_RETURN(child, tx.InsertPerson(p));
    return Status::Ok();
  }).ok());
  const Date today = *Date::Parse("2024-06-01");
  ChildRecordCache cache;
  auto rename = [&](const char* surname) {
    return Write(*store, [&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(domain::Person p, tx.GetPerson(child));
      p.surname = surname;
      return tx.UpdatePerson(p);
    });
  };
  auto surname_now = [&] {
    std::string surname;
    EXPECT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto snapshot, cache.Facts(tx, child, today));
      surname = snapshot.facts->person.surname;
      return Status::Ok();
    }).ok());
    return surname;
  };
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    // This snapshot starts before the renames below.
    ASSIGN_OR_RETURN(auto old_snapshot, cache.Facts(tx, child, today));
    EXPECT_EQ(old_snapshot.facts->person.surname, "Reid");
    RETURN_IF_ERROR(rename("Reed"));
    EXPECT_EQ(surname_now(), "Reed");  // a newer snapshot: read, and kept at its generation
    // The old snapshot still reads its own past, but does not keep it over the newer one.
    ASSIGN_OR_RETURN(auto family, cache.Family(tx, child, old_snapshot));
    EXPECT_EQ(family->survivor, child);
    ASSIGN_OR_RETURN(auto facts_again, cache.Facts(tx, child, today));
    EXPECT_EQ(facts_again.facts->person.surname, "Reid");
    return Status::Ok();
  }).ok());
  const auto before = cache.counts();
  EXPECT_EQ(surname_now(), "Reed");
  EXPECT_EQ(cache.counts().kept, before.kept + 1);
  store.reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}

}  // namespace
}  // namespace safehub::app
