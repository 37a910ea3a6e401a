#include "core/did/did_key.h"

#include <string>

#include "core/did/did_url.h"
#include "core/did/multikey.h"

namespace vaardig::did {

Result<std::string> CreateDidKey(const jose::PublicJwk& key) {
  VAARDIG_ASSIGN_OR_RETURN(const std::string multikey, EncodeMultikey(key));
  return "did:key:" + multikey;
}

Result<DidDocument> ResolveDidKey(std::string_view did) {
  VAARDIG_ASSIGN_OR_RETURN(const ParsedDid parsed, ParseDid(did));
  if (parsed.method != "key") {
    return Fail(ErrorCode::kInvalidArgument, "not a did:key DID (method '" + parsed.method + "')");
  }
  const std::string& multibase = parsed.method_specific_id;
  if (multibase.find(':') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "did:key with an explicit version is not supported (expected did:key:z...)");
  }
  auto key = DecodeMultikey(multibase);
  if (!key) return Fail(key.error().WithContext("did:key"));

  DidDocument doc{.id = parsed.did};
  const std::string method_id = parsed.did + "#" + multibase;
  doc.verification_methods.push_back(VerificationMethod{.id = method_id,
                                                        .type = std::string(kTypeMultikey),
                                                        .controller = parsed.did,
                                                        .key = std::move(*key)});
  for (Relationship relationship : kAllRelationships) {
    if (relationship != Relationship::kKeyAgreement) {
      doc.MutableEntries(relationship).push_back(method_id);
    }
  }
  return doc;
}

}  // namespace vaardig::did
