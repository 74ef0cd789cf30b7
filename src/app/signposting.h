// Signposting for practitioners (CP-IS, done right): who is working with a vulnerable child
// and how to reach the responsible team, without any of the case. Every lookup states a
// reason, is audited, and notifies the child's key worker, who can see the last 25
// lookups. Children who are not vulnerable, and shielded children searched on hidden
// fields, give no answer at all. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "domain/signposting.h"
#include "store/store.h"

namespace safehub::app {

struct SignpostingQuery {
  std::string nhs_number;
  std::string upn;
  std::string name;  // with date_of_birth
  std::optional<Date> date_of_birth;
};

struct SignpostedService {
  std::string agency_name;
  std::string team_name;
  std::string service;  // "a sensitive service is involved" when it is one
  std::string contact_phone;
};

struct SignpostingAnswer {
  PersonId child;
  std::string name;
  std::optional<Date> date_of_birth;
  domain::PlanType plan_type = domain::PlanType::kChildProtectionPlan;
  Date plan_start;
  std::optional<Date> plan_end;
  std::string responsible_team;
  std::string responsible_agency;
  std::string office_phone;
  std::string out_of_hours_phone;
  bool shielded = false;                    // services withheld; contact the responsible team
  std::vector<SignpostedService> involved;  // agencies and services, nothing of the case
};

class Signposting {
 public:
  static constexpr int kAccessesShown = 25;

  Signposting(store::Store& store, const Clock& clock) : store_(store), clock_(clock), audit_(clock) {}

  // A practitioner of a children's social care agency records a plan period (the LA's CP,
  // CIN and looked-after lists, as CP-IS receives them; the workflow will feed it too).
  Result<domain::PlanPeriodId> RecordPlanPeriod(const AuthContext& caller, const domain::PlanPeriod& period);
  // kInvalidArgument without a reason or without enough to identify a child (an NHS
  // number, a UPN, or a name with a date of birth); kPermissionDenied for roles that do not
  // work with children.
  Result<std::vector<SignpostingAnswer>> Lookup(const AuthContext& caller, const SignpostingQuery& query,
                                                const std::string& reason);
  // The last lookups of a child, for its key worker, the responsible team, or an auditor.
  Result<std::vector<domain::SignpostingNotification>> AccessesOf(const AuthContext& caller, PersonId child);
  // The caller's own notices as a key worker, newest first.
  Result<std::vector<domain::SignpostingNotification>> MyNotifications(const AuthContext& caller);

 private:
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
};

}  // namespace safehub::app
