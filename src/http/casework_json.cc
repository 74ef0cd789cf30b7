#include "http/casework_json.h"

#include <algorithm>

#include "app/casework_codec.h"

namespace safehub::http {

using namespace safehub::domain;

namespace {

Json DateOrNull(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }
template <typename E>
Json WordOrNull(const std::optional<E>& e) { return e ? Json(std::string(ToString(*e))) : Json(nullptr); }
template <typename Tag>
Json IdOrNull(Id<Tag> id) { return id.valid() ? Json(id.value) : Json(nullptr); }

// A timescale's fields without the working-day counts (their callers add those).
Json TimescaleFields(const Timescale& t, Date today) {
  const bool overdue = t.IsOpen() && t.due < today;
  return {{"id", t.id.value},
          {"kind", ToString(t.kind)},
          {"started_by", t.started_by.ToString()},
          {"started_on", t.started_on.ToString()},
          {"due", t.due.ToString()},
          {"state", ToString(t.state)},
          {"status", overdue ? std::string("overdue") : std::string(ToString(t.state))},
          {"referral", IdOrNull(t.referral)},
          {"plan", IdOrNull(t.plan)},
          {"completed_on", DateOrNull(t.completed_on)},
          {"completed_by", t.completed_on ? Json(t.completed_by.ToString()) : Json(nullptr)},
          {"late_reason", t.late_reason}};
}

Json Meeting(const MeetingRecord& record) {
  Json out = app::MeetingRecordToJson(record);
  out["quorate"] = IsQuorate(record);
  out["agencies_present"] = AgenciesPresent(record);
  return out;
}

Json Records(const CaseHistory& c) {
  Json contacts = Json::array();
  for (const auto& x : c.contacts()) {
    contacts.push_back({{"id", x.id.value}, {"received_on", x.received_on.ToString()}, {"source", x.source},
                        {"decided_on", DateOrNull(x.decided_on)}, {"decision", WordOrNull(x.decision)},
                        {"referral", IdOrNull(x.referral)}});
  }
  Json referrals = Json::array();
  for (const auto& x : c.referrals()) {
    referrals.push_back({{"id", x.id.value}, {"received_on", x.received_on.ToString()}, {"source", x.source},
                         {"primary_need", x.primary_need}, {"kind", ToString(x.kind)},
                         {"from_contact", IdOrNull(x.from_contact)}, {"re_referral", x.IsReReferral()},
                         {"previous_within_12_months", IdOrNull(x.previous_within_12_months)},
                         {"decided_on", DateOrNull(x.decided_on)}, {"decision", WordOrNull(x.decision)},
                         {"closed_on", DateOrNull(x.closed_on)},
                         {"closure_reason", x.closure_reason ? Json(std::string(ToCode(*x.closure_reason))) : Json(nullptr)},
                         {"open", x.IsOpen()}});
  }
  Json assessments = Json::array();
  for (const auto& x : c.assessments()) {
    assessments.push_back({{"id", x.id.value}, {"referral", x.referral.value}, {"started_on", x.started_on.ToString()},
                           {"completed_on", DateOrNull(x.completed_on)}, {"factors", x.factors},
                           {"outcome", WordOrNull(x.outcome)}});
  }
  Json strategy = Json::array();
  for (const auto& x : c.strategy_discussions()) {
    strategy.push_back({{"id", x.id.value}, {"referral", x.referral.value}, {"held_on", x.held_on.ToString()},
                        {"decision", ToString(x.decision)}, {"enquiry", IdOrNull(x.enquiry)}});
  }
  Json enquiries = Json::array();
  for (const auto& x : c.section47_enquiries()) {
    enquiries.push_back({{"id", x.id.value}, {"referral", x.referral.value},
                         {"strategy_discussion", x.strategy_discussion.value}, {"started_on", x.started_on.ToString()},
                         {"completed_on", DateOrNull(x.completed_on)}, {"outcome", WordOrNull(x.outcome)},
                         {"conference", IdOrNull(x.conference)}});
  }
  Json conferences = Json::array();
  for (const auto& x : c.initial_conferences()) {
    conferences.push_back({{"id", x.id.value}, {"referral", x.referral.value}, {"kind", ToString(x.kind)},
                           {"enquiry", IdOrNull(x.enquiry)}, {"held_on", x.held_on.ToString()},
                           {"pre_birth", x.pre_birth}, {"decision", ToString(x.decision)},
                           {"record", Meeting(x.record)}, {"plan", IdOrNull(x.plan)}});
  }
  Json plans = Json::array();
  for (const auto& x : c.child_protection_plans()) {
    plans.push_back({{"id", x.id.value}, {"referral", x.referral.value}, {"conference", IdOrNull(x.conference)},
                     {"start", x.start.ToString()}, {"category", ToString(x.category)},
                     {"category_code", ToCode(x.category)}, {"key_worker", IdOrNull(x.key_worker)},
                     {"pre_birth", x.pre_birth}, {"ended_on", DateOrNull(x.ended_on)},
                     {"end_reason", WordOrNull(x.end_reason)}, {"open", x.IsOpen()}});
  }
  Json core_groups = Json::array();
  for (const auto& x : c.core_group_meetings()) {
    core_groups.push_back({{"id", x.id.value}, {"plan", x.plan.value}, {"held_on", x.held_on.ToString()},
                           {"record", Meeting(x.record)}});
  }
  Json reviews = Json::array();
  for (const auto& x : c.review_conferences()) {
    reviews.push_back({{"id", x.id.value}, {"plan", x.plan.value}, {"held_on", x.held_on.ToString()},
                       {"decision", ToString(x.decision)}, {"record", Meeting(x.record)}});
  }
  Json cin_plans = Json::array();
  for (const auto& x : c.child_in_need_plans()) {
    cin_plans.push_back({{"id", x.id.value}, {"referral", x.referral.value}, {"start", x.start.ToString()},
                         {"key_worker", IdOrNull(x.key_worker)}, {"ended_on", DateOrNull(x.ended_on)},
                         {"open", x.IsOpen()}});
  }
  Json key_worker_changes = Json::array();
  for (const auto& x : c.key_worker_changes()) {
    key_worker_changes.push_back({{"cp_plan", IdOrNull(x.cp_plan)}, {"cin_plan", IdOrNull(x.cin_plan)},
                                  {"changed_on", x.changed_on.ToString()}, {"from", IdOrNull(x.from)},
                                  {"to", x.to.value}});
  }
  return {{"contacts", std::move(contacts)}, {"referrals", std::move(referrals)}, {"assessments", std::move(assessments)},
          {"strategy_discussions", std::move(strategy)}, {"section47_enquiries", enquiries},
          {"initial_conferences", std::move(conferences)}, {"child_protection_plans", std::move(plans)},
          {"core_group_meetings", std::move(core_groups)}, {"review_conferences", std::move(reviews)}, {"child_in_need_plans", std::move(cin_plans)},
          {"key_worker_changes", std::move(key_worker_changes)}};
}

Json OpenTimescales(const std::vector<Timescale>& timescales, Date today, const WorkingDayCalendar& calendar,
                    const Timescale** next) {
  Json out = Json::array();
  for (const auto& t : timescales) {
    if (!t.IsOpen()) continue;
    out.push_back(TimescaleToJson(t, today, calendar));
    if (next != nullptr && (*next == nullptr || t.due < (*next)->due)) *next = &t;
  }
  return out;
}

}  // namespace

Json TimescaleToJson(const Timescale& t, Date today, const WorkingDayCalendar& calendar) {
  Json out = TimescaleFields(t, today);
  out["working_days_overdue"] = WorkingDaysOverdue(t, today, calendar);
  return out;
}

Json ToJson(const app::RecordedStep& recorded, Date today, const WorkingDayCalendar& calendar) {
  return {{"record", recorded.record.ToString()},
          {"record_kind", ToString(recorded.record.kind)},
          {"record_number", recorded.record.number},
          {"sequence", recorded.sequence},
          {"open_timescales", OpenTimescales(recorded.open_timescales, today, calendar, nullptr)}};
}

Json ToJson(const app::CaseRead& read) {
  const CaseHistory& c = read.history;
  Json steps = Json::array();
  for (size_t i = 0; i < read.steps.size() && i < c.steps().size(); ++i) {
    steps.push_back({{"sequence", read.steps[i].sequence},
                     {"step", app::StepToJson(c.steps()[i])},
                     {"recorded_by", IdOrNull(read.steps[i].recorded_by)},
                     {"recorded_at", read.steps[i].recorded_at ? Json(FormatTimestamp(read.steps[i].recorded_at))
                                                               : Json(nullptr)}});
  }
  Json timescales = Json::array();
  for (const auto& t : c.timescales()) timescales.push_back(TimescaleToJson(t, read.today, c.calendar()));
  const Timescale* next = nullptr;
  Json open = OpenTimescales(c.timescales(), read.today, c.calendar(), &next);
  const auto& child = c.child();
  return {{"child", child.child.value},
          {"as_of", read.today.ToString()},
          {"unborn", c.IsUnborn()},
          {"access_basis", ToString(read.basis)},
          {"records", Records(c)},
          {"steps", std::move(steps)},
          {"timescales", std::move(timescales)},
          {"open_timescales", std::move(open)},
          {"next_due", next ? TimescaleToJson(*next, read.today, c.calendar()) : Json(nullptr)}};
}

Json ToJson(const app::WorkList& list) {
  auto items = [&](const std::vector<app::WorkItem>& work) {
    Json out = Json::array();
    for (const auto& w : work) {
      // The work item's own counts (the use case's calendar), not recounted here.
      Json item = TimescaleFields(w.timescale, list.as_of);
      item["working_days_overdue"] = w.working_days_overdue;
      item["working_days_left"] = w.working_days_left;
      item["child"] = w.child.value;
      item["child_name"] = w.child_name;
      item["key_worker"] = IdOrNull(w.key_worker);
      out.push_back(std::move(item));
    }
    return out;
  };
  const char* scope = list.scope == store::WorkScope::kAgency ? "service"
                      : list.scope == store::WorkScope::kTeam ? "team"
                                                              : "worker";
  return {{"as_of", list.as_of.ToString()},
          {"scope", scope},
          {"due_within_working_days", list.due_within_working_days},
          {"cases", list.cases},
          {"overdue", items(list.overdue)},
          {"due_soon", items(list.due_soon)}};
}

}  // namespace safehub::http
