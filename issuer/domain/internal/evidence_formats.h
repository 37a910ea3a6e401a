// Private to issuer/domain: the per-format walkers behind SanitizeEvidence. Each takes bytes
// whose magic number already matched and returns the rebuilt bytes, appending what it dropped to
// `removed` (each kind once).
#pragma once

#include <string>
#include <vector>

#include "core/common/bytes.h"
#include "core/common/error.h"

namespace vaardig::issuer::internal {

[[nodiscard]] Result<Bytes> SanitizeJpeg(ByteView in, std::vector<std::string>& removed);
[[nodiscard]] Result<Bytes> SanitizePng(ByteView in, std::vector<std::string>& removed);
[[nodiscard]] Status CheckPdf(ByteView in);

// Appends `what` unless it is already listed.
void NoteRemoved(std::vector<std::string>& removed, std::string what);

}  // namespace vaardig::issuer::internal
