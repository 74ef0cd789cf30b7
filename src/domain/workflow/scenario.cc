#include "domain/workflow/scenario.h"

namespace safehub::domain {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// `keyword` followed by a space (or the end), at the start of `line`.
bool StartsWithWord(std::string_view line, std::string_view keyword, std::string_view* rest) {
  if (line.substr(0, keyword.size()) != keyword) return false;
  if (line.size() > keyword.size() && line[keyword.size()] != ' ' && line[keyword.size()] != '\t') return false;
  *rest = Trim(line.substr(keyword.size()));
  return true;
}

std::string Clip(std::string_view s) { return std::string(s.substr(0, 60)); }

}  // namespace

Result<std::vector<Scenario>> ParseScenarios(std::string_view text) {
  std::vector<Scenario> out;
  std::vector<Violation> bad;
  int number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    const std::string where = "line " + std::to_string(number);
    if (number > kMaxScenarioLines) {
      bad.push_back({where, "the file is longer than " + std::to_string(kMaxScenarioLines) + " lines"});
      break;
    }
    if (raw.size() > kMaxLineLength) {
      bad.push_back({where, "is longer than " + std::to_string(kMaxLineLength) + " characters"});
      continue;
    }
    const std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    std::string_view rest;
    if (line.substr(0, 9) == "scenario:") {
      const std::string_view title = Trim(line.substr(9));
      if (title.empty()) bad.push_back({where, "a scenario needs a title after 'scenario:'"});
      out.push_back({number, std::string(title), {}});
      continue;
    }
    ScenarioLineKind kind;
    if (StartsWithWord(line, "given", &rest)) {
      kind = ScenarioLineKind::kGiven;
    } else if (StartsWithWord(line, "when", &rest)) {
      kind = ScenarioLineKind::kWhen;
    } else if (StartsWithWord(line, "expect", &rest)) {
      kind = ScenarioLineKind::kExpect;
    } else {
      bad.push_back({where, "'" + Clip(line) + "' is not 'scenario:', 'given', 'when' or 'expect'"});
      continue;
    }
    if (out.empty()) {
      bad.push_back({where, "comes before the first 'scenario:' line"});
      continue;
    }
    if (rest.empty()) {
      bad.push_back({where, "says nothing after its keyword"});
      continue;
    }
    out.back().lines.push_back({number, kind, std::string(rest)});
  }
  for (const Scenario& s : out) {
    if (s.lines.empty()) bad.push_back({"line " + std::to_string(s.line), "scenario '" + Clip(s.title) + "' has no lines"});
  }
  if (out.empty() && bad.empty()) bad.push_back({"line 1", "no 'scenario:' in the file"});
  if (!bad.empty()) return Status::Invalid("scenario file", std::move(bad));
  return out;
}

Result<std::vector<ScenarioToken>> TokenizeScenarioPhrase(std::string_view phrase) {
  std::vector<ScenarioToken> out;
  size_t i = 0;
  while (i < phrase.size()) {
    const char c = phrase[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == ',' || c == ':') {
      out.push_back({std::string(1, c), false});
      ++i;
    } else if (c == '"') {
      const size_t close = phrase.find('"', i + 1);
      if (close == std::string_view::npos) return InvalidArgument("a quoted text is not closed", "phrase");
      out.push_back({std::string(phrase.substr(i + 1, close - i - 1)), true});
      i = close + 1;
    } else {
      size_t j = i;
      while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t' && phrase[j] != '\r' &&
             phrase[j] != ',' && phrase[j] != ':' && phrase[j] != '"') {
        ++j;
      }
      out.push_back({std::string(phrase.substr(i, j - i)), false});
      i = j;
    }
  }
  return out;
}

}  // namespace safehub::domain
