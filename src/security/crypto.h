// Cryptographic primitives Safehub relies on, all from libsodium (and OpenSSL for the
// HMAC-SHA1 that RFC 6238 TOTP needs). Call Initialise() once before any other function;
// after that every function is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace safehub::security {

// kInternal when libsodium cannot initialise (no entropy source).
Status Initialise();

// How costly a password hash is. kInteractive is argon2id at 64 MiB, the product default;
// kFastForTestsOnly is argon2id at libsodium's minimum so test suites stay quick.
enum class HashStrength { kInteractive, kFastForTestsOnly };

// The encoded argon2id string ("$argon2id$v=19$m=65536,t=2,p=1$..."), or kInternal.
Result<std::string> HashPassword(std::string_view password, HashStrength strength);
// True when the password matches the encoded hash; constant-time in the password.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// Password rules for new passwords: at least 12 characters, not all one class.
Status CheckPasswordStrength(std::string_view password);

// `bytes` random bytes from the OS CSPRNG, as URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);

// Hex BLAKE2b-256 of the text.
std::string Blake2bHex(std::string_view text);

// Equality of two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// RFC 4648 base32 (upper case, no padding) for TOTP secrets.
std::string Base32Encode(std::string_view bytes);
Result<std::string> Base32Decode(std::string_view text);

// A new random 160-bit TOTP secret in base32.
std::string NewTotpSecret();
// The RFC 6238 code (HMAC-SHA1, 30 s steps) for the secret at time t, with `digits` digits.
Result<std::string> TotpCode(std::string_view base32_secret, UnixSeconds t, int digits = 6);
// True when `code` matches the step at `now` or one step either side (clock drift).
bool VerifyTotp(std::string_view base32_secret, std::string_view code, UnixSeconds now);

// Random bytes from libsodium, for the Random interface.
class SodiumRandom final : public Random {
 public:
  void Fill(std::uint8_t* out, std::size_t n) override;
};

}  // namespace safehub::security
