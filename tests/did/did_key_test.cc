// Vectors: W3C CCG did-method-key, test-vectors/ed25519-x25519.json and nist-curves.json
// (github.com/w3c-ccg/did-method-key, commit e7839a8e1ce1e17ff18bc0c95600753604efb1fe).
#include "core/did/did_key.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/crypto/secret_bytes.h"
#include "core/did/multikey.h"
#include "core/encoding/base58.h"
#include "core/encoding/base64url.h"
#include "core/encoding/multibase.h"
#include "tests/did/test_util.h"

namespace vaardig::did {
namespace {

using testutil::FailsWith;
using testutil::IsOk;

struct Ed25519Vector {
  std::string_view seed_hex;
  std::string_view did;
  std::string_view public_key_base58;
};
constexpr Ed25519Vector kEd25519Vectors[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000",
     "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
     "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS"},
    {"0000000000000000000000000000000000000000000000000000000000000001",
     "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG",
     "6ASf5EcmmEHTgDJ4X4ZT5vT6iHVJBXPg5AN5YoTCpGWt"},
    {"0000000000000000000000000000000000000000000000000000000000000002",
     "did:key:z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf",
     "8pM1DN3RiT8vbom5u1sNryaNT1nyL8CTTW3b5PwWXRBH"},
    {"0000000000000000000000000000000000000000000000000000000000000003",
     "did:key:z6MkvqoYXQfDDJRv8L4wKzxYeuKyVZBfi9Qo6Ro8MiLH3kDQ",
     "HPYVwAQmskwT1qEEeRzhoomyfyupJGASQQtCXSNG8XS2"},
    {"0000000000000000000000000000000000000000000000000000000000000004",
     "did:key:z6MkwW6aqMnjgrhJXFUko3NnZPGzVpkNzhYK7yEhnsibmLwL",
     "J3qYF7YJMKCqQke47UQwiHizgFUXapHxRxKmxbkar89x"},
};

struct P256Vector {
  std::string_view did;
  std::string_view x, y, d;  // base64url
};
constexpr P256Vector kP256Vectors[] = {
    {"did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv",
     "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns", "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM",
     "gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc"},
    {"did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",
     "fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI", "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU",
     "YjRs6vNvw4sYrzVVY8ipkEpDAD9PFqw1sUnvPRMA-WI"},
};

const VerificationMethod& OnlyMethod(const DidDocument& doc) {
  EXPECT_EQ(doc.verification_methods.size(), 1u);
  return doc.verification_methods.at(0);
}

TEST(DidKey, Ed25519VectorsResolveToTheirKeysAndSeedsCreateThem) {
  int ran = 0;
  for (const auto& v : kEd25519Vectors) {
    SCOPED_TRACE(v.did);
    auto doc = ResolveDidKey(v.did);
    ASSERT_THAT(doc, IsOk());
    const VerificationMethod& method = OnlyMethod(*doc);
    const auto* key = std::get_if<crypto::Ed25519PublicKey>(&method.key.key());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(encoding::Base58BtcEncode(key->bytes()), v.public_key_base58);

    auto seed = encoding::HexDecode(v.seed_hex);
    ASSERT_THAT(seed, IsOk());
    auto private_key = crypto::Ed25519PrivateKey::FromSeed(crypto::SecretBytes::CopyFrom(*seed));
    ASSERT_THAT(private_key, IsOk());
    EXPECT_EQ(private_key->public_key(), *key);
    EXPECT_EQ(CreateDidKey(jose::PublicJwk::FromKey(*key)), v.did);
    ++ran;
  }
  EXPECT_EQ(ran, 5);
}

TEST(DidKey, P256VectorsResolveToOnCurveKeysMatchingTheirPrivateKeys) {
  int ran = 0;
  for (const auto& v : kP256Vectors) {
    SCOPED_TRACE(v.did);
    auto doc = ResolveDidKey(v.did);
    ASSERT_THAT(doc, IsOk());
    const auto* key = std::get_if<crypto::P256PublicKey>(&OnlyMethod(*doc).key.key());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(encoding::Base64UrlEncode(key->x()), v.x);
    EXPECT_EQ(encoding::Base64UrlEncode(key->y()), v.y);
    // The decompressed point is on the curve (FromCoordinates checks) and is d·G.
    EXPECT_THAT(crypto::P256PublicKey::FromCoordinates(key->x(), key->y()), IsOk());
    auto d = encoding::Base64UrlDecode(v.d);
    ASSERT_THAT(d, IsOk());
    EXPECT_THAT(crypto::P256PrivateKey::FromScalar(crypto::SecretBytes::CopyFrom(*d), *key),
                IsOk());
    EXPECT_EQ(CreateDidKey(jose::PublicJwk::FromKey(*key)), v.did);
    ++ran;
  }
  EXPECT_EQ(ran, 2);
}

TEST(DidKey, DocumentHasOneMultikeyInFourRelationships) {
  const std::string did(kEd25519Vectors[0].did);
  const std::string multibase = did.substr(std::string_view("did:key:").size());
  const std::string vm = did + "#" + multibase;
  auto doc = ResolveDidKey(did);
  ASSERT_THAT(doc, IsOk());
  const Json expected = {
      {"@context", {"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
      {"id", did},
      {"verificationMethod",
       {{{"id", vm},
         {"type", "Multikey"},
         {"controller", did},
         {"publicKeyMultibase", multibase}}}},
      {"assertionMethod", {vm}},
      {"authentication", {vm}},
      {"capabilityInvocation", {vm}},
      {"capabilityDelegation", {vm}}};
  EXPECT_EQ(doc->ToJson(), expected);
}

TEST(DidKey, FreshKeysRoundTrip) {
  for (const jose::PublicJwk& key : {testutil::NewP256Jwk(), testutil::NewEd25519Jwk()}) {
    auto did = CreateDidKey(key);
    ASSERT_THAT(did, IsOk());
    auto doc = ResolveDidKey(*did);
    ASSERT_THAT(doc, IsOk());
    EXPECT_EQ(OnlyMethod(*doc).key, key);
    auto reparsed = DidDocument::Parse(doc->ToJson(), *did);
    ASSERT_THAT(reparsed, IsOk());
    EXPECT_EQ(OnlyMethod(*reparsed).key, key);
  }
}

// Re-encodes a did:key after changing its multicodec bytes.
std::string MutateKeyBytes(std::string_view did, void (*mutate)(Bytes&)) {
  auto bytes = encoding::MultibaseDecode(did.substr(std::string_view("did:key:").size()));
  EXPECT_THAT(bytes, IsOk());
  mutate(*bytes);
  return "did:key:" + encoding::MultibaseEncode(encoding::Multibase::kBase58Btc, *bytes);
}

TEST(DidKey, TruncatedOrExtendedVectorsAreRejected) {
  for (std::string_view did : {kEd25519Vectors[0].did, kP256Vectors[0].did}) {
    SCOPED_TRACE(did);
    EXPECT_THAT(ResolveDidKey(MutateKeyBytes(did, [](Bytes& b) { b.pop_back(); })),
                FailsWith(ErrorCode::kInvalidArgument));
    EXPECT_THAT(ResolveDidKey(MutateKeyBytes(did, [](Bytes& b) { b.push_back(0); })),
                FailsWith(ErrorCode::kInvalidArgument));
    // Sanity: the unchanged bytes re-encode to the same DID.
    EXPECT_EQ(MutateKeyBytes(did, [](Bytes&) {}), did);
  }
}

std::string DidKeyOf(std::uint64_t codec, const Bytes& key) {
  return "did:key:" + encoding::MultibaseEncode(encoding::Multibase::kBase58Btc,
                                                encoding::MulticodecWrap(codec, key));
}

TEST(DidKey, MalformedOrUnsupportedKeysAreRejected) {
  using enum ErrorCode;
  const Bytes ed_key(32, 0x11);
  auto p256 = crypto::P256PrivateKey::Generate().public_key();
  Bytes p256_x_too_large(33, 0xff);
  p256_x_too_large[0] = 0x02;
  const struct {
    std::string did;
    ErrorCode code;
  } cases[] = {
      {"did:jwk:eyJrdHkiOiJPS1AifQ", kInvalidArgument},  // not did:key
      {"did:key:1:" + std::string(kEd25519Vectors[0].did.substr(8)), kInvalidArgument},  // version
      {"did:key:u" + encoding::Base64UrlEncode(encoding::MulticodecWrap(0xed, ed_key)),
       kInvalidArgument},                   // base64url multibase
      {"did:key:z", kInvalidArgument},      // no bytes at all
      {"did:key:z0OIl", kInvalidArgument},  // not base58btc
      {"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#x", kInvalidArgument},  // URL
      {DidKeyOf(0xed, Bytes(31, 0x11)), kInvalidArgument},            // short Ed25519 key
      {DidKeyOf(0x1200, p256.Sec1Uncompressed()), kInvalidArgument},  // uncompressed P-256
      {DidKeyOf(0x1200, p256_x_too_large), kInvalidArgument},         // x ≥ p: not a point
      {DidKeyOf(0x1300, ed_key), kInvalidArgument},                   // ed25519-priv
      {DidKeyOf(0x1306, Bytes(32, 0x01)), kInvalidArgument},          // p256-priv
      {"did:key:z" + encoding::Base58BtcEncode(Bytes{0xed, 0x81, 0x00}), kInvalidArgument},
      {DidKeyOf(0xe7, Bytes(33, 0x02)), kUnimplemented},    // secp256k1-pub
      {DidKeyOf(0x1201, Bytes(49, 0x02)), kUnimplemented},  // p384-pub
      {"did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", kUnimplemented},  // X25519
      {"did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9",
       kUnimplemented},  // P-384 vector
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.did);
    EXPECT_THAT(ResolveDidKey(c.did), FailsWith(c.code));
  }
}

TEST(DidKey, RsaKeyCannotBeADidKey) {
  auto rsa = crypto::RsaPrivateKey::Generate(2048);
  ASSERT_THAT(rsa, IsOk());
  EXPECT_THAT(CreateDidKey(jose::PublicJwk::FromKey(rsa->public_key())),
              FailsWith(ErrorCode::kUnimplemented));
}

}  // namespace
}  // namespace vaardig::did
