// A record as an agency holds it (Record) and the same record normalised once for fast
// comparison and blocking (PreparedRecord). Value types; thread-safe to read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace safehub::linkage {

// A date of birth as digits. Readers may keep a date that is not on the calendar (a typed
// 1956-04-31 still carries evidence); year 0 means missing.
struct DateParts {
  int year = 0;
  int month = 0;
  int day = 0;
  bool present() const { return year != 0; }
  bool operator==(const DateParts&) const = default;
};

struct Record {
  std::string record_id;
  std::string source;
  std::string first_name;
  std::string middle_name;
  std::string surname;
  DateParts date_of_birth;
  std::string sex;
  std::string address;
  std::string postcode;
  std::string locality;
  std::string nhs_number;
  std::string upn;
  std::string other_id;
};

struct PreparedRecord {
  std::string first_name;   // letters only, lower case
  std::string middle_name;
  std::string surname;
  std::uint64_t first_name_code = 0;  // hash of the NYSIIS code; 0 when no name
  std::uint64_t surname_code = 0;
  DateParts date_of_birth;
  char sex = 0;  // 'm', 'f' or 0 when unknown
  std::string address;   // NormaliseText
  std::string postcode;  // NormaliseCode
  int postcode_outward = 0;  // length of the outward code when UK-shaped, else 0
  std::string locality;
  std::string nhs_number;  // digits
  bool nhs_number_valid = false;
  std::string upn;  // upper case
  bool upn_valid = false;
  std::string other_id;
  // Term-frequency adjustments (bits) for an exact name match; set by LinkageModel::Fit*.
  float first_name_tf = 0;
  float surname_tf = 0;
};

// Normalises every field; never fails (unusable values become empty).
PreparedRecord Prepare(const Record& record);
// "M", "male", "boy" -> 'm'; "F", "female", "girl" -> 'f'; anything else 0.
char NormaliseSex(std::string_view sex);
// The outward code length of a normalised UK postcode ("SW1A1AA" -> 4), or 0.
int UkPostcodeOutwardLength(std::string_view code);
// 64-bit FNV-1a; 0 is reserved for "no value", so never returned.
std::uint64_t HashText(std::string_view text, std::uint64_t seed = 0);

}  // namespace safehub::linkage
