#include "verifier/cli/canonicalize.h"

#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/encoding/json.h"
#include "core/w3c/jsonld.h"
#include "verifier/cli/app.h"

namespace vaardig::verifier::cli {
namespace {

constexpr std::size_t kMaxInputBytes = 4 << 20;

Result<std::string> ReadAll(const std::string& path, std::istream& in) {
  std::ifstream file;
  std::istream* source = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(ErrorCode::kNotFound, "cannot read " + path);
    source = &file;
  }
  std::string text;
  char buffer[8192];
  while (source->read(buffer, sizeof buffer) || source->gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(source->gcount()));
    if (text.size() > kMaxInputBytes) {
      return Fail(ErrorCode::kResourceExhausted, path + " is larger than 4 MiB");
    }
  }
  return text;
}

int CannotCanonicalize(const Error& error, std::ostream& err) {
  err << "vaardig-verifier: cannot canonicalize: " << error.ToString() << "\n";
  return kExitCouldNotCheck;
}

}  // namespace

int RunCanonicalize(const CanonicalizeArgs& args, std::istream& in, std::ostream& out,
                    std::ostream& err) {
  w3c::StaticDocumentLoader loader(&w3c::BundledContexts());
  for (const std::string& entry : args.contexts) {
    const std::size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size()) {
      return CannotCanonicalize(Error(ErrorCode::kInvalidArgument,
                                      "--context takes URL=FILE, got '" + entry + "'"),
                                err);
    }
    const std::string file = entry.substr(eq + 1);
    auto text = ReadAll(file, in);
    if (!text) return CannotCanonicalize(text.error().WithContext("--context"), err);
    if (auto added = loader.Add(entry.substr(0, eq), *text); !added) {
      return CannotCanonicalize(added.error().WithContext("--context " + file), err);
    }
  }
  auto text = ReadAll(args.input, in);
  if (!text) return CannotCanonicalize(text.error(), err);
  JsonLimits limits;
  limits.max_bytes = kMaxInputBytes;
  auto document = ParseJson(*text, limits);
  if (!document) return CannotCanonicalize(document.error().WithContext("the input is not JSON"), err);

  w3c::JsonLdOptions options;
  options.loader = &loader;
  options.safe_mode = !args.allow_undefined;  // what Data Integrity signs and verifies
  if (args.expand) {
    auto expanded = w3c::Expand(*document, options);
    if (!expanded) return CannotCanonicalize(expanded.error(), err);
    out << expanded->dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return kExitVerified;
  }
  auto canonical = w3c::CanonicalizeJsonLd(*document, options);
  if (!canonical) return CannotCanonicalize(canonical.error(), err);
  out << canonical->nquads;
  if (args.map) {
    for (const auto& [input_id, canonical_id] : canonical->issued_identifiers) {
      err << "_:" << input_id << " -> _:" << canonical_id << "\n";
    }
  }
  return kExitVerified;
}

}  // namespace vaardig::verifier::cli
