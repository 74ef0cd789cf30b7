#include <filesystem>
#include <iostream>
#include <memory>

#include "app/synthetic_area.h"
#include "cli/commands.h"
#include "cli/runtime.h"
#include "security/crypto.h"

namespace safehub::cli {

namespace {

struct DemoOptions {
  std::string db = "demo/safehub-demo.db";
  int children = 2000;
  int years = 3;
  std::uint64_t seed = 1;
  bool serve = true;
  ServeOptions serve_options;
};

// Creates the demo login, or gives it a fresh password when it exists already.
Result<std::string> DemoLogin(Runtime& runtime, const app::SyntheticArea* area, const std::string& username,
                              domain::Role role, domain::Scope scope, PractitionerId practitioner) {
  const std::string password = "Demo-" + security::RandomToken(9);
  if (area != nullptr) {
    app::NewUser u{username, username, password, role, scope, practitioner};
    RETURN_IF_ERROR(runtime.auth->CreateUser(nullptr, u));
  } else {
    Status s = runtime.auth->ResetPassword(nullptr, username, password);
    // A database made by an older safehub may lack a newer demo login.
    if (s.code() == StatusCode::kNotFound) return std::string("(not in this database; delete it for a new area)");
    RETURN_IF_ERROR(s);
  }
  return password;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "Create a synthetic local area in a SQLite file and serve it");
  auto o = std::make_shared<DemoOptions>();
  cmd->add_option("--db", o->db, "SQLite file for the demo area (reused if it exists)")->capture_default_str();
  cmd->add_option("--children", o->children, "children in the area")->check(CLI::Range(1, 5000000))->capture_default_str();
  cmd->add_option("--years", o->years, "years of history")->check(CLI::Range(1, 30))->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed (same seed, same area)")->capture_default_str();
  AddServeOptions(*cmd, o->serve_options);
  cmd->add_flag("!--no-serve", o->serve, "create the area and the demo logins, then exit");
  cmd->callback([o] {
    const auto parent = std::filesystem::path(o->db).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    const bool existed = std::filesystem::exists(o->db);
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    Runtime& rt = **runtime;
    app::SyntheticArea area;
    if (!existed) {
      std::cerr << "creating a synthetic area of " << o->children << " children in " << o->db << " ...\n";
      // Three known concern patterns (and three decoys) per rule, so the alerts have something to show.
      auto generated = app::GenerateSyntheticArea(*rt.store, {o->children, o->years, o->seed, rt.clock.Today(), 3});
      if (!generated.ok()) Fail(generated.status());
      area = *generated;
      std::cerr << "  " << area.households << " households, " << area.children << " children, " << area.adults
                << " adults, " << area.practitioners << " practitioners, " << area.involvements
                << " involvements, " << area.events << " events, " << area.plan_periods << " plan periods\n"
                << "  casework of " << area.casework_children << " children: " << area.casework_steps << " steps, "
                << area.referrals << " referrals (" << area.re_referrals << " re-referrals within 12 months), "
                << area.cp_plans << " CP plans, " << area.cin_plans << " CIN plans, " << area.late_steps
                << " steps late with a reason\n"
                << "  " << area.transfer_in_conferences << " transfer-in conferences, " << area.pre_birth_cases
                << " cases begun before birth (" << area.pre_birth_conferences << " pre-birth conferences, "
                << area.births_in_case << " births recorded), " << area.demo_open_cases
                << " open cases overdue or due soon for the demo logins\n";
      if (Status s = StartConcernDetection(rt, area.mash_team, ""); !s.ok()) Fail(s);
      auto alerts = rt.alerts->EvaluateAll();
      if (!alerts.ok()) Fail(alerts.status());
      std::cerr << "  " << alerts->alerts_raised << " cumulative concern alerts raised (GET /api/v1/alerts)\n";
    } else {
      std::cerr << "reusing the area in " << o->db << " (delete the file for a new one)\n";
    }
    const app::SyntheticArea* fresh = existed ? nullptr : &area;
    auto social_worker = DemoLogin(rt, fresh, "demo", domain::Role::kPractitioner, domain::Scope::kTeam,
                                   area.assessment_social_worker);
    if (!social_worker.ok()) Fail(social_worker.status());
    auto admin = DemoLogin(rt, fresh, "admin", domain::Role::kAdministrator, domain::Scope::kAll, PractitionerId());
    if (!admin.ok()) Fail(admin.status());
    auto auditor = DemoLogin(rt, fresh, "auditor", domain::Role::kAuditor, domain::Scope::kAll, PractitionerId());
    if (!auditor.ok()) Fail(auditor.status());
    auto mash = DemoLogin(rt, fresh, "mash", domain::Role::kManager, domain::Scope::kTeam, area.mash_manager);
    if (!mash.ok()) Fail(mash.status());
    // The head of children's services: area-wide performance (the dashboard, the returns).
    auto head = DemoLogin(rt, fresh, "head", domain::Role::kManager, domain::Scope::kAgency, area.mash_manager);
    if (!head.ok()) Fail(head.status());
    const std::string banner =
        "Demo logins (passwords are new each run):\n"
        "  social worker (assessment team):  demo / " + *social_worker + "\n"
        "  administrator:                    admin / " + *admin + "\n"
        "  auditor:                          auditor / " + *auditor + "\n"
        "  MASH manager (front door):        mash / " + *mash + "\n"
        "  head of service (dashboard):      head / " + *head + "\n"
        "Log in:  curl -c jar -H 'Content-Type: application/json' -d '{\"username\":\"demo\",\"password\":\"" +
        *social_worker + "\"}' http://" + o->serve_options.listen + "/api/v1/session\n"
        "Stop with Ctrl-C.\n";
    if (!o->serve) {
      std::cout << banner;
      return;
    }
    const int code = Serve(rt, o->serve_options, banner);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace safehub::cli
