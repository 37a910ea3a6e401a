// SecretBytes: the one type for secret material (private keys, seeds, derived keys, PINs).
//
// Guarantees: the buffer is zeroed (sodium_memzero) on destruction and before reallocation; equality
// is constant-time (sodium_memcmp); there is no operator<< and no implicit conversion to a byte view.
// Reading the bytes is a deliberate, greppable call: `secret.Reveal()`.
// Thread-safety: like std::vector (const access from many threads is safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/common/bytes.h"

namespace vaardig::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size);  // zero-filled
  // Copies `bytes`. The caller remains responsible for wiping its own copy.
  static SecretBytes CopyFrom(ByteView bytes);
  // Takes ownership of `bytes` and wipes the moved-from vector's storage.
  static SecretBytes Adopt(Bytes&& bytes);

  SecretBytes(const SecretBytes& other);
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  [[nodiscard]] std::size_t size() const { return bytes_.size(); }
  [[nodiscard]] bool empty() const { return bytes_.empty(); }

  // The deliberate way to read or write the secret.
  [[nodiscard]] std::span<const std::uint8_t> Reveal() const { return bytes_; }
  [[nodiscard]] std::span<std::uint8_t> RevealMutable() { return bytes_; }

  // Constant-time comparison (length is not secret).
  friend bool operator==(const SecretBytes& a, const SecretBytes& b);

 private:
  void Wipe();
  std::vector<std::uint8_t> bytes_;
};

}  // namespace vaardig::crypto
