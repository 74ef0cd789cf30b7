#include "rules/rule_file_reader.h"

#include <algorithm>

#include "rules/vocabulary.h"

namespace safehub::rules::internal {
namespace {

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

int LineOf(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; }

}  // namespace

std::string Suggest(std::string_view word, const std::vector<std::string_view>& known) {
  if (word.size() > 64) return {};
  std::string_view best;
  int best_distance = 3;
  for (std::string_view k : known) {
    const int d = EditDistance(word, k);
    if (d < best_distance) best_distance = d, best = k;
  }
  return best.empty() ? std::string() : "; did you mean '" + std::string(best) + "'?";
}

std::string Quote(const std::string& s) { return "'" + s.substr(0, 60) + "'"; }

bool IsLowerSnake(const std::string& s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

RuleFileReader::RuleFileReader(std::string_view origin)
    : violations_("rule file " + std::string(origin)) {}

void RuleFileReader::Problem(const YAML::Node& node, const std::string& field, std::string message) {
  ProblemAt(node.Mark(), field, std::move(message));
}

void RuleFileReader::ProblemAt(const YAML::Mark& mark, const std::string& field, std::string message) {
  ++count_;
  violations_.Add("line " + std::to_string(LineOf(mark)) + ": " + field, std::move(message));
}

void RuleFileReader::CheckKeys(const YAML::Node& map, const std::string& where,
                               const std::vector<std::string_view>& known) {
  for (const auto& entry : map) {
    if (!Visit()) return;
    if (!entry.first.IsScalar()) {
      Problem(entry.first, where, "has a key that is not a name");
      continue;
    }
    const std::string& key = entry.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Problem(entry.first, Join(where, key.substr(0, 60).c_str()),
              "is not a known field" + Suggest(key, known));
    }
  }
}

std::optional<std::string> RuleFileReader::Text(const YAML::Node& map, const char* key,
                                                const std::string& where, bool required,
                                                size_t max_length) {
  const YAML::Node n = map[key];
  const std::string field = Join(where, key);
  if (!n) {
    if (required) Problem(map, field, "is required");
    return std::nullopt;
  }
  if (!n.IsScalar() || n.Scalar().empty()) {
    Problem(n, field, "must be a non-empty text");
    return std::nullopt;
  }
  if (n.Scalar().size() > max_length) {
    Problem(n, field, "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<long> RuleFileReader::Whole(const YAML::Node& map, const char* key,
                                          const std::string& where, bool required, long min,
                                          long max, const char* unit) {
  const YAML::Node n = map[key];
  const std::string field = Join(where, key);
  if (!n) {
    if (required) Problem(map, field, "is required");
    return std::nullopt;
  }
  long v = 0;
  if (!n.IsScalar() || !YAML::convert<long>::decode(n, v)) {
    Problem(n, field, "must be a whole number of " + std::string(unit) + ", got " +
                          (n.IsScalar() ? Quote(n.Scalar()) : std::string("a list or map")));
    return std::nullopt;
  }
  if (v < min || v > max) {
    Problem(n, field, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                          " " + unit + ", got " + std::to_string(v));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> RuleFileReader::Flag(const YAML::Node& map, const char* key,
                                         const std::string& where) {
  const YAML::Node n = map[key];
  if (!n) return std::nullopt;
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
    Problem(n, Join(where, key), "must be true or false");
    return std::nullopt;
  }
  return v;
}

std::vector<std::pair<std::string, YAML::Mark>> RuleFileReader::Names(const YAML::Node& n,
                                                                      const std::string& field) {
  std::vector<std::pair<std::string, YAML::Mark>> out;
  if (n.IsScalar() && !n.Scalar().empty()) {
    out.emplace_back(n.Scalar(), n.Mark());
    return out;
  }
  if (!n.IsSequence() || n.size() == 0) {
    Problem(n, field, "must be a non-empty list");
    return out;
  }
  for (const YAML::Node& item : n) {
    if (!Visit()) break;
    if (!item.IsScalar()) {
      Problem(item, field, "must list names only");
      continue;
    }
    out.emplace_back(item.Scalar(), item.Mark());
  }
  return out;
}

std::uint32_t RuleFileReader::Kinds(const YAML::Node& n, const std::string& field) {
  std::uint32_t mask = 0;
  for (const auto& [name, mark] : Names(n, field)) {
    const int index = FindKindIndex(name);
    if (index >= 0) {
      mask |= 1u << index;
      continue;
    }
    if (auto g = groups_.find(name); g != groups_.end()) {
      mask |= g->second;
      continue;
    }
    std::vector<std::string_view> known;
    for (const EventKindSpec& k : RuleEventKinds()) known.push_back(k.kind);
    for (const auto& group : groups_) known.push_back(group.first);
    ProblemAt(mark, field, Quote(name) + " is not an event kind or kind group" + Suggest(name, known));
  }
  return mask;
}

void RuleFileReader::Groups(const YAML::Node& n) {
  if (!n) return;
  if (!n.IsMap()) return Problem(n, "kind_groups", "must map group names to lists of kinds");
  for (const auto& entry : n) {
    if (!Visit()) return;
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (!IsLowerSnake(name) || FindKindIndex(name) >= 0) {
      Problem(entry.first, "kind_groups",
              Quote(name) + " must be a lower_snake name that is not an event kind");
      continue;
    }
    groups_[name] = Kinds(entry.second, "kind_groups." + name);
  }
}

}  // namespace safehub::rules::internal
