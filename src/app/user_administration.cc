// User administration beyond creation: placing a user (role, scope, practitioner), disabling
// and re-enabling, temporary passwords, and users changing their own password. Part of
// AuthService; kept apart from login so each file stays small.
#include "app/auth_service.h"
#include "app/session_cache.h"

namespace safehub::app {

using domain::AuditEntry;
using domain::AuditOutcome;
using domain::Role;

namespace {

std::string UserResource(UserId id) { return "/api/v1/users/" + id.ToString(); }

// Active administrators other than `except`: the rule that someone must always be able to
// administer the area is counted on the users as stored in this transaction.
Result<int> OtherActiveAdministrators(store::Transaction& tx, UserId except) {
  ASSIGN_OR_RETURN(auto users, tx.ListUsers());
  int n = 0;
  for (const auto& u : users) {
    if (u.id != except && u.role == Role::kAdministrator && !u.disabled) ++n;
  }
  return n;
}

std::string Describe(const domain::User& u) {
  return std::string(domain::ToString(u.role)) + " with " + std::string(domain::ToString(u.scope)) +
         " scope, practitioner " + (u.practitioner.valid() ? u.practitioner.ToString() : "none");
}

}  // namespace

Status AuthService::RequireAdministrator(const AuthContext* actor, const std::string& action,
                                         const std::string& resource) {
  if (!actor || domain::RoleManagesUsers(actor->principal.role)) return Status::Ok();
  // A refused administrative attempt is itself worth a trace: it may be someone probing.
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e = EntryBy(&actor->principal, action, resource);
    e.outcome = AuditOutcome::kDenied;
    e.detail = "not an administrator";
    return audit_.Append(tx, e);
  }));
  return PermissionDenied("only an administrator can manage users");
}

Result<domain::User> AuthService::ChangeUser(const AuthContext* actor, UserId id, const UserPlacement& placement) {
  const std::string resource = UserResource(id);
  RETURN_IF_ERROR(RequireAdministrator(actor, "change_user", resource));
  domain::User changed;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUser(id));
    const std::string before = Describe(user);
    if (actor && actor->principal.user == id && placement.role != user.role) {
      // Demoting oneself mid-session is almost always a slip; another administrator does it.
      return FailedPrecondition("user " + user.username + ": an administrator cannot change their own role; "
                                "ask another administrator", "role");
    }
    if (user.role == Role::kAdministrator && placement.role != Role::kAdministrator && !user.disabled) {
      ASSIGN_OR_RETURN(int others, OtherActiveAdministrators(tx, id));
      if (others == 0) {
        return FailedPrecondition("user " + user.username + " is the last active administrator; make another "
                                  "administrator first", "role");
      }
    }
    if (placement.practitioner.valid()) {
      auto p = tx.GetPractitioner(placement.practitioner);
      if (!p.ok()) {
        return p.status().code() == StatusCode::kNotFound
                   ? InvalidArgument("user " + user.username + ": practitioner " +
                                         placement.practitioner.ToString() + " does not exist", "practitioner_id")
                   : p.status();
      }
    }
    user.role = placement.role;
    user.scope = placement.scope;
    user.practitioner = placement.practitioner;
    RETURN_IF_ERROR(domain::Validate(user));
    RETURN_IF_ERROR(tx.UpdateUser(user));
    AuditEntry e = EntryBy(actor ? &actor->principal : nullptr, "change_user", resource);
    e.detail = user.username + ": " + before + " -> " + Describe(user);
    RETURN_IF_ERROR(audit_.Append(tx, e));
    changed = user;
    return Status::Ok();
  }));
  sessions_->ForgetUser(id);
  return changed;
}

Result<domain::User> AuthService::SetUserDisabled(const AuthContext* actor, UserId id, bool disabled) {
  const std::string resource = UserResource(id) + (disabled ? "/disable" : "/enable");
  const char* action = disabled ? "disable_user" : "enable_user";
  RETURN_IF_ERROR(RequireAdministrator(actor, action, resource));
  domain::User changed;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUser(id));
    if (disabled && actor && actor->principal.user == id) {
      return FailedPrecondition("user " + user.username + ": an administrator cannot disable themselves",
                                "disabled");
    }
    if (disabled && user.role == Role::kAdministrator && !user.disabled) {
      ASSIGN_OR_RETURN(int others, OtherActiveAdministrators(tx, id));
      if (others == 0) {
        return FailedPrecondition("user " + user.username + " is the last active administrator and cannot be "
                                  "disabled", "disabled");
      }
    }
    user.disabled = disabled;
    if (!disabled) {
      user.failed_logins = 0;
      user.locked_until = 0;
    }
    RETURN_IF_ERROR(tx.UpdateUser(user));
    if (disabled) RETURN_IF_ERROR(tx.DeleteSessionsOf(user.id));
    AuditEntry e = EntryBy(actor ? &actor->principal : nullptr, action, resource);
    e.detail = user.username + (disabled ? " disabled; sessions ended" : " enabled");
    RETURN_IF_ERROR(audit_.Append(tx, e));
    changed = user;
    return Status::Ok();
  }));
  sessions_->ForgetUser(id);
  return changed;
}

Result<TemporaryPassword> AuthService::IssueTemporaryPassword(const AuthContext* actor, UserId id) {
  const std::string resource = UserResource(id) + "/temporary-password";
  RETURN_IF_ERROR(RequireAdministrator(actor, "issue_temporary_password", resource));
  std::string password;
  do {
    password = security::RandomToken(15);  // 20 characters of base64url
  } while (!security::CheckPasswordStrength(password).ok());
  ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password, settings_.hash_strength));
  const UnixSeconds expires_at = clock_.Now() + settings_.temporary_password_seconds;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUser(id));
    user.password_hash = hash;
    user.must_change_password = true;
    user.temporary_password_expires_at = expires_at;
    user.failed_logins = 0;
    user.locked_until = 0;
    RETURN_IF_ERROR(tx.UpdateUser(user));
    RETURN_IF_ERROR(tx.DeleteSessionsOf(user.id));
    AuditEntry e = EntryBy(actor ? &actor->principal : nullptr, "issue_temporary_password", resource);
    // Never the password.
    e.detail = "for " + user.username + "; to be changed at next login, works until " + FormatTimestamp(expires_at) +
               "; sessions ended";
    return audit_.Append(tx, e);
  }));
  sessions_->ForgetUser(id);
  return TemporaryPassword{password, expires_at};
}

Status AuthService::ChangeOwnPassword(const AuthContext& caller, const std::string& current,
                                      const std::string& replacement) {
  const std::string resource = "/api/v1/session/password";
  domain::User user;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(user, tx.GetUser(caller.principal.user));
    return Status::Ok();
  }));
  if (!security::VerifyPassword(current, user.password_hash)) {
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
      AuditEntry e = EntryBy(user, "change_password", resource);
      e.outcome = AuditOutcome::kFailed;
      e.detail = "current password wrong";
      return audit_.Append(tx, e);
    }));
    return InvalidArgument("user " + user.username + ": the current password is wrong", "current_password");
  }
  if (Status s = security::CheckPasswordStrength(replacement); !s.ok()) {
    return InvalidArgument("user " + user.username + ": new " + s.message(), "new_password");
  }
  if (replacement == current) {
    return InvalidArgument("user " + user.username + ": the new password must differ from the current one",
                           "new_password");
  }
  ASSIGN_OR_RETURN(std::string hash, security::HashPassword(replacement, settings_.hash_strength));
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User fresh, tx.GetUser(user.id));
    fresh.password_hash = hash;
    fresh.must_change_password = false;
    fresh.temporary_password_expires_at = 0;
    RETURN_IF_ERROR(tx.UpdateUser(fresh));
    // Whoever else held a session on the old password is out; the caller keeps theirs.
    ASSIGN_OR_RETURN(domain::Session mine, tx.GetSession(caller.token_hash));
    RETURN_IF_ERROR(tx.DeleteSessionsOf(user.id));
    RETURN_IF_ERROR(tx.InsertSession(mine));
    AuditEntry e = EntryBy(fresh, "change_password", resource);
    e.detail = user.must_change_password ? "replaced a temporary password" : "changed; other sessions ended";
    return audit_.Append(tx, e);
  }));
  sessions_->ForgetUser(user.id);  // other sessions ended; this one no longer must change it
  return Status::Ok();
}

}  // namespace safehub::app
