// The hosted wallet's web pages (issue 8): templates, plain-language texts in Dutch (default) and
// English, the stylesheet and the one script (it reads a QR code through the phone's camera with
// the browser's BarcodeDetector where there is one, and fills in the link; without it, pasting the
// link works the same). Rules as in the issuer's and verifier's pages: {{x}} for every value; no
// inline style or script (the server's CSP forbids both); phone first at 360 px, large touch
// targets, forms that work without JavaScript.
//
// Render: the layout with `body` rendered from the page template `name`, the texts of `lang`
// under "t" and `data` merged in. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

namespace vaardig::wallet::web {

[[nodiscard]] std::string Render(std::string_view name, std::string_view lang, kainjow::mustache::data data);
// A text of `lang`; the key itself when unknown.
[[nodiscard]] std::string Text(std::string_view lang, std::string_view key);

[[nodiscard]] std::string_view Stylesheet();
[[nodiscard]] std::string_view ScanScript();

}  // namespace vaardig::wallet::web
