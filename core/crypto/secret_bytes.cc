#include "core/crypto/secret_bytes.h"

#include <sodium.h>

#include <utility>

namespace vaardig::crypto {

SecretBytes::SecretBytes(std::size_t size) : bytes_(size, 0) {}

SecretBytes SecretBytes::CopyFrom(ByteView bytes) {
  SecretBytes secret;
  secret.bytes_.assign(bytes.begin(), bytes.end());
  return secret;
}

SecretBytes SecretBytes::Adopt(Bytes&& bytes) {
  // Zero whatever the caller left between size() and capacity() (a shrunk buffer may still hold
  // secret bytes there): growing to capacity() value-initialises that tail without reallocating.
  const std::size_t size = bytes.size();
  bytes.resize(bytes.capacity());
  bytes.resize(size);
  SecretBytes secret;
  secret.bytes_ = std::move(bytes);  // steals the buffer: the caller's vector is left empty
  return secret;
}

SecretBytes::SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    // Wipe before the vector may reuse or free its buffer.
    Wipe();
    bytes_.clear();
    bytes_.shrink_to_fit();
    bytes_ = other.bytes_;
  }
  return *this;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    bytes_ = std::move(other.bytes_);
  }
  return *this;
}

SecretBytes::~SecretBytes() { Wipe(); }

void SecretBytes::Wipe() {
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
}

bool operator==(const SecretBytes& a, const SecretBytes& b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.bytes_.data(), b.bytes_.data(), a.size()) == 0;
}

}  // namespace vaardig::crypto
