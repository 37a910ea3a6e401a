#include "core/dataintegrity/internal/proof_set.h"

#include <set>

namespace vaardig::dataintegrity::internal {

Result<std::vector<Json>> ProofList(const Json& document, std::size_t max_proofs) {
  std::vector<Json> proofs;
  const auto it = document.find("proof");
  if (it == document.end()) return proofs;
  if (it->is_object()) {
    proofs.push_back(*it);
  } else if (it->is_array()) {
    if (it->size() > max_proofs) {
      return Fail(ErrorCode::kResourceExhausted, "the document has " + std::to_string(it->size()) +
                                                     " proofs, more than the limit of " +
                                                     std::to_string(max_proofs));
    }
    for (const Json& proof : *it) {
      if (!proof.is_object()) {
        return Fail(ErrorCode::kInvalidArgument, "each entry of the document's proof must be an object");
      }
      proofs.push_back(proof);
    }
  } else {
    return Fail(ErrorCode::kInvalidArgument, "the document's proof must be an object or an array of objects");
  }
  std::set<std::string, std::less<>> ids;
  for (const Json& proof : proofs) {
    const auto id = proof.find("id");
    if (id == proof.end() || !id->is_string()) continue;
    if (!ids.insert(id->get<std::string>()).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  "two proofs have the id '" + id->get<std::string>().substr(0, 256) + "'");
    }
  }
  return proofs;
}

Result<std::vector<Json>> MatchingProofs(const std::vector<Json>& all,
                                         const std::vector<std::string>& ids) {
  std::vector<Json> matching;
  for (const std::string& wanted : ids) {
    bool found = false;
    for (const Json& proof : all) {
      const auto id = proof.find("id");
      if (id != proof.end() && id->is_string() && id->get_ref<const std::string&>() == wanted) {
        matching.push_back(proof);
        found = true;
        break;
      }
    }
    if (!found) {
      return Fail(ErrorCode::kNotFound,
                  "previousProof '" + wanted.substr(0, 256) + "' names no proof in the document");
    }
  }
  return matching;
}

Json RestrictedDocument(const Json& document, const std::vector<Json>& previous) {
  Json restricted = document;
  restricted.erase("proof");
  if (!previous.empty()) restricted["proof"] = Json(previous);
  return restricted;
}

}  // namespace vaardig::dataintegrity::internal
