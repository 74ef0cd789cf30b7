#include "returns/census_rules.h"

#include <algorithm>
#include <array>
#include <set>

#include "domain/identifiers.h"
#include "domain/workflow/codes.h"

namespace safehub::returns {

std::string RuleFailure::ToString() const {
  std::string who = child.empty() ? std::string("header") : "child " + child;
  return who + ": rule " + rule + ", field " + field + ": " + message + ". Fix: " + fix;
}

namespace {

constexpr std::array<std::string_view, 20> kEthnicity = {
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
constexpr std::array<std::string_view, 13> kDisability = {"NONE", "MOB", "HAND", "PC",  "INC", "COMM", "LD",
                                                          "HEAR", "VIS",  "BEH",  "CON", "AUT", "DDA"};

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool IsAlnum(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

// Collects the failures of one child with its id filled in.
class ChildCheck {
 public:
  ChildCheck(const CensusPeriod& period, const CensusChild& child, std::vector<RuleFailure>& out)
      : p_(period), c_(child), out_(out) {}

  void Fail(std::string rule, std::string field, std::string message, std::string fix) {
    out_.push_back({c_.la_child_id, std::move(rule), std::move(field), std::move(message), std::move(fix)});
  }

  void Run() {
    Identity();
    Characteristics();
    for (size_t i = 0; i < c_.episodes.size(); ++i) Episode(i, c_.episodes[i]);
    Episodes();
  }

 private:
  static std::string Iso(Date d) { return d.ToString(); }
  std::string EpisodeField(size_t i, std::string_view field) const {
    return "CINdetails[" + std::to_string(i + 1) + "]/" + std::string(field);
  }
  void NotAfterReference(const std::string& field, Date d, const std::string& fix) {
    if (d > p_.reference_date) {
      Fail("dates-in-year", field, Iso(d) + " is after the census reference date " + Iso(p_.reference_date), fix);
    }
  }
  void EndInYear(const std::string& field, const std::optional<Date>& d, const std::string& fix) {
    if (!d) return;
    if (!p_.Contains(*d)) {
      Fail("dates-in-year", field,
           Iso(*d) + " is outside the census year " + Iso(p_.start) + " to " + Iso(p_.reference_date), fix);
    }
  }

  void Identity() {
    if (c_.upn.empty() && c_.upn_unknown.empty()) {
      Fail("upn", "UPN", "neither a UPN nor an unknown-UPN reason is recorded",
           "record the child's UPN, or why it is not known (UN1-UN7)");
    } else if (!c_.upn.empty() && !c_.upn_unknown.empty()) {
      Fail("upn", "UPNunknown", "both a UPN and an unknown-UPN reason (" + c_.upn_unknown + ") are given",
           "remove the unknown-UPN reason now that the UPN is known");
    } else if (!c_.upn.empty()) {
      if (Status s = domain::ValidateUpn(c_.upn); !s.ok()) {
        Fail("upn", "UPN", "UPN '" + c_.upn + "' is not valid: " + s.message(),
             "correct the UPN from the school's record (13 characters, check letter first)");
      }
    } else {
      static const std::set<std::string, std::less<>> kUnknown = {"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"};
      if (!kUnknown.contains(c_.upn_unknown)) {
        Fail("upn", "UPNunknown", "'" + c_.upn_unknown + "' is not an unknown-UPN reason", "use one of UN1-UN7");
      }
    }
    if (c_.birth_date.has_value() == c_.expected_birth_date.has_value()) {
      Fail("birth-date", "PersonBirthDate",
           c_.birth_date ? "both a birth date and an expected birth date are given"
                         : "neither a birth date nor an expected birth date is recorded",
           "record the birth date, or for an unborn child only the expected date of delivery");
    }
    if (c_.birth_date) NotAfterReference("PersonBirthDate", *c_.birth_date, "correct the birth date");
  }

  void Characteristics() {
    if (!IsEthnicityCode(c_.ethnicity)) {
      Fail("ethnicity", "Ethnicity",
           c_.ethnicity.empty() ? "no ethnicity is recorded" : "'" + c_.ethnicity + "' is not a census ethnicity code",
           "record the child's ethnicity (a census code such as WBRI; NOBT when not yet obtained, REFU when refused)");
    }
    for (const auto& d : c_.disabilities) {
      if (!IsDisabilityCode(d)) {
        Fail("disability", "Disability", "'" + d + "' is not a census disability code",
             "use the census codes (NONE, MOB, HAND, PC, INC, COMM, LD, HEAR, VIS, BEH, CON, AUT, DDA)");
      }
    }
    if (c_.disabilities.size() > 1 && std::find(c_.disabilities.begin(), c_.disabilities.end(), "NONE") != c_.disabilities.end()) {
      Fail("disability", "Disability", "NONE is recorded together with other disabilities",
           "remove NONE, or the other disabilities");
    }
  }

  void Episode(size_t i, const CensusEpisode& e) {
    if (Status s = domain::ValidateReferralSource(e.referral_source); !s.ok()) {
      Fail("referral-source", EpisodeField(i, "ReferralSource"), s.message(),
           "record the referral's source as a census code 1A-10");
    }
    if (e.primary_need.empty()) {
      if (!e.referral_nfa) {
        Fail("primary-need", EpisodeField(i, "PrimaryNeedCode"),
             "no primary need is recorded for the referral of " + Iso(e.referral_date),
             "record the primary need (N0-N9) on the referral");
      }
    } else if (Status s = domain::ValidatePrimaryNeed(e.primary_need); !s.ok()) {
      Fail("primary-need", EpisodeField(i, "PrimaryNeedCode"), s.message(), "use a primary need code N0-N9");
    }
    if (e.closure_date && e.closure_reason.empty()) {
      Fail("closure", EpisodeField(i, "ReasonForClosure"), "the episode closed on " + Iso(*e.closure_date) + " has no reason",
           "record the reason for closure (RC1-RC9) on the episode");
    }
    if (!e.closure_date && !e.closure_reason.empty()) {
      Fail("closure", EpisodeField(i, "CINclosureDate"), "a reason for closure is given without a closure date",
           "record the date the episode closed");
    }
    if (!e.closure_reason.empty() && !domain::ParseReasonForClosure(e.closure_reason).ok()) {
      Fail("closure", EpisodeField(i, "ReasonForClosure"), "'" + e.closure_reason + "' is not a reason for closure",
           "use RC1-RC9");
    }
    NotAfterReference(EpisodeField(i, "CINreferralDate"), e.referral_date, "correct the referral date");
    EndInYear(EpisodeField(i, "CINclosureDate"), e.closure_date, "correct the closure date");
    if (e.initial_cpc && e.initial_cpc->IsWeekend()) {
      Fail("icpc-weekend", EpisodeField(i, "DateOfInitialCPC"), "the initial conference date " + Iso(*e.initial_cpc) + " is a weekend",
           "correct the conference date (conferences are held on working days)");
    }
    for (size_t a = 0; a < e.assessments.size(); ++a) {
      const auto& as = e.assessments[a];
      const std::string field = EpisodeField(i, "Assessments[" + std::to_string(a + 1) + "]");
      NotAfterReference(field + "/AssessmentActualStartDate", as.start, "correct the assessment start date");
      if (as.authorised && *as.authorised < as.start) {
        Fail("assessment-dates", field + "/AssessmentAuthorisationDate",
             "authorised on " + Iso(*as.authorised) + ", before it started on " + Iso(as.start),
             "correct the assessment's start or completion date");
      }
      if (as.authorised) {
        for (const auto& v : domain::FactorViolations(as.factors)) {
          Fail("factors", field + "/FactorsIdentifiedAtAssessment", v,
               "record the factors identified at the assessment (21 alone when none)");
        }
      }
    }
    for (size_t s = 0; s < e.section47s.size(); ++s) {
      const auto& s47 = e.section47s[s];
      const std::string field = EpisodeField(i, "Section47[" + std::to_string(s + 1) + "]");
      NotAfterReference(field + "/S47ActualStartDate", s47.start, "correct the strategy discussion date");
      if (s47.icpc && s47.icpc->IsWeekend()) {
        Fail("icpc-weekend", field + "/DateOfInitialCPC", "the initial conference date " + Iso(*s47.icpc) + " is a weekend",
             "correct the conference date");
      }
    }
    for (size_t k = 0; k < e.cin_plans.size(); ++k) {
      const std::string field = EpisodeField(i, "CINPlanDates[" + std::to_string(k + 1) + "]");
      NotAfterReference(field + "/CINPlanStartDate", e.cin_plans[k].start, "correct the CIN plan start date");
      EndInYear(field + "/CINPlanEndDate", e.cin_plans[k].end, "correct the CIN plan end date");
    }
    for (size_t k = 0; k < e.cp_plans.size(); ++k) {
      const auto& plan = e.cp_plans[k];
      const std::string field = EpisodeField(i, "ChildProtectionPlans[" + std::to_string(k + 1) + "]");
      NotAfterReference(field + "/CPPstartDate", plan.start, "correct the plan start date");
      EndInYear(field + "/CPPendDate", plan.end, "correct the plan end date");
      bool on_icpc = e.initial_cpc && *e.initial_cpc == plan.start;
      for (const auto& s47 : e.section47s) on_icpc |= s47.icpc && *s47.icpc == plan.start;
      if (!on_icpc) {
        Fail("cpp-start-icpc", field + "/CPPstartDate",
             "the plan starts on " + Iso(plan.start) + ", which is not the date of an initial conference in its episode",
             "record the initial (or transfer-in) conference that started the plan, or correct the plan start date");
      }
      for (Date r : plan.reviews) {
        if (r <= plan.start || (plan.end && r > *plan.end)) {
          Fail("review-after-start", field + "/Reviews/CPPreviewDate",
               "review on " + Iso(r) + " is not after the plan start " + Iso(plan.start) +
                   (plan.end ? " and on or before its end " + Iso(*plan.end) : std::string()),
               "correct the review conference date or the plan dates");
        }
      }
    }
  }

  // Rules across the child's episodes and plans.
  void Episodes() {
    std::vector<size_t> open;
    for (size_t i = 0; i < c_.episodes.size(); ++i) {
      if (!c_.episodes[i].closure_date) open.push_back(i);
    }
    if (open.size() > 1) {
      Fail("open-episode", "CINdetails/CINclosureDate", std::to_string(open.size()) + " CIN episodes are open",
           "close every episode but the latest");
    } else if (open.size() == 1) {
      const Date latest = c_.episodes.back().referral_date;
      if (c_.episodes[open[0]].referral_date < latest) {
        Fail("open-episode", EpisodeField(open[0], "CINclosureDate"),
             "the open episode (referred " + Iso(c_.episodes[open[0]].referral_date) +
                 ") is not the latest (referred " + Iso(latest) + ")",
             "close the older episode");
      }
    }
    // A plan open at the reference date runs on past it.
    const Date far = p_.reference_date.AddDays(1);
    for (size_t i = 0; i < c_.episodes.size(); ++i) {
      for (const auto& cin : c_.episodes[i].cin_plans) {
        for (const auto& e : c_.episodes) {
          for (const auto& cp : e.cp_plans) {
            const Date cin_end = cin.end.value_or(far), cp_end = cp.end.value_or(far);
            if (cin.start < cp_end && cp.start < cin_end) {
              Fail("cin-plan-overlap", EpisodeField(i, "CINPlanDates/CINPlanStartDate"),
                   "the CIN plan from " + Iso(cin.start) + " overlaps the CP plan from " + Iso(cp.start),
                   "end the CIN plan on or before the CP plan start (or correct the dates)");
            }
          }
        }
      }
    }
  }

  const CensusPeriod& p_;
  const CensusChild& c_;
  std::vector<RuleFailure>& out_;
};

}  // namespace

bool IsEthnicityCode(std::string_view code) {
  return std::find(kEthnicity.begin(), kEthnicity.end(), code) != kEthnicity.end();
}
bool IsDisabilityCode(std::string_view code) {
  return std::find(kDisability.begin(), kDisability.end(), code) != kDisability.end();
}

std::vector<RuleFailure> CheckCensusRules(const CensusReturn& census) {
  std::vector<RuleFailure> out;
  if (census.authority.code.size() != 3 || !IsDigits(census.authority.code)) {
    out.push_back({"", "header-lea", "Header/Source/LEA",
                   "the LA number '" + census.authority.code + "' is not 3 digits",
                   "record the council's 3-digit LA number as the code of its children's social care agency"});
  }
  std::set<std::string, std::less<>> seen;
  for (const CensusChild& c : census.children) {
    if (!IsAlnum(c.la_child_id) || c.la_child_id.size() > 20) {
      out.push_back({c.la_child_id, "child-id", "LAchildID",
                     "'" + c.la_child_id + "' must be 1-20 letters and digits", "correct the child's LA id"});
    } else if (!seen.insert(c.la_child_id).second) {
      out.push_back({c.la_child_id, "child-id", "LAchildID", "the LA child id appears more than once",
                     "merge the duplicate child records"});
    }
    ChildCheck(census.period, c, out).Run();
  }
  return out;
}

}  // namespace safehub::returns
