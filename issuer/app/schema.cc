#include "issuer/app/schema.h"

#include <array>

namespace vaardig::issuer {

namespace {

// Times are RFC 3339 UTC text ("2026-11-23T15:04:05Z"): they sort and compare as text.
constexpr std::string_view kOrganisation = R"sql(
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  employee_number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  team_id INTEGER REFERENCES teams(id),
  manager_id INTEGER REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('employee', 'manager', 'hr', 'admin')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_team ON people(team_id);

-- Local accounts. The password hash is Argon2id (libsodium crypto_pwhash_str); NULL until set.
CREATE TABLE accounts (
  person_id INTEGER PRIMARY KEY REFERENCES people(id),
  password_hash TEXT,
  password_set_at TEXT,
  language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
  created_at TEXT NOT NULL
);
-- Sessions: only the SHA-256 of the session token is stored; the token lives in the cookie.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);
-- Failed logins, for rate limiting by account e-mail and by client address ("email:x", "ip:y").
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  rate_key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(rate_key, at);
)sql";

constexpr std::string_view kCatalogue = R"sql(
CREATE TABLE skills (
  id TEXT PRIMARY KEY,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_nl TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  esco_uri TEXT,
  competentnl_uri TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'knowledge')),
  area TEXT NOT NULL DEFAULT '',
  alt_labels TEXT NOT NULL DEFAULT '{"nl":[],"en":[]}',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL
);
-- A job's work process as columns of skills; `columns` is JSON:
-- [{"title":{"nl":..,"en":..},"skills":["skill-id",..]},..]
CREATE TABLE roadmaps (
  id TEXT PRIMARY KEY,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  job TEXT NOT NULL,
  team_id INTEGER REFERENCES teams(id),
  columns TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql";

constexpr std::string_view kClaims = R"sql(
-- A skill an employee records (blue). Private to them until they ask for confirmation.
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  skill_id TEXT NOT NULL REFERENCES skills(id),
  self_level INTEGER NOT NULL CHECK (self_level BETWEEN 1 AND 3),
  note TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL DEFAULT '' CHECK (frequency IN ('', 'rarely', 'monthly', 'weekly', 'daily')),
  state TEXT NOT NULL CHECK (state IN ('private', 'requested', 'info_requested', 'confirmed', 'declined', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX claims_person ON claims(person_id);
-- Evidence files: sanitized bytes (location and camera metadata removed), checked by content.
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  removed_metadata TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX evidence_claim ON evidence(claim_id);
-- A request to confirm a claim, sent to the employee's manager or another endorser.
CREATE TABLE confirmation_requests (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  endorser_id INTEGER NOT NULL REFERENCES people(id),
  state TEXT NOT NULL CHECK (state IN ('open', 'info_requested', 'confirmed', 'declined', 'withdrawn')),
  message TEXT NOT NULL DEFAULT '',
  response_level INTEGER CHECK (response_level BETWEEN 1 AND 3),
  response_comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  responded_at TEXT
);
CREATE INDEX confirmation_requests_endorser ON confirmation_requests(endorser_id, state);
CREATE INDEX confirmation_requests_claim ON confirmation_requests(claim_id);
-- The endorser's signed statement (DESIGN.md §4.3): subject, skill, level, evidence hashes, date.
CREATE TABLE endorsements (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  request_id INTEGER NOT NULL UNIQUE REFERENCES confirmation_requests(id),
  endorser_id INTEGER NOT NULL REFERENCES people(id),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  comment TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL,
  jws TEXT NOT NULL,
  key_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- Signing keys the issuer holds: its own and one per endorser. The private key is sealed with
-- XChaCha20-Poly1305 under the key-encryption key (never stored in clear).
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  person_id INTEGER REFERENCES people(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('endorsement', 'sd-jwt', 'data-integrity', 'status-list')),
  algorithm TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  sealed_private_key BLOB NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX signing_keys_person ON signing_keys(person_id, purpose);
)sql";

constexpr std::string_view kAudit = R"sql(
-- Append-only, hash-chained (issuer/domain/audit_chain.h). The triggers refuse changes; the
-- chain makes changes made around them (on the file) visible to `vaardig-issuer audit verify`.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

constexpr std::string_view kIssuance = R"sql(
-- OpenID4VCI credential offers (pre-authorized code flow). Codes, PINs and access tokens are
-- stored as SHA-256 hex only; the PIN (tx_code) is shown once, when the offer is made.
CREATE TABLE credential_offers (
  id TEXT PRIMARY KEY,                       -- random; the credential_offer_uri names it
  person_id INTEGER NOT NULL REFERENCES people(id),
  claim_id INTEGER REFERENCES claims(id),    -- NULL for HR's direct (legacy) issuance
  endorsement_id INTEGER REFERENCES endorsements(id),
  skill_id TEXT NOT NULL REFERENCES skills(id),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  confirmed_by INTEGER REFERENCES people(id),
  configuration_ids TEXT NOT NULL,           -- JSON array of credential configuration ids
  pre_authorized_code_hash TEXT NOT NULL UNIQUE,
  tx_code_hash TEXT NOT NULL,
  tx_code_failures INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('offered', 'redeemed', 'burned', 'cancelled')),
  access_token_hash TEXT UNIQUE,
  access_token_expires_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX credential_offers_person ON credential_offers(person_id, state);
-- c_nonce values from the nonce endpoint: single use, short-lived.
CREATE TABLE nonces (
  value_hash TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE INDEX nonces_expiry ON nonces(expires_at);
-- Every credential a client received, recorded in the transaction that signs it, before the
-- response is sent.
CREATE TABLE credentials (
  id TEXT PRIMARY KEY,                       -- "urn:uuid:..."
  person_id INTEGER REFERENCES people(id),   -- NULL for VCALM issuance of a given credential
  offer_id TEXT REFERENCES credential_offers(id),
  claim_id INTEGER REFERENCES claims(id),
  skill_id TEXT,
  level INTEGER CHECK (level BETWEEN 1 AND 3),
  confirmed_by INTEGER REFERENCES people(id),
  configuration_id TEXT NOT NULL,
  format TEXT NOT NULL,
  holder TEXT,                               -- holder key thumbprint or DID
  issuer_kid TEXT NOT NULL,
  credential_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('valid', 'suspended', 'revoked')),
  state_reason TEXT NOT NULL DEFAULT '',
  state_changed_at TEXT,
  state_changed_by TEXT,
  replaces TEXT REFERENCES credentials(id),
  issued_at TEXT NOT NULL,
  valid_until TEXT,
  UNIQUE (offer_id, configuration_id)
);
CREATE INDEX credentials_person ON credentials(person_id);
-- Status lists: 'token' lists (IETF Token Status List, 2 bits: 0 valid, 1 invalid, 2 suspended)
-- and 'bitstring' lists (W3C Bitstring Status List, 1 bit, one purpose per list).
CREATE TABLE status_lists (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('token', 'bitstring')),
  purpose TEXT NOT NULL CHECK (purpose IN ('status', 'revocation', 'suspension')),
  size INTEGER NOT NULL,
  bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
  used INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('open', 'full')),
  -- Bumped with every status change: updated_at has one-second resolution, and the publisher's
  -- cache must see two changes within one second.
  version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One row per index handed out; the primary key makes a second use of an index impossible.
CREATE TABLE status_entries (
  list_id INTEGER NOT NULL REFERENCES status_lists(id),
  idx INTEGER NOT NULL,
  -- Deferred: the issuing transaction allocates the indexes, signs, then records the credential.
  credential_id TEXT NOT NULL REFERENCES credentials(id) DEFERRABLE INITIALLY DEFERRED,
  value INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, idx)
);
CREATE INDEX status_entries_credential ON status_entries(credential_id);
)sql";

constexpr std::array kMigrations = {
    store::Migration{1, "organisation and accounts", kOrganisation},
    store::Migration{2, "skills catalogue and roadmaps", kCatalogue},
    store::Migration{3, "claims, evidence, confirmations, endorsements, keys", kClaims},
    store::Migration{4, "audit log", kAudit},
    store::Migration{5, "credential offers, nonces, issued credentials, status lists", kIssuance},
};

}  // namespace

std::span<const store::Migration> IssuerMigrations() { return kMigrations; }

}  // namespace vaardig::issuer
