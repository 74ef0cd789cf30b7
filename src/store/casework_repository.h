// The statutory casework of each child, stored as the steps the workflow accepted (record
// once: every record, timescale and chronology entry is derived by replaying them through
// domain::CaseHistory). The store keeps each step as its name and an opaque JSON payload
// (app/casework_codec), so it needs no knowledge of the workflow. Append-only: a step is
// never changed or removed. Not thread-safe: reached through one Transaction.
#pragma once

#include <cstdint>
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
};

}  // namespace safehub::store
