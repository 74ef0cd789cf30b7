// Name frequency tables compiled into the binary (data/names, see its README for sources
// and licences), for drawing realistic names. Parsed once; thread-safe after that.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace safehub::app {

class WeightedNames {
 public:
  // Parses "name,count" lines (a header line and malformed lines are skipped).
  static WeightedNames Parse(const char* csv);
  // A name drawn in proportion to its count, capitalised ("oliver" -> "Oliver").
  const std::string& Draw(std::mt19937_64& rng) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::vector<std::uint64_t> cumulative_;
};

const WeightedNames& BoysNames();
const WeightedNames& GirlsNames();
const WeightedNames& Surnames();

}  // namespace safehub::app
