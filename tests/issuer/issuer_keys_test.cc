// Issue 7 part B1: the issuer's identity and its own keys (issuer_keys.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>
#include <variant>

#include "core/did/document.h"
#include "core/status/bitstring_status_list_credential.h"
#include "tests/issuer/issuer_b1_test_util.h"

namespace vaardig::issuer {
namespace {

using namespace b1testing;  // NOLINT(google-build-using-namespace): test helpers

// ---- identity ---------------------------------------------------------------------------------

TEST(IssuerIdentityTest, DidAndIdentifierFromPublicUrl) {
  IssuerSettings s = Settings();
  s.public_url = "https://skills.gemeente-voorbeeld.example/";
  EXPECT_EQ(CredentialIssuerId(s), "https://skills.gemeente-voorbeeld.example");
  EXPECT_EQ(IssuerDid(s).value_or(""), kDid);
  s.public_url = "http://127.0.0.1:8443";
  EXPECT_EQ(IssuerDid(s).value_or(""), "did:web:127.0.0.1%3A8443");
  s.public_url = "https://example.org:8443/issuer";
  EXPECT_EQ(IssuerDid(s).value_or(""), "did:web:example.org%3A8443:issuer");
  s.public_url = "http://skills.example.org";
  auto refused = IssuerDid(s);
  EXPECT_THAT(refused, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(refused), "server.public_url must be https for a did:web issuer (http only on loopback)");
  s.public_url = "ftp://skills.example.org";
  EXPECT_THAT(IssuerDid(s), FailsWith(ErrorCode::kInvalidArgument));
  s.public_url = "https://10.0.0.1";
  EXPECT_THAT(IssuerDid(s), FailsWith(ErrorCode::kInvalidArgument));
}

// ---- keys -------------------------------------------------------------------------------------

TEST(IssuerKeysTest, CreatedOnceAndReused) {
  Fixture f;
  auto first = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->kid, first->key.public_jwk().Thumbprint());
  EXPECT_EQ(first->key.algorithm(), jose::Algorithm::kEs256);
  EXPECT_EQ(first->verification_method, std::string(kDid) + "#" + first->kid);
  EXPECT_FALSE(first->ed25519.has_value());
  auto again = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->kid, first->kid);
  EXPECT_EQ(again->key.public_jwk(), first->key.public_jwk());

  auto di = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kDataIntegrity);
  ASSERT_THAT(di, IsOk());
  ASSERT_TRUE(di->ed25519.has_value());
  EXPECT_EQ(di->key.algorithm(), jose::Algorithm::kEdDsa);
  EXPECT_NE(di->kid, first->kid);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM signing_keys WHERE person_id IS NULL"), 2);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE action = 'key.create' AND actor = 'system'"), 2);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM signing_keys WHERE purpose = 'sd-jwt' AND algorithm = 'ES256'"), 1);
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM signing_keys WHERE purpose = 'data-integrity' AND "
                            "algorithm = 'EdDSA'"),
            1);
}

TEST(IssuerKeysTest, ConcurrentCallersGetOneKey) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("issuer_status_test_" + std::to_string(::getpid()) + "_concurrent.db");
  std::filesystem::remove(path);
  {
    Fixture f(Settings(path.string()));
    ASSERT_NE(f.app, nullptr);
    std::vector<std::string> kids(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&, i] {
        auto key = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
        kids[static_cast<std::size_t>(i)] = key ? key->kid : "error: " + key.error().message();
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& kid : kids) EXPECT_EQ(kid, kids[0]);
    EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM signing_keys WHERE purpose = 'sd-jwt'"), 1);
    EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE action = 'key.create'"), 1);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST(IssuerKeysTest, SealedAtRest) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("issuer_status_test_" + std::to_string(::getpid()) + "_sealed.db");
  std::filesystem::remove(path);
  std::vector<std::string> secrets;
  {
    Fixture f(Settings(path.string()));
    ASSERT_NE(f.app, nullptr);
    for (auto purpose : {IssuerKeyPurpose::kSdJwt, IssuerKeyPurpose::kDataIntegrity}) {
      auto key = GetOrCreateIssuerKey(*f.app, f.vault, purpose);
      ASSERT_THAT(key, IsOk());
      secrets.push_back(key->key.ExportPrivateJson().at("d").get<std::string>());
    }
    // Opened (and kept opened in memory) once more with the right vault...
    ASSERT_THAT(GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt), IsOk());
    ASSERT_THAT(GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt), IsOk());
    // ...another vault still cannot open them: data_loss, naming the key.
    auto other = GetOrCreateIssuerKey(*f.app, TestVault(), IssuerKeyPurpose::kSdJwt);
    EXPECT_THAT(other, FailsWith(ErrorCode::kDataLoss));
    EXPECT_TRUE(ErrorMessage(other).starts_with("sd-jwt key ")) << ErrorMessage(other);
  }
  for (const std::string& file : {path.string(), path.string() + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    if (!in.good()) continue;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(bytes.empty());
    for (const auto& d : secrets) EXPECT_EQ(bytes.find(d), std::string::npos) << file;
    EXPECT_EQ(bytes.find("\"d\""), std::string::npos) << file;
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST(IssuerKeysTest, DidDocumentShapeParsesAndResolvesEveryKid) {
  Fixture f;
  auto es = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  auto ed = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kDataIntegrity);
  ASSERT_THAT(es, IsOk());
  ASSERT_THAT(ed, IsOk());
  auto doc = BuildIssuerDidDocument(*f.app);
  ASSERT_THAT(doc, IsOk());
  EXPECT_EQ((*doc)["id"], kDid);
  const Json& context = (*doc)["@context"];
  ASSERT_TRUE(context.is_array());
  EXPECT_EQ(context[0], "https://www.w3.org/ns/did/v1");
  EXPECT_NE(std::find(context.begin(), context.end(), Json("https://w3id.org/security/multikey/v1")), context.end());
  ASSERT_EQ((*doc)["verificationMethod"].size(), 2u);
  EXPECT_EQ(DumpJson(*doc).find("\"d\""), std::string::npos);

  auto parsed = did::DidDocument::Parse(*doc, kDid);
  ASSERT_THAT(parsed, IsOk());
  auto es_method = parsed->GetVerificationMethod(es->verification_method, did::Relationship::kAssertionMethod);
  ASSERT_THAT(es_method, IsOk());
  EXPECT_EQ(es_method->type, "JsonWebKey");
  EXPECT_EQ(es_method->key, es->key.public_jwk());
  auto ed_method = parsed->GetVerificationMethod(ed->verification_method, did::Relationship::kAssertionMethod);
  ASSERT_THAT(ed_method, IsOk());
  EXPECT_EQ(ed_method->type, "Multikey");
  EXPECT_EQ(ed_method->key, ed->key.public_jwk());
  EXPECT_TRUE(parsed->HasRelationship(ed->verification_method, did::Relationship::kAuthentication));
  for (const Json& vm : (*doc)["verificationMethod"]) {
    if (vm["type"] == "Multikey") {
      EXPECT_TRUE(vm["publicKeyMultibase"].get<std::string>().starts_with("z6Mk"));
    } else {
      EXPECT_EQ(vm["type"], "JsonWebKey");
      EXPECT_EQ(vm["publicKeyJwk"]["crv"], "P-256");
    }
  }
}

TEST(IssuerKeysTest, RotationKeepsOldKeysPublished) {
  Fixture f;
  auto none = RotateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt, "");
  EXPECT_THAT(none, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_EQ(ErrorMessage(none), "actor: who rotates the key is required");
  auto old = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  ASSERT_THAT(old, IsOk());
  f.clock->Advance(60);
  ASSERT_THAT(GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kDataIntegrity), IsOk());
  f.clock->Advance(3600);
  auto rotated = RotateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt, "cli");
  ASSERT_THAT(rotated, IsOk());
  EXPECT_EQ(rotated->retired_kid, old->kid);
  EXPECT_NE(rotated->new_kid, old->kid);
  auto current = GetOrCreateIssuerKey(*f.app, f.vault, IssuerKeyPurpose::kSdJwt);
  ASSERT_THAT(current, IsOk());
  EXPECT_EQ(current->kid, rotated->new_kid);

  auto keys = ListIssuerKeys(*f.app);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ((*keys)[0].kid, old->kid);  // oldest first
  EXPECT_TRUE((*keys)[0].retired_at.has_value());
  EXPECT_EQ((*keys)[1].purpose, IssuerKeyPurpose::kDataIntegrity);
  EXPECT_FALSE((*keys)[1].retired_at.has_value());
  EXPECT_EQ((*keys)[2].kid, rotated->new_kid);
  EXPECT_FALSE((*keys)[2].retired_at.has_value());

  auto metadata = BuildJwtVcIssuerMetadata(*f.app);
  ASSERT_THAT(metadata, IsOk());
  EXPECT_EQ((*metadata)["issuer"], kPublicUrl);
  ASSERT_EQ((*metadata)["jwks"]["keys"].size(), 2u);  // the Ed25519 key is not an SD-JWT key
  EXPECT_EQ((*metadata)["jwks"]["keys"][0]["kid"], old->kid);
  EXPECT_EQ((*metadata)["jwks"]["keys"][1]["kid"], rotated->new_kid);
  EXPECT_EQ(DumpJson(*metadata).find("\"d\""), std::string::npos);

  auto doc = BuildIssuerDidDocument(*f.app);
  ASSERT_THAT(doc, IsOk());
  auto parsed = did::DidDocument::Parse(*doc, kDid);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_THAT(parsed->GetVerificationMethod(std::string(kDid) + "#" + old->kid, did::Relationship::kAssertionMethod),
              IsOk());
  EXPECT_THAT(parsed->GetVerificationMethod(std::string(kDid) + "#" + rotated->new_kid,
                                            did::Relationship::kAssertionMethod),
              IsOk());
  EXPECT_EQ(CountOf(*f.app, "SELECT COUNT(*) FROM audit_log WHERE action = 'key.rotate' AND actor = 'cli'"), 1);
  // Rotating a purpose without a key just creates one.
  Fixture g;
  auto first = RotateIssuerKey(*g.app, g.vault, IssuerKeyPurpose::kDataIntegrity, "cli");
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->retired_kid, "");
}

}  // namespace
}  // namespace vaardig::issuer
