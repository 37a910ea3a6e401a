// x5c chain verification against configured trust anchors, with certificates made in the test.
#include "core/crypto/x509.h"
#include "tests/crypto/x509_test_util.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace vaardig::crypto {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kDay = 86400;

using testing::MakeCert;
using testing::Made;
using testing::NewKey;
using testing::PkeyPtr;

struct Pki {
  Made root = MakeCert(NewKey("EC"), "Vaardig Test Root", nullptr, true, kNow - 365 * kDay, kNow + 3650 * kDay);
  Made intermediate = MakeCert(NewKey("EC"), "Vaardig Test CA", &root, true, kNow - 365 * kDay, kNow + 1000 * kDay);
  Made leaf = MakeCert(NewKey("EC"), "issuer.example", &intermediate, false, kNow - kDay, kNow + 365 * kDay,
                       "DNS:issuer.example,URI:https://issuer.example");
  X509TrustAnchors anchors = *X509TrustAnchors::FromDer({root.der});
};

X509ChainPolicy At(std::int64_t now) { return X509ChainPolicy{.now = now, .expected_dns = {}, .expected_uri = {}}; }

TEST(X509Chain, ValidChainGivesTheLeafKeyAndNames) {
  Pki pki;
  auto verified = VerifyX509Chain({pki.leaf.der, pki.intermediate.der}, pki.anchors,
                                  {.now = kNow, .expected_dns = "Issuer.Example", .expected_uri = {}});
  ASSERT_TRUE(verified) << verified.error();
  ASSERT_TRUE(std::holds_alternative<P256PublicKey>(verified->leaf_key));
  EXPECT_EQ(verified->dns_names, std::vector<std::string>{"issuer.example"});
  EXPECT_EQ(verified->uris, std::vector<std::string>{"https://issuer.example"});
  EXPECT_TRUE(VerifyX509Chain({pki.leaf.der, pki.intermediate.der}, pki.anchors,
                              {.now = kNow, .expected_dns = {}, .expected_uri = "https://issuer.example"}));
  // Ed25519 and RSA leaves.
  auto ed = MakeCert(NewKey("ED25519"), "ed", &pki.intermediate, false, kNow - kDay, kNow + kDay);
  auto ed_ok = VerifyX509Chain({ed.der, pki.intermediate.der}, pki.anchors, At(kNow));
  ASSERT_TRUE(ed_ok) << ed_ok.error();
  EXPECT_TRUE(std::holds_alternative<Ed25519PublicKey>(ed_ok->leaf_key));
  PkeyPtr rsa(EVP_RSA_gen(2048), EVP_PKEY_free);
  auto rs = MakeCert(rsa, "rsa", &pki.intermediate, false, kNow - kDay, kNow + kDay);
  auto rs_ok = VerifyX509Chain({rs.der, pki.intermediate.der}, pki.anchors, At(kNow));
  ASSERT_TRUE(rs_ok) << rs_ok.error();
  EXPECT_TRUE(std::holds_alternative<RsaPublicKey>(rs_ok->leaf_key));
}

TEST(X509Chain, WhatDoesNotLeadToAnAnchorIsRejected) {
  Pki pki;
  auto code = [&](const std::vector<Bytes>& chain, std::int64_t now = kNow, const X509TrustAnchors* anchors = nullptr) {
    auto r = VerifyX509Chain(chain, anchors ? *anchors : pki.anchors, At(now));
    return r ? std::optional<ErrorCode>() : std::optional<ErrorCode>(r.error().code());
  };
  EXPECT_EQ(code({pki.leaf.der}), ErrorCode::kUnauthenticated);  // intermediate missing
  Pki other;
  EXPECT_EQ(code({pki.leaf.der, pki.intermediate.der}, kNow, &other.anchors), ErrorCode::kUnauthenticated);
  EXPECT_EQ(code({pki.leaf.der, pki.intermediate.der}, kNow + 400 * kDay), ErrorCode::kUnauthenticated);  // expired
  EXPECT_EQ(code({pki.leaf.der, pki.intermediate.der}, kNow - 2 * kDay), ErrorCode::kUnauthenticated);  // not yet
  // A leaf signed by another leaf (not a CA).
  auto sub = MakeCert(NewKey("EC"), "sub", &pki.leaf, false, kNow - kDay, kNow + kDay);
  EXPECT_EQ(code({sub.der, pki.leaf.der, pki.intermediate.der}), ErrorCode::kUnauthenticated);
  // SAN mismatch.
  auto r = VerifyX509Chain({pki.leaf.der, pki.intermediate.der}, pki.anchors,
                           {.now = kNow, .expected_dns = "evil.example", .expected_uri = {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kPermissionDenied);
}

TEST(X509Chain, MalformedInputIsInvalid) {
  Pki pki;
  Bytes trailing = pki.leaf.der;
  trailing.push_back(0);
  for (const auto& chain : std::vector<std::vector<Bytes>>{
           {}, {Bytes{1, 2, 3}}, {trailing}, std::vector<Bytes>(6, pki.leaf.der)}) {
    auto r = VerifyX509Chain(chain, pki.anchors, At(kNow));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << r.error();
  }
  EXPECT_EQ(X509TrustAnchors::FromPem("no certificate here").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(X509TrustAnchors::FromDer({}).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vaardig::crypto
