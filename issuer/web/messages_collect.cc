// The texts of the collect pages (templates_collect.cc), Dutch first, in plain language (B1).
#include "issuer/web/web_assets.h"

namespace vaardig::issuer::web {

const std::vector<MessageEntry>& CollectMessages() {
  static const std::vector<MessageEntry> messages = {
      {"col_title", "Ophalen in je wallet", "Collect in your wallet"},
      {"col_button", "Ophalen in je wallet", "Collect in your wallet"},
      {"col_intro", "Zet deze bevestigde vaardigheid als bewijs in je eigen wallet-app. Dan kun je hem later laten zien "
                    "aan wie je wilt.",
       "Put this confirmed skill as a credential in your own wallet app. Then you can show it later to whoever you "
       "choose."},
      {"col_step_wallet", "Open je wallet-app.", "Open your wallet app."},
      {"col_step_scan", "Scan de QR-code die je na de knop ziet.", "Scan the QR code you see after the button."},
      {"col_step_pin", "Typ de pincode in je wallet.", "Type the PIN in your wallet."},
      {"col_back_to_skill", "Terug naar de vaardigheid", "Back to the skill"},
      {"col_scan_heading", "1. Scan de QR-code", "1. Scan the QR code"},
      {"col_scan_text", "Scan deze code met je wallet-app.", "Scan this code with your wallet app."},
      {"col_qr_label", "QR-code om je bewijs op te halen in je wallet", "QR code to collect your credential in your wallet"},
      {"col_same_phone", "Staat je wallet op deze telefoon? Gebruik dan deze knop.",
       "Is your wallet on this phone? Then use this button."},
      {"col_open_wallet", "Open in de wallet op deze telefoon", "Open in the wallet on this phone"},
      {"col_open_web_wallet", "Open in de Vaardig-wallet in de browser", "Open in the Vaardig wallet in the browser"},
      {"col_copy_link", "Gebruik je een wallet in de browser? Kopieer dan deze link en plak hem daar bij Ontvangen.",
       "Using a wallet in your browser? Copy this link and paste it there under Receive."},
      {"col_pin_heading", "2. Je pincode", "2. Your PIN"},
      {"col_pin_explain", "Je wallet vraagt om deze pincode. Typ hem daar in.",
       "Your wallet asks for this PIN. Type it in there."},
      {"col_pin_never_share", "Deel je pincode nooit met iemand anders. Ook niet met HR of de helpdesk.",
       "Never share your PIN with anyone else. Not with HR or the helpdesk either."},
      {"col_expires", "De code werkt tot", "The code works until"},
      {"col_minutes", "minuten", "minutes"},
      {"col_new_code_hint", "Is de tijd om, of ging er iets mis? Maak een nieuwe code. De oude werkt dan niet meer.",
       "Has the time run out, or did something go wrong? Make a new code. The old one then stops working."},
      {"col_new_code", "Nieuwe code maken", "Make a new code"},
      {"col_not_confirmed", "Deze vaardigheid is nog niet bevestigd. Pas daarna kun je hem ophalen.",
       "This skill is not confirmed yet. Only then can you collect it."},
      {"col_unavailable", "Ophalen lukt nu niet. Probeer het later opnieuw.",
       "Collecting does not work right now. Try again later."},
      {"col_in_wallet_heading", "In je wallet", "In your wallet"},
  };
  return messages;
}

}  // namespace vaardig::issuer::web
