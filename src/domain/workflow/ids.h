// Ids of the records of one child's casework. Each is a per-case sequence number (1, 2, 3 in
// the order the records were accepted), stable when the case is replayed from its steps; the
// store pairs it with the child's PersonId. Trivially copyable values.
#pragma once

#include "common/ids.h"

namespace safehub::domain {

using ContactId = Id<struct ContactTag>;
using ReferralId = Id<struct ReferralTag>;  // a referral opens a CIN episode: one id for both
using AssessmentId = Id<struct AssessmentTag>;
using StrategyDiscussionId = Id<struct StrategyDiscussionTag>;
using Section47EnquiryId = Id<struct Section47EnquiryTag>;
using ConferenceId = Id<struct ConferenceTag>;  // initial and transfer-in conferences
using ReviewConferenceId = Id<struct ReviewConferenceTag>;
using ChildProtectionPlanId = Id<struct ChildProtectionPlanTag>;
using ChildInNeedPlanId = Id<struct ChildInNeedPlanTag>;
using CoreGroupMeetingId = Id<struct CoreGroupMeetingTag>;
using TimescaleId = Id<struct TimescaleTag>;

}  // namespace safehub::domain
