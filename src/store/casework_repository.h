// The statutory casework of each child, stored as the steps the workflow accepted (record
// once: every record, timescale and chronology entry is derived by replaying them through
// domain::CaseHistory). The store keeps each step as its name and an opaque JSON payload
// (app/casework_codec), so it needs no knowledge of the workflow. Append-only: a step is
// never changed or removed. Not thread-safe: reached through one Transaction.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::store {

struct StoredStep {
  PersonId child;
  std::int64_t sequence = 0;  // 1, 2, 3 ... in the order the case accepted them
  std::string step;           // its name ("hold strategy discussion"), for queries and reading
  std::string payload;        // the step as JSON (app/casework_codec)
  UserId recorded_by;         // 0: generated (synthetic area) or imported
  UnixSeconds recorded_at = 0;
};

// One open timescale of a child's case as the workflow derived it by replaying the steps
// (app/open_timescales). Kept beside the steps, rewritten in the same transaction as each
// step, so due and overdue lists are one indexed query instead of a replay of every case.
struct OpenTimescaleRow {
  PersonId child;
  std::int64_t timescale = 0;        // its number in the case (domain::TimescaleId), 1, 2, ...
  std::string kind;                  // what is due: "icpc", "first core group", ...
  std::string started_by_kind;       // the record that started the clock: "strategy discussion"
  std::int64_t started_by_number = 0;
  Date started_on;
  Date due;
  std::int64_t referral = 0;         // the CIN episode's number in the case (0: none)
  std::int64_t plan = 0;             // the CP plan's number in the case (0: none)
  PractitionerId key_worker;         // the case's open CP plan's key worker, if any
  auto operator<=>(const OpenTimescaleRow&) const = default;
};

// Whose work list: the children an active involvement ties to one practitioner, to the
// practitioners of a team, or to those of an agency's teams (a service).
enum class WorkScope { kWorker, kTeam, kAgency };

struct DueFilter {
  WorkScope scope = WorkScope::kWorker;
  std::int64_t id = 0;  // the practitioner, team or agency
  Date as_of;           // involvements active on this day count
  Date due_by;          // open timescales due on or before this day (overdue ones included)
};

struct DueTimescale {
  OpenTimescaleRow timescale;
  std::string child_name;  // domain::Person::FullName()
};

struct DueTimescales {
  int cases = 0;                   // children in scope with casework
  std::vector<DueTimescale> due;   // by due date, then child, then timescale number
};

// What ReplaceOpenTimescales refuses, shared by both stores: kInvalidArgument naming the
// row and field when a row is of another child, numbers a timescale twice or not at all,
// says nothing about what is due, or is due before it started.
Status CheckOpenTimescaleRows(PersonId child, std::span<const OpenTimescaleRow> rows);

class CaseworkRepository {
 public:
  virtual ~CaseworkRepository() = default;
  // Appends one accepted step. kAlreadyExists when the child already has this sequence
  // number (another writer got there first); kNotFound for an unknown child or user;
  // kInvalidArgument when the sequence does not follow the child's last one.
  virtual Status AppendCaseworkStep(const StoredStep& step) = 0;
  // The child's steps in sequence order (empty when the child has no casework).
  virtual Result<std::vector<StoredStep>> CaseworkStepsOf(PersonId child) = 0;
  // Every child with at least one step, by id.
  virtual Result<std::vector<PersonId>> ChildrenWithCasework() = 0;

  // Replaces the child's open timescales with `rows`, derived from its steps 1 to
  // `through_sequence`. kNotFound for an unknown child or key worker; kInvalidArgument
  // naming the row and field when a row is of another child, numbers a timescale twice or
  // is due before it started. Nothing is written on error.
  virtual Status ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                                       std::span<const OpenTimescaleRow> rows) = 0;
  // The child's open timescales by number (empty when none, or never derived).
  virtual Result<std::vector<OpenTimescaleRow>> OpenTimescalesOf(PersonId child) = 0;
  // The open timescales due by filter.due_by of the children in the filter's scope.
  virtual Result<DueTimescales> OpenTimescalesDue(const DueFilter& filter) = 0;
  // Children whose open timescales were never derived, or not from their latest step
  // (a database from before migration 8): the backfill's work, by id.
  virtual Result<std::vector<PersonId>> ChildrenWithStaleOpenTimescales() = 0;
};

}  // namespace safehub::store
