// National identifiers held about a child: the NHS number (health) and the unique pupil
// number (schools). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace safehub::domain {

// NHS number: 10 digits; the last is a modulus 11 check digit over the first nine with
// weights 10..2 (11 -> 0, 10 -> never issued). Spaces between groups are tolerated.
// kInvalidArgument names the rule that failed.
Status ValidateNhsNumber(std::string_view nhs_number);
// The 10 digits without spaces, or kInvalidArgument.
Result<std::string> NormaliseNhsNumber(std::string_view nhs_number);

// Unique pupil number (DfE): 13 characters, a check letter then 11 digits then a digit or,
// for a temporary UPN, a letter. kInvalidArgument names the rule that failed.
Status ValidateUpn(std::string_view upn);
// The DfE check letter for the 12 characters after it, or kInvalidArgument.
Result<char> UpnCheckLetter(std::string_view last_twelve);

}  // namespace safehub::domain
