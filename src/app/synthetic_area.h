// Generates a realistic synthetic local area ("Northshire") for demos, tests and
// benchmarks: agencies and teams with contacts, practitioners, households of adults and
// children with real name frequencies, twins, unborn children, valid NHS numbers and UPNs,
// involvements by age and need, events from every agency over several years, and the
// statutory casework of the children known to social care, produced by driving the workflow.
// Deterministic for a given seed and `today`. Not thread-safe (one generator per call).
#pragma once

#include <cstdint>
#include <vector>

#include "app/concern_patterns.h"
#include "common/date.h"
#include "common/ids.h"
#include "store/store.h"

namespace safehub::app {

struct SyntheticAreaOptions {
  int children = 2000;
  int years = 3;          // how far back events go
  std::uint64_t seed = 1;
  Date today;
  // Known cumulative-concern patterns and decoys per built-in rule (concern_patterns.h),
  // each on its own new household; 0 plants none.
  int concern_patterns_per_rule = 0;
};

struct SyntheticArea {
  int agencies = 0;
  int teams = 0;
  int practitioners = 0;
  int households = 0;
  int children = 0;
  int adults = 0;
  int involvements = 0;
  int events = 0;
  int plan_periods = 0;     // signposting's: CP and CIN plans of the casework, looked-after periods
  // Statutory casework driven through the workflow (app/synthetic_casework.h).
  int casework_children = 0;
  int casework_steps = 0;
  int referrals = 0;
  int re_referrals = 0;
  int cp_plans = 0;
  int cin_plans = 0;
  int late_steps = 0;       // accepted with a late reason
  int refused_steps = 0;    // simulated steps the workflow refused (never stored)
  int transfer_in_conferences = 0;  // children who arrived on another authority's plan
  int pre_birth_cases = 0;          // cases that started before the child was born
  int pre_birth_conferences = 0;
  int births_in_case = 0;           // "record birth" steps
  int key_worker_changes = 0;       // CP plans passed to another key worker ("change key worker")
  int demo_open_cases = 0;          // open cases left overdue or due soon for the demo logins
  AgencyId social_care;
  TeamId assessment_team;                 // the council's assessment team
  PractitionerId assessment_social_worker;  // a social worker there with a caseload
  PractitionerId police_officer;          // a public protection officer with a caseload
  TeamId mash_team;                       // the front door
  PractitionerId mash_manager;            // who rates contacts there
  std::vector<PlantedPattern> planted;    // ground truth of the planted patterns and decoys
};

// Writes the area into an empty store, one transaction per batch of households.
// kFailedPrecondition when the store already holds agencies; kInvalidArgument for
// non-positive sizes.
Result<SyntheticArea> GenerateSyntheticArea(store::Store& store, const SyntheticAreaOptions& options);

// A valid NHS number drawn from the generator (modulus 11 holds).
std::string SyntheticNhsNumber(std::uint64_t random);
// A valid permanent UPN for local authority `la_code` (3 digits).
std::string SyntheticUpn(int la_code, std::uint64_t random);

}  // namespace safehub::app
