// The page templates. Rules: {{x}} (escaped) for every value; {{{x}}} only for HTML this service
// rendered itself (the layout's {{{content}}}); no inline style or script (the CSP forbids them).
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

namespace {

constexpr std::string_view kLayout = R"html(<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} – Vaardig</title>
<link rel="stylesheet" href="/static/vaardig.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">{{t.skip_to_content}}</a>
<header class="site">
<a class="brand" href="/">Vaardig</a>
{{#signed_in}}
<nav aria-label="{{t.nav_label}}">
<ul>
{{#nav}}<li><a href="{{href}}">{{label}}</a></li>
{{/nav}}
</ul>
</nav>
<form method="post" action="/logout" class="logout">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit" class="secondary">{{t.logout}}</button>
</form>
{{/signed_in}}
</header>
<main id="main">
{{{content}}}
</main>
<footer class="site">
<p>{{organisation}}</p>
<p><a href="?lang=nl" lang="nl" hreflang="nl">Nederlands</a> · <a href="?lang=en" lang="en" hreflang="en">English</a></p>
</footer>
</body>
</html>
)html";

constexpr std::string_view kLogin = R"html(<h1>{{t.login_title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/login" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="lang" value="{{lang}}">
<label for="email">{{t.email}}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
<label for="password">{{t.password}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{{t.login_button}}</button>
</form>
)html";

constexpr std::string_view kHome = R"html(<h1>{{t.home_title}}</h1>
<p>{{t.hello}} <strong>{{name}}</strong></p>
<p>{{t.your_role}}: {{role_label}}</p>
<ul class="actions">
{{#links}}<li><a class="button" href="{{href}}">{{label}}</a></li>
{{/links}}
</ul>
)html";

constexpr std::string_view kError = R"html(<h1>{{heading}}</h1>
<p>{{message}}</p>
<p><a class="button" href="{{back_href}}">{{t.back}}</a></p>
)html";

}  // namespace

const std::vector<NamedTemplate>& Templates() {
  static const std::vector<NamedTemplate> templates = {
      {"layout", kLayout}, {"login", kLogin}, {"home", kHome}, {"error", kError}};
  return templates;
}

}  // namespace vaardig::issuer::web
