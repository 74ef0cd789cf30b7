// One suite, two stores: the in-memory fake must behave like SQLite.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace safehub::store {
namespace {

using namespace safehub::domain;

struct StoreFactory {
  const char* name;
  std::function<std::unique_ptr<Store>(const std::string& path)> make;
};

void PrintTo(const StoreFactory& factory, std::ostream* os) { *os << factory.name; }

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test_name.begin(), test_name.end(), '/', '_');
    path_ = ::testing::TempDir() + "/store_contract_" + test_name + ".db";
    std::filesystem::remove(path_);
    store_ = GetParam().make(path_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_ + "-wal");
    std::filesystem::remove(path_ + "-shm");
  }

  // Agency -> team -> practitioner -> child, returned as ids.
  struct Fixture {
    AgencyId agency;
    TeamId team;
    PractitionerId practitioner;
    PersonId child;
  };
  Fixture Seed() {
    Fixture f;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(f.agency, tx.InsertAgency({AgencyId(), "Northshire Police", AgencyKind::kPolice, "NP"}));
      ASSIGN_OR_RETURN(f.team, tx.InsertTeam({TeamId(), f.agency, "Public Protection", "0100", "0999"}));
      ASSIGN_OR_RETURN(f.practitioner, tx.InsertPractitioner({PractitionerId(), f.team, "DC Jo Reyes", "", "", ""}));
      Person child;
      child.first_name = "Ava";
      child.surname = "Reid";
      child.date_of_birth = *Date::Parse("2015-02-03");
      child.nhs_number = "9434765919";
      ASSIGN_OR_RETURN(f.child, tx.InsertPerson(child));
      return Status::Ok();
    }).ok());
    return f;
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, StoresAndReadsPeople) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person p, tx.GetPerson(f.child));
    EXPECT_EQ(p.first_name, "Ava");
    EXPECT_EQ(p.date_of_birth->ToString(), "2015-02-03");
    EXPECT_EQ(p.nhs_number, "9434765919");
    EXPECT_FALSE(p.expected_birth_date.has_value());
    EXPECT_EQ(tx.GetPerson(PersonId(9999)).status().code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, FindsPeopleByNameAndIdentifiers) {
  Seed();
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    PersonQuery q;
    q.name_contains = "REI";
    ASSIGN_OR_RETURN(auto by_name, tx.FindPeople(q));
    EXPECT_EQ(by_name.size(), 1u);
    q = PersonQuery{};
    q.nhs_number = "9434765919";
    ASSIGN_OR_RETURN(auto by_nhs, tx.FindPeople(q));
    EXPECT_EQ(by_nhs.size(), 1u);
    q.date_of_birth = *Date::Parse("2015-02-04");
    ASSIGN_OR_RETURN(auto none, tx.FindPeople(q));
    EXPECT_TRUE(none.empty());
    q = PersonQuery{};
    q.name_contains = "%";  // a LIKE wildcard is a literal character here
    ASSIGN_OR_RETURN(auto literal, tx.FindPeople(q));
    EXPECT_TRUE(literal.empty());
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, ShieldedPeopleNeverMatchOnHiddenFields) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person p, tx.GetPerson(f.child));
    p.shielding = Shielding::kRefuge;
    return tx.UpdatePerson(p);
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    PersonQuery by_nhs;
    by_nhs.nhs_number = "9434765919";
    ASSIGN_OR_RETURN(auto hidden, tx.FindPeople(by_nhs));
    EXPECT_TRUE(hidden.empty());
    PersonQuery by_name;
    by_name.name_contains = "ava";
    by_name.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(auto visible, tx.FindPeople(by_name));
    EXPECT_EQ(visible.size(), 1u);
    EXPECT_EQ(visible.at(0).shielding, Shielding::kRefuge);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, SharingDecisionsAndMisuseReviewsRoundTrip) {
  Fixture f = Seed();
  AgencyId council;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(council, tx.InsertAgency({AgencyId(), "Council", AgencyKind::kSocialCare, "891"}));
    SharingDecision d;
    d.child = f.child;
    d.from_agency = f.agency;
    d.to_agency = council;
    d.decided_by = f.practitioner;
    d.decided_at = 100;
    d.information = "incident log";
    d.purpose = "strategy discussion";
    d.basis = SharingBasis::kSignificantHarm;
    RETURN_IF_ERROR(tx.InsertSharingDecision(d));
    d.decided_at = 200;
    d.basis = SharingBasis::kConsentGiven;
    RETURN_IF_ERROR(tx.InsertSharingDecision(d));
    User lead;
    lead.username = "lead";
    lead.display_name = "Lead";
    lead.password_hash = "$argon2id$x";
    ASSIGN_OR_RETURN(UserId lead_id, tx.InsertUser(lead));
    MisuseReview r;
    r.user = lead_id;
    r.username = "lead";
    r.child = f.child;
    r.reason = "urgent strategy discussion";
    r.opened_at = 300;
    return tx.InsertMisuseReview(r).status();
  }).ok());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto decisions, tx.SharingDecisionsOf(f.child));
    EXPECT_EQ(decisions.size(), 2u);
    EXPECT_EQ(decisions.at(0).basis, SharingBasis::kConsentGiven);  // newest first
    EXPECT_EQ(decisions.at(1).to_agency, council);
    ASSIGN_OR_RETURN(auto open, tx.ListMisuseReviews(ReviewSelection::kOpenOnly));
    EXPECT_EQ(open.size(), 1u);
    MisuseReview r = open.at(0);
    r.finding = ReviewFinding::kJustified;
    r.reviewed_at = 400;
    RETURN_IF_ERROR(tx.UpdateMisuseReview(r));
    ASSIGN_OR_RETURN(auto still_open, tx.ListMisuseReviews(ReviewSelection::kOpenOnly));
    EXPECT_TRUE(still_open.empty());
    ASSIGN_OR_RETURN(auto all, tx.ListMisuseReviews(ReviewSelection::kAll));
    EXPECT_EQ(all.size(), 1u);
    return Status::Ok();
  }).ok());
}

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

TEST_P(StoreContractTest, EventsAreOrderedAndIdempotentBySourceReference) {
  Fixture f = Seed();
  auto event = [&](const char* date, const char* ref) {
    Event e;
    e.child = f.child;
    e.agency = f.agency;
    e.kind = "police_incident";
    e.occurred_on = *Date::Parse(date);
    e.summary = "incident";
    e.source_reference = ref;
    e.attributes = {{"risk", "high"}, {"note", "a=b&c%d"}};
    return e;
  };
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertEvent(event("2024-03-01", "M-2")));
    RETURN_IF_ERROR(tx.InsertEvent(event("2024-01-01", "M-1")));
    RETURN_IF_ERROR(tx.InsertEvent(event("2024-02-01", "")));
    return tx.InsertEvent(event("2024-02-02", "")).status();
  }).ok());
  Status dup = store_->Write([&](Transaction& tx) { return tx.InsertEvent(event("2024-03-01", "M-2")).status(); });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "source_reference");
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.EventsOf(f.child, std::nullopt, std::nullopt));
    EXPECT_EQ(all.size(), 4u);
    EXPECT_EQ(all.front().source_reference, "M-1");
    EXPECT_EQ(all.front().attributes.at("note"), "a=b&c%d");
    EXPECT_EQ(all.front().attributes.at("risk"), "high");
    ASSIGN_OR_RETURN(auto feb, tx.EventsOf(f.child, *Date::Parse("2024-02-01"), *Date::Parse("2024-02-29")));
    EXPECT_EQ(feb.size(), 2u);
    return Status::Ok();
  }).ok());
}

// A refused event names what refused it (the child, the agency, then the event already
// recorded, in that order) and leaves the unit of work usable for the next row.
TEST_P(StoreContractTest, ARefusedEventIsNamedAndTheUnitOfWorkGoesOn) {
  Fixture f = Seed();
  auto event = [&](PersonId child, AgencyId agency, const char* ref) {
    Event e;
    e.child = child;
    e.agency = agency;
    e.kind = "police_incident";
    e.occurred_on = *Date::Parse("2024-03-01");
    e.summary = "incident";
    e.source_reference = ref;
    return e;
  };
  EventId first;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(first, tx.InsertEvent(event(f.child, f.agency, "R-1")));
    return Status::Ok();
  }).ok());
  std::vector<Status> refused;
  EventId after;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    refused.push_back(tx.InsertEvent(event(PersonId(999999), f.agency, "R-2")).status());
    refused.push_back(tx.InsertEvent(event(f.child, AgencyId(999999), "R-2")).status());
    refused.push_back(tx.InsertEvent(event(f.child, f.agency, "R-1")).status());
    refused.push_back(tx.InsertEvent(event(PersonId(999999), f.agency, "R-1")).status());
    ASSIGN_OR_RETURN(after, tx.InsertEvent(event(f.child, f.agency, "R-2")));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(refused.size(), 4u);
  EXPECT_EQ(refused[0].code(), StatusCode::kNotFound);
  EXPECT_EQ(refused[0].message(), "person 999999 does not exist");
  EXPECT_EQ(refused[1].code(), StatusCode::kNotFound);
  EXPECT_EQ(refused[1].message(), "agency 999999 does not exist");
  EXPECT_EQ(refused[2].code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(refused[2].message(),
            "event R-1 of agency " + f.agency.ToString() + " is already recorded as event " + first.ToString());
  EXPECT_EQ(refused[3].message(), "person 999999 does not exist");
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.EventsOf(f.child, std::nullopt, std::nullopt));
    EXPECT_EQ(all.size(), 2u);
    ASSIGN_OR_RETURN(auto stored, tx.GetEvent(after));
    EXPECT_EQ(stored.source_reference, "R-2");
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, InvolvementDetailsCarryTeamAgencyAndPractitioner) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Involvement named;
    named.child = f.child;
    named.team = f.team;
    named.practitioner = f.practitioner;
    named.service = "public protection";
    named.started_on = *Date::Parse("2024-02-01");
    RETURN_IF_ERROR(tx.InsertInvolvement(named));
    Involvement unnamed = named;
    unnamed.practitioner = PractitionerId();
    unnamed.started_on = *Date::Parse("2024-01-01");
    return tx.InsertInvolvement(unnamed).status();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto details, tx.InvolvementDetailsOf(f.child));
    EXPECT_EQ(details.size(), 2u);
    EXPECT_EQ(details.at(0).involvement.started_on.ToString(), "2024-01-01");
    EXPECT_TRUE(details.at(0).practitioner_name.empty());
    EXPECT_EQ(details.at(1).practitioner_name, "DC Jo Reyes");
    EXPECT_EQ(details.at(1).team.name, "Public Protection");
    EXPECT_EQ(details.at(1).agency.kind, AgencyKind::kPolice);
    // The access rule's view of the same involvements: who, which team and agency, active.
    ASSIGN_OR_RETURN(auto reach, tx.InvolvementReachOf(f.child, *Date::Parse("2024-01-15")));
    EXPECT_EQ(reach.size(), 2u);
    for (const auto& r : reach) {
      EXPECT_EQ(r.team, f.team);
      EXPECT_EQ(r.agency, details.at(0).agency.id);
      // Only the unnamed involvement (from 2024-01-01) has started by the 15th.
      EXPECT_EQ(r.active, !r.practitioner.valid());
    }
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, MissingReferencesAreNotFound) {
  Seed();
  Status s = store_->Write([&](Transaction& tx) {
    return tx.InsertTeam({TeamId(), AgencyId(777), "Ghost team", "", ""}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("agency 777"), std::string::npos);
}

TEST_P(StoreContractTest, HouseholdsAndRelationships) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto h, tx.InsertHousehold({HouseholdId(), "1 High St", "AB1 2CD"}));
    Person mum;
    mum.kind = PersonKind::kAdult;
    mum.first_name = "Lena";
    mum.surname = "Reid";
    ASSIGN_OR_RETURN(auto mum_id, tx.InsertPerson(mum));
    RETURN_IF_ERROR(tx.AddMember({h, f.child, *Date::Parse("2015-02-03"), std::nullopt}));
    RETURN_IF_ERROR(tx.AddMember({h, mum_id, *Date::Parse("2010-01-01"), std::nullopt}));
    return tx.AddRelationship({mum_id, f.child, RelationshipKind::kParent, *Date::Parse("2015-02-03"), std::nullopt});
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto memberships, tx.MembershipsOf(f.child));
    EXPECT_EQ(memberships.size(), 1u);
    ASSIGN_OR_RETURN(auto members, tx.MembersOf(memberships.at(0).household));
    EXPECT_EQ(members.size(), 2u);
    ASSIGN_OR_RETURN(auto relationships, tx.RelationshipsOf(f.child));
    EXPECT_EQ(relationships.size(), 1u);
    EXPECT_EQ(relationships.at(0).kind, RelationshipKind::kParent);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, UsersAreUniqueAndSessionsRoundTrip) {
  Fixture f = Seed();
  User u;
  u.username = "jo";
  u.display_name = "Jo";
  u.password_hash = "$argon2id$x";
  u.practitioner = f.practitioner;
  UserId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertUser(u));
    return tx.InsertSession({"hash1", id, "csrf", 10, 10, 100});
  }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.InsertUser(u).status(); }).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(User back, tx.GetUserByUsername("jo"));
    EXPECT_EQ(back.practitioner, f.practitioner);
    EXPECT_FALSE(back.must_change_password);
    back.failed_logins = 3;
    back.disabled = true;
    back.must_change_password = true;
    back.role = domain::Role::kManager;
    RETURN_IF_ERROR(tx.UpdateUser(back));
    RETURN_IF_ERROR(tx.TouchSession("hash1", 50));
    ASSIGN_OR_RETURN(Session s, tx.GetSession("hash1"));
    EXPECT_EQ(s.last_seen_at, 50);
    RETURN_IF_ERROR(tx.DeleteSessionsOf(id));
    EXPECT_EQ(tx.GetSession("hash1").status().code(), StatusCode::kNotFound);
    ASSIGN_OR_RETURN(User again, tx.GetUser(id));
    EXPECT_EQ(again.failed_logins, 3);
    EXPECT_TRUE(again.disabled);
    EXPECT_TRUE(again.must_change_password);
    EXPECT_EQ(again.role, domain::Role::kManager);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, MashContactsOfAChildAndWhoReleasedAnAnswer) {
  Fixture f = Seed();
  PersonId other;
  UserId releaser;
  AgencyCheckId check;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Ben";
    p.surname = "Other";
    ASSIGN_OR_RETURN(other, tx.InsertPerson(p));
    User u;
    u.username = "releaser";
    u.display_name = "Releaser";
    u.password_hash = "$argon2id$x";
    ASSIGN_OR_RETURN(releaser, tx.InsertUser(u));
    auto contact = [](PersonId child, const char* source, UnixSeconds at) {
      MashContact c;
      c.child = child;
      c.source = source;
      c.summary = "summary";
      c.received_at = at;
      return c;
    };
    MashContact first = contact(f.child, "school", 100);
    MashContact second = contact(other, "GP", 200);
    MashContact third = contact(f.child, "police", 300);
    third.status = ContactStatus::kDecided;
    ASSIGN_OR_RETURN(auto a, tx.InsertContact(first));
    RETURN_IF_ERROR(tx.InsertContact(second).status());
    RETURN_IF_ERROR(tx.InsertContact(third).status());
    AgencyCheck c;
    c.contact = a;
    c.agency = f.agency;
    ASSIGN_OR_RETURN(check, tx.InsertCheck(c));
    ASSIGN_OR_RETURN(c, tx.GetCheck(check));
    EXPECT_FALSE(c.released_by.valid());
    c.status = CheckStatus::kReleased;
    c.released_at = 400;
    c.released_by = releaser;
    return tx.UpdateCheck(c);
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto mine, tx.ContactsOfChild(f.child));
    EXPECT_EQ(mine.size(), 2u);  // open and decided, not the other child's
    if (mine.size() == 2) {
      EXPECT_EQ(mine[0].source, "school");
      EXPECT_EQ(mine[1].status, ContactStatus::kDecided);
    }
    ASSIGN_OR_RETURN(auto none, tx.ContactsOfChild(PersonId(9999)));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(auto back, tx.GetCheck(check));
    EXPECT_EQ(back.released_by, releaser);
    EXPECT_EQ(back.released_at, 400);
    return Status::Ok();
  }).ok());
}

TEST_P(StoreContractTest, AuditAppendsAndScansInOrder) {
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    for (int i = 1; i <= 3; ++i) {
      AuditEntry e;
      e.sequence = i;
      e.action = "read_child";
      e.child = PersonId(i == 2 ? 5 : 6);
      RETURN_IF_ERROR(tx.AppendAudit(e));
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto last, tx.LastAudit());
    EXPECT_EQ(last.value_or(AuditEntry{}).sequence, 3);
    ASSIGN_OR_RETURN(auto after1, tx.ScanAudit(1, 10));
    EXPECT_EQ(after1.size(), 2u);
    ASSIGN_OR_RETURN(auto of6, tx.AuditOfChild(PersonId(6), 10));
    EXPECT_EQ(of6.size(), 2u);
    EXPECT_EQ(of6.front().sequence, 3);
    return Status::Ok();
  }).ok());
  AuditEntry dup;
  dup.sequence = 2;
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendAudit(dup); }).code(), StatusCode::kAlreadyExists);
}

TEST_P(StoreContractTest, CaseworkStepsAppendInSequenceAndNothingHalfWritten) {
  Fixture f = Seed();
  auto step = [&](std::int64_t sequence, const char* name) {
    return StoredStep{f.child, sequence, name, std::string("{\"step\":\"") + name + "\"}", UserId(), 1717236000};
  };
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep(step(1, "receive referral")));
    return tx.AppendCaseworkStep(step(2, "hold strategy discussion"));
  }).ok());
  // A taken sequence is kAlreadyExists; a gap is refused; neither writes anything.
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(step(2, "x")); }).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(step(4, "x")); }).code(),
            StatusCode::kInvalidArgument);
  // A unit of work that fails after appending leaves nothing behind.
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep(step(3, "hold initial conference")));
    return Internal("later failure");
  }).ok());
  StoredStep unknown_child = step(1, "receive referral");
  unknown_child.child = PersonId(999);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.AppendCaseworkStep(unknown_child); }).code(),
            StatusCode::kNotFound);
  std::vector<StoredStep> steps;
  std::vector<PersonId> children;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(steps, tx.CaseworkStepsOf(f.child));
    ASSIGN_OR_RETURN(children, tx.ChildrenWithCasework());
    return Status::Ok();
  }).ok());
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].sequence, 1);
  EXPECT_EQ(steps[1].step, "hold strategy discussion");
  EXPECT_EQ(steps[1].payload, "{\"step\":\"hold strategy discussion\"}");
  EXPECT_EQ(steps[1].recorded_at, 1717236000);
  EXPECT_FALSE(steps[1].recorded_by.valid());
  EXPECT_EQ(children, std::vector<PersonId>{f.child});
}

TEST_P(StoreContractTest, OpenTimescalesAreReplacedPerChildAndListedByWorkerTeamAndAgency) {
  const Fixture f = Seed();
  const Date as_of = *Date::Parse("2024-06-01");
  TeamId other_team, other_agency_team;
  AgencyId other_agency;
  PractitionerId colleague, outsider;
  PersonId ben;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(other_team, tx.InsertTeam({TeamId(), f.agency, "Response", "", ""}));
    ASSIGN_OR_RETURN(colleague, tx.InsertPractitioner({PractitionerId(), other_team, "PC Bo Li", "", "", ""}));
    ASSIGN_OR_RETURN(other_agency, tx.InsertAgency({AgencyId(), "Northshire Council", AgencyKind::kSocialCare, "891"}));
    ASSIGN_OR_RETURN(other_agency_team, tx.InsertTeam({TeamId(), other_agency, "Assessment", "", ""}));
    ASSIGN_OR_RETURN(outsider, tx.InsertPractitioner({PractitionerId(), other_agency_team, "Sam Patel", "", "", ""}));
    Person b;
    b.first_name = "Ben";
    b.middle_names = "Lee";
    b.surname = "Cole";
    b.date_of_birth = *Date::Parse("2016-03-04");
    ASSIGN_OR_RETURN(ben, tx.InsertPerson(b));
    auto involve = [&](PersonId child, TeamId team, PractitionerId p, const char* from,
                       std::optional<Date> to) -> Status {
      Involvement i;
      i.child = child;
      i.team = team;
      i.practitioner = p;
      i.service = "service";
      i.started_on = *Date::Parse(from);
      i.ended_on = to;
      return tx.InsertInvolvement(i).status();
    };
    RETURN_IF_ERROR(involve(f.child, f.team, f.practitioner, "2024-01-01", std::nullopt));
    RETURN_IF_ERROR(involve(ben, other_team, colleague, "2024-01-01", std::nullopt));
    RETURN_IF_ERROR(involve(ben, other_agency_team, outsider, "2024-01-01", *Date::Parse("2024-03-01")));
    RETURN_IF_ERROR(tx.AppendCaseworkStep({f.child, 1, "receive referral", "{}", UserId(), 0}));
    return tx.AppendCaseworkStep({ben, 1, "receive referral", "{}", UserId(), 0});
  }).ok());
  auto row = [](PersonId child, std::int64_t n, const char* kind, const char* due, PractitionerId key_worker) {
    return OpenTimescaleRow{child, n, kind, "strategy discussion", 1, *Date::Parse("2024-05-03"), *Date::Parse(due),
                            1, 0, key_worker};
  };
  auto read = [&](auto&& work) { EXPECT_TRUE(store_->Read([&](Transaction& tx) { return work(tx); }).ok()); };
  std::vector<PersonId> stale;
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_EQ(stale, (std::vector<PersonId>{f.child, ben}));  // never derived

  const std::vector<OpenTimescaleRow> ava_rows{row(f.child, 1, "icpc", "2024-05-24", f.practitioner),
                                               row(f.child, 2, "assessment", "2024-06-20", PractitionerId())};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ReplaceOpenTimescales(f.child, 1, ava_rows));
    return tx.ReplaceOpenTimescales(ben, 1, std::vector<OpenTimescaleRow>{row(ben, 1, "assessment", "2024-06-03", PractitionerId())});
  }).ok());
  auto due = [&](WorkScope scope, std::int64_t id, Date on) {
    DueTimescales out;
    read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.OpenTimescalesDue({scope, id, on, *Date::Parse("2024-06-07")}));
      return Status::Ok();
    });
    return out;
  };
  auto worker = due(WorkScope::kWorker, f.practitioner.value, as_of);
  EXPECT_EQ(worker.cases, 1);
  ASSERT_EQ(worker.due.size(), 1u);  // the assessment is due after 7 June
  EXPECT_EQ(worker.due[0].timescale, ava_rows[0]);
  EXPECT_EQ(worker.due[0].child_name, "Ava Reid");
  EXPECT_EQ(due(WorkScope::kTeam, f.team.value, as_of).due.size(), 1u);
  auto service = due(WorkScope::kAgency, f.agency.value, as_of);
  EXPECT_EQ(service.cases, 2);
  ASSERT_EQ(service.due.size(), 2u);  // by due date
  EXPECT_EQ(service.due[0].timescale.child, f.child);
  EXPECT_EQ(service.due[1].timescale.child, ben);
  EXPECT_EQ(service.due[1].child_name, "Ben Lee Cole");
  // An ended involvement no longer puts the child on the list; it did while it lasted.
  EXPECT_EQ(due(WorkScope::kAgency, other_agency.value, as_of).cases, 0);
  EXPECT_TRUE(due(WorkScope::kAgency, other_agency.value, as_of).due.empty());
  EXPECT_EQ(due(WorkScope::kTeam, other_agency_team.value, *Date::Parse("2024-02-01")).due.size(), 1u);

  // Bad rows are refused naming the row and field; nothing is written.
  auto refused = [&](PersonId child, std::vector<OpenTimescaleRow> rows) {
    return store_->Write([&](Transaction& tx) { return tx.ReplaceOpenTimescales(child, 1, rows); });
  };
  Status other_child = refused(f.child, {row(ben, 1, "icpc", "2024-05-24", PractitionerId())});
  EXPECT_EQ(other_child.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(other_child.field(), "child");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-24", PractitionerId()),
                              row(f.child, 1, "icpc", "2024-05-25", PractitionerId())}).field(), "timescale");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-01", PractitionerId())}).field(), "due");
  EXPECT_EQ(refused(f.child, {row(f.child, 1, "icpc", "2024-05-24", PractitionerId(999))}).code(), StatusCode::kNotFound);
  EXPECT_EQ(refused(PersonId(999), {}).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ReplaceOpenTimescales(f.child, 1, std::vector<OpenTimescaleRow>{}));
    return Internal("later failure");
  }).ok());
  std::vector<OpenTimescaleRow> kept;
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(kept, tx.OpenTimescalesOf(f.child));
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_EQ(kept, ava_rows);
  EXPECT_TRUE(stale.empty());

  // Replacing drops the child's old rows; a new step makes them stale until rewritten.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AppendCaseworkStep({f.child, 2, "hold icpc", "{}", UserId(), 0}));
    return tx.ReplaceOpenTimescales(ben, 1, std::vector<OpenTimescaleRow>{});
  }).ok());
  read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(kept, tx.OpenTimescalesOf(ben));
    ASSIGN_OR_RETURN(stale, tx.ChildrenWithStaleOpenTimescales());
    return Status::Ok();
  });
  EXPECT_TRUE(kept.empty());
  EXPECT_EQ(stale, std::vector<PersonId>{f.child});
  EXPECT_EQ(due(WorkScope::kAgency, f.agency.value, as_of).due.size(), 1u);
}

TEST_P(StoreContractTest, AlertsRoundTripWithEvidenceAndAreFoundBySubjectAndChild) {
  const Fixture f = Seed();
  PersonId sibling;
  HouseholdId home;
  std::vector<EventId> events;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Leo";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2018-05-06");
    ASSIGN_OR_RETURN(sibling, tx.InsertPerson(p));
    ASSIGN_OR_RETURN(home, tx.InsertHousehold({HouseholdId(), "1 Mill Lane", "NR1 1AA"}));
    for (PersonId child : {f.child, sibling}) {
      Event e;
      e.child = child;
      e.agency = f.agency;
      e.kind = "police_incident";
      e.occurred_on = *Date::Parse("2024-03-01");
      e.source_reference = "ref-" + child.ToString();
      ASSIGN_OR_RETURN(auto id, tx.InsertEvent(e));
      events.push_back(id);
    }
    return Status::Ok();
  }).ok());

  ConcernAlert a;
  a.rule_id = "repeated_domestic_abuse";
  a.rule_title = "Repeated domestic abuse";
  a.subject_key = "household:" + home.ToString();
  a.household = home;
  a.severity = 3;
  a.explanation = "2 events";
  a.suggested_action = "MARAC";
  a.evidence = {{events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[1], sibling, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")}};
  a.first_on = a.last_on = *Date::Parse("2024-03-01");
  a.lead_practitioner = f.practitioner;
  a.team = f.team;
  a.raised_at = 100;
  a.updated_at = 100;
  a.team_manager_from = 200;
  a.head_of_service_from = 300;
  AlertId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertAlert(a));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
    EXPECT_EQ(got.evidence.size(), 2u);
    EXPECT_EQ(got.evidence[1].child, sibling);
    EXPECT_EQ(got.evidence[1].agency_kind, "police");
    EXPECT_EQ(got.household, home);
    EXPECT_FALSE(got.child.valid());
    EXPECT_EQ(got.team_manager_from, 200);
    ASSIGN_OR_RETURN(auto of_subject, tx.AlertsOfSubject(a.rule_id, a.subject_key));
    EXPECT_EQ(of_subject.size(), 1u);
    ASSIGN_OR_RETURN(auto about_sibling, tx.AlertsAboutChild(sibling));
    EXPECT_EQ(about_sibling.size(), 1u);
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    EXPECT_EQ(open.size(), 1u);
    ASSIGN_OR_RETURN(auto children, tx.ChildrenWithEvents());
    EXPECT_EQ(children.size(), 2u);
    return Status::Ok();
  }).ok());

  // Acknowledged with one event of evidence left: both the row and the evidence change.
  a.id = id;
  a.status = AlertStatus::kAcknowledged;
  a.acknowledged_action = "Referred to MARAC";
  a.acknowledged_at = 150;
  a.evidence.pop_back();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
    EXPECT_EQ(got.status, AlertStatus::kAcknowledged);
    EXPECT_EQ(got.acknowledged_action, "Referred to MARAC");
    EXPECT_EQ(got.evidence.size(), 1u);
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    EXPECT_TRUE(open.empty());
    ASSIGN_OR_RETURN(auto about_sibling, tx.AlertsAboutChild(sibling));
    EXPECT_TRUE(about_sibling.empty());
    EXPECT_EQ(tx.GetAlert(AlertId(9999)).status().code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());

  // Evidence that grows at its end, then changes in its middle, reads back exactly.
  auto evidence_of = [&]() {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // (event, child)
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto got, tx.GetAlert(id));
      for (const auto& e : got.evidence) out.emplace_back(e.event.value, e.child.value);
      return Status::Ok();
    }).ok());
    return out;
  };
  a.evidence = {{events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[1], sibling, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")},
                {events[0], f.child, f.agency, "police", "police_incident", *Date::Parse("2024-03-01")}};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  using Pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(evidence_of(), (Pairs{{events[0].value, f.child.value}, {events[1].value, sibling.value},
                                  {events[0].value, f.child.value}}));
  a.evidence[1] = a.evidence[0];
  a.evidence.pop_back();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.UpdateAlert(a); }).ok());
  EXPECT_EQ(evidence_of(), (Pairs{{events[0].value, f.child.value}, {events[0].value, f.child.value}}));
}

TEST_P(StoreContractTest, InvolvementsEnd) {
  Fixture f = Seed();
  InvolvementId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Involvement i;
    i.child = f.child;
    i.team = f.team;
    i.practitioner = f.practitioner;
    i.service = "Child protection plan";
    i.started_on = *Date::Parse("2024-05-20");
    ASSIGN_OR_RETURN(id, tx.InsertInvolvement(i));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(id, *Date::Parse("2024-05-19")); }).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(InvolvementId(999), *Date::Parse("2024-06-01")); }).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.EndInvolvement(id, *Date::Parse("2024-11-20")); }).ok());
  std::vector<Involvement> involvements;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(involvements, tx.InvolvementsOf(f.child));
    return Status::Ok();
  }).ok());
  bool ended = false;
  for (const auto& i : involvements) ended |= i.id == id && i.ended_on == Date::Parse("2024-11-20").value();
  EXPECT_TRUE(ended);
}

TEST_P(StoreContractTest, PlanPeriodsEnd) {
  Fixture f = Seed();
  PlanPeriodId id;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    PlanPeriod p;
    p.child = f.child;
    p.type = PlanType::kChildInNeedPlan;
    p.start = *Date::Parse("2024-03-04");
    p.responsible_team = f.team;
    p.key_worker = f.practitioner;
    ASSIGN_OR_RETURN(id, tx.InsertPlanPeriod(p));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(id, *Date::Parse("2024-03-01")); }).field(),
            "end");
  EXPECT_EQ(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(PlanPeriodId(999), *Date::Parse("2024-06-01")); }).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.EndPlanPeriod(id, *Date::Parse("2024-09-30")); }).ok());
  std::vector<PlanPeriod> periods;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(periods, tx.PlanPeriodsOf(f.child));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].end.value_or(Date()), *Date::Parse("2024-09-30"));
  EXPECT_EQ(periods[0].type, PlanType::kChildInNeedPlan);
}

TEST_P(StoreContractTest, LinkReviewsAreDecidedOnceAndListedByStatus) {
  Fixture f = Seed();
  PersonId arriving;
  UserId reviewer;
  LinkReviewId first, second;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Avah";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(arriving, tx.InsertPerson(p));
    User u;
    u.username = "lead";
    u.display_name = "Lead";
    ASSIGN_OR_RETURN(reviewer, tx.InsertUser(u));
    LinkReview r;
    r.arriving = arriving;
    r.existing = f.child;
    r.probability = 0.8123456789;
    r.evidence_json = R"([{"field":"first_name","level":"typo","weight":2.5}])";
    r.agency = f.agency;
    r.source_reference = "P-1";
    r.created_at = 1000;
    ASSIGN_OR_RETURN(first, tx.InsertLinkReview(r));
    r.source_reference = "P-2";
    ASSIGN_OR_RETURN(second, tx.InsertLinkReview(r));
    r.existing = PersonId(9999);
    EXPECT_EQ(tx.InsertLinkReview(r).status().code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(LinkReview r, tx.GetLinkReview(first));
    EXPECT_EQ(r.arriving, arriving);
    EXPECT_EQ(r.existing, f.child);
    EXPECT_NEAR(r.probability, 0.812346, 1e-9);
    EXPECT_EQ(r.status, LinkReviewStatus::kOpen);
    EXPECT_EQ(r.source_reference, "P-1");
    r.status = LinkReviewStatus::kNotMatch;
    r.decided_by = reviewer;
    r.decided_at = 2000;
    r.reason = "different mothers";
    RETURN_IF_ERROR(tx.DecideLinkReview(r));
    r.status = LinkReviewStatus::kMatch;
    Status again = tx.DecideLinkReview(r);
    EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(tx.GetLinkReview(LinkReviewId(9999)).status().code(), StatusCode::kNotFound);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(LinkReview r, tx.GetLinkReview(first));
    EXPECT_EQ(r.status, LinkReviewStatus::kNotMatch);
    EXPECT_EQ(r.decided_by, reviewer);
    EXPECT_EQ(r.reason, "different mothers");
    ASSIGN_OR_RETURN(auto open, tx.ListLinkReviews(LinkReviewStatus::kOpen, 10, 0));
    EXPECT_EQ(open.size(), 1u);
    if (!open.empty()) {
      EXPECT_EQ(open[0].id, second);
    }
    ASSIGN_OR_RETURN(auto paged, tx.ListLinkReviews(LinkReviewStatus::kOpen, 10, 1));
    EXPECT_TRUE(paged.empty());
    ASSIGN_OR_RETURN(std::int64_t n, tx.CountLinkReviews(LinkReviewStatus::kNotMatch));
    EXPECT_EQ(n, 1);
    ASSIGN_OR_RETURN(auto of_child, tx.LinkReviewsOf(f.child));
    EXPECT_EQ(of_child.size(), 2u);
    ASSIGN_OR_RETURN(auto of_arriving, tx.LinkReviewsOf(arriving));
    EXPECT_EQ(of_arriving.size(), 2u);
    return Status::Ok();
  }).ok());
}

// A merge changes no row of either person: the survivor reads the merged person's events
// and involvements while it stands, and both read exactly as before once it is undone.
TEST_P(StoreContractTest, PersonMergeIsReadThroughAndUndoneExactly) {
  Fixture f = Seed();
  PersonId merged;
  PersonMergeId merge;
  auto event = [&](PersonId child, const char* date, const char* ref) {
    Event e;
    e.child = child;
    e.agency = f.agency;
    e.kind = "police_incident";
    e.occurred_on = *Date::Parse(date);
    e.summary = "incident";
    e.source_reference = ref;
    return e;
  };
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Avah";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(merged, tx.InsertPerson(p));
    RETURN_IF_ERROR(tx.InsertEvent(event(f.child, "2024-01-01", "S-1")).status());
    RETURN_IF_ERROR(tx.InsertEvent(event(merged, "2024-02-01", "M-1")).status());
    Involvement i;
    i.child = merged;
    i.team = f.team;
    i.service = "school nursing";
    i.role = "nurse";
    i.started_on = *Date::Parse("2023-09-01");
    return tx.InsertInvolvement(i).status();
  }).ok());
  auto counts = [&](PersonId who) {
    std::pair<size_t, size_t> out{0, 0};
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(who, std::nullopt, std::nullopt));
      ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(who));
      ASSIGN_OR_RETURN(auto details, tx.InvolvementDetailsOf(who));
      EXPECT_EQ(details.size(), involvements.size());
      ASSIGN_OR_RETURN(auto reach, tx.InvolvementReachOf(who, *Date::Parse("2024-06-01")));
      EXPECT_EQ(reach.size(), involvements.size());
      out = {events.size(), involvements.size()};
      return Status::Ok();
    }).ok());
    return out;
  };
  EXPECT_EQ(counts(f.child), std::make_pair(size_t{1}, size_t{0}));
  EXPECT_EQ(counts(merged), std::make_pair(size_t{1}, size_t{1}));
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    PersonMerge m;
    m.merged = merged;
    m.surviving = f.child;
    m.merged_at = 100;
    m.reason = "same child: reviewer confirmed";
    ASSIGN_OR_RETURN(merge, tx.InsertPersonMerge(m));
    EXPECT_EQ(tx.InsertPersonMerge(m).status().code(), StatusCode::kAlreadyExists);
    m.surviving = merged;
    EXPECT_EQ(tx.InsertPersonMerge(m).status().code(), StatusCode::kInvalidArgument);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(counts(f.child), std::make_pair(size_t{2}, size_t{1}));
  EXPECT_EQ(counts(merged), std::make_pair(size_t{1}, size_t{1}));
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto standing, tx.StandingMergeOf(merged));
    EXPECT_TRUE(standing.has_value());
    if (standing) {
      EXPECT_EQ(standing->surviving, f.child);
    }
    ASSIGN_OR_RETURN(auto into, tx.StandingMergesInto(f.child));
    EXPECT_EQ(into.size(), 1u);
    ASSIGN_OR_RETURN(auto events, tx.EventsOf(f.child, std::nullopt, std::nullopt));
    // Each event keeps the person it was recorded against.
    if (events.size() == 2) {
      EXPECT_EQ(events[1].child, merged);
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(PersonMerge m, tx.GetPersonMerge(merge));
    m.undone_at = 200;
    m.undo_reason = "different NHS numbers found";
    RETURN_IF_ERROR(tx.UndoPersonMerge(m));
    EXPECT_EQ(tx.UndoPersonMerge(m).code(), StatusCode::kFailedPrecondition);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(counts(f.child), std::make_pair(size_t{1}, size_t{0}));
  EXPECT_EQ(counts(merged), std::make_pair(size_t{1}, size_t{1}));
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto standing, tx.StandingMergeOf(merged));
    EXPECT_FALSE(standing.has_value());
    ASSIGN_OR_RETURN(PersonMerge m, tx.GetPersonMerge(merge));
    EXPECT_EQ(m.undone_at, 200);
    EXPECT_EQ(m.undo_reason, "different NHS numbers found");
    return Status::Ok();
  }).ok());
  // Merged again after the undo: a new merge, the old one kept as history.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    PersonMerge m;
    m.merged = merged;
    m.surviving = f.child;
    m.merged_at = 300;
    m.reason = "confirmed after all";
    return tx.InsertPersonMerge(m).status();
  }).ok());
  EXPECT_EQ(counts(f.child), std::make_pair(size_t{2}, size_t{1}));
}

template <typename T>
T Or(Result<T> r, T fallback) {
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : fallback;
}

// Merges chain: Y merged into Z, then Z into W, reads Y and Z as W (every read that includes
// merged records); a merge that would close a cycle is refused naming both people; undoing
// the middle merge undoes exactly that one, leaving Y with Z.
TEST_P(StoreContractTest, PersonMergesChainRefuseCyclesAndUndoOneAtATime) {
  Fixture f = Seed();
  PersonId y, z, w;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    int n = 0;
    for (PersonId* who : {&y, &z, &w}) {
      Person p;
      p.first_name = "Kit";
      p.surname = "Marlow";
      p.date_of_birth = *Date::Parse("2016-04-0" + std::to_string(++n));
      ASSIGN_OR_RETURN(*who, tx.InsertPerson(p));
      Event e;
      e.child = *who;
      e.agency = f.agency;
      e.kind = "police_incident";
      e.occurred_on = *Date::Parse("2024-03-0" + std::to_string(n));
      e.summary = "incident";
      e.source_reference = "CH-" + std::to_string(n);
      RETURN_IF_ERROR(tx.InsertEvent(e).status());
    }
    return Status::Ok();
  }).ok());
  auto merge = [&](PersonId merged, PersonId surviving, UnixSeconds at) {
    Result<PersonMergeId> out = Internal("not run");
    (void)store_->Write([&](Transaction& tx) -> Status {
      PersonMerge m;
      m.merged = merged;
      m.surviving = surviving;
      m.merged_at = at;
      m.reason = "reviewer: same child";
      out = tx.InsertPersonMerge(m);
      return out.status();
    });
    return out;
  };
  auto refs = [&](PersonId who) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(who, std::nullopt, std::nullopt));
      for (const auto& e : events) out.push_back(e.source_reference);
      return Status::Ok();
    }).ok());
    return out;
  };
  auto read = [&](auto fn) { EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status { return fn(tx); }).ok()); };
  using Refs = std::vector<std::string>;

  auto yz = merge(y, z, 100);
  ASSERT_TRUE(yz.ok()) << yz.status().message();
  // Z has absorbed Y and may itself be merged into W.
  auto zw = merge(z, w, 200);
  ASSERT_TRUE(zw.ok()) << zw.status().message();
  EXPECT_EQ(refs(w), (Refs{"CH-1", "CH-2", "CH-3"}));
  EXPECT_EQ(refs(z), (Refs{"CH-1", "CH-2"}));
  EXPECT_EQ(refs(y), (Refs{"CH-1"}));
  read([&](Transaction& tx) -> Status {
    EXPECT_EQ(Or(tx.SurvivorOf(y), PersonId()), w);
    EXPECT_EQ(Or(tx.SurvivorOf(w), PersonId()), w);
    EXPECT_EQ(Or(tx.AbsorbedInto(w), std::vector<PersonId>{}), (std::vector<PersonId>{y, z}));
    EXPECT_EQ(Or(tx.AbsorbedInto(y), std::vector<PersonId>{z}), std::vector<PersonId>{});
    ASSIGN_OR_RETURN(auto of_z, tx.MergesOf(z));
    EXPECT_EQ(of_z.size(), 2u);
    return Status::Ok();
  });

  // W into Y would make W read as itself through Y: a cycle, refused naming both.
  auto cycle = merge(w, y, 300);
  EXPECT_EQ(cycle.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(cycle.status().message().find("person " + y.ToString() + " is already merged into person " + w.ToString()),
            std::string::npos) << cycle.status().message();
  EXPECT_EQ(merge(w, w, 300).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(merge(y, w, 300).status().code(), StatusCode::kAlreadyExists);

  // Undoing Z -> W (the middle of the chain) leaves Y merged into Z.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(PersonMerge m, tx.GetPersonMerge(*zw));
    m.undone_at = 400;
    m.undo_reason = "two children after all";
    return tx.UndoPersonMerge(m);
  }).ok());
  EXPECT_EQ(refs(w), (Refs{"CH-3"}));
  EXPECT_EQ(refs(z), (Refs{"CH-1", "CH-2"}));
  read([&](Transaction& tx) -> Status {
    EXPECT_EQ(Or(tx.SurvivorOf(y), PersonId()), z);
    EXPECT_EQ(Or(tx.AbsorbedInto(w), std::vector<PersonId>{y}), std::vector<PersonId>{});
    ASSIGN_OR_RETURN(auto of_w, tx.MergesOf(w));
    EXPECT_EQ(of_w.size(), 1u);
    if (!of_w.empty()) {
      EXPECT_EQ(of_w[0].undone_at, 400);
    }
    return Status::Ok();
  });
  // Now W may be merged into Y: no cycle any more.
  EXPECT_TRUE(merge(w, y, 500).ok());
  EXPECT_EQ(refs(z), (Refs{"CH-1", "CH-2", "CH-3"}));
}

// While a merge stands, every read a user expects to be of one child covers the merged
// person's rows too (through a chain as well): household, family, what was shared, plan
// periods (signposting), MASH contacts. Undone, each reads only its own again.
TEST_P(StoreContractTest, MergedPersonsRowsAreReadAsTheSurvivors) {
  Fixture f = Seed();
  PersonId middle, merged;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    for (PersonId* who : {&middle, &merged}) {
      Person p;
      p.first_name = "Avah";
      p.surname = "Reid";
      ASSIGN_OR_RETURN(*who, tx.InsertPerson(p));
    }
    Person mum;
    mum.kind = PersonKind::kAdult;
    mum.first_name = "Lena";
    mum.surname = "Reid";
    ASSIGN_OR_RETURN(auto mum_id, tx.InsertPerson(mum));
    ASSIGN_OR_RETURN(auto h, tx.InsertHousehold({HouseholdId(), "1 High St", "AB1 2CD"}));
    RETURN_IF_ERROR(tx.AddMember({h, merged, *Date::Parse("2015-02-03"), std::nullopt}));
    RETURN_IF_ERROR(tx.AddRelationship({mum_id, merged, RelationshipKind::kParent, *Date::Parse("2015-02-03"), std::nullopt}));
    SharingDecision d;
    d.child = merged;
    d.from_agency = f.agency;
    d.to_agency = f.agency;
    d.decided_by = f.practitioner;
    d.decided_at = 100;
    d.information = "incident log";
    d.purpose = "strategy discussion";
    d.basis = SharingBasis::kSignificantHarm;
    RETURN_IF_ERROR(tx.InsertSharingDecision(d).status());
    PlanPeriod plan;
    plan.child = merged;
    plan.type = PlanType::kChildInNeedPlan;
    plan.start = *Date::Parse("2024-03-04");
    plan.responsible_team = f.team;
    plan.key_worker = f.practitioner;
    RETURN_IF_ERROR(tx.InsertPlanPeriod(plan).status());
    MashContact c;
    c.child = merged;
    c.source = "school";
    c.summary = "summary";
    c.received_at = 100;
    RETURN_IF_ERROR(tx.InsertContact(c).status());
    // merged -> middle -> the fixture's child: a chain.
    PersonMerge m;
    m.merged_at = 100;
    m.reason = "same child";
    m.merged = merged;
    m.surviving = middle;
    RETURN_IF_ERROR(tx.InsertPersonMerge(m).status());
    m.merged = middle;
    m.surviving = f.child;
    return tx.InsertPersonMerge(m).status();
  }).ok());
  auto counts = [&](PersonId who) {
    std::vector<size_t> out;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto members, tx.MembershipsOf(who));
      ASSIGN_OR_RETURN(auto relationships, tx.RelationshipsOf(who));
      ASSIGN_OR_RETURN(auto shared, tx.SharingDecisionsOf(who));
      ASSIGN_OR_RETURN(auto plans, tx.PlanPeriodsOf(who));
      ASSIGN_OR_RETURN(auto contacts, tx.ContactsOfChild(who));
      out = {members.size(), relationships.size(), shared.size(), plans.size(), contacts.size()};
      return Status::Ok();
    }).ok());
    return out;
  };
  const std::vector<size_t> all{1, 1, 1, 1, 1}, none{0, 0, 0, 0, 0};
  EXPECT_EQ(counts(f.child), all);
  EXPECT_EQ(counts(middle), all);
  EXPECT_EQ(counts(merged), all);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto standing, tx.StandingMergeOf(middle));
    if (!standing) return Internal("no standing merge of the middle person");
    standing->undone_at = 200;
    standing->undo_reason = "two children";
    return tx.UndoPersonMerge(*standing);
  }).ok());
  EXPECT_EQ(counts(f.child), none);
  EXPECT_EQ(counts(middle), all);
}

INSTANTIATE_TEST_SUITE_P(
    Stores, StoreContractTest,
    ::testing::Values(StoreFactory{"memory", [](const std::string&) { return NewMemoryStore(); }},
                      StoreFactory{"sqlite",
                                   [](const std::string& path) -> std::unique_ptr<Store> {
                                     auto s = sqlite::SqliteStore::Open(path);
                                     return s.ok() ? std::move(s).value() : nullptr;
                                   }}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace safehub::store
