// Store contract: the review queue and person merges (chains, undo, merged reads).
#include "store/store_contract_test.h"

namespace safehub::store::contract {
namespace {

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
    return PoliceIncident(child, f.agency, date, ref);
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
      const std::string occurred_on = "2024-03-0" + std::to_string(n);
      RETURN_IF_ERROR(tx.InsertEvent(PoliceIncident(*who, f.agency, occurred_on.c_str(), "CH-" + std::to_string(n))).status());
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

}  // namespace
}  // namespace safehub::store::contract

namespace safehub::store::contract {
namespace {

// The identity generation moves with every change to who is who (a person added or changed,
// a merge made or undone), only then, and not for a unit that rolled back: a feed trusts
// lookups read ahead of its unit of work only while it has not moved.
TEST_P(StoreContractTest, TheIdentityGenerationMovesWithEveryChangeToPeopleOrMerges) {
  Fixture f = Seed();
  GenerationWatch generation(*store_, &Transaction::IdentityGeneration);
  // Events, involvements and the audit leave it.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    return tx.InsertEvent(PoliceIncident(f.child, f.agency, "2024-01-01", "G-1")).status();
  }).ok());
  EXPECT_FALSE(generation.Moved());
  PersonId other;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Avah";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(other, tx.InsertPerson(p));
    // Inside the unit it has moved already (a unit sees its own writes).
    ASSIGN_OR_RETURN(std::int64_t inside, tx.IdentityGeneration());
    EXPECT_GT(inside, generation.last());
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(generation.Moved());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person p, tx.GetPerson(other));
    p.nhs_number = "9434765919";
    return tx.UpdatePerson(p);
  }).ok());
  EXPECT_TRUE(generation.Moved());
  PersonMergeId merge;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    PersonMerge m;
    m.merged = other;
    m.surviving = f.child;
    m.merged_at = 100;
    m.reason = "same child";
    ASSIGN_OR_RETURN(merge, tx.InsertPersonMerge(m));
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(generation.Moved());
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(PersonMerge m, tx.GetPersonMerge(merge));
    m.undone_at = 200;
    m.undo_reason = "different children after all";
    return tx.UndoPersonMerge(m);
  }).ok());
  EXPECT_TRUE(generation.Moved());
  // A unit that rolls back takes its change with it.
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Gone";
    p.surname = "Reid";
    RETURN_IF_ERROR(tx.InsertPerson(p).status());
    return Status(StatusCode::kInvalidArgument, "refused after all");
  }).ok());
  EXPECT_FALSE(generation.Moved());
}

}  // namespace
}  // namespace safehub::store::contract
