// Several years of one child's statutory casework for the synthetic area, produced by
// driving the real workflow: every step is applied through domain::CaseHistory, so every
// stored step is one the workflow accepted. Rates follow domain.md: about 22% of referrals
// are re-referrals within 12 months, a few CP plans last 2 years or more, some steps are
// late (with a reason) and cases still open today carry open and overdue timescales.
// Deterministic for a given random engine state. Not thread-safe.
#pragma once

#include <optional>
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
  int transfer_in_conferences = 0;
  int pre_birth_conferences = 0;
  int births = 0;           // children born during their case (a "record birth" step)
  int key_worker_changes = 0;  // a CP plan passed to another key worker at a review
};

// How a simulated case starts, beyond a contact or a referral on a born child.
struct SimulatedCaseStart {
  // The child arrives on another authority's CP plan: a transfer-in referral, then a
  // transfer-in conference within 15 working days.
  bool transfer_in = false;
  // The case starts in pregnancy (the history is an unborn child's): a pre-birth referral,
  // usually a pre-birth assessment or conference and plan. With `born_on`, the child is born
  // during the case: "record birth" is applied before the first step on or after that day,
  // or last when the case ended earlier.
  bool pre_birth = false;
  std::optional<Date> born_on;
};

// Runs the child's casework from `first_contact` (a referral or a contact) to `today` on
// `history`, naming CP plan key workers from `key_workers` (not empty). Adds to `counts`.
void SimulateCase(domain::CaseHistory& history, Date first_contact, Date today, std::mt19937_64& rng,
                  std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts,
                  const SimulatedCaseStart& start = {});

// A case still open today at one stage, whose open timescale falls due a few working days
// before today (overdue) or within the next few (due soon): the demo's work lists.
enum class OpenCaseStage {
  kContactDecision,   // a contact awaiting its decision (the front door)
  kReferralDecision,  // a referral awaiting its decision (the front door)
  kAssessment,        // an assessment under way
  kConference,        // an s47 enquiry awaiting its ICPC
  kFirstCoreGroup,    // a new plan awaiting its first core group
  kCoreGroup,         // a plan of some months awaiting its next core group
};
// Drives the case through the workflow to `stage` on a born child's `history` (born long
// enough ago), so that the stage's timescale is overdue or due soon on `today`.
void SimulateOpenCase(domain::CaseHistory& history, OpenCaseStage stage, bool overdue, Date today,
                      std::mt19937_64& rng, std::span<const PractitionerId> key_workers, SimulatedCaseCounts& counts);

}  // namespace safehub::app
