// The DfE CIN census validation rules Safehub applies before it writes a return (the
// essentials of docs/domain.md; the public validator behind them is
// data-to-insight/csc-validator-be-cin). Each failure names the child, the rule, the field
// and the fix, so a practitioner can correct the record instead of the file.
// Pure functions; thread-safe.
//
// Rules (code: what must hold):
//   header-lea          the LA number is 3 digits
//   child-id            LAchildID unique, letters and digits only, at most 20 characters
//   upn                 a valid UPN (check letter) or an unknown-UPN reason UN1-UN7, not both
//   birth-date          exactly one of birth date or expected birth date; a birth date not
//                       after the reference date
//   ethnicity           an ethnicity on the census list
//   disability          disability codes on the list; NONE alone
//   referral-source     1A-10
//   primary-need        N0-N9, required unless the referral was no further action
//   closure             a closure date with a reason RC1-RC9, and a reason only with a date
//   dates-in-year       no date after the reference date; end dates within the census year
//   open-episode        at most one open CIN episode, and it is the latest
//   cin-plan-overlap    no CIN plan overlapping a CP plan (a plan may end the day the other starts)
//   icpc-weekend        no initial child protection conference on a Saturday or Sunday
//   cpp-start-icpc      a CP plan starts on the date of an ICPC of its episode
//   review-after-start  CP plan reviews after the plan start, and not after its end
//   assessment-dates    an assessment authorised on or after its start
//   factors             authorised assessments have factors on the list; 21 alone; 18B/C and
//                       19B/C instead of the withdrawn 18A/19A
#pragma once

#include <string>
#include <vector>

#include "returns/census.h"

namespace safehub::returns {

struct RuleFailure {
  std::string child;    // LAchildID ("" for the header)
  std::string rule;     // the rule code above
  std::string field;    // the census field, e.g. "CINdetails[2]/ReasonForClosure"
  std::string message;  // what is wrong, with the values
  std::string fix;      // what to correct in Safehub
  std::string ToString() const;
};

// Every rule failure of the return, in child order.
std::vector<RuleFailure> CheckCensusRules(const CensusReturn& census);

bool IsEthnicityCode(std::string_view code);
bool IsDisabilityCode(std::string_view code);

}  // namespace safehub::returns
