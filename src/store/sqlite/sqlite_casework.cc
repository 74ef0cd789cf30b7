// The casework steps of SqliteTransaction (store/casework_repository.h): table casework_step,
// migration 6.
#include "store/sqlite/sqlite_transaction.h"

namespace safehub::store::sqlite {

Status SqliteTransaction::AppendCaseworkStep(const StoredStep& step) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", step.child.value, "person"));
  if (step.recorded_by.valid()) {
    RETURN_IF_ERROR(RequireRow("SELECT 1 FROM app_user WHERE id = ?", step.recorded_by.value, "user"));
  }
  ASSIGN_OR_RETURN(auto last, c_.Prepare("SELECT COALESCE(MAX(sequence), 0) FROM casework_step WHERE child_id = ?"));
  last->Bind(1, step.child.value);
  ASSIGN_OR_RETURN(bool row, last->Step());
  const std::int64_t next = (row ? last->Int(0) : 0) + 1;
  if (step.sequence >= 1 && step.sequence < next) {
    return AlreadyExists("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                             " is already recorded", "sequence");
  }
  if (step.sequence != next) {
    return InvalidArgument("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                               " does not follow its last step " + std::to_string(next - 1), "sequence");
  }
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO casework_step(child_id, sequence, step, payload, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  return q->Bind(1, step.child.value).Bind(2, step.sequence).Bind(3, step.step).Bind(4, step.payload)
      .BindId(5, step.recorded_by.value).Bind(6, step.recorded_at).Run();
}

Result<std::vector<StoredStep>> SqliteTransaction::CaseworkStepsOf(PersonId child) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT child_id, sequence, step, payload, recorded_by, recorded_at FROM casework_step "
      "WHERE child_id = ? ORDER BY sequence"));
  q->Bind(1, child.value);
  std::vector<StoredStep> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return out;
    StoredStep s;
    s.child = PersonId(q->Int(0));
    s.sequence = q->Int(1);
    s.step = q->Text(2);
    s.payload = q->Text(3);
    s.recorded_by = UserId(q->IsNull(4) ? 0 : q->Int(4));
    s.recorded_at = q->Int(5);
    out.push_back(std::move(s));
  }
}

Result<std::vector<PersonId>> SqliteTransaction::ChildrenWithCasework() {
  // The unique index on (child_id, sequence) serves this: sequence 1 exists for every child.
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT child_id FROM casework_step WHERE sequence = 1 ORDER BY child_id"));
  std::vector<PersonId> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return out;
    out.push_back(PersonId(q->Int(0)));
  }
}

}  // namespace safehub::store::sqlite
