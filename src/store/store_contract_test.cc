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
    back.failed_logins = 3;
    RETURN_IF_ERROR(tx.UpdateUser(back));
    RETURN_IF_ERROR(tx.TouchSession("hash1", 50));
    ASSIGN_OR_RETURN(Session s, tx.GetSession("hash1"));
    EXPECT_EQ(s.last_seen_at, 50);
    RETURN_IF_ERROR(tx.DeleteSessionsOf(id));
    EXPECT_EQ(tx.GetSession("hash1").status().code(), StatusCode::kNotFound);
    ASSIGN_OR_RETURN(User again, tx.GetUser(id));
    EXPECT_EQ(again.failed_logins, 3);
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
