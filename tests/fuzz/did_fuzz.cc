// libFuzzer target: DID syntax, the did:web ↔ URL mapping, DID documents, and did:jwk / did:key
// resolution (no network: the resolver has no fetcher) must never crash or throw on arbitrary
// input, and what they accept must be self-consistent:
//  - a did:web that parses maps to a URL that maps back to the same (normalised) DID;
//  - a resolved or parsed document written with ToJson parses again to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/did/did_url.h"
#include "core/did/did_web.h"
#include "core/did/document.h"
#include "core/did/resolver.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"

namespace {

using vaardig::did::DidDocument;

// ToJson of an accepted document must be accepted again and be a fixed point.
void CheckDocumentRoundTrip(const DidDocument& doc) {
  const vaardig::Json json = doc.ToJson();
  auto again = DidDocument::Parse(json, doc.id);
  if (!again || again->ToJson() != json) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static vaardig::did::DidResolver resolver(nullptr);

  // DID strings.
  if (auto url = vaardig::did::ParseDidUrl(text)) {
    if (!vaardig::did::ParseDid(url->did.did)) std::abort();
  }
  if (auto web = vaardig::did::ParseDidWeb(text)) {
    auto back = vaardig::did::UrlToDidWeb(web->url);
    if (!back || *back != web->did) std::abort();
  }
  (void)vaardig::did::UrlToDidWeb(text);

  // did:jwk and did:key from the input as a DID, and the input as a did:jwk JWK.
  if (auto doc = resolver.Resolve(text)) CheckDocumentRoundTrip(*doc);
  (void)resolver.ResolveVerificationMethod(text, vaardig::did::Relationship::kAssertionMethod);
  if (size <= vaardig::did::kMaxDidUrlLength / 2) {
    const std::string did_jwk = "did:jwk:" + vaardig::encoding::Base64UrlEncode(text);
    if (auto doc = resolver.Resolve(did_jwk)) CheckDocumentRoundTrip(*doc);
  }

  // The input as a DID document, expected to be the document of its own "id".
  if (auto json = vaardig::ParseJson(text)) {
    std::string expected = "did:example:fuzz";
    if (json->is_object() && json->contains("id") && json->at("id").is_string()) {
      expected = json->at("id").get<std::string>();
    }
    if (auto doc = DidDocument::Parse(*json, expected)) CheckDocumentRoundTrip(*doc);
  }
  return 0;
}
