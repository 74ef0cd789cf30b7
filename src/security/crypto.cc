#include "security/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <vector>

namespace safehub::security {

Status Initialise() {
  if (sodium_init() < 0) return Internal("libsodium could not initialise");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, HashStrength strength) {
  const bool fast = strength == HashStrength::kFastForTestsOnly;
  const unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  std::array<char, crypto_pwhash_STRBYTES> out{};
  // crypto_pwhash_str uses argon2id (libsodium >= 1.0.15 default algorithm).
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  if (encoded_hash.empty()) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(std::string_view password) {
  if (password.size() < 12) return InvalidArgument("password must be at least 12 characters", "password");
  if (password.size() > 1024) return InvalidArgument("password must be at most 1024 characters", "password");
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (lower + upper + digit + other < 2) {
    return InvalidArgument("password must mix at least two of lower case, upper case, digits, symbols",
                           "password");
  }
  return Status::Ok();
}

std::string RandomToken(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string Blake2bHex(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 64);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const size_t v = kBase32Alphabet.find(c);
    if (v == std::string_view::npos) return InvalidArgument("secret is not base32", "totp_secret");
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string NewTotpSecret() {
  std::array<unsigned char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  return Base32Encode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

Result<std::string> TotpCode(std::string_view base32_secret, UnixSeconds t, int digits) {
  ASSIGN_OR_RETURN(std::string key, Base32Decode(base32_secret));
  // RFC 6238: HOTP (RFC 4226) over the 30-second step counter, big-endian.
  std::uint64_t counter = static_cast<std::uint64_t>(t / 30);
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), mac,
           &mac_len) == nullptr) {
    return Internal("HMAC-SHA1 failed");
  }
  const int offset = mac[mac_len - 1] & 0x0f;
  const std::uint32_t binary = ((mac[offset] & 0x7fu) << 24) | (mac[offset + 1] << 16) |
                               (mac[offset + 2] << 8) | mac[offset + 3];
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*u", digits, binary % modulo);
  return std::string(buf);
}

bool VerifyTotp(std::string_view base32_secret, std::string_view code, UnixSeconds now) {
  for (int step = -1; step <= 1; ++step) {
    auto expected = TotpCode(base32_secret, now + step * 30);
    if (expected.ok() && ConstantTimeEquals(*expected, code)) return true;
  }
  return false;
}

void SodiumRandom::Fill(std::uint8_t* out, std::size_t n) { randombytes_buf(out, n); }

}  // namespace safehub::security
