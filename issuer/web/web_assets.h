// The issuer's web assets, compiled into the binary so the service never depends on its working
// directory: mustache templates (templates.cc), the message catalogue (messages.cc) and the style
// sheet (vaardig_css.cc).
#pragma once

#include <string_view>
#include <vector>

namespace vaardig::issuer::web {

struct NamedTemplate {
  std::string_view name;  // "layout", "login", "home", ...
  std::string_view text;  // mustache source
};
// Every template. "layout" wraps every page; it receives the page's rendered HTML as {{{content}}}.
[[nodiscard]] const std::vector<NamedTemplate>& Templates();

struct MessageEntry {
  std::string_view key;
  std::string_view nl;
  std::string_view en;
};
// The message catalogue: templates read these as {{t.<key>}}. Dutch is the default language.
[[nodiscard]] const std::vector<MessageEntry>& Messages();

// Further template and message sets, one pair per page group in its own file, so page groups can
// be written side by side. pages.cc reads every set; a template name or message key must be unique
// across all sets (a duplicate template name is reported as a render error).
// Manager and HR/admin pages: templates_manager.cc, messages_manager.cc.
[[nodiscard]] const std::vector<NamedTemplate>& ManagerTemplates();
[[nodiscard]] const std::vector<MessageEntry>& ManagerMessages();
// Served after VaardigCss() as part of /static/vaardig.css: tables, thumbnails, tags.
[[nodiscard]] std::string_view ManagerCss();

// Employee pages: templates_employee.cc (templates, messages, and EmployeeCss(), which pages.cc
// serves after VaardigCss() as /static/vaardig.css).
[[nodiscard]] const std::vector<NamedTemplate>& EmployeeTemplates();
[[nodiscard]] const std::vector<MessageEntry>& EmployeeMessages();
[[nodiscard]] std::string_view EmployeeCss();

// Collecting a credential in a wallet (QR code, link, PIN): templates_collect.cc (templates and
// CollectCss(), served after the others as part of /static/vaardig.css), messages_collect.cc.
[[nodiscard]] const std::vector<NamedTemplate>& CollectTemplates();
[[nodiscard]] const std::vector<MessageEntry>& CollectMessages();
[[nodiscard]] std::string_view CollectCss();

// Issued credentials (overview, revoke/suspend/unsuspend, HR's direct issuance):
// templates_credentials.cc, messages_credentials.cc (styles are in CollectCss()).
[[nodiscard]] const std::vector<NamedTemplate>& CredentialTemplates();
[[nodiscard]] const std::vector<MessageEntry>& CredentialMessages();

// /static/vaardig.css: phone first (360 px), large touch targets, WCAG 2.1 AA contrast, visible focus.
[[nodiscard]] std::string_view VaardigCss();

}  // namespace vaardig::issuer::web
