#include "store/sqlite/migrations.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

namespace safehub::store::sqlite {
namespace {

// Dates are ISO 8601 TEXT (sortable, readable, portable); instants are INTEGER Unix
// seconds. Absent references are NULL so foreign keys hold.
constexpr const char* kFoundationSchema = R"sql(
CREATE TABLE agency (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT ''
);
CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  name TEXT NOT NULL,
  office_phone TEXT NOT NULL DEFAULT '',
  out_of_hours_phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_agency ON team(agency_id);
CREATE TABLE practitioner (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES team(id),
  name TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX practitioner_team ON practitioner(team_id);
CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_names TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  sex TEXT NOT NULL,
  date_of_birth TEXT,
  expected_birth_date TEXT,
  date_of_death TEXT,
  mother_id INTEGER REFERENCES person(id),
  nhs_number TEXT NOT NULL DEFAULT '',
  upn TEXT NOT NULL DEFAULT '',
  ethnicity TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_surname ON person(surname);
CREATE INDEX person_birth ON person(date_of_birth);
CREATE INDEX person_nhs ON person(nhs_number);
CREATE INDEX person_upn ON person(upn);
CREATE TABLE household (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL,
  postcode TEXT NOT NULL DEFAULT ''
);
CREATE TABLE household_member (
  household_id INTEGER NOT NULL REFERENCES household(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  date_from TEXT NOT NULL,
  date_to TEXT
);
CREATE INDEX household_member_person ON household_member(person_id);
CREATE INDEX household_member_household ON household_member(household_id);
CREATE TABLE relationship (
  person_id INTEGER NOT NULL REFERENCES person(id),
  other_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT
);
CREATE INDEX relationship_person ON relationship(person_id);
CREATE INDEX relationship_other ON relationship(other_id);
CREATE TABLE involvement (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  practitioner_id INTEGER REFERENCES practitioner(id),
  service TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  started_on TEXT NOT NULL,
  ended_on TEXT,
  sensitive_service TEXT NOT NULL DEFAULT 'none',
  consent_recorded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX involvement_child ON involvement(child_id);
CREATE INDEX involvement_practitioner ON involvement(practitioner_id);
CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  recorded_by INTEGER REFERENCES practitioner(id),
  kind TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  summary TEXT NOT NULL,
  significance TEXT NOT NULL,
  source_reference TEXT,
  UNIQUE (agency_id, source_reference)
);
CREATE INDEX event_child ON event(child_id, occurred_on);
CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  practitioner_id INTEGER REFERENCES practitioner(id),
  password_hash TEXT NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);
CREATE TABLE audit_entry (
  sequence INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  child_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  basis TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entry_child ON audit_entry(child_id, sequence);
-- The audit trail is append-only at the database too, not only through the interface.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
)sql";

constexpr const char* kSharingSchema = R"sql(
ALTER TABLE person ADD COLUMN shielding TEXT NOT NULL DEFAULT 'none';
CREATE TABLE sharing_decision (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  from_agency_id INTEGER NOT NULL REFERENCES agency(id),
  to_agency_id INTEGER NOT NULL REFERENCES agency(id),
  decided_by INTEGER REFERENCES practitioner(id),
  decided_at INTEGER NOT NULL,
  information TEXT NOT NULL,
  purpose TEXT NOT NULL,
  basis TEXT NOT NULL,
  outcome TEXT NOT NULL,
  parents_informed TEXT NOT NULL,
  parents_informed_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sharing_decision_child ON sharing_decision(child_id, decided_at);
CREATE TABLE misuse_review (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  username TEXT NOT NULL,
  child_id INTEGER NOT NULL REFERENCES person(id),
  reason TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  finding TEXT NOT NULL,
  reviewed_by INTEGER REFERENCES app_user(id),
  reviewed_at INTEGER NOT NULL DEFAULT 0,
  review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX misuse_review_finding ON misuse_review(finding, id);
)sql";

// Event attributes as "name=value&name=value" with %-escaping: readable in the sqlite3
// shell, portable, and no JSON functions needed on either engine.
constexpr const char* kEventAttributes = R"sql(
ALTER TABLE event ADD COLUMN attributes TEXT NOT NULL DEFAULT '';
-- The child index links on surname and date of birth; an expression index serves it.
CREATE INDEX person_surname_birth ON person(lower(surname), date_of_birth);
)sql";

constexpr const char* kSignposting = R"sql(
CREATE TABLE plan_period (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  responsible_team_id INTEGER NOT NULL REFERENCES team(id),
  key_worker_id INTEGER NOT NULL REFERENCES practitioner(id)
);
CREATE INDEX plan_period_child ON plan_period(child_id, start_date);
CREATE TABLE signposting_notification (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  key_worker_id INTEGER NOT NULL REFERENCES practitioner(id),
  looked_up_by INTEGER NOT NULL REFERENCES app_user(id),
  username TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX signposting_notification_child ON signposting_notification(child_id, id);
CREATE INDEX signposting_notification_key_worker ON signposting_notification(key_worker_id, id);
)sql";

constexpr const char* kMash = R"sql(
CREATE TABLE mash_contact (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  source TEXT NOT NULL,
  summary TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  rating TEXT,
  rated_at INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT '',
  decided_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mash_contact_status ON mash_contact(status, id);
CREATE TABLE mash_check (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES mash_contact(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  status TEXT NOT NULL,
  findings TEXT NOT NULL DEFAULT '',
  answered_at INTEGER NOT NULL DEFAULT 0,
  released_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mash_check_contact ON mash_check(contact_id);
)sql";

// The accepted steps of each child's statutory casework, in order (store/casework_repository.h).
// Append-only like the audit trail: a step is the record, corrections are new steps.
constexpr const char* kCasework = R"sql(
CREATE TABLE casework_step (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES person(id),
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  step TEXT NOT NULL,
  payload TEXT NOT NULL,
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at INTEGER NOT NULL,
  UNIQUE (child_id, sequence)
);
CREATE TRIGGER casework_step_no_update BEFORE UPDATE ON casework_step
BEGIN SELECT RAISE(ABORT, 'casework steps are append-only'); END;
CREATE TRIGGER casework_step_no_delete BEFORE DELETE ON casework_step
BEGIN SELECT RAISE(ABORT, 'casework steps are append-only'); END;
)sql";

// Cumulative-concern alerts (issue 7). Version 7: 6 is another capability's.
constexpr const char* kConcernAlerts = R"sql(
CREATE TABLE concern_alert (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  rule_title TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  child_id INTEGER REFERENCES person(id),
  household_id INTEGER REFERENCES household(id),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
  explanation TEXT NOT NULL,
  suggested_action TEXT NOT NULL,
  first_on TEXT NOT NULL,
  last_on TEXT NOT NULL,
  lead_practitioner_id INTEGER REFERENCES practitioner(id),
  team_id INTEGER REFERENCES team(id),
  raised_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  team_manager_from INTEGER NOT NULL,
  head_of_service_from INTEGER NOT NULL,
  status TEXT NOT NULL,
  acknowledged_action TEXT NOT NULL DEFAULT '',
  acknowledged_by INTEGER REFERENCES app_user(id),
  acknowledged_by_name TEXT NOT NULL DEFAULT '',
  acknowledged_at INTEGER NOT NULL DEFAULT 0,
  merged_into INTEGER REFERENCES concern_alert(id)
);
CREATE INDEX concern_alert_subject ON concern_alert(rule_id, subject_key, id);
CREATE INDEX concern_alert_status ON concern_alert(status, id);
CREATE INDEX concern_alert_child ON concern_alert(child_id, id);
CREATE TABLE concern_alert_evidence (
  alert_id INTEGER NOT NULL REFERENCES concern_alert(id),
  position INTEGER NOT NULL,
  event_id INTEGER NOT NULL REFERENCES event(id),
  child_id INTEGER NOT NULL REFERENCES person(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  agency_kind TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  PRIMARY KEY (alert_id, position)
);
CREATE INDEX concern_alert_evidence_child ON concern_alert_evidence(child_id, alert_id);
)sql";

// Open timescales derived from each child's steps (store/casework_repository.h), so the
// overdue and due-soon lists of a worker, team or service are one indexed query. Version 8.
// Who sees a row is decided when reading, from the involvements active that day, because
// involvements change outside casework (allocations, feeds). A child's rows are rewritten
// with every step; open_timescale_case records the step they were derived through, so a
// database from before this migration is rebuilt once by app::BackfillOpenTimescales.
constexpr const char* kOpenTimescales = R"sql(
CREATE TABLE open_timescale (
  child_id INTEGER NOT NULL REFERENCES person(id),
  timescale INTEGER NOT NULL CHECK (timescale > 0),
  kind TEXT NOT NULL,
  started_by_kind TEXT NOT NULL,
  started_by_number INTEGER NOT NULL,
  started_on TEXT NOT NULL,
  due TEXT NOT NULL,
  referral INTEGER NOT NULL DEFAULT 0,
  plan INTEGER NOT NULL DEFAULT 0,
  key_worker_id INTEGER REFERENCES practitioner(id),
  PRIMARY KEY (child_id, timescale)
);
CREATE INDEX open_timescale_due ON open_timescale(due, child_id);
CREATE TABLE open_timescale_case (
  child_id INTEGER PRIMARY KEY REFERENCES person(id),
  through_sequence INTEGER NOT NULL CHECK (through_sequence >= 0)
);
-- A team's or service's list starts from the practitioners' involvements.
CREATE INDEX involvement_practitioner_child ON involvement(practitioner_id, child_id, started_on, ended_on);
)sql";

// The child index's clerical review (issue 3 part 5): possible matches with the reviewer's
// decision, and person merges kept beside the people (never rewriting them) so that an
// unmerge restores both exactly. A person is merged into at most one other at a time.
constexpr const char* kLinkReview = R"sql(
CREATE TABLE link_review (
  id INTEGER PRIMARY KEY,
  arriving_person_id INTEGER NOT NULL REFERENCES person(id),
  existing_person_id INTEGER NOT NULL REFERENCES person(id),
  probability_ppm INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  agency_id INTEGER REFERENCES agency(id),
  source_reference TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  decided_by INTEGER REFERENCES app_user(id),
  decided_at INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX link_review_status ON link_review(status, id);
CREATE INDEX link_review_arriving ON link_review(arriving_person_id);
CREATE INDEX link_review_existing ON link_review(existing_person_id);
CREATE TABLE person_merge (
  id INTEGER PRIMARY KEY,
  merged_person_id INTEGER NOT NULL REFERENCES person(id),
  surviving_person_id INTEGER NOT NULL REFERENCES person(id),
  link_review_id INTEGER REFERENCES link_review(id),
  merged_by INTEGER REFERENCES app_user(id),
  merged_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  undone_by INTEGER REFERENCES app_user(id),
  undone_at INTEGER NOT NULL DEFAULT 0,
  undo_reason TEXT NOT NULL DEFAULT '',
  CHECK (merged_person_id <> surviving_person_id)
);
CREATE UNIQUE INDEX person_merge_standing ON person_merge(merged_person_id) WHERE undone_at = 0;
CREATE INDEX person_merge_surviving ON person_merge(surviving_person_id, undone_at);
)sql";

// User administration and released MASH answers: an administrator's temporary password must
// be replaced at the next login (disabling needs no column: app_user.disabled is from
// migration 1); who released an agency's answer beyond the hub, shown on the child's record,
// which reads a child's contacts by child.
constexpr const char* kUserAdministration = R"sql(
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mash_check ADD COLUMN released_by INTEGER REFERENCES app_user(id);
CREATE INDEX mash_contact_child ON mash_contact(child_id, id);
)sql";

// A temporary password works for a limited time (AuthSettings::temporary_password_seconds).
// Those issued before this migration get the default three days from the upgrade, since when
// each was issued is not recorded.
constexpr const char* kTemporaryPasswordExpiry = R"sql(
ALTER TABLE app_user ADD COLUMN temporary_password_expires_at INTEGER NOT NULL DEFAULT 0;
UPDATE app_user SET temporary_password_expires_at = CAST(strftime('%s', 'now') AS INTEGER) + 259200
 WHERE must_change_password = 1;
)sql";

// The child index's identity generation (PersonRepository::IdentityGeneration): one number
// that every change to a person or a merge moves, kept by triggers so that writes by any
// connection or process count. A feed finds children on a read snapshot ahead of its unit of
// work and trusts those answers only while the number says nobody else changed identities.
constexpr const char* kIdentityGeneration = R"sql(
CREATE TABLE identity_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO identity_generation(id, generation) VALUES (1, 1);
CREATE TRIGGER person_insert_moves_generation AFTER INSERT ON person
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_update_moves_generation AFTER UPDATE ON person
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_delete_moves_generation AFTER DELETE ON person
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER merge_insert_moves_generation AFTER INSERT ON person_merge
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER merge_update_moves_generation AFTER UPDATE ON person_merge
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER merge_delete_moves_generation AFTER DELETE ON person_merge
BEGIN UPDATE identity_generation SET generation = generation + 1 WHERE id = 1; END;
)sql";

// The child record generation (PersonRepository::ChildRecordGeneration): one number that
// every change to what a child's record shows or its access rule reads moves, kept by
// triggers so that writes by any connection or process count. Audited reads keep what they
// read of a child while it has not moved. A new person, team, agency or practitioner does
// not move it: nobody's record shows them until a membership, relationship or involvement
// (which do move it) refers to them. Events, casework and the audit do not move it.
constexpr const char* kChildRecordGeneration = R"sql(
CREATE TABLE child_record_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO child_record_generation(id, generation) VALUES (1, 1);
CREATE TRIGGER person_update_moves_record_generation AFTER UPDATE ON person
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_delete_moves_record_generation AFTER DELETE ON person
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_merge_insert_moves_record_generation AFTER INSERT ON person_merge
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_merge_update_moves_record_generation AFTER UPDATE ON person_merge
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER person_merge_delete_moves_record_generation AFTER DELETE ON person_merge
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER involvement_insert_moves_record_generation AFTER INSERT ON involvement
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER involvement_update_moves_record_generation AFTER UPDATE ON involvement
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER involvement_delete_moves_record_generation AFTER DELETE ON involvement
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_insert_moves_record_generation AFTER INSERT ON household
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_update_moves_record_generation AFTER UPDATE ON household
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_delete_moves_record_generation AFTER DELETE ON household
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_member_insert_moves_record_generation AFTER INSERT ON household_member
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_member_update_moves_record_generation AFTER UPDATE ON household_member
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER household_member_delete_moves_record_generation AFTER DELETE ON household_member
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER relationship_insert_moves_record_generation AFTER INSERT ON relationship
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER relationship_update_moves_record_generation AFTER UPDATE ON relationship
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER relationship_delete_moves_record_generation AFTER DELETE ON relationship
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER team_update_moves_record_generation AFTER UPDATE ON team
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER team_delete_moves_record_generation AFTER DELETE ON team
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER agency_update_moves_record_generation AFTER UPDATE ON agency
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER agency_delete_moves_record_generation AFTER DELETE ON agency
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER practitioner_update_moves_record_generation AFTER UPDATE ON practitioner
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER practitioner_delete_moves_record_generation AFTER DELETE ON practitioner
BEGIN UPDATE child_record_generation SET generation = generation + 1 WHERE id = 1; END;
)sql";

constexpr std::array<Migration, 13> kMigrations = {{
    {1, "foundation: people, organisations, households, involvements, events, users, audit",
     kFoundationSchema},
    {2, "shielding, sharing decisions, misuse review queue", kSharingSchema},
    {3, "event attributes from agency feeds; surname and birth index", kEventAttributes},
    {4, "signposting: plan periods and key worker notifications", kSignposting},
    {5, "MASH front door: contacts and agency checks", kMash},
    {6, "statutory casework: the accepted workflow steps of each child", kCasework},
    {7, "cumulative concern alerts and their evidence", kConcernAlerts},
    {8, "open timescales derived from the casework steps, for due and overdue lists", kOpenTimescales},
    {9, "child index clerical review: possible matches, decisions, person merges", kLinkReview},
    {10, "user administration (temporary passwords); who released a MASH answer; contacts by child",
     kUserAdministration},
    {11, "temporary passwords expire", kTemporaryPasswordExpiry},
    {12, "identity generation: what lets a feed find children ahead of its unit of work", kIdentityGeneration},
    {13, "child record generation: what lets audited reads keep what they read of a child",
     kChildRecordGeneration},
}};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

Status Migrate(Connection& c) {
  RETURN_IF_ERROR(c.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
      "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"));
  int current = 0;
  std::set<int> applied;
  {
    ASSIGN_OR_RETURN(auto stmt, c.Prepare("SELECT version FROM schema_migration"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      applied.insert(static_cast<int>(stmt->Int(0)));
      current = std::max(current, static_cast<int>(stmt->Int(0)));
    }
  }
  const int latest = kMigrations.back().version;
  if (current > latest) {
    return FailedPrecondition("database schema version " + std::to_string(current) +
                              " is newer than this safehub (" + std::to_string(latest) + "); upgrade safehub");
  }
  for (const Migration& m : kMigrations) {
    // Versions are reserved per capability and may land out of order (6 after 7), so
    // every version not yet applied is applied, not only those above the highest.
    if (applied.count(m.version)) continue;
    RETURN_IF_ERROR(c.ExecuteScript("BEGIN IMMEDIATE"));
    Status s = c.ExecuteScript(m.sql);
    if (s.ok()) {
      auto stmt = c.Prepare("INSERT INTO schema_migration(version, description) VALUES (?, ?)");
      s = stmt.ok() ? (*stmt)->Bind(1, static_cast<std::int64_t>(m.version)).Bind(2, m.description).Run()
                    : stmt.status();
    }
    if (!s.ok()) {
      (void)c.ExecuteScript("ROLLBACK");
      return Internal("migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    RETURN_IF_ERROR(c.ExecuteScript("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace safehub::store::sqlite
