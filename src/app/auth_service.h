// Login, sessions, lockout, TOTP and user administration. Passwords are argon2id hashes;
// session tokens are random and only their BLAKE2b hash is stored; every login attempt,
// success or failure, is audited. Thread-safe.
#pragma once

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
};

// An authenticated request's caller.
struct AuthContext {
  domain::Principal principal;
  std::string token_hash;
  std::string csrf_token;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  domain::Role role = domain::Role::kPractitioner;
  domain::Scope scope = domain::Scope::kOwn;
  PractitionerId practitioner;
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthSettings settings)
      : store_(store), clock_(clock), audit_(clock), settings_(settings) {}

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

  // Audits a refused request (no session, expired session, missing CSRF token). `caller`
  // is null when nobody could be identified.
  Status RecordRefusal(const AuthContext* caller, const std::string& resource, const std::string& detail);

  const AuthSettings& settings() const { return settings_; }

 private:
  Result<domain::Principal> PrincipalOf(store::Transaction& tx, const domain::User& user);
  Status AuditLogin(const std::string& username, const domain::User* user, domain::AuditOutcome outcome,
                    const std::string& detail);

  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  AuthSettings settings_;
};

}  // namespace safehub::app
