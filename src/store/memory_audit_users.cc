// The in-memory fake's users, sessions and audit trail: UserRepository and AuditRepository of
// MemoryTransaction (memory_store_state.h).
#include "store/memory_store_state.h"

namespace safehub::store::memory {

Result<UserId> MemoryTransaction::InsertUser(const User& u) {
  RETURN_IF_ERROR(Writable());
  for (const auto& [id, other] : s_.users) {
    if (other.username == u.username) return AlreadyExists("user " + u.username + " already exists", "username");
  }
  return InsertRow(s_.users, s_.next_id, u, &User::id);
}

Result<User> MemoryTransaction::GetUser(UserId id) { return FindRow(s_.users, id, "user"); }

Result<User> MemoryTransaction::GetUserByUsername(const std::string& username) {
  for (const auto& [id, u] : s_.users) {
    if (u.username == username) return u;
  }
  return NotFound("user " + username + " does not exist");
}

Status MemoryTransaction::UpdateUser(const User& u) {
  RETURN_IF_ERROR(Writable());
  if (!s_.users.count(u.id.value)) return NotFound("user " + u.id.ToString() + " does not exist");
  s_.users[u.id.value] = u;
  return Status::Ok();
}

Result<std::vector<User>> MemoryTransaction::ListUsers() { return Values(s_.users); }

Status MemoryTransaction::InsertSession(const Session& session) {
  RETURN_IF_ERROR(Writable());
  s_.sessions[session.token_hash] = session;
  return Status::Ok();
}

Result<Session> MemoryTransaction::GetSession(const std::string& token_hash) {
  auto it = s_.sessions.find(token_hash);
  if (it == s_.sessions.end()) return NotFound("no such session");
  return it->second;
}

Status MemoryTransaction::TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) {
  RETURN_IF_ERROR(Writable());
  auto it = s_.sessions.find(token_hash);
  if (it == s_.sessions.end()) return NotFound("no such session");
  it->second.last_seen_at = last_seen_at;
  return Status::Ok();
}

Status MemoryTransaction::DeleteSession(const std::string& token_hash) {
  RETURN_IF_ERROR(Writable());
  s_.sessions.erase(token_hash);
  return Status::Ok();
}

Status MemoryTransaction::DeleteSessionsOf(UserId user) {
  RETURN_IF_ERROR(Writable());
  std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.user == user; });
  return Status::Ok();
}

Status MemoryTransaction::AppendAudit(const AuditEntry& e) {
  RETURN_IF_ERROR(Writable());
  if (s_.audit.count(e.sequence)) return AlreadyExists("audit sequence " + std::to_string(e.sequence) + " is taken");
  s_.audit[e.sequence] = e;
  return Status::Ok();
}

Result<std::optional<AuditEntry>> MemoryTransaction::LastAudit() {
  if (s_.audit.empty()) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(s_.audit.rbegin()->second);
}

Result<std::vector<AuditEntry>> MemoryTransaction::ScanAudit(std::int64_t after, int limit) {
  std::vector<AuditEntry> out;
  for (auto it = s_.audit.upper_bound(after); it != s_.audit.end() && static_cast<int>(out.size()) < limit; ++it) {
    out.push_back(it->second);
  }
  return out;
}

Result<std::vector<AuditEntry>> MemoryTransaction::AuditOfChild(PersonId child, int limit) {
  std::vector<AuditEntry> out;
  for (auto it = s_.audit.rbegin(); it != s_.audit.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (it->second.child == child) out.push_back(it->second);
  }
  return out;
}

}  // namespace safehub::store::memory
