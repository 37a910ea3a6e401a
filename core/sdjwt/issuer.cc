#include "core/sdjwt/issuer.h"

#include <algorithm>
#include <map>

#include "core/crypto/random.h"
#include "core/encoding/base64url.h"
#include "core/sdjwt/internal/jws_bridge.h"

namespace vaardig::sdjwt {
namespace {

Status RejectReservedNames(const Json& value, int depth = 0) {
  if (depth > 64) return Fail(ErrorCode::kResourceExhausted, "claims nested too deeply");
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      if (name == kSdKey || name == kSdAlgKey || name == kArrayDigestKey) {
        return Fail(ErrorCode::kInvalidArgument,
                    "claims may not use the reserved member name '" + name + "'");
      }
      VAARDIG_RETURN_IF_ERROR(RejectReservedNames(member, depth + 1));
    }
  } else if (value.is_array()) {
    for (const auto& element : value) VAARDIG_RETURN_IF_ERROR(RejectReservedNames(element, depth + 1));
  }
  return Ok();
}

// The selectively disclosable paths as a tree, so that the payload can be rewritten bottom-up:
// an inner `_sd` array is complete (decoys added, sorted) before its object is itself disclosed.
struct SdNode {
  bool disclosable = false;
  std::map<PathElement, SdNode> children;
};

Status CheckExists(const Json& root, const ClaimPath& path) {
  const Json* node = &root;
  for (const auto& element : path) {
    if (const auto* name = std::get_if<std::string>(&element)) {
      auto it = node->is_object() ? node->find(*name) : node->end();
      if (!node->is_object() || it == node->end()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "selectively disclosable path '" + FormatClaimPath(path) + "' does not exist");
      }
      node = &*it;
    } else {
      const auto index = std::get<std::size_t>(element);
      if (!node->is_array() || index >= node->size()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "selectively disclosable path '" + FormatClaimPath(path) + "' does not exist");
      }
      node = &(*node)[index];
    }
  }
  return Ok();
}

std::string DecoyDigest() {
  const Bytes random = crypto::RandomBytes(32);
  return DigestSha256(encoding::Base64UrlEncode(ByteView(random)));
}

class Transformer {
 public:
  // `salts` holds the random bytes for the disclosures' salts, kSaltBytes each, drawn from the
  // CSPRNG in one call rather than one call per disclosure.
  Transformer(const IssueOptions& options, std::vector<Disclosure>& out, Bytes salts)
      : options_(options), out_(out), salts_(std::move(salts)) {}

  Result<Json> Transform(const Json& value, const SdNode* marks) {
    if (marks == nullptr || marks->children.empty()) return value;
    if (value.is_object()) {
      Json result = Json::object();
      Json digests = Json::array();
      for (const auto& [name, member] : value.items()) {
        const SdNode* child = Find(marks, PathElement(name));
        VAARDIG_ASSIGN_OR_RETURN(Json transformed, Transform(member, child));
        if (child != nullptr && child->disclosable) {
          VAARDIG_ASSIGN_OR_RETURN(Disclosure d, NewDisclosure(name, std::move(transformed)));
          digests.push_back(d.digest);
          out_.push_back(std::move(d));
        } else {
          result[name] = std::move(transformed);
        }
      }
      if (!digests.empty()) {
        if (options_.max_decoys > 0) {
          const auto decoys = crypto::RandomUniform(options_.max_decoys + 1);
          for (std::uint64_t i = 0; i < decoys; ++i) digests.push_back(DecoyDigest());
        }
        // Sorted, so the order reveals nothing about the original member order (§4.2.4.1).
        auto& list = digests.get_ref<Json::array_t&>();
        std::sort(list.begin(), list.end(), [](const Json& a, const Json& b) {
          return a.get_ref<const std::string&>() < b.get_ref<const std::string&>();
        });
        result[std::string(kSdKey)] = std::move(digests);
      }
      return result;
    }
    if (value.is_array()) {
      Json result = Json::array();
      for (std::size_t i = 0; i < value.size(); ++i) {
        const SdNode* child = Find(marks, PathElement(i));
        VAARDIG_ASSIGN_OR_RETURN(Json transformed, Transform(value[i], child));
        if (child != nullptr && child->disclosable) {
          VAARDIG_ASSIGN_OR_RETURN(Disclosure d, NewDisclosure(std::nullopt, std::move(transformed)));
          result.push_back(Json::object({{std::string(kArrayDigestKey), d.digest}}));
          out_.push_back(std::move(d));
        } else {
          result.push_back(std::move(transformed));
        }
      }
      return result;
    }
    return value;
  }

 private:
  Result<Disclosure> NewDisclosure(std::optional<std::string> name, Json value) {
    if (next_salt_ + kSaltBytes > salts_.size()) return MakeDisclosure(std::move(name), std::move(value));
    std::string salt = encoding::Base64UrlEncode(ByteView(salts_).subspan(next_salt_, kSaltBytes));
    next_salt_ += kSaltBytes;
    return MakeDisclosureWithSalt(std::move(salt), std::move(name), std::move(value));
  }

  static const SdNode* Find(const SdNode* marks, const PathElement& key) {
    auto it = marks->children.find(key);
    return it == marks->children.end() ? nullptr : &it->second;
  }

  const IssueOptions& options_;
  std::vector<Disclosure>& out_;
  Bytes salts_;
  std::size_t next_salt_ = 0;
};

}  // namespace

Result<IssuedSdJwt> IssueSdJwt(const Json& claims, const jose::PrivateJwk& key,
                               const IssueOptions& options) {
  if (!claims.is_object()) return Fail(ErrorCode::kInvalidArgument, "claims must be a JSON object");
  VAARDIG_RETURN_IF_ERROR(RejectReservedNames(claims));

  SdNode root;
  for (const auto& path : options.sd_paths) {
    if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "empty selectively disclosable path");
    VAARDIG_RETURN_IF_ERROR(CheckExists(claims, path));
    SdNode* node = &root;
    for (const auto& element : path) node = &node->children[element];
    if (node->disclosable) {
      return Fail(ErrorCode::kInvalidArgument,
                  "selectively disclosable path '" + FormatClaimPath(path) + "' is listed twice");
    }
    node->disclosable = true;
  }

  IssuedSdJwt issued;
  // One disclosure per path (a path listed twice was refused above).
  issued.disclosures.reserve(options.sd_paths.size());
  Transformer transformer(options, issued.disclosures,
                          crypto::RandomBytes(kSaltBytes * options.sd_paths.size()));
  VAARDIG_ASSIGN_OR_RETURN(Json payload, transformer.Transform(claims, &root));
  if (!issued.disclosures.empty()) payload[std::string(kSdAlgKey)] = kSdAlgSha256;

  VAARDIG_ASSIGN_OR_RETURN(std::string jwt, internal::SignJwt(key, options.header, payload));
  issued.parts.issuer_jwts.push_back(std::move(jwt));
  issued.parts.disclosures.reserve(issued.disclosures.size());
  for (const auto& d : issued.disclosures) issued.parts.disclosures.push_back(d.encoded);
  return issued;
}

}  // namespace vaardig::sdjwt
