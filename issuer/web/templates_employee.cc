// The employee's pages (issuer/http/pages_employee.h): templates, texts and styles. Kept apart from
// templates.cc and messages.cc so the employee pages and the manager/HR pages can grow side by side;
// pages.cc compiles EmployeeTemplates() with Templates() and reads EmployeeMessages() with Messages().
//
// Blue and green are never told apart by colour alone: each badge has an icon character and a text
// label ("Zelf opgegeven" / "Bevestigd"), and the two kinds are separate sections with headings.
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

namespace {

constexpr std::string_view kClaims = R"html(<h1>{{t.emp_claims_title}}</h1>
<p><a class="button" href="/claims/new">{{t.link_record_skill}}</a></p>
<section class="claims green" aria-labelledby="green-heading">
<h2 id="green-heading"><span class="badge green"><span aria-hidden="true">✔</span> {{t.emp_green}}</span></h2>
<p class="hint">{{t.emp_green_hint}}</p>
{{#no_green}}<p>{{t.emp_no_green}}</p>{{/no_green}}
{{#green_groups}}
<h3>{{area}}</h3>
<ul class="cards">
{{#claims}}<li class="card green">
<a href="/claims/{{id}}">{{skill}}</a>
<span class="badge green"><span aria-hidden="true">✔</span> {{t.emp_green}}</span>
<dl>
<dt>{{t.emp_my_level}}</dt><dd>{{self_level}}</dd>
<dt>{{t.emp_manager_level}}</dt><dd>{{endorser_level}}</dd>
<dt>{{t.emp_confirmed_by}}</dt><dd>{{endorser_name}}, {{confirmed_on}}</dd>
</dl>
</li>
{{/claims}}
</ul>
{{/green_groups}}
</section>
<section class="claims blue" aria-labelledby="blue-heading">
<h2 id="blue-heading"><span class="badge blue"><span aria-hidden="true">●</span> {{t.emp_blue}}</span></h2>
<p class="hint">{{t.emp_blue_hint}}</p>
{{#no_blue}}<p>{{t.emp_no_blue}}</p>{{/no_blue}}
{{#blue_groups}}
<h3>{{area}}</h3>
<ul class="cards">
{{#claims}}<li class="card blue">
<a href="/claims/{{id}}">{{skill}}</a>
<span class="badge blue"><span aria-hidden="true">●</span> {{t.emp_blue}}</span>
<dl>
<dt>{{t.emp_my_level}}</dt><dd>{{self_level}}</dd>
<dt>{{t.emp_state}}</dt><dd>{{state_text}}</dd>
</dl>
</li>
{{/claims}}
</ul>
{{/blue_groups}}
</section>
{{#has_credentials}}<section aria-labelledby="wallet-heading">
<h2 id="wallet-heading">{{t.cred_mine_heading}}</h2>
<p class="hint">{{t.cred_mine_hint}}</p>
<ul class="cards">
{{#my_credentials}}<li class="card">
<p><strong>{{skill}}</strong> · {{format}}</p>
<p><span class="cred-state {{state}}">{{state_text}}</span></p>
<dl>
<dt>{{t.cred_level}}</dt><dd>{{level}}</dd>
<dt>{{t.cred_issued_on}}</dt><dd>{{issued_on}}</dd>
{{#reason}}<dt>{{t.cred_reason}}</dt><dd class="note">{{reason}}</dd>{{/reason}}
</dl>
</li>
{{/my_credentials}}
</ul>
</section>{{/has_credentials}}
)html";

constexpr std::string_view kNewClaim = R"html(<h1>{{t.emp_new_title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="get" action="/claims/new" class="search" role="search">
<label for="q">{{t.emp_search_label}}</label>
<input id="q" name="q" type="search" value="{{q}}" maxlength="200">
<button type="submit" class="secondary">{{t.emp_search_button}}</button>
</form>
{{#search_error}}<p class="error" role="alert">{{search_error}}</p>{{/search_error}}
<form method="post" action="/claims" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset>
<legend>{{t.emp_which_skill}}</legend>
{{#roadmaps}}
<h2>{{t.emp_from_roadmap}}: {{name}}</h2>
{{#columns}}
<fieldset class="choices">
<legend>{{title}}</legend>
{{#skills}}<div class="choice"><input type="radio" name="skill_id" id="{{input_id}}" value="{{value}}"{{#checked}} checked{{/checked}}>
<label for="{{input_id}}">{{name}}</label></div>
{{/skills}}
</fieldset>
{{/columns}}
{{/roadmaps}}
<h2>{{t.emp_from_catalogue}}</h2>
{{#no_results}}<p>{{t.emp_no_results}}</p>{{/no_results}}
{{#areas}}
<fieldset class="choices">
<legend>{{area}}</legend>
{{#skills}}<div class="choice"><input type="radio" name="skill_id" id="{{input_id}}" value="{{value}}"{{#checked}} checked{{/checked}}>
<label for="{{input_id}}">{{name}}</label></div>
{{/skills}}
</fieldset>
{{/areas}}
{{#truncated}}<p class="hint">{{t.emp_truncated}}</p>{{/truncated}}
</fieldset>
<fieldset class="levels">
<legend>{{t.emp_how_well}}</legend>
{{#levels}}<div class="level"><input type="radio" name="self_level" id="level-{{value}}" value="{{value}}" required{{#checked}} checked{{/checked}}>
<label for="level-{{value}}"><strong>{{label}}</strong> <span>{{hint}}</span></label></div>
{{/levels}}
</fieldset>
<label for="frequency">{{t.emp_how_often}}</label>
<select id="frequency" name="frequency">
{{#frequencies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/frequencies}}
</select>
<label for="note">{{t.emp_note}}</label>
<p class="hint" id="note-hint">{{t.emp_note_hint}}</p>
<textarea id="note" name="note" rows="4" maxlength="{{max_note}}" aria-describedby="note-hint">{{note}}</textarea>
<button type="submit">{{t.emp_save}}</button>
</form>
)html";

constexpr std::string_view kClaim = R"html(<h1>{{skill}}</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#green}}<p><span class="badge green"><span aria-hidden="true">✔</span> {{t.emp_green}}</span></p>
<p>{{t.emp_is_confirmed}}</p>{{/green}}
{{^green}}<p><span class="badge blue"><span aria-hidden="true">●</span> {{t.emp_blue}}</span></p>{{/green}}
<dl class="facts">
<dt>{{t.emp_state}}</dt><dd>{{state_text}}</dd>
<dt>{{t.emp_my_level}}</dt><dd>{{self_level}}</dd>
{{#green}}<dt>{{t.emp_manager_level}}</dt><dd>{{endorser_level}}</dd>
<dt>{{t.emp_confirmed_by}}</dt><dd>{{endorser_name}}, {{confirmed_on}}</dd>
{{#endorser_comment}}<dt>{{t.emp_manager_comment}}</dt><dd>{{endorser_comment}}</dd>{{/endorser_comment}}{{/green}}
{{#frequency}}<dt>{{t.emp_how_often}}</dt><dd>{{frequency}}</dd>{{/frequency}}
{{#note}}<dt>{{t.emp_note}}</dt><dd class="note">{{note}}</dd>{{/note}}
<dt>{{t.emp_recorded_on}}</dt><dd>{{created_on}}</dd>
{{#waiting_for}}<dt>{{t.emp_asked}}</dt><dd>{{waiting_for}}</dd>{{/waiting_for}}
</dl>
{{#green}}<section aria-labelledby="wallet-heading">
<h2 id="wallet-heading">{{t.col_in_wallet_heading}}</h2>
<p>{{t.col_intro}}</p>
<form method="post" action="/claims/{{id}}/collect" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit">{{t.col_button}}</button>
</form>
</section>{{/green}}
{{#info_requested}}
<section aria-labelledby="question-heading">
<h2 id="question-heading">{{t.emp_question_from}} {{asker}}</h2>
<p class="question">{{question}}</p>
<form method="post" action="/claims/{{id}}/information" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="answer">{{t.emp_your_answer}}</label>
<textarea id="answer" name="message" rows="4" required></textarea>
<button type="submit">{{t.emp_send_answer}}</button>
</form>
</section>
{{/info_requested}}
<section aria-labelledby="evidence-heading">
<h2 id="evidence-heading">{{t.emp_evidence}}</h2>
{{^evidence}}<p>{{t.emp_no_evidence}}</p>{{/evidence}}
<ul class="evidence">
{{#evidence}}<li><a href="/evidence/{{id}}">{{name}}</a> ({{kind}}, {{size}})</li>
{{/evidence}}
</ul>
{{#can_upload}}
<form method="post" action="/claims/{{id}}/evidence" enctype="multipart/form-data" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint" id="file-hint">{{t.emp_file_hint}} {{max_mb}} MB.</p>
<label for="photo">{{t.emp_take_photo}}</label>
<input id="photo" name="file" type="file" accept="image/*" capture="environment" aria-describedby="file-hint">
<label for="file">{{t.emp_choose_file}}</label>
<input id="file" name="file" type="file" accept="image/*,application/pdf" aria-describedby="file-hint">
<button type="submit">{{t.emp_upload}}</button>
</form>
{{/can_upload}}
</section>
{{#can_ask}}
<section aria-labelledby="ask-heading">
<h2 id="ask-heading">{{t.emp_ask_heading}}</h2>
<p>{{t.emp_will_be_asked}} <strong>{{manager}}</strong></p>
<form method="post" action="/claims/{{id}}/ask" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="message">{{t.emp_ask_message}}</label>
<textarea id="message" name="message" rows="3"></textarea>
<button type="submit">{{t.emp_ask_button}}</button>
</form>
</section>
{{/can_ask}}
{{#no_manager}}<p class="hint">{{t.emp_no_manager}}</p>{{/no_manager}}
{{#can_withdraw}}
<form method="post" action="/claims/{{id}}/withdraw" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit" class="secondary">{{t.emp_withdraw}}</button>
</form>
{{/can_withdraw}}
<p><a href="/claims">{{t.emp_back_to_list}}</a></p>
)html";

}  // namespace

const std::vector<NamedTemplate>& EmployeeTemplates() {
  static const std::vector<NamedTemplate> templates = {
      {"emp_claims", kClaims}, {"emp_new_claim", kNewClaim}, {"emp_claim", kClaim}};
  return templates;
}

const std::vector<MessageEntry>& EmployeeMessages() {
  static const std::vector<MessageEntry> messages = {
      {"emp_claims_title", "Mijn vaardigheden", "My skills"},
      {"emp_new_title", "Vaardigheid vastleggen", "Record a skill"},
      {"emp_claim_title", "Vaardigheid", "Skill"},
      {"emp_green", "Bevestigd", "Confirmed"},
      {"emp_blue", "Zelf opgegeven", "Self-declared"},
      {"emp_green_hint", "Uw leidinggevende heeft deze vaardigheden bevestigd.",
       "Your manager has confirmed these skills."},
      {"emp_blue_hint", "Deze vaardigheden heeft u zelf opgegeven. Alleen u ziet ze, tot u om bevestiging vraagt.",
       "You recorded these skills yourself. Only you see them until you ask for confirmation."},
      {"emp_no_green", "Nog geen bevestigde vaardigheden.", "No confirmed skills yet."},
      {"emp_no_blue", "Geen zelf opgegeven vaardigheden.", "No self-declared skills."},
      {"emp_area_other", "Overig", "Other"},
      {"emp_my_level", "Mijn niveau", "My level"},
      {"emp_manager_level", "Niveau volgens leidinggevende", "Level according to my manager"},
      {"emp_confirmed_by", "Bevestigd door", "Confirmed by"},
      {"emp_manager_comment", "Opmerking van de leidinggevende", "Manager's comment"},
      {"emp_state", "Status", "Status"},
      {"emp_state_private", "Alleen voor mij, nog niet gevraagd", "Only for me, not asked yet"},
      {"emp_state_requested", "Wacht op bevestiging", "Waiting for confirmation"},
      {"emp_state_info_requested", "Leidinggevende vraagt meer informatie", "Your manager asks for more information"},
      {"emp_state_declined", "Afgewezen", "Declined"},
      {"emp_state_confirmed", "Bevestigd", "Confirmed"},
      {"emp_state_withdrawn", "Ingetrokken", "Withdrawn"},
      {"emp_is_confirmed", "Deze vaardigheid is bevestigd.", "This skill is confirmed."},
      {"emp_level_1", "Met hulp", "With help"},
      {"emp_level_2", "Zelfstandig", "On my own"},
      {"emp_level_3", "Kan het anderen leren", "Can teach it to others"},
      {"emp_level_1_hint", "Ik doe het samen met een collega of met hulp.", "I do it with a colleague or with help."},
      {"emp_level_2_hint", "Ik doe het alleen, zonder hulp.", "I do it alone, without help."},
      {"emp_level_3_hint", "Ik doe het alleen en leer het ook aan anderen.", "I do it alone and also teach it to others."},
      {"emp_freq_none", "Zeg ik liever niet", "I'd rather not say"},
      {"emp_freq_rarely", "Soms", "Now and then"},
      {"emp_freq_monthly", "Elke maand", "Every month"},
      {"emp_freq_weekly", "Elke week", "Every week"},
      {"emp_freq_daily", "Elke dag", "Every day"},
      {"emp_search_label", "Zoek een vaardigheid", "Search for a skill"},
      {"emp_search_button", "Zoeken", "Search"},
      {"emp_search_too_long", "Uw zoekwoord is te lang.", "Your search is too long."},
      {"emp_which_skill", "Welke vaardigheid?", "Which skill?"},
      {"emp_from_roadmap", "Uit de Roadmap van mijn team", "From my team's Roadmap"},
      {"emp_from_catalogue", "Uit de catalogus", "From the catalogue"},
      {"emp_no_results", "Niets gevonden. Probeer een ander woord.", "Nothing found. Try another word."},
      {"emp_truncated", "Niet alles staat hier. Zoek om de lijst korter te maken.",
       "Not everything is listed. Search to make the list shorter."},
      {"emp_how_well", "Hoe goed kunt u het?", "How well can you do it?"},
      {"emp_how_often", "Hoe vaak doet u het?", "How often do you do it?"},
      {"emp_note", "Toelichting", "Note"},
      {"emp_note_hint", "Bijvoorbeeld: waar en wanneer u het deed. Niet verplicht.",
       "For example: where and when you did it. Optional."},
      {"emp_save", "Opslaan", "Save"},
      {"emp_pick_skill", "Kies een vaardigheid uit de lijst.", "Choose a skill from the list."},
      {"emp_pick_level", "Kies hoe goed u het kunt.", "Choose how well you can do it."},
      {"emp_claim_invalid", "Dit kan zo niet worden opgeslagen. Is de toelichting korter dan 2000 tekens?",
       "This cannot be saved like this. Is the note shorter than 2000 characters?"},
      {"emp_recorded_on", "Vastgelegd op", "Recorded on"},
      {"emp_asked", "Gevraagd aan", "Asked"},
      {"emp_question_from", "Vraag van", "Question from"},
      {"emp_your_answer", "Uw antwoord", "Your answer"},
      {"emp_send_answer", "Antwoord versturen", "Send answer"},
      {"emp_answer_empty", "Schrijf een antwoord.", "Write an answer."},
      {"emp_evidence", "Bewijs", "Evidence"},
      {"emp_no_evidence", "Nog geen bewijs toegevoegd.", "No evidence added yet."},
      {"emp_kind_photo", "foto", "photo"},
      {"emp_kind_pdf", "PDF", "PDF"},
      {"emp_file_hint", "Maak een foto of kies een bestand: een foto of PDF van hoogstens",
       "Take a photo or choose a file: a photo or PDF of at most"},
      {"emp_take_photo", "Foto maken", "Take a photo"},
      {"emp_choose_file", "Of kies een foto of PDF", "Or choose a photo or PDF"},
      {"emp_upload", "Toevoegen", "Add"},
      {"emp_upload_no_file", "Kies eerst een bestand.", "Choose a file first."},
      {"emp_upload_wrong_type", "Dit bestand is geen foto of PDF.", "This file is not a photo or PDF."},
      {"emp_upload_too_big_prefix", "Het bestand is te groot (max ", "The file is too large (max "},
      {"emp_ask_heading", "Om bevestiging vragen", "Ask for confirmation"},
      {"emp_will_be_asked", "Dit wordt gevraagd aan:", "This will be asked of:"},
      {"emp_ask_message", "Bericht (niet verplicht)", "Message (optional)"},
      {"emp_ask_button", "Vraag om bevestiging", "Ask for confirmation"},
      {"emp_message_invalid", "Het bericht is te lang (max 2000 tekens).", "The message is too long (max 2000 characters)."},
      {"emp_no_manager", "U heeft geen leidinggevende in het systeem. Vraag HR om dit aan te passen.",
       "You have no manager in the system. Ask HR to set one."},
      {"emp_withdraw", "Intrekken", "Withdraw"},
      {"emp_back_to_list", "Terug naar mijn vaardigheden", "Back to my skills"},
      {"emp_state_changed", "Dit kan nu niet: de status is intussen veranderd.",
       "This is not possible now: the status has changed meanwhile."},
      {"emp_too_long", "Het gesprek is te lang geworden. Vraag uw leidinggevende om contact.",
       "The conversation has grown too long. Ask your manager to get in touch."},
      {"emp_done_created", "De vaardigheid is opgeslagen. Alleen u ziet hem.", "The skill is saved. Only you see it."},
      {"emp_done_evidence", "Het bestand is toegevoegd.", "The file is added."},
      {"emp_done_asked", "Uw vraag om bevestiging is verstuurd.", "Your request for confirmation has been sent."},
      {"emp_done_answered", "Uw antwoord is verstuurd.", "Your answer has been sent."},
      {"emp_not_found", "Deze pagina bestaat niet, of u mag hem niet zien.", "This page does not exist, or you may not see it."},
      {"emp_unavailable", "Dit lukt nu niet. Probeer het later opnieuw.", "This does not work right now. Try again later."},
  };
  return messages;
}

// Badges: blue #0b4f9c and green #1e6b30 with white text (both over 7:1); cards carry a coloured
// left border and the badge, so the kind is clear without colour too.
std::string_view EmployeeCss() {
  return R"css(.badge { display: inline-flex; align-items: center; gap: 0.35em; padding: 0.15rem 0.6rem; border-radius: 999px;
  font-size: 0.9rem; font-weight: 700; color: #ffffff; }
.badge.blue { background: #0b4f9c; }
.badge.green { background: #1e6b30; }
.cards { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 0.75rem; }
.card { border: 1px solid #6b6b6b; border-left-width: 6px; border-radius: 6px; padding: 0.75rem; }
.card.blue { border-left-color: #0b4f9c; }
.card.green { border-left-color: #1e6b30; }
.card > a { display: inline-flex; align-items: center; min-height: 48px; font-weight: 700; margin-right: 0.5rem; }
.card dl, dl.facts { margin: 0.5rem 0 0; }
dt { font-weight: 600; }
dd { margin: 0 0 0.5rem; }
dd.note, .question { white-space: pre-wrap; }
.hint { color: #3d3d3d; }
.notice { border-left: 4px solid #1e6b30; padding: 0.5rem 0.75rem; background: #eef7f0; }
fieldset { border: 1px solid #6b6b6b; border-radius: 6px; margin: 0.75rem 0; padding: 0.5rem 0.75rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
.choice, .level { display: flex; align-items: center; gap: 0.75rem; min-height: 48px; }
.choice input, .level input { width: 28px; height: 28px; min-height: 0; flex: none; margin: 0; }
.choice label, .level label { margin: 0; font-weight: 400; flex: 1; padding: 0.5rem 0; }
.level { border: 2px solid #5a5a5a; border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.level label span { display: block; color: #3d3d3d; }
.search { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; margin-bottom: 1rem; }
.search label { flex: 1 1 100%; }
.search input { flex: 1 1 12rem; }
.evidence li { min-height: 48px; padding: 0.5rem 0; }
)css";
}

}  // namespace vaardig::issuer::web
