// Error and Result: how every fallible call in Vaardig reports failure.
//
// Every fallible function returns `Result<T>` (= std::expected<T, Error>) and is marked
// [[nodiscard]]. An Error carries a specific code and a message a person can act on. Library
// exceptions (nlohmann::json, Boost, ...) are caught at the edge of the layer that calls the library
// and turned into an Error; nothing throws across a layer boundary.
//
// Verifiers distinguish "could not check" from "checked and rejected": see IsCouldNotCheck().
#pragma once

#include <expected>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace vaardig {

enum class ErrorCode {
  kInvalidArgument,     // malformed input: bad encoding, bad JSON, wrong shape
  kUnauthenticated,     // a signature, MAC, proof or password did not verify
  kPermissionDenied,    // authenticated but not allowed (wrong role, untrusted issuer)
  kNotFound,            // the thing asked for does not exist (key id, DID, verification method)
  kAlreadyExists,       // would create a duplicate
  kFailedPrecondition,  // valid input in the wrong state (expired, not yet valid, revoked, used nonce)
  kResourceExhausted,   // a limit was hit (size, depth, count, rate)
  kUnimplemented,       // well-formed but outside what we support (an algorithm we do not offer)
  kUnavailable,         // a dependency could not be reached (network, status list)
  kDeadlineExceeded,    // a timeout
  kAborted,             // a concurrent change won (retry may succeed)
  kDataLoss,            // stored data is corrupt
  kInternal,            // a broken invariant or a failing system/library call
};

// Stable snake_case name of a code ("invalid_argument"), used in logs, JSON bodies and reports.
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  [[nodiscard]] ErrorCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }

  // "invalid_argument: <message>".
  [[nodiscard]] std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>", keeping the code.
  [[nodiscard]] Error WithContext(std::string_view context) const;

  friend bool operator==(const Error&, const Error&) = default;

 private:
  ErrorCode code_;
  std::string message_;
};

std::ostream& operator<<(std::ostream& os, const Error& e);
std::ostream& operator<<(std::ostream& os, ErrorCode c);

// True when the error means the check could not be carried out (unknown key, unreachable status
// list, unsupported algorithm, malformed input) rather than that it was carried out and failed.
[[nodiscard]] bool IsCouldNotCheck(ErrorCode code);

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

// Shorthands: `return Fail(ErrorCode::kInvalidArgument, "...")` works for any Result<T>.
[[nodiscard]] inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(std::in_place, code, std::move(message));
}
[[nodiscard]] inline std::unexpected<Error> Fail(Error error) {
  return std::unexpected<Error>(std::move(error));
}
[[nodiscard]] inline Status Ok() { return {}; }

}  // namespace vaardig

// Propagates the error of a Result expression, otherwise yields nothing. For Result<void> or when
// the value is not needed.
#define VAARDIG_RETURN_IF_ERROR(expr)                                   \
  do {                                                                  \
    if (auto vaardig_status_ = (expr); !vaardig_status_) [[unlikely]] { \
      return ::std::unexpected(std::move(vaardig_status_).error());     \
    }                                                                   \
  } while (false)

#define VAARDIG_CONCAT_INNER_(a, b) a##b
#define VAARDIG_CONCAT_(a, b) VAARDIG_CONCAT_INNER_(a, b)

// `VAARDIG_ASSIGN_OR_RETURN(auto x, Parse(...));` declares x from the value or returns the error.
#define VAARDIG_ASSIGN_OR_RETURN(lhs, expr) \
  VAARDIG_ASSIGN_OR_RETURN_IMPL_(VAARDIG_CONCAT_(vaardig_result_, __LINE__), lhs, expr)
#define VAARDIG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)     \
  auto tmp = (expr);                                       \
  if (!tmp) [[unlikely]] {                                 \
    return ::std::unexpected(std::move(tmp).error());      \
  }                                                        \
  lhs = std::move(*tmp)
