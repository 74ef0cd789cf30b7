// safehub export cin-census and export annex-a: the statutory returns and inspection lists, from the store.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"
#include "returns/annex_a.h"
#include "returns/census_command.h"
#include "returns/indicators.h"
#include "returns/store_case_source.h"

namespace safehub::cli {

namespace {
struct CinCensusOptions {
  std::string db = "safehub.db";
  int year = 0;
  std::string out;
};
struct AnnexAOptions {
  std::string db = "safehub.db";
  std::string out;
  std::string from;
  std::string to;
};
}  // namespace

void RegisterExportCommand(CLI::App& app) {
  auto* exp = app.add_subcommand("export", "Statutory returns and inspection lists");
  exp->require_subcommand(1);
  auto* cin = exp->add_subcommand(
      "cin-census",
      "Write the Children in Need census XML of one year (DfE schema of that year). Runs the DfE validation rules "
      "first: exit 0 when written, 2 when children fail a rule (each listed with the fix, nothing written), 1 on "
      "other errors");
  auto o = std::make_shared<CinCensusOptions>();
  cin->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  cin->add_option("--year", o->year, "census end year: 2025 = 1 April 2024 to 31 March 2025")->required();
  cin->add_option("--out", o->out, "the XML file to write (replaced atomically)")->required();
  cin->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    const UnixSeconds now = (*runtime)->clock.Now();
    returns::StoreCaseSource source(*(*runtime)->store, (*runtime)->clock, app::StoredCaseworkSteps);
    const int code = returns::RunCinCensusExport(source, o->year, o->out, now, std::cout, std::cerr);
    if (code != 0) throw CLI::RuntimeError(code);
  });

  auto* annex = exp->add_subcommand(
      "annex-a", "Write Ofsted's Annex A child-level lists (contacts, early help, referrals, assessments, s47 and ICPC, "
                 "children in need, child protection) as an xlsx workbook of literal values");
  auto a = std::make_shared<AnnexAOptions>();
  annex->add_option("--db", a->db, "SQLite database file")->capture_default_str();
  annex->add_option("--out", a->out, "the xlsx file to write (replaced atomically)")->required();
  annex->add_option("--from", a->from, "first day of the period (YYYY-MM-DD); default 6 months before --to");
  annex->add_option("--to", a->to, "last day of the period (YYYY-MM-DD); default today");
  annex->callback([a] {
    auto runtime = OpenRuntime(a->db);
    if (!runtime.ok()) Fail(runtime.status());
    const Date today = (*runtime)->clock.Today();
    // Ofsted asks for the six months before the inspection.
    std::string from = a->from;
    if (from.empty()) {
      auto to = a->to.empty() ? Result<Date>(today) : Date::Parse(a->to);
      if (!to.ok()) Fail(InvalidArgument("--to: " + to.status().message(), "to"));
      from = domain::AddMonths(*to, -6).AddDays(1).ToString();
    }
    auto period = returns::ParseIndicatorQuery(from, a->to, "", "", today);
    if (!period.ok()) Fail(period.status());
    auto cases = (*runtime)->cases->Cases();
    if (!cases.ok()) Fail(cases.status());
    auto lists = returns::BuildAnnexA(*cases, period->from, period->to);
    if (Status s = returns::WriteAnnexAWorkbook(lists, a->out); !s.ok()) Fail(s);
    std::cout << "Annex A " << period->from.ToString() << " to " << period->to.ToString() << ":";
    for (const auto& l : lists) std::cout << " " << l.sheet.substr(0, l.sheet.find(' ', 5)) << " " << l.rows.size() << ";";
    std::cout << " written to " << a->out << "\n";
  });
}

}  // namespace safehub::cli
