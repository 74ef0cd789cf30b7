#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "security/crypto.h"

namespace safehub::cli {

namespace {

struct UserAddOptions {
  std::string db = "safehub.db";
  std::string username;
  std::string display_name;
  std::string role = "practitioner";
  std::string scope = "own";
  std::int64_t practitioner_id = 0;
  bool password_stdin = false;
};

struct UserChangeOptions {
  std::string db = "safehub.db";
  std::string username;
  std::string role;
  std::string scope;
  std::int64_t practitioner_id = 0;
  bool password_stdin = false;
};

// The id of a user named on the command line; fails the command when there is none.
UserId UserIdOf(Runtime& runtime, const std::string& username) {
  UserId id;
  Status s = runtime.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto user, tx.GetUserByUsername(username));
    id = user.id;
    return Status::Ok();
  });
  if (!s.ok()) Fail(s);
  return id;
}

// --db and --username, which every command about an existing user takes.
std::shared_ptr<UserChangeOptions> AddUserOptions(CLI::App* cmd) {
  auto o = std::make_shared<UserChangeOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  cmd->add_option("--username", o->username, "the user's login name")->required();
  return o;
}

// The operator at the machine acts as an administrator (null actor): the audit names the
// command line, and the last administrator still cannot be removed.
void RegisterUserChangeCommands(CLI::App* user) {
  auto* set = user->add_subcommand("set", "Move a user to another role, scope or practitioner (hence team)");
  auto so = AddUserOptions(set);
  set->add_option("--role", so->role, "practitioner, manager, safeguarding_lead, administrator, auditor")->required();
  set->add_option("--scope", so->scope, "own, team, agency, all")->required();
  set->add_option("--practitioner-id", so->practitioner_id, "the practitioner this user is (needed below all scope)");
  set->callback([so] {
    auto runtime = OpenRuntime(so->db);
    if (!runtime.ok()) Fail(runtime.status());
    auto role = domain::ParseRole(so->role);
    if (!role.ok()) Fail(role.status());
    auto scope = domain::ParseScope(so->scope);
    if (!scope.ok()) Fail(scope.status());
    auto user = (*runtime)->auth->ChangeUser(nullptr, UserIdOf(**runtime, so->username),
                                             {*role, *scope, PractitionerId(so->practitioner_id)});
    if (!user.ok()) Fail(user.status());
    std::cout << "user " << user->username << " is now " << domain::ToString(user->role) << " with "
              << domain::ToString(user->scope) << " scope\n";
  });

  for (const bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                     disable ? "Disable a user: they cannot log in and their sessions end"
                                             : "Re-enable a disabled user (also clears a lockout)");
    auto o = AddUserOptions(cmd);
    cmd->callback([o, disable] {
      auto runtime = OpenRuntime(o->db);
      if (!runtime.ok()) Fail(runtime.status());
      auto user = (*runtime)->auth->SetUserDisabled(nullptr, UserIdOf(**runtime, o->username), disable);
      if (!user.ok()) Fail(user.status());
      std::cout << "user " << user->username << (disable ? " disabled\n" : " enabled\n");
    });
  }

  auto* reset = user->add_subcommand(
      "reset-password", "Issue a temporary password the user must change at next login (or set one from stdin)");
  auto ro = AddUserOptions(reset);
  reset->add_flag("--password-stdin", ro->password_stdin,
                  "set the password read from the first line of stdin instead (no change forced)");
  reset->callback([ro] {
    auto runtime = OpenRuntime(ro->db);
    if (!runtime.ok()) Fail(runtime.status());
    if (ro->password_stdin) {
      std::string password;
      std::getline(std::cin, password);
      Status s = (*runtime)->auth->ResetPassword(nullptr, ro->username, password);
      if (!s.ok()) Fail(s);
      std::cout << "password of " << ro->username << " set; their sessions ended\n";
      return;
    }
    auto temporary = (*runtime)->auth->IssueTemporaryPassword(nullptr, UserIdOf(**runtime, ro->username));
    if (!temporary.ok()) Fail(temporary.status());
    std::cout << "temporary password for " << ro->username << ": " << temporary->password
              << "\n(shown once; it works until " << FormatTimestamp(temporary->expires_at)
              << " and they must choose their own at the next login)\n";
  });
}

}  // namespace

void RegisterUserCommand(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Manage login accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create a user (the password is read from stdin or generated)");
  auto o = std::make_shared<UserAddOptions>();
  add->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  add->add_option("--username", o->username, "login name: a-z 0-9 . _ -")->required();
  add->add_option("--display-name", o->display_name, "the person's name as colleagues know it")->required();
  add->add_option("--role", o->role, "practitioner, manager, safeguarding_lead, administrator, auditor")
      ->capture_default_str();
  add->add_option("--scope", o->scope, "own, team, agency, all")->capture_default_str();
  add->add_option("--practitioner-id", o->practitioner_id, "the practitioner this user is (needed below all scope)");
  add->add_flag("--password-stdin", o->password_stdin, "read the password from the first line of stdin");
  add->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    app::NewUser u;
    u.username = o->username;
    u.display_name = o->display_name;
    auto role = domain::ParseRole(o->role);
    if (!role.ok()) Fail(role.status());
    auto scope = domain::ParseScope(o->scope);
    if (!scope.ok()) Fail(scope.status());
    u.role = *role;
    u.scope = *scope;
    u.practitioner = PractitionerId(o->practitioner_id);
    bool generated = false;
    if (o->password_stdin) {
      std::getline(std::cin, u.password);
    } else {
      u.password = security::RandomToken(15);
      generated = true;
    }
    auto id = (*runtime)->auth->CreateUser(nullptr, u);
    if (!id.ok()) Fail(id.status());
    std::cout << "created user " << u.username << " (id " << id->value << ")\n";
    if (generated) std::cout << "password: " << u.password << "\n(shown once; it is stored only as an argon2id hash)\n";
  });
  RegisterUserChangeCommands(user);
}

}  // namespace safehub::cli
