// What is recorded at a child protection conference or core group meeting: the agencies
// invited, each agency's attendance (present, apologies, report sent, absent) and the contact
// details agreed, the decisions, and the actions with owners and dates; and the quorum rule.
// Plain values; pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/validation.h"

namespace safehub::domain {

// The kind of agency, which the quorum rule needs (social care plus two others).
enum class AgencyRole {
  kSocialCare, kPolice, kHealth, kGeneralPractice, kSchool, kProbation, kHousing,
  kYouthOffending, kOther,
};
std::string_view ToString(AgencyRole role);   // "social care", "police", "gp", ...
Result<AgencyRole> ParseAgencyRole(std::string_view s);

enum class Attendance { kPresent, kApologies, kReportSent, kAbsent };
std::string_view ToString(Attendance attendance);  // "present", "apologies", "report sent", "absent"
Result<Attendance> ParseAttendance(std::string_view s);

// One invited agency at one meeting.
struct AgencyParticipation {
  AgencyId agency;                // optional; when 0 the role identifies the agency
  AgencyRole role = AgencyRole::kOther;
  PractitionerId practitioner;    // who represents it (optional)
  std::optional<Date> invited_on;
  Attendance attendance = Attendance::kAbsent;
  std::string contact_details;    // agreed at the meeting: phone, secure email
};

// A name, a phone number and a secure email fit; more is not a contact.
inline constexpr std::size_t kMaxContactDetails = 300;

struct MeetingAction {
  std::string description;
  PractitionerId owner;           // a named practitioner, or
  AgencyId owner_agency;          // an agency when no one person owns it
  Date due;
};

struct MeetingRecord {
  std::vector<AgencyParticipation> participants;
  std::vector<std::string> decisions;      // free text beyond the structured decision
  std::vector<MeetingAction> actions;
  std::string quorum_override_reason;      // the chair's recorded reason to proceed inquorate
};

// Working Together (2010, 5.95; kept locally since): a conference is quorate when children's
// social care and at least two other agencies are present in person. Apologies, a report sent
// and absence do not count; one agency counts once however many people it sends.
bool IsQuorate(const MeetingRecord& record);
int AgenciesPresent(const MeetingRecord& record);  // distinct agencies present, social care included

enum class QuorumRequirement { kRequired, kNotRequired };

// The name of a step's meeting record in its JSON: violations name paths under it, e.g.
// "record.participants[2].attendance", "record.actions[0].due".
inline constexpr const char* kMeetingRecordField = "record";

// Adds every broken rule of a meeting record held on `held_on` to `out`: at least one
// participant when a quorum is required; each invitation not after the meeting; no agency
// listed twice; actions with a description, an owner and a due date not before the meeting;
// and, when required, a quorum or the chair's recorded reason to proceed without one.
void ValidateMeetingRecord(const MeetingRecord& record, Date held_on, QuorumRequirement quorum,
                           Violations& out);

}  // namespace safehub::domain
