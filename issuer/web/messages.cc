// The message catalogue, Dutch and English. Plain language (DESIGN.md §1: B1 Dutch for employees).
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

const std::vector<MessageEntry>& Messages() {
  static const std::vector<MessageEntry> messages = {
      {"skip_to_content", "Naar de inhoud", "Skip to content"},
      {"nav_label", "Hoofdmenu", "Main menu"},
      {"logout", "Uitloggen", "Log out"},
      {"login_title", "Inloggen", "Log in"},
      {"email", "E-mailadres", "E-mail address"},
      {"password", "Wachtwoord", "Password"},
      {"login_button", "Inloggen", "Log in"},
      {"wrong_credentials", "E-mailadres of wachtwoord klopt niet.", "Wrong e-mail address or password."},
      {"too_many_failures", "Te vaak een verkeerd wachtwoord. Probeer het over een kwartier opnieuw.",
       "Too many failed logins. Try again in a quarter of an hour."},
      {"login_failed", "Inloggen lukt nu niet. Probeer het later opnieuw.",
       "Logging in does not work right now. Try again later."},
      {"form_expired", "Het formulier is verlopen. Probeer het opnieuw.", "The form has expired. Please try again."},
      {"home_title", "Mijn vaardigheden", "My skills"},
      {"hello", "Hallo", "Hello"},
      {"your_role", "Uw rol", "Your role"},
      {"role_employee", "Medewerker", "Employee"},
      {"role_manager", "Leidinggevende", "Manager"},
      {"role_hr", "HR", "HR"},
      {"role_admin", "Beheerder", "Administrator"},
      {"link_my_skills", "Mijn vaardigheden", "My skills"},
      {"link_record_skill", "Vaardigheid vastleggen", "Record a skill"},
      {"link_queue", "Verzoeken om bevestiging", "Confirmation requests"},
      {"link_team", "Mijn team", "My team"},
      {"link_people", "Medewerkers", "People"},
      {"link_catalogue", "Vaardighedencatalogus", "Skills catalogue"},
      {"link_audit", "Logboek", "Audit log"},
      {"error_title", "Er ging iets mis", "Something went wrong"},
      {"forbidden", "Dit mag u niet doen.", "You are not allowed to do this."},
      {"back", "Terug", "Back"},
  };
  return messages;
}

}  // namespace vaardig::issuer::web
