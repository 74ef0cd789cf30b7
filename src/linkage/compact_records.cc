#include "linkage/compact_records.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

#include "linkage/phonetic.h"

namespace safehub::linkage {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();

std::uint32_t PackDate(const DateParts& d) {
  // Readers keep off-calendar digits (month or day up to 99) but never a year above 9999.
  if (!d.present() || d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) return 0;
  return static_cast<std::uint32_t>(d.year * 10000 + d.month * 100 + d.day);
}

DateParts UnpackDate(std::uint32_t v) {
  if (v == 0) return {};
  return {static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100), static_cast<int>(v % 100)};
}

}  // namespace

StringPool::StringPool() { strings_.emplace_back(); }

std::uint32_t StringPool::Intern(std::string_view text) {
  if (text.empty()) return 0;
  const auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  // The map keys point into chunks that never move, so views stay valid as the pool grows.
  if (chunk_left_ < text.size()) {
    const std::size_t bytes = std::max(kChunkBytes, text.size());
    chunks_.push_back(std::make_unique<char[]>(bytes));
    chunk_next_ = chunks_.back().get();
    chunk_left_ = bytes;
  }
  std::memcpy(chunk_next_, text.data(), text.size());
  const std::string_view stored(chunk_next_, text.size());
  chunk_next_ += text.size();
  chunk_left_ -= text.size();
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(stored);
  ids_.emplace(stored, id);
  return id;
}

std::uint32_t StringPool::Find(std::string_view text) const {
  if (text.empty()) return 0;
  const auto it = ids_.find(text);
  return it == ids_.end() ? kMissing : it->second;
}

std::size_t StringPool::MemoryBytes() const {
  return chunks_.size() * kChunkBytes + ids_.size() * 48 + ids_.bucket_count() * 8 +
         strings_.capacity() * sizeof(std::string_view);
}

void CompactRecords::Reserve(std::size_t records) {
  records_.reserve(records);
  arena_.reserve(records * 48);  // a typical address and one identifier; grows if needed
}

std::uint32_t CompactRecords::InternName(std::string_view name) {
  const std::uint32_t id = names_.Intern(name);
  if (id >= name_info_.size()) {
    name_info_.resize(id + 1);
    if (id != 0) name_info_[id].code = HashText(Nysiis(name));
  }
  return id;
}

void CompactRecords::PutText(std::string_view text) {
  // Length prefix: one byte below 255, else 255 and four bytes.
  if (text.size() < 255) {
    arena_.push_back(static_cast<char>(text.size()));
  } else {
    arena_.push_back(static_cast<char>(255));
    const auto n = static_cast<std::uint32_t>(text.size());
    const char* p = reinterpret_cast<const char*>(&n);
    arena_.insert(arena_.end(), p, p + 4);
  }
  arena_.insert(arena_.end(), text.begin(), text.end());
}

std::string_view CompactRecords::GetText(std::uint64_t& offset) const {
  std::size_t n = static_cast<unsigned char>(arena_[offset++]);
  if (n == 255) {
    std::uint32_t v = 0;
    std::memcpy(&v, &arena_[offset], 4);
    offset += 4;
    n = v;
  }
  const std::string_view text(arena_.data() + offset, n);
  offset += n;
  return text;
}

std::uint32_t CompactRecords::Append(const PreparedRecord& r) {
  Packed p;
  p.first_name = InternName(r.first_name);
  p.middle_name = InternName(r.middle_name);
  p.surname = InternName(r.surname);
  if (p.first_name != 0) ++name_info_[p.first_name].as_first, ++first_name_total_;
  if (p.surname != 0) ++name_info_[p.surname].as_surname, ++surname_total_;
  p.postcode = places_.Intern(r.postcode);
  p.locality = places_.Intern(r.locality);
  p.date = PackDate(r.date_of_birth);
  p.sex = r.sex;
  p.postcode_outward = static_cast<std::uint8_t>(r.postcode_outward);
  p.flags = static_cast<std::uint8_t>((r.nhs_number_valid ? 1 : 0) | (r.upn_valid ? 2 : 0));
  p.blob = arena_.size();
  PutText(r.address);
  PutText(r.nhs_number);
  PutText(r.upn);
  PutText(r.other_id);
  records_.push_back(p);
  return static_cast<std::uint32_t>(records_.size() - 1);
}

void CompactRecords::Materialise(std::uint32_t i, PreparedRecord& out) const {
  const Packed& p = records_[i];
  out.first_name.assign(names_.Get(p.first_name));
  out.middle_name.assign(names_.Get(p.middle_name));
  out.surname.assign(names_.Get(p.surname));
  out.first_name_code = p.first_name == 0 ? 0 : name_info_[p.first_name].code;
  out.surname_code = p.surname == 0 ? 0 : name_info_[p.surname].code;
  out.date_of_birth = UnpackDate(p.date);
  out.sex = p.sex;
  out.postcode.assign(places_.Get(p.postcode));
  out.postcode_outward = p.postcode_outward;
  out.locality.assign(places_.Get(p.locality));
  std::uint64_t offset = p.blob;
  out.address.assign(GetText(offset));
  out.nhs_number.assign(GetText(offset));
  out.upn.assign(GetText(offset));
  out.other_id.assign(GetText(offset));
  out.nhs_number_valid = (p.flags & 1) != 0;
  out.upn_valid = (p.flags & 2) != 0;
  out.first_name_tf = 0;
  out.surname_tf = 0;
}

std::uint32_t CompactRecords::FirstNameCount(std::string_view name) const {
  const std::uint32_t id = names_.Find(name);
  return id == kMissing || id == 0 ? 0 : name_info_[id].as_first;
}

std::uint32_t CompactRecords::SurnameCount(std::string_view name) const {
  const std::uint32_t id = names_.Find(name);
  return id == kMissing || id == 0 ? 0 : name_info_[id].as_surname;
}

std::size_t CompactRecords::MemoryBytes() const {
  return records_.capacity() * sizeof(Packed) + names_.MemoryBytes() + places_.MemoryBytes() +
         name_info_.capacity() * sizeof(NameInfo) + arena_.capacity();
}

}  // namespace safehub::linkage
