// Reading helpers for the rule file loader (internal to src/rules): typed fields out of a
// yaml-cpp node tree, each problem recorded with its line and field so that validation
// reports every mistake at once. Callers keep yaml-cpp exceptions inside the module (every
// call is made inside the loader's try block). One reader per load; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common/status.h"
#include "domain/validation.h"

namespace safehub::rules::internal {

inline constexpr int kMaxNodes = 100000;  // aliases can make a small file a huge tree

// The closest of `known` within two edits, as "; did you mean 'window_days'?", else "".
std::string Suggest(std::string_view word, const std::vector<std::string_view>& known);
std::string Quote(const std::string& s);
bool IsLowerSnake(const std::string& s);

class RuleFileReader {
 public:
  explicit RuleFileReader(std::string_view origin);

  void Problem(const YAML::Node& node, const std::string& field, std::string message);
  void ProblemAt(const YAML::Mark& mark, const std::string& field, std::string message);
  bool failed() const { return !violations_.empty(); }
  size_t count() const { return count_; }  // problems so far
  Status ToStatus() const { return violations_.ToStatus(); }
  // Counts a visited node; false once the file is too large a tree to read.
  bool Visit() { return ++nodes_ <= kMaxNodes; }

  // Reports every key of `map` not in `known`, suggesting the near miss.
  void CheckKeys(const YAML::Node& map, const std::string& where,
                 const std::vector<std::string_view>& known);
  std::optional<std::string> Text(const YAML::Node& map, const char* key, const std::string& where,
                                  bool required, size_t max_length = 500);
  std::optional<long> Whole(const YAML::Node& map, const char* key, const std::string& where,
                            bool required, long min, long max, const char* unit);
  std::optional<bool> Flag(const YAML::Node& map, const char* key, const std::string& where);
  // A list of scalars (a single scalar is a list of one), each with its position.
  std::vector<std::pair<std::string, YAML::Mark>> Names(const YAML::Node& n, const std::string& field);
  // Kind names or group names -> a mask over RuleEventKinds(); unknown names are reported.
  std::uint32_t Kinds(const YAML::Node& n, const std::string& field);
  // Reads the file's kind_groups section.
  void Groups(const YAML::Node& n);

  static std::string Join(const std::string& where, const char* key) {
    return where.empty() ? std::string(key) : where + "." + key;
  }

 private:
  domain::Violations violations_;
  int nodes_ = 0;
  size_t count_ = 0;
  std::map<std::string, std::uint32_t> groups_;
};

}  // namespace safehub::rules::internal
