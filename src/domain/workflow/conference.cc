#include "domain/workflow/conference.h"

#include <set>
#include <utility>

namespace safehub::domain {
namespace {

constexpr std::string_view kRoleNames[] = {"social care", "police", "health", "gp", "school",
                                           "probation", "housing", "youth offending", "other"};
constexpr std::string_view kAttendanceNames[] = {"present", "apologies", "report sent", "absent"};

// An agency is its store id when known, else its role (one police force per area).
std::pair<std::int64_t, int> AgencyKey(const AgencyParticipation& p) {
  return {p.agency.value, p.agency.valid() ? -1 : static_cast<int>(p.role)};
}

}  // namespace

std::string_view ToString(AgencyRole role) { return kRoleNames[static_cast<int>(role)]; }

Result<AgencyRole> ParseAgencyRole(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(AgencyRole::kOther); ++i) {
    if (kRoleNames[i] == s) return static_cast<AgencyRole>(i);
  }
  if (s == "general practice") return AgencyRole::kGeneralPractice;
  return InvalidArgument("'" + std::string(s.substr(0, 24)) +
                             "' is not an agency role (social care, police, health, gp, school, probation, "
                             "housing, youth offending, other)",
                         "role");
}

std::string_view ToString(Attendance attendance) { return kAttendanceNames[static_cast<int>(attendance)]; }

Result<Attendance> ParseAttendance(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Attendance::kAbsent); ++i) {
    if (kAttendanceNames[i] == s) return static_cast<Attendance>(i);
  }
  return InvalidArgument("'" + std::string(s.substr(0, 24)) +
                             "' is not an attendance (present, apologies, report sent, absent)",
                         "attendance");
}

int AgenciesPresent(const MeetingRecord& record) {
  std::set<std::pair<std::int64_t, int>> present;
  for (const AgencyParticipation& p : record.participants) {
    if (p.attendance == Attendance::kPresent) present.insert(AgencyKey(p));
  }
  return static_cast<int>(present.size());
}

bool IsQuorate(const MeetingRecord& record) {
  bool social_care = false;
  std::set<std::pair<std::int64_t, int>> others;
  for (const AgencyParticipation& p : record.participants) {
    if (p.attendance != Attendance::kPresent) continue;
    if (p.role == AgencyRole::kSocialCare) {
      social_care = true;
    } else {
      others.insert(AgencyKey(p));
    }
  }
  return social_care && others.size() >= 2;
}

void ValidateMeetingRecord(const MeetingRecord& record, Date held_on, QuorumRequirement quorum,
                           Violations& out) {
  // Fields are named by their path in the step's JSON (the API body and the stored payload),
  // so a form can show each refusal beside its control.
  const std::string participants = std::string(kMeetingRecordField) + ".participants";
  auto participant = [&](size_t i, const char* field) {
    return participants + "[" + std::to_string(i) + "]." + field;
  };
  std::set<std::pair<std::int64_t, int>> seen;
  for (size_t i = 0; i < record.participants.size(); ++i) {
    const AgencyParticipation& p = record.participants[i];
    if (!seen.insert(AgencyKey(p)).second) {
      out.Add(participant(i, p.agency.valid() ? "agency" : "role"),
              std::string(ToString(p.role)) + " is listed twice; record one attendance per agency");
    }
    if (p.invited_on && *p.invited_on > held_on) {
      out.Add(participant(i, "invited_on"), "invited " + p.invited_on->ToString() + " after the meeting on " +
                                                held_on.ToString());
    }
    if (p.contact_details.size() > kMaxContactDetails) {
      out.Add(participant(i, "contact_details"), "contact details are " + std::to_string(p.contact_details.size()) +
                                                     " characters; at most " + std::to_string(kMaxContactDetails));
    }
  }
  for (size_t i = 0; i < record.actions.size(); ++i) {
    const MeetingAction& a = record.actions[i];
    const std::string action = std::string(kMeetingRecordField) + ".actions[" + std::to_string(i) + "].";
    if (a.description.empty()) out.Add(action + "description", "action " + std::to_string(i + 1) + " has no description");
    if (!a.owner.valid() && !a.owner_agency.valid()) {
      out.Add(action + "owner", "action " + std::to_string(i + 1) + " has no owner (a practitioner or an agency)");
    }
    if (a.due < held_on) {
      out.Add(action + "due", "action " + std::to_string(i + 1) + " is due " + a.due.ToString() +
                                  ", before the meeting on " + held_on.ToString());
    }
  }
  if (quorum == QuorumRequirement::kNotRequired) return;
  if (record.participants.empty()) {
    out.Add(participants, "attendance: none recorded (Working Together: conference attendance is recorded by agency)");
    return;
  }
  if (!IsQuorate(record) && record.quorum_override_reason.empty()) {
    // Named at the attendance that would most likely make it quorate: social care's when it
    // is not present, else the first agency not present, else the list (an agency is missing).
    std::string field = participants;
    for (size_t i = 0; i < record.participants.size() && field == participants; ++i) {
      const AgencyParticipation& p = record.participants[i];
      if (p.role == AgencyRole::kSocialCare && p.attendance != Attendance::kPresent) field = participant(i, "attendance");
    }
    for (size_t i = 0; i < record.participants.size() && field == participants; ++i) {
      if (record.participants[i].attendance != Attendance::kPresent) field = participant(i, "attendance");
    }
    out.Add(field, "attendance not quorate: " + std::to_string(AgenciesPresent(record)) +
                       " agencies present; social care and at least two other agencies must be "
                       "present, or the chair records a reason to proceed (Working Together: quorum)");
  }
}

}  // namespace safehub::domain
