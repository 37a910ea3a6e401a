#include "core/crypto/hash.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

// The one-shot SHA256()/SHA384() helpers run the digest directly, without an EVP fetch.
Sha256Digest Sha256(ByteView data) {
  Sha256Digest digest;
  SHA256(internal::DataOrEmpty(data), data.size(), digest.data());
  return digest;
}

Sha384Digest Sha384(ByteView data) {
  Sha384Digest digest;
  SHA384(internal::DataOrEmpty(data), data.size(), digest.data());
  return digest;
}

struct Sha256Hasher::State {
  internal::EvpMdCtxPtr ctx;
};

// The digest functions have no error channel: failing to allocate or initialise a SHA-256 context
// is treated as a broken invariant (out of memory, broken OpenSSL install), not as input.
Sha256Hasher::Sha256Hasher() : state_(new State{internal::EvpMdCtxPtr(EVP_MD_CTX_new())}) {
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx.get(), EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
}

Sha256Hasher::~Sha256Hasher() { delete state_; }

void Sha256Hasher::Update(ByteView data) {
  if (data.empty()) return;
  if (EVP_DigestUpdate(state_->ctx.get(), data.data(), data.size()) != 1) std::abort();
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest digest;
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(state_->ctx.get(), digest.data(), &size) != 1 || size != digest.size()) {
    std::abort();
  }
  // Ready for reuse: a second Finish() without Update() gives SHA-256 of the empty string.
  if (EVP_DigestInit_ex(state_->ctx.get(), EVP_sha256(), nullptr) != 1) std::abort();
  return digest;
}

}  // namespace vaardig::crypto
