#include "verifier/web/assets.h"

#include <map>
#include <mutex>
#include <utility>

namespace vaardig::verifier::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr std::string_view kLayout = R"html(<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · {{t.app_name}}</title>
<link rel="stylesheet" href="/static/verifier.css">
{{#poll}}<script src="/static/verifier.js" defer></script>{{/poll}}
</head>
<body>
<header class="top"><a class="brand" href="/?lang={{lang}}">{{t.app_name}}</a>{{#organisation}} <span class="org">{{organisation}}</span>{{/organisation}}
<nav aria-label="{{t.language}}"><a href="{{other_lang_href}}" lang="{{other_lang}}">{{other_lang_label}}</a></nav></header>
<main id="main">
{{{body}}}
</main>
</body>
</html>
)html";

constexpr std::string_view kAsk = R"html(<h1>{{t.ask_title}}</h1>
<p>{{t.ask_intro}}</p>
<form method="post" action="/ask?lang={{lang}}" class="stack">
{{#has_skills}}<fieldset><legend>{{t.ask_skill}}</legend>
{{#skills}}<label class="choice"><input type="radio" name="skill" value="{{id}}"{{#first}} checked{{/first}}> {{name}}</label>
{{/skills}}<label class="choice"><input type="radio" name="skill" value=""> {{t.ask_any_skill}}</label>
</fieldset>{{/has_skills}}
<fieldset><legend>{{t.ask_level}}</legend>
<label class="choice"><input type="radio" name="min_level" value="1"> 1 · {{t.level_1}}</label>
<label class="choice"><input type="radio" name="min_level" value="2" checked> 2 · {{t.level_2}}</label>
<label class="choice"><input type="radio" name="min_level" value="3"> 3 · {{t.level_3}}</label>
</fieldset>
<label class="choice"><input type="checkbox" name="name" value="yes"> {{t.ask_name}}</label>
<p class="hint">{{t.ask_name_hint}}</p>
<button type="submit">{{t.ask_button}}</button>
</form>
{{#share_links}}<p><a href="/check?lang={{lang}}">{{t.check_title}}</a></p>{{/share_links}}
)html";

constexpr std::string_view kWaiting = R"html(<h1>{{t.wait_title}}</h1>
<p>{{asked}}</p>
<section aria-labelledby="scan-heading">
<h2 id="scan-heading">{{t.wait_scan}}</h2>
<div class="qr">{{{qr_svg}}}</div>
<p>{{t.wait_same_phone}}</p>
<p><a class="button wide" href="{{link}}">{{t.wait_open_wallet}}</a></p>
{{#web_wallet_href}}<p><a class="button wide secondary" href="{{web_wallet_href}}">{{t.wait_open_web_wallet}}</a></p>{{/web_wallet_href}}
<label class="field">{{t.wait_copy_link}}<textarea rows="3" readonly>{{link}}</textarea></label>
</section>
<p id="status" role="status" data-status-url="{{status_url}}">{{t.wait_status}}</p>
<p><a href="{{self_url}}">{{t.wait_refresh}}</a></p>
<p class="hint">{{t.wait_expires}} {{minutes}} {{t.minutes}}.</p>
)html";

constexpr std::string_view kResult = R"html(<h1 class="verdict {{verdict}}">{{verdict_text}}</h1>
{{#summary}}<p class="summary">{{summary}}</p>{{/summary}}
{{#reports}}<section class="report" aria-labelledby="report-{{index}}">
<h2 id="report-{{index}}">{{skill}}</h2>
<dl>
{{#level}}<dt>{{t.res_level}}</dt><dd>{{level}}</dd>{{/level}}
<dt>{{t.res_kind}}</dt><dd>{{kind}}</dd>
{{#by}}<dt>{{t.res_by}}</dt><dd>{{by}}</dd>{{/by}}
{{#at}}<dt>{{t.res_at}}</dt><dd>{{at}}</dd>{{/at}}
{{#holder}}<dt>{{t.res_holder}}</dt><dd>{{holder}}</dd>{{/holder}}
</dl>
<h3>{{t.res_checks}}</h3>
<ul class="checks">
{{#checks}}<li class="{{result}}"><span class="check-name">{{name}}</span> <span class="check-result">{{result_text}}</span>{{#detail}}<br><span class="hint">{{detail}}</span>{{/detail}}</li>
{{/checks}}</ul>
</section>
{{/reports}}
{{#wallet_error}}<p>{{t.res_refused}}</p>{{/wallet_error}}
<p><a class="button" href="/?lang={{lang}}">{{t.res_again}}</a></p>
)html";

constexpr std::string_view kCheck = R"html(<h1>{{t.check_title}}</h1>
<p>{{t.check_intro}}</p>
{{#error}}<p class="error" role="alert">{{error}}</p>{{#error_detail}}<p class="hint" lang="en">{{error_detail}}</p>{{/error_detail}}{{/error}}
<form method="post" action="/check?lang={{lang}}" class="stack">
<label class="field">{{t.check_link}}<textarea name="link" rows="3" required>{{link}}</textarea></label>
<button type="submit">{{t.check_button}}</button>
</form>
)html";

constexpr std::string_view kNotice = R"html(<h1>{{heading}}</h1>
<p>{{text}}</p>
<p><a class="button" href="/?lang={{lang}}">{{t.res_again}}</a></p>
)html";

using Texts = std::map<std::string, std::string, std::less<>>;

const Texts& Nl() {
  static const Texts texts = {
      {"app_name", "Vaardig controleren"}, {"language", "Taal"},
      {"ask_title", "Vaardigheden controleren"},
      {"ask_intro", "Vraag iemand om een vaardigheid te laten zien uit hun wallet. U ziet daarna of het bewijs echt is, van een erkende werkgever komt, nog geldig is en van deze persoon is."},
      {"ask_skill", "Welke vaardigheid?"}, {"ask_any_skill", "Elke vaardigheid"},
      {"ask_level", "Minimaal niveau"}, {"level_1", "met hulp"}, {"level_2", "zelfstandig"}, {"level_3", "kan het anderen leren"},
      {"ask_name", "Ik wil ook de naam zien"},
      {"ask_name_hint", "Vraag alleen om een naam als u die echt nodig hebt. Zonder naam ziet u alleen de vaardigheid."},
      {"ask_button", "Vraag aanmaken"},
      {"wait_title", "Laat de medewerker scannen"}, {"wait_scan", "Scan met de wallet"},
      {"wait_same_phone", "Op dezelfde telefoon? Open de wallet met de knop."}, {"wait_open_wallet", "Open in wallet"},
      {"wait_open_web_wallet", "Open in de Vaardig-wallet in de browser"},
      {"wait_copy_link", "Een wallet in de browser? Kopieer deze link en plak hem daar bij Delen."},
      {"wait_status", "Wacht op antwoord…"}, {"wait_refresh", "Vernieuwen"},
      {"wait_expires", "Deze vraag verloopt over"}, {"minutes", "minuten"},
      {"asked_skill", "Gevraagd: "}, {"asked_any", "een vaardigheid"}, {"asked_level", ", minimaal niveau "},
      {"asked_name", ", met naam"}, {"asked_no_name", ", zonder naam"},
      {"res_title", "Resultaat"}, {"res_level", "Niveau"}, {"res_kind", "Soort"}, {"res_by", "Bevestigd door"},
      {"res_at", "Bevestigd op"}, {"res_holder", "Naam"}, {"res_checks", "Wat is gecontroleerd"},
      {"res_refused", "De medewerker heeft niets gedeeld."}, {"res_again", "Nieuwe vraag"},
      {"kind_confirmed", "bevestigd door de werkgever (groen)"}, {"kind_self", "zelf opgegeven (blauw)"},
      {"kind_unknown", "niet vast te stellen"},
      {"verdict_valid", "Geldig"}, {"verdict_rejected", "Afgewezen"}, {"verdict_not_recognised", "Uitgever niet erkend"},
      {"verdict_could_not_check", "Kon niet worden gecontroleerd"}, {"verdict_refused", "Niet gedeeld"},
      {"verdict_expired", "Verlopen"},
      {"check_format", "Vorm van het bewijs"}, {"check_signature", "Echt (handtekening)"},
      {"check_issuer_trust", "Erkende uitgever"}, {"check_validity", "Geldig op deze datum"},
      {"check_holder_binding", "Echt van deze persoon"}, {"check_status", "Niet ingetrokken"},
      {"check_query", "Beantwoordt de vraag"}, {"check_endorsement", "Handtekening leidinggevende"},
      {"result_passed", "in orde"}, {"result_failed", "afgekeurd"}, {"result_could_not_check", "kon niet controleren"},
      {"result_skipped", "niet van toepassing"}, {"result_not_checked", "niet gecontroleerd"},
      {"not_found_title", "Deze vraag bestaat niet (meer)"},
      {"not_found_text", "Vragen verlopen na 10 minuten, en alleen wie de vraag maakte kan het antwoord zien."},
      {"bad_form_title", "Dat ging niet goed"},
      {"check_title", "Een gedeelde link controleren"},
      {"check_intro", "Hebt u van iemand een link naar een vaardigheid gekregen, bijvoorbeeld in een e-mail of een cv? Plak hem hier. U ziet daarna of het bewijs echt is, van een erkende werkgever komt, nog geldig is en door deze persoon is gedeeld."},
      {"check_link", "De link"}, {"check_button", "Controleren"},
      {"check_gone", "Deze link is ingetrokken door de houder, of verlopen."},
      {"check_unknown", "Deze link bestaat niet (meer) bij de wallet."},
      {"check_unreachable", "De wallet van deze link is nu niet bereikbaar. Probeer het later opnieuw."},
      {"check_bad", "Dit is geen geldige deellink, of hij is beschadigd. Kopieer de hele link, met het deel na #."},
      {"role_manager", "leidinggevende"}, {"role_hr", "HR"}, {"role_admin", "beheerder"}, {"role_employee", "collega"},
  };
  return texts;
}

const Texts& En() {
  static const Texts texts = {
      {"app_name", "Vaardig check"}, {"language", "Language"},
      {"ask_title", "Check skills"},
      {"ask_intro", "Ask someone to show a skill from their wallet. You then see whether the proof is genuine, comes from a recognised employer, is still valid and is really theirs."},
      {"ask_skill", "Which skill?"}, {"ask_any_skill", "Any skill"},
      {"ask_level", "Minimum level"}, {"level_1", "with help"}, {"level_2", "independently"}, {"level_3", "can teach others"},
      {"ask_name", "I also need the name"},
      {"ask_name_hint", "Only ask for a name if you really need it. Without it you only see the skill."},
      {"ask_button", "Create request"},
      {"wait_title", "Let the employee scan"}, {"wait_scan", "Scan with the wallet"},
      {"wait_same_phone", "On the same phone? Open the wallet with the button."}, {"wait_open_wallet", "Open in wallet"},
      {"wait_open_web_wallet", "Open in the Vaardig wallet in the browser"},
      {"wait_copy_link", "A wallet in the browser? Copy this link and paste it there under Share."},
      {"wait_status", "Waiting for an answer…"}, {"wait_refresh", "Refresh"},
      {"wait_expires", "This request expires in"}, {"minutes", "minutes"},
      {"asked_skill", "Asked: "}, {"asked_any", "a skill"}, {"asked_level", ", at least level "},
      {"asked_name", ", with name"}, {"asked_no_name", ", without name"},
      {"res_title", "Result"}, {"res_level", "Level"}, {"res_kind", "Kind"}, {"res_by", "Confirmed by"},
      {"res_at", "Confirmed on"}, {"res_holder", "Name"}, {"res_checks", "What was checked"},
      {"res_refused", "The employee shared nothing."}, {"res_again", "New request"},
      {"kind_confirmed", "confirmed by the employer (green)"}, {"kind_self", "self-declared (blue)"},
      {"kind_unknown", "cannot be established"},
      {"verdict_valid", "Valid"}, {"verdict_rejected", "Rejected"}, {"verdict_not_recognised", "Issuer not recognised"},
      {"verdict_could_not_check", "Could not be checked"}, {"verdict_refused", "Not shared"},
      {"verdict_expired", "Expired"},
      {"check_format", "Form of the proof"}, {"check_signature", "Genuine (signature)"},
      {"check_issuer_trust", "Recognised issuer"}, {"check_validity", "Valid on this date"},
      {"check_holder_binding", "Really theirs"}, {"check_status", "Not revoked"},
      {"check_query", "Answers the question"}, {"check_endorsement", "Manager's endorsement"},
      {"result_passed", "ok"}, {"result_failed", "failed"}, {"result_could_not_check", "could not check"},
      {"result_skipped", "not applicable"}, {"result_not_checked", "not checked"},
      {"not_found_title", "This request does not exist (any more)"},
      {"check_title", "Check a shared link"},
      {"check_intro", "Did someone send you a link to a skill, for example in an e-mail or a CV? Paste it here. You then see whether the proof is genuine, comes from a recognised employer, is still valid and was shared by this person."},
      {"check_link", "The link"}, {"check_button", "Check"},
      {"check_gone", "The holder has revoked this link, or it has expired."},
      {"check_unknown", "The wallet does not know this link (any more)."},
      {"check_unreachable", "The wallet of this link cannot be reached now. Try again later."},
      {"check_bad", "This is not a valid share link, or it is damaged. Copy the whole link, including the part after #."},
      {"not_found_text", "Requests expire after 10 minutes, and only whoever made one can see its answer."},
      {"bad_form_title", "That did not work"},
      {"role_manager", "manager"}, {"role_hr", "HR"}, {"role_admin", "administrator"}, {"role_employee", "colleague"},
  };
  return texts;
}

struct Templates {
  std::mutex mu;
  std::map<std::string, mustache, std::less<>> by_name;
  Templates() {
    for (auto [name, text] : std::initializer_list<std::pair<const char*, std::string_view>>{
             {"layout", kLayout}, {"ask", kAsk}, {"waiting", kWaiting}, {"result", kResult}, {"notice", kNotice}, {"check", kCheck}}) {
      by_name.emplace(name, mustache{std::string(text)});
    }
  }
};

Templates& All() {
  static Templates templates;
  return templates;
}

data TextData(std::string_view lang) {
  data t{data::type::object};
  for (const auto& [key, value] : (lang == "en" ? En() : Nl())) t.set(key, value);
  return t;
}

}  // namespace

std::string Text(std::string_view lang, std::string_view key) {
  const Texts& texts = lang == "en" ? En() : Nl();
  auto it = texts.find(key);
  return it == texts.end() ? std::string(key) : it->second;
}

std::string Render(std::string_view name, std::string_view lang, data page) {
  const std::string language = lang == "en" ? "en" : "nl";
  page.set("t", TextData(language));
  page.set("lang", language);
  Templates& templates = All();
  std::lock_guard lock(templates.mu);
  auto body = templates.by_name.find(name);
  if (body == templates.by_name.end()) return "";
  page.set("body", body->second.render(page));
  return templates.by_name.at("layout").render(page);
}

std::string_view Stylesheet() {
  static constexpr std::string_view kCss = R"css(:root{--ink:#1b1b1b;--muted:#545454;--line:#c8c8c8;--accent:#0b5cad;--ok:#1d6b2f;--bad:#a4161a;--warn:#8a5300;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;color:var(--ink);text-decoration:none}
.org{color:var(--muted)}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25}
a{color:var(--accent)}
.stack{display:flex;flex-direction:column;gap:1rem}
fieldset{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;gap:.75rem;align-items:center;min-height:3rem;padding:.25rem 0}
.choice input{width:1.5rem;height:1.5rem;flex:none}
button,.button{display:inline-block;min-height:3rem;padding:.75rem 1.25rem;border:0;border-radius:.5rem;background:var(--accent);color:#fff;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
.wide{display:block;width:100%}
.hint{color:var(--muted);font-size:.9375rem;overflow-wrap:anywhere}
.field{display:flex;flex-direction:column;gap:.25rem;font-weight:600}
textarea{font:inherit;padding:.625rem;border:1px solid var(--muted);border-radius:.375rem;width:100%}
.error{color:var(--bad);font-weight:600}
.qr{max-width:20rem;margin:0 auto;background:#fff;padding:.5rem}
.qr svg{display:block;width:100%;height:auto}
.verdict.valid{color:var(--ok)}
.verdict.rejected,.verdict.not_recognised{color:var(--bad)}
.verdict.could_not_check,.verdict.refused,.verdict.expired{color:var(--warn)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.checks{list-style:none;padding:0}
.checks li{padding:.5rem 0;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.checks .passed .check-result{color:var(--ok);font-weight:600}
.checks .failed .check-result{color:var(--bad);font-weight:600}
.checks .could_not_check .check-result{color:var(--warn);font-weight:600}
)css";
  return kCss;
}

std::string_view PollScript() {
  // Polls the status URL the page names until the answer is there, then reloads to show it.
  static constexpr std::string_view kJs = R"js((function () {
  var status = document.getElementById('status');
  if (!status || !status.dataset.statusUrl) return;
  var url = status.dataset.statusUrl;
  function poll() {
    fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (s) {
      if (s && s.state && s.state !== 'pending') { window.location.reload(); return; }
      setTimeout(poll, 2000);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
)js";
  return kJs;
}

}  // namespace vaardig::verifier::web
