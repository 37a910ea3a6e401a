#include "core/w3c/rdfc10.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/crypto/hash.h"
#include "core/encoding/base64url.h"

namespace vaardig::w3c {
namespace {

// §4.3 blank node identifier issuer state: prefix, counter and the issued identifiers map, whose
// insertion order is part of the algorithm (§4.4.3 step 5.3).
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::string prefix) : prefix_(std::move(prefix)) {}

  // §4.5 Issue Identifier.
  std::string Issue(const std::string& existing) {
    if (const std::string* issued = Find(existing)) return *issued;
    std::string issued = prefix_ + std::to_string(order_.size());
    issued_.emplace(existing, issued);
    order_.push_back(existing);
    return issued;
  }
  [[nodiscard]] const std::string* Find(const std::string& existing) const {
    const auto it = issued_.find(existing);
    return it == issued_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const std::vector<std::string>& IssueOrder() const { return order_; }

 private:
  std::string prefix_;
  std::unordered_map<std::string, std::string> issued_;
  std::vector<std::string> order_;
};

const BlankNode* AsBlank(const Subject& term) { return std::get_if<BlankNode>(&term); }
const BlankNode* AsBlank(const Object& term) { return std::get_if<BlankNode>(&term); }

// Copies `quad`, relabelling each blank node with label(id).
template <typename Label>
Quad Relabel(const Quad& quad, const Label& label) {
  Quad out = quad;
  if (auto* node = std::get_if<BlankNode>(&out.subject)) node->id = label(node->id);
  if (auto* node = std::get_if<BlankNode>(&out.object)) node->id = label(node->id);
  if (out.graph) {
    if (auto* node = std::get_if<BlankNode>(&*out.graph)) node->id = label(node->id);
  }
  return out;
}

struct NDegreeResult {
  std::string hash;
  IdentifierIssuer issuer;
};

class Canonicalizer {
 public:
  explicit Canonicalizer(const RdfcOptions& options) : options_(options) {}

  Result<CanonicalDataset> Run(const Dataset& input) {
    // §4.4.3 step 2: the blank node to quads map, over the input taken as a set.
    std::set<Quad> seen;
    for (const Quad& quad : input.quads) {
      if (seen.insert(quad).second) quads_.push_back(quad);
    }
    for (std::size_t i = 0; i < quads_.size(); ++i) {
      const Quad& quad = quads_[i];
      AddMention(AsBlank(quad.subject), i);
      AddMention(AsBlank(quad.object), i);
      if (quad.graph) AddMention(AsBlank(*quad.graph), i);
    }

    // Step 3: first degree hashes. std::map iterates hashes in code point order (hex is ASCII).
    std::map<std::string, std::vector<std::string>> hash_to_nodes;
    for (const std::string& node : node_order_)
      hash_to_nodes[HashFirstDegree(node)].push_back(node);

    // Step 4: nodes with a unique first degree hash get canonical identifiers right away.
    for (auto it = hash_to_nodes.begin(); it != hash_to_nodes.end();) {
      if (it->second.size() > 1) {
        ++it;
        continue;
      }
      canonical_.Issue(it->second.front());
      it = hash_to_nodes.erase(it);
    }

    // Step 5: shared hashes, resolved with Hash N-Degree Quads.
    for (const auto& [hash, nodes] : hash_to_nodes) {
      std::vector<NDegreeResult> hash_path_list;
      for (const std::string& node : nodes) {
        if (canonical_.Find(node) != nullptr) continue;
        IdentifierIssuer temporary("b");
        temporary.Issue(node);
        VAARDIG_ASSIGN_OR_RETURN(NDegreeResult result, HashNDegree(node, std::move(temporary)));
        hash_path_list.push_back(std::move(result));
      }
      std::stable_sort(
          hash_path_list.begin(), hash_path_list.end(),
          [](const NDegreeResult& a, const NDegreeResult& b) { return a.hash < b.hash; });
      for (const NDegreeResult& result : hash_path_list) {
        for (const std::string& existing : result.issuer.IssueOrder()) canonical_.Issue(existing);
      }
    }

    // Steps 6-7 and §5: relabel, serialize, sort.
    CanonicalDataset out;
    std::vector<std::pair<std::string, Quad>> lines;
    lines.reserve(quads_.size());
    for (const Quad& quad : quads_) {
      Quad labelled = Relabel(quad, [&](const std::string& id) { return *canonical_.Find(id); });
      std::string line = SerializeQuad(labelled);
      lines.emplace_back(std::move(line), std::move(labelled));
    }
    std::sort(lines.begin(), lines.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, quad] : lines) {
      out.nquads += line;
      out.dataset.quads.push_back(std::move(quad));
    }
    for (const std::string& node : canonical_.IssueOrder()) {
      out.issued_identifiers.emplace(node, *canonical_.Find(node));
    }
    out.work = work_;
    return out;
  }

 private:
  void AddMention(const BlankNode* node, std::size_t quad_index) {
    if (node == nullptr) return;
    auto [it, inserted] = mentions_.try_emplace(node->id);
    if (inserted) node_order_.push_back(node->id);
    // A quad mentioning the node twice is still one member of its mention set.
    if (it->second.empty() || it->second.back() != quad_index) it->second.push_back(quad_index);
  }

  std::string Hash(std::string_view data) const {
    if (options_.hash == RdfcHashAlgorithm::kSha384) {
      return encoding::HexEncode(crypto::Sha384(AsBytes(data)));
    }
    return encoding::HexEncode(crypto::Sha256(AsBytes(data)));
  }

  // §4.6 Hash First Degree Quads; memoised, the result depends only on the dataset.
  const std::string& HashFirstDegree(const std::string& node) {
    if (const auto it = first_degree_.find(node); it != first_degree_.end()) return it->second;
    std::vector<std::string> nquads;
    for (const std::size_t index : mentions_.at(node)) {
      nquads.push_back(SerializeQuad(
          Relabel(quads_[index], [&](const std::string& id) { return id == node ? "a" : "z"; })));
    }
    std::sort(nquads.begin(), nquads.end());
    std::string joined;
    for (const std::string& line : nquads) joined += line;
    return first_degree_.emplace(node, Hash(joined)).first->second;
  }

  // §4.7 Hash Related Blank Node.
  std::string HashRelated(const std::string& related, const Quad& quad,
                          const IdentifierIssuer& issuer, char position) {
    std::string input(1, position);
    if (position != 'g') {
      input += '<';
      input += quad.predicate.value;
      input += '>';
    }
    if (const std::string* id = canonical_.Find(related)) {
      input += "_:" + *id;
    } else if (const std::string* temporary = issuer.Find(related)) {
      input += "_:" + *temporary;
    } else {
      input += HashFirstDegree(related);
    }
    return Hash(input);
  }

  Status CountPermutation() {
    if (++work_.permutations > options_.max_permutations) {
      return Fail(ErrorCode::kResourceExhausted,
                  "RDFC-1.0: more than " + std::to_string(options_.max_permutations) +
                      " permutations in Hash N-Degree Quads; the dataset may be a poison dataset "
                      "(raise RdfcOptions::max_permutations only for trusted input)");
    }
    return Ok();
  }

  // Spec steps 5.4.4.3 and 5.4.5.5: a path that can no longer become the chosen path.
  static bool CannotWin(const std::string& path, const std::string& chosen) {
    return !chosen.empty() && path.size() >= chosen.size() && path > chosen;
  }

  // §4.8 Hash N-Degree Quads.
  Result<NDegreeResult> HashNDegree(const std::string& node, IdentifierIssuer issuer) {
    if (++work_.n_degree_calls > options_.max_n_degree_calls) {
      return Fail(ErrorCode::kResourceExhausted,
                  "RDFC-1.0: more than " + std::to_string(options_.max_n_degree_calls) +
                      " calls of Hash N-Degree Quads; the dataset may be a poison dataset "
                      "(raise RdfcOptions::max_n_degree_calls only for trusted input)");
    }
    // Steps 1-3: related hash → related blank nodes (repeats kept, as the spec records every
    // mention), ordered by related hash.
    std::map<std::string, std::vector<std::string>> related_nodes;
    for (const std::size_t index : mentions_.at(node)) {
      const Quad& quad = quads_[index];
      const auto visit = [&](const BlankNode* component, char position) {
        if (component == nullptr || component->id == node) return;
        related_nodes[HashRelated(component->id, quad, issuer, position)].push_back(component->id);
      };
      visit(AsBlank(quad.subject), 's');
      visit(AsBlank(quad.object), 'o');
      if (quad.graph) visit(AsBlank(*quad.graph), 'g');
    }

    // Steps 4-5.
    std::string data_to_hash;
    for (auto& [related_hash, nodes] : related_nodes) {
      data_to_hash += related_hash;
      std::string chosen_path;
      std::optional<IdentifierIssuer> chosen_issuer;
      // Every distinct permutation, in lexicographic order; repeated identical permutations
      // cannot change the minimum and are skipped.
      std::sort(nodes.begin(), nodes.end());
      do {
        VAARDIG_RETURN_IF_ERROR(CountPermutation());
        IdentifierIssuer issuer_copy = issuer;
        std::string path;
        std::vector<std::string> recursion_list;
        bool skip = false;
        for (const std::string& related : nodes) {
          if (const std::string* id = canonical_.Find(related)) {
            path += "_:" + *id;
          } else {
            if (issuer_copy.Find(related) == nullptr) recursion_list.push_back(related);
            path += "_:" + issuer_copy.Issue(related);
          }
          if (CannotWin(path, chosen_path)) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (const std::string& related : recursion_list) {
          VAARDIG_ASSIGN_OR_RETURN(NDegreeResult result, HashNDegree(related, issuer_copy));
          path += "_:" + issuer_copy.Issue(related);
          path += '<' + result.hash + '>';
          issuer_copy = std::move(result.issuer);
          if (CannotWin(path, chosen_path)) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosen_path.empty() || path < chosen_path) {
          chosen_path = std::move(path);
          chosen_issuer = std::move(issuer_copy);
        }
      } while (std::next_permutation(nodes.begin(), nodes.end()));
      data_to_hash += chosen_path;
      // A non-empty node list always yields a chosen path (the first permutation is never skipped).
      issuer = std::move(*chosen_issuer);
    }
    return NDegreeResult{Hash(data_to_hash), std::move(issuer)};
  }

  const RdfcOptions& options_;
  std::vector<Quad> quads_;
  std::unordered_map<std::string, std::vector<std::size_t>> mentions_;
  std::vector<std::string> node_order_;  // blank nodes in order of first mention
  std::unordered_map<std::string, std::string> first_degree_;
  IdentifierIssuer canonical_{"c14n"};
  RdfcWork work_;
};

}  // namespace

Result<CanonicalDataset> Canonicalize(const Dataset& dataset, const RdfcOptions& options) {
  return Canonicalizer(options).Run(dataset);
}

Result<CanonicalDataset> CanonicalizeNQuads(std::string_view nquads, const RdfcOptions& options,
                                            const NQuadsLimits& limits) {
  VAARDIG_ASSIGN_OR_RETURN(const Dataset dataset, ParseNQuads(nquads, limits));
  return Canonicalize(dataset, options);
}

}  // namespace vaardig::w3c
