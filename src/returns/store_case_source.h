// The CaseSource over Safehub's store: the LA from the children's social care agency, and
// each child with the casework steps stored for them, replayed into a CaseHistory.
//
// The steps are decoded by the caller's StepLoader (app::StoredCaseworkSteps: the JSON codec
// lives above this module). Thread-safe if the store is.
#pragma once

#include <functional>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "domain/workflow/steps.h"
#include "returns/case_source.h"
#include "store/store.h"

namespace safehub::returns {

// The accepted steps of one child, in the order they were accepted.
using StepLoader = std::function<Result<std::vector<domain::Step>>(store::Transaction&, PersonId)>;

class StoreCaseSource : public CaseSource {
 public:
  // Histories are replayed as of the clock's today (timescales open or overdue). `load`
  // reads a child's steps.
  StoreCaseSource(store::Store& store, const Clock& clock, StepLoader load)
      : store_(store), clock_(clock), load_(std::move(load)) {}
  // The first children's social care agency: its code is the census LA number.
  // kFailedPrecondition when there is none.
  Result<LocalAuthority> Authority() override;
  // Children (and unborn children) with at least one stored step, by id. A stored history
  // that no longer replays is reported naming the child and the step.
  Result<std::vector<ChildCase>> Cases() override;

 private:
  store::Store& store_;
  const Clock& clock_;
  StepLoader load_;
};

}  // namespace safehub::returns
