#include "core/crypto/hash.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "core/crypto/internal/openssl_util.h"

namespace vaardig::crypto {

namespace {

// In OpenSSL 3 the one-shot SHA256() goes through EVP_Q_digest, which fetches the algorithm from
// the provider store and allocates a context on every call: several times the cost of hashing a
// short input. The algorithm is fetched once here and each thread keeps one context.
const EVP_MD* FetchedSha256() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  if (md == nullptr) std::abort();  // OpenSSL without SHA-256 is a broken install
  return md;
}

EVP_MD_CTX* ThreadSha256Context() {
  thread_local const internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr) std::abort();
  return ctx.get();
}

}  // namespace

Sha256Digest Sha256(ByteView data) {
  Sha256Digest digest;
  EVP_MD_CTX* ctx = ThreadSha256Context();
  unsigned int size = 0;
  if (EVP_DigestInit_ex2(ctx, FetchedSha256(), nullptr) != 1 ||
      (!data.empty() && EVP_DigestUpdate(ctx, data.data(), data.size()) != 1) ||
      EVP_DigestFinal_ex(ctx, digest.data(), &size) != 1 || size != digest.size()) {
    std::abort();  // no error channel: see Sha256Hasher
  }
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
  if (state_->ctx == nullptr || EVP_DigestInit_ex2(state_->ctx.get(), FetchedSha256(), nullptr) != 1) {
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
  if (EVP_DigestInit_ex2(state_->ctx.get(), FetchedSha256(), nullptr) != 1) std::abort();
  return digest;
}

}  // namespace vaardig::crypto
