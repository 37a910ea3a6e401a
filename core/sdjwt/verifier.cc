#include "core/sdjwt/verifier.h"

#include <set>
#include <unordered_map>

#include "core/crypto/hash.h"
#include "core/sdjwt/internal/jws_bridge.h"

namespace vaardig::sdjwt {
namespace {

constexpr int kMaxDepth = 64;

// Rebuilds the claims from the payload and the disclosures (RFC 9901 §7.1 step 3). The payload's
// values are moved into the result (the payload is consumed); disclosure values are copied, since
// the disclosures are returned as well.
class Processor {
 public:
  explicit Processor(std::unordered_map<std::string, Disclosure>& by_digest)
      : by_digest_(by_digest) {}

  Result<Json> Process(Json& node, ClaimPath& path, int depth) {
    if (depth > kMaxDepth) return Fail(ErrorCode::kResourceExhausted, "claims nested too deeply");
    if (node.is_object()) return ProcessObject(node, path, depth);
    if (node.is_array()) return ProcessArray(node, path, depth);
    return std::move(node);
  }

  std::vector<DisclosedClaim>& disclosed() { return disclosed_; }
  std::size_t used() const { return used_; }

 private:
  Status SeeDigest(const std::string& digest) {
    if (!seen_digests_.insert(digest).second) {
      return Fail(ErrorCode::kInvalidArgument, "the digest " + digest + " appears more than once");
    }
    return Ok();
  }

  Result<Json> ProcessObject(Json& node, ClaimPath& path, int depth) {
    Json out = Json::object();
    // Plain members first, so that a disclosed name colliding with one is caught (§7.1 3.2.2.3).
    for (auto& [name, member] : node.items()) {
      if (name == kSdKey || (depth == 0 && name == kSdAlgKey)) continue;
      path.emplace_back(name);
      VAARDIG_ASSIGN_OR_RETURN(Json value, Process(member, path, depth + 1));
      path.pop_back();
      out[name] = std::move(value);
    }
    auto sd = node.find(kSdKey);
    if (sd == node.end()) return out;
    if (!sd->is_array()) return Fail(ErrorCode::kInvalidArgument, "'_sd' must be an array of digests");
    for (const auto& digest_value : *sd) {
      if (!digest_value.is_string()) {
        return Fail(ErrorCode::kInvalidArgument, "'_sd' must contain only strings");
      }
      const auto& digest = digest_value.get_ref<const std::string&>();
      VAARDIG_RETURN_IF_ERROR(SeeDigest(digest));
      auto it = by_digest_.find(digest);
      if (it == by_digest_.end()) continue;  // a decoy or an undisclosed claim
      Disclosure& d = it->second;
      if (!d.name) {
        return Fail(ErrorCode::kInvalidArgument,
                    "an array-element disclosure is referenced from an object's '_sd'");
      }
      if (out.contains(*d.name)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "disclosed claim '" + *d.name + "' already exists in its object");
      }
      path.emplace_back(*d.name);
      Json disclosed_value = d.value;
      VAARDIG_ASSIGN_OR_RETURN(Json value, Process(disclosed_value, path, depth + 1));
      out[*d.name] = std::move(value);
      disclosed_.push_back({path, std::move(d)});  // d is erased from the map just below
      path.pop_back();
      ++used_;
      by_digest_.erase(it);  // a second reference would now be unknown; SeeDigest already blocks it
    }
    return out;
  }

  Result<Json> ProcessArray(Json& node, ClaimPath& path, int depth) {
    Json out = Json::array();
    for (auto& element : node) {
      if (element.is_object() && element.size() == 1 && element.contains(kArrayDigestKey)) {
        const Json& digest_value = element[std::string(kArrayDigestKey)];
        if (!digest_value.is_string()) {
          return Fail(ErrorCode::kInvalidArgument, "an array element digest must be a string");
        }
        const auto& digest = digest_value.get_ref<const std::string&>();
        VAARDIG_RETURN_IF_ERROR(SeeDigest(digest));
        auto it = by_digest_.find(digest);
        if (it == by_digest_.end()) continue;  // a decoy or an undisclosed element: removed
        Disclosure& d = it->second;
        if (d.name) {
          return Fail(ErrorCode::kInvalidArgument,
                      "an object-property disclosure is referenced as an array element");
        }
        path.emplace_back(out.size());
        Json disclosed_value = d.value;
        VAARDIG_ASSIGN_OR_RETURN(Json value, Process(disclosed_value, path, depth + 1));
        disclosed_.push_back({path, std::move(d)});  // d is erased from the map just below
        path.pop_back();
        out.push_back(std::move(value));
        ++used_;
        by_digest_.erase(it);
        continue;
      }
      path.emplace_back(out.size());
      VAARDIG_ASSIGN_OR_RETURN(Json value, Process(element, path, depth + 1));
      path.pop_back();
      out.push_back(std::move(value));
    }
    return out;
  }

  std::unordered_map<std::string, Disclosure>& by_digest_;
  std::set<std::string> seen_digests_;
  std::vector<DisclosedClaim> disclosed_;
  std::size_t used_ = 0;
};

Result<std::int64_t> NumericDate(const Json& claims, std::string_view name) {
  const Json& v = claims[std::string(name)];
  if (!v.is_number()) {
    return Fail(ErrorCode::kInvalidArgument, "'" + std::string(name) + "' must be a NumericDate");
  }
  return static_cast<std::int64_t>(v.get<double>());
}

Status CheckTimes(const Json& claims, const SdJwtVerifyPolicy& policy) {
  const std::int64_t now = policy.clock->NowSeconds();
  if (claims.contains("exp")) {
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t exp, NumericDate(claims, "exp"));
    if (now - policy.skew_seconds >= exp) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the credential expired " + std::to_string(now - exp) + " s ago");
    }
  } else if (policy.require_exp) {
    return Fail(ErrorCode::kInvalidArgument, "the credential has no 'exp'");
  }
  if (claims.contains("nbf")) {
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t nbf, NumericDate(claims, "nbf"));
    if (nbf > now + policy.skew_seconds) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the credential is not valid for another " + std::to_string(nbf - now) + " s");
    }
  }
  if (claims.contains("iat")) {
    VAARDIG_ASSIGN_OR_RETURN(std::int64_t iat, NumericDate(claims, "iat"));
    if (iat > now + policy.skew_seconds) {
      return Fail(ErrorCode::kFailedPrecondition, "the credential's 'iat' is in the future");
    }
  }
  return Ok();
}

Result<Json> VerifyKeyBinding(const SdJwtParts& parts, const Json& claims,
                              const SdJwtVerifyPolicy& policy) {
  const KeyBindingPolicy& kb = policy.key_binding;
  auto cnf = claims.find("cnf");
  if (cnf == claims.end() || !cnf->is_object() || !cnf->contains("jwk")) {
    return Fail(ErrorCode::kInvalidArgument,
                "the credential has no holder key ('cnf.jwk') to check key binding with");
  }
  auto holder_key = jose::PublicJwk::Parse((*cnf)["jwk"]);
  if (!holder_key) return Fail(holder_key.error().WithContext("cnf.jwk"));
  auto verified = internal::VerifyJwt(*parts.kb_jwt, *holder_key, {"kb+jwt"}, policy.limits.json);
  if (!verified) return Fail(verified.error().WithContext("Key Binding JWT"));
  const Json& payload = verified->payload;
  if (!payload.is_object()) return Fail(ErrorCode::kInvalidArgument, "KB-JWT payload must be an object");
  for (const char* member : {"iat", "aud", "nonce", "sd_hash"}) {
    if (!payload.contains(member)) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string("the KB-JWT lacks '") + member + "'");
    }
  }
  if (!payload["sd_hash"].is_string() ||
      payload["sd_hash"].get<std::string>() != DigestSha256(parts.SdHashInput())) {
    return Fail(ErrorCode::kUnauthenticated,
                "the KB-JWT's sd_hash does not match the presented SD-JWT and disclosures");
  }
  VAARDIG_ASSIGN_OR_RETURN(std::int64_t iat, NumericDate(payload, "iat"));
  const std::int64_t now = policy.clock->NowSeconds();
  if (iat > now + policy.skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition, "the KB-JWT's iat is in the future");
  }
  if (iat < now - kb.max_age_seconds - policy.skew_seconds) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the KB-JWT was made " + std::to_string(now - iat) + " s ago, older than allowed");
  }
  const Json& aud = payload["aud"];
  if (!kb.expected_aud.empty() && !(aud.is_string() && aud.get<std::string>() == kb.expected_aud)) {
    return Fail(ErrorCode::kPermissionDenied, "the KB-JWT is for another audience");
  }
  const Json& nonce = payload["nonce"];
  if (!kb.expected_nonce.empty() &&
      !(nonce.is_string() && nonce.get<std::string>() == kb.expected_nonce)) {
    return Fail(ErrorCode::kPermissionDenied, "the KB-JWT's nonce does not match");
  }
  return payload;
}

}  // namespace

IssuerKeyLookup FixedIssuerKey(jose::PublicJwk key) {
  return [key = std::move(key)](const Json&, const Json&) -> Result<jose::PublicJwk> { return key; };
}

Result<VerifiedSdJwt> VerifySdJwt(std::string_view serialized, const IssuerKeyLookup& lookup,
                                  const SdJwtVerifyPolicy& policy) {
  VAARDIG_ASSIGN_OR_RETURN(SdJwtParts parts, ParseSdJwt(serialized, policy.limits));
  return VerifySdJwtParts(parts, lookup, policy);
}

Result<VerifiedSdJwt> VerifySdJwtParts(const SdJwtParts& parts, const IssuerKeyLookup& lookup,
                                       const SdJwtVerifyPolicy& policy) {
  if (policy.clock == nullptr) return Fail(ErrorCode::kInvalidArgument, "policy: no clock");
  if (policy.key_binding.required &&
      (policy.key_binding.expected_aud.empty() || policy.key_binding.expected_nonce.empty())) {
    return Fail(ErrorCode::kInvalidArgument,
                "policy: requiring key binding needs an expected aud and nonce");
  }
  if (parts.issuer_jwts.empty()) return Fail(ErrorCode::kInvalidArgument, "no issuer-signed JWT");
  if (parts.disclosures.size() > policy.limits.max_disclosures) {
    return Fail(ErrorCode::kResourceExhausted, "too many disclosures");
  }

  // 1. The signature, over the bytes received. With several issuer signatures (JSON general
  //    serialization) one that verifies with the issuer's key suffices.
  //    The header and payload are parsed once, before the signature check, to find the key; the
  //    payload is trusted (and processed below) only after the signature over its bytes verified.
  std::optional<internal::PeekedJwt> verified;
  std::optional<jose::PublicJwk> issuer_key;
  Error last_error(ErrorCode::kInvalidArgument, "no issuer signature");
  for (const auto& jwt : parts.issuer_jwts) {
    auto peeked = internal::PeekJwtForVerify(jwt, policy.limits.json);
    if (!peeked) return Fail(peeked.error().WithContext("issuer-signed JWT"));
    if (!peeked->payload.is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "the issuer-signed JWT's payload is not an object");
    }
    auto key = lookup(peeked->jws.header, peeked->payload);
    if (!key) {
      last_error = key.error();
      continue;
    }
    if (auto result = internal::VerifyPeekedJwt(*peeked, *key, policy.accepted_typ); !result) {
      last_error = result.error();
      continue;
    }
    verified = std::move(*peeked);
    issuer_key = std::move(*key);
    break;
  }
  if (!verified) return Fail(last_error.WithContext("issuer-signed JWT"));
  Json& payload = verified->payload;  // consumed by the Processor below

  // 2. _sd_alg.
  if (auto alg = payload.find(kSdAlgKey); alg != payload.end()) {
    if (!alg->is_string()) return Fail(ErrorCode::kInvalidArgument, "'_sd_alg' must be a string");
    if (alg->get<std::string>() != kSdAlgSha256) {
      return Fail(ErrorCode::kUnimplemented,
                  "unsupported _sd_alg '" + alg->get<std::string>() + "' (only sha-256)");
    }
  }

  // 3. Disclosures: each parsed, each unique, each referenced exactly once.
  std::unordered_map<std::string, Disclosure> by_digest;
  by_digest.reserve(parts.disclosures.size());
  for (const auto& encoded : parts.disclosures) {
    VAARDIG_ASSIGN_OR_RETURN(Disclosure d, ParseDisclosure(encoded, policy.limits.json));
    std::string digest = d.digest;
    if (!by_digest.emplace(std::move(digest), std::move(d)).second) {
      return Fail(ErrorCode::kInvalidArgument, "the same disclosure is presented twice");
    }
  }
  Processor processor(by_digest);
  ClaimPath path;
  VAARDIG_ASSIGN_OR_RETURN(Json claims, processor.Process(payload, path, 0));
  if (!by_digest.empty()) {
    return Fail(ErrorCode::kUnauthenticated,
                "a disclosure is not referenced by the issuer-signed JWT (tampered or foreign)");
  }

  // 4. Validity dates (on the processed claims: exp, nbf, iat are never disclosable in SD-JWT VC,
  //    but a plain SD-JWT could disclose them).
  VAARDIG_RETURN_IF_ERROR(CheckTimes(claims, policy));

  VerifiedSdJwt result(std::move(verified->jws.header), std::move(claims),
                       std::move(processor.disclosed()), std::move(*issuer_key));

  // 5. Key binding.
  if (parts.kb_jwt) {
    VAARDIG_ASSIGN_OR_RETURN(Json kb, VerifyKeyBinding(parts, result.claims(), policy));
    result.kb_payload_ = std::move(kb);
  } else if (policy.key_binding.required) {
    return Fail(ErrorCode::kUnauthenticated,
                "holder binding is required but the presentation has no Key Binding JWT");
  }
  return result;
}

}  // namespace vaardig::sdjwt
