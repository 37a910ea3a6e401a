#include "verifier/app/share_link.h"

#include <algorithm>

#include "core/crypto/aead.h"
#include "core/encoding/base64url.h"
#include "core/encoding/json.h"
#include "core/http/message.h"
#include "verifier/app/pipeline.h"

namespace vaardig::verifier {
namespace {

constexpr std::size_t kMaxLinkBytes = 2048;
constexpr std::size_t kMaxDocumentBytes = 256 * 1024;
constexpr std::string_view kAad = "vaardig-share-link/v1";

bool IsLoopbackHttp(std::string_view url) {
  for (std::string_view prefix : {"http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/", "http://[::1]"}) {
    if (url.starts_with(prefix)) return true;
  }
  return false;
}

bool Base64UrlText(std::string_view s) {
  return std::ranges::all_of(s, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

Result<VerificationReport> VerifyShareLink(http::HttpFetcher& fetcher, const VerifierEngine& engine,
                                           std::string_view link, const ShareLinkOptions& options) {
  while (!link.empty() && (link.back() == ' ' || link.back() == '\n' || link.back() == '\r')) link.remove_suffix(1);
  while (!link.empty() && link.front() == ' ') link.remove_prefix(1);
  if (link.size() > kMaxLinkBytes) return Fail(ErrorCode::kInvalidArgument, "share link: too long to be a share link");
  const bool https = link.starts_with("https://");
  if (!https && !(options.allow_http_for_loopback && IsLoopbackHttp(link))) {
    return Fail(ErrorCode::kInvalidArgument, "share link: must be an https link from a wallet");
  }
  const std::size_t hash = link.find("#k=");
  if (hash == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "share link: the key part (#k=...) is missing; copy the whole link");
  }
  const std::string_view base = link.substr(0, hash);
  const std::string_view key_text = link.substr(hash + 3);
  const std::size_t slash = base.rfind("/s/");
  const std::string_view id = slash == std::string_view::npos ? std::string_view() : base.substr(slash + 3);
  if (id.size() != 22 || !Base64UrlText(id) || base.find_first_of("?# \t") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "share link: not a Vaardig share link (…/s/<id>#k=<key>)");
  }
  auto key_bytes = encoding::Base64UrlDecode(key_text);
  if (!key_bytes || key_bytes->size() != 32) return Fail(ErrorCode::kInvalidArgument, "share link: the key part is damaged");
  const crypto::SecretBytes key = crypto::SecretBytes::Adopt(std::move(*key_bytes));
  if (!options.allowed_origins.empty() &&
      std::ranges::find(options.allowed_origins, http::OriginOf(base)) == options.allowed_origins.end()) {
    return Fail(ErrorCode::kPermissionDenied, "share link: links from " + http::OriginOf(base) + " are not accepted here");
  }

  if (options.in_flight && options.in_flight->fetch_add(1) >= options.max_in_flight) {
    options.in_flight->fetch_sub(1);
    return Fail(ErrorCode::kUnavailable, "share link: the verifier is busy checking other links; try again in a moment");
  }
  auto response = fetcher.Get(base, {.max_body = kMaxDocumentBytes, .timeout = std::chrono::milliseconds(10'000)});
  if (options.in_flight) options.in_flight->fetch_sub(1);
  if (!response) {
    if (response.error().message().find("HTTP 404") != std::string::npos) {
      return Fail(ErrorCode::kNotFound, "share link: the wallet does not know this link");
    }
    if (response.error().message().find("HTTP 410") != std::string::npos) {
      return Fail(ErrorCode::kFailedPrecondition, "share link: the holder revoked this link, or it has expired");
    }
    // No transport detail for the caller: what a fetch found out about a host is not theirs to map.
    return Fail(ErrorCode::kUnavailable, "share link: the wallet could not be reached");
  }
  if (response->status == 404) return Fail(ErrorCode::kNotFound, "share link: the wallet does not know this link");
  if (response->status == 410) {
    return Fail(ErrorCode::kFailedPrecondition, "share link: the holder revoked this link, or it has expired");
  }
  if (response->status != 200) return Fail(ErrorCode::kUnavailable, "share link: the wallet could not be reached");
  auto document = ParseJson(response->body, {.max_bytes = kMaxDocumentBytes, .max_depth = 4});
  if (!document || !document->is_object() || document->value("type", "") != "vaardig-share-link" ||
      document->value("version", 0) != 1 || document->value("id", "") != id || !(*document)["sealed"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "share link: the wallet's answer is not a share link document");
  }
  // The wallet says when the link ends; a static copy (a link published as a file) is held to it too.
  const VerifyContext base_context = engine.Context("", "");
  if ((*document)["expires_at"].is_number_integer() && base_context.clock != nullptr &&
      (*document)["expires_at"].get<std::int64_t>() <= base_context.clock->NowSeconds()) {
    return Fail(ErrorCode::kFailedPrecondition, "share link: the holder revoked this link, or it has expired");
  }
  auto sealed = encoding::Base64UrlDecode((*document)["sealed"].get<std::string>());
  if (!sealed) return Fail(ErrorCode::kInvalidArgument, "share link: the sealed presentation is not base64url");
  Bytes aad(kAad.begin(), kAad.end());
  aad.push_back(0);
  aad.insert(aad.end(), id.begin(), id.end());
  auto opened = crypto::AeadOpen(key, *sealed, aad);
  if (!opened) return Fail(ErrorCode::kDataLoss, "share link: the presentation does not open with the link's key (changed, or another link)");
  const std::string plaintext(reinterpret_cast<const char*>(opened->Reveal().data()), opened->size());
  auto inner = ParseJson(plaintext, {.max_bytes = kMaxDocumentBytes, .max_depth = 4});
  if (!inner || !inner->is_object() || inner->value("format", "") != "dc+sd-jwt" || !(*inner)["presentation"].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "share link: the presentation is not an SD-JWT VC presentation");
  }
  VerifyContext context = engine.Context(std::string(base), std::string(id));
  context.key_binding_max_age_seconds = kMaxShareLinkAgeSeconds;
  return VerifyPresented({.format = "dc+sd-jwt", .data = (*inner)["presentation"].get<std::string>(), .query = nullptr},
                         context);
}

}  // namespace vaardig::verifier
