// Known cumulative-concern patterns planted into a synthetic area (issue 7, evaluation):
// for each built-in rule, children or households whose events must raise that rule's alert
// and decoys that look alike but must not (two concerns from the SAME agency, attendance
// of 91%, an adult not known to police, a pattern one day outside its window...). Each
// case gets its own new household and children, so cases do not mix with each other or
// with the background events of the area. Deterministic for a seed and `today`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "store/store.h"

namespace safehub::app {

struct PlantedPattern {
  std::string rule_id;
  std::string subject_key;  // "child:12" or "household:3", as alerts name their subject
  bool should_alert = true;  // false: a decoy
  std::string what;          // e.g. "decoy: two concerns from the same agency"
};

struct PatternOptions {
  int per_rule = 20;  // planted patterns per rule, and as many decoys
  std::uint64_t seed = 1;
  Date today;
  TeamId plan_team;              // responsible team for planted plans
  PractitionerId plan_key_worker;
};

// Plants into a store that already holds the synthetic area's agencies (found by kind and
// code). kFailedPrecondition when they are missing.
Result<std::vector<PlantedPattern>> PlantConcernPatterns(store::Store& store, const PatternOptions& options);

}  // namespace safehub::app
