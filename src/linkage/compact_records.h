// Compact storage of many prepared records for the real-time index: names, postcodes and
// localities interned once (with their NYSIIS code and how often each is a first name or a
// surname, for term frequencies), address and identifiers packed in one byte arena, the date
// packed in 32 bits. About 40 bytes a record plus the arena, instead of ~400 for a
// PreparedRecord with its strings. A record is turned back into a PreparedRecord (reusing the
// caller's string buffers) only when compared. Not thread-safe to write; reads are const.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linkage/record.h"

namespace safehub::linkage {

// Strings stored once each; id 0 is the empty string.
class StringPool {
 public:
  StringPool();
  std::uint32_t Intern(std::string_view text);
  // The id of `text`, or none (UINT32_MAX) when it was never interned.
  std::uint32_t Find(std::string_view text) const;
  std::string_view Get(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }
  std::size_t MemoryBytes() const;

 private:
  std::vector<std::string_view> strings_;  // into chunks_
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t chunk_left_ = 0;
  char* chunk_next_ = nullptr;
};

class CompactRecords {
 public:
  void Reserve(std::size_t records);
  // Appends `r` (term-frequency slots ignored); returns its index.
  std::uint32_t Append(const PreparedRecord& r);
  // Writes record `i` into `out` (term frequencies left 0: the caller sets them).
  void Materialise(std::uint32_t i, PreparedRecord& out) const;
  std::size_t size() const { return records_.size(); }

  // How often a normalised name occurs as a first name / surname among the records.
  std::uint32_t FirstNameCount(std::string_view name) const;
  std::uint32_t SurnameCount(std::string_view name) const;
  // The same counts for record i's own first name and surname, without hashing.
  std::uint32_t FirstNameCountOf(std::uint32_t i) const { return name_info_[records_[i].first_name].as_first; }
  std::uint32_t SurnameCountOf(std::uint32_t i) const { return name_info_[records_[i].surname].as_surname; }
  std::uint64_t first_name_total() const { return first_name_total_; }
  std::uint64_t surname_total() const { return surname_total_; }
  std::size_t MemoryBytes() const;

 private:
  struct Packed {
    std::uint32_t first_name = 0, middle_name = 0, surname = 0, postcode = 0, locality = 0;  // pool ids
    std::uint32_t date = 0;   // year * 10000 + month * 100 + day; 0 = missing
    std::uint64_t blob = 0;   // arena offset of address, NHS number, UPN, other id (length-prefixed)
    char sex = 0;
    std::uint8_t postcode_outward = 0;
    std::uint8_t flags = 0;   // 1: NHS number valid, 2: UPN valid
  };
  struct NameInfo {
    std::uint64_t code = 0;  // HashText(Nysiis(name))
    std::uint32_t as_first = 0;
    std::uint32_t as_surname = 0;
  };
  std::uint32_t InternName(std::string_view name);
  void PutText(std::string_view text);
  std::string_view GetText(std::uint64_t& offset) const;

  std::vector<Packed> records_;
  StringPool names_;
  std::vector<NameInfo> name_info_{1};  // by names_ id (0: the empty name, never counted)
  StringPool places_;                // postcodes and localities
  std::vector<char> arena_;
  std::uint64_t first_name_total_ = 0;
  std::uint64_t surname_total_ = 0;
};

}  // namespace safehub::linkage
