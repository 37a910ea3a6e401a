// The templates of the manager pages (queue, request, team) and the HR/admin pages (people,
// catalogue, audit). Same rules as templates.cc: {{x}} for every value, no inline style or script,
// the CSRF token in every POST form. Names start with "mgr_" or "adm_".
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

namespace {

constexpr std::string_view kQueue = R"html(<h1>{{t.mgr_queue_title}}</h1>
{{#has_items}}<p>{{t.mgr_queue_intro}}</p>{{/has_items}}
{{^items}}<p>{{t.mgr_queue_empty}}</p>{{/items}}
<ul class="cards">
{{#items}}<li class="card">
<a class="card-link" href="{{href}}"><strong>{{employee}}</strong> · {{skill}}</a>
<p>{{t.mgr_employee_level}}: {{self_level}}</p>
<p>{{t.mgr_waiting}}: {{waiting}}{{#info_requested}} · <span class="tag">{{t.mgr_state_info_requested}}</span>{{/info_requested}}</p>
</li>
{{/items}}
</ul>
)html";

constexpr std::string_view kRequest = R"html(<h1>{{skill}}</h1>
<p><strong>{{employee}}</strong> ({{employee_number}}) · {{t.mgr_waiting}}: {{waiting}}</p>
{{#info_requested}}<p class="tag">{{t.mgr_state_info_requested}}</p>{{/info_requested}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<dl class="facts">
<dt>{{t.mgr_employee_level}}</dt><dd>{{self_level}}</dd>
<dt>{{t.mgr_frequency}}</dt><dd>{{frequency}}</dd>
<dt>{{t.mgr_note}}</dt><dd class="text">{{#has_note}}{{note}}{{/has_note}}{{^has_note}}–{{/has_note}}</dd>
{{#has_message}}<dt>{{t.mgr_message}}</dt><dd class="text">{{message}}</dd>{{/has_message}}
</dl>
<h2>{{t.mgr_evidence}}</h2>
{{^has_evidence}}<p>{{t.mgr_no_evidence}}</p>{{/has_evidence}}
<ul class="evidence">
{{#evidence}}<li>{{#is_image}}<a href="{{href}}"><img class="thumb" src="{{href}}" alt="{{t.mgr_photo}}: {{name}}"></a><br>{{/is_image}}<a href="{{href}}">{{name}}</a> ({{size}})</li>
{{/evidence}}
</ul>
<h2>{{t.mgr_confirm_heading}}</h2>
<form method="post" action="/queue/{{id}}/confirm" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset class="levels">
<legend>{{t.mgr_your_level}}</legend>
{{#levels}}<label class="choice"><input type="radio" name="level" value="{{value}}"{{#checked}} checked{{/checked}} required> {{label}}</label>
{{/levels}}
</fieldset>
<label for="comment">{{t.mgr_comment}}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<button type="submit">{{t.mgr_confirm_button}}</button>
</form>
<h2>{{t.mgr_ask_heading}}</h2>
<form method="post" action="/queue/{{id}}/ask-info" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="question">{{t.mgr_question}}</label>
<textarea id="question" name="question" rows="3" maxlength="2000" required></textarea>
<button type="submit" class="secondary">{{t.mgr_ask_button}}</button>
</form>
<h2>{{t.mgr_decline_heading}}</h2>
<form method="post" action="/queue/{{id}}/decline" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="reason">{{t.mgr_reason}}</label>
<textarea id="reason" name="reason" rows="3" maxlength="2000" required></textarea>
<button type="submit" class="secondary">{{t.mgr_decline_button}}</button>
</form>
<p><a href="/queue">{{t.mgr_back_to_queue}}</a></p>
)html";

constexpr std::string_view kTeam = R"html(<h1>{{t.mgr_team_title}}</h1>
{{#pick_manager}}<form method="get" action="/team" class="stack">
<label for="manager">{{t.mgr_manager_number}}</label>
<input id="manager" name="manager" value="{{manager_number}}" required>
<button type="submit">{{t.mgr_show_team}}</button>
</form>{{/pick_manager}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#show_matrix}}
{{^has_rows}}<p>{{t.mgr_team_empty}}</p>{{/has_rows}}
{{#has_rows}}<div class="table-scroll" role="region" aria-labelledby="team-caption" tabindex="0">
<table class="matrix">
<caption id="team-caption">{{t.mgr_team_caption}}</caption>
<thead><tr><th scope="col">{{t.mgr_person}}</th>{{#skills}}<th scope="col">{{name}}</th>{{/skills}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row">{{name}}</th>{{#cells}}<td>{{#confirmed}}<span class="tag green">{{text}}</span>{{/confirmed}}{{^confirmed}}{{text}}{{/confirmed}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
</div>
<p>{{t.mgr_team_legend}}</p>{{/has_rows}}
<p><a class="button" href="{{csv_href}}" download>{{t.mgr_download_csv}}</a></p>
{{/show_matrix}}
)html";

constexpr std::string_view kPeople = R"html(<h1>{{t.adm_people_title}}</h1>
<form method="get" action="/people" class="stack" role="search">
<label for="q">{{t.adm_search}}</label>
<input id="q" name="q" type="search" value="{{q}}">
<button type="submit">{{t.adm_search_button}}</button>
</form>
<p>{{shown}} / {{total}}</p>
<div class="table-scroll" role="region" aria-labelledby="people-caption" tabindex="0">
<table>
<caption id="people-caption">{{t.adm_people_title}}</caption>
<thead><tr><th scope="col">{{t.adm_number}}</th><th scope="col">{{t.adm_name}}</th><th scope="col">{{t.email}}</th><th scope="col">{{t.adm_team}}</th><th scope="col">{{t.adm_manager}}</th><th scope="col">{{t.adm_role}}</th></tr></thead>
<tbody>
{{#people}}<tr><td>{{employee_number}}</td><th scope="row">{{name}}{{#inactive}} ({{t.adm_inactive}}){{/inactive}}</th><td>{{email}}</td><td>{{team}}</td><td>{{manager_number}}</td><td>{{role}}</td></tr>
{{/people}}
</tbody>
</table>
</div>
<h2>{{t.adm_import_title}}</h2>
<p>{{t.adm_import_intro}}</p>
<form method="post" action="/people/import" enctype="multipart/form-data" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="action" value="preview">
<label for="people-file">{{t.adm_file}}</label>
<input id="people-file" name="file" type="file" accept=".csv,text/csv">
<label for="people-csv">{{t.adm_paste}}</label>
<textarea id="people-csv" name="csv" rows="6"></textarea>
<button type="submit">{{t.adm_preview_button}}</button>
</form>
)html";

constexpr std::string_view kPeopleImport = R"html(<h1>{{t.adm_import_title}}</h1>
{{#dry_run}}<p class="tag">{{t.adm_dry_run}}</p>{{/dry_run}}
{{^dry_run}}<p role="status">{{t.adm_import_done}}</p>{{/dry_run}}
<ul>
<li>{{t.adm_added}}: {{added_count}}</li>
<li>{{t.adm_changed}}: {{changed_count}}</li>
<li>{{t.adm_missing}}: {{missing_count}}</li>
<li>{{t.adm_unchanged}}: {{unchanged_count}}</li>
</ul>
{{#has_added}}<h2>{{t.adm_added_heading}}</h2>{{/has_added}}
<ul>{{#added}}<li>{{employee_number}} · {{name}} · {{team}} · {{role}}</li>
{{/added}}</ul>
{{#has_changed}}<h2>{{t.adm_changed_heading}}</h2>{{/has_changed}}
<ul>{{#changed}}<li>{{employee_number}}<ul>{{#fields}}<li>{{field}}: {{old}} → {{new}}</li>{{/fields}}</ul></li>
{{/changed}}</ul>
{{#has_missing}}<h2>{{t.adm_missing_heading}}</h2><p>{{t.adm_missing_note}}</p>{{/has_missing}}
<ul>{{#missing}}<li>{{employee_number}} · {{name}}</li>
{{/missing}}</ul>
{{#has_new_teams}}<h2>{{t.adm_new_teams}}</h2>{{/has_new_teams}}
<ul>{{#new_teams}}<li>{{name}}</li>
{{/new_teams}}</ul>
{{#dry_run}}
{{#no_changes}}<p>{{t.adm_no_changes}}</p>{{/no_changes}}
{{^no_changes}}<form method="post" action="/people/import" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="action" value="apply">
<input type="hidden" name="csv" value="{{csv}}">
<button type="submit">{{t.adm_apply_button}}</button>
</form>{{/no_changes}}
{{/dry_run}}
<p><a href="/people">{{t.back}}</a></p>
)html";

constexpr std::string_view kImportError = R"html(<h1>{{t.error_title}}</h1>
<p class="error" role="alert">{{lead}}</p>
{{#has_problems}}<ul class="problems">{{/has_problems}}{{#problems}}<li>{{text}}</li>
{{/problems}}{{#has_problems}}</ul>{{/has_problems}}
<p><a class="button" href="{{back_href}}">{{t.back}}</a></p>
)html";

constexpr std::string_view kCatalogue = R"html(<h1>{{t.adm_catalogue_title}}</h1>
<p>{{count}} {{t.adm_skills}}</p>
{{#areas}}<h2>{{area}}</h2>
<ul class="skills">
{{#skills}}<li><strong>{{name}}</strong> <small>({{id}}, {{kind}})</small><br>ESCO: {{#esco_uri}}<a href="{{esco_uri}}" rel="noopener noreferrer">{{esco_uri}}</a>{{/esco_uri}}{{^esco_uri}}<em>{{t.adm_esco_todo}}</em>{{/esco_uri}}</li>
{{/skills}}
</ul>
{{/areas}}
<h2>{{t.adm_catalogue_import}}</h2>
<p>{{t.adm_catalogue_intro}}</p>
<form method="post" action="/catalogue/import" enctype="multipart/form-data" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="catalogue-file">{{t.adm_file}}</label>
<input id="catalogue-file" name="file" type="file" accept=".csv,text/csv">
<label for="catalogue-csv">{{t.adm_paste}}</label>
<textarea id="catalogue-csv" name="csv" rows="6"></textarea>
<button type="submit">{{t.adm_import_button}}</button>
</form>
)html";

constexpr std::string_view kAudit = R"html(<h1>{{t.adm_audit_title}}</h1>
{{#intact}}<p class="ok" role="status">{{t.adm_audit_intact}} {{entries}} {{t.adm_entries}}.</p>{{/intact}}
{{^intact}}<p class="error" role="alert">{{t.adm_audit_broken}} {{broken_at}}. {{t.adm_audit_broken_hint}}</p>{{/intact}}
<div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0">
<table>
<caption id="audit-caption">{{t.adm_audit_last}}</caption>
<thead><tr><th scope="col">#</th><th scope="col">{{t.adm_time}}</th><th scope="col">{{t.adm_actor}}</th><th scope="col">{{t.adm_action}}</th><th scope="col">{{t.adm_subject}}</th></tr></thead>
<tbody>
{{#log}}<tr><td>{{seq}}</td><td>{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{subject}}</td></tr>
{{/log}}
</tbody>
</table>
</div>
)html";

}  // namespace

std::string_view ManagerCss() {
  return R"css(.table-scroll { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; font-weight: 700; padding: 0.5rem 0; }
th, td { border: 1px solid #6b6b6b; padding: 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8f0fa; }
.tag { display: inline-block; border: 2px solid #0b4f9c; border-radius: 6px; padding: 0 0.4rem; font-weight: 600; }
.tag.green { border-color: #1e6b30; color: #1e6b30; }
.ok { border-left: 4px solid #1e6b30; padding: 0.5rem 0.75rem; background: #eef7f0; }
dd.text { white-space: pre-wrap; }
img.thumb { max-width: 100%; width: 12rem; height: auto; border: 1px solid #6b6b6b; border-radius: 6px; }
.card-link { display: inline-flex; align-items: center; min-height: 48px; font-weight: 700; }
.problems li { margin: 0.25rem 0; }
)css";
}

const std::vector<NamedTemplate>& ManagerTemplates() {
  static const std::vector<NamedTemplate> templates = {
      {"mgr_queue", kQueue},           {"mgr_request", kRequest},          {"mgr_team", kTeam},
      {"adm_people", kPeople},         {"adm_people_import", kPeopleImport}, {"adm_import_error", kImportError},
      {"adm_catalogue", kCatalogue},   {"adm_audit", kAudit}};
  return templates;
}

}  // namespace vaardig::issuer::web
