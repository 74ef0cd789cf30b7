#include "returns/indicators.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <map>

#include "domain/calendar/working_day_calendar.h"

namespace safehub::returns {

using namespace domain;

Status Validate(const IndicatorQuery& q) {
  if (q.to < q.from) return InvalidArgument("the period ends (" + q.to.ToString() + ") before it starts (" + q.from.ToString() + ")", "to");
  if (q.to.days() - q.from.days() > 3660) return InvalidArgument("the period is longer than 10 years", "to");
  return Status::Ok();
}

const Indicator* IndicatorReport::Find(std::string_view key) const {
  for (const auto& i : indicators) {
    if (i.key == key) return &i;
  }
  return nullptr;
}

namespace {

bool In(const IndicatorQuery& q, Date d) { return q.from <= d && d <= q.to; }

std::optional<double> Percent(long num, long den) {
  if (den <= 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(num) / static_cast<double>(den)) / 10.0;
}

std::string Ref(RecordKind kind, std::int64_t n) { return RecordRef{kind, n}.ToString(); }

// Builds one indicator: Add rows, then Finish computes the numbers from them.
class Builder {
 public:
  Builder(std::string key, std::string name, bool rate) : rate_(rate) {
    ind_.key = std::move(key);
    ind_.name = std::move(name);
  }
  void Add(const ChildCase& c, std::string record, Date date, bool counted, std::string detail,
           std::string breakdown = {}) {
    ind_.children.push_back({c.LaChildId(), std::move(record), date, counted, std::move(detail)});
    if (!breakdown.empty()) {
      auto& b = parts_[breakdown];
      b.first += counted ? 1 : 0;
      b.second += 1;
    }
  }
  Indicator Finish() {
    for (const auto& r : ind_.children) ind_.numerator += r.counted ? 1 : 0;
    if (rate_) {
      ind_.denominator = static_cast<long>(ind_.children.size());
      ind_.percent = Percent(ind_.numerator, ind_.denominator);
    }
    for (const auto& [label, nd] : parts_) ind_.breakdown.push_back({label, nd.first, nd.second});
    std::stable_sort(ind_.children.begin(), ind_.children.end(),
                     [](const IndicatorRow& a, const IndicatorRow& b) { return a.date < b.date; });
    return std::move(ind_);
  }
  Indicator& raw() { return ind_; }

 private:
  bool rate_;
  Indicator ind_;
  std::map<std::string, std::pair<long, long>> parts_;
};

// Timescales of these kinds completed (met or late) in the period: the share met.
void TimescalesMet(Builder& b, const ChildCase& c, const IndicatorQuery& q, std::initializer_list<TimescaleKind> kinds) {
  for (const Timescale& t : c.history.timescales()) {
    if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end()) continue;
    if (t.state != TimescaleState::kMet && t.state != TimescaleState::kLate) continue;
    if (!t.completed_on || !In(q, *t.completed_on)) continue;
    std::string detail = std::string(ToString(t.kind)) + " from " + t.started_by.ToString() + " due " + t.due.ToString();
    if (t.state == TimescaleState::kLate && !t.late_reason.empty()) detail += "; late: " + t.late_reason;
    b.Add(c, t.completed_by.ToString(), *t.completed_on, t.state == TimescaleState::kMet, detail);
  }
}

std::string WorkerLabel(PractitionerId worker) {
  return worker.valid() ? "worker " + worker.ToString() : std::string("unallocated");
}

}  // namespace

IndicatorReport ComputeIndicators(std::span<const ChildCase> cases, const IndicatorQuery& q) {
  Builder referrals("referrals", "Referrals received", false);
  Builder re_referrals("re_referrals_within_12_months", "Referrals that were re-referrals within 12 months", true);
  Builder decisions("referral_decisions_within_1_working_day", "Referral decisions within 1 working day", true);
  Builder assessments("assessments_within_45_working_days", "Assessments completed within 45 working days", true);
  Builder s47("s47_leading_to_icpc", "Section 47 enquiries ending that led to an ICPC", true);
  Builder icpc("icpcs_within_15_working_days", "ICPCs within 15 working days of the strategy discussion", true);
  Builder core("first_core_groups_within_10_working_days", "First core groups within 10 working days of the ICPC", true);
  Builder plans("cp_plans_started_by_category", "Child protection plans started, by category", false);
  Builder second("second_or_subsequent_plans", "CP plans that were a second or subsequent plan (ever)", true);
  Builder second2("second_or_subsequent_plans_within_2_years",
                  "CP plans starting within 2 years of the end of a previous plan", true);
  Builder long_plans("plans_ended_lasting_2_years_or_more", "CP plans ending that had lasted 2 years or more", true);
  Builder reviews("cp_reviews_within_timescale", "CP review conferences held within timescale", true);
  Builder attendance("conference_attendance_by_agency", "Invited agencies present at CP conferences", true);
  Builder caseload("caseload_per_worker", "Open CIN episodes per allocated worker at the end of the period", false);
  Builder overdue("overdue_steps", "Statutory steps overdue at the end of the period", false);

  for (const ChildCase& c : cases) {
    if (q.team.valid() && c.team != q.team) continue;
    if (q.worker.valid() && c.worker != q.worker) continue;
    const CaseHistory& h = c.history;

    for (const Referral& r : h.referrals()) {
      if (In(q, r.received_on)) {
        referrals.Add(c, Ref(RecordKind::kReferral, r.id.value), r.received_on, true, r.source);
        re_referrals.Add(c, Ref(RecordKind::kReferral, r.id.value), r.received_on, r.IsReReferral(),
                         r.IsReReferral() ? "previous " + Ref(RecordKind::kReferral, r.previous_within_12_months.value)
                                          : std::string());
      }
      // Open at the end of the period: on the worker's caseload.
      if (r.received_on <= q.to && (!r.closed_on || *r.closed_on > q.to)) {
        caseload.Add(c, Ref(RecordKind::kReferral, r.id.value), r.received_on, true, WorkerLabel(c.worker),
                     WorkerLabel(c.worker));
      }
    }
    TimescalesMet(decisions, c, q, {TimescaleKind::kReferralDecision});
    TimescalesMet(assessments, c, q, {TimescaleKind::kAssessment});
    TimescalesMet(icpc, c, q, {TimescaleKind::kInitialConference});
    TimescalesMet(core, c, q, {TimescaleKind::kFirstCoreGroup});
    TimescalesMet(reviews, c, q, {TimescaleKind::kFirstReview, TimescaleKind::kReview, TimescaleKind::kReviewAfterBirth});

    for (const Section47Enquiry& e : h.section47_enquiries()) {
      if (!e.completed_on || !In(q, *e.completed_on)) continue;
      const bool led = e.conference.valid() || (e.outcome && *e.outcome == Section47Outcome::kInitialConference);
      s47.Add(c, Ref(RecordKind::kSection47Enquiry, e.id.value), *e.completed_on, led,
              e.outcome ? std::string(ToString(*e.outcome)) : std::string());
    }

    const auto& all_plans = h.child_protection_plans();
    for (const ChildProtectionPlan& p : all_plans) {
      const std::string ref = Ref(RecordKind::kChildProtectionPlan, p.id.value);
      if (In(q, p.start)) {
        plans.Add(c, ref, p.start, true, std::string(ToString(p.category)), std::string(ToString(p.category)));
        const ChildProtectionPlan* previous = nullptr;
        for (const auto& other : all_plans) {
          if (other.start < p.start && (!previous || other.start > previous->start)) previous = &other;
        }
        second.Add(c, ref, p.start, previous != nullptr,
                   previous ? "previous plan from " + previous->start.ToString() : std::string());
        // Within 2 years of the previous plan's end (a plan still open cannot precede another).
        const bool within2 = previous && previous->ended_on && AddMonths(*previous->ended_on, 24) >= p.start;
        second2.Add(c, ref, p.start, within2,
                    previous && previous->ended_on ? "previous plan ended " + previous->ended_on->ToString() : std::string());
      }
      if (p.ended_on && In(q, *p.ended_on)) {
        const bool two_years = *p.ended_on >= AddMonths(p.start, 24);
        long_plans.Add(c, ref, *p.ended_on, two_years, "from " + p.start.ToString());
      }
    }

    auto meeting = [&](const std::string& ref, Date held, const MeetingRecord& record) {
      for (const AgencyParticipation& a : record.participants) {
        attendance.Add(c, ref, held, a.attendance == Attendance::kPresent,
                       std::string(ToString(a.role)) + ": " + std::string(ToString(a.attendance)),
                       std::string(ToString(a.role)));
      }
    };
    for (const auto& conf : h.initial_conferences()) {
      if (In(q, conf.held_on)) meeting(Ref(RecordKind::kInitialConference, conf.id.value), conf.held_on, conf.record);
    }
    for (const auto& rc : h.review_conferences()) {
      if (In(q, rc.held_on)) meeting(Ref(RecordKind::kReviewConference, rc.id.value), rc.held_on, rc.record);
    }

    // Open on the last day of the period and due before it: completed later (or never).
    for (const Timescale& t : h.timescales()) {
      if (t.due >= q.to || t.started_on > q.to) continue;
      if (t.completed_on && *t.completed_on <= q.to) continue;
      if (t.state == TimescaleState::kNotRequired && !t.completed_on) continue;
      overdue.Add(c, t.started_by.ToString(), t.due, true,
                  std::string(ToString(t.kind)) + " due " + t.due.ToString(), std::string(ToString(t.kind)));
    }
  }

  IndicatorReport report{q, {}};
  for (Builder* b : {&referrals, &re_referrals, &decisions, &assessments, &s47, &icpc, &core, &plans, &second,
                     &second2, &long_plans, &reviews, &attendance, &caseload, &overdue}) {
    report.indicators.push_back(b->Finish());
  }
  // Caseload: the number is the open episodes, the denominator the workers holding them.
  Indicator& load = report.indicators[13];
  load.denominator = static_cast<long>(load.breakdown.size());
  return report;
}

std::optional<std::pair<Date, Date>> CaseworkSpan(std::span<const ChildCase> cases) {
  std::optional<std::pair<Date, Date>> span;
  for (const ChildCase& c : cases) {
    for (const Step& s : c.history.steps()) {
      const Date d = DateOf(s);
      if (!span) {
        span = std::make_pair(d, d);
      } else {
        span->first = std::min(span->first, d);
        span->second = std::max(span->second, d);
      }
    }
  }
  return span;
}

std::vector<TrendSeries> ComputeTrends(std::span<const ChildCase> cases, const IndicatorQuery& query) {
  std::vector<TrendSeries> series;
  int year = query.from.year(), month = query.from.month();
  while (year < query.to.year() || (year == query.to.year() && month <= query.to.month())) {
    IndicatorQuery q = query;
    q.from = *Date::FromYmd(year, month, 1);
    q.to = AddMonths(q.from, 1).AddDays(-1);
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02d", year % 10000, month % 100);
    IndicatorReport r = ComputeIndicators(cases, q);
    if (series.empty()) {
      for (const auto& i : r.indicators) series.push_back({i.key, i.name, {}});
    }
    for (size_t k = 0; k < r.indicators.size(); ++k) {
      const Indicator& i = r.indicators[k];
      series[k].points.push_back({label, i.numerator, i.denominator, i.percent});
    }
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return series;
}

std::string TrendsCsv(const std::vector<TrendSeries>& series) {
  std::string out = "indicator,name,month,numerator,denominator,percent\r\n";
  for (const auto& s : series) {
    for (const auto& p : s.points) {
      std::string percent;
      if (p.percent) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", *p.percent);
        percent = buf;
      }
      // Names are ours and contain no quotes; quoting keeps any comma in them a field.
      out += s.key + ",\"" + s.name + "\"," + p.month + "," + std::to_string(p.numerator) + "," +
             std::to_string(p.denominator) + "," + percent + "\r\n";
    }
  }
  return out;
}

}  // namespace safehub::returns

namespace safehub::returns {

namespace {
Result<std::int64_t> PositiveId(std::string_view text, const char* field) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return InvalidArgument("'" + std::string(text.substr(0, 30)) + "' is not a valid id", field);
  }
  return value;
}
Result<Date> DateParam(std::string_view text, const char* field) {
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(std::string(field) + ": " + d.status().message(), field);
  return d;
}
}  // namespace

Result<IndicatorQuery> ParseIndicatorQuery(std::string_view from, std::string_view to, std::string_view team,
                                           std::string_view worker, Date today) {
  IndicatorQuery q;
  if (to.empty()) {
    q.to = today;
  } else {
    ASSIGN_OR_RETURN(q.to, DateParam(to, "to"));
  }
  if (from.empty()) {
    q.from = domain::AddMonths(q.to, -12).AddDays(1);
  } else {
    ASSIGN_OR_RETURN(q.from, DateParam(from, "from"));
  }
  if (!team.empty()) {
    ASSIGN_OR_RETURN(std::int64_t id, PositiveId(team, "team"));
    q.team = TeamId(id);
  }
  if (!worker.empty()) {
    ASSIGN_OR_RETURN(std::int64_t id, PositiveId(worker, "worker"));
    q.worker = PractitionerId(id);
  }
  RETURN_IF_ERROR(Validate(q));
  return q;
}

Result<int> ParseCensusYear(std::string_view year) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(year.data(), year.data() + year.size(), value);
  if (year.size() != 4 || ec != std::errc() || ptr != year.data() + year.size()) {
    return InvalidArgument("year must be the census end year as 4 digits (2025 = 1 April 2024 to 31 March 2025)", "year");
  }
  return value;
}

}  // namespace safehub::returns
