// Login, sessions, lockout, TOTP and user administration. Passwords are argon2id hashes;
// session tokens are random and only their BLAKE2b hash is stored; every login attempt,
// success or failure, is audited. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit_trail.h"
#include "common/clock.h"
#include "domain/access.h"
#include "domain/user.h"
#include "security/crypto.h"
#include "store/store.h"

namespace safehub::app {

struct AuthSettings {
  int max_failed_logins = 5;                // then the account locks
  std::int64_t lockout_seconds = 15 * 60;
  std::int64_t idle_timeout_seconds = 30 * 60;
  std::int64_t absolute_timeout_seconds = 12 * 60 * 60;
  // How long a session once read is trusted without reading it again (app/session_cache.h);
  // 0 reads it on every request.
  std::int64_t session_cache_seconds = 2;
  // How long an issued temporary password works: three days, so one issued on a Friday
  // still works on Monday morning, but an unused one does not linger.
  std::int64_t temporary_password_seconds = 72 * 60 * 60;
  security::HashStrength hash_strength = security::HashStrength::kInteractive;
};

struct LoginRequest {
  std::string username;
  std::string password;
  std::string totp_code;  // required when the user has a second factor
};

struct LoginResult {
  std::string session_token;  // goes in the HttpOnly cookie, never in a log
  std::string csrf_token;
  domain::Principal principal;
  UnixSeconds expires_at = 0;
  bool must_change_password = false;  // logged in with a temporary password
};

// An authenticated request's caller.
struct AuthContext {
  domain::Principal principal;
  std::string token_hash;
  std::string csrf_token;
  // The session may only change the password or log out until this is cleared.
  bool must_change_password = false;
};

// Where a user sits: their role, scope and the practitioner (hence team and agency) they are.
struct UserPlacement {
  domain::Role role = domain::Role::kPractitioner;
  domain::Scope scope = domain::Scope::kOwn;
  PractitionerId practitioner;
};

// Issued once and shown once; only its hash is stored.
struct TemporaryPassword {
  std::string password;
  UnixSeconds expires_at = 0;  // refused at login from then on
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  domain::Role role = domain::Role::kPractitioner;
  domain::Scope scope = domain::Scope::kOwn;
  PractitionerId practitioner;
};

class SessionCache;

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthSettings settings);
  ~AuthService();

  // kUnauthenticated for a wrong username, password or code, or a locked or disabled account
  // (the message never says which of username and password was wrong).
  Result<LoginResult> Login(const LoginRequest& request);
  // kUnauthenticated when the token is unknown, idle too long or past its absolute expiry.
  Result<AuthContext> Authenticate(std::string_view session_token);
  Status Logout(const AuthContext& context);

  // Starts TOTP enrolment: stores a new secret (not yet enforced) and returns it.
  Result<std::string> BeginTotpEnrolment(const AuthContext& context);
  // Enables the second factor when `code` matches the pending secret; kInvalidArgument if not.
  Status ConfirmTotp(const AuthContext& context, std::string_view code);

  // Creates a user. `actor` is null for the command line (the operator at the machine);
  // otherwise it must be an administrator (kPermissionDenied). kInvalidArgument listing every
  // violation; kAlreadyExists for a taken username.
  Result<UserId> CreateUser(const AuthContext* actor, const NewUser& user);
  Result<std::vector<domain::User>> ListUsers(const AuthContext& actor);
  // Sets a new password, clears lockout and ends the user's sessions. `actor` as for
  // CreateUser. kNotFound, kPermissionDenied, kInvalidArgument (weak password).
  Status ResetPassword(const AuthContext* actor, const std::string& username, const std::string& password);

  // User administration (user_administration.cc). `actor` is null for the command line;
  // otherwise it must be an administrator (kPermissionDenied, audited). Every change is
  // audited in its own transaction. kFailedPrecondition when the change would leave no active
  // administrator, or an administrator would disable themselves or change their own role.
  //
  // Changes role, scope and practitioner (the team follows from the practitioner). Takes
  // effect on the user's next request: sessions read the user afresh each time.
  Result<domain::User> ChangeUser(const AuthContext* actor, UserId id, const UserPlacement& placement);
  // Disabling ends every session of the user; enabling also clears a lockout.
  Result<domain::User> SetUserDisabled(const AuthContext* actor, UserId id, bool disabled);
  // A random temporary password, returned once and stored only as its hash; the user's
  // sessions end and their next login may do nothing but choose a new password. It works
  // until settings().temporary_password_seconds have passed (then login is refused).
  Result<TemporaryPassword> IssueTemporaryPassword(const AuthContext* actor, UserId id);
  // The caller replaces their own password (after a temporary one, or at will): the current
  // one must be right (kInvalidArgument on current_password) and the new one strong and
  // different. Their other sessions end; this one carries on.
  Status ChangeOwnPassword(const AuthContext& caller, const std::string& current, const std::string& replacement);

  // Audits a refused request (no session, expired session, missing CSRF token). `caller`
  // is null when nobody could be identified.
  Status RecordRefusal(const AuthContext* caller, const std::string& resource, const std::string& detail);

  const AuthSettings& settings() const { return settings_; }

 private:
  Result<domain::Principal> PrincipalOf(store::Transaction& tx, const domain::User& user);
  Status RequireAdministrator(const AuthContext* actor, const std::string& action, const std::string& resource);
  Status AuditLogin(const std::string& username, const domain::User* user, domain::AuditOutcome outcome,
                    const std::string& detail);

  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  AuthSettings settings_;
  std::unique_ptr<SessionCache> sessions_;
};

}  // namespace safehub::app
