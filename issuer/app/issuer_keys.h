// The issuer's own signing keys and their publication (DESIGN.md §4, §5 "identifiers", §7; issue 7
// "Issuer identity").
//
// Identity. The Credential Issuer Identifier is settings.public_url without a trailing slash
// (e.g. "https://skills.gemeente-voorbeeld.nl"); SD-JWT VCs carry it as `iss`, and verifiers find
// the key through JWT VC Issuer Metadata at <public_url>/.well-known/jwt-vc-issuer. The issuer's
// DID is did:web of the same origin (did:web:skills.gemeente-voorbeeld.nl, a port encoded as %3A),
// its document at <public_url>/.well-known/did.json; Open Badges and status list credentials name
// it as issuer.
//
// Keys. Purpose 'sd-jwt' is ES256 (P-256) and signs SD-JWT VCs and Token Status List tokens;
// purpose 'data-integrity' is Ed25519 and signs Open Badges and Bitstring Status List credentials
// (eddsa-rdfc-2022). Each lives in signing_keys with person_id NULL, its private JWK sealed under the
// KeyVault (aad = kid). kid = the RFC 7638 thumbprint of the public JWK. Rotation retires the
// active key (retired_at set) and creates a new one; retired public keys stay published, so every
// credential signed earlier still verifies.
//
// Thread-safety: free functions over IssuerApp; GetOrCreateIssuerKey is safe to call concurrently
// (the first creation wins; the others read it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/crypto/ed25519.h"
#include "core/encoding/json.h"
#include "core/jose/jwk.h"
#include "issuer/app/issuer_app.h"
#include "issuer/app/key_vault.h"

namespace vaardig::issuer {

enum class IssuerKeyPurpose { kSdJwt, kDataIntegrity };

// "sd-jwt" / "data-integrity": the signing_keys.purpose value.
[[nodiscard]] std::string_view PurposeName(IssuerKeyPurpose purpose);

// settings.public_url without a trailing slash.
[[nodiscard]] std::string CredentialIssuerId(const IssuerSettings& settings);
// did:web of public_url's origin (and path, if any), e.g. "did:web:127.0.0.1%3A8443".
[[nodiscard]] Result<std::string> IssuerDid(const IssuerSettings& settings);

struct IssuerSigningKey {
  std::string kid;
  jose::PrivateJwk key;  // carries kid; for kDataIntegrity an OKP Ed25519 JWK
  // The DID URL of the key in the issuer's DID document: "<issuer did>#<kid>".
  std::string verification_method;
  // The Ed25519 key for Data Integrity signing (set for kDataIntegrity only).
  std::optional<crypto::Ed25519PrivateKey> ed25519;
};

// The active key of `purpose`, created (and audited as "key.create", actor "system") when there is
// none. data_loss when the stored key does not open or parse.
[[nodiscard]] Result<IssuerSigningKey> GetOrCreateIssuerKey(IssuerApp& app, const KeyVault& vault,
                                                            IssuerKeyPurpose purpose);

struct PublishedKey {
  std::string kid;
  IssuerKeyPurpose purpose;
  jose::PublicJwk public_jwk;
  std::string created_at;
  std::optional<std::string> retired_at;
};

// Every issuer key, active and retired, oldest first.
[[nodiscard]] Result<std::vector<PublishedKey>> ListIssuerKeys(IssuerApp& app);

// The DID document served at /.well-known/did.json: id = IssuerDid; one verification method per
// key (Ed25519 as Multikey with publicKeyMultibase, P-256 as JsonWebKey with publicKeyJwk), all in
// assertionMethod (and authentication). Contexts: DID v1 and Multikey v1 (+ JWS 2020 for JsonWebKey).
[[nodiscard]] Result<Json> BuildIssuerDidDocument(IssuerApp& app);

// JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc §5): {"issuer": CredentialIssuerId,
// "jwks": {"keys": [every sd-jwt key, retired too]}}.
[[nodiscard]] Result<Json> BuildJwtVcIssuerMetadata(IssuerApp& app);

struct RotatedKey {
  std::string retired_kid;  // empty when there was no active key
  std::string new_kid;
};
// Retires the active key of `purpose` and creates a new one, in one transaction, audited as
// "key.rotate" by `actor`.
[[nodiscard]] Result<RotatedKey> RotateIssuerKey(IssuerApp& app, const KeyVault& vault, IssuerKeyPurpose purpose,
                                                 std::string_view actor);

}  // namespace vaardig::issuer
