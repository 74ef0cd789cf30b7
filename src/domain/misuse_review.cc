#include "domain/misuse_review.h"

namespace safehub::domain {

std::string_view ToString(ReviewFinding finding) {
  switch (finding) {
    case ReviewFinding::kOpen: return "open";
    case ReviewFinding::kJustified: return "justified";
    case ReviewFinding::kMisuse: return "misuse";
  }
  return "open";
}

Result<ReviewFinding> ParseReviewFinding(std::string_view s) {
  for (ReviewFinding f : {ReviewFinding::kOpen, ReviewFinding::kJustified, ReviewFinding::kMisuse}) {
    if (ToString(f) == s) return f;
  }
  return InvalidArgument("'" + std::string(s.substr(0, 40)) + "' is not one of open, justified, misuse", "finding");
}

}  // namespace safehub::domain
