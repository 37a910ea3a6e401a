// The templates of the credentials pages (issuer/http/pages_credentials.h): the overview with the
// revoke / suspend / unsuspend forms, the confirmation step, and HR's direct issuance form. Same
// rules as templates.cc: {{x}} for every value, no inline style or script, the CSRF token in every
// POST form. Names start with "cred_".
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

namespace {

constexpr std::string_view kCredentials = R"html(<h1>{{t.cred_title}}</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>{{intro}}</p>
{{#can_issue}}<p><a class="button" href="/issued/new">{{t.cred_issue_link}}</a></p>{{/can_issue}}
{{^items}}<p>{{t.cred_empty}}</p>{{/items}}
{{#truncated}}<p class="hint">{{t.cred_truncated}}</p>{{/truncated}}
<ul class="cards">
{{#items}}<li class="card">
<p><strong>{{person}}</strong> · {{skill}}</p>
<p><span class="cred-state {{state}}">{{state_text}}</span></p>
<dl>
<dt>{{t.cred_level}}</dt><dd>{{level}}</dd>
<dt>{{t.cred_format}}</dt><dd>{{format}}</dd>
<dt>{{t.cred_issued_on}}</dt><dd>{{issued_on}}</dd>
{{#reason}}<dt>{{t.cred_reason}}</dt><dd class="note">{{reason}}</dd>{{/reason}}
</dl>
{{#has_actions}}<details class="change">
<summary>{{t.cred_change}}</summary>
<form method="post" action="/issued/status" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="credential_id" value="{{id}}">
<fieldset>
<legend>{{t.cred_what}}</legend>
{{#actions}}<div class="choice"><input type="radio" name="action" id="{{input_id}}" value="{{value}}" required>
<label for="{{input_id}}">{{label}}</label></div>
{{/actions}}
</fieldset>
<label for="reason-{{n}}">{{t.cred_reason_label}}</label>
<textarea id="reason-{{n}}" name="reason" rows="3" maxlength="2000" required></textarea>
<button type="submit">{{t.cred_next}}</button>
</form>
</details>{{/has_actions}}
</li>
{{/items}}
</ul>
)html";

constexpr std::string_view kConfirm = R"html(<h1>{{heading}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<dl class="facts">
<dt>{{t.cred_person}}</dt><dd>{{person}}</dd>
<dt>{{t.cred_skill}}</dt><dd>{{skill}}</dd>
<dt>{{t.cred_format}}</dt><dd>{{format}}</dd>
<dt>{{t.cred_reason}}</dt><dd class="note">{{reason}}</dd>
</dl>
<p>{{consequence}}</p>
<form method="post" action="/issued/status" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="credential_id" value="{{id}}">
<input type="hidden" name="action" value="{{action}}">
<input type="hidden" name="reason" value="{{reason}}">
<input type="hidden" name="confirm" value="yes">
<button type="submit" class="{{button_class}}">{{button}}</button>
</form>
<p><a href="/issued">{{t.cred_cancel}}</a></p>
)html";

constexpr std::string_view kIssue = R"html(<h1>{{t.cred_issue_title}}</h1>
<p>{{t.cred_issue_intro}}</p>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/issued/new" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="employee_number">{{t.cred_employee_number}}</label>
<input id="employee_number" name="employee_number" required maxlength="64" autocomplete="off" value="{{employee_number}}">
<label for="skill_id">{{t.cred_skill}}</label>
<select id="skill_id" name="skill_id" required>
<option value="">{{t.cred_pick_skill}}</option>
{{#skills}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/skills}}
</select>
<fieldset class="levels">
<legend>{{t.cred_level}}</legend>
{{#levels}}<div class="choice"><input type="radio" name="level" id="level-{{value}}" value="{{value}}" required{{#checked}} checked{{/checked}}>
<label for="level-{{value}}">{{label}}</label></div>
{{/levels}}
</fieldset>
<label for="confirmed_by">{{t.cred_confirmed_by}}</label>
<p class="hint" id="confirmed-hint">{{t.cred_confirmed_by_hint}}</p>
<input id="confirmed_by" name="confirmed_by" required maxlength="64" autocomplete="off" aria-describedby="confirmed-hint" value="{{confirmed_by}}">
<button type="submit">{{t.cred_issue_button}}</button>
</form>
<p><a href="/issued">{{t.cred_back}}</a></p>
)html";

}  // namespace

const std::vector<NamedTemplate>& CredentialTemplates() {
  static const std::vector<NamedTemplate> templates = {
      {"cred_list", kCredentials}, {"cred_confirm", kConfirm}, {"cred_issue", kIssue}};
  return templates;
}

}  // namespace vaardig::issuer::web
