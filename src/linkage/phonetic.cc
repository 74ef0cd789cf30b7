#include "linkage/phonetic.h"

namespace safehub::linkage {
namespace {

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
bool StartsWith(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
bool EndsWith(const std::string& s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

}  // namespace

// The steps of the original algorithm: rewrite known prefixes and suffixes, keep the first
// letter, translate the rest letter by letter (vowels to A, phonetic equivalents), drop
// repeats, then trim a trailing S, A or AY.
std::string Nysiis(std::string_view name) {
  std::string s;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') s.push_back(static_cast<char>(c - 'a' + 'A'));
    if (c >= 'A' && c <= 'Z') s.push_back(c);
  }
  if (s.empty()) return s;
  if (StartsWith(s, "MAC")) {
    s.replace(0, 3, "MCC");
  } else if (StartsWith(s, "KN")) {
    s.erase(0, 1);
  } else if (StartsWith(s, "K")) {
    s[0] = 'C';
  } else if (StartsWith(s, "PH") || StartsWith(s, "PF")) {
    s.replace(0, 2, "FF");
  } else if (StartsWith(s, "SCH")) {
    s.replace(0, 3, "SSS");
  }
  if (EndsWith(s, "IE") || EndsWith(s, "EE")) {
    s.replace(s.size() - 2, 2, "Y");
  } else if (EndsWith(s, "DT") || EndsWith(s, "RT") || EndsWith(s, "RD") || EndsWith(s, "NT") ||
             EndsWith(s, "ND")) {
    s.replace(s.size() - 2, 2, "D");
  }
  std::string key(1, s[0]);
  const size_t n = s.size();
  for (size_t i = 1; i < n; ++i) {
    const char c = s[i];
    std::string ch(1, c);
    if (c == 'E' && i + 1 < n && s[i + 1] == 'V') {
      ch = "AF";
      ++i;
    } else if (IsVowel(c)) {
      ch = "A";
    } else if (c == 'Q') {
      ch = "G";
    } else if (c == 'Z') {
      ch = "S";
    } else if (c == 'M') {
      ch = "N";
    } else if (c == 'K') {
      ch = (i + 1 < n && s[i + 1] == 'N') ? "N" : "C";
    } else if (c == 'S' && s.compare(i + 1, 2, "CH") == 0) {
      ch = "SS";
      i += 2;
    } else if (c == 'P' && i + 1 < n && s[i + 1] == 'H') {
      ch = "F";
      ++i;
    } else if (c == 'H' && (!IsVowel(s[i - 1]) || i + 1 >= n || !IsVowel(s[i + 1]))) {
      ch = IsVowel(s[i - 1]) ? "A" : std::string(1, s[i - 1]);
    } else if (c == 'W' && IsVowel(s[i - 1])) {
      ch = std::string(1, s[i - 1]);
    }
    if (ch.back() != key.back()) key += ch;
  }
  if (EndsWith(key, "S") && key != "S") key.pop_back();
  if (EndsWith(key, "AY")) key.replace(key.size() - 2, 2, "Y");
  if (EndsWith(key, "A") && key != "A") key.pop_back();
  return key;
}

}  // namespace safehub::linkage
