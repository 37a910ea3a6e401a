// An injectable clock. Validation code never reads the wall clock directly: it takes a Clock so that
// tests can pin time (FixedClock) and production uses SystemClock.
#pragma once

#include <chrono>
#include <cstdint>

namespace vaardig {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (NumericDate, RFC 7519 §2).
  [[nodiscard]] virtual std::int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] std::int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  [[nodiscard]] std::int64_t NowSeconds() const override { return now_; }
  void Set(std::int64_t now) { now_ = now; }
  void Advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::int64_t now_;
};

}  // namespace vaardig
