// The templates for collecting a credential in a wallet (issuer/http/pages_collect.h): the start
// page and the offer page with the QR code, the same-phone link and the PIN. Same rules as
// templates.cc: {{x}} for every value, no inline style or script, the CSRF token in every POST
// form. The one {{{x}}} is qr_svg: SVG that http::QrCodeSvg rendered (its only text, the title,
// is escaped there). Names start with "col_".
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

namespace {

constexpr std::string_view kCollectStart = R"html(<h1>{{t.col_title}}</h1>
<p><strong>{{skill}}</strong> · {{level}}</p>
<p>{{t.col_intro}}</p>
<ol class="steps">
<li>{{t.col_step_wallet}}</li>
<li>{{t.col_step_scan}}</li>
<li>{{t.col_step_pin}}</li>
</ol>
<form method="post" action="/claims/{{id}}/collect" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit">{{t.col_button}}</button>
</form>
<p><a href="/claims/{{id}}">{{t.col_back_to_skill}}</a></p>
)html";

constexpr std::string_view kCollectOffer = R"html(<h1>{{t.col_title}}</h1>
<p><strong>{{skill}}</strong> · {{level}}{{#person}} · {{person}}{{/person}}</p>
<section class="collect" aria-labelledby="scan-heading">
<h2 id="scan-heading">{{t.col_scan_heading}}</h2>
<p>{{t.col_scan_text}}</p>
<div class="qr">{{{qr_svg}}}</div>
<p>{{t.col_same_phone}}</p>
<p><a class="button wide" href="{{offer_link}}">{{t.col_open_wallet}}</a></p>
{{#web_wallet_href}}<p><a class="button wide secondary-link" href="{{web_wallet_href}}">{{t.col_open_web_wallet}}</a></p>{{/web_wallet_href}}
<label class="field" for="offer-link">{{t.col_copy_link}}</label>
<textarea id="offer-link" rows="3" readonly>{{offer_link}}</textarea>
</section>
<section class="pin-box" aria-labelledby="pin-heading">
<h2 id="pin-heading">{{t.col_pin_heading}}</h2>
<p class="pin" id="pin">{{pin}}</p>
<p>{{t.col_pin_explain}}</p>
<p><strong>{{t.col_pin_never_share}}</strong></p>
</section>
<p>{{t.col_expires}} <time datetime="{{expires_at}}">{{expires_time}}</time> ({{minutes}} {{t.col_minutes}}).</p>
<form method="post" action="{{new_code_action}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
{{#resend}}<input type="hidden" name="{{name}}" value="{{value}}">
{{/resend}}
<p class="hint">{{t.col_new_code_hint}}</p>
<button type="submit" class="secondary">{{t.col_new_code}}</button>
</form>
<p><a href="{{back_href}}">{{back_label}}</a></p>
)html";

}  // namespace

const std::vector<NamedTemplate>& CollectTemplates() {
  static const std::vector<NamedTemplate> templates = {{"col_start", kCollectStart}, {"col_offer", kCollectOffer}};
  return templates;
}

// The QR code keeps a white background and black modules whatever the theme; it is at most 20rem
// wide and never wider than the screen. The PIN is large and spaced, in a tabular monospace font.
std::string_view CollectCss() {
  return R"css(.qr { background: #ffffff; padding: 0.5rem; border: 1px solid #6b6b6b; border-radius: 6px;
  max-width: 20rem; margin: 1rem auto; }
.qr svg { display: block; width: 100%; height: auto; }
.button.wide { width: 100%; }
.pin-box { border: 2px solid #0b4f9c; border-radius: 6px; padding: 0.75rem 1rem; margin: 1.5rem 0; }
.pin-box h2 { margin-top: 0; }
.pin { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 2.5rem; font-weight: 700;
  letter-spacing: 0.3em; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
.steps li { margin: 0.25rem 0; }
.cred-state { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; border: 2px solid #3d3d3d;
  font-weight: 700; font-size: 0.9rem; }
.cred-state.valid { border-color: #1e6b30; color: #1e6b30; }
.cred-state.suspended { border-color: #7a4b00; color: #7a4b00; }
.cred-state.revoked { border-color: #a4001c; color: #a4001c; }
details.change { margin-top: 0.5rem; }
details.change summary { min-height: 48px; display: flex; align-items: center; cursor: pointer; font-weight: 600;
  color: #0b4f9c; }
button.danger { background: #a4001c; border-color: #a4001c; }
button.danger:hover { background: #7d0015; border-color: #7d0015; }
)css";
}

}  // namespace vaardig::issuer::web
