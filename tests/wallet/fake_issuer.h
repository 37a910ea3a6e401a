// A small OpenID4VCI 1.0 issuer on loopback http for the collect tests: the service Server with a
// Router serving issuer and authorization server metadata, JWT VC Issuer Metadata, a credential
// offer by reference, the token, nonce and credential endpoints, and a Token Status List. It issues
// an SD-JWT VC (ES256, iss = its URL) bound to the proof's key and an ldp_vc signed with
// eddsa-rdfc-2022 by a did:key. Knobs in FakeIssuer::Behaviour make it misbehave one way at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/encoding/json.h"
#include "core/http/router.h"
#include "core/http/server.h"
#include "core/jose/jwk.h"

namespace vaardig::wallet::testutil {

inline constexpr std::string_view kSdJwtConfig = "skill_sd_jwt";
inline constexpr std::string_view kBadgeConfig = "skill_badge";
inline constexpr std::string_view kMsoConfig = "skill_mdoc";
inline constexpr std::string_view kPin = "493536";
inline constexpr std::string_view kPreAuthCode = "pre-auth-SECRET-code-7f3a";
inline constexpr std::string_view kAccessToken = "access-SECRET-token-91bc";

class FakeIssuer {
 public:
  struct Behaviour {
    bool tx_code = true;
    bool metadata_names_other_issuer = false;
    bool offer_uri_not_json = false;
    bool tamper_signature = false;
    bool cnf_other_key = false;
    bool subject_other_did = false;
    bool status_list_unreachable = false;
    std::uint8_t status_value = 0;  // of our index in the Token Status List
    bool token_server_error = false;  // 500 with an HTML body
    bool huge_credential = false;     // a credential response over 1 MiB
  };

  // Starts the server (port 0); `now` is the clock the tests use.
  explicit FakeIssuer(std::int64_t now);
  ~FakeIssuer();

  Behaviour behaviour;

  [[nodiscard]] const std::string& base() const { return base_; }
  // openid-credential-offer:// links for these configuration ids.
  [[nodiscard]] std::string LinkByValue(const std::vector<std::string>& ids) const;
  [[nodiscard]] std::string LinkByReference() const;
  [[nodiscard]] int credentials_issued() const { return issued_; }

 private:
  http::Response Metadata() const;
  http::Response Token(const http::Request& request) const;
  http::Response Credential(const http::Request& request);
  http::Response StatusList() const;
  [[nodiscard]] Json Offer(const std::vector<std::string>& ids) const;

  std::int64_t now_;
  jose::PrivateJwk issuer_key_;
  jose::PrivateJwk badge_key_;  // Ed25519, the ldp_vc issuer's did:key
  std::string badge_did_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::string base_;
  std::atomic<int> issued_{0};
};

}  // namespace vaardig::wallet::testutil
