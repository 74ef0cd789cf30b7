// Time and randomness are injected so domain rules and tests are deterministic.
// SystemClock is thread-safe; FakeClock is for tests and is thread-safe too.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/date.h"

namespace safehub {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
  Date Today() const { return DateOf(Now()); }
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixSeconds start) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(); }
  void Advance(std::int64_t seconds) { now_ += seconds; }
  void Set(UnixSeconds t) { now_ = t; }

 private:
  std::atomic<UnixSeconds> now_;
};

// A source of unpredictable bytes. Production uses the OS CSPRNG (security module);
// tests use a seeded generator.
class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::uint8_t* out, std::size_t n) = 0;
  std::uint64_t NextU64() {
    std::uint64_t v = 0;
    Fill(reinterpret_cast<std::uint8_t*>(&v), sizeof v);
    return v;
  }
};

}  // namespace safehub
