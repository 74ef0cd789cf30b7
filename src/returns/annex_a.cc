#include "returns/annex_a.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace safehub::returns {

using namespace domain;

namespace {

std::string YesNo(bool b) { return b ? "Yes" : "No"; }

std::string Gender(Sex sex) {
  switch (sex) {
    case Sex::kMale: return "Male";
    case Sex::kFemale: return "Female";
    case Sex::kUnknown: return "Unknown";
  }
  return "Unknown";
}

// The columns every list starts with (Ofsted: child identifier, gender, ethnicity, age or
// date of birth).
std::vector<std::string> ChildHeaders() { return {"Child ID", "Gender", "Ethnicity", "Date of birth", "Expected date of birth"}; }
std::vector<AnnexACell> ChildCells(const ChildCase& c) {
  const auto& d = c.history.child();
  AnnexACell dob = d.date_of_birth ? AnnexACell(*d.date_of_birth) : AnnexACell(std::string());
  AnnexACell expected = !d.date_of_birth && d.expected_birth_date ? AnnexACell(*d.expected_birth_date) : AnnexACell(std::string());
  return {c.LaChildId(), Gender(c.person.sex), c.person.ethnicity, dob, expected};
}

AnnexACell OptionalDate(const std::optional<Date>& d) { return d ? AnnexACell(*d) : AnnexACell(std::string()); }

AnnexAList List(std::string sheet, std::vector<std::string> extra) {
  AnnexAList l{std::move(sheet), ChildHeaders(), {}};
  l.headers.insert(l.headers.end(), extra.begin(), extra.end());
  return l;
}

void Add(AnnexAList& list, const ChildCase& c, std::vector<AnnexACell> extra) {
  std::vector<AnnexACell> row = ChildCells(c);
  row.insert(row.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
  list.rows.push_back(std::move(row));
}

bool Overlaps(Date from, Date to, Date start, const std::optional<Date>& end) {
  return start <= to && (!end || *end >= from);
}

const Timescale* TimescaleEndedBy(const CaseHistory& h, TimescaleKind kind, RecordRef by) {
  for (const auto& t : h.timescales()) {
    if (t.kind == kind && t.completed_by == by) return &t;
  }
  return nullptr;
}

}  // namespace

std::vector<AnnexAList> BuildAnnexA(std::span<const ChildCase> cases, Date from, Date to) {
  AnnexAList contacts = List("List 1 Contacts", {"Contact date", "Contact source", "Decision", "Decision date"});
  AnnexAList early_help = List("List 2 Early help", {"Early help decided on", "Decided at"});
  AnnexAList referrals = List("List 3 Referrals", {"Referral date", "Referral source", "Primary need",
                                                   "Re-referral within 12 months", "Decision", "Decision date",
                                                   "Allocated team", "Allocated worker"});
  AnnexAList assessments = List("List 4 Assessments", {"Referral date", "Assessment start date",
                                                       "Assessment authorised date", "Working days from referral",
                                                       "Within 45 working days", "Factors", "Outcome"});
  AnnexAList s47 = List("List 5 S47 and ICPC", {"Strategy discussion date", "S47 start date", "S47 completed date",
                                                "S47 outcome", "ICPC date", "ICPC within 15 working days"});
  AnnexAList cin = List("List 6 Children in need", {"Referral date", "CIN plan start date", "CIN plan end date",
                                                    "Allocated worker", "Disabilities"});
  AnnexAList cp = List("List 7 Child protection", {"CP plan start date", "Category of abuse", "Number of previous plans",
                                                   "Latest review date", "CP plan end date", "Key worker",
                                                   "Lasted 2 years or more"});
  auto in = [&](Date d) { return from <= d && d <= to; };
  auto worker = [](PractitionerId p) { return p.valid() ? AnnexACell(static_cast<long>(p.value)) : AnnexACell(std::string()); };

  for (const ChildCase& c : cases) {
    const CaseHistory& h = c.history;
    for (const Contact& k : h.contacts()) {
      if (!in(k.received_on)) continue;
      std::string decision = k.referral.valid() ? "referral" : k.decision ? std::string(ToString(*k.decision)) : "";
      Add(contacts, c, {k.received_on, k.source, decision, OptionalDate(k.decided_on)});
      if (k.decision == ContactDecision::kEarlyHelp && k.decided_on && in(*k.decided_on)) {
        Add(early_help, c, {*k.decided_on, std::string("contact")});
      }
    }
    for (const Referral& r : h.referrals()) {
      if (in(r.received_on)) {
        Add(referrals, c, {r.received_on, r.source, r.primary_need, YesNo(r.IsReReferral()),
                           r.decision ? std::string(ToString(*r.decision)) : std::string(), OptionalDate(r.decided_on),
                           c.team.valid() ? AnnexACell(static_cast<long>(c.team.value)) : AnnexACell(std::string()),
                           worker(c.worker)});
      }
      if (r.decision == ReferralDecision::kEarlyHelp && r.decided_on && in(*r.decided_on)) {
        Add(early_help, c, {*r.decided_on, std::string("referral")});
      }
    }
    for (const Assessment& a : h.assessments()) {
      if (a.outcome == AssessmentOutcome::kEarlyHelp && a.completed_on && in(*a.completed_on)) {
        Add(early_help, c, {*a.completed_on, std::string("assessment")});
      }
      if (!Overlaps(from, to, a.started_on, a.completed_on)) continue;
      std::optional<Date> referred;
      for (const auto& r : h.referrals()) {
        if (r.id == a.referral) referred = r.received_on;
      }
      AnnexACell days = std::string();
      AnnexACell within = std::string("Open");
      if (a.completed_on && referred) {
        days = static_cast<long>(h.calendar().WorkingDaysBetween(*referred, *a.completed_on, h.rules().assessment.convention));
        const Timescale* t = TimescaleEndedBy(h, TimescaleKind::kAssessment, {RecordKind::kAssessment, a.id.value});
        within = t ? YesNo(t->state == TimescaleState::kMet) : std::string();
      }
      std::string factors;
      for (const auto& f : a.factors) factors += (factors.empty() ? "" : ", ") + f;
      Add(assessments, c, {OptionalDate(referred), a.started_on, OptionalDate(a.completed_on), days, within, factors,
                           a.outcome ? std::string(ToString(*a.outcome)) : std::string()});
    }
    for (const Section47Enquiry& e : h.section47_enquiries()) {
      if (!Overlaps(from, to, e.started_on, e.completed_on)) continue;
      std::optional<Date> discussion, icpc;
      for (const auto& s : h.strategy_discussions()) {
        if (s.id == e.strategy_discussion) discussion = s.held_on;
      }
      AnnexACell within = std::string();
      for (const auto& conf : h.initial_conferences()) {
        if (conf.id != e.conference) continue;
        icpc = conf.held_on;
        const Timescale* t = TimescaleEndedBy(h, TimescaleKind::kInitialConference, {RecordKind::kInitialConference, conf.id.value});
        if (t) within = YesNo(t->state == TimescaleState::kMet);
      }
      Add(s47, c, {OptionalDate(discussion), e.started_on, OptionalDate(e.completed_on),
                   e.outcome ? std::string(ToString(*e.outcome)) : std::string(), OptionalDate(icpc), within});
    }
    for (const ChildInNeedPlan& p : h.child_in_need_plans()) {
      if (!Overlaps(from, to, p.start, p.ended_on)) continue;
      std::optional<Date> referred;
      for (const auto& r : h.referrals()) {
        if (r.id == p.referral) referred = r.received_on;
      }
      std::string disabilities;
      for (const auto& d : c.disabilities) disabilities += (disabilities.empty() ? "" : ", ") + d;
      Add(cin, c, {OptionalDate(referred), p.start, OptionalDate(p.ended_on), worker(c.worker), disabilities});
    }
    for (const ChildProtectionPlan& p : h.child_protection_plans()) {
      if (!Overlaps(from, to, p.start, p.ended_on)) continue;
      long previous = 0;
      for (const auto& other : h.child_protection_plans()) previous += other.start < p.start ? 1 : 0;
      std::optional<Date> review;
      for (const auto& r : h.review_conferences()) {
        if (r.plan == p.id && r.held_on <= to) review = r.held_on;
      }
      const Date until = p.ended_on.value_or(to);
      Add(cp, c, {p.start, std::string(ToString(p.category)), previous, OptionalDate(review), OptionalDate(p.ended_on),
                  worker(p.key_worker), YesNo(until >= AddMonths(p.start, 24))});
    }
  }
  return {contacts, early_help, referrals, assessments, s47, cin, cp};
}

namespace {

Status WriteWorkbook(const std::vector<AnnexAList>& lists, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return InvalidArgument("cannot create the workbook '" + path + "'", "out");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  for (const AnnexAList& list : lists) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, list.sheet.c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return Internal("cannot add the sheet '" + list.sheet + "'");
    }
    for (size_t col = 0; col < list.headers.size(); ++col) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(col), list.headers[col].c_str(), bold);
      worksheet_set_column(ws, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), 16, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (size_t col = 0; col < list.rows[r].size(); ++col) {
        const auto cl = static_cast<lxw_col_t>(col);
        const AnnexACell& cell = list.rows[r][col];
        if (const auto* s = std::get_if<std::string>(&cell)) {
          // Text is always written as text: a leading '=' stays a string, never a formula.
          if (!s->empty()) worksheet_write_string(ws, row, cl, s->c_str(), nullptr);
        } else if (const auto* n = std::get_if<long>(&cell)) {
          worksheet_write_number(ws, row, cl, static_cast<double>(*n), nullptr);
        } else {
          const Date d = std::get<Date>(cell);
          lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
          worksheet_write_datetime(ws, row, cl, &dt, date);
        }
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return InvalidArgument("cannot write the workbook '" + path + "'", "out");
  return Status::Ok();
}

}  // namespace

Status WriteAnnexAWorkbook(const std::vector<AnnexAList>& lists, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return InvalidArgument("cannot write '" + path + "': " + std::strerror(errno), "out");
  close(fd);
  Status s = WriteWorkbook(lists, tmpl);
  if (s.ok()) {
    // libxlsxwriter closed the file; flush it before the rename makes it visible.
    const int f = open(tmpl.c_str(), O_RDONLY);
    if (f >= 0) {
      fsync(f);
      close(f);
    }
    // The lists name children: the file keeps mkstemp's 0600 (owner only).
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) s = InvalidArgument("cannot write '" + path + "': " + std::strerror(errno), "out");
  }
  if (!s.ok()) unlink(tmpl.c_str());
  return s;
}

Result<std::string> AnnexAWorkbookBytes(const std::vector<AnnexAList>& lists) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) return Internal("no temporary directory for the workbook");
  std::string tmpl = (dir / "safehub-annex-a-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  if (made == nullptr) return Internal("cannot create a temporary directory for the workbook");
  const fs::path path = fs::path(made) / "annex-a.xlsx";
  Status s = WriteAnnexAWorkbook(lists, path.string());
  std::string bytes;
  if (s.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  fs::remove_all(made, ec);
  if (!s.ok()) return Internal("the Annex A workbook could not be written: " + s.message());
  return bytes;
}

}  // namespace safehub::returns
