// Several years of one child's statutory casework for the synthetic area, produced by
// driving the real workflow: every step is applied through domain::CaseHistory, so every
// stored step is one the workflow accepted. Rates follow domain.md: about 22% of referrals
// are re-referrals within 12 months, a few CP plans last 2 years or more, some steps are
// late (with a reason) and cases still open today carry open and overdue timescales.
// Deterministic for a given random engine state. Not thread-safe.
#pragma once

#include <random>
#include <span>

#include "common/date.h"
#include "common/ids.h"
#include "domain/workflow/case_history.h"

namespace safehub::app {

struct SimulatedCaseCounts {
  int referrals = 0;
  int re_referrals = 0;     // within 12 months of the previous referral (DfE definition)
  int contacts = 0;
  int cp_plans = 0;
  int cin_plans = 0;
  int late_steps = 0;       // steps accepted only with a late reason
  int refused = 0;          // simulated steps the workflow refused (the case stops there)
};

// Runs the child's casework from `first_contact` (a referral or a contact) to `today` on
// `history`, naming CP plan key workers from `key_workers` (not empty). Adds to `counts`.
void SimulateCase(domain::CaseHistory& history, Date first_contact, Date today, std::mt19937_64& rng,
                  std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts);

}  // namespace safehub::app
