#include "store/casework_repository.h"

#include <set>

namespace safehub::store {

Status CheckOpenTimescaleRows(PersonId child, std::span<const OpenTimescaleRow> rows) {
  std::set<std::int64_t> numbers;
  for (const auto& r : rows) {
    const std::string what = "open timescale " + std::to_string(r.timescale) + " of child " + child.ToString();
    if (r.child != child) return InvalidArgument(what + " names child " + r.child.ToString(), "child");
    if (r.timescale < 1) return InvalidArgument(what + ": the number must be positive", "timescale");
    if (!numbers.insert(r.timescale).second) return InvalidArgument(what + " is given twice", "timescale");
    if (r.kind.empty()) return InvalidArgument(what + ": what is due is missing", "kind");
    if (r.due < r.started_on) {
      return InvalidArgument(what + " is due " + r.due.ToString() + ", before it started on " + r.started_on.ToString(),
                             "due");
    }
  }
  return Status::Ok();
}

}  // namespace safehub::store
