// Cumulative-concern alerts in SQLite (migration 7): one row per alert and one per event of
// its evidence, rewritten together on update. Prepared statements only.
#include <algorithm>

#include "store/sqlite/sqlite_transaction.h"
#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

using namespace safehub::domain;

namespace {

constexpr const char* kAlertColumns =
    "id, rule_id, rule_title, subject_key, child_id, household_id, severity, explanation, suggested_action, "
    "first_on, last_on, lead_practitioner_id, team_id, raised_at, updated_at, team_manager_from, "
    "head_of_service_from, status, acknowledged_action, acknowledged_by, acknowledged_by_name, acknowledged_at, "
    "merged_into";

std::int64_t IntOrZero(const Statement& q, int column) { return q.IsNull(column) ? 0 : q.Int(column); }

ConcernAlert ReadAlert(const Statement& q) {
  ConcernAlert a;
  a.id = AlertId(q.Int(0));
  a.rule_id = q.Text(1);
  a.rule_title = q.Text(2);
  a.subject_key = q.Text(3);
  a.child = PersonId(IntOrZero(q, 4));
  a.household = HouseholdId(IntOrZero(q, 5));
  a.severity = static_cast<int>(q.Int(6));
  a.explanation = q.Text(7);
  a.suggested_action = q.Text(8);
  a.first_on = q.DateAt(9);
  a.last_on = q.DateAt(10);
  a.lead_practitioner = PractitionerId(IntOrZero(q, 11));
  a.team = TeamId(IntOrZero(q, 12));
  a.raised_at = q.Int(13);
  a.updated_at = q.Int(14);
  a.team_manager_from = q.Int(15);
  a.head_of_service_from = q.Int(16);
  // An unreadable status is read as open: shown to its holder rather than hidden.
  auto status = ParseAlertStatus(q.Text(17));
  a.status = status.ok() ? *status : AlertStatus::kOpen;
  a.acknowledged_action = q.Text(18);
  a.acknowledged_by = UserId(IntOrZero(q, 19));
  a.acknowledged_by_name = q.Text(20);
  a.acknowledged_at = q.Int(21);
  a.merged_into = AlertId(IntOrZero(q, 22));
  return a;
}

void BindAlert(Statement& q, const ConcernAlert& a) {
  q.Bind(1, a.rule_id)
      .Bind(2, a.rule_title)
      .Bind(3, a.subject_key)
      .BindId(4, a.child.value)
      .BindId(5, a.household.value)
      .Bind(6, static_cast<std::int64_t>(a.severity))
      .Bind(7, a.explanation)
      .Bind(8, a.suggested_action)
      .Bind(9, a.first_on)
      .Bind(10, a.last_on)
      .BindId(11, a.lead_practitioner.value)
      .BindId(12, a.team.value)
      .Bind(13, a.raised_at)
      .Bind(14, a.updated_at)
      .Bind(15, a.team_manager_from)
      .Bind(16, a.head_of_service_from)
      .Bind(17, ToString(a.status))
      .Bind(18, a.acknowledged_action)
      .BindId(19, a.acknowledged_by.value)
      .Bind(20, a.acknowledged_by_name)
      .Bind(21, a.acknowledged_at)
      .BindId(22, a.merged_into.value);
}

}  // namespace

Status SqliteTransaction::WriteEvidence(const ConcernAlert& a) {
  // Evidence mostly grows at its end (a new event joins a run of concerns, once per feed
  // batch): the rows already holding the same evidence at the same position stay, and only
  // the rest are rewritten.
  std::int64_t keep = 0;
  bool rows_after_kept = false;  // whether stored rows from position `keep` on must go
  {
    ASSIGN_OR_RETURN(auto old, c_.Prepare(
        "SELECT position, event_id, child_id, agency_id, agency_kind, kind, occurred_on FROM concern_alert_evidence "
        "WHERE alert_id = ? ORDER BY position"));
    old->Bind(1, a.id.value);
    while (true) {
      ASSIGN_OR_RETURN(bool row, old->Step());
      if (!row) break;
      if (static_cast<size_t>(keep) == a.evidence.size()) {  // the evidence shrank
        rows_after_kept = true;
        break;
      }
      const AlertEvidence& e = a.evidence[static_cast<size_t>(keep)];
      if (old->Int(0) != keep || old->Int(1) != e.event.value || old->Int(2) != e.child.value ||
          old->Int(3) != e.agency.value || old->Text(4) != e.agency_kind || old->Text(5) != e.kind ||
          old->DateAt(6) != e.occurred_on) {
        rows_after_kept = true;
        break;
      }
      ++keep;
    }
  }
  // Only a changed or shrunk run of evidence has rows to delete: a grown one is appended to.
  if (rows_after_kept) {
    ASSIGN_OR_RETURN(auto del, c_.Prepare("DELETE FROM concern_alert_evidence WHERE alert_id = ? AND position >= ?"));
    RETURN_IF_ERROR(del->Bind(1, a.id.value).Bind(2, keep).Run());
  }
  for (size_t i = static_cast<size_t>(keep); i < a.evidence.size(); ++i) {
    const AlertEvidence& e = a.evidence[i];
    // One Statement per row: the cached statement is reset (and re-bindable) when it goes.
    ASSIGN_OR_RETURN(auto q, c_.Prepare(
        "INSERT INTO concern_alert_evidence(alert_id, position, event_id, child_id, agency_id, agency_kind, kind, "
        "occurred_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    RETURN_IF_ERROR(q->Bind(1, a.id.value).Bind(2, static_cast<std::int64_t>(i)).Bind(3, e.event.value)
                        .Bind(4, e.child.value).Bind(5, e.agency.value).Bind(6, e.agency_kind).Bind(7, e.kind)
                        .Bind(8, e.occurred_on).Run());
  }
  return Status::Ok();
}

Result<AlertId> SqliteTransaction::InsertAlert(const ConcernAlert& a) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO concern_alert(rule_id, rule_title, subject_key, child_id, household_id, severity, explanation, "
      "suggested_action, first_on, last_on, lead_practitioner_id, team_id, raised_at, updated_at, team_manager_from, "
      "head_of_service_from, status, acknowledged_action, acknowledged_by, acknowledged_by_name, acknowledged_at, "
      "merged_into) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindAlert(*q, a);
  RETURN_IF_ERROR(q->Run());
  ConcernAlert stored = a;
  stored.id = AlertId(c_.LastInsertId());
  RETURN_IF_ERROR(WriteEvidence(stored));
  return stored.id;
}

Status SqliteTransaction::UpdateAlert(const ConcernAlert& a) {
  // Most updates are evidence that grew: the alert keeps its rule, subject, child, holders
  // and status. Such an update leaves out the columns that are indexed or reference other
  // rows, so SQLite has no index entry to move and no foreign key to check, and runs it
  // without a statement journal (with foreign key columns in its SET, each UPDATE copies
  // every page it touches into the journal and frees the copies at its end). When one of
  // those columns changed, nothing matches, and the full UPDATE below writes every column.
  {
    ASSIGN_OR_RETURN(auto narrow, c_.Prepare(
        "UPDATE concern_alert SET rule_title = ?, severity = ?, explanation = ?, suggested_action = ?, first_on = ?, "
        "last_on = ?, raised_at = ?, updated_at = ?, team_manager_from = ?, head_of_service_from = ?, "
        "acknowledged_action = ?, acknowledged_by_name = ?, acknowledged_at = ? "
        "WHERE id = ? AND rule_id = ? AND subject_key = ? AND child_id IS ? AND household_id IS ? AND "
        "lead_practitioner_id IS ? AND team_id IS ? AND status = ? AND acknowledged_by IS ? AND merged_into IS ?"));
    narrow->Bind(1, a.rule_title).Bind(2, static_cast<std::int64_t>(a.severity)).Bind(3, a.explanation)
        .Bind(4, a.suggested_action).Bind(5, a.first_on).Bind(6, a.last_on).Bind(7, a.raised_at)
        .Bind(8, a.updated_at).Bind(9, a.team_manager_from).Bind(10, a.head_of_service_from)
        .Bind(11, a.acknowledged_action).Bind(12, a.acknowledged_by_name).Bind(13, a.acknowledged_at)
        .Bind(14, a.id.value).Bind(15, a.rule_id).Bind(16, a.subject_key).BindId(17, a.child.value)
        .BindId(18, a.household.value).BindId(19, a.lead_practitioner.value).BindId(20, a.team.value)
        .Bind(21, ToString(a.status)).BindId(22, a.acknowledged_by.value).BindId(23, a.merged_into.value);
    RETURN_IF_ERROR(narrow->Run());
  }
  if (c_.Changes() == 1) return WriteEvidence(a);
  // Updated and missed afterwards, not looked up first: detection updates thousands.
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE concern_alert SET rule_id = ?, rule_title = ?, subject_key = ?, child_id = ?, household_id = ?, "
      "severity = ?, explanation = ?, suggested_action = ?, first_on = ?, last_on = ?, lead_practitioner_id = ?, "
      "team_id = ?, raised_at = ?, updated_at = ?, team_manager_from = ?, head_of_service_from = ?, status = ?, "
      "acknowledged_action = ?, acknowledged_by = ?, acknowledged_by_name = ?, acknowledged_at = ?, merged_into = ? "
      "WHERE id = ?"));
  BindAlert(*q, a);
  q->Bind(23, a.id.value);
  RETURN_IF_ERROR(q->Run());
  if (c_.Changes() == 0) return NotFound("alert " + a.id.ToString() + " does not exist");
  return WriteEvidence(a);
}

Result<std::vector<ConcernAlert>> SqliteTransaction::SelectAlerts(const std::string& where_sql,
                                                                  const std::function<void(Statement&)>& bind) {
  std::vector<ConcernAlert> out;
  {
    ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kAlertColumns + " FROM concern_alert " + where_sql));
    bind(*q);
    while (true) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      out.push_back(ReadAlert(*q));
    }
  }
  for (ConcernAlert& a : out) {
    ASSIGN_OR_RETURN(auto ev, c_.Prepare(
        "SELECT event_id, child_id, agency_id, agency_kind, kind, occurred_on FROM concern_alert_evidence "
        "WHERE alert_id = ? ORDER BY position"));
    ev->Bind(1, a.id.value);
    while (true) {
      ASSIGN_OR_RETURN(bool row, ev->Step());
      if (!row) break;
      a.evidence.push_back({EventId(ev->Int(0)), PersonId(ev->Int(1)), AgencyId(ev->Int(2)), ev->Text(3),
                            ev->Text(4), ev->DateAt(5)});
    }
  }
  return out;
}

Result<ConcernAlert> SqliteTransaction::GetAlert(AlertId id) {
  ASSIGN_OR_RETURN(auto rows, SelectAlerts("WHERE id = ?", [&](Statement& q) { q.Bind(1, id.value); }));
  if (rows.empty()) return NotFound("alert " + id.ToString() + " does not exist");
  return std::move(rows.front());
}

Result<std::vector<ConcernAlert>> SqliteTransaction::AlertsOfSubject(const std::string& rule_id,
                                                                     const std::string& subject_key) {
  return SelectAlerts("WHERE rule_id = ? AND subject_key = ? ORDER BY id",
                      [&](Statement& q) { q.Bind(1, rule_id).Bind(2, subject_key); });
}

Result<std::vector<ConcernAlert>> SqliteTransaction::AlertsAboutChild(PersonId child) {
  // The child's own and anyone merged into it (store/link_review_repository.h).
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  const std::string children = AnyOf("child_id", ids.size());
  return SelectAlerts(
      "WHERE status <> 'merged' AND (" + children + " OR id IN (SELECT alert_id FROM concern_alert_evidence WHERE " +
          children + ")) ORDER BY id DESC",
      [&](Statement& q) { BindIds(q, BindIds(q, 1, ids), ids); });
}

Result<std::vector<ConcernAlert>> SqliteTransaction::OpenAlerts() {
  return SelectAlerts("WHERE status = 'open' ORDER BY id", [](Statement&) {});
}

Result<std::vector<PersonId>> SqliteTransaction::ChildrenWithEvents() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT DISTINCT child_id FROM event ORDER BY child_id"));
  std::vector<PersonId> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return out;
    out.push_back(PersonId(q->Int(0)));
  }
}

}  // namespace safehub::store::sqlite
