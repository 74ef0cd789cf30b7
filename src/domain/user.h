// A login account and its sessions. The password hash and TOTP secret are opaque strings
// produced by the security module; the domain never sees a password. Plain value types.
#pragma once

#include <optional>
#include <string>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/access.h"

namespace safehub::domain {

struct User {
  UserId id;
  std::string username;       // lower case letters, digits, . _ -
  std::string display_name;
  Role role = Role::kPractitioner;
  Scope scope = Scope::kOwn;
  PractitionerId practitioner;
  std::string password_hash;  // argon2id encoded string
  std::string totp_secret;    // base32; empty when no second factor
  bool totp_enabled = false;
  int failed_logins = 0;      // consecutive failures since the last success
  UnixSeconds locked_until = 0;
  bool disabled = false;      // cannot log in; set and cleared by an administrator
  // Set when an administrator issues a temporary password: until the user chooses their own,
  // their session may do nothing but change it (or log out).
  bool must_change_password = false;
  // When a temporary password stops working (0: none is pending). It travels by phone or
  // message to the user; if they never use it, it must not stay a way in.
  UnixSeconds temporary_password_expires_at = 0;
};

// A login session. Only a hash of the session token is stored, so a copy of the database
// does not let anyone log in.
struct Session {
  std::string token_hash;     // hex BLAKE2b of the cookie value
  UserId user;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;
  UnixSeconds expires_at = 0; // absolute expiry
};

// Username shape, display name, a practitioner for roles that read children.
Status Validate(const User& user);

}  // namespace safehub::domain
