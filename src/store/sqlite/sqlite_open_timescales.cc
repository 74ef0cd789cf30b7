// The open timescales of SqliteTransaction (store/casework_repository.h): tables
// open_timescale and open_timescale_case, migration 8. The due lists are one SELECT each:
// the children in scope come from the involvements active on the day (index
// involvement_practitioner_child), their rows from the primary key (child_id, timescale).
#include <array>

#include "domain/person.h"
#include "store/sqlite/sqlite_transaction.h"
#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

namespace {

// The children an active involvement ties to the filter's practitioner, team or agency;
// binds (scope id, as_of, as_of). Constant text per scope, so the statements are cached.
std::string ChildrenInScope(WorkScope scope) {
  std::string who;
  switch (scope) {
    case WorkScope::kWorker: who = "i.practitioner_id = ?"; break;
    case WorkScope::kTeam: who = "i.practitioner_id IN (SELECT p.id FROM practitioner p WHERE p.team_id = ?)"; break;
    case WorkScope::kAgency:
      who = "i.practitioner_id IN (SELECT p.id FROM practitioner p JOIN team t ON t.id = p.team_id "
            "WHERE t.agency_id = ?)";
      break;
  }
  return "SELECT i.child_id FROM involvement i WHERE " + who +
         " AND i.started_on <= ? AND (i.ended_on IS NULL OR i.ended_on >= ?)";
}

const std::string& DueSql(WorkScope scope) {
  static const std::array<std::string, 3> sql = [] {
    std::array<std::string, 3> out;
    for (int s = 0; s < 3; ++s) {
      out[static_cast<size_t>(s)] =
          "SELECT ot.child_id, ot.timescale, ot.kind, ot.started_by_kind, ot.started_by_number, ot.started_on, "
          "ot.due, ot.referral, ot.plan, ot.key_worker_id, pe.first_name, pe.middle_names, pe.surname "
          "FROM open_timescale ot JOIN person pe ON pe.id = ot.child_id "
          "WHERE ot.due <= ? AND ot.child_id IN (" + ChildrenInScope(static_cast<WorkScope>(s)) + ") "
          "ORDER BY ot.due, ot.child_id, ot.timescale";
    }
    return out;
  }();
  return sql[static_cast<size_t>(scope)];
}

const std::string& CasesSql(WorkScope scope) {
  static const std::array<std::string, 3> sql = [] {
    std::array<std::string, 3> out;
    for (int s = 0; s < 3; ++s) {
      // Sequence 1 exists for every child with casework (unique index on child_id, sequence).
      out[static_cast<size_t>(s)] = "SELECT COUNT(*) FROM casework_step cs WHERE cs.sequence = 1 AND cs.child_id IN (" +
                                    ChildrenInScope(static_cast<WorkScope>(s)) + ")";
    }
    return out;
  }();
  return sql[static_cast<size_t>(scope)];
}

OpenTimescaleRow ReadRow(const Statement& q) {
  OpenTimescaleRow r;
  r.child = PersonId(q.Int(0));
  r.timescale = q.Int(1);
  r.kind = q.Text(2);
  r.started_by_kind = q.Text(3);
  r.started_by_number = q.Int(4);
  r.started_on = q.DateAt(5);
  r.due = q.DateAt(6);
  r.referral = q.Int(7);
  r.plan = q.Int(8);
  r.key_worker = PractitionerId(q.IsNull(9) ? 0 : q.Int(9));
  return r;
}

constexpr const char* kRowColumns =
    "child_id, timescale, kind, started_by_kind, started_by_number, started_on, due, referral, plan, key_worker_id";

}  // namespace

Status SqliteTransaction::ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                                                std::span<const OpenTimescaleRow> rows) {
  RETURN_IF_ERROR(CheckOpenTimescaleRows(child, rows));
  if (through_sequence < 0) {
    return InvalidArgument("open timescales of child " + child.ToString() + ": through_sequence is negative",
                           "through_sequence");
  }
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", child.value, "person"));
  for (const auto& r : rows) {
    if (r.key_worker.valid()) {
      RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", r.key_worker.value, "practitioner"));
    }
  }
  ASSIGN_OR_RETURN(auto clear, c_.Prepare("DELETE FROM open_timescale WHERE child_id = ?"));
  RETURN_IF_ERROR(clear->Bind(1, child.value).Run());
  static const std::string insert_sql =
      std::string("INSERT INTO open_timescale(") + kRowColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(auto insert, c_.Prepare(insert_sql));
    RETURN_IF_ERROR(insert->Bind(1, child.value).Bind(2, r.timescale).Bind(3, r.kind).Bind(4, r.started_by_kind)
                        .Bind(5, r.started_by_number).Bind(6, r.started_on).Bind(7, r.due).Bind(8, r.referral)
                        .Bind(9, r.plan).BindId(10, r.key_worker.value).Run());
  }
  ASSIGN_OR_RETURN(auto mark, c_.Prepare(
      "INSERT INTO open_timescale_case(child_id, through_sequence) VALUES (?, ?) "
      "ON CONFLICT (child_id) DO UPDATE SET through_sequence = excluded.through_sequence"));
  return mark->Bind(1, child.value).Bind(2, through_sequence).Run();
}

Result<std::vector<OpenTimescaleRow>> SqliteTransaction::OpenTimescalesOf(PersonId child) {
  static const std::string sql =
      std::string("SELECT ") + kRowColumns + " FROM open_timescale WHERE child_id = ? ORDER BY timescale";
  ASSIGN_OR_RETURN(auto q, c_.Prepare(sql));
  q->Bind(1, child.value);
  std::vector<OpenTimescaleRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return out;
    out.push_back(ReadRow(*q));
  }
}

Result<DueTimescales> SqliteTransaction::OpenTimescalesDue(const DueFilter& filter) {
  DueTimescales out;
  ASSIGN_OR_RETURN(auto cases, c_.Prepare(CasesSql(filter.scope)));
  cases->Bind(1, filter.id).Bind(2, filter.as_of).Bind(3, filter.as_of);
  ASSIGN_OR_RETURN(bool counted, cases->Step());
  out.cases = counted ? static_cast<int>(cases->Int(0)) : 0;
  ASSIGN_OR_RETURN(auto q, c_.Prepare(DueSql(filter.scope)));
  q->Bind(1, filter.due_by).Bind(2, filter.id).Bind(3, filter.as_of).Bind(4, filter.as_of);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return out;
    domain::Person name;
    name.first_name = q->Text(10);
    name.middle_names = q->Text(11);
    name.surname = q->Text(12);
    out.due.push_back({ReadRow(*q), name.FullName()});
  }
}

Result<std::vector<PersonId>> SqliteTransaction::ChildrenWithStaleOpenTimescales() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT s.child_id FROM (SELECT child_id, MAX(sequence) AS last FROM casework_step GROUP BY child_id) s "
      "LEFT JOIN open_timescale_case m ON m.child_id = s.child_id "
      "WHERE m.child_id IS NULL OR m.through_sequence <> s.last ORDER BY s.child_id"));
  return CollectRows<PersonId>(*q, [](const Statement& r) { return PersonId(r.Int(0)); });
}

}  // namespace safehub::store::sqlite
