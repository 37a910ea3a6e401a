#include "issuer/cli/sign_ldp.h"

#include <algorithm>
#include <variant>

#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/proof.h"
#include "core/dataintegrity/verification_key.h"

namespace vaardig::issuer::cli {
namespace {

constexpr std::string_view kVc2Context = "https://www.w3.org/ns/credentials/v2";

Result<const crypto::Ed25519PrivateKey*> Ed25519Of(const jose::PrivateJwk& key) {
  const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&key.key());
  if (ed == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "ldp_vc is signed with Ed25519 (eddsa-rdfc-2022, eddsa-jcs-2022): use a key from "
                "`keys generate --alg EdDSA`, not " + std::string(jose::AlgorithmName(key.algorithm())));
  }
  return ed;
}

bool HasType(const Json& object, std::string_view type) {
  const Json* t = object.contains("type") ? &object["type"] : nullptr;
  if (t == nullptr) return false;
  if (t->is_string()) return *t == type;
  return t->is_array() && std::ranges::any_of(*t, [&](const Json& v) { return v.is_string() && v == type; });
}

Status CheckCredentialShape(const Json& credential) {
  if (!credential.is_object()) return Fail(ErrorCode::kInvalidArgument, "the credential must be a JSON object");
  const Json* context = credential.contains("@context") ? &credential["@context"] : nullptr;
  if (context == nullptr || !context->is_array() || context->empty() || (*context)[0] != kVc2Context) {
    return Fail(ErrorCode::kInvalidArgument,
                "@context must be an array starting with " + std::string(kVc2Context) + " (VCDM 2.0)");
  }
  if (!HasType(credential, "VerifiableCredential")) {
    return Fail(ErrorCode::kInvalidArgument, "type must include VerifiableCredential");
  }
  if (!credential.contains("credentialSubject")) {
    return Fail(ErrorCode::kInvalidArgument, "credentialSubject is required");
  }
  return Ok();
}

}  // namespace

Result<std::string> DidKeyVerificationMethod(const jose::PrivateJwk& key) {
  VAARDIG_ASSIGN_OR_RETURN(const crypto::Ed25519PrivateKey* ed, Ed25519Of(key));
  const std::string multikey = dataintegrity::EncodeEd25519Multikey(ed->public_key());
  return "did:key:" + multikey + "#" + multikey;
}

Result<Json> SignLdpVc(const jose::PrivateJwk& key, const LdpSignRequest& request) {
  VAARDIG_ASSIGN_OR_RETURN(const crypto::Ed25519PrivateKey* ed, Ed25519Of(key));
  VAARDIG_RETURN_IF_ERROR(CheckCredentialShape(request.credential));
  std::string method;
  if (request.verification_method) {
    method = *request.verification_method;
  } else {
    VAARDIG_ASSIGN_OR_RETURN(method, DidKeyVerificationMethod(key));
  }
  const auto hash = method.find('#');
  if (!method.starts_with("did:") || hash == std::string::npos || hash + 1 == method.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                "--verification-method must be a DID URL with a fragment, e.g. did:web:example.org#key-1");
  }
  const std::string did = method.substr(0, hash);

  Json credential = request.credential;
  if (!credential.contains("issuer")) credential["issuer"] = did;
  const Json& issuer = credential["issuer"];
  const Json* issuer_id = issuer.is_string() ? &issuer
                          : issuer.is_object() && issuer.contains("id") ? &issuer["id"]
                                                                        : nullptr;
  if (issuer_id == nullptr || !issuer_id->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "issuer must be a URL or an object with an id");
  }
  if (*issuer_id != did) {
    return Fail(ErrorCode::kInvalidArgument,
                "issuer " + issuer_id->get<std::string>() + " does not control the verification method " + method +
                    " (the issuer must be " + did + ")");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::string now, dataintegrity::FormatDateTimeStamp(request.now));
  if (!credential.contains("validFrom")) credential["validFrom"] = now;

  dataintegrity::ProofOptions options;
  options.cryptosuite = request.cryptosuite;
  options.verification_method = method;
  options.proof_purpose = "assertionMethod";
  options.created = now;
  return dataintegrity::AddProof(credential, options, *ed);
}

}  // namespace vaardig::issuer::cli
