#include "wallet/web/assets.h"

#include <map>
#include <mutex>
#include <utility>

namespace vaardig::wallet::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr std::string_view kLayout = R"html(<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · {{t.app_name}}</title>
<link rel="stylesheet" href="/static/wallet.css">
{{#scan}}<script src="/static/wallet.js" defer></script>{{/scan}}
</head>
<body>
<header class="top"><a class="brand" href="/?lang={{lang}}">{{t.app_name}}</a>
<nav aria-label="{{t.language}}"><a href="{{other_lang_href}}" lang="{{other_lang}}">{{other_lang_label}}</a></nav>
{{#signed_in}}<nav class="menu" aria-label="{{t.menu}}">
<a href="/?lang={{lang}}">{{t.nav_skills}}</a>
<a href="/collect?lang={{lang}}">{{t.nav_collect}}</a>
<a href="/share?lang={{lang}}">{{t.nav_share}}</a>
<a href="/shares?lang={{lang}}">{{t.nav_shares}}</a>
<a href="/backup?lang={{lang}}">{{t.nav_backup}}</a>
<form method="post" action="/signout?lang={{lang}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link">{{t.nav_signout}}</button></form>
</nav>{{/signed_in}}
</header>
<main id="main">
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{{body}}}
</main>
</body>
</html>
)html";

constexpr std::string_view kSignIn = R"html(<h1>{{t.signin_title}}</h1>
<p>{{t.signin_intro}}</p>
<form method="post" action="/signin?lang={{lang}}" class="stack">
<label>{{t.user}}<input name="user" autocomplete="username" required value="{{user}}"></label>
<label>{{t.passphrase}}<input name="passphrase" type="password" autocomplete="current-password" required></label>
<button type="submit">{{t.signin_button}}</button>
</form>
{{#registration}}<p><a href="/register?lang={{lang}}">{{t.register_link}}</a></p>{{/registration}}
<p><a href="/recover?lang={{lang}}">{{t.recover_link}}</a></p>
)html";

constexpr std::string_view kRegister = R"html(<h1>{{t.register_title}}</h1>
<p>{{t.register_intro}}</p>
<form method="post" action="/register?lang={{lang}}" class="stack">
<label>{{t.user}}<input name="user" autocomplete="username" required value="{{user}}"></label>
<label>{{t.new_passphrase}}<input name="passphrase" type="password" autocomplete="new-password" minlength="10" required></label>
<p class="hint">{{t.passphrase_hint}}</p>
<button type="submit">{{t.register_button}}</button>
</form>
)html";

constexpr std::string_view kRecoveryCode = R"html(<h1>{{t.code_title}}</h1>
<p>{{t.code_intro}}</p>
<p class="code" id="recovery-code">{{code}}</p>
<p class="hint">{{t.code_hint}}</p>
<p><a class="button" href="/?lang={{lang}}">{{t.code_done}}</a></p>
)html";

constexpr std::string_view kRecover = R"html(<h1>{{t.recover_title}}</h1>
<p>{{t.recover_intro}}</p>
<form method="post" action="/recover?lang={{lang}}" class="stack">
<label>{{t.user}}<input name="user" autocomplete="username" required></label>
<label>{{t.recovery_code}}<input name="recovery_code" autocomplete="off" required></label>
<label>{{t.new_passphrase}}<input name="new_passphrase" type="password" autocomplete="new-password" minlength="10" required></label>
<button type="submit">{{t.recover_button}}</button>
</form>
)html";

constexpr std::string_view kHome = R"html(<h1>{{t.home_title}}</h1>
<p class="hint">{{t.signed_in_as}} {{user}}</p>
{{^groups}}<p>{{t.home_empty}}</p>
<p><a class="button" href="/collect?lang={{lang}}">{{t.nav_collect}}</a></p>{{/groups}}
{{#groups}}<section aria-labelledby="group-{{index}}">
<h2 id="group-{{index}}">{{organisation}}</h2>
<ul class="cards">
{{#items}}<li class="card {{kind}}{{#inactive}} inactive{{/inactive}}">
<a href="/credentials/{{id}}?lang={{lang}}"><span class="skill">{{skill}}</span></a>
<span class="tag {{kind}}">{{kind_text}}</span>
{{#level}}<span class="level">{{t.level}} {{level}}</span>{{/level}}
<span class="hint">{{#organisation}}{{organisation}} · {{/organisation}}{{format}}</span>
{{#status_text}}<span class="status {{status}}">{{status_text}}</span>{{/status_text}}
</li>
{{/items}}</ul>
</section>
{{/groups}}
{{#damaged}}<p class="error">{{t.damaged}}</p>{{/damaged}}
<p><a class="button secondary-link" href="/skills/new?lang={{lang}}">{{t.declare_link}}</a></p>
{{#groups.0}}<form method="post" action="/status?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit" class="secondary">{{t.status_check}}</button>
{{#checked_text}}<p class="hint">{{checked_text}}</p>{{/checked_text}}
</form>{{/groups.0}}
)html";

constexpr std::string_view kDeclare = R"html(<h1>{{t.declare_title}}</h1>
<p>{{t.declare_intro}}</p>
<form method="post" action="/skills/new?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.declare_name}}<input name="name" required minlength="2" maxlength="200" value="{{name}}"></label>
<fieldset><legend>{{t.declare_level}}</legend>
<label class="choice"><input type="radio" name="level" value="1"> 1 · {{t.level_1}}</label>
<label class="choice"><input type="radio" name="level" value="2" checked> 2 · {{t.level_2}}</label>
<label class="choice"><input type="radio" name="level" value="3"> 3 · {{t.level_3}}</label>
</fieldset>
<label>{{t.declare_evidence}}<input name="evidence" maxlength="200" value="{{evidence}}"></label>
<p class="hint">{{t.declare_hint}}</p>
<button type="submit">{{t.declare_button}}</button>
</form>
)html";

constexpr std::string_view kCredential = R"html(<h1>{{skill}}</h1>
<p><span class="tag {{kind}}">{{kind_text}}</span>{{#status_text}} <span class="status {{status}}">{{status_text}}</span>{{/status_text}}</p>
{{#view_only}}<p class="hint">{{t.view_only}}</p>{{/view_only}}
<dl>
{{#level}}<dt>{{t.level}}</dt><dd>{{level}}</dd>{{/level}}
{{#by}}<dt>{{t.confirmed_by}}</dt><dd>{{by}}</dd>{{/by}}
{{#at}}<dt>{{t.confirmed_at}}</dt><dd>{{at}}</dd>{{/at}}
{{#organisation}}<dt>{{t.organisation}}</dt><dd>{{organisation}}</dd>{{/organisation}}
<dt>{{t.issuer}}</dt><dd>{{issuer}}</dd>
{{#has_evidence}}<dt>{{t.evidence}}</dt><dd>{{#evidence}}{{.}}<br>{{/evidence}}</dd>{{/has_evidence}}
{{#valid_until}}<dt>{{t.valid_until}}</dt><dd>{{valid_until}}</dd>{{/valid_until}}
<dt>{{t.format}}</dt><dd>{{format}}</dd>
{{#esco}}<dt>ESCO</dt><dd>{{esco}}</dd>{{/esco}}
</dl>
{{#linkable}}<h2>{{t.link_title}}</h2>
<p>{{link_intro}}</p>
<form method="post" action="/credentials/{{id}}/share-link?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset><legend>{{t.link_valid}}</legend>
<label class="choice"><input type="radio" name="days" value="7"> 7 {{t.days}}</label>
<label class="choice"><input type="radio" name="days" value="30" checked> 30 {{t.days}}</label>
<label class="choice"><input type="radio" name="days" value="90"> 90 {{t.days}}</label>
</fieldset>
<button type="submit" class="secondary">{{t.link_button}}</button>
</form>{{/linkable}}
<h2>{{t.delete_heading}}</h2>
<form method="post" action="/credentials/{{id}}/delete?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label class="choice"><input type="checkbox" name="confirm" value="yes" required> {{t.delete_confirm}}</label>
<button type="submit" class="danger">{{t.delete_credential}}</button>
</form>
)html";

constexpr std::string_view kCollect = R"html(<h1>{{t.collect_title}}</h1>
<p>{{t.collect_intro}}</p>
<form method="post" action="/collect?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.offer_link}}<textarea name="offer" id="link" rows="3" required>{{offer}}</textarea></label>
<p class="scan-area" hidden><button type="button" class="secondary" id="scan">{{t.scan}}</button></p>
<video id="camera" hidden playsinline muted></video>
<label>{{t.pin}}<input name="pin" inputmode="numeric" autocomplete="one-time-code" maxlength="16"></label>
<p class="hint">{{t.pin_hint}}</p>
<button type="submit">{{t.collect_button}}</button>
</form>
<h2>{{t.import_title}}</h2>
<p>{{t.import_intro}}</p>
<form method="post" action="/import?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.import_label}}<textarea name="credential" rows="5" required>{{credential}}</textarea></label>
<button type="submit" class="secondary">{{t.import_button}}</button>
</form>
)html";

constexpr std::string_view kCollected = R"html(<h1>{{t.collected_title}}</h1>
<ul class="cards">
{{#stored}}<li class="card"><a href="/credentials/{{id}}?lang={{lang}}">{{name}}</a>{{#level}} <span class="level">{{t.level}} {{level}}</span>{{/level}} <span class="hint">{{format}}</span>{{#status_text}} <span class="status {{status}}">{{status_text}}</span>{{/status_text}}</li>
{{/stored}}</ul>
{{#has_skipped}}<p class="hint">{{t.skipped}}</p><ul>{{#skipped}}<li>{{configuration_id}}: {{reason}}</li>{{/skipped}}</ul>{{/has_skipped}}
<p><a class="button" href="/?lang={{lang}}">{{t.nav_skills}}</a></p>
)html";

constexpr std::string_view kShareStart = R"html(<h1>{{t.share_title}}</h1>
<p>{{t.share_intro}}</p>
<form method="post" action="/share?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.request_link}}<textarea name="request" id="link" rows="3" required>{{request}}</textarea></label>
<p class="scan-area" hidden><button type="button" class="secondary" id="scan">{{t.scan}}</button></p>
<video id="camera" hidden playsinline muted></video>
<button type="submit">{{t.open_request}}</button>
</form>
)html";

constexpr std::string_view kConsent = R"html(<h1>{{t.consent_title}}</h1>
<section class="asker" aria-labelledby="asker">
<h2 id="asker">{{t.who_asks}}</h2>
{{#verifier_name}}<p><strong>{{verifier_name}}</strong> <span class="hint">({{t.says_itself}})</span></p>{{/verifier_name}}
<p class="ident">{{verifier}}</p>
</section>
<form method="post" action="/share/{{pending}}/send?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
{{#queries}}<fieldset><legend>{{t.asked_for}}</legend>
{{^candidates}}<p class="error">{{t.nothing_matches}}</p>{{/candidates}}
{{#candidates}}<label class="choice"><input type="radio" name="q.{{query_id}}" value="{{record_id}}"{{#first}} checked{{/first}}>
<span><strong>{{name}}</strong>{{#level}} · {{t.level}} {{level}}{{/level}} <span class="hint">({{format}})</span><br><span class="hint">{{t.would_show}} {{shown}}</span>
{{#names_the_person}}<br><span class="warn">{{t.includes_name}}</span>{{/names_the_person}}{{^names_the_person}}<br><span class="ok">{{t.no_name}}</span>{{/names_the_person}}</span></label>
{{/candidates}}</fieldset>
{{/queries}}
{{#satisfiable}}<button type="submit">{{t.share_button}}</button>{{/satisfiable}}
{{^satisfiable}}<p class="error">{{t.cannot_answer}}</p>{{/satisfiable}}
</form>
<form method="post" action="/share/{{pending}}/decline?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit" class="secondary">{{t.decline_button}}</button>
</form>
)html";

constexpr std::string_view kShared = R"html(<h1>{{heading}}</h1>
<p>{{text}}</p>
{{#redirect}}<p><a class="button" href="{{redirect}}">{{t.back_to_verifier}}</a></p>{{/redirect}}
<p><a href="/shares?lang={{lang}}">{{t.nav_shares}}</a></p>
)html";

constexpr std::string_view kLink = R"html(<h1>{{t.link_made_title}}</h1>
<p>{{t.link_made_intro}}</p>
<label>{{t.link_label}}<textarea id="share-link" rows="4" readonly>{{url}}</textarea></label>
<p class="hint">{{t.link_expires}} {{expires}}. {{t.link_shows}} {{shown}}.</p>
<p><a class="button" href="/shares?lang={{lang}}">{{t.nav_shares}}</a></p>
)html";

constexpr std::string_view kShares = R"html(<h1>{{t.shares_title}}</h1>
<p>{{t.shares_intro}}</p>
{{^rows}}<p>{{t.shares_empty}}</p>{{/rows}}
<ul class="cards">
{{#rows}}<li class="card"><span class="hint"><time datetime="{{at_iso}}">{{at}}</time></span><br><strong>{{who}}</strong>{{#ident}}<br><span class="ident">{{ident}}</span>{{/ident}}<br>{{what}}</li>
{{/rows}}</ul>
{{#has_links}}<h2>{{t.links_title}}</h2>
<ul class="cards">
{{#links}}<li class="card"><strong>{{name}}</strong> <span class="status {{state}}">{{state_text}}</span><br><span class="hint">{{t.link_expires}} {{expires}}</span>
{{#active}}<textarea rows="3" readonly aria-label="{{t.link_label}}">{{url}}</textarea>
<form method="post" action="/share-links/{{id}}/revoke?lang={{lang}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.link_revoke}}</button></form>{{/active}}</li>
{{/links}}</ul>{{/has_links}}
)html";

constexpr std::string_view kBackup = R"html(<h1>{{t.backup_title}}</h1>
<p>{{t.backup_intro}}</p>
<form method="post" action="/backup?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.passphrase}}<input name="passphrase" type="password" autocomplete="current-password" required></label>
<label>{{t.backup_passphrase}}<input name="backup_passphrase" type="password" autocomplete="new-password" minlength="10" required></label>
<button type="submit">{{t.backup_button}}</button>
</form>
<h2>{{t.delete_title}}</h2>
<p>{{t.delete_intro}}</p>
<form method="post" action="/wallet/delete?lang={{lang}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>{{t.passphrase}}<input name="passphrase" type="password" autocomplete="current-password" required></label>
<button type="submit" class="danger">{{t.delete_wallet}}</button>
</form>
)html";

constexpr std::string_view kNotice = R"html(<h1>{{heading}}</h1>
<p>{{text}}</p>
<p><a class="button" href="{{back}}">{{t.back}}</a></p>
)html";

using Texts = std::map<std::string, std::string, std::less<>>;

const Texts& Nl() {
  static const Texts texts = {
      {"app_name", "Vaardig wallet"}, {"language", "Taal"}, {"menu", "Menu"},
      {"nav_skills", "Mijn vaardigheden"}, {"nav_collect", "Ontvangen"}, {"nav_share", "Delen"},
      {"nav_shares", "Gedeeld"}, {"nav_backup", "Reservekopie"}, {"nav_signout", "Afmelden"},
      {"signin_title", "Aanmelden"},
      {"signin_intro", "Uw wallet bewaart uw vaardigheden versleuteld. Alleen u kunt ze openen, met uw wachtwoord."},
      {"user", "Gebruikersnaam"}, {"passphrase", "Wachtwoord"}, {"new_passphrase", "Nieuw wachtwoord"},
      {"signin_button", "Aanmelden"}, {"register_link", "Nog geen wallet? Maak er een."},
      {"recover_link", "Wachtwoord vergeten? Gebruik uw herstelcode."},
      {"register_title", "Wallet maken"},
      {"register_intro", "Kies een gebruikersnaam en een wachtwoord. Uw werkgever kan niet in uw wallet kijken."},
      {"passphrase_hint", "Minstens 10 tekens. Een zin van een paar woorden is goed te onthouden en moeilijk te raden."},
      {"register_button", "Wallet maken"},
      {"code_title", "Uw herstelcode"},
      {"code_intro", "Schrijf deze code op en bewaar hem goed. Als u uw wachtwoord vergeet, is dit de enige manier om uw wallet terug te krijgen."},
      {"code_hint", "De code wordt maar één keer getoond."}, {"code_done", "Ik heb de code opgeschreven"},
      {"recover_title", "Wallet herstellen"},
      {"recover_intro", "Met de herstelcode kiest u een nieuw wachtwoord. U krijgt daarna een nieuwe herstelcode."},
      {"recovery_code", "Herstelcode"}, {"recover_button", "Nieuw wachtwoord instellen"},
      {"home_title", "Mijn vaardigheden"}, {"signed_in_as", "Aangemeld als"},
      {"home_empty", "Uw wallet is nog leeg. Zodra uw leidinggevende een vaardigheid bevestigt, kunt u die hier ontvangen."},
      {"level", "Niveau"}, {"kind_confirmed", "bevestigd"}, {"kind_self_declared", "zelf opgegeven"},
      {"status_valid", "geldig"}, {"status_revoked", "ingetrokken"}, {"status_suspended", "geschorst"},
      {"status_unchecked", "status niet gecontroleerd"}, {"status_invalid", "niet meer geldig"},
      {"status_check", "Controleer of alles nog geldig is"},
      {"damaged", "Een of meer gegevens in uw wallet zijn beschadigd en konden niet worden geopend."},
      {"confirmed_by", "Bevestigd door"}, {"confirmed_at", "Bevestigd op"}, {"organisation", "Werkgever"},
      {"issuer", "Uitgegeven door"}, {"evidence", "Bewijs"}, {"valid_until", "Geldig tot"}, {"format", "Vorm"},
      {"delete_credential", "Verwijder uit mijn wallet"}, {"delete_heading", "Verwijderen"},
      {"link_title", "Delen via een link"},
      {"link_intro", "Een link voor een e-mail of uw cv. Wie de link heeft, ziet de vaardigheid en wie hem bevestigde, niet uw naam. U kunt de link altijd intrekken."},
      {"link_intro_self", "Een link voor een e-mail of uw cv. Wie de link heeft, ziet deze vaardigheid als zelf opgegeven (door u ondertekend), niet uw naam. U kunt de link altijd intrekken."},
      {"link_valid", "Hoe lang geldig?"}, {"days", "dagen"}, {"link_button", "Maak een link"},
      {"link_made_title", "Uw link"},
      {"link_made_intro", "Kopieer de hele link, ook het deel na #: daarin zit de sleutel. Zonder die sleutel kan niemand, ook deze dienst niet, zien wat de link laat zien."},
      {"link_label", "Link"}, {"link_expires", "Geldig tot"}, {"link_shows", "Laat zien:"},
      {"links_title", "Uw links"}, {"link_revoke", "Intrekken"},
      {"state_active", "actief"}, {"state_revoked", "ingetrokken"}, {"state_expired", "verlopen"},
      {"declare_link", "Zelf een vaardigheid toevoegen"}, {"declare_title", "Zelf een vaardigheid toevoegen"},
      {"declare_intro", "Leg vast wat u kunt, ook als niemand het nog heeft bevestigd. Het blijft in uw wallet. Als u het deelt, ondertekent u het zelf en ziet de ander dat het zelf opgegeven is (blauw), niet bevestigd."},
      {"declare_name", "Vaardigheid"}, {"declare_level", "Hoe zelfstandig?"},
      {"level_1", "met hulp"}, {"level_2", "zelfstandig"}, {"level_3", "kan het anderen leren"},
      {"declare_evidence", "Bewijs dat u kunt laten zien (optioneel)"},
      {"declare_hint", "Bijvoorbeeld een certificaat of een foto van uw werk. Alleen de naam wordt vastgelegd."},
      {"declare_button", "Toevoegen"}, {"group_self", "Zelf opgegeven"},
      {"delete_confirm", "Ja, verwijder dit bewijs. Ik kan het daarna niet meer delen."},
      {"collect_title", "Vaardigheid ontvangen"},
      {"collect_intro", "Scan de QR-code op de pagina van uw werkgever, of plak de link. Vul daarna de pincode in die u apart kreeg."},
      {"offer_link", "Link van het aanbod"}, {"scan", "Scan QR-code met de camera"}, {"pin", "Pincode"},
      {"pin_hint", "De pincode staat apart van de QR-code, zodat alleen u het aanbod kunt ophalen."},
      {"collect_button", "Ontvangen"},
      {"import_title", "Een bewijs importeren"},
      {"import_intro", "Hebt u een Open Badge (een JSON-bestand) of een SD-JWT-bewijs uit een andere wallet? Plak de inhoud hier. Het wordt eerst gecontroleerd."},
      {"import_label", "Het bewijs"}, {"import_button", "Importeren"},
      {"view_only", "alleen bekijken: dit bewijs is niet aan uw sleutel gekoppeld en kan niet worden gedeeld"}, {"collected_title", "Ontvangen en gecontroleerd"},
      {"skipped", "Niet ontvangen:"},
      {"share_title", "Delen met een werkgever"},
      {"share_intro", "Scan de QR-code van degene die het vraagt, of plak de link. U ziet eerst wie het vraagt en wat, en kiest zelf."},
      {"request_link", "Link van de vraag"}, {"open_request", "Bekijk de vraag"},
      {"consent_title", "Iemand vraagt om uw vaardigheden"}, {"who_asks", "Wie vraagt het"},
      {"says_itself", "zo noemt de vrager zichzelf"}, {"asked_for", "Gevraagd"},
      {"nothing_matches", "U hebt niets in uw wallet dat hierop past."},
      {"would_show", "Laat zien:"}, {"includes_name", "Hiermee deelt u ook uw naam."},
      {"no_name", "Zonder uw naam."},
      {"share_button", "Delen"}, {"decline_button", "Niet delen"},
      {"cannot_answer", "U kunt deze vraag niet beantwoorden met wat in uw wallet staat."},
      {"shared_title", "Gedeeld"}, {"shared_text", "Uw antwoord is verstuurd. U vindt het terug onder Gedeeld."},
      {"declined_title", "Niet gedeeld"}, {"declined_text", "De vrager weet nu dat u niets deelt."},
      {"back_to_verifier", "Terug naar de vrager"},
      {"shares_title", "Gedeeld"}, {"shares_intro", "Wie wat van u kreeg, en wanneer."},
      {"shares_empty", "U hebt nog niets gedeeld."}, {"shares_received", "kreeg:"},
      {"backup_title", "Reservekopie"},
      {"backup_intro", "Download een versleutelde kopie van uw hele wallet. U kiest er een eigen wachtwoord voor."},
      {"backup_passphrase", "Wachtwoord voor de reservekopie"}, {"backup_button", "Download reservekopie"},
      {"delete_title", "Wallet verwijderen"},
      {"delete_intro", "Verwijdert al uw vaardigheden en uw geschiedenis van deze dienst. Dit kan niet ongedaan worden gemaakt."},
      {"delete_wallet", "Verwijder mijn wallet"},
      {"back", "Terug"}, {"error_title", "Dat ging niet goed"},
      {"not_found_title", "Niet gevonden"}, {"not_found_text", "Deze pagina bestaat niet (meer)."},
      {"session_title", "Meld u opnieuw aan"},
      {"session_text", "Uw sessie is verlopen of het formulier was te oud. Meld u opnieuw aan en probeer het nog eens."},
      {"deleted_title", "Verwijderd"}, {"deleted_text", "Uw wallet is verwijderd."},
      {"wrong_signin", "Gebruikersnaam of wachtwoord klopt niet."},
      {"too_many", "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."},
      {"path_skill", "de vaardigheid"}, {"path_skill.id", "welke vaardigheid (de code)"},
      {"path_skill.name", "de naam van de vaardigheid"}, {"path_skill.level", "het niveau"},
      {"path_skill.level_label", "het niveau in woorden"}, {"path_skill.area", "het vakgebied"}, {"path_skill.esco", "de ESCO-code"},
      {"path_skill.competentnl", "de CompetentNL-code"}, {"path_confirmation", "de bevestiging"},
      {"path_confirmation.by.role", "de functie van wie het bevestigde"},
      {"path_confirmation.by.name", "de naam van wie het bevestigde"}, {"path_confirmation.at", "de datum van bevestiging"},
      {"path_confirmation.endorsement", "de handtekening van uw leidinggevende"},
      {"path_holder", "uw naam"}, {"path_holder.given_name", "uw voornaam"}, {"path_holder.family_name", "uw achternaam"},
      {"path_employer", "uw werkgever"}, {"path_employer.name", "de naam van uw werkgever"},
      {"path_evidence", "de namen van uw bewijsstukken"}, {"path_self_assessment", "uw eigen inschatting"},
      {"path_everything", "het hele bewijs, ook uw naam"},
      {"path_confirmation.status", "dat het bevestigd is"}, {"path_confirmation.method", "hoe het bevestigd is"},
      {"path_self_declared", "dat u het zelf opgaf"},
  };
  return texts;
}

const Texts& En() {
  static const Texts texts = {
      {"app_name", "Vaardig wallet"}, {"language", "Language"}, {"menu", "Menu"},
      {"nav_skills", "My skills"}, {"nav_collect", "Receive"}, {"nav_share", "Share"},
      {"nav_shares", "Shared"}, {"nav_backup", "Backup"}, {"nav_signout", "Sign out"},
      {"signin_title", "Sign in"},
      {"signin_intro", "Your wallet keeps your skills encrypted. Only you can open it, with your passphrase."},
      {"user", "User name"}, {"passphrase", "Passphrase"}, {"new_passphrase", "New passphrase"},
      {"signin_button", "Sign in"}, {"register_link", "No wallet yet? Make one."},
      {"recover_link", "Forgot your passphrase? Use your recovery code."},
      {"register_title", "Make a wallet"},
      {"register_intro", "Choose a user name and a passphrase. Your employer cannot look into your wallet."},
      {"passphrase_hint", "At least 10 characters. A sentence of a few words is easy to remember and hard to guess."},
      {"register_button", "Make wallet"},
      {"code_title", "Your recovery code"},
      {"code_intro", "Write this code down and keep it safe. If you forget your passphrase, it is the only way back into your wallet."},
      {"code_hint", "The code is shown only once."}, {"code_done", "I wrote the code down"},
      {"recover_title", "Recover your wallet"},
      {"recover_intro", "With the recovery code you choose a new passphrase. You then get a new recovery code."},
      {"recovery_code", "Recovery code"}, {"recover_button", "Set new passphrase"},
      {"home_title", "My skills"}, {"signed_in_as", "Signed in as"},
      {"home_empty", "Your wallet is empty. As soon as your manager confirms a skill, you can receive it here."},
      {"level", "Level"}, {"kind_confirmed", "confirmed"}, {"kind_self_declared", "self-declared"},
      {"status_valid", "valid"}, {"status_revoked", "revoked"}, {"status_suspended", "suspended"},
      {"status_unchecked", "status not checked"}, {"status_invalid", "no longer valid"},
      {"status_check", "Check whether everything is still valid"},
      {"damaged", "One or more items in your wallet are damaged and could not be opened."},
      {"confirmed_by", "Confirmed by"}, {"confirmed_at", "Confirmed on"}, {"organisation", "Employer"},
      {"issuer", "Issued by"}, {"evidence", "Evidence"}, {"valid_until", "Valid until"}, {"format", "Format"},
      {"delete_credential", "Remove from my wallet"}, {"delete_heading", "Remove"},
      {"link_title", "Share with a link"},
      {"link_intro", "A link for an e-mail or your CV. Whoever has the link sees the skill and who confirmed it, not your name. You can revoke the link at any time."},
      {"link_intro_self", "A link for an e-mail or your CV. Whoever has the link sees this skill as self-declared (signed by you), not your name. You can revoke the link at any time."},
      {"link_valid", "Valid for how long?"}, {"days", "days"}, {"link_button", "Make a link"},
      {"link_made_title", "Your link"},
      {"link_made_intro", "Copy the whole link, including the part after #: it holds the key. Without that key nobody, not even this service, can see what the link shows."},
      {"link_label", "Link"}, {"link_expires", "Valid until"}, {"link_shows", "Shows:"},
      {"links_title", "Your links"}, {"link_revoke", "Revoke"},
      {"state_active", "active"}, {"state_revoked", "revoked"}, {"state_expired", "expired"},
      {"declare_link", "Add a skill yourself"}, {"declare_title", "Add a skill yourself"},
      {"declare_intro", "Record what you can do, even if nobody has confirmed it yet. It stays in your wallet. When you share it, you sign it yourself and the other side sees it is self-declared (blue), not confirmed."},
      {"declare_name", "Skill"}, {"declare_level", "How independently?"},
      {"level_1", "with help"}, {"level_2", "independently"}, {"level_3", "can teach others"},
      {"declare_evidence", "Evidence you can show (optional)"},
      {"declare_hint", "For example a certificate or a photo of your work. Only its name is recorded."},
      {"declare_button", "Add"}, {"group_self", "Self-declared"},
      {"delete_confirm", "Yes, remove this credential. I can no longer share it afterwards."},
      {"collect_title", "Receive a skill"},
      {"collect_intro", "Scan the QR code on your employer's page, or paste the link. Then enter the PIN you were given separately."},
      {"offer_link", "Offer link"}, {"scan", "Scan QR code with the camera"}, {"pin", "PIN"},
      {"pin_hint", "The PIN comes apart from the QR code, so only you can collect the offer."},
      {"collect_button", "Receive"},
      {"import_title", "Import a credential"},
      {"import_intro", "Do you have an Open Badge (a JSON file) or an SD-JWT credential from another wallet? Paste its contents here. It is checked first."},
      {"import_label", "The credential"}, {"import_button", "Import"},
      {"view_only", "view only: this credential is not bound to your key and cannot be shared"}, {"collected_title", "Received and checked"},
      {"skipped", "Not received:"},
      {"share_title", "Share with an employer"},
      {"share_intro", "Scan the QR code of whoever asks, or paste the link. You first see who asks and what, and you choose."},
      {"request_link", "Request link"}, {"open_request", "View the request"},
      {"consent_title", "Someone asks for your skills"}, {"who_asks", "Who is asking"},
      {"says_itself", "what the asker calls itself"}, {"asked_for", "Asked for"},
      {"nothing_matches", "Nothing in your wallet answers this."},
      {"would_show", "Shows:"}, {"includes_name", "This also shares your name."}, {"no_name", "Without your name."},
      {"share_button", "Share"}, {"decline_button", "Do not share"},
      {"cannot_answer", "You cannot answer this request with what is in your wallet."},
      {"shared_title", "Shared"}, {"shared_text", "Your answer was sent. You find it under Shared."},
      {"declined_title", "Not shared"}, {"declined_text", "The asker now knows you do not share."},
      {"back_to_verifier", "Back to the asker"},
      {"shares_title", "Shared"}, {"shares_intro", "Who received what from you, and when."},
      {"shares_empty", "You have not shared anything yet."}, {"shares_received", "received:"},
      {"backup_title", "Backup"},
      {"backup_intro", "Download an encrypted copy of your whole wallet. You choose a passphrase for it."},
      {"backup_passphrase", "Backup passphrase"}, {"backup_button", "Download backup"},
      {"delete_title", "Delete wallet"},
      {"delete_intro", "Removes all your skills and your history from this service. This cannot be undone."},
      {"delete_wallet", "Delete my wallet"},
      {"back", "Back"}, {"error_title", "That did not work"},
      {"not_found_title", "Not found"}, {"not_found_text", "This page does not exist (any more)."},
      {"session_title", "Please sign in again"},
      {"session_text", "Your session has ended or the form was too old. Sign in again and try once more."},
      {"deleted_title", "Deleted"}, {"deleted_text", "Your wallet has been deleted."},
      {"wrong_signin", "User name or passphrase is not right."},
      {"too_many", "Too many failed attempts. Try again in fifteen minutes."},
      {"path_skill", "the skill"}, {"path_skill.id", "which skill (its code)"},
      {"path_skill.name", "the skill's name"}, {"path_skill.level", "the level"},
      {"path_skill.level_label", "the level in words"}, {"path_skill.area", "the area"}, {"path_skill.esco", "the ESCO code"},
      {"path_skill.competentnl", "the CompetentNL code"}, {"path_confirmation", "the confirmation"},
      {"path_confirmation.by.role", "the role of who confirmed it"},
      {"path_confirmation.by.name", "the name of who confirmed it"}, {"path_confirmation.at", "the date it was confirmed"},
      {"path_confirmation.endorsement", "your manager's signature"},
      {"path_holder", "your name"}, {"path_holder.given_name", "your first name"}, {"path_holder.family_name", "your family name"},
      {"path_employer", "your employer"}, {"path_employer.name", "your employer's name"},
      {"path_evidence", "the names of your evidence files"}, {"path_self_assessment", "your own assessment"},
      {"path_everything", "the whole credential, including your name"},
      {"path_confirmation.status", "that it was confirmed"}, {"path_confirmation.method", "how it was confirmed"},
      {"path_self_declared", "that you declared it yourself"},
  };
  return texts;
}

struct Templates {
  std::mutex mu;
  std::map<std::string, mustache, std::less<>> by_name;
  Templates() {
    for (auto [name, text] : std::initializer_list<std::pair<const char*, std::string_view>>{
             {"layout", kLayout}, {"signin", kSignIn}, {"register", kRegister}, {"recovery_code", kRecoveryCode},
             {"recover", kRecover}, {"home", kHome}, {"credential", kCredential}, {"collect", kCollect},
             {"collected", kCollected}, {"share_start", kShareStart}, {"consent", kConsent}, {"shared", kShared},
             {"shares", kShares}, {"link", kLink}, {"backup", kBackup}, {"notice", kNotice}, {"declare", kDeclare}}) {
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
  static constexpr std::string_view kCss = R"css(:root{--ink:#1b1b1b;--muted:#545454;--line:#c8c8c8;--accent:#0b5cad;--ok:#1d6b2f;--bad:#a4161a;--warn:#8a5300;--green:#1d6b2f;--blue:#0b5cad;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;color:var(--ink);text-decoration:none}
.menu{display:flex;flex-wrap:wrap;gap:.25rem 1rem;width:100%}
.menu a,.menu .link{display:inline-flex;align-items:center;min-height:2.75rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25}
h2{font-size:1.25rem}
a{color:var(--accent)}
.stack{display:flex;flex-direction:column;gap:1rem;margin-bottom:1rem}
.inline{display:inline}
label{display:flex;flex-direction:column;gap:.25rem;font-weight:600}
input,textarea{font:inherit;padding:.625rem;border:1px solid var(--muted);border-radius:.375rem;min-height:3rem;width:100%}
fieldset{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{flex-direction:row;gap:.75rem;align-items:flex-start;min-height:3rem;padding:.25rem 0;font-weight:400}
.choice input{width:1.5rem;height:1.5rem;min-height:0;flex:none;margin-top:.125rem}
button,.button{display:inline-block;min-height:3rem;padding:.75rem 1.25rem;border:0;border-radius:.5rem;background:var(--accent);color:#fff;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
button.secondary,.button.secondary-link{background:#fff;color:var(--accent);border:2px solid var(--accent)}
button.danger{background:var(--bad)}
button.link{background:none;color:var(--accent);padding:0;min-height:2.75rem;font-weight:400;text-decoration:underline}
.hint{color:var(--muted);font-size:.9375rem;font-weight:400}
.error{color:var(--bad);font-weight:600}
.warn{color:var(--warn);font-weight:600}
.ok{color:var(--ok)}
.code{font:700 1.375rem/1.4 ui-monospace,monospace;letter-spacing:.05em;overflow-wrap:anywhere;padding:1rem;border:2px dashed var(--muted);border-radius:.5rem}
.ident{overflow-wrap:anywhere;font-size:.875rem;color:var(--muted)}
.cards{list-style:none;padding:0;display:flex;flex-direction:column;gap:.75rem}
.card{border:1px solid var(--line);border-left:.5rem solid var(--line);border-radius:.5rem;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;overflow-wrap:anywhere}
.card.confirmed{border-left-color:var(--green)}
.card.self_declared{border-left-color:var(--blue)}
.card.inactive{opacity:.8}
.card .skill{font-weight:700}
.card > a{display:inline-flex;align-items:center;min-height:2.75rem;width:100%}
.tag{border-radius:1rem;padding:0 .625rem;font-size:.875rem;font-weight:600;color:#fff}
.tag.confirmed{background:var(--green)}
.tag.self_declared{background:var(--blue)}
.status{font-size:.875rem;font-weight:600}
.status.revoked,.status.suspended,.status.invalid{color:var(--bad)}
.status.unchecked{color:var(--warn)}
.status.valid,.status.active{color:var(--ok)}
.status.expired{color:var(--warn)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
video{width:100%;max-width:20rem;border-radius:.5rem}
)css";
  return kCss;
}

std::string_view ScanScript() {
  // Shows the scan button where the browser can read QR codes (BarcodeDetector, e.g. Chrome on
  // Android), reads one from the rear camera and puts its text into the link field. Nothing is
  // sent until the person presses the form's own button.
  static constexpr std::string_view kJs = R"js((function () {
  var field = document.getElementById('link');
  var button = document.getElementById('scan');
  var video = document.getElementById('camera');
  if (!field || !button || !video || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  button.parentElement.hidden = false;
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      function stop() { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; }
      function look() {
        detector.detect(video).then(function (codes) {
          if (codes.length > 0) { field.value = codes[0].rawValue; stop(); field.focus(); return; }
          setTimeout(look, 300);
        }).catch(function () { setTimeout(look, 500); });
      }
      look();
    }).catch(function () { button.parentElement.hidden = true; });
  });
})();
)js";
  return kJs;
}

}  // namespace vaardig::wallet::web
