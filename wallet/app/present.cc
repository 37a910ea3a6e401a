#include "wallet/app/present.h"

#include <algorithm>
#include <set>

#include <optional>
#include <variant>

#include "core/dataintegrity/add_proof.h"
#include "core/dataintegrity/date_time.h"
#include "core/dataintegrity/proof.h"
#include "core/dataintegrity/verification_key.h"
#include "core/did/did_jwk.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "core/sdjwt/claim_path.h"
#include "core/sdjwt/holder.h"
#include "core/sdjwt/sd_jwt.h"

namespace vaardig::wallet {

Result<std::string> PresentSdJwtVc(std::string_view credential, const jose::PrivateJwk& holder_key,
                                   const PresentRequest& request) {
  std::vector<sdjwt::ClaimPath> paths;
  for (const std::string& text : request.disclose) {
    auto path = sdjwt::ParseClaimPath(text);
    if (!path) return Fail(path.error().WithContext("--disclose " + text));
    paths.push_back(std::move(*path));
  }
  return PresentSdJwtVcPaths(credential, holder_key, paths, request);
}

Result<std::string> PresentSdJwtVcPaths(std::string_view credential, const jose::PrivateJwk& holder_key,
                                        const std::vector<sdjwt::ClaimPath>& paths, const PresentRequest& request) {
  if (request.aud.empty() || request.nonce.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a presentation needs --aud and --nonce from the verifier");
  }
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::SdJwtParts parts, sdjwt::ParseSdJwt(credential));
  if (parts.kb_jwt) return Fail(ErrorCode::kInvalidArgument, "this is already a presentation (it has a KB-JWT)");

  // The holder key must be the one the issuer bound the credential to.
  VAARDIG_ASSIGN_OR_RETURN(const jose::ParsedJws issuer_jwt, jose::ParseCompactJws(parts.issuer_jwt()));
  auto payload_text = encoding::Base64UrlDecodeToString(issuer_jwt.payload_b64);
  if (!payload_text) return Fail(payload_text.error().WithContext("credential payload"));
  VAARDIG_ASSIGN_OR_RETURN(const Json payload, ParseJson(*payload_text));
  if (!payload.is_object() || !payload.contains("cnf") || !payload["cnf"].is_object() ||
      !payload["cnf"].contains("jwk")) {
    return Fail(ErrorCode::kFailedPrecondition, "the credential is not bound to a holder key (no cnf.jwk)");
  }
  VAARDIG_ASSIGN_OR_RETURN(const jose::PublicJwk bound, jose::PublicJwk::Parse(payload["cnf"]["jwk"]));
  if (!(bound == holder_key.public_jwk())) {
    return Fail(ErrorCode::kFailedPrecondition, "the holder key is not the key this credential is bound to");
  }

  VAARDIG_ASSIGN_OR_RETURN(const Json frame, sdjwt::FrameFromPaths(paths));
  VAARDIG_ASSIGN_OR_RETURN(sdjwt::SdJwtParts presentation, sdjwt::SelectDisclosures(parts, frame));
  VAARDIG_RETURN_IF_ERROR(sdjwt::AddKeyBinding(
      presentation, {.holder_key = &holder_key, .aud = request.aud, .nonce = request.nonce, .iat = request.now}));
  if (presentation.json_serialization) return sdjwt::SerializeJson(presentation);
  return presentation.SerializeCompact();
}


Result<Json> PresentLdpVp(const std::vector<Json>& credentials, const jose::PrivateJwk& holder_key,
                          const LdpPresentRequest& request) {
  const auto* ed = std::get_if<crypto::Ed25519PrivateKey>(&holder_key.key());
  if (ed == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "an ldp_vp is signed with Ed25519 (eddsa-rdfc-2022): the holder key is " +
                                                 std::string(jose::AlgorithmName(holder_key.algorithm())));
  }
  if (credentials.empty()) return Fail(ErrorCode::kInvalidArgument, "a presentation needs at least one credential");
  if (request.challenge.empty() || request.domain.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a presentation is bound to the verifier's nonce and audience (--nonce, --aud)");
  }
  const std::string multikey = dataintegrity::EncodeEd25519Multikey(ed->public_key());
  const std::string did_key = "did:key:" + multikey;
  const std::string did_jwk = did::CreateDidJwk(holder_key.public_jwk());
  std::optional<std::string> holder;
  for (std::size_t i = 0; i < credentials.size(); ++i) {
    const Json& credential = credentials[i];
    if (!credential.is_object() || !credential.contains("proof")) {
      return Fail(ErrorCode::kInvalidArgument, "credential " + std::to_string(i) +
                                                   " is not a W3C credential with a Data Integrity proof (ldp_vc)");
    }
    const Json& subject = credential.value("credentialSubject", Json());
    for (const Json& s : subject.is_array() ? subject : Json::array({subject})) {
      if (!s.is_object() || !s.contains("id") || !s["id"].is_string()) continue;
      const std::string id = s["id"].get<std::string>();
      if (id != did_key && id != did_jwk) {
        return Fail(ErrorCode::kFailedPrecondition, "credential " + std::to_string(i) + " is about " + id +
                                                        ", not the holder of this key (" + did_jwk + ")");
      }
      if (holder && *holder != id) {
        return Fail(ErrorCode::kFailedPrecondition, "the credentials name the holder by two DIDs: " + *holder + " and " + id);
      }
      holder = id;
    }
  }
  const std::string holder_did = holder.value_or(did_key);
  const std::string method = holder_did == did_key ? did_key + "#" + multikey : did_jwk + "#0";

  Json presentation = Json::object();
  presentation["@context"] = Json::array({"https://www.w3.org/ns/credentials/v2"});
  presentation["type"] = Json::array({"VerifiablePresentation"});
  presentation["holder"] = holder_did;
  presentation["verifiableCredential"] = credentials;
  dataintegrity::ProofOptions options;
  options.cryptosuite = dataintegrity::Cryptosuite::kEddsaRdfc2022;
  options.verification_method = method;
  options.proof_purpose = "authentication";
  VAARDIG_ASSIGN_OR_RETURN(std::string created, dataintegrity::FormatDateTimeStamp(request.now));
  options.created = created;
  options.challenge = request.challenge;
  options.domain = request.domain;
  return dataintegrity::AddProof(presentation, options, *ed);
}


namespace {

bool IsLanguageMap(const Json& value) {
  if (!value.is_object() || value.empty()) return false;
  return std::ranges::all_of(value.items(), [](const auto& item) { return item.key().size() == 2 && item.value().is_string(); });
}

void Leaves(const Json& value, const std::string& prefix, std::vector<std::string>& out) {
  if (value.is_object() && !IsLanguageMap(value)) {
    for (const auto& item : value.items()) Leaves(item.value(), prefix.empty() ? item.key() : prefix + "." + item.key(), out);
    return;
  }
  out.push_back(prefix);
}

}  // namespace

std::vector<std::string> ShownClaimPaths(const Json& claims) {
  static const std::set<std::string, std::less<>> kAlwaysThere = {"iss", "vct", "vct#integrity", "iat", "exp", "nbf", "cnf", "status", "sub"};
  std::vector<std::string> out;
  if (!claims.is_object()) return out;
  for (const auto& item : claims.items()) {
    if (!kAlwaysThere.contains(item.key())) Leaves(item.value(), item.key(), out);
  }
  // A stable order for people to read (disclosure order depends on digests): skills first, in the
  // credential's order, the person's name last; anything else alphabetically in between.
  static const std::vector<std::string_view> kOrder = {
      "skill.id", "skill.name", "skill.level", "skill.level_label", "skill.area", "skill.esco", "skill.competentnl",
      "self_declared", "confirmation.status", "confirmation.by.role", "confirmation.by.name", "confirmation.at",
      "confirmation.method", "confirmation.endorsement", "self_assessment.level", "evidence", "employer.name", "employer.id"};
  const auto rank = [](const std::string& p) -> std::size_t {
    if (p.starts_with("holder")) return kOrder.size() + 1;
    const auto it = std::ranges::find(kOrder, p);
    return it == kOrder.end() ? kOrder.size() : static_cast<std::size_t>(it - kOrder.begin());
  };
  std::ranges::sort(out, [&](const std::string& a, const std::string& b) {
    const std::size_t ra = rank(a), rb = rank(b);
    return ra != rb ? ra < rb : a < b;
  });
  return out;
}

}  // namespace vaardig::wallet
