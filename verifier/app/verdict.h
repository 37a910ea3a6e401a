// The outcome of one verification, shared by the verifier's library (verifier/app) and its command
// line: verified, checked and rejected, or could not check (a failure that says nothing about the
// credential: a list or document that could not be fetched, an unsupported format, our own fault).
#pragma once

namespace vaardig::verifier {

enum class Verdict { kVerified, kRejected, kCouldNotCheck };

}  // namespace vaardig::verifier
