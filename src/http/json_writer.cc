#include "http/json_writer.h"

#include <charconv>

namespace safehub::http {

namespace {

// The UTF-8 sequence starting at s[i]: how many bytes it has and whether it is complete and
// valid. An invalid one covers its longest valid prefix (at least one byte), which becomes a
// single U+FFFD, as nlohmann's replacing serializer does. Overlong forms, surrogates and code
// points past U+10FFFF are invalid.
struct Utf8Sequence {
  std::size_t length;
  bool valid;
};

Utf8Sequence ScanUtf8(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t need = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range allowed for the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) low = 0xA0;   // overlong
    if (c == 0xED) high = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) low = 0x90;   // overlong
    if (c == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return {1, false};  // a continuation byte or a byte that never starts a sequence
  }
  std::size_t n = 1;
  for (; n <= need && i + n < s.size(); ++n) {
    const unsigned char b = static_cast<unsigned char>(s[i + n]);
    const bool ok = n == 1 ? (b >= low && b <= high) : (b & 0xC0) == 0x80;
    if (!ok) return {n, false};
  }
  return {n, n == need + 1};
}

// Printable ASCII other than the two characters JSON escapes.
constexpr bool IsPlain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_.push_back(',');
  first_ = false;
}

void JsonWriter::Open(char c) {
  Separate();
  out_.push_back(c);
  first_ = true;
}

void JsonWriter::Close(char c) {
  out_.push_back(c);
  first_ = false;
}

void JsonWriter::Key(std::string_view key) {
  String(key);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  out_.push_back('"');
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < value.size();) {
    // Most text needs no escaping: copy each plain run at once, not byte by byte.
    std::size_t plain = i;
    while (plain < value.size() && IsPlain(static_cast<unsigned char>(value[plain]))) ++plain;
    if (plain > i) {
      out_.append(value.data() + i, plain - i);
      i = plain;
      if (i == value.size()) break;
    }
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (c < 0x20) {
            out_ += "\\u00";
            out_.push_back(kHex[c >> 4]);
            out_.push_back(kHex[c & 0xF]);
          } else {
            out_.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const Utf8Sequence seq = ScanUtf8(value, i);
    if (seq.valid) out_.append(value.substr(i, seq.length));
    else out_ += "\xEF\xBF\xBD";  // U+FFFD
    i += seq.length;
  }
  out_.push_back('"');
}

void JsonWriter::Int(std::int64_t value) {
  Separate();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, end);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

}  // namespace safehub::http
