// A tiny organisation for app tests: two agencies, three teams, practitioners, one child
// with a police involvement, and users of every role. Memory store, fake clock.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/auth_service.h"
#include "app/child_records.h"
#include "app/organisations.h"
#include "common/clock.h"
#include "domain/workflow/steps.h"
#include "security/crypto.h"
#include "store/store.h"

namespace safehub::app::testing {

inline constexpr UnixSeconds kStart = 1717236000;  // 2024-06-01T10:00:00Z
inline constexpr const char* kPassword = "Safeguarding-2024";

// The statutory path to a child protection plan in May 2024 (referral on the 1st, strategy
// discussion, a quorate ICPC and the plan on the 20th) with `key_worker`, for casework tests.
inline std::vector<domain::Step> PathToPlan(PractitionerId key_worker) {
  using namespace domain;
  const auto d = [](const char* iso) { return *Date::Parse(iso); };
  HoldInitialConference icpc;
  icpc.held_on = d("2024-05-20");
  for (AgencyRole role : {AgencyRole::kSocialCare, AgencyRole::kPolice, AgencyRole::kSchool}) {
    icpc.record.participants.push_back({AgencyId(), role, PractitionerId(), std::nullopt, Attendance::kPresent, ""});
  }
  return {ReceiveReferral{d("2024-05-01"), "5A", "N1", ReferralKind::kStandard, {}, ""},
          DecideOnReferral{{}, d("2024-05-02"), ReferralDecision::kStrategyDiscussion, ""},
          HoldStrategyDiscussion{{}, d("2024-05-03"), StrategyDecision::kSection47Enquiry, ""}, icpc,
          StartChildProtectionPlan{{}, d("2024-05-20"), AbuseCategory::kNeglect, key_worker}};
}

// The children of a store with a birth date (those of a generated area), in name order.
inline std::vector<domain::Person> ChildrenWithBirthDates(store::Store& store) {
  std::vector<domain::Person> children;
  const Status read = store.Read([&](store::Transaction& tx) -> Status {
    store::PersonQuery q;
    q.limit = 100000;
    ASSIGN_OR_RETURN(auto people, tx.FindPeople(q));
    for (auto& p : people) {
      if (p.kind == domain::PersonKind::kChild && p.date_of_birth) children.push_back(std::move(p));
    }
    return Status::Ok();
  });
  if (!read.ok()) throw std::runtime_error("reading the children failed: " + read.message());
  return children;
}

struct TestArea {
  std::unique_ptr<store::Store> store = store::NewMemoryStore();
  FakeClock clock{kStart};
  AuthService auth{*store, clock, [] {
                     AuthSettings s;
                     s.hash_strength = security::HashStrength::kFastForTestsOnly;
                     return s;
                   }()};
  ChildRecords records{*store, clock};
  Organisations organisations{*store, clock};

  AgencyId police, council;
  TeamId public_protection, police_response, assessment_team;
  PractitionerId officer, colleague, other_team_officer, social_worker;
  PersonId child;

  TestArea() {
    (void)security::Initialise();
    police = *organisations.CreateAgency(nullptr, {AgencyId(), "Northshire Police", domain::AgencyKind::kPolice, "NP"});
    council = *organisations.CreateAgency(nullptr, {AgencyId(), "Northshire Council", domain::AgencyKind::kSocialCare, "891"});
    public_protection = *organisations.CreateTeam(nullptr, {TeamId(), police, "Public Protection", "0100 000 0001", "0100 000 0999"});
    police_response = *organisations.CreateTeam(nullptr, {TeamId(), police, "Response", "0100 000 0002", ""});
    assessment_team = *organisations.CreateTeam(nullptr, {TeamId(), council, "Assessment", "0100 000 0003", ""});
    officer = *organisations.CreatePractitioner(nullptr, {PractitionerId(), public_protection, "DC Jo Reyes", "", "", ""});
    colleague = *organisations.CreatePractitioner(nullptr, {PractitionerId(), public_protection, "DS Ali Khan", "", "", ""});
    other_team_officer = *organisations.CreatePractitioner(nullptr, {PractitionerId(), police_response, "PC Bo Li", "", "", ""});
    social_worker = *organisations.CreatePractitioner(nullptr, {PractitionerId(), assessment_team, "Sam Patel", "", "", ""});
    AddUser("jo", domain::Role::kPractitioner, domain::Scope::kOwn, officer);
    AddUser("ali", domain::Role::kManager, domain::Scope::kTeam, colleague);
    AddUser("bo", domain::Role::kPractitioner, domain::Scope::kOwn, other_team_officer);
    AddUser("lead", domain::Role::kSafeguardingLead, domain::Scope::kAgency, other_team_officer);
    AddUser("sam", domain::Role::kPractitioner, domain::Scope::kOwn, social_worker);
    AddUser("admin", domain::Role::kAdministrator, domain::Scope::kAll, PractitionerId());
    AddUser("auditor", domain::Role::kAuditor, domain::Scope::kAll, PractitionerId());
    domain::Person p;
    p.first_name = "Ava";
    p.surname = "Reid";
    p.sex = domain::Sex::kFemale;
    p.date_of_birth = *Date::Parse("2015-02-03");
    child = *records.CreateChild(Login("jo"), p, "child protection investigation");
  }

  void AddUser(const char* username, domain::Role role, domain::Scope scope, PractitionerId practitioner) {
    NewUser u{username, username, kPassword, role, scope, practitioner};
    auto id = auth.CreateUser(nullptr, u);
    if (!id.ok()) throw std::runtime_error(id.status().message());
  }

  AuthContext Login(const char* username) {
    auto result = auth.Login({username, kPassword, ""});
    if (!result.ok()) throw std::runtime_error(result.status().message());
    return *auth.Authenticate(result->session_token);
  }

  // A second record of the area's child (another agency's "Ava Reid", same birth date,
  // its own NHS number), merged into the child as a reviewer's "match" would.
  PersonId MergedSecondRecord(const char* nhs_number) {
    PersonId second;
    Status s = store->Write([&](store::Transaction& tx) -> Status {
      domain::Person p;
      p.first_name = "Ava";
      p.surname = "Reid";
      p.date_of_birth = *Date::Parse("2015-02-03");
      p.nhs_number = nhs_number;
      ASSIGN_OR_RETURN(second, tx.InsertPerson(p));
      store::PersonMerge m;
      m.merged = second;
      m.surviving = child;
      m.merged_at = clock.Now();
      m.reason = "same child";
      return tx.InsertPersonMerge(m).status();
    });
    if (!s.ok()) throw std::runtime_error(s.message());
    return second;
  }

  std::vector<domain::AuditEntry> AuditOf(PersonId person) {
    std::vector<domain::AuditEntry> out;
    (void)store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.AuditOfChild(person, 100));
      return Status::Ok();
    });
    return out;
  }
};

}  // namespace safehub::app::testing
