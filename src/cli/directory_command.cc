// safehub directory: the area's agencies, their teams and their practitioners, for the
// administrator setting up a real area (the demo makes a synthetic one). Scriptable, one record
// per command; each addition is audited as the command line's, as in the API and the UI for
// administrators. Users are then made for practitioners with `user add --practitioner-id`.
#include <array>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

namespace {

struct DirectoryOptions {
  std::string db = "safehub.db";
  std::string name;
  std::string kind;
  std::string code;
  std::int64_t agency_id = 0;
  std::int64_t team_id = 0;
  std::string office_phone;
  std::string out_of_hours_phone;
  std::string job_title;
  std::string email;
  std::string phone;
};

std::shared_ptr<DirectoryOptions> AddDb(CLI::App* cmd) {
  auto o = std::make_shared<DirectoryOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  return o;
}

void RegisterAddAgency(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("add-agency", "Add an agency (children's social care, police, a school, ...)");
  auto o = AddDb(cmd);
  cmd->add_option("--name", o->name, "the agency's name, e.g. \"Northshire Police\"")->required();
  cmd->add_option("--kind", o->kind,
                  "social_care, police, health, school, probation, youth_offending, housing, voluntary, other")
      ->required();
  cmd->add_option("--code", o->code, "the agency's own short code, e.g. an LA number or ODS code");
  cmd->callback([o] {
    auto kind = domain::ParseAgencyKind(o->kind);
    if (!kind.ok()) Fail(InvalidArgument("--kind: " + kind.status().message(), "kind"));
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    auto id = (*runtime)->organisations->CreateAgency(nullptr, {AgencyId(), o->name, *kind, o->code});
    if (!id.ok()) Fail(id.status());
    std::cout << "created agency " << o->name << " (id " << id->ToString() << ")\n";
  });
}

// An agency renamed or given a new code: what is not given keeps its value. Its kind stays.
void RegisterSetAgency(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("set-agency", "Rename an agency or change its code (its kind stays)");
  auto o = AddDb(cmd);
  auto given = std::make_shared<std::array<CLI::Option*, 2>>();
  cmd->add_option("--agency-id", o->agency_id, "the agency (directory list shows ids)")->required();
  (*given)[0] = cmd->add_option("--name", o->name, "the agency's new name");
  (*given)[1] = cmd->add_option("--code", o->code, "the agency's new code (\"\" to clear)");
  cmd->callback([o, given] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    domain::Agency agency;
    Status read = (*runtime)->store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(agency, tx.GetAgency(AgencyId(o->agency_id)));
      return Status::Ok();
    });
    if (!read.ok()) Fail(read);
    if ((*given)[0]->count() > 0) agency.name = o->name;
    if ((*given)[1]->count() > 0) agency.code = o->code;
    Status s = (*runtime)->organisations->UpdateAgency(nullptr, agency.id, agency.name, agency.code);
    if (!s.ok()) Fail(s);
    std::cout << "agency " << agency.id.ToString() << " is now " << agency.name
              << (agency.code.empty() ? "" : ", code " + agency.code) << "\n";
  });
}

void RegisterAddTeam(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("add-team", "Add a team to an agency, with the phones signposting gives out");
  auto o = AddDb(cmd);
  cmd->add_option("--agency-id", o->agency_id, "the agency (directory list shows ids)")->required();
  cmd->add_option("--name", o->name, "the team's name, e.g. \"Assessment Team North\"")->required();
  cmd->add_option("--office-phone", o->office_phone, "the team's office number");
  cmd->add_option("--out-of-hours-phone", o->out_of_hours_phone, "who answers for the team out of hours");
  cmd->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    domain::Team team{TeamId(), AgencyId(o->agency_id), o->name, o->office_phone, o->out_of_hours_phone};
    auto id = (*runtime)->organisations->CreateTeam(nullptr, team);
    if (!id.ok()) Fail(id.status());
    std::cout << "created team " << o->name << " (id " << id->ToString() << ")\n";
  });
}

// A team renamed or its phones changed: what is not given keeps its value.
void RegisterSetTeam(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("set-team", "Rename a team or change its phones (what is not given stays)");
  auto o = AddDb(cmd);
  auto given = std::make_shared<std::array<CLI::Option*, 3>>();
  cmd->add_option("--team-id", o->team_id, "the team (directory list shows ids)")->required();
  (*given)[0] = cmd->add_option("--name", o->name, "the team's new name");
  (*given)[1] = cmd->add_option("--office-phone", o->office_phone, "the new office number (\"\" to clear)");
  (*given)[2] = cmd->add_option("--out-of-hours-phone", o->out_of_hours_phone, "the new out-of-hours number");
  cmd->callback([o, given] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    domain::Team team;
    Status read = (*runtime)->store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(team, tx.GetTeam(TeamId(o->team_id)));
      return Status::Ok();
    });
    if (!read.ok()) Fail(read);
    if ((*given)[0]->count() > 0) team.name = o->name;
    if ((*given)[1]->count() > 0) team.office_phone = o->office_phone;
    if ((*given)[2]->count() > 0) team.out_of_hours_phone = o->out_of_hours_phone;
    Status s = (*runtime)->organisations->UpdateTeam(nullptr, team.id, team.name, team.office_phone,
                                                     team.out_of_hours_phone);
    if (!s.ok()) Fail(s);
    std::cout << "team " << team.id.ToString() << " is now " << team.name << ", office " << team.office_phone
              << ", out of hours " << team.out_of_hours_phone << "\n";
  });
}

void RegisterAddPractitioner(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("add-practitioner", "Add a practitioner to a team");
  auto o = AddDb(cmd);
  cmd->add_option("--team-id", o->team_id, "the team (directory list shows ids)")->required();
  cmd->add_option("--name", o->name, "the practitioner's name as colleagues know it")->required();
  cmd->add_option("--job-title", o->job_title, "e.g. \"Senior social worker\"");
  cmd->add_option("--email", o->email, "work email address");
  cmd->add_option("--phone", o->phone, "work phone number");
  cmd->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    domain::Practitioner p{PractitionerId(), TeamId(o->team_id), o->name, o->job_title, o->email, o->phone};
    auto id = (*runtime)->organisations->CreatePractitioner(nullptr, p);
    if (!id.ok()) Fail(id.status());
    std::cout << "created practitioner " << o->name << " (id " << id->ToString() << ")\n";
  });
}

// A practitioner moved to another team of their agency, or their name, title or contacts
// changed: what is not given keeps its value.
void RegisterSetPractitioner(CLI::App* directory) {
  auto* cmd = directory->add_subcommand(
      "set-practitioner", "Move a practitioner to another team of their agency, or change their details (what is not given stays)");
  auto o = AddDb(cmd);
  auto id = std::make_shared<std::int64_t>(0);
  auto given = std::make_shared<std::array<CLI::Option*, 5>>();
  cmd->add_option("--practitioner-id", *id, "the practitioner (directory list shows ids)")->required();
  (*given)[0] = cmd->add_option("--team-id", o->team_id, "their new team, of the same agency");
  (*given)[1] = cmd->add_option("--name", o->name, "their name as colleagues know it");
  (*given)[2] = cmd->add_option("--job-title", o->job_title, "their job title");
  (*given)[3] = cmd->add_option("--email", o->email, "their work email (\"\" to clear)");
  (*given)[4] = cmd->add_option("--phone", o->phone, "their work phone (\"\" to clear)");
  cmd->callback([o, id, given] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    domain::Practitioner p;
    Status read = (*runtime)->store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(p, tx.GetPractitioner(PractitionerId(*id)));
      return Status::Ok();
    });
    if (!read.ok()) Fail(read);
    if ((*given)[0]->count() > 0) p.team = TeamId(o->team_id);
    if ((*given)[1]->count() > 0) p.name = o->name;
    if ((*given)[2]->count() > 0) p.job_title = o->job_title;
    if ((*given)[3]->count() > 0) p.email = o->email;
    if ((*given)[4]->count() > 0) p.phone = o->phone;
    auto change = (*runtime)->organisations->UpdatePractitioner(nullptr, p);
    if (!change.ok()) Fail(change.status());
    std::cout << "practitioner " << p.id.ToString() << " is now " << p.name
              << (p.job_title.empty() ? "" : ", " + p.job_title) << ", team " << p.team.ToString() << "\n";
    if (change->open_involvements_with_old_team > 0) {
      std::cout << change->open_involvements_with_old_team
                << " involvements are still open in their name with the team they left: a manager reallocates them\n";
    }
  });
}

void RegisterList(CLI::App* directory) {
  auto* cmd = directory->add_subcommand("list", "List every agency with its teams and their practitioners, with ids");
  auto o = AddDb(cmd);
  cmd->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    auto& organisations = *(*runtime)->organisations;
    auto agencies = organisations.ListAgencies();
    if (!agencies.ok()) Fail(agencies.status());
    if (agencies->empty()) std::cout << "no agencies yet (directory add-agency)\n";
    for (const auto& a : *agencies) {
      std::cout << "agency " << a.id.ToString() << ": " << a.name << " (" << domain::ToString(a.kind)
                << (a.code.empty() ? "" : ", code " + a.code) << ")\n";
      auto teams = organisations.ListTeams(a.id);
      if (!teams.ok()) Fail(teams.status());
      for (const auto& t : *teams) {
        std::cout << "  team " << t.id.ToString() << ": " << t.name;
        if (!t.office_phone.empty()) std::cout << ", office " << t.office_phone;
        if (!t.out_of_hours_phone.empty()) std::cout << ", out of hours " << t.out_of_hours_phone;
        std::cout << "\n";
        auto people = organisations.ListPractitioners(t.id);
        if (!people.ok()) Fail(people.status());
        for (const auto& p : *people) {
          std::cout << "    practitioner " << p.id.ToString() << ": " << p.name
                    << (p.job_title.empty() ? "" : ", " + p.job_title) << "\n";
        }
      }
    }
  });
}

}  // namespace

void RegisterDirectoryCommand(CLI::App& app) {
  auto* directory = app.add_subcommand("directory", "The area's agencies, teams and practitioners");
  directory->require_subcommand(1);
  RegisterAddAgency(directory);
  RegisterSetAgency(directory);
  RegisterAddTeam(directory);
  RegisterSetTeam(directory);
  RegisterAddPractitioner(directory);
  RegisterSetPractitioner(directory);
  RegisterList(directory);
}

}  // namespace safehub::cli
