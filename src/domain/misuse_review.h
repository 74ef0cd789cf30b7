// An item in the misuse review queue: opened whenever a user overrides shielding to see a
// shielded child's hidden details, and closed by a reviewer who records whether the access
// was justified. Plain value type.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

using MisuseReviewId = Id<struct MisuseReviewTag>;

enum class ReviewFinding { kOpen, kJustified, kMisuse };
std::string_view ToString(ReviewFinding finding);
Result<ReviewFinding> ParseReviewFinding(std::string_view s);

struct MisuseReview {
  MisuseReviewId id;
  UserId user;               // who overrode
  std::string username;
  PersonId child;
  std::string reason;        // the reason they stated
  UnixSeconds opened_at = 0;
  ReviewFinding finding = ReviewFinding::kOpen;
  UserId reviewed_by;
  UnixSeconds reviewed_at = 0;
  std::string review_note;
};

}  // namespace safehub::domain
