#include "core/sdjwt/holder.h"

#include <map>
#include <set>

#include "core/sdjwt/disclosure.h"
#include "core/sdjwt/internal/jws_bridge.h"

namespace vaardig::sdjwt {
namespace {

bool Selected(const Json* frame) {
  if (frame == nullptr || frame->is_null()) return false;
  if (frame->is_boolean()) return frame->get<bool>();
  return frame->is_object() || frame->is_array();
}

class Selector {
 public:
  Selector(const std::map<std::string, Disclosure>& by_digest, std::set<std::string>& chosen)
      : by_digest_(by_digest), chosen_(chosen) {}

  Status Walk(const Json& node, const Json* frame, int depth) {
    if (depth > 64) return Fail(ErrorCode::kResourceExhausted, "claims nested too deeply");
    if (!Selected(frame)) return Ok();
    if (frame->is_boolean()) frame = nullptr;  // `true`: this claim only, nothing inside it
    if (node.is_object()) return WalkObject(node, frame, depth);
    if (node.is_array()) return WalkArray(node, frame, depth);
    return Ok();
  }

 private:
  Status WalkObject(const Json& node, const Json* frame, int depth) {
    if (frame != nullptr && !frame->is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "the frame has an array where the claims have an object");
    }
    auto child_frame = [&](const std::string& name) -> const Json* {
      if (frame == nullptr) return nullptr;
      auto it = frame->find(name);
      return it == frame->end() ? nullptr : &*it;
    };
    for (const auto& [name, member] : node.items()) {
      if (name == kSdKey && member.is_array()) {
        for (const auto& digest : member) {
          if (!digest.is_string()) continue;
          auto it = by_digest_.find(digest.get<std::string>());
          if (it == by_digest_.end() || !it->second.name) continue;  // a decoy
          const Json* f = child_frame(*it->second.name);
          if (!Selected(f)) continue;
          chosen_.insert(it->first);
          VAARDIG_RETURN_IF_ERROR(Walk(it->second.value, f, depth + 1));
        }
      } else if (name != kSdAlgKey) {
        VAARDIG_RETURN_IF_ERROR(Walk(member, child_frame(name), depth + 1));
      }
    }
    return Ok();
  }

  Status WalkArray(const Json& node, const Json* frame, int depth) {
    if (frame != nullptr && !frame->is_array()) {
      return Fail(ErrorCode::kInvalidArgument, "the frame has an object where the claims have an array");
    }
    std::size_t position = 0;
    for (const auto& element : node) {
      const Json* f = (frame != nullptr && position < frame->size()) ? &(*frame)[position] : nullptr;
      if (element.is_object() && element.size() == 1 && element.contains(kArrayDigestKey) &&
          element[std::string(kArrayDigestKey)].is_string()) {
        auto it = by_digest_.find(element[std::string(kArrayDigestKey)].get<std::string>());
        if (it == by_digest_.end() || it->second.name) continue;  // a decoy: not counted
        ++position;
        if (!Selected(f)) continue;
        chosen_.insert(it->first);
        VAARDIG_RETURN_IF_ERROR(Walk(it->second.value, f, depth + 1));
      } else {
        ++position;
        VAARDIG_RETURN_IF_ERROR(Walk(element, f, depth + 1));
      }
    }
    return Ok();
  }

  const std::map<std::string, Disclosure>& by_digest_;
  std::set<std::string>& chosen_;
};

// Rebuilds the claims for HolderClaims. Each digest is used once (as the verifier requires), so a
// credential that repeats one cannot make the output grow without bound.
Result<Json> Apply(const Json& node, const std::map<std::string, Disclosure>& by_digest, std::set<std::string>& used,
                   int depth) {
  if (depth > 64) return Fail(ErrorCode::kResourceExhausted, "claims nested too deeply");
  if (node.is_object()) {
    Json out = Json::object();
    for (const auto& [name, member] : node.items()) {
      if (name == kSdAlgKey) continue;
      if (name == kSdKey && member.is_array()) {
        for (const auto& digest : member) {
          if (!digest.is_string()) continue;
          auto it = by_digest.find(digest.get<std::string>());
          if (it == by_digest.end() || !it->second.name) continue;  // a decoy, or not held
          if (!used.insert(it->first).second) return Fail(ErrorCode::kInvalidArgument, "a disclosure digest is used twice");
          if (node.contains(*it->second.name)) {
            return Fail(ErrorCode::kInvalidArgument, "a disclosed claim repeats a claim in the clear");
          }
          VAARDIG_ASSIGN_OR_RETURN(out[*it->second.name], Apply(it->second.value, by_digest, used, depth + 1));
        }
        continue;
      }
      VAARDIG_ASSIGN_OR_RETURN(out[name], Apply(member, by_digest, used, depth + 1));
    }
    return out;
  }
  if (node.is_array()) {
    Json out = Json::array();
    for (const auto& element : node) {
      if (element.is_object() && element.size() == 1 && element.contains(kArrayDigestKey) &&
          element[std::string(kArrayDigestKey)].is_string()) {
        auto it = by_digest.find(element[std::string(kArrayDigestKey)].get<std::string>());
        if (it == by_digest.end() || it->second.name) continue;
        if (!used.insert(it->first).second) return Fail(ErrorCode::kInvalidArgument, "a disclosure digest is used twice");
        VAARDIG_ASSIGN_OR_RETURN(Json value, Apply(it->second.value, by_digest, used, depth + 1));
        out.push_back(std::move(value));
        continue;
      }
      VAARDIG_ASSIGN_OR_RETURN(Json value, Apply(element, by_digest, used, depth + 1));
      out.push_back(std::move(value));
    }
    return out;
  }
  return node;
}

}  // namespace

Result<Json> HolderClaims(const SdJwtParts& sd_jwt, const SdJwtLimits& limits) {
  if (sd_jwt.disclosures.size() > limits.max_disclosures) {
    return Fail(ErrorCode::kResourceExhausted, "too many disclosures");
  }
  VAARDIG_ASSIGN_OR_RETURN(internal::UnverifiedJwt jwt, internal::PeekJwt(sd_jwt.issuer_jwt(), limits.json));
  std::map<std::string, Disclosure> by_digest;
  for (const auto& encoded : sd_jwt.disclosures) {
    VAARDIG_ASSIGN_OR_RETURN(Disclosure d, ParseDisclosure(encoded, limits.json));
    by_digest.emplace(d.digest, std::move(d));
  }
  std::set<std::string> used;
  return Apply(jwt.payload, by_digest, used, 0);
}

Result<Json> FrameFromPaths(const std::vector<ClaimPath>& paths) {
  Json frame = Json::object();
  for (const auto& path : paths) {
    if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "empty claim path");
    Json* node = &frame;
    for (std::size_t i = 0; i < path.size(); ++i) {
      const bool leaf = i + 1 == path.size();
      if (const auto* name = std::get_if<std::string>(&path[i])) {
        if (node->is_boolean()) break;  // an ancestor is already disclosed whole... only itself
        if (!node->is_object()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "claim path '" + FormatClaimPath(path) + "' uses a name where another path uses an index");
        }
        Json& child = (*node)[*name];
        if (leaf) {
          if (child.is_null()) child = true;
        } else if (child.is_null() || child.is_boolean()) {
          child = std::holds_alternative<std::string>(path[i + 1]) ? Json::object() : Json::array();
        }
        node = &child;
      } else {
        const auto index = std::get<std::size_t>(path[i]);
        if (index > 10000) return Fail(ErrorCode::kInvalidArgument, "array index too large");
        if (node->is_null()) *node = Json::array();
        if (!node->is_array()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "claim path '" + FormatClaimPath(path) + "' uses an index where another path uses a name");
        }
        while (node->size() <= index) node->push_back(nullptr);
        Json& child = (*node)[index];
        if (leaf) {
          if (child.is_null()) child = true;
        } else if (child.is_null() || child.is_boolean()) {
          child = std::holds_alternative<std::string>(path[i + 1]) ? Json::object() : Json::array();
        }
        node = &child;
      }
    }
  }
  return frame;
}

Result<SdJwtParts> SelectDisclosures(const SdJwtParts& sd_jwt, const Json& frame,
                                     const SdJwtLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(internal::UnverifiedJwt jwt,
                           internal::PeekJwt(sd_jwt.issuer_jwt(), limits.json));
  std::map<std::string, Disclosure> by_digest;
  for (const auto& encoded : sd_jwt.disclosures) {
    VAARDIG_ASSIGN_OR_RETURN(Disclosure d, ParseDisclosure(encoded, limits.json));
    by_digest.emplace(d.digest, std::move(d));
  }
  std::set<std::string> chosen;
  Selector selector(by_digest, chosen);
  VAARDIG_RETURN_IF_ERROR(selector.Walk(jwt.payload, &frame, 0));

  SdJwtParts out;
  out.issuer_jwts = sd_jwt.issuer_jwts;
  out.json_serialization = sd_jwt.json_serialization;
  for (const auto& encoded : sd_jwt.disclosures) {
    if (chosen.contains(DigestSha256(encoded))) out.disclosures.push_back(encoded);
  }
  return out;
}

Status AddKeyBinding(SdJwtParts& presentation, const KeyBindingInput& input) {
  if (input.holder_key == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "key binding needs the holder's private key");
  }
  if (input.aud.empty() || input.nonce.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "key binding needs a non-empty aud and nonce");
  }
  Json payload = Json::object();
  payload["iat"] = input.iat;
  payload["aud"] = input.aud;
  payload["nonce"] = input.nonce;
  payload["sd_hash"] = DigestSha256(presentation.SdHashInput());
  VAARDIG_ASSIGN_OR_RETURN(
      std::string kb, internal::SignJwt(*input.holder_key, Json::object({{"typ", "kb+jwt"}}), payload));
  presentation.kb_jwt = std::move(kb);
  return Ok();
}

}  // namespace vaardig::sdjwt
