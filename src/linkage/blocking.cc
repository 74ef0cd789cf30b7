#include "linkage/blocking.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace safehub::linkage {
namespace {

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

std::uint64_t Key(int rule, std::initializer_list<std::uint64_t> parts) {
  std::uint64_t h = Mix(0x1234567ull, static_cast<std::uint64_t>(rule) + 1);
  for (auto p : parts) {
    if (p == 0) return 0;
    h = Mix(h, p);
  }
  return h == 0 ? 1 : h;
}

std::uint64_t TextPart(std::string_view s) { return s.empty() ? 0 : HashText(s); }

struct Block {
  int rule;
  std::uint32_t begin;
  std::uint32_t end;
};

struct KeyedRecord {
  std::uint64_t key;
  std::uint32_t record;
};

// Sorted (key, record) lists per rule; block boundaries are runs of equal keys.
std::array<std::vector<KeyedRecord>, kBlockingRuleCount> SortByKey(const std::vector<BlockingKeys>& keys) {
  std::array<std::vector<KeyedRecord>, kBlockingRuleCount> sorted;
  for (int r = 0; r < kBlockingRuleCount; ++r) {
    auto& list = sorted[r];
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      if (keys[i][r] != 0) list.push_back({keys[i][r], i});
    }
    std::sort(list.begin(), list.end(), [](const KeyedRecord& a, const KeyedRecord& b) {
      return a.key != b.key ? a.key < b.key : a.record < b.record;
    });
  }
  return sorted;
}

}  // namespace

std::string_view BlockingRuleName(BlockingRule rule) {
  switch (rule) {
    case BlockingRule::kSurnameCodeBirthDate: return "surname_code+dob(day/month unordered)";
    case BlockingRule::kDateOfBirthPostcodeArea: return "dob+postcode_district";
    case BlockingRule::kNhsNumber: return "nhs_number";
    case BlockingRule::kUpn: return "upn";
    case BlockingRule::kOtherId: return "other_id";
    case BlockingRule::kForenameCodeDateOfBirth: return "forename_code+dob";
    case BlockingRule::kForenameSurnameCodes: return "name_codes(unordered)";
    case BlockingRule::kInitialSurnamePrefixPostcode: return "initial+surname_prefix+postcode";
    case BlockingRule::kBirthDateInitials: return "dob+initials(unordered)";
    case BlockingRule::kIdentifierAnagram: return "identifier_anagram";
  }
  return "";
}

BlockingKeys ComputeBlockingKeys(const PreparedRecord& r) {
  BlockingKeys k{};
  const auto& dob = r.date_of_birth;
  const std::uint64_t full_dob =
      dob.present() ? static_cast<std::uint64_t>(dob.year * 10000 + dob.month * 100 + dob.day) + 1 : 0;
  const std::string_view district =
      r.postcode_outward > 0 ? std::string_view(r.postcode).substr(0, r.postcode_outward) : std::string_view(r.postcode);
  // Day and month in sorted order, so a day/month swap lands in the same block.
  const std::uint64_t swap_free_dob =
      dob.present() ? static_cast<std::uint64_t>(dob.year * 10000 + std::min(dob.month, dob.day) * 100 +
                                                 std::max(dob.month, dob.day)) + 1
                    : 0;
  k[0] = Key(0, {r.surname_code, swap_free_dob});
  k[1] = Key(1, {full_dob, TextPart(district)});
  k[2] = Key(2, {TextPart(r.nhs_number)});
  k[3] = Key(3, {TextPart(r.upn)});
  k[4] = Key(4, {TextPart(r.other_id)});
  k[5] = Key(5, {r.first_name_code, full_dob});
  // Unordered, so "smith john" meets "john smith".
  k[6] = Key(6, {std::min(r.first_name_code, r.surname_code), std::max(r.first_name_code, r.surname_code)});
  const std::string_view surname_prefix = std::string_view(r.surname).substr(0, 3);
  const std::string_view initial = std::string_view(r.first_name).substr(0, 1);
  k[7] = Key(7, {TextPart(initial), TextPart(surname_prefix), TextPart(r.postcode)});
  const std::uint64_t first_initial = r.first_name.empty() ? 0 : static_cast<unsigned char>(r.first_name[0]);
  const std::uint64_t surname_initial = r.surname.empty() ? 0 : static_cast<unsigned char>(r.surname[0]);
  k[8] = Key(8, {full_dob, std::min(first_initial, surname_initial) * 256 + std::max(first_initial, surname_initial)});
  // Sorted characters: "4137877" and "4137787" (a transposition) share the key. Short
  // identifiers would make huge blocks, so fewer than 6 characters give no key. NHS numbers
  // and UPNs are left out: their check digit already flags a transposition, and anagrams of
  // 10 random digits would add many useless pairs at millions of records.
  std::string anagram = r.other_id;
  if (anagram.size() >= 6) {
    std::sort(anagram.begin(), anagram.end());
    k[9] = Key(9, {TextPart(anagram)});
  }
  return k;
}

BlockingStats ForEachCandidatePair(const std::vector<BlockingKeys>& keys, const BlockingOptions& options,
                                   const std::function<void(int, std::uint32_t, std::uint32_t)>& visit) {
  const auto sorted = SortByKey(keys);
  BlockingStats stats;
  std::vector<Block> blocks;
  // Keys of skipped (oversized) blocks are cleared, so a pair in one is not taken as already
  // found when a later rule meets it.
  std::vector<BlockingKeys> effective = keys;
  for (int r = 0; r < kBlockingRuleCount; ++r) {
    const auto& list = sorted[r];
    std::uint32_t begin = 0;
    while (begin < list.size()) {
      std::uint32_t end = begin + 1;
      while (end < list.size() && list[end].key == list[begin].key) ++end;
      if (end - begin > options.max_block_size) {
        ++stats.oversized_blocks;
        for (std::uint32_t x = begin; x < end; ++x) effective[list[x].record][r] = 0;
      } else if (end - begin >= 2) {
        blocks.push_back({r, begin, end});
      }
      begin = end;
    }
  }
  // Largest blocks first so the threads finish together.
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.end - a.begin > b.end - b.begin; });
  const int threads = std::max(1, options.threads);
  std::atomic<size_t> next{0};
  std::vector<std::array<std::uint64_t, kBlockingRuleCount>> counts(threads);
  auto work = [&](int thread) {
    auto& count = counts[thread];
    count.fill(0);
    for (size_t b = next.fetch_add(1); b < blocks.size(); b = next.fetch_add(1)) {
      const Block& block = blocks[b];
      const auto& list = sorted[block.rule];
      for (std::uint32_t x = block.begin; x < block.end; ++x) {
        const std::uint32_t i = list[x].record;
        for (std::uint32_t y = x + 1; y < block.end; ++y) {
          const std::uint32_t j = list[y].record;
          bool earlier = false;
          for (int r = 0; r < block.rule && !earlier; ++r) earlier = effective[i][r] != 0 && effective[i][r] == effective[j][r];
          if (earlier) continue;
          ++count[block.rule];
          visit(thread, std::min(i, j), std::max(i, j));
        }
      }
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& t : pool) t.join();
  }
  for (const auto& c : counts) {
    for (int r = 0; r < kBlockingRuleCount; ++r) {
      stats.pairs_by_rule[r] += c[r];
      stats.candidate_pairs += c[r];
    }
  }
  return stats;
}

BlockingRecall MeasureBlockingRecall(const std::vector<BlockingKeys>& keys, const std::vector<std::string>& labels,
                                     const BlockingOptions& options) {
  // A shared key counts only if its block was small enough to be compared.
  std::array<std::unordered_map<std::uint64_t, std::uint32_t>, kBlockingRuleCount> sizes;
  for (const auto& k : keys) {
    for (int r = 0; r < kBlockingRuleCount; ++r) {
      if (k[r] != 0) ++sizes[r][k[r]];
    }
  }
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> groups;
  for (std::uint32_t i = 0; i < labels.size() && i < keys.size(); ++i) groups[labels[i]].push_back(i);
  BlockingRecall recall;
  for (const auto& [label, members] : groups) {
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        ++recall.true_pairs;
        const auto& a = keys[members[x]];
        const auto& b = keys[members[y]];
        for (int r = 0; r < kBlockingRuleCount; ++r) {
          if (a[r] != 0 && a[r] == b[r] && sizes[r][a[r]] <= options.max_block_size) {
            ++recall.found_pairs;
            break;
          }
        }
      }
    }
  }
  return recall;
}

}  // namespace safehub::linkage
