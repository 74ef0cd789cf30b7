// Store contract: the child record generation, which audited reads trust to keep what they
// read of a child (app/child_record_cache.h). Every kind of change a child's record shows
// must move it; a miss here would show a practitioner a stale record or apply a stale
// access rule.
#include "store/store_contract_test.h"

namespace safehub::store::contract {
namespace {

TEST_P(StoreContractTest, TheChildRecordGenerationMovesWithEveryChangeARecordShows) {
  Fixture f = Seed();
  GenerationWatch generation(*store_, &Transaction::ChildRecordGeneration);
  auto write = [&](const std::function<Status(Transaction&)>& unit) {
    const Status s = store_->Write(unit);
    EXPECT_TRUE(s.ok()) << s.message();
  };

  // A new person, team or practitioner, an event, casework and the audit leave it: no
  // record shows them until something that does move it refers to them.
  PersonId mother;
  TeamId team;
  PractitionerId practitioner;
  write([&](Transaction& tx) -> Status {
    Person p;
    p.kind = PersonKind::kAdult;
    p.first_name = "Mia";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("1990-04-05");
    ASSIGN_OR_RETURN(mother, tx.InsertPerson(p));
    ASSIGN_OR_RETURN(team, tx.InsertTeam({TeamId(), f.agency, "Neighbourhood", "0200", "0999"}));
    ASSIGN_OR_RETURN(practitioner, tx.InsertPractitioner({PractitionerId(), team, "PC Sam Lee", "", "", ""}));
    RETURN_IF_ERROR(tx.InsertEvent(PoliceIncident(f.child, f.agency, "2024-01-01", "R-1")).status());
    domain::AuditEntry a;
    a.action = "read_child";
    return tx.AppendAudit(a);
  });
  EXPECT_FALSE(generation.Moved());

  InvolvementId involvement;
  write([&](Transaction& tx) -> Status {
    Involvement i;
    i.child = f.child;
    i.team = f.team;
    i.practitioner = f.practitioner;
    i.service = "child protection";
    i.started_on = *Date::Parse("2024-01-02");
    ASSIGN_OR_RETURN(involvement, tx.InsertInvolvement(i));
    return Status::Ok();
  });
  EXPECT_TRUE(generation.Moved()) << "involvement added";
  write([&](Transaction& tx) { return tx.EndInvolvement(involvement, *Date::Parse("2024-02-01")); });
  EXPECT_TRUE(generation.Moved()) << "involvement ended";

  HouseholdId household;
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(household, tx.InsertHousehold({HouseholdId(), "1 High Street", "AB1 2CD"}));
    return Status::Ok();
  });
  EXPECT_TRUE(generation.Moved()) << "household added";
  write([&](Transaction& tx) {
    return tx.AddMember({household, mother, *Date::Parse("2020-01-01"), std::nullopt});
  });
  EXPECT_TRUE(generation.Moved()) << "member added";
  write([&](Transaction& tx) {
    return tx.AddRelationship({mother, f.child, domain::RelationshipKind::kParent, *Date::Parse("2015-02-03"),
                               std::nullopt});
  });
  EXPECT_TRUE(generation.Moved()) << "relationship added";

  // A relation's details show on the child's record.
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person p, tx.GetPerson(mother));
    p.surname = "Reid-Lee";
    return tx.UpdatePerson(p);
  });
  EXPECT_TRUE(generation.Moved()) << "person changed";
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Agency a, tx.GetAgency(f.agency));
    a.name = "Northshire Constabulary";
    return tx.UpdateAgency(a);
  });
  EXPECT_TRUE(generation.Moved()) << "agency renamed";
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Team t, tx.GetTeam(f.team));
    t.office_phone = "0101";
    return tx.UpdateTeam(t);
  });
  EXPECT_TRUE(generation.Moved()) << "team's phone changed";
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Practitioner p, tx.GetPractitioner(f.practitioner));
    p.team = team;  // the access rule follows the practitioner's team
    return tx.UpdatePractitioner(p);
  });
  EXPECT_TRUE(generation.Moved()) << "practitioner moved team";

  PersonId duplicate;
  write([&](Transaction& tx) -> Status {
    Person p;
    p.first_name = "Avah";
    p.surname = "Reid";
    p.date_of_birth = *Date::Parse("2015-02-03");
    ASSIGN_OR_RETURN(duplicate, tx.InsertPerson(p));
    return Status::Ok();
  });
  EXPECT_FALSE(generation.Moved()) << "a new person is on nobody's record yet";
  PersonMergeId merge;
  write([&](Transaction& tx) -> Status {
    PersonMerge m;
    m.merged = duplicate;
    m.surviving = f.child;
    m.merged_at = 100;
    m.reason = "same child";
    ASSIGN_OR_RETURN(merge, tx.InsertPersonMerge(m));
    return Status::Ok();
  });
  EXPECT_TRUE(generation.Moved()) << "merge made";
  write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(PersonMerge m, tx.GetPersonMerge(merge));
    m.undone_at = 200;
    m.undo_reason = "different children after all";
    return tx.UndoPersonMerge(m);
  });
  EXPECT_TRUE(generation.Moved()) << "merge undone";

  // A unit that rolls back takes its move with it.
  EXPECT_FALSE(store_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.AddRelationship({mother, duplicate, domain::RelationshipKind::kParent,
                                        *Date::Parse("2015-02-03"), std::nullopt}));
    return Status(StatusCode::kInvalidArgument, "refused after all");
  }).ok());
  EXPECT_FALSE(generation.Moved());
}

}  // namespace
}  // namespace safehub::store::contract
