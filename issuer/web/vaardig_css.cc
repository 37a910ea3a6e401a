// /static/vaardig.css. Phone first: one column from 360 px up, 48 px touch targets, 18 px text.
// Colours meet WCAG 2.1 AA: text #1b1b1b on #ffffff (17:1), links and buttons #0b4f9c (8.6:1 on
// white; white on it the same), errors #a4001c (8.3:1). Focus: a 3 px outline in near-black with
// a yellow halo, visible on every background we use.
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

std::string_view VaardigCss() {
  return R"css(*, *::before, *::after { box-sizing: border-box; }
html { font-size: 112.5%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
  color: #1b1b1b; background: #ffffff; min-width: 320px; }
a { color: #0b4f9c; text-underline-offset: 0.15em; }
a:hover { color: #083a73; }
:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffd84d; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: #ffffff; padding: 0.75rem 1rem; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 1rem;
  border-bottom: 2px solid #0b4f9c; }
header.site .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; min-height: 48px;
  display: inline-flex; align-items: center; }
header.site nav { flex: 1 1 100%; order: 3; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
header.site nav a { display: inline-flex; align-items: center; min-height: 48px; }
header.site .logout { margin-left: auto; }
main { padding: 1rem; max-width: 40rem; margin: 0 auto; }
footer.site { padding: 1rem; border-top: 1px solid #6b6b6b; color: #3d3d3d; }
footer.site a { display: inline-block; min-height: 48px; padding: 0.75rem 0.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
.stack { display: flex; flex-direction: column; gap: 0.5rem; }
label { font-weight: 600; margin-top: 0.5rem; }
input, select, textarea { font: inherit; min-height: 48px; padding: 0.5rem 0.75rem; border: 2px solid #5a5a5a;
  border-radius: 6px; width: 100%; color: #1b1b1b; background: #ffffff; }
button, .button { font: inherit; font-weight: 600; display: inline-flex; align-items: center; justify-content: center;
  min-height: 48px; min-width: 48px; padding: 0.5rem 1.25rem; border: 2px solid #0b4f9c; border-radius: 6px;
  background: #0b4f9c; color: #ffffff; text-decoration: none; cursor: pointer; }
button:hover, .button:hover { background: #083a73; border-color: #083a73; color: #ffffff; }
button.secondary, .button.secondary-link { background: #ffffff; color: #0b4f9c; }
button.secondary:hover, .button.secondary-link:hover { background: #e8f0fa; color: #083a73; }
.stack button { margin-top: 1rem; width: 100%; }
.error { color: #a4001c; border-left: 4px solid #a4001c; padding: 0.5rem 0.75rem; background: #fdf0f2; }
.actions { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 0.75rem; }
.actions .button { width: 100%; }
@media (min-width: 40rem) {
  header.site nav { flex: 1 1 auto; order: 0; }
  .stack button { width: auto; align-self: flex-start; }
}
)css";
}

}  // namespace vaardig::issuer::web
