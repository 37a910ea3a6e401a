// JSON-LD on real credentials: the bundled contexts, the 1EdTech Open Badges 3.0 vector's
// canonical N-Quads and hashes, and what a hostile credential may not do (load other contexts,
// redefine protected terms, demand unbounded work).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"
#include "tests/w3c/test_util.h"

namespace vaardig::w3c {
namespace {

namespace fs = std::filesystem;
using testutil::FailsWith;
using testutil::IsOk;
using testutil::ReadFileOrFail;

const fs::path kObDir = fs::path(VAARDIG_VECTORS_DIR) / "openbadges" / "impl";
const fs::path kContextsDir = fs::path(VAARDIG_SOURCE_DIR) / "specs" / "contexts";

Json ReadJson(const fs::path& path) {
  auto json = ParseJson(ReadFileOrFail(path.string()));
  EXPECT_TRUE(json.has_value()) << path;
  return json ? *json : Json();
}

std::string Sha256Hex(std::string_view text) {
  const auto digest = crypto::Sha256(ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  return encoding::HexEncode(ByteView(digest.data(), digest.size()));
}

Json Parse(std::string_view text) {
  auto json = ParseJson(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json ? *json : Json();
}

TEST(BundledContexts, EveryIndexedContextLoadsAsItsFile) {
  const Json index = ReadJson(kContextsDir / "index.json");
  ASSERT_GE(index.size(), 6u);
  for (const auto& [url, file] : index.items()) {
    auto loaded = BundledContexts().Load(url);
    ASSERT_THAT(loaded, IsOk()) << url;
    EXPECT_EQ((*loaded)->document_url, url);
    EXPECT_EQ((*loaded)->document, ReadJson(kContextsDir / file.get<std::string>())) << url;
    EXPECT_TRUE((*loaded)->document.contains("@context")) << url;
  }
}

TEST(BundledContexts, AnyOtherUrlIsRefusedNotFetched) {
  auto loaded = BundledContexts().Load("https://www.w3.org/2018/credentials/v1");
  ASSERT_THAT(loaded, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_NE(loaded.error().message().find("context not allowed"), std::string::npos);
}

TEST(JsonLdCredential, UnknownRemoteContextIsAnErrorNamingIt) {
  const Json doc = Parse(R"({"@context": ["https://www.w3.org/ns/credentials/v2",
      "https://evil.example/context.jsonld"], "type": "VerifiableCredential"})");
  auto expanded = Expand(doc);
  ASSERT_THAT(expanded, FailsWith(ErrorCode::kPermissionDenied));
  EXPECT_TRUE(expanded.error().message().starts_with("loading remote context failed: context not allowed"))
      << expanded.error();
  EXPECT_NE(expanded.error().message().find("https://evil.example/context.jsonld"), std::string::npos);
}

TEST(JsonLdCredential, ImportOfAnUnknownContextIsRefused) {
  const Json doc = Parse(R"({"@context": {"@version": 1.1, "@import": "https://evil.example/c"},
      "@id": "urn:x", "http://example.com/p": "v"})");
  EXPECT_THAT(Expand(doc), FailsWith(ErrorCode::kPermissionDenied));
}

TEST(JsonLdCredential, ProtectedVcTermsCannotBeRedefined) {
  // A credential that maps the VC 2.0 context's protected terms elsewhere must not expand.
  const Json doc = Parse(R"({"@context": ["https://www.w3.org/ns/credentials/v2",
      {"VerifiableCredential": "https://evil.example/NotACredential"}],
      "type": "VerifiableCredential", "issuer": "https://issuer.example"})");
  auto expanded = Expand(doc);
  ASSERT_THAT(expanded, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_TRUE(expanded.error().message().starts_with("protected term redefinition")) << expanded.error();
}

TEST(JsonLdCredential, TypeScopedVcTermsWinOverATopLevelRedefinition) {
  // "issuer" is defined in the type-scoped context of VerifiableCredential, which is applied
  // after the document's own context: the redefinition has no effect on a credential.
  const Json doc = Parse(R"({"@context": ["https://www.w3.org/ns/credentials/v2",
      {"issuer": "https://evil.example/notTheIssuer"}],
      "type": "VerifiableCredential", "issuer": "https://issuer.example"})");
  auto expanded = Expand(doc);
  ASSERT_THAT(expanded, IsOk());
  ASSERT_EQ(expanded->size(), 1u);
  EXPECT_TRUE((*expanded)[0].contains("https://www.w3.org/2018/credentials#issuer")) << expanded->dump();
  EXPECT_FALSE((*expanded)[0].contains("https://evil.example/notTheIssuer"));
}

// Safe mode refuses what JSON-LD would silently leave out of the RDF (so out of a proof), as
// jsonld.js's safe mode does; without it the same documents expand and convert.
TEST(JsonLdSafeMode, RefusesWhatTheRdfWouldNotHold) {
  JsonLdOptions safe;
  safe.safe_mode = true;
  struct Case {
    const char* name;
    const char* doc;
    const char* reason;
  };
  const Case cases[] = {
      {"undefined term",
       R"({"@context": "https://www.w3.org/ns/credentials/v2", "id": "urn:x", "skill": "snoeien"})",
       "safe mode: property 'skill'"},
      {"direction without rdfDirection",
       R"({"@context": {"@version": 1.1, "name": "https://schema.org/name"}, "@id": "urn:x",
           "name": {"@value": "مرحبا", "@language": "ar", "@direction": "rtl"}})",
       "safe mode: the base direction 'rtl'"},
      {"empty object",
       R"({"@context": "https://www.w3.org/ns/credentials/v2"})", "safe mode: an empty object"},
      {"free-floating node",
       R"({"@context": {"@version": 1.1}, "@graph": [{"@id": "urn:x"}, {"@id": "urn:y", "http://e.org/p": "v"}]})",
       "safe mode: a node with only an @id"},
      {"free-floating value",
       R"({"@context": {"@version": 1.1}, "@graph": [{"@value": "v"}, {"@id": "urn:y", "http://e.org/p": "v"}]})",
       "safe mode: a value or list outside any node"},
  };
  for (const Case& c : cases) {
    const Json doc = Parse(c.doc);
    auto refused = CanonicalizeJsonLd(doc, safe);
    ASSERT_THAT(refused, FailsWith(ErrorCode::kInvalidArgument)) << c.name;
    EXPECT_TRUE(refused.error().message().starts_with(c.reason)) << c.name << ": " << refused.error();
    EXPECT_THAT(CanonicalizeJsonLd(doc), IsOk()) << c.name;
  }
  // With rdfDirection the direction is in the RDF, and safe mode accepts it.
  JsonLdOptions i18n = safe;
  i18n.rdf_direction = RdfDirection::kI18nDatatype;
  auto directed = CanonicalizeJsonLd(Parse(R"({"@context": {"@version": 1.1, "name": "https://schema.org/name"},
      "@id": "urn:x", "name": {"@value": "v", "@language": "ar", "@direction": "rtl"}})"), i18n);
  ASSERT_THAT(directed, IsOk());
  EXPECT_NE(directed->nquads.find("<https://www.w3.org/ns/i18n#ar_rtl>"), std::string::npos) << directed->nquads;
}

// VC 2.0 and Data Integrity v2 both define DataIntegrityProof as a protected term whose scoped
// contexts list the same members in different orders: the same definition (JSON objects are
// unordered), so listing both contexts is not a protected term redefinition.
TEST(JsonLdCredential, SameProtectedDefinitionInAnotherMemberOrderIsNotARedefinition) {
  const Json doc = Parse(R"({"@context": ["https://www.w3.org/ns/credentials/v2",
      "https://w3id.org/security/data-integrity/v2"],
      "id": "urn:uuid:1", "type": "VerifiableCredential", "issuer": "did:example:issuer",
      "credentialSubject": {"id": "did:example:subject"},
      "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                "proofPurpose": "assertionMethod", "verificationMethod": "did:example:issuer#k",
                "proofValue": "z1"}})");
  JsonLdOptions safe;
  safe.safe_mode = true;
  auto canonical = CanonicalizeJsonLd(doc, safe);
  ASSERT_THAT(canonical, IsOk());
  EXPECT_NE(canonical->nquads.find("<https://w3id.org/security#DataIntegrityProof>"), std::string::npos);
}

TEST(JsonLdCredential, WorkLimitStopsAnOversizedDocument) {
  Json doc = Parse(R"({"@context": {"@vocab": "https://example.com/"}, "items": []})");
  for (int i = 0; i < 2000; ++i) doc["items"].push_back(Json::object({{"n", i}}));
  JsonLdOptions options;
  options.limits.max_work = 1000;
  EXPECT_THAT(Expand(doc, options), FailsWith(ErrorCode::kResourceExhausted));
  options.limits = {};
  options.limits.max_quads = 100;
  EXPECT_THAT(ToRdf(doc, options), FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(ToRdf(doc), IsOk());
}

TEST(JsonLdCredential, RemoteContextNestingIsBounded) {
  // Each context imports the next: a chain longer than the limit fails with context overflow.
  StaticDocumentLoader loader;
  for (int i = 0; i < 40; ++i) {
    ASSERT_THAT(loader.Add("https://ctx.example/" + std::to_string(i),
                           R"({"@context": ["https://ctx.example/)" + std::to_string(i + 1) + R"("]})"),
                IsOk());
  }
  const Json doc = Parse(R"({"@context": "https://ctx.example/0", "@id": "urn:x"})");
  JsonLdOptions options;
  options.loader = &loader;
  auto expanded = Expand(doc, options);
  ASSERT_THAT(expanded, FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_TRUE(expanded.error().message().starts_with("context overflow")) << expanded.error();
}

TEST(JsonLdCredential, MalformedShapesAreRejectedWithTheirJsonLdCode) {
  struct Case {
    const char* doc;
    const char* code;
  };
  const Case cases[] = {
      {R"({"@context": 5})", "invalid local context"},
      {R"({"@context": {"@vocab": 5}})", "invalid vocab mapping"},
      {R"({"@context": {"t": {"@id": 5}}, "t": 1})", "invalid IRI mapping"},
      {R"({"@context": {"t": {"@container": "@bogus", "@id": "http://e.x/t"}}})", "invalid container mapping"},
      {R"({"@id": 5})", "invalid @id value"},
      {R"({"@type": {"a": 1}})", "invalid type value"},
      {R"({"http://e.x/p": {"@value": {"a": 1}}})", "invalid value object value"},
      {R"({"http://e.x/p": {"@value": "x", "@type": "http://e.x/t", "@language": "en"}})", "invalid value object"},
      {R"({"@context": {"a": "b:", "b": "a:"}, "a:x": 1})", "cyclic IRI mapping"},
  };
  for (const Case& c : cases) {
    auto expanded = Expand(Parse(c.doc));
    ASSERT_FALSE(expanded.has_value()) << c.doc;
    EXPECT_TRUE(expanded.error().message().starts_with(c.code)) << c.doc << " → " << expanded.error();
  }
}

// The 1EdTech vector: our canonical N-Quads and hashes of the Open Badges 3.0 credential and of
// its proof configuration are byte for byte theirs.
TEST(OpenBadgesVector, CanonicalDocumentAndHashMatch) {
  const Json credential = ReadJson(kObDir / "credential.json");
  const Json vector = ReadJson(kObDir / "vector.json");
  auto canonical = CanonicalizeJsonLd(credential);
  ASSERT_THAT(canonical, IsOk());
  EXPECT_EQ(canonical->nquads, ReadFileOrFail((kObDir / "document-canon.txt").string()));
  EXPECT_EQ(Sha256Hex(canonical->nquads), vector["documentHashHex"]);
}

TEST(OpenBadgesVector, CanonicalProofConfigurationAndHashMatch) {
  const Json credential = ReadJson(kObDir / "credential.json");
  const Json vector = ReadJson(kObDir / "vector.json");
  Json proof = vector["proofOptions"];
  proof["@context"] = credential["@context"];
  auto canonical = CanonicalizeJsonLd(proof);
  ASSERT_THAT(canonical, IsOk());
  EXPECT_EQ(canonical->nquads, ReadFileOrFail((kObDir / "proof-canon.txt").string()));
  EXPECT_EQ(Sha256Hex(canonical->nquads), vector["proofHashHex"]);
}

TEST(OpenBadgesVector, AChangedClaimChangesTheCanonicalForm) {
  Json credential = ReadJson(kObDir / "credential.json");
  credential["credentialSubject"]["achievement"]["name"] = "Teamwork!";
  auto canonical = CanonicalizeJsonLd(credential);
  ASSERT_THAT(canonical, IsOk());
  EXPECT_NE(canonical->nquads, ReadFileOrFail((kObDir / "document-canon.txt").string()));
}

}  // namespace
}  // namespace vaardig::w3c
