// Chronologies as a use case: a child's, or a household's (every member the caller may
// open), generated from the events of every agency and the child's casework, filtered by
// agency and significance. Every person whose entries are returned is audited, and the same
// access rule as the child's record applies (a shielded child's chronology only to those
// working with them). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "common/clock.h"
#include "domain/workflow/chronology.h"
#include "store/store.h"

namespace safehub::app {

struct ChronologyView {
  std::vector<domain::ChronologyEntry> entries;
  std::vector<PersonId> people;  // whose entries are included
  int withheld = 0;              // household members the caller may not open (count only)
};

class Chronologies {
 public:
  Chronologies(store::Store& store, const Clock& clock) : store_(store), clock_(clock), audit_(clock) {}

  // kNotFound, kPermissionDenied (audited; field "reason" or "shielding" where that is why).
  Result<ChronologyView> ForChild(const AuthContext& caller, PersonId child, const std::string& reason,
                                  const domain::ChronologyFilter& filter);
  // kNotFound for an unknown household; kPermissionDenied when the caller may open none of
  // its members.
  Result<ChronologyView> ForHousehold(const AuthContext& caller, HouseholdId household, const std::string& reason,
                                      const domain::ChronologyFilter& filter);

 private:
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
};

}  // namespace safehub::app
