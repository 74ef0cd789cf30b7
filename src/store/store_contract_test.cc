// Store contract: people, events, involvements, households, users and sessions, sharing,
// MASH, audit (units of work: store_contract_units_test.cc). The suite runs every
// store_contract*_test.cc on both stores.
#include "store/store_contract_test.h"

namespace safehub::store::contract {
namespace {

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

TEST_P(StoreContractTest, ReadsSeveralPeopleInTheOrderAskedEachOnce) {
  Fixture f = Seed();
  PersonId brother;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Leo";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2017-06-01");
    ASSIGN_OR_RETURN(brother, tx.InsertPerson(p));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto people, tx.GetPeople({brother, f.child, brother}));
    EXPECT_EQ(people.size(), 2u);
    if (people.size() == 2) {
      EXPECT_EQ(people[0].first_name, "Leo");
      EXPECT_EQ(people[1].first_name, "Ava");
      EXPECT_EQ(people[1].nhs_number, "9434765919");
    }
    ASSIGN_OR_RETURN(auto none, tx.GetPeople({}));
    EXPECT_TRUE(none.empty());
    auto missing = tx.GetPeople({f.child, PersonId(9999)});
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    EXPECT_NE(missing.status().message().find("9999"), std::string::npos);
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

// The child index asks for the whole surname and first name in any case with a birth date,
// only counting the matches (any order).
TEST_P(StoreContractTest, FindsPeopleByWholeNamesInAnyCaseAndAnyOrder) {
  Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    for (const char* first : {"Zoe", "Amy", "Avan"}) {
      Person twin;
      twin.first_name = first;
      twin.surname = "Reid";
      twin.date_of_birth = *Date::Parse("2015-02-03");
      RETURN_IF_ERROR(tx.InsertPerson(twin).status());
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    PersonQuery q;
    q.surname_equals = "REID";
    q.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(auto same_birthday, tx.FindPeople(q));
    EXPECT_EQ(same_birthday.size(), 4u);
    q.first_name_equals = "zoe";
    q.any_order = true;
    ASSIGN_OR_RETURN(auto zoe, tx.FindPeople(q));
    EXPECT_EQ(zoe.size(), 1u);
    EXPECT_EQ(zoe.empty() ? std::string() : zoe[0].first_name, "Zoe");
    q.first_name_equals = "Ava";  // whole names only: not Avan
    ASSIGN_OR_RETURN(auto ava, tx.FindPeople(q));
    EXPECT_EQ(ava.size(), 1u);
    EXPECT_EQ(ava.empty() ? std::string() : ava[0].first_name, "Ava");
    q.first_name_equals = "Av";
    ASSIGN_OR_RETURN(auto none, tx.FindPeople(q));
    EXPECT_TRUE(none.empty());
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

TEST_P(StoreContractTest, EventsAreOrderedAndIdempotentBySourceReference) {
  Fixture f = Seed();
  auto event = [&](const char* date, const char* ref) {
    Event e = PoliceIncident(f.child, f.agency, date, ref);
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
    return PoliceIncident(child, agency, "2024-03-01", ref);
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

// A team's name and phones change in place (signposting gives the phones out); its agency
// does not; an unknown team is kNotFound and nothing changes.
TEST_P(StoreContractTest, ATeamsNameAndPhonesChangeInPlace) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) {
    return tx.UpdateTeam({f.team, AgencyId(999), "Public Protection Unit", "0101", "0998"});
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto team, tx.GetTeam(f.team));
    EXPECT_EQ(team.name, "Public Protection Unit");
    EXPECT_EQ(team.office_phone, "0101");
    EXPECT_EQ(team.out_of_hours_phone, "0998");
    EXPECT_EQ(team.agency, f.agency) << "a team does not move agency";
    return Status::Ok();
  }).ok());
  Status missing = store_->Write([&](Transaction& tx) { return tx.UpdateTeam({TeamId(4242), f.agency, "Nobody", "", ""}); });
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
}

// An agency is renamed or given a new code in place; its kind is what rules and access were
// decided on, so it stays. An unknown agency is kNotFound.
TEST_P(StoreContractTest, AnAgencysNameAndCodeChangeButNotItsKind) {
  Fixture f = Seed();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) {
    return tx.UpdateAgency({f.agency, "Northshire Constabulary", AgencyKind::kHealth, "NC"});
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto agency, tx.GetAgency(f.agency));
    EXPECT_EQ(agency.name, "Northshire Constabulary");
    EXPECT_EQ(agency.code, "NC");
    EXPECT_EQ(agency.kind, AgencyKind::kPolice) << "an agency does not change kind";
    return Status::Ok();
  }).ok());
  Status missing = store_->Write([&](Transaction& tx) { return tx.UpdateAgency({AgencyId(4242), "Nobody", AgencyKind::kOther, ""}); });
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
}

// A practitioner moves team and changes name, title and contacts in place; the old team lists
// them no more. An unknown practitioner or team is kNotFound, naming which, and changes nothing.
TEST_P(StoreContractTest, APractitionerMovesTeamAndChangesContactsInPlace) {
  Fixture f = Seed();
  TeamId cid;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(cid, tx.InsertTeam({TeamId(), f.agency, "Child Abuse Investigation", "0200", ""}));
    return tx.UpdatePractitioner({f.practitioner, cid, "DS Jo Reyes", "Detective Sergeant", "jo.reyes@police.example", "0201"});
  }).ok());
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPractitioner(f.practitioner));
    EXPECT_EQ(p.team, cid);
    EXPECT_EQ(p.name, "DS Jo Reyes");
    EXPECT_EQ(p.job_title, "Detective Sergeant");
    EXPECT_EQ(p.email, "jo.reyes@police.example");
    EXPECT_EQ(p.phone, "0201");
    ASSIGN_OR_RETURN(auto left, tx.ListPractitioners(f.team));
    EXPECT_TRUE(left.empty()) << "the old team no longer lists them";
    ASSIGN_OR_RETURN(auto joined, tx.ListPractitioners(cid));
    EXPECT_EQ(joined.size(), 1u);
    return Status::Ok();
  }).ok());
  Status no_team = store_->Write([&](Transaction& tx) {
    return tx.UpdatePractitioner({f.practitioner, TeamId(4242), "DS Jo Reyes", "", "", ""});
  });
  EXPECT_EQ(no_team.code(), StatusCode::kNotFound);
  EXPECT_NE(no_team.message().find("team 4242"), std::string::npos) << no_team.message();
  Status no_one = store_->Write([&](Transaction& tx) {
    return tx.UpdatePractitioner({PractitionerId(4242), cid, "Nobody", "", "", ""});
  });
  EXPECT_EQ(no_one.code(), StatusCode::kNotFound);
  EXPECT_NE(no_one.message().find("practitioner 4242"), std::string::npos) << no_one.message();
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto p, tx.GetPractitioner(f.practitioner));
    EXPECT_EQ(p.team, cid) << "a refused change changes nothing";
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
    back.temporary_password_expires_at = 1234567;
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
    EXPECT_EQ(again.temporary_password_expires_at, 1234567);
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
}  // namespace safehub::store::contract
