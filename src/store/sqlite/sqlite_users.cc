// SqliteTransaction: users, sessions and the audit trail (the rest of the transaction is in
// sqlite_transaction.cc and the sqlite_*.cc files beside it).
#include "store/sqlite/sqlite_transaction.h"

#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

using namespace safehub::domain;

namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, role, scope, practitioner_id, password_hash, totp_secret, "
    "totp_enabled, failed_logins, locked_until, disabled, must_change_password, temporary_password_expires_at";

User ReadUser(const Statement& q) {
  User u;
  u.id = UserId(q.Int(0));
  u.username = q.Text(1);
  u.display_name = q.Text(2);
  u.role = Or(ParseRole(q.Text(3)), Role::kAuditor);
  u.scope = Or(ParseScope(q.Text(4)), Scope::kOwn);
  u.practitioner = PractitionerId(q.IsNull(5) ? 0 : q.Int(5));
  u.password_hash = q.Text(6);
  u.totp_secret = q.Text(7);
  u.totp_enabled = q.Int(8) != 0;
  u.failed_logins = static_cast<int>(q.Int(9));
  u.locked_until = q.Int(10);
  u.disabled = q.Int(11) != 0;
  u.must_change_password = q.Int(12) != 0;
  u.temporary_password_expires_at = q.Int(13);
  return u;
}

constexpr const char* kAuditColumns =
    "sequence, at, user_id, username, role, action, resource, child_id, reason, basis, outcome, "
    "detail, previous_hash, hash";

AuditEntry ReadAudit(const Statement& q) {
  AuditEntry e;
  e.sequence = q.Int(0);
  e.at = q.Int(1);
  e.user = UserId(q.Int(2));
  e.username = q.Text(3);
  e.role = q.Text(4);
  e.action = q.Text(5);
  e.resource = q.Text(6);
  e.child = PersonId(q.Int(7));
  e.reason = q.Text(8);
  e.basis = q.Text(9);
  const std::string outcome = q.Text(10);
  e.outcome = outcome == "allowed" ? AuditOutcome::kAllowed
              : outcome == "denied" ? AuditOutcome::kDenied
                                    : AuditOutcome::kFailed;
  e.detail = q.Text(11);
  e.previous_hash = q.Text(12);
  e.hash = q.Text(13);
  return e;
}

}  // namespace

// ---- users and sessions ----

Result<UserId> SqliteTransaction::InsertUser(const User& u) {
  ASSIGN_OR_RETURN(auto exists, c_.Prepare("SELECT 1 FROM app_user WHERE username = ?"));
  exists->Bind(1, u.username);
  ASSIGN_OR_RETURN(bool row, exists->Step());
  if (row) return AlreadyExists("user " + u.username + " already exists", "username");
  if (u.practitioner.valid()) {
    RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", u.practitioner.value, "practitioner"));
  }
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO app_user(username, display_name, role, scope, practitioner_id, password_hash, "
      "totp_secret, totp_enabled, failed_logins, locked_until, disabled, must_change_password, "
      "temporary_password_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, u.username).Bind(2, u.display_name).Bind(3, ToString(u.role))
                      .Bind(4, ToString(u.scope)).BindId(5, u.practitioner.value).Bind(6, u.password_hash)
                      .Bind(7, u.totp_secret).Bind(8, std::int64_t{u.totp_enabled})
                      .Bind(9, std::int64_t{u.failed_logins}).Bind(10, u.locked_until)
                      .Bind(11, std::int64_t{u.disabled}).Bind(12, std::int64_t{u.must_change_password})
                      .Bind(13, u.temporary_password_expires_at).Run());
  return UserId(c_.LastInsertId());
}

Result<User> SqliteTransaction::GetUser(UserId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("user " + id.ToString() + " does not exist");
  return ReadUser(*q);
}

Result<User> SqliteTransaction::GetUserByUsername(const std::string& username) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE username = ?"));
  q->Bind(1, username);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("user " + username + " does not exist");
  return ReadUser(*q);
}

Status SqliteTransaction::UpdateUser(const User& u) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM app_user WHERE id = ?", u.id.value, "user"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE app_user SET display_name = ?, role = ?, scope = ?, practitioner_id = ?, password_hash = ?, "
      "totp_secret = ?, totp_enabled = ?, failed_logins = ?, locked_until = ?, disabled = ?, "
      "must_change_password = ?, temporary_password_expires_at = ? WHERE id = ?"));
  return q->Bind(1, u.display_name).Bind(2, ToString(u.role)).Bind(3, ToString(u.scope))
      .BindId(4, u.practitioner.value).Bind(5, u.password_hash).Bind(6, u.totp_secret)
      .Bind(7, std::int64_t{u.totp_enabled}).Bind(8, std::int64_t{u.failed_logins}).Bind(9, u.locked_until)
      .Bind(10, std::int64_t{u.disabled}).Bind(11, std::int64_t{u.must_change_password})
      .Bind(12, u.temporary_password_expires_at).Bind(13, u.id.value)
      .Run();
}

Result<std::vector<User>> SqliteTransaction::ListUsers() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kUserColumns + " FROM app_user ORDER BY username"));
  return CollectRows<User>(*q, ReadUser);
}

Status SqliteTransaction::InsertSession(const Session& s) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO user_session(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  return q->Bind(1, s.token_hash).Bind(2, s.user.value).Bind(3, s.csrf_token).Bind(4, s.created_at)
      .Bind(5, s.last_seen_at).Bind(6, s.expires_at).Run();
}

Result<Session> SqliteTransaction::GetSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM user_session "
      "WHERE token_hash = ?"));
  q->Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("no such session");
  return Session{q->Text(0), UserId(q->Int(1)), q->Text(2), q->Int(3), q->Int(4), q->Int(5)};
}

Status SqliteTransaction::TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?"));
  return q->Bind(1, last_seen_at).Bind(2, token_hash).Run();
}

Status SqliteTransaction::DeleteSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("DELETE FROM user_session WHERE token_hash = ?"));
  return q->Bind(1, token_hash).Run();
}

Status SqliteTransaction::DeleteSessionsOf(UserId user) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("DELETE FROM user_session WHERE user_id = ?"));
  return q->Bind(1, user.value).Run();
}

// ---- audit ----

Status SqliteTransaction::AppendAudit(const AuditEntry& e) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO audit_entry(sequence, at, user_id, username, role, action, resource, child_id, reason, "
      "basis, outcome, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  // Bound in place: the entry outlives the insert (a feed appends one per event).
  RETURN_IF_ERROR(q->Bind(1, e.sequence).Bind(2, e.at).Bind(3, e.user.value).BindView(4, e.username).BindView(5, e.role)
      .BindView(6, e.action).BindView(7, e.resource).Bind(8, e.child.value).BindView(9, e.reason)
      .BindView(10, e.basis).BindView(11, ToString(e.outcome)).BindView(12, e.detail)
      .BindView(13, e.previous_hash).BindView(14, e.hash).Run());
  // The head is the highest sequence: an entry stored below it (only a forger's, since
  // AuditTrail always appends above) leaves the head where it was.
  if (known_head_ != nullptr && known_head_->known &&
      (!known_head_->head || e.sequence > known_head_->head->sequence)) {
    known_head_->head = AuditHead{e.sequence, e.hash};
  }
  return Status::Ok();
}

Result<std::optional<AuditEntry>> SqliteTransaction::LastAudit() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kAuditColumns +
                                      " FROM audit_entry ORDER BY sequence DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(ReadAudit(*q));
}

Result<std::optional<AuditHead>> SqliteTransaction::AuditChainHead() {
  if (known_head_ != nullptr && known_head_->known) return known_head_->head;
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, q->Step());
  std::optional<AuditHead> head;
  if (row) head = AuditHead{q->Int(0), q->Text(1)};
  if (known_head_ != nullptr) *known_head_ = {true, head};
  return head;
}

Result<std::vector<AuditEntry>> SqliteTransaction::ScanAudit(std::int64_t after, int limit) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kAuditColumns +
                                      " FROM audit_entry WHERE sequence > ? ORDER BY sequence LIMIT ?"));
  q->Bind(1, after).Bind(2, static_cast<std::int64_t>(limit));
  return CollectRows<AuditEntry>(*q, ReadAudit);
}

Result<std::vector<AuditEntry>> SqliteTransaction::AuditOfChild(PersonId child, int limit) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kAuditColumns +
                                      " FROM audit_entry WHERE child_id = ? ORDER BY sequence DESC LIMIT ?"));
  q->Bind(1, child.value).Bind(2, static_cast<std::int64_t>(limit));
  return CollectRows<AuditEntry>(*q, ReadAudit);
}

}  // namespace safehub::store::sqlite
