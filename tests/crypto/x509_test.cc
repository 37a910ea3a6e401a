// x5c chain verification against configured trust anchors, with certificates made in the test.
#include "core/crypto/x509.h"

#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/crypto/ecdsa_der.h"
#include "tests/crypto/test_util.h"
#include "tests/crypto/x509_test_util.h"

namespace vaardig::crypto {
namespace {

using testing::CertificateSpec;
using testing::FailsWith;
using testing::IsOk;
using testing::MakeCertificate;
using testing::Made;
using testing::NewKey;
using testing::PkeyPtr;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kDay = 86400;
const Bytes kMessage = {'x', '5', 'c'};

Made Leaf(const Made& issuer, PkeyPtr key, std::string san = "", std::string key_usage = "") {
  return MakeCertificate({.key = std::move(key), .common_name = "leaf", .issuer = &issuer, .ca = false,
                          .not_before = kNow - kDay, .not_after = kNow + 365 * kDay, .san = std::move(san),
                          .key_usage = std::move(key_usage)});
}

// Root (P-256) → intermediate (P-256) → leaf (P-256, SANs), and anchors holding only the root.
struct Pki {
  Made root = MakeCertificate({.key = NewKey("EC"), .common_name = "Vaardig Test Root", .issuer = nullptr,
                               .ca = true, .not_before = kNow - 365 * kDay, .not_after = kNow + 3650 * kDay,
                               .san = {}, .key_usage = {}});
  Made intermediate = MakeCertificate({.key = NewKey("EC"), .common_name = "Vaardig Test CA", .issuer = &root,
                                       .ca = true, .not_before = kNow - 365 * kDay, .not_after = kNow + 1000 * kDay,
                                       .san = {}, .key_usage = {}});
  Made leaf = MakeCertificate({.key = NewKey("EC"), .common_name = "issuer.example", .issuer = &intermediate,
                               .ca = false, .not_before = kNow - kDay, .not_after = kNow + 365 * kDay,
                               .san = "DNS:issuer.example,URI:https://issuer.example", .key_usage = {}});
  X509TrustAnchors anchors = *X509TrustAnchors::FromDer({root.der});
  std::vector<Bytes> Chain() const { return {leaf.der, intermediate.der}; }
};

X509ChainPolicy At(std::int64_t now) { return {.now = now, .expected_dns = {}, .expected_uri = {}, .max_chain = 5}; }
X509ChainPolicy ForNames(std::optional<std::string> dns, std::optional<std::string> uri) {
  return {.now = kNow, .expected_dns = std::move(dns), .expected_uri = std::move(uri), .max_chain = 5};
}

Bytes Coordinate(const PkeyPtr& key, const char* name) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key.get(), name, &bn), 1);
  Bytes out(kP256CoordinateSize);
  BN_bn2binpad(bn, out.data(), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

TEST(X509Chain, ValidP256ChainGivesTheGeneratedKeySubjectAndNames) {
  Pki pki;
  auto verified = VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("issuer.example", std::nullopt));
  ASSERT_TRUE(IsOk(verified));
  ASSERT_TRUE(std::holds_alternative<P256PublicKey>(verified->leaf_key));
  const auto& key = std::get<P256PublicKey>(verified->leaf_key);
  EXPECT_EQ(Bytes(key.x().begin(), key.x().end()), Coordinate(pki.leaf.key, "qx"));
  EXPECT_EQ(Bytes(key.y().begin(), key.y().end()), Coordinate(pki.leaf.key, "qy"));
  auto signature = DerToP1363(testing::SignWith(pki.leaf.key, kMessage), kP256ScalarSize);
  ASSERT_TRUE(IsOk(signature));
  EXPECT_TRUE(IsOk(key.VerifyEs256(kMessage, *signature)));
  EXPECT_EQ(verified->subject, "CN=issuer.example");
  EXPECT_EQ(verified->dns_names, std::vector<std::string>{"issuer.example"});
  EXPECT_EQ(verified->uris, std::vector<std::string>{"https://issuer.example"});
}

TEST(X509Chain, EitherExpectedNameMatches) {
  Pki pki;
  EXPECT_TRUE(IsOk(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("ISSUER.Example", std::nullopt))));
  EXPECT_TRUE(IsOk(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames(std::nullopt, "https://issuer.example"))));
  EXPECT_TRUE(IsOk(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("other.example", "https://issuer.example"))));
  EXPECT_TRUE(IsOk(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("issuer.example", "https://other.example"))));
}

TEST(X509Chain, SanMismatchIsPermissionDenied) {
  Pki pki;
  Made no_san = Leaf(pki.intermediate, NewKey("EC"));
  EXPECT_TRUE(FailsWith(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("evil.example", std::nullopt)),
                        ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames(std::nullopt, "https://ISSUER.example")),
                        ErrorCode::kPermissionDenied));  // URIs compare exactly
  EXPECT_TRUE(FailsWith(VerifyX509Chain(pki.Chain(), pki.anchors, ForNames("evil.example", "https://evil.example")),
                        ErrorCode::kPermissionDenied));
  EXPECT_TRUE(FailsWith(VerifyX509Chain({no_san.der, pki.intermediate.der}, pki.anchors,
                                        ForNames("issuer.example", std::nullopt)),
                        ErrorCode::kPermissionDenied));
}

TEST(X509Chain, Ed25519AndRsaLeavesGiveTheirKeys) {
  Pki pki;
  Made ed = Leaf(pki.intermediate, NewKey("ED25519"));
  auto ed_ok = VerifyX509Chain({ed.der, pki.intermediate.der}, pki.anchors, At(kNow));
  ASSERT_TRUE(IsOk(ed_ok));
  ASSERT_TRUE(std::holds_alternative<Ed25519PublicKey>(ed_ok->leaf_key));
  EXPECT_TRUE(IsOk(std::get<Ed25519PublicKey>(ed_ok->leaf_key).Verify(kMessage, testing::SignWith(ed.key, kMessage))));

  Made rsa = Leaf(pki.intermediate, NewKey("RSA"));
  auto rsa_ok = VerifyX509Chain({rsa.der, pki.intermediate.der}, pki.anchors, At(kNow));
  ASSERT_TRUE(IsOk(rsa_ok));
  ASSERT_TRUE(std::holds_alternative<RsaPublicKey>(rsa_ok->leaf_key));
  const auto& rsa_key = std::get<RsaPublicKey>(rsa_ok->leaf_key);
  EXPECT_EQ(rsa_key.modulus_bits(), 2048);
  EXPECT_TRUE(IsOk(rsa_key.VerifyRs256(kMessage, testing::SignWith(rsa.key, kMessage))));
}

TEST(X509Chain, RootMayBeIncludedInX5c) {
  Pki pki;
  EXPECT_TRUE(IsOk(VerifyX509Chain({pki.leaf.der, pki.intermediate.der, pki.root.der}, pki.anchors, At(kNow))));
}

TEST(X509Chain, ChainsThatDoNotVerifyAreUnauthenticated) {
  Pki pki;
  Pki other;
  Made leaf_signed_by_leaf = Leaf(pki.leaf, NewKey("EC"));
  Made no_digital_signature = Leaf(pki.intermediate, NewKey("EC"), "", "nonRepudiation");
  Bytes bad_signature = pki.leaf.der;
  bad_signature.back() ^= 0x01;  // the last byte of the ECDSA signature's s
  struct Case {
    const char* what;
    std::vector<Bytes> chain;
    std::int64_t now;
    const X509TrustAnchors* anchors;
    const char* reason;  // part of the message
  };
  const std::vector<Case> cases = {
      {"intermediate missing", {pki.leaf.der}, kNow, &pki.anchors, "unable to get local issuer"},
      {"unrelated root", pki.Chain(), kNow, &other.anchors, "unable to get local issuer"},
      {"expired", pki.Chain(), kNow + 400 * kDay, &pki.anchors, "expired"},
      {"not yet valid", pki.Chain(), kNow - 2 * kDay, &pki.anchors, "not yet valid"},
      {"issuer is not a CA", {leaf_signed_by_leaf.der, pki.leaf.der, pki.intermediate.der}, kNow, &pki.anchors,
       "CA"},
      {"bad signature", {bad_signature, pki.intermediate.der}, kNow, &pki.anchors, "signature"},
      {"leaf may not sign", {no_digital_signature.der, pki.intermediate.der}, kNow, &pki.anchors, "digitalSignature"},
  };
  for (const Case& c : cases) {
    auto result = VerifyX509Chain(c.chain, *c.anchors, At(c.now));
    EXPECT_TRUE(FailsWith(result, ErrorCode::kUnauthenticated)) << c.what;
    if (!result) {
      EXPECT_NE(result.error().message().find(c.reason), std::string::npos) << c.what << ": " << result.error();
    }
  }
}

TEST(X509Chain, UnsupportedLeafKeysAreUnimplemented) {
  Pki pki;
  for (const char* type : {"P-384", "RSA1024"}) {
    Made leaf = Leaf(pki.intermediate, NewKey(type));
    EXPECT_TRUE(FailsWith(VerifyX509Chain({leaf.der, pki.intermediate.der}, pki.anchors, At(kNow)),
                          ErrorCode::kUnimplemented))
        << type;
  }
}

TEST(X509Chain, MalformedInputIsInvalidArgument) {
  Pki pki;
  Bytes trailing = pki.leaf.der;
  trailing.push_back(0);
  Bytes truncated(pki.leaf.der.begin(), pki.leaf.der.end() - 1);
  const std::vector<std::vector<Bytes>> chains = {
      {},                                    // empty
      {Bytes{1, 2, 3}},                      // not DER
      {trailing},                            // bytes after the certificate
      {truncated},                           // cut short
      {pki.leaf.der, Bytes{0x30, 0x00}},     // a bad second certificate
      std::vector<Bytes>(6, pki.leaf.der),   // longer than max_chain
  };
  for (std::size_t i = 0; i < chains.size(); ++i) {
    EXPECT_TRUE(FailsWith(VerifyX509Chain(chains[i], pki.anchors, At(kNow)), ErrorCode::kInvalidArgument)) << i;
  }
  X509ChainPolicy short_chains = At(kNow);
  short_chains.max_chain = 1;
  EXPECT_TRUE(FailsWith(VerifyX509Chain(pki.Chain(), pki.anchors, short_chains), ErrorCode::kInvalidArgument));
}

TEST(X509TrustAnchors, FromPemReadsEveryBlockAndRejectsTheRest) {
  Pki pki;
  Pki other;
  auto both = X509TrustAnchors::FromPem("roots:\n" + testing::ToPem(other.root) + "\n" + testing::ToPem(pki.root));
  ASSERT_TRUE(IsOk(both));
  EXPECT_EQ(both->size(), 2U);
  EXPECT_TRUE(IsOk(VerifyX509Chain(pki.Chain(), *both, At(kNow))));
  EXPECT_TRUE(IsOk(VerifyX509Chain(other.Chain(), *both, At(kNow))));

  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromPem(""), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromPem("no certificate here"), ErrorCode::kInvalidArgument));
  std::string damaged = testing::ToPem(pki.root);
  damaged.resize(damaged.size() - 10);  // END line cut
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromPem(testing::ToPem(other.root) + damaged), ErrorCode::kInvalidArgument));
  // Partial chains are off: an intermediate cannot be an anchor.
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromPem(testing::ToPem(pki.intermediate)), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromDer({pki.leaf.der}), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromDer({}), ErrorCode::kInvalidArgument));
}

TEST(X509TrustAnchors, FromPemFile) {
  Pki pki;
  const auto path = std::filesystem::temp_directory_path() /
                    ("vaardig_x509_test_" + std::to_string(::getpid()) + ".pem");
  std::ofstream(path) << testing::ToPem(pki.root);
  auto anchors = X509TrustAnchors::FromPemFile(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(IsOk(anchors));
  EXPECT_EQ(anchors->size(), 1U);
  EXPECT_TRUE(FailsWith(X509TrustAnchors::FromPemFile(path.string()), ErrorCode::kNotFound));
}

TEST(X509Chain, OneAnchorSetServesSeveralThreads) {
  Pki pki;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) ok += VerifyX509Chain(pki.Chain(), pki.anchors, At(kNow)).has_value() ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 100);
}

}  // namespace
}  // namespace vaardig::crypto
