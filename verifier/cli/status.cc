#include "verifier/cli/status.h"

#include <fstream>
#include <memory>

#include "core/common/clock.h"
#include "core/dataintegrity/verification_key.h"
#include "core/did/resolver.h"
#include "core/encoding/json.h"
#include "core/http/client.h"
#include "core/status/bitstring_status_list_credential.h"
#include "verifier/cli/app.h"

namespace vaardig::verifier::cli {
namespace {

constexpr std::size_t kMaxListFileBytes = 4 << 20;

Result<Json> ReadList(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "--list: cannot read " + path);
  std::string text(kMaxListFileBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  JsonLimits limits;
  limits.max_bytes = kMaxListFileBytes;
  auto json = ParseJson(text, limits);
  if (!json) return Fail(json.error().WithContext("--list " + path));
  return *json;
}

int EmitError(const Error& error, Json report, std::ostream& out, std::ostream& err) {
  const bool could_not_check = IsCouldNotCheck(error.code());
  report["valid"] = false;
  report["error"] = {{"code", std::string(ErrorCodeName(error.code()))}, {"message", error.message()}};
  out << report.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  err << "vaardig-verifier: " << (could_not_check ? "could not check: " : "rejected: ") << error.ToString() << "\n";
  return could_not_check ? kExitCouldNotCheck : kExitRejected;
}

}  // namespace

int RunStatus(const StatusArgs& args, std::ostream& out, std::ostream& err) {
  Json report = Json::object();
  auto credential = ReadList(args.list);
  if (!credential) return EmitError(credential.error(), report, out, err);

  SystemClock clock;
  std::unique_ptr<http::HttpFetcher> fetcher;
  if (!args.offline) {
    auto created = http::BeastHttpFetcher::Create();
    if (!created) return EmitError(created.error(), report, out, err);
    fetcher = std::move(*created);
  }
  did::DidResolver resolver(fetcher.get(), {.allow_http_for_loopback = args.allow_http_loopback, .clock = &clock});
  auto verified = status::VerifyBitstringStatusListCredential(
      *credential, dataintegrity::DidVerificationKeyLookup(resolver), {.clock = &clock});
  if (!verified) return EmitError(verified.error(), report, out, err);
  report["list"] = {{"id", verified->id},
                    {"issuer", verified->issuer},
                    {"statusPurpose", verified->status_purposes},
                    {"verificationMethod", verified->verification_method}};

  const status::BitstringStatusEntry entry{.id = "", .status_purpose = args.purpose,
                                           .status_list_index = args.index,
                                           .status_list_credential = verified->id, .status_size = args.status_size};
  auto status = status::ReadBitstringStatus(*verified, entry, args.issuer);
  if (!status) return EmitError(status.error(), report, out, err);
  report["valid"] = status->valid;
  report["status"] = {{"purpose", status->purpose},
                      {"index", status->index},
                      {"value", status->value},
                      {"valid", status->valid}};
  out << report.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  if (!status->valid) {
    err << "vaardig-verifier: rejected: entry " << status->index << " is set (" << status->purpose << ")\n";
    return kExitRejected;
  }
  return kExitVerified;
}

}  // namespace vaardig::verifier::cli
