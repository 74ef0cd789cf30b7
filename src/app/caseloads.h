// A practitioner's whole caseload handed on at once: someone leaves, goes on long leave or
// moves to another team, and a manager passes every case of theirs to a colleague of the
// same agency. Each case moves as it would one by one (ChildRecords::ReallocateInvolvement,
// or the casework's "change key worker" step for a plan's key-worker involvement), in its
// own unit of work with its own audit entry, so a case that is refused (a stated reason
// needed, an involvement that began after the day) leaves the others moved and says why.
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/casework.h"
#include "app/child_records.h"

namespace safehub::app {

// How much a practitioner has open, without naming a child: what a manager sees before
// handing the caseload on.
struct CaseloadSummary {
  PractitionerId practitioner;
  int involvements = 0;   // open involvements in their name
  int as_key_worker = 0;  // of which a plan's key-worker involvement
  int children = 0;       // distinct children
};

// One involvement of the caseload and what became of it.
struct CaseloadMove {
  PersonId child;
  InvolvementId involvement;  // 0 for a plan held without a key-worker involvement (older cases)
  bool key_worker = false;    // passed by the casework's "change key worker" step
  Status outcome;           // Ok, or why this one stayed
  InvolvementId created;    // the new involvement, when reallocated
};

struct CaseloadReallocation {
  int moved = 0;
  int refused = 0;
  std::vector<CaseloadMove> moves;  // key-worker involvements first, then by child
};

class Caseloads {
 public:
  Caseloads(store::Store& store, const Clock& clock, ChildRecords& records, Casework& casework)
      : store_(store), clock_(clock), records_(records), casework_(casework), audit_(clock) {}

  // The counts for a practitioner: to a manager whose scope covers their team, or to the
  // practitioner themself. kNotFound (practitioner); kPermissionDenied otherwise.
  Result<CaseloadSummary> Summary(const AuthContext& caller, PractitionerId practitioner);

  // Moves every open involvement of `from` to `to` from `on`. The caller is a manager whose
  // scope covers `from`'s team; `to` is another practitioner of the same agency (field
  // practitioner_id); `on` is not after today (field on). `reason` is passed on to each case
  // as the stated reason a wide-scope manager gives. A refusal of the whole is audited; the
  // outcome is audited once more as a whole, besides each case's own entry.
  Result<CaseloadReallocation> Reallocate(const AuthContext& caller, PractitionerId from, PractitionerId to, Date on,
                                          const std::string& reason);

 private:
  // The practitioner's team, when the caller may act on their caseload; kPermissionDenied.
  Result<domain::Team> ManagedTeamOf(store::Transaction& tx, const AuthContext& caller, PractitionerId practitioner,
                                     bool self_may);

  store::Store& store_;
  const Clock& clock_;
  ChildRecords& records_;
  Casework& casework_;
  AuditTrail audit_;
};

}  // namespace safehub::app
