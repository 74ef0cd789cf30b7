#include "domain/identifiers.h"

#include <array>
#include <cctype>

namespace safehub::domain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The DfE UPN letter table: I, O and S are never used, so 23 letters stand for 0..22.
constexpr std::string_view kUpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

int UpnLetterValue(char c) {
  const size_t pos = kUpnLetters.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

Result<std::string> NormaliseNhsNumber(std::string_view in) {
  std::string digits;
  for (char c : in) {
    if (c == ' ') continue;
    if (!IsDigit(c)) return InvalidArgument("NHS number must contain only digits");
    digits.push_back(c);
  }
  if (digits.size() != 10) {
    return InvalidArgument("NHS number must have 10 digits, found " + std::to_string(digits.size()));
  }
  // Modulus 11 (NHS Data Dictionary): weights 10..2 on the first nine digits.
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return InvalidArgument("NHS number " + digits + " cannot exist (check digit would be 10)");
  if (check != digits[9] - '0') {
    return InvalidArgument("NHS number " + digits + " fails the modulus 11 check (expected check digit " +
                           std::to_string(check) + ")");
  }
  return digits;
}

Status ValidateNhsNumber(std::string_view nhs_number) {
  return NormaliseNhsNumber(nhs_number).status();
}

Result<char> UpnCheckLetter(std::string_view tail) {
  if (tail.size() != 12) return InvalidArgument("UPN must have 13 characters");
  // DfE algorithm: characters 2..13 weighted 2..13, summed, modulo 23, mapped to a
  // letter. A letter in position 13 (temporary UPN) counts as its table value.
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) {
    const char c = tail[i];
    int value;
    if (IsDigit(c)) {
      value = c - '0';
    } else if (i == 11 && UpnLetterValue(c) >= 0) {
      value = UpnLetterValue(c);
    } else {
      return InvalidArgument(std::string("UPN character ") + std::to_string(i + 2) + " '" + c +
                             "' must be a digit" + (i == 11 ? " or a letter other than I, O, S" : ""));
    }
    sum += value * static_cast<int>(i + 2);
  }
  return kUpnLetters[static_cast<size_t>(sum % 23)];
}

Status ValidateUpn(std::string_view upn) {
  if (upn.size() != 13) {
    return InvalidArgument("UPN must have 13 characters, found " + std::to_string(upn.size()));
  }
  ASSIGN_OR_RETURN(char expected, UpnCheckLetter(upn.substr(1)));
  if (upn[0] != expected) {
    return InvalidArgument("UPN " + std::string(upn) + " has check letter '" + upn[0] +
                           "' but its digits give '" + expected + "'");
  }
  return Status::Ok();
}

}  // namespace safehub::domain
