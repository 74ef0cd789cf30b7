// Blocking: each record gets one key per rule (phonetic surname + date of birth, date of birth
// + postcode district, identifiers, ...); records sharing a key are candidate pairs. The union
// over rules is enumerated without storing it: a pair found by rule k is skipped when an
// earlier rule also joins it. Blocks above a size cap are skipped (reported), so the work
// stays near-linear. Functions are thread-safe on const input.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/record.h"

namespace safehub::linkage {

enum class BlockingRule {
  kSurnameCodeBirthDate,     // NYSIIS(surname) + date of birth with day and month unordered
  kDateOfBirthPostcodeArea,  // full date of birth + postcode district (outward code)
  kNhsNumber,
  kUpn,
  kOtherId,
  kForenameCodeDateOfBirth,  // NYSIIS(forename) + full date of birth: survives a changed surname
  kForenameSurnameCodes,     // both NYSIIS codes, unordered: survives a wrong date and a name swap
  kInitialSurnamePrefixPostcode,  // forename initial + first 3 letters of surname + postcode
  kBirthDateInitials,        // date of birth + both name initials, unordered: survives a name
                             // swap, typos after the first letter and a move
  kIdentifierAnagram,        // the characters of other_id sorted: survives a transposition in
                             // an identifier without check digit when names and date changed too
};
inline constexpr int kBlockingRuleCount = 10;

std::string_view BlockingRuleName(BlockingRule rule);

struct BlockingOptions {
  std::uint32_t max_block_size = 1000;
  int threads = 2;
};

// One key per rule per record (0 = the record lacks a value the rule needs).
using BlockingKeys = std::array<std::uint64_t, kBlockingRuleCount>;
BlockingKeys ComputeBlockingKeys(const PreparedRecord& record);

struct BlockingStats {
  std::uint64_t candidate_pairs = 0;
  std::uint64_t oversized_blocks = 0;
  std::array<std::uint64_t, kBlockingRuleCount> pairs_by_rule{};
};

// Calls visit(thread, i, j) with i < j once for every candidate pair, from `threads` threads
// (thread in [0, threads)); the visitor must be safe to call concurrently for different threads.
BlockingStats ForEachCandidatePair(const std::vector<BlockingKeys>& keys, const BlockingOptions& options,
                                   const std::function<void(int, std::uint32_t, std::uint32_t)>& visit);

struct BlockingRecall {
  std::uint64_t true_pairs = 0;
  std::uint64_t found_pairs = 0;
  double recall() const { return true_pairs == 0 ? 1.0 : static_cast<double>(found_pairs) / true_pairs; }
};
// Share of true pairs (records with equal labels) that blocking makes candidates.
BlockingRecall MeasureBlockingRecall(const std::vector<BlockingKeys>& keys, const std::vector<std::string>& labels,
                                     const BlockingOptions& options);

}  // namespace safehub::linkage
