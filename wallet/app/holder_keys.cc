// Holder keys for collected credentials (collect.h "Holder keys").
#include <string>
#include <utility>

#include "core/did/did_jwk.h"
#include "core/did/did_key.h"
#include "wallet/app/internal/collect_steps.h"

namespace vaardig::wallet::internal {
namespace {

std::string_view AlgName(jose::Algorithm alg) { return alg == jose::Algorithm::kEs256 ? "ES256" : "EdDSA"; }

// did:jwk for P-256 (its one method is "#0"), did:key for Ed25519 (the method is the multibase key).
Result<HolderKey> Describe(jose::PrivateJwk key, std::string record_id) {
  HolderKey out{.key = std::move(key), .did = {}, .kid = {}, .record_id = std::move(record_id)};
  if (out.key.algorithm() == jose::Algorithm::kEs256) {
    out.did = did::CreateDidJwk(out.key.public_jwk());
    out.kid = out.did + "#0";
  } else {
    VAARDIG_ASSIGN_OR_RETURN(out.did, did::CreateDidKey(out.key.public_jwk()));
    out.kid = out.did + "#" + out.did.substr(std::string_view("did:key:").size());
  }
  return out;
}

}  // namespace

Result<HolderKey> FindOrMakeHolderKey(const UnlockedVault& vault, jose::Algorithm alg) {
  if (alg != jose::Algorithm::kEs256 && alg != jose::Algorithm::kEdDsa) {
    return Fail(ErrorCode::kUnimplemented, "holder keys are ES256 or EdDSA");
  }
  VAARDIG_ASSIGN_OR_RETURN(const VaultListing listing, vault.List(RecordKind::kHolderKey));
  for (const VaultRecord& record : listing.records) {
    const Json& content = record.content;
    if (!content.is_object() || content.value("purpose", "") != "holder" ||
        content.value("alg", "") != AlgName(alg) || !content.contains("jwk")) {
      continue;
    }
    auto key = jose::PrivateJwk::Parse(content["jwk"]);
    if (!key || key->algorithm() != alg) {
      return Fail(ErrorCode::kDataLoss, "holder key record " + record.id + " is damaged");
    }
    return Describe(std::move(*key), record.id);
  }
  VAARDIG_ASSIGN_OR_RETURN(jose::PrivateJwk fresh, jose::PrivateJwk::Generate(alg));
  return Describe(std::move(fresh), "");
}

Status PersistHolderKey(UnlockedVault& vault, HolderKey& key) {
  if (!key.record_id.empty()) return {};
  const Json content = {{"purpose", "holder"},
                        {"alg", AlgName(key.key.algorithm())},
                        {"did", key.did},
                        {"kid", key.kid},
                        {"jwk", key.key.ExportPrivateJson()}};
  VAARDIG_ASSIGN_OR_RETURN(key.record_id, vault.Put(RecordKind::kHolderKey, content));
  return {};
}

}  // namespace vaardig::wallet::internal
