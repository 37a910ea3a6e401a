// OpenID4VP 1.0 Authorization Requests (§5, §5.9, §5.10, §8.2): parameters, client identifier
// prefixes, signed Request Objects (did:jwk verifier) and wallet invocation links.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/jose/jwt.h"
#include "core/oid4vc/authorization_request.h"
#include "tests/oid4vc/oid4vp_test_util.h"

namespace vaardig::oid4vc {
namespace {

using ::testing::HasSubstr;
using vptest::FailsWith;
using vptest::IsOk;
using vptest::J;
using vptest::OAuthFailsWith;
using vptest::ReadVpVector;

constexpr const char* kResponseUri = "https://verifier.example/oid4vp/response";
constexpr const char* kNonce = "n-0S6_WzA2Mj-8dXc7kL2q";

Json RedirectUriRequest() {
  Json r = Json::object();
  r["client_id"] = std::string("redirect_uri:") + kResponseUri;
  r["response_type"] = "vp_token";
  r["response_mode"] = "direct_post";
  r["response_uri"] = kResponseUri;
  r["nonce"] = kNonce;
  r["state"] = "eyJhb.6-sVA";
  r["dcql_query"] = ReadVpVector("simple.json");
  r["client_metadata"] = J(R"({"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES256"]}}})");
  return r;
}

TEST(AuthorizationRequest, RedirectUriRequestParsesAndRoundTrips) {
  auto request = ParseAuthorizationRequest(RedirectUriRequest(), RequestSecuring::kUnsigned);
  ASSERT_THAT(request, IsOk()) << request.error().description;
  EXPECT_EQ(request->response_uri, kResponseUri);
  EXPECT_EQ(request->nonce, kNonce);
  EXPECT_EQ(*request->state, "eyJhb.6-sVA");
  EXPECT_EQ(request->dcql_query.credentials[0].id, "my_credential");
  EXPECT_EQ(request->ToJson(), RedirectUriRequest());
  EXPECT_THAT(CheckResponseModeSupported(*request), IsOk());
}

TEST(AuthorizationRequest, ParsesFromUrlQueryParameters) {
  const Json r = RedirectUriRequest();
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& [name, value] : r.items()) {
    params.emplace_back(name, value.is_string() ? value.get<std::string>() : DumpJson(value));
  }
  auto request = ParseAuthorizationRequestParams(params);
  ASSERT_THAT(request, IsOk()) << request.error().description;
  EXPECT_EQ(request->ToJson(), r);

  params.emplace_back("nonce", "again-and-again-and-again");
  EXPECT_THAT(ParseAuthorizationRequestParams(params), OAuthFailsWith("invalid_request"));
  params.pop_back();
  for (auto& [name, value] : params) {
    if (name == "dcql_query") value = "{not json";
  }
  auto bad = ParseAuthorizationRequestParams(params);
  ASSERT_THAT(bad, OAuthFailsWith("invalid_request"));
  EXPECT_THAT(bad.error().description, HasSubstr("dcql_query is not valid JSON"));
}

TEST(AuthorizationRequest, DirectPostJwtParsesButIsReportedUnsupported) {
  Json r = RedirectUriRequest();
  r["response_mode"] = "direct_post.jwt";
  auto request = ParseAuthorizationRequest(r, RequestSecuring::kUnsigned);
  ASSERT_THAT(request, IsOk());
  auto supported = CheckResponseModeSupported(*request);
  ASSERT_THAT(supported, OAuthFailsWith("invalid_request"));
  EXPECT_THAT(supported.error().description, HasSubstr("direct_post.jwt (encrypted responses) is not supported"));
}

struct BadRequestCase {
  const char* member;
  Json value;  // null: remove the member
  std::string_view error;
  const char* description;
};

TEST(AuthorizationRequest, MalformedRequestsFailWithTheirErrors) {
  const std::vector<BadRequestCase> cases = {
      {"client_id", nullptr, errors::kInvalidRequest, "client_id is required"},
      {"client_id", 5, errors::kInvalidRequest, "client_id must be a string"},
      {"client_id", "", errors::kInvalidRequest, "client_id must not be empty"},
      {"client_id", "origin:https://verifier.example", errors::kInvalidRequest, "origin prefix is reserved"},
      {"client_id", "redirect_uri:ftp://verifier.example", errors::kInvalidRequest, "must be an https URL"},
      {"client_id", "redirect_uri:https://other.example/cb", errors::kInvalidRequest, "must equal response_uri"},
      {"client_id", "decentralized_identifier:not-a-did", errors::kInvalidRequest, "must be a DID"},
      {"client_id", "decentralized_identifier:did:web:verifier.example", errors::kInvalidRequest,
       "must be a signed Request Object"},
      {"response_type", nullptr, errors::kInvalidRequest, "response_type is required"},
      {"response_type", "code", "unsupported_response_type", "response_type must be vp_token"},
      {"response_mode", nullptr, errors::kInvalidRequest, "response_mode is required"},
      {"response_mode", "fragment", errors::kInvalidRequest, "response_mode must be direct_post"},
      {"redirect_uri", kResponseUri, errors::kInvalidRequest, "redirect_uri must not be present"},
      {"response_uri", "http://verifier.example/r", errors::kInvalidRequest, "response_uri must be an https URL"},
      {"response_uri", "https://verifier.example/r#frag", errors::kInvalidRequest, "response_uri must be an https URL"},
      {"response_uri", std::string("https://v.example/") + std::string(2100, 'a'), errors::kInvalidRequest,
       "response_uri is longer than 2048 bytes"},
      {"nonce", nullptr, errors::kInvalidRequest, "nonce is required"},
      {"nonce", "short", errors::kInvalidRequest, "nonce must be at least 16 characters"},
      {"nonce", std::string(257, 'n'), errors::kInvalidRequest, "nonce is longer than 256 bytes"},
      {"nonce", "nonce with spaces in it", errors::kInvalidRequest, "nonce must hold only ASCII URL safe characters"},
      {"state", "a/b", errors::kInvalidRequest, "state must hold only ASCII URL safe characters"},
      {"state", 1, errors::kInvalidRequest, "state must be a string"},
      {"dcql_query", nullptr, errors::kInvalidRequest, "dcql_query is required"},
      {"dcql_query", J(R"({"credentials":[]})"), errors::kInvalidRequest,
       "dcql_query.credentials: must be a non-empty array"},
      {"scope", "com.example.pid", errors::kInvalidRequest, "dcql_query and scope must not both be present"},
      {"transaction_data", J(R"(["eyJ0eXBlIjoieCJ9"])"), kInvalidTransactionData, "transaction_data is not supported"},
      {"client_metadata", "{}", errors::kInvalidRequest, "client_metadata must be a JSON object"},
  };
  for (const BadRequestCase& c : cases) {
    SCOPED_TRACE(c.member);
    Json r = RedirectUriRequest();
    if (c.value.is_null()) {
      r.erase(c.member);
    } else {
      r[c.member] = c.value;
    }
    auto result = ParseAuthorizationRequest(r, RequestSecuring::kUnsigned);
    ASSERT_THAT(result, OAuthFailsWith(c.error));
    EXPECT_THAT(result.error().description, HasSubstr(c.description));
    EXPECT_THAT(result.error().description, ::testing::Not(HasSubstr(kNonce)));
  }
  EXPECT_THAT(ParseAuthorizationRequest(J("[]"), RequestSecuring::kUnsigned), OAuthFailsWith(errors::kInvalidRequest));
  Json scope_only = RedirectUriRequest();
  scope_only.erase("dcql_query");
  scope_only["scope"] = "com.example.pid";
  EXPECT_THAT(ParseAuthorizationRequest(scope_only, RequestSecuring::kUnsigned), OAuthFailsWith(errors::kInvalidScope));
}

TEST(AuthorizationRequest, RedirectUriPrefixMayOmitResponseUri) {
  Json r = RedirectUriRequest();
  r.erase("response_uri");
  auto request = ParseAuthorizationRequest(r, RequestSecuring::kUnsigned);
  ASSERT_THAT(request, IsOk());
  EXPECT_EQ(request->response_uri, kResponseUri);
  r["client_id"] = "example-client";
  auto missing = ParseAuthorizationRequest(r, RequestSecuring::kUnsigned);
  ASSERT_THAT(missing, OAuthFailsWith(errors::kInvalidRequest)) << "only the redirect_uri prefix implies the response_uri";
  EXPECT_EQ(missing.error().description, "response_uri is required");
}

TEST(AuthorizationRequest, RedirectUriRequestsCannotBeSigned) {
  auto result = ParseAuthorizationRequest(RedirectUriRequest(), RequestSecuring::kSignedRequestObject);
  ASSERT_THAT(result, OAuthFailsWith(errors::kInvalidRequest));
  EXPECT_THAT(result.error().description, HasSubstr("redirect_uri client_id cannot be signed"));
}

TEST(ClientIdPrefix, KindsAndValues) {
  auto redirect = ParseClientIdPrefix("redirect_uri:https://v.example/cb").value();
  EXPECT_EQ(redirect.kind, ClientIdPrefixKind::kRedirectUri);
  EXPECT_EQ(redirect.value, "https://v.example/cb");
  auto did = ParseClientIdPrefix("decentralized_identifier:did:web:v.example").value();
  EXPECT_EQ(did.kind, ClientIdPrefixKind::kDecentralizedIdentifier);
  EXPECT_EQ(did.value, "did:web:v.example");
  auto x509 = ParseClientIdPrefix("x509_san_dns:v.example").value();
  EXPECT_EQ(x509.kind, ClientIdPrefixKind::kOther);
  EXPECT_EQ(x509.prefix, "x509_san_dns");
  auto plain = ParseClientIdPrefix("example-client").value();
  EXPECT_EQ(plain.kind, ClientIdPrefixKind::kOther);
  EXPECT_EQ(plain.prefix, "");
  EXPECT_EQ(plain.value, "example-client");
  EXPECT_THAT(ParseClientIdPrefix(""), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ParseClientIdPrefix(std::string(5000, 'c')), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(ParseClientIdPrefix("redirect_uri:http://127.0.0.1:8080/cb"), IsOk()) << "loopback http is allowed";
  EXPECT_THAT(ParseClientIdPrefix("decentralized_identifier:did:jwk:abc#0"), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(ClientIdPrefix, RedirectUriMustBeHttpsOrLoopback) {
  for (const char* ok : {"https://v.example/cb", "https://v.example:8443/cb?x=1", "http://127.0.0.1/cb",
                         "http://localhost:8080/cb", "http://[::1]:8443/cb"}) {
    EXPECT_THAT(ParseClientIdPrefix(std::string("redirect_uri:") + ok), IsOk()) << ok;
  }
  for (const char* bad : {"http://v.example/cb", "http://localhost.evil.example/cb", "https://user@v.example/cb",
                          "https:///cb", "https://v.example/c b", "https://v.example/cb#f", "javascript:alert(1)",
                          "HTTPS://v.example"}) {
    EXPECT_THAT(ParseClientIdPrefix(std::string("redirect_uri:") + bad), FailsWith(ErrorCode::kInvalidArgument)) << bad;
  }
}

// ---- Signed Request Objects ----

struct Verifier {
  jose::PrivateJwk key = jose::PrivateJwk::Generate(jose::Algorithm::kEs256).value();
  std::string did = did::CreateDidJwk(key.public_jwk());
  std::string kid = did + "#0";

  AuthorizationRequest Request() const {
    Json r = RedirectUriRequest();
    r["client_id"] = "decentralized_identifier:" + did;
    return ParseAuthorizationRequest(r, RequestSecuring::kSignedRequestObject).value();
  }
  RequestKeyResolver Resolver() const {
    return [](std::string_view kid) -> Result<jose::PublicJwk> {
      const std::string did(kid.substr(0, kid.find('#')));
      VAARDIG_ASSIGN_OR_RETURN(auto document, did::ResolveDidJwk(did));
      VAARDIG_ASSIGN_OR_RETURN(auto method, document.GetVerificationMethod(kid, did::Relationship::kAuthentication));
      return method.key;
    };
  }
};

TEST(RequestObject, SignVerifyRoundTrip) {
  const Verifier verifier;
  const AuthorizationRequest request = verifier.Request();
  auto jwt = SignRequestObject(request, verifier.key, verifier.kid);
  ASSERT_THAT(jwt, IsOk());
  auto parsed = jose::ParseCompactJws(*jwt).value();
  EXPECT_EQ(*parsed.typ, kRequestObjectTyp);
  EXPECT_EQ(*parsed.kid, verifier.kid);
  const Json claims = jose::ParseJwtClaims(encoding::Base64UrlDecode(parsed.payload_b64).value()).value();
  EXPECT_FALSE(claims.contains("iss"));  // the client_id claim names the Verifier
  EXPECT_EQ(claims["client_id"], request.client_id);
  EXPECT_EQ(claims["aud"], kSelfIssuedAudience);

  RequestObjectExpectations expect;
  expect.client_id = request.client_id;
  auto verified = VerifyRequestObject(*jwt, verifier.Resolver(), expect);
  ASSERT_THAT(verified, IsOk());
  EXPECT_EQ(verified->ToJson(), request.ToJson());
}

TEST(RequestObject, EdDsaVerifierWorksToo) {
  Verifier verifier;
  verifier.key = jose::PrivateJwk::Generate(jose::Algorithm::kEdDsa).value();
  verifier.did = did::CreateDidJwk(verifier.key.public_jwk());
  verifier.kid = verifier.did + "#0";
  auto jwt = SignRequestObject(verifier.Request(), verifier.key, verifier.kid).value();
  EXPECT_THAT(VerifyRequestObject(jwt, verifier.Resolver()), IsOk());
}

std::string FlipPayloadChar(const std::string& jwt) {
  std::string out = jwt;
  const std::size_t pos = out.find('.') + 10;
  out[pos] = out[pos] == 'A' ? 'B' : 'A';
  return out;
}

TEST(RequestObject, TamperingAndWrongKeysAreRejected) {
  const Verifier verifier;
  const std::string jwt = SignRequestObject(verifier.Request(), verifier.key, verifier.kid).value();
  EXPECT_THAT(VerifyRequestObject(FlipPayloadChar(jwt), verifier.Resolver()),
              ::testing::AnyOf(FailsWith(ErrorCode::kUnauthenticated), FailsWith(ErrorCode::kInvalidArgument)));
  std::string bad_signature = jwt;
  bad_signature[bad_signature.size() - 5] = bad_signature[bad_signature.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_THAT(VerifyRequestObject(bad_signature, verifier.Resolver()), FailsWith(ErrorCode::kUnauthenticated));

  // Signed by another key that the resolver hands out for the same kid.
  const Verifier other;
  RequestKeyResolver wrong_key = [&](std::string_view) -> Result<jose::PublicJwk> { return other.key.public_jwk(); };
  EXPECT_THAT(VerifyRequestObject(jwt, wrong_key), FailsWith(ErrorCode::kUnauthenticated));

  // The resolver's failure passes through (could not check).
  RequestKeyResolver down = [](std::string_view) -> Result<jose::PublicJwk> {
    return Fail(ErrorCode::kUnavailable, "did:web host unreachable");
  };
  EXPECT_THAT(VerifyRequestObject(jwt, down), FailsWith(ErrorCode::kUnavailable));
}

TEST(RequestObject, KidMustBelongToTheClientIdDid) {
  const Verifier verifier;
  const Verifier other;
  auto jwt = SignRequestObject(verifier.Request(), other.key, other.kid).value();
  auto result = VerifyRequestObject(jwt, verifier.Resolver());
  ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(result.error().message(), HasSubstr("kid must be a verification method of the client_id's DID"));
  auto no_fragment = SignRequestObject(verifier.Request(), verifier.key, verifier.did).value();
  EXPECT_THAT(VerifyRequestObject(no_fragment, verifier.Resolver()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(RequestObject, HeaderAndPrefixRules) {
  const Verifier verifier;
  Json claims = verifier.Request().ToJson();
  Json header = Json::object();
  header["typ"] = "JWT";
  header["kid"] = verifier.kid;
  auto wrong_typ = VerifyRequestObject(jose::SignJwt(verifier.key, header, claims).value(), verifier.Resolver());
  ASSERT_THAT(wrong_typ, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(wrong_typ.error().message(), HasSubstr("typ must be oauth-authz-req+jwt"));

  header["typ"] = kRequestObjectTyp;
  header.erase("kid");
  EXPECT_THAT(VerifyRequestObject(jose::SignJwt(verifier.key, header, claims).value(), verifier.Resolver()),
              FailsWith(ErrorCode::kInvalidArgument));

  header["kid"] = verifier.kid;
  claims["client_id"] = std::string("redirect_uri:") + kResponseUri;
  auto redirect = VerifyRequestObject(jose::SignJwt(verifier.key, header, claims).value(), verifier.Resolver());
  ASSERT_THAT(redirect, FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(redirect.error().message(), HasSubstr("redirect_uri client_id cannot sign requests"));

  claims["client_id"] = "x509_san_dns:verifier.example";
  EXPECT_THAT(VerifyRequestObject(jose::SignJwt(verifier.key, header, claims).value(), verifier.Resolver()),
              FailsWith(ErrorCode::kUnimplemented));

  EXPECT_THAT(VerifyRequestObject(std::string(kMaxRequestObjectBytes + 1, 'a'), verifier.Resolver()),
              FailsWith(ErrorCode::kResourceExhausted));
  EXPECT_THAT(VerifyRequestObject("not.a.jwt!", verifier.Resolver()), FailsWith(ErrorCode::kInvalidArgument));
}

TEST(RequestObject, ExpectationsAreEnforcedAfterTheSignature) {
  const Verifier verifier;
  AuthorizationRequest request = verifier.Request();
  request.wallet_nonce = "qPmxiNFCR3QTm19POc8u";
  const std::string jwt = SignRequestObject(request, verifier.key, verifier.kid).value();
  RequestObjectExpectations expect;
  expect.client_id = "decentralized_identifier:did:web:someone.else";
  EXPECT_THAT(VerifyRequestObject(jwt, verifier.Resolver(), expect), FailsWith(ErrorCode::kPermissionDenied));
  expect.client_id = request.client_id;
  expect.wallet_nonce = "another-nonce";
  EXPECT_THAT(VerifyRequestObject(jwt, verifier.Resolver(), expect), FailsWith(ErrorCode::kPermissionDenied));
  expect.wallet_nonce = "qPmxiNFCR3QTm19POc8u";
  EXPECT_THAT(VerifyRequestObject(jwt, verifier.Resolver(), expect), IsOk());
}

TEST(RequestObject, SigningRefusesAnInvalidRequest) {
  const Verifier verifier;
  AuthorizationRequest request = verifier.Request();
  request.nonce = "short";
  EXPECT_THAT(SignRequestObject(request, verifier.key, verifier.kid), FailsWith(ErrorCode::kInvalidArgument));
  EXPECT_THAT(SignRequestObject(verifier.Request(), verifier.key, ""), FailsWith(ErrorCode::kInvalidArgument));
}

// ---- Links ----

TEST(RequestLink, MakeAndParseByReference) {
  const std::string client_id = "decentralized_identifier:did:web:verifier.example";
  const std::string link = MakeRequestLink(client_id, "https://verifier.example/oid4vp/request/abc123");
  EXPECT_EQ(link,
            "openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3Averifier.example"
            "&request_uri=https%3A%2F%2Fverifier.example%2Foid4vp%2Frequest%2Fabc123&request_uri_method=get");
  auto parsed = ParseRequestLink(link);
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->client_id, client_id);
  EXPECT_EQ(*parsed->request_uri, "https://verifier.example/oid4vp/request/abc123");
  EXPECT_EQ(*parsed->request_uri_method, "get");
  EXPECT_TRUE(parsed->parameters.empty());

  const std::string universal = MakeRequestLink(client_id, "https://v.example/r", "https://wallet.example/authorize");
  EXPECT_THAT(universal, ::testing::StartsWith("https://wallet.example/authorize?client_id="));
  EXPECT_THAT(ParseRequestLink(universal), IsOk());
}

TEST(RequestLink, ByValueKeepsTheParameters) {
  auto parsed = ParseRequestLink(
      "openid4vp://authorize?response_type=vp_token&client_id=redirect_uri%3Ahttps%3A%2F%2Fv.example%2Fcb&nonce=abc");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_FALSE(parsed->request_uri);
  ASSERT_EQ(parsed->parameters.size(), 3u);
  EXPECT_EQ(parsed->parameters[1].second, "redirect_uri:https://v.example/cb");
}

TEST(RequestLink, MalformedLinksAreRejected) {
  const std::vector<std::pair<std::string, const char*>> cases = {
      {"openid-credential-offer://?client_id=a&request_uri=https%3A%2F%2Fv.example", "scheme must be openid4vp://"},
      {"openid4vp://", "has no query"},
      {"openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr", "client_id is required"},
      {"openid4vp://?client_id=a&request_uri=http%3A%2F%2Fv.example%2Fr", "request_uri must be an https URL"},
      {"openid4vp://?client_id=a&request_uri=https%3A%2F%2Fv.example%2Fr&request_uri_method=put",
       "request_uri_method must be get or post"},
      {"openid4vp://?client_id=a&request_uri_method=get", "request_uri_method requires request_uri"},
      {"openid4vp://?client_id=a&request_uri=https%3A%2F%2Fv.example&request=eyJ", "must not both be present"},
      {"openid4vp://?client_id=a&client_id=b&request_uri=https%3A%2F%2Fv.example", "parameter 'client_id' appears twice"},
      {"openid4vp://?client_id=%ZZ&request_uri=https%3A%2F%2Fv.example", "bad percent-encoding"},
      {"openid4vp://?client_id=a%2&request_uri=https%3A%2F%2Fv.example", "bad percent-encoding"},
  };
  for (const auto& [link, message] : cases) {
    SCOPED_TRACE(link);
    auto result = ParseRequestLink(link);
    ASSERT_THAT(result, FailsWith(ErrorCode::kInvalidArgument));
    EXPECT_THAT(result.error().message(), HasSubstr(message));
  }
  EXPECT_THAT(ParseRequestLink("openid4vp://?client_id=" + std::string(9000, 'a')),
              FailsWith(ErrorCode::kResourceExhausted));
}

}  // namespace
}  // namespace vaardig::oid4vc
