// Plays scenario lines against a CaseHistory (the phrases are in tests/scenario/README.md).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "domain/workflow/case_history.h"
#include "domain/workflow/scenario.h"

namespace safehub::domain {
namespace {

// Scenario dates stay within years every part of the calendar handles.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;
const std::set<std::string> kKeywords = {"from", "need", "contact", "late", "category", "worker", "outcome",
                                         "factors", "decides", "reason", "attendance", "override"};

bool LooksLikeDate(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && std::isdigit(static_cast<unsigned char>(s[0]));
}

// One phrase: head words, an optional date, then `keyword value...` options; tokens after
// the date and before any keyword are the phrase's list (expect overdue on DATE icpc, ...).
struct Phrase {
  std::string head;
  std::optional<Date> date;
  std::string quoted;  // a quoted text in the head: expect refused "..."
  std::vector<std::string> list;
  std::map<std::string, std::vector<std::string>> options;  // keyword -> items split on ','

  bool Has(const std::string& k) const { return options.count(k) > 0; }
  std::string Option(const std::string& k) const {
    auto it = options.find(k);
    if (it == options.end()) return "";
    std::string joined;
    for (const std::string& item : it->second) joined += (joined.empty() ? "" : ", ") + item;
    return joined;
  }
};

// Options are read only when `options` says so (expect lines have none: "icpc late").
enum class Options { kRead, kIgnore };

Result<Phrase> ParsePhrase(std::string_view text, Options options) {
  ASSIGN_OR_RETURN(std::vector<ScenarioToken> tokens, TokenizeScenarioPhrase(text));
  Phrase p;
  size_t i = 0;
  for (; i < tokens.size(); ++i) {
    const ScenarioToken& t = tokens[i];
    if (t.quoted) {
      p.quoted = t.text;
      continue;
    }
    if (LooksLikeDate(t.text)) break;
    if (t.text == ":" || (options == Options::kRead && !p.head.empty() && kKeywords.count(t.text))) break;
    p.head += (p.head.empty() ? "" : " ") + t.text;
  }
  if (i < tokens.size() && LooksLikeDate(tokens[i].text)) {
    auto d = Date::Parse(tokens[i].text);
    if (!d.ok()) return d.status();
    if (d->year() < kFirstYear || d->year() > kLastYear) {
      return InvalidArgument(tokens[i].text + " is outside the years scenarios use (1900-2100)");
    }
    p.date = *d;
    ++i;
  }
  std::vector<std::string>* items = &p.list;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) items->push_back(current);
    current.clear();
  };
  for (; i < tokens.size(); ++i) {
    const ScenarioToken& t = tokens[i];
    if (options == Options::kRead && !t.quoted && kKeywords.count(t.text)) {
      flush();
      items = &p.options[t.text];
      continue;
    }
    if (!t.quoted && t.text == ":") continue;
    if (!t.quoted && t.text == ",") {
      flush();
      continue;
    }
    current += (current.empty() ? "" : " ") + t.text;
  }
  flush();
  return p;
}

Result<int> ParseCount(const std::string& s, int low, int high) {
  if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument("'" + s.substr(0, 20) + "' is not a number");
  }
  const int n = std::stoi(s);
  if (n < low || n > high) return InvalidArgument(s + " is outside " + std::to_string(low) + "-" + std::to_string(high));
  return n;
}

// "social care present, gp apologies, health report sent".
Result<MeetingRecord> ParseAttendanceList(const std::vector<std::string>& items) {
  MeetingRecord record;
  for (const std::string& item : items) {
    std::string role = item;
    std::string attendance;
    for (std::string_view word : {"report sent", "present", "apologies", "absent"}) {
      if (role.size() > word.size() && role.compare(role.size() - word.size(), word.size(), word) == 0) {
        attendance = std::string(word);
        role = role.substr(0, role.size() - word.size());
        while (!role.empty() && role.back() == ' ') role.pop_back();
        break;
      }
    }
    if (attendance.empty()) return InvalidArgument("'" + item.substr(0, 40) + "' does not end in present, apologies, report sent or absent");
    AgencyParticipation p;
    ASSIGN_OR_RETURN(p.role, ParseAgencyRole(role));
    ASSIGN_OR_RETURN(p.attendance, ParseAttendance(attendance));
    record.participants.push_back(p);
  }
  return record;
}

class Runner {
 public:
  explicit Runner(const WorkingDayCalendar& calendar) : calendar_(calendar) {
    default_attendance_ = *ParseAttendanceList({"social care present", "police present", "health present"});
  }

  std::vector<std::string> Run(const Scenario& scenario) {
    for (const ScenarioLine& line : scenario.lines) {
      line_ = line.line;
      const bool checks_refusal = line.kind == ScenarioLineKind::kExpect && line.text.rfind("refused", 0) == 0;
      if (refusal_ && !checks_refusal && !refusal_checked_) {
        Fail("the step at line " + std::to_string(refusal_line_) + " was refused: " + refusal_->message());
      }
      if (!checks_refusal) refusal_.reset();
      auto phrase = ParsePhrase(line.text, line.kind == ScenarioLineKind::kExpect ? Options::kIgnore : Options::kRead);
      if (!phrase.ok()) {
        Fail(phrase.status().message());
        continue;
      }
      Status s = line.kind == ScenarioLineKind::kGiven  ? Given(*phrase)
                 : line.kind == ScenarioLineKind::kWhen ? When(*phrase)
                                                        : Expect(*phrase);
      if (!s.ok()) Fail(s.message());
    }
    if (refusal_ && !refusal_checked_) {
      Fail("the step at line " + std::to_string(refusal_line_) + " was refused: " + refusal_->message());
    }
    return failures_;
  }

 private:
  void Fail(const std::string& message) { failures_.push_back("line " + std::to_string(line_) + ": " + message); }

  Status Given(const Phrase& p) {
    if (case_) return InvalidArgument("'given' lines come before the first 'when' or 'expect'");
    if (p.head == "child born" && p.date) {
      child_ = ChildDetails{PersonId(1), p.date, std::nullopt};
    } else if (p.head == "unborn child due" && p.date) {
      child_ = ChildDetails{PersonId(1), std::nullopt, p.date};
    } else if (p.head == "today" && p.date) {
      today_ = *p.date;
    } else if (p.head == "conference" && p.Has("attendance")) {
      ASSIGN_OR_RETURN(default_attendance_, ParseAttendanceList(p.list));
    } else if (p.head.rfind("rule ", 0) == 0 && p.list.empty()) {
      const std::string rest = p.head.substr(5);
      const size_t space = rest.rfind(' ');
      if (space == std::string::npos) return InvalidArgument("a rule needs a name and a number");
      ASSIGN_OR_RETURN(int n, ParseCount(rest.substr(space + 1), 0, 400));
      const std::string name = rest.substr(0, space);
      if (name == "review after birth working days") rules_.review_after_birth.days = n;
      else if (name == "core group interval weeks") rules_.core_group_interval_weeks = n;
      else if (name == "first core group working days") rules_.first_core_group.days = n;
      else if (name == "assessment working days") rules_.assessment.days = n;
      else return InvalidArgument("'" + name.substr(0, 40) + "' is not a rule scenarios can set");
    } else {
      return InvalidArgument("'given " + p.head.substr(0, 60) + "' is not a phrase scenarios know");
    }
    return Status::Ok();
  }

  Status EnsureCase() {
    if (case_) return Status::Ok();
    if (!child_) return InvalidArgument("no 'given child born DATE' or 'given unborn child due DATE' line");
    ASSIGN_OR_RETURN(CaseHistory c, CaseHistory::Create(*child_, calendar_, rules_));
    case_ = std::move(c);
    return Status::Ok();
  }

  Result<MeetingRecord> Meeting(const Phrase& p) const {
    MeetingRecord record = default_attendance_;
    if (p.Has("attendance")) {
      ASSIGN_OR_RETURN(record, ParseAttendanceList(p.options.at("attendance")));
    }
    record.quorum_override_reason = p.Option("override");
    return record;
  }

  Result<Step> BuildStep(const Phrase& p) const;

  Status When(const Phrase& p) {
    RETURN_IF_ERROR(EnsureCase());
    if (!p.date) return InvalidArgument("'when " + p.head.substr(0, 60) + "' needs a date (YYYY-MM-DD)");
    auto step = BuildStep(p);
    // An unknown phrase is the scenario's mistake; a bad value in a known one (an unknown
    // code) is refused, as the API refuses it.
    if (!step.ok() && step.status().code() == StatusCode::kNotFound) return step.status();
    auto applied = step.ok() ? case_->Apply(*step, today_) : Result<RecordRef>(step.status());
    refusal_.reset();
    refusal_checked_ = false;
    if (!applied.ok()) {
      refusal_ = applied.status();
      refusal_line_ = line_;
    }
    return Status::Ok();
  }

  Status Expect(const Phrase& p);

  const WorkingDayCalendar& calendar_;
  std::vector<std::string> failures_;
  int line_ = 0;
  std::optional<ChildDetails> child_;
  Date today_ = *Date::FromYmd(2035, 12, 31);
  TimescaleRules rules_;
  MeetingRecord default_attendance_;
  std::optional<CaseHistory> case_;
  std::optional<Status> refusal_;
  int refusal_line_ = 0;
  bool refusal_checked_ = false;
};

Result<Step> Runner::BuildStep(const Phrase& p) const {
  const Date d = *p.date;
  const std::string late = p.Option("late");
  const std::string& h = p.head;
  if (h == "contact received") return Step(RecordContact{d, p.Option("from")});
  if (h == "contact decided") {
    ASSIGN_OR_RETURN(ContactDecision decision, ParseContactDecision(p.Option("decides")));
    return Step(DecideContact{{}, d, decision, late});
  }
  if (h == "referral received" || h == "transfer-in referral received") {
    ReceiveReferral s{d, p.Option("from"), p.Option("need"),
                      h == "referral received" ? ReferralKind::kStandard : ReferralKind::kTransferIn, {}, late};
    if (p.Has("contact")) {
      ASSIGN_OR_RETURN(int n, ParseCount(p.Option("contact"), 1, 100000));
      s.from_contact = ContactId(n);
    }
    return Step(s);
  }
  if (h == "referral decided") {
    ASSIGN_OR_RETURN(ReferralDecision decision, ParseReferralDecision(p.Option("decides")));
    return Step(DecideOnReferral{{}, d, decision, late});
  }
  if (h == "assessment started") return Step(StartAssessment{{}, d, late});
  if (h == "assessment completed") {
    ASSIGN_OR_RETURN(AssessmentOutcome outcome, ParseAssessmentOutcome(p.Option("outcome")));
    std::vector<std::string> factors;
    if (p.Has("factors")) factors = p.options.at("factors");
    return Step(CompleteAssessment{{}, d, factors, outcome, late});
  }
  if (h == "strategy discussion held") {
    StrategyDecision decision = StrategyDecision::kSection47Enquiry;
    if (p.Has("decides")) {
      if (p.Option("decides") == "no s47") decision = StrategyDecision::kNoSection47Enquiry;
      else if (p.Option("decides") != "s47") return InvalidArgument("a strategy discussion decides s47 or no s47");
    }
    return Step(HoldStrategyDiscussion{{}, d, decision, late});
  }
  if (h == "s47 enquiry completed") {
    ASSIGN_OR_RETURN(Section47Outcome outcome, ParseSection47Outcome(p.Option("outcome")));
    return Step(CompleteSection47Enquiry{{}, d, outcome});
  }
  if (h == "icpc held" || h == "transfer-in conference held") {
    HoldInitialConference s;
    s.kind = h == "icpc held" ? ConferenceKind::kInitial : ConferenceKind::kTransferIn;
    s.held_on = d;
    if (p.Has("decides")) {
      ASSIGN_OR_RETURN(s.decision, ParseConferenceDecision(p.Option("decides")));
    }
    ASSIGN_OR_RETURN(s.record, Meeting(p));
    s.late_reason = late;
    return Step(s);
  }
  if (h == "cp plan started") {
    StartChildProtectionPlan s{{}, d, AbuseCategory::kNeglect, PractitionerId(1)};
    if (p.Has("category")) {
      ASSIGN_OR_RETURN(s.category, ParseAbuseCategory(p.Option("category")));
    }
    if (p.Option("worker") == "none") {
      s.key_worker = PractitionerId();
    } else if (p.Has("worker")) {
      ASSIGN_OR_RETURN(int n, ParseCount(p.Option("worker"), 1, 1000000));
      s.key_worker = PractitionerId(n);
    }
    return Step(s);
  }
  if (h == "core group held") return Step(HoldCoreGroupMeeting{{}, d, {}, late});
  if (h == "review held") {
    HoldReviewConference s;
    s.held_on = d;
    if (p.Has("decides")) {
      ASSIGN_OR_RETURN(s.decision, ParseReviewDecision(p.Option("decides")));
    }
    ASSIGN_OR_RETURN(s.record, Meeting(p));
    s.late_reason = late;
    return Step(s);
  }
  if (h == "cp plan ended") {
    ASSIGN_OR_RETURN(PlanEndReason reason, ParsePlanEndReason(p.Option("reason")));
    return Step(EndChildProtectionPlan{{}, d, reason});
  }
  if (h == "cin plan started") return Step(StartChildInNeedPlan{{}, d, late, {}});
  if (h == "cin plan ended") return Step(EndChildInNeedPlan{{}, d});
  if (h == "episode closed") {
    ASSIGN_OR_RETURN(ReasonForClosure reason, ParseReasonForClosure(p.Option("reason")));
    return Step(CloseEpisode{{}, d, reason, late});
  }
  if (h == "child born") return Step(RecordBirth{d});
  return NotFound("'when " + h.substr(0, 60) + "' is not a step scenarios know");
}

std::string KindList(const std::vector<Timescale>& timescales) {
  std::string out;
  for (const Timescale& t : timescales) out += (out.empty() ? "" : ", ") + std::string(ToString(t.kind));
  return out.empty() ? "nothing" : out;
}

Status Runner::Expect(const Phrase& p) {
  if (p.head == "refused") {
    if (!refusal_) return InvalidArgument("expected a refusal, but the step before was accepted");
    refusal_checked_ = true;
    if (refusal_->message().find(p.quoted) == std::string::npos) {
      return InvalidArgument("the refusal does not say \"" + p.quoted.substr(0, 200) + "\": " + refusal_->message());
    }
    return Status::Ok();
  }
  RETURN_IF_ERROR(EnsureCase());
  const std::string& h = p.head;
  const std::vector<std::string> list = p.list.empty() ? std::vector<std::string>{"nothing"} : p.list;
  auto wanted = [&] {
    std::vector<std::string> sorted = list;
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    for (const std::string& s : sorted) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  auto got = [](std::vector<Timescale> ts) {
    std::sort(ts.begin(), ts.end(), [](const Timescale& a, const Timescale& b) { return ToString(a.kind) < ToString(b.kind); });
    return KindList(ts);
  };
  if (h == "overdue on" && p.date) {
    const std::string actual = got(case_->Overdue(*p.date));
    if (actual != wanted()) return InvalidArgument("overdue on " + p.date->ToString() + ": " + actual + ", expected " + wanted());
    return Status::Ok();
  }
  if (h.rfind("due within ", 0) == 0 && h.size() > 24 && h.substr(h.size() - 16) == " working days of" && p.date) {
    ASSIGN_OR_RETURN(int n, ParseCount(h.substr(11, h.size() - 27), 0, 365));
    const std::string actual = got(case_->DueSoon(*p.date, n));
    if (actual != wanted()) return InvalidArgument("due soon: " + actual + ", expected " + wanted());
    return Status::Ok();
  }
  if (h == "re-referral" || h == "not re-referral") {
    if (case_->referrals().empty()) return InvalidArgument("there is no referral");
    const bool is = case_->referrals().back().IsReReferral();
    if (is != (h == "re-referral")) return InvalidArgument(std::string("the latest referral is ") + (is ? "" : "not ") + "a re-referral");
    return Status::Ok();
  }
  if (h == "cp plan ended" && p.date) {
    if (case_->child_protection_plans().empty()) return InvalidArgument("there is no cp plan");
    const auto& plan = case_->child_protection_plans().back();
    if (plan.ended_on != p.date) {
      return InvalidArgument("the latest cp plan ended " + (plan.ended_on ? plan.ended_on->ToString() : std::string("never")));
    }
    return Status::Ok();
  }
  // "<timescale> due DATE" or "<timescale> met|late|open|not required".
  for (std::string_view state : {" due", " met", " late", " open", " not required"}) {
    if (h.size() <= state.size() || h.compare(h.size() - state.size(), state.size(), state) != 0) continue;
    ASSIGN_OR_RETURN(TimescaleKind kind, ParseTimescaleKind(h.substr(0, h.size() - state.size())));
    // A state other than open is the latest timer of the kind that has stopped (a core group
    // that ends one starts the next).
    const Timescale* t = case_->LatestTimescale(kind);
    if (state != " due" && state != " open") {
      for (auto it = case_->timescales().rbegin(); it != case_->timescales().rend(); ++it) {
        if (it->kind == kind && !it->IsOpen()) {
          t = &*it;
          break;
        }
      }
    }
    if (t == nullptr) return InvalidArgument("no " + std::string(ToString(kind)) + " timescale has started");
    if (state == " due") {
      if (!p.date) return InvalidArgument("'expect ... due' needs a date");
      if (t->due != *p.date) {
        return InvalidArgument(std::string(ToString(kind)) + " is due " + t->due.ToString() + ", expected " +
                               p.date->ToString() + " (started by " + t->started_by.ToString() + ")");
      }
    } else if (ToString(t->state) != state.substr(1)) {
      return InvalidArgument(std::string(ToString(kind)) + " is " + std::string(ToString(t->state)) + ", expected " +
                             std::string(state.substr(1)));
    }
    return Status::Ok();
  }
  return InvalidArgument("'expect " + h.substr(0, 60) + "' is not a check scenarios know");
}

}  // namespace

std::vector<std::string> RunScenario(const Scenario& scenario, const WorkingDayCalendar& calendar) {
  return Runner(calendar).Run(scenario);
}

}  // namespace safehub::domain
