// Claims path pointer evaluation (OpenID4VP 1.0 §7.1.1) and DCQL matching (§6.4).
#include <algorithm>
#include <utility>

#include "core/oid4vc/dcql.h"

namespace vaardig::oid4vc {
namespace {

struct Selected {
  const Json* value;
  ConcreteClaimPath path;
};

// §7.1.1 processing; nullopt where the specification says "abort processing and return an error".
std::optional<std::vector<Selected>> Select(const Json& root, const ClaimPathPointer& pointer) {
  std::vector<Selected> selection{{&root, {}}};
  for (const ClaimPathComponent& component : pointer) {
    std::vector<Selected> next;
    for (Selected& current : selection) {
      if (const auto* key = std::get_if<std::string>(&component)) {
        if (!current.value->is_object()) return std::nullopt;
        const auto it = current.value->find(*key);
        if (it == current.value->end()) continue;
        ConcreteClaimPath path = current.path;
        path.emplace_back(*key);
        next.push_back({&*it, std::move(path)});
      } else if (const auto* index = std::get_if<std::uint64_t>(&component)) {
        if (!current.value->is_array()) return std::nullopt;
        if (*index >= current.value->size()) continue;
        ConcreteClaimPath path = current.path;
        path.emplace_back(static_cast<std::size_t>(*index));
        next.push_back({&(*current.value)[static_cast<std::size_t>(*index)], std::move(path)});
      } else {
        if (!current.value->is_array()) return std::nullopt;
        for (std::size_t i = 0; i < current.value->size(); ++i) {
          ConcreteClaimPath path = current.path;
          path.emplace_back(i);
          next.push_back({&(*current.value)[i], std::move(path)});
        }
      }
    }
    selection = std::move(next);
  }
  if (selection.empty()) return std::nullopt;
  return selection;
}

// §6.3: type and value both match exactly. nlohmann compares 1 and 1.0 as equal, so a
// floating-point claim never matches (values hold only strings, integers and booleans).
bool ValueAllowed(const Json& value, const std::vector<Json>& allowed) {
  if (value.is_number_float()) return false;
  return std::any_of(allowed.begin(), allowed.end(), [&](const Json& a) { return a == value; });
}

// The elements a claims query selects, keeping only those with an allowed value; empty when the
// claim counts as absent (§6.4.1: a value mismatch is treated as if the claim did not exist).
std::vector<Selected> Satisfying(const Json& claims, const ClaimsQuery& query) {
  auto selected = Select(claims, query.path);
  if (!selected) return {};
  if (!query.values) return std::move(*selected);
  std::vector<Selected> out;
  for (Selected& s : *selected) {
    if (ValueAllowed(*s.value, *query.values)) out.push_back(std::move(s));
  }
  return out;
}

struct ClaimSelection {
  std::optional<std::size_t> claim_set;
  std::vector<std::size_t> claim_indexes;  // into query.claims, in query order
};

// §6.4.1: all claims, or the first claim set whose claims are all satisfiable.
std::optional<ClaimSelection> SelectClaimsFor(const CredentialQuery& query, const Json& claims) {
  std::vector<bool> ok(query.claims.size());
  for (std::size_t i = 0; i < query.claims.size(); ++i) ok[i] = !Satisfying(claims, query.claims[i]).empty();
  if (query.claim_sets.empty()) {
    if (!std::all_of(ok.begin(), ok.end(), [](bool b) { return b; })) return std::nullopt;
    ClaimSelection all;
    for (std::size_t i = 0; i < query.claims.size(); ++i) all.claim_indexes.push_back(i);
    return all;
  }
  for (std::size_t s = 0; s < query.claim_sets.size(); ++s) {
    ClaimSelection selection{s, {}};
    bool satisfiable = true;
    for (std::size_t i = 0; i < query.claims.size() && satisfiable; ++i) {
      const auto& set = query.claim_sets[s];
      const auto& id = query.claims[i].id;
      if (!id || std::find(set.begin(), set.end(), *id) == set.end()) continue;
      if (ok[i]) {
        selection.claim_indexes.push_back(i);
      } else {
        satisfiable = false;
      }
    }
    if (satisfiable) return selection;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<const Json*>> SelectClaims(const Json& root, const ClaimPathPointer& path) {
  auto selected = Select(root, path);
  if (!selected) return Fail(ErrorCode::kNotFound, "claim " + FormatClaimPathPointer(path) + " selects nothing");
  std::vector<const Json*> out;
  for (const Selected& s : *selected) out.push_back(s.value);
  return out;
}

Result<std::vector<ConcreteClaimPath>> ExpandClaimPath(const Json& root, const ClaimPathPointer& path) {
  auto selected = Select(root, path);
  if (!selected) return Fail(ErrorCode::kNotFound, "claim " + FormatClaimPathPointer(path) + " selects nothing");
  std::vector<ConcreteClaimPath> out;
  for (Selected& s : *selected) out.push_back(std::move(s.path));
  return out;
}

bool MatchesFormatAndMeta(const CredentialQuery& query, const CandidateCredential& candidate) {
  if (candidate.format != query.format) return false;
  if (query.require_cryptographic_holder_binding && !candidate.supports_holder_binding) return false;
  if (query.meta.vct_values) {
    if (!candidate.vct) return false;
    const auto& allowed = *query.meta.vct_values;
    if (std::find(allowed.begin(), allowed.end(), *candidate.vct) == allowed.end()) return false;
  }
  if (query.meta.type_values) {
    // B.1.1: some alternative's types are all among the credential's types.
    const auto has = [&](const std::string& type) {
      return std::find(candidate.types.begin(), candidate.types.end(), type) != candidate.types.end();
    };
    const bool any = std::any_of(query.meta.type_values->begin(), query.meta.type_values->end(),
                                 [&](const std::vector<std::string>& alternative) {
                                   return std::all_of(alternative.begin(), alternative.end(), has);
                                 });
    if (!any) return false;
  }
  return true;
}

DcqlMatch MatchDcqlQuery(const DcqlQuery& query, std::span<const CandidateCredential> candidates) {
  DcqlMatch out;
  for (const CredentialQuery& credential : query.credentials) {
    CredentialQueryMatch query_match{credential.id, {}};
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (!MatchesFormatAndMeta(credential, candidates[c])) continue;
      const auto selection = SelectClaimsFor(credential, candidates[c].claims);
      if (!selection) continue;
      CredentialMatch match;
      match.candidate = c;
      match.claim_set = selection->claim_set;
      for (const std::size_t i : selection->claim_indexes) {
        const ClaimsQuery& claim = credential.claims[i];
        // §6.1: duplicate claim queries are ignored.
        if (std::find(match.disclosed_paths.begin(), match.disclosed_paths.end(), claim.path) !=
            match.disclosed_paths.end()) {
          continue;
        }
        match.disclosed_paths.push_back(claim.path);
        for (Selected& s : Satisfying(candidates[c].claims, claim)) match.concrete_paths.push_back(std::move(s.path));
      }
      query_match.matches.push_back(std::move(match));
    }
    if (query_match.matches.empty()) out.unmatched_queries.push_back(credential.id);
    out.queries.push_back(std::move(query_match));
  }
  const auto matched = [&](const std::string& id) {
    return std::find(out.unmatched_queries.begin(), out.unmatched_queries.end(), id) == out.unmatched_queries.end();
  };
  if (query.credential_sets.empty()) {
    out.satisfied = out.unmatched_queries.empty();
    return out;
  }
  out.satisfied = true;
  for (const CredentialSetQuery& set : query.credential_sets) {
    std::optional<std::size_t> chosen;
    for (std::size_t o = 0; o < set.options.size() && !chosen; ++o) {
      if (std::all_of(set.options[o].begin(), set.options[o].end(), matched)) chosen = o;
    }
    if (!chosen && set.required) out.satisfied = false;
    out.credential_set_options.push_back(chosen);
  }
  return out;
}

Status CheckPresentedClaims(const CredentialQuery& query, const Json& disclosed_claims) {
  if (query.claims.empty()) return Ok();
  if (SelectClaimsFor(query, disclosed_claims)) return Ok();
  // Name the first claim that is missing (or has a value outside `values`) for the message.
  for (const ClaimsQuery& claim : query.claims) {
    if (Satisfying(disclosed_claims, claim).empty()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "presentation for credential query '" + query.id + "' lacks claim " +
                      FormatClaimPathPointer(claim.path) + (claim.values ? " with an allowed value" : "") +
                      (query.claim_sets.empty() ? "" : " (no claim set is satisfied)"));
    }
  }
  return Fail(ErrorCode::kFailedPrecondition,
              "presentation for credential query '" + query.id + "' satisfies no claim set");
}

}  // namespace vaardig::oid4vc
