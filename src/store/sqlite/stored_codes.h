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
