// The HR and administrator pages (issue 6 "Web pages"; DESIGN.md §1 "HR / administrator"),
// server-rendered with pages.h. HR and administrators only; everyone else gets the 403 page.
//   GET  /people              everyone, with a plain search (?q= on number, name, e-mail, team)
//   POST /people/import       an HR export (docs/people-import.md) uploaded (multipart field
//                             `file`) or pasted (field `csv`). action=preview (default) is a dry run
//                             that shows the diff — added, changed (field: old → new), missing (never
//                             deleted), new teams — and writes nothing; action=apply imports it
//                             (issuer/app/organisation.h ImportPeople: all or nothing, audited).
//                             A bad file shows the errors naming its rows; nothing is written.
//   GET  /catalogue           the skills by area, each with its ESCO link or "nog invullen"
//   POST /catalogue/import    a Vaardig catalogue CSV (docs/catalogue.md), uploaded or pasted;
//                             upserts skills (issuer/app/catalogue_store.h ImportSkills)
//   GET  /audit               AuditLog::Verify's result (intact with N entries, or broken at entry
//                             N) and the last 50 entries: time, actor, action, subject — no details
// POSTs need the CSRF token (`csrf` field, also as a multipart part). Uploads are limited to
// kMaxAdminUploadBytes (the server's body limit applies first).
#pragma once

#include <cstddef>

#include "core/http/router.h"
#include "issuer/app/issuer_app.h"

namespace vaardig::issuer {

inline constexpr std::size_t kMaxAdminUploadBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kAuditPageEntries = 50;

void RegisterAdminPages(http::Router& router, IssuerApp& app);

}  // namespace vaardig::issuer
