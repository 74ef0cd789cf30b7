#include "app/auth_service.h"

#include "app/session_cache.h"
#include "store/deferred_commits.h"

namespace safehub::app {

using domain::AuditEntry;
using domain::AuditOutcome;

namespace {

constexpr const char* kWrongCredentials = "username or password is wrong";

// A real argon2id hash of nothing useful, verified when the username is unknown so that
// a wrong username takes as long as a wrong password.
const std::string& DummyHash() {
  static const std::string hash =
      security::HashPassword("not-a-real-password", security::HashStrength::kInteractive).value();
  return hash;
}

}  // namespace

Result<domain::Principal> AuthService::PrincipalOf(store::Transaction& tx, const domain::User& user) {
  domain::Principal p;
  p.user = user.id;
  p.username = user.username;
  p.role = user.role;
  p.scope = user.scope;
  p.practitioner = user.practitioner;
  if (user.practitioner.valid()) {
    ASSIGN_OR_RETURN(auto practitioner, tx.GetPractitioner(user.practitioner));
    ASSIGN_OR_RETURN(auto team, tx.GetTeam(practitioner.team));
    p.team = team.id;
    p.agency = team.agency;
  }
  return p;
}

Status AuthService::AuditLogin(const std::string& username, const domain::User* user, AuditOutcome outcome,
                               const std::string& detail) {
  return store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e;
    e.user = user ? user->id : UserId();
    e.username = username.substr(0, 64);
    e.role = user ? std::string(domain::ToString(user->role)) : "";
    e.action = "login";
    e.resource = "/api/v1/session";
    e.outcome = outcome;
    e.detail = detail;
    return audit_.Append(tx, e);
  });
}

Result<LoginResult> AuthService::Login(const LoginRequest& request) {
  const UnixSeconds now = clock_.Now();
  domain::User user;
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto u = tx.GetUserByUsername(request.username);
    if (u.ok()) {
      user = *u;
      found = true;
      return Status::Ok();
    }
    return u.status().code() == StatusCode::kNotFound ? Status::Ok() : u.status();
  }));

  if (!found) {
    (void)security::VerifyPassword(request.password, DummyHash());
    RETURN_IF_ERROR(AuditLogin(request.username, nullptr, AuditOutcome::kFailed, "unknown username"));
    return Unauthenticated(kWrongCredentials);
  }
  if (user.disabled) {
    RETURN_IF_ERROR(AuditLogin(user.username, &user, AuditOutcome::kDenied, "account disabled"));
    return Unauthenticated("account is disabled; ask an administrator");
  }
  if (user.locked_until > now) {
    RETURN_IF_ERROR(AuditLogin(user.username, &user, AuditOutcome::kDenied, "account locked"));
    return Unauthenticated("account is locked after repeated failed logins until " +
                           FormatTimestamp(user.locked_until));
  }

  const bool password_ok = security::VerifyPassword(request.password, user.password_hash);
  const bool second_factor_ok =
      !user.totp_enabled || security::VerifyTotp(user.totp_secret, request.totp_code, now);
  if (!password_ok || !second_factor_ok) {
    std::string detail = !password_ok ? "wrong password" : "wrong or missing second factor code";
    Status s = store_.Write([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(domain::User current, tx.GetUser(user.id));
      current.failed_logins += 1;
      if (current.failed_logins >= settings_.max_failed_logins) {
        current.locked_until = now + settings_.lockout_seconds;
        current.failed_logins = 0;
        detail += "; account locked until " + FormatTimestamp(current.locked_until);
      }
      RETURN_IF_ERROR(tx.UpdateUser(current));
      AuditEntry e = EntryBy(user, "login", "/api/v1/session");
      e.outcome = AuditOutcome::kFailed;
      e.detail = detail;
      return audit_.Append(tx, e);
    });
    RETURN_IF_ERROR(s);
    if (password_ok && user.totp_enabled) return Unauthenticated("second factor code is wrong or missing");
    return Unauthenticated(kWrongCredentials);
  }

  // Checked only once the password is right, so a guesser learns nothing from it.
  if (user.must_change_password && user.temporary_password_expires_at > 0 && now >= user.temporary_password_expires_at) {
    RETURN_IF_ERROR(AuditLogin(user.username, &user, AuditOutcome::kDenied,
                               "temporary password expired " + FormatTimestamp(user.temporary_password_expires_at)));
    return Unauthenticated("the temporary password has expired; ask an administrator for a new one");
  }

  LoginResult result;
  result.session_token = security::RandomToken(32);
  result.csrf_token = security::RandomToken(24);
  result.expires_at = now + settings_.absolute_timeout_seconds;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User current, tx.GetUser(user.id));
    current.failed_logins = 0;
    current.locked_until = 0;
    RETURN_IF_ERROR(tx.UpdateUser(current));
    ASSIGN_OR_RETURN(result.principal, PrincipalOf(tx, current));
    result.must_change_password = current.must_change_password;
    domain::Session session{security::Blake2bHex(result.session_token), user.id, result.csrf_token,
                            now, now, result.expires_at};
    RETURN_IF_ERROR(tx.InsertSession(session));
    AuditEntry e = EntryBy(user, "login", "/api/v1/session");
    e.outcome = AuditOutcome::kAllowed;
    e.detail = user.totp_enabled ? "password and second factor" : "password";
    if (current.must_change_password) e.detail += " (temporary; must be changed)";
    return audit_.Append(tx, e);
  }));
  return result;
}

AuthService::AuthService(store::Store& store, const Clock& clock, AuthSettings settings)
    : store_(store),
      clock_(clock),
      audit_(clock),
      settings_(settings),
      sessions_(std::make_unique<SessionCache>(settings.session_cache_seconds)) {}

AuthService::~AuthService() = default;

Result<AuthContext> AuthService::Authenticate(std::string_view session_token) {
  if (session_token.empty()) return Unauthenticated("log in first");
  const UnixSeconds now = clock_.Now();
  const std::string token_hash = security::Blake2bHex(session_token);
  if (auto cached = sessions_->Find(token_hash, now)) return std::move(*cached);
  AuthContext context;
  UnixSeconds expires_at = 0;
  bool expired = false;
  bool touch = false;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto session = tx.GetSession(token_hash);
    if (!session.ok()) {
      return session.status().code() == StatusCode::kNotFound ? Unauthenticated("session is not valid; log in again")
                                                               : session.status();
    }
    if (now >= session->expires_at || now - session->last_seen_at > settings_.idle_timeout_seconds) {
      expired = true;
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(auto user, tx.GetUser(session->user));
    if (user.disabled) return Unauthenticated("account is disabled");
    ASSIGN_OR_RETURN(context.principal, PrincipalOf(tx, user));
    context.must_change_password = user.must_change_password;
    context.token_hash = token_hash;
    context.csrf_token = session->csrf_token;
    expires_at = session->expires_at;
    // Writing last_seen on every request would serialise all reads behind the writer; a
    // minute's resolution is plenty for a 30-minute idle timeout.
    touch = now - session->last_seen_at >= 60;
    return Status::Ok();
  }));
  if (expired) {
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return tx.DeleteSession(token_hash); }));
    return Unauthenticated("session has expired; log in again");
  }
  if (touch) {
    RETURN_IF_ERROR(store::DeferredCommits::WriteOwned(
        store_, [token_hash, now](store::Transaction& tx) { return tx.TouchSession(token_hash, now); }));
  }
  sessions_->Remember(context, expires_at, now);
  return context;
}

Status AuthService::Logout(const AuthContext& context) {
  sessions_->ForgetSession(context.token_hash);
  return store_.Write([&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.DeleteSession(context.token_hash));
    AuditEntry e = EntryBy(&context.principal, "logout", "/api/v1/session");
    return audit_.Append(tx, e);
  });
}

Result<std::string> AuthService::BeginTotpEnrolment(const AuthContext& context) {
  std::string secret = security::NewTotpSecret();
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUser(context.principal.user));
    if (user.totp_enabled) return AlreadyExists("second factor is already enabled", "totp");
    user.totp_secret = secret;
    RETURN_IF_ERROR(tx.UpdateUser(user));
    AuditEntry e = EntryBy(user, "begin_totp_enrolment", "/api/v1/session/totp");
    return audit_.Append(tx, e);
  }));
  return secret;
}

Status AuthService::ConfirmTotp(const AuthContext& context, std::string_view code) {
  return store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUser(context.principal.user));
    if (user.totp_enabled) return AlreadyExists("second factor is already enabled", "totp");
    if (user.totp_secret.empty()) return FailedPrecondition("start enrolment first", "code");
    if (!security::VerifyTotp(user.totp_secret, code, clock_.Now())) {
      return InvalidArgument("code does not match the authenticator", "code");
    }
    user.totp_enabled = true;
    RETURN_IF_ERROR(tx.UpdateUser(user));
    AuditEntry e = EntryBy(user, "enable_totp", "/api/v1/session/totp/confirm");
    return audit_.Append(tx, e);
  });
}

Result<UserId> AuthService::CreateUser(const AuthContext* actor, const NewUser& request) {
  if (actor && !domain::RoleManagesUsers(actor->principal.role)) {
    return PermissionDenied("only an administrator can create users");
  }
  RETURN_IF_ERROR(security::CheckPasswordStrength(request.password));
  domain::User user;
  user.username = request.username;
  user.display_name = request.display_name;
  user.role = request.role;
  user.scope = request.scope;
  user.practitioner = request.practitioner;
  ASSIGN_OR_RETURN(user.password_hash, security::HashPassword(request.password, settings_.hash_strength));
  RETURN_IF_ERROR(domain::Validate(user));
  UserId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(id, tx.InsertUser(user));
    AuditEntry e = EntryBy(actor ? &actor->principal : nullptr, "create_user", "/api/v1/users/" + id.ToString());
    e.detail = "created " + user.username + " as " + std::string(domain::ToString(user.role)) + " with " +
               std::string(domain::ToString(user.scope)) + " scope";
    return audit_.Append(tx, e);
  }));
  return id;
}

Status AuthService::ResetPassword(const AuthContext* actor, const std::string& username, const std::string& password) {
  if (actor && !domain::RoleManagesUsers(actor->principal.role)) {
    return PermissionDenied("only an administrator can reset passwords");
  }
  RETURN_IF_ERROR(security::CheckPasswordStrength(password));
  ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password, settings_.hash_strength));
  UserId reset;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(domain::User user, tx.GetUserByUsername(username));
    reset = user.id;
    user.password_hash = hash;
    user.failed_logins = 0;
    user.locked_until = 0;
    user.must_change_password = false;  // a password the operator chose for them
    user.temporary_password_expires_at = 0;
    RETURN_IF_ERROR(tx.UpdateUser(user));
    RETURN_IF_ERROR(tx.DeleteSessionsOf(user.id));
    AuditEntry e = EntryBy(actor ? &actor->principal : nullptr, "reset_password", "/api/v1/users/" + user.id.ToString());
    e.detail = "for " + user.username;
    return audit_.Append(tx, e);
  }));
  sessions_->ForgetUser(reset);
  return Status::Ok();
}

Status AuthService::RecordRefusal(const AuthContext* caller, const std::string& resource, const std::string& detail) {
  AuditEntry e = EntryBy(caller ? &caller->principal : nullptr, "refused_request", resource.substr(0, 200));
  if (!caller) e.username.clear();  // an unidentified caller, not the command line
  e.outcome = AuditOutcome::kDenied;
  e.detail = detail;
  return store::DeferredCommits::WriteOwned(store_, [this, e = std::move(e)](store::Transaction& tx) {
    return audit_.Append(tx, e);
  });
}

Result<std::vector<domain::User>> AuthService::ListUsers(const AuthContext& actor) {
  if (!domain::RoleManagesUsers(actor.principal.role)) return PermissionDenied("only an administrator can list users");
  std::vector<domain::User> users;
  // Staff accounts are personal data too: the listing is audited like any other read.
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(users, tx.ListUsers());
    AuditEntry e = EntryBy(&actor.principal, "list_users", "/api/v1/users");
    e.detail = std::to_string(users.size()) + " users";
    return audit_.Append(tx, e);
  }));
  return users;
}

}  // namespace safehub::app
