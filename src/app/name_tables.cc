#include "app/name_tables.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

namespace safehub::app {

namespace names {
extern const char kBoys[];
extern const char kGirls[];
extern const char kSurnames[];
}  // namespace names

namespace {

std::string Capitalise(std::string s) {
  bool start = true;
  for (char& c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
    start = c == '-' || c == ' ' || c == '\'';
  }
  return s;
}

}  // namespace

WeightedNames WeightedNames::Parse(const char* csv) {
  WeightedNames out;
  std::istringstream in(csv);
  std::string line;
  std::uint64_t total = 0;
  while (std::getline(in, line)) {
    const size_t comma = line.find(',');
    if (comma == std::string::npos || comma == 0) continue;
    const long count = std::strtol(line.c_str() + comma + 1, nullptr, 10);
    if (count <= 0) continue;  // the header "name,count" parses as 0
    std::string name = line.substr(0, comma);
    if (!std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalpha(c) || c == '-' || c == '\''; })) {
      continue;
    }
    total += static_cast<std::uint64_t>(count);
    out.names_.push_back(Capitalise(std::move(name)));
    out.cumulative_.push_back(total);
  }
  return out;
}

const std::string& WeightedNames::Draw(std::mt19937_64& rng) const {
  std::uniform_int_distribution<std::uint64_t> pick(0, cumulative_.back() - 1);
  const std::uint64_t r = pick(rng);
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), r);
  return names_[static_cast<size_t>(it - cumulative_.begin())];
}

const WeightedNames& BoysNames() {
  static const WeightedNames table = WeightedNames::Parse(names::kBoys);
  return table;
}
const WeightedNames& GirlsNames() {
  static const WeightedNames table = WeightedNames::Parse(names::kGirls);
  return table;
}
const WeightedNames& Surnames() {
  static const WeightedNames table = WeightedNames::Parse(names::kSurnames);
  return table;
}

}  // namespace safehub::app
