// Synthetic UK child records for tests and benchmarks: families (siblings and twins share a
// surname and address), each child seen by several agencies, each record with realistic
// errors (typos, nicknames, swapped day and month, moved house, changed surname, missing
// NHS numbers). Names are drawn from the ONS and FEBRL tables in data/. Deterministic for a
// seed; each call owns its generator, so calls are thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "linkage/record.h"

namespace safehub::linkage {

struct SyntheticOptions {
  std::size_t records = 1000;
  std::uint64_t seed = 42;
  double twin_family_rate = 0.03;  // families with twins
  double error_scale = 1.0;        // multiplies every error rate (0 = clean copies)
};

struct SyntheticData {
  std::vector<Record> records;
  std::vector<std::uint32_t> person;  // ground truth: the child each record is about
};

SyntheticData GenerateChildRecords(const SyntheticOptions& options);

// A random valid NHS number (modulus 11) / UPN (DfE check letter) drawn from `rng`.
std::string RandomNhsNumber(std::uint64_t random_bits);
std::string RandomUpn(std::uint64_t random_bits);

}  // namespace safehub::linkage
