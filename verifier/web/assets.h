// The verifier's web pages (issue 9): templates, plain-language texts in Dutch and English, the
// stylesheet and the one script (it polls for the answer; pages work without it too, with a
// refresh link). Rules as in the issuer's pages: {{x}} for every value; {{{qr_svg}}} is the only
// unescaped value (SVG from http::QrCodeSvg); no inline style or script (the server's CSP forbids
// both); phone first at 360 px, large touch targets.
//
// Render: the layout with `body` rendered from the page template `name`, the texts of `lang`
// ("nl" or "en") under "t" and `data` merged in. Thread-safe (one lock around kainjow's render).
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace vaardig::verifier::web {

[[nodiscard]] std::string Render(std::string_view name, std::string_view lang, kainjow::mustache::data data);
// A text of `lang`; the key itself when unknown.
[[nodiscard]] std::string Text(std::string_view lang, std::string_view key);

[[nodiscard]] std::string_view Stylesheet();
[[nodiscard]] std::string_view PollScript();

}  // namespace vaardig::verifier::web
