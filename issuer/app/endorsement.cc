#include "issuer/app/endorsement.h"

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"
#include "core/jose/jws.h"
#include "issuer/app/claims.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

Json BuildEndorsementStatement(const EndorsementInput& in) {
  Json skill = {{"id", in.skill_id}, {"name_nl", in.skill_name_nl}};
  if (!in.skill_esco_uri.empty()) skill["esco_uri"] = in.skill_esco_uri;
  Json evidence = Json::array();
  for (const auto& [name, sha256] : in.evidence) evidence.push_back({{"name", name}, {"sha256", sha256}});
  return Json{
      {"type", "VaardigEndorsement"},
      {"issuer", {{"name", in.issuer_name}, {"id", in.issuer_id}}},
      {"endorser", {{"name", in.endorser_name}, {"role", in.endorser_role}, {"employee_number", in.endorser_number}}},
      {"subject", {{"employee_number", in.subject_number}, {"name", in.subject_name}}},
      {"skill", std::move(skill)},
      {"level", in.level},
      {"self_level", in.self_level},
      {"evidence", std::move(evidence)},
      {"comment", in.comment},
      {"date", FormatUtc(in.now)},
      {"iat", in.now},
  };
}

Result<SignedEndorsement> SignEndorsement(const jose::PrivateJwk& key, const std::string& kid,
                                          const Json& statement) {
  const std::string payload = DumpJson(statement);
  VAARDIG_ASSIGN_OR_RETURN(
      std::string jws,
      jose::SignCompactJws(key, Json{{"typ", std::string(kEndorsementTyp)}, {"kid", kid}}, AsBytes(payload)));
  return SignedEndorsement{std::move(jws), encoding::HexEncode(crypto::Sha256(AsBytes(payload)))};
}

}  // namespace vaardig::issuer
