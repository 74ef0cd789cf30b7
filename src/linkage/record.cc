#include "linkage/record.h"

#include "domain/identifiers.h"
#include "linkage/phonetic.h"
#include "linkage/text.h"

namespace safehub::linkage {

std::uint64_t HashText(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h == 0 ? 1 : h;
}

char NormaliseSex(std::string_view sex) {
  const std::string s = NormaliseName(sex);
  if (s == "m" || s == "male" || s == "boy" || s == "man") return 'm';
  if (s == "f" || s == "female" || s == "girl" || s == "woman") return 'f';
  return 0;
}

int UkPostcodeOutwardLength(std::string_view code) {
  if (code.size() < 5 || code.size() > 7) return 0;
  const size_t n = code.size();
  auto is_letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!is_digit(code[n - 3]) || !is_letter(code[n - 2]) || !is_letter(code[n - 1])) return 0;
  if (!is_letter(code[0])) return 0;
  return static_cast<int>(n - 3);
}

PreparedRecord Prepare(const Record& record) {
  PreparedRecord p;
  p.first_name = NormaliseName(record.first_name);
  p.middle_name = NormaliseName(record.middle_name);
  p.surname = NormaliseName(record.surname);
  if (!p.first_name.empty()) p.first_name_code = HashText(Nysiis(p.first_name));
  if (!p.surname.empty()) p.surname_code = HashText(Nysiis(p.surname));
  p.date_of_birth = record.date_of_birth;
  p.sex = NormaliseSex(record.sex);
  p.address = NormaliseText(record.address);
  p.postcode = NormaliseCode(record.postcode);
  p.postcode_outward = UkPostcodeOutwardLength(p.postcode);
  p.locality = NormaliseText(record.locality);
  p.nhs_number = DigitsOnly(record.nhs_number);
  p.nhs_number_valid = !p.nhs_number.empty() && domain::ValidateNhsNumber(p.nhs_number).ok();
  p.upn = NormaliseCode(record.upn);
  p.upn_valid = !p.upn.empty() && domain::ValidateUpn(p.upn).ok();
  p.other_id = NormaliseCode(record.other_id);
  return p;
}

}  // namespace safehub::linkage
