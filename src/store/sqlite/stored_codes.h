// Reading rows of the SQLite store (internal to src/store/sqlite): shared by the files that
// implement SqliteTransaction's repositories.
#pragma once

#include <vector>

#include "common/status.h"
#include "store/sqlite/connection.h"

namespace safehub::store::sqlite {

// A stored code this binary cannot parse (a corrupted row, or a newer writer) must not
// crash a read: it is read as the fallback, chosen to be the cautious one (no access,
// masked, shielded, most urgent).
template <typename T>
T Or(Result<T> parsed, T fallback) {
  return parsed.ok() ? *parsed : fallback;
}

// The people standing merged into the person bound (once) in its place, directly or through
// others (a chain Y -> Z -> W puts Y and Z in W's): reads of a child that include merged
// records use `child_id = ? OR child_id IN ` + this. UNION (not UNION ALL) ends the walk even
// on a store edited by hand into a cycle. WITH RECURSIVE in a subquery is standard SQL
// (PostgreSQL too).
inline constexpr const char* kAbsorbedInto =
    "(WITH RECURSIVE absorbed(id) AS ("
    "SELECT merged_person_id FROM person_merge WHERE surviving_person_id = ? AND undone_at = 0 "
    "UNION SELECT m.merged_person_id FROM person_merge m JOIN absorbed a ON m.surviving_person_id = a.id "
    "WHERE m.undone_at = 0) SELECT id FROM absorbed)";

// "column = ?" for one id, "column IN (?, ?, ...)" for several: the people a child is read
// as (SqliteTransaction::ReadAs), bound in order by BindIds.
inline std::string AnyOf(const char* column, std::size_t ids) {
  if (ids == 1) return std::string(column) + " = ?";
  std::string out = std::string(column) + " IN (?";
  for (std::size_t i = 1; i < ids; ++i) out += ", ?";
  return out + ")";
}

// Binds `ids` from parameter `first`; returns the next parameter's index.
inline int BindIds(Statement& q, int first, const std::vector<std::int64_t>& ids) {
  for (std::int64_t id : ids) q.Bind(first++, id);
  return first;
}

// Every row of a stepped query, each read by `read`.
template <typename T, typename ReadFn>
Result<std::vector<T>> CollectRows(Statement& q, ReadFn read) {
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(read(q));
  }
}

}  // namespace safehub::store::sqlite
