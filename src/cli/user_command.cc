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
}

}  // namespace safehub::cli
