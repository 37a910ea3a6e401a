// Matchers, vector files, keys and documents shared by the VC-JOSE-COSE tests.
#pragma once

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"

namespace vaardig::vcjose::testutil {

// EXPECT_THAT(result, FailsWith(ErrorCode::kInvalidArgument)); prints the error on mismatch.
MATCHER_P(FailsWith, code, "fails with " + std::string(ErrorCodeName(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << arg.error();
  return arg.error().code() == code;
}

MATCHER(IsOk, "succeeds") {
  if (!arg.has_value()) *result_listener << arg.error();
  return arg.has_value();
}

// Equal as JSON values, whatever the member order (SD-JWT processing moves disclosed members).
inline bool SameJson(const Json& a, const Json& b) {
  return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

// 2024-12-15T08:06:40Z: after every fixture's validFrom, before the fixture presentations' exp.
inline constexpr std::int64_t kFixtureNow = 1734250000;

// tests/vectors/vc-jose-cose/<name>, read whole. Fails the test when missing.
inline std::string ReadVector(const std::string& name) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/vc-jose-cose/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing vector " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

inline Json ReadVectorJson(const std::string& name) {
  auto parsed = ParseJson(ReadVector(name));
  EXPECT_TRUE(parsed.has_value()) << name << ": " << parsed.error();
  return parsed ? *parsed : Json();
}

// A VCDM 2.0 credential issued by `issuer`, valid from 2024-01-01 (unless changed by the caller).
inline Json SampleCredential(const std::string& issuer = "https://issuer.example/vaardig") {
  return Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    "id": "urn:uuid:6a1e8d38-2d3a-4c1b-9a34-1b1f5c0e7e11",
    "type": ["VerifiableCredential", "SkillCredential"],
    "issuer": ")" + issuer + R"(",
    "validFrom": "2024-01-01T00:00:00Z",
    "credentialSubject": {
      "id": "did:example:holder",
      "skill": "klantgesprekken voeren",
      "level": 2,
      "evidence": ["gesprek 1", "gesprek 2"]
    }
  })");
}

inline Json SamplePresentation(const Json& credentials, const std::string& holder = "did:example:holder") {
  Json vp = Json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiablePresentation"]
  })");
  vp["holder"] = holder;
  vp["verifiableCredential"] = credentials;
  return vp;
}

inline jose::PrivateJwk NewKey(jose::Algorithm alg, const std::string& kid = "key-1") {
  auto key = jose::PrivateJwk::Generate(alg, kid);
  EXPECT_TRUE(key.has_value()) << key.error();
  return *key;
}

}  // namespace vaardig::vcjose::testutil
