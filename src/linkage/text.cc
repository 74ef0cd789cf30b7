#include "linkage/text.h"

namespace safehub::linkage {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string NormaliseText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(ToLower(c));
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string NormaliseName(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsAsciiAlpha(c)) out.push_back(ToLower(c));
  }
  return out;
}

std::string NormaliseCode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c)) out.push_back(ToUpper(c));
  }
  return out;
}

std::string DigitsOnly(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (IsAsciiDigit(c)) out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> Tokens(std::string_view normalised) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < normalised.size()) {
    size_t end = normalised.find(' ', start);
    if (end == std::string_view::npos) end = normalised.size();
    if (end > start) out.push_back(normalised.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r' || text[b] == '\n')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r' || text[e - 1] == '\n')) --e;
  return text.substr(b, e - b);
}

}  // namespace safehub::linkage
