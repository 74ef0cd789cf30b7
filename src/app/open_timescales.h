// The open timescales of each child's case kept beside its steps (store::OpenTimescaleRow):
// the workflow (domain::CaseHistory) derives them, the store only keeps them, so the due
// and overdue lists of a worker, team or service need no replay of every case. Every writer
// of casework steps rewrites the child's rows in the same transaction (app::Casework, the
// synthetic area); BackfillOpenTimescales derives them once for a database from before
// migration 8. Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/calendar/working_day_calendar.h"
#include "domain/workflow/case_history.h"
#include "store/store.h"

namespace safehub::app {

// The case's open timescales as rows, by number, each naming the open CP plan's key worker.
std::vector<store::OpenTimescaleRow> OpenTimescaleRows(PersonId child, const domain::CaseHistory& history);

// Replaces the child's rows with those of `history`, which replays steps 1 to `through_sequence`.
Status WriteOpenTimescales(store::Transaction& tx, PersonId child, std::int64_t through_sequence,
                           const domain::CaseHistory& history);

// The domain's timescale a row stores (open, with what started it). kDataLoss naming the
// child and row when a stored name is not the workflow's (a store edited outside Safehub).
Result<domain::Timescale> TimescaleOfRow(const store::OpenTimescaleRow& row);

struct OpenTimescaleBackfill {
  int children = 0;              // children whose rows were (re)derived
  int failed = 0;                // children whose stored steps no longer replay
  std::string first_failure;     // the first of those, with its reason
};

// Derives the rows of every child whose rows are missing or older than its last step, one
// transaction per child (a child's steps and rows stay consistent; a child whose steps no
// longer replay is counted and left without rows, not allowed to stop the others).
Result<OpenTimescaleBackfill> BackfillOpenTimescales(
    store::Store& store, Date today,
    const domain::WorkingDayCalendar& calendar = domain::WorkingDayCalendar::EnglandAndWales());

}  // namespace safehub::app
