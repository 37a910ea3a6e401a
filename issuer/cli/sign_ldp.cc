#include "issuer/cli/sign_ldp.h"

#include <variant>

#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/vcjose/document.h"

namespace vaardig::issuer::cli {
namespace {

Result<const crypto::Ed25519PrivateKey*> Ed25519Of(const jose::PrivateJwk& key) {
  const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&key.key());
  if (ed == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "ldp_vc is signed with Ed25519 (eddsa-rdfc-2022, eddsa-jcs-2022): use a key from "
                "`keys generate --alg EdDSA`, not " + std::string(jose::AlgorithmName(key.algorithm())));
  }
  return ed;
}

}  // namespace

Result<std::string> DidKeyVerificationMethod(const jose::PrivateJwk& key) {
  VAARDIG_ASSIGN_OR_RETURN(const crypto::Ed25519PrivateKey* ed, Ed25519Of(key));
  const std::string multikey = dataintegrity::EncodeEd25519Multikey(ed->public_key());
  return "did:key:" + multikey + "#" + multikey;
}

Result<Json> SignLdpVc(const jose::PrivateJwk& key, const LdpSignRequest& request) {
  VAARDIG_ASSIGN_OR_RETURN(const crypto::Ed25519PrivateKey* ed, Ed25519Of(key));
  if (!request.credential.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the credential must be a JSON object");
  }
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
  VAARDIG_RETURN_IF_ERROR(vcjose::CheckCredentialShape(credential));
  if (const std::string issuer = vcjose::IssuerId(credential); issuer != did) {
    return Fail(ErrorCode::kInvalidArgument, "issuer " + issuer + " does not control the verification method " +
                                                 method + " (the issuer must be " + did + ")");
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
