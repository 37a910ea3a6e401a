// A peer OpenID4VCI 1.0 issuer of SD-JWT VCs, built from npm packages (pinned in package-lock.json),
// for the interop tests that need Vaardig's wallet to hold a credential it did not make itself
// (oid4vci_wallet_interop.mjs collects from it; oid4vp_wallet_interop.mjs then presents it):
//  - @openid4vc/openid4vci 0.4.6 (Openid4vciIssuer) writes the Credential Issuer Metadata and the
//    credential offer (pre-authorized code, optionally with a 6-digit tx_code), parses the
//    credential request, verifies the `jwt` key proof against the c_nonce it handed out, and writes
//    the credential response and nonce response;
//  - @openid4vc/oauth2 0.4.6 (Oauth2AuthorizationServer) writes the Authorization Server Metadata,
//    parses and verifies the pre-authorized code token request (code and tx_code) and makes the
//    access token (a JWT signed by the peer);
//  - @sd-jwt/sd-jwt-vc 0.19.0 issues the SD-JWT VC (ES256, typ dc+sd-jwt, iss = the issuer URL,
//    key in /.well-known/jwt-vc-issuer, cnf = the key of the wallet's proof) with a Token Status
//    List entry; @sd-jwt/jwt-status-list builds the status list token that `jose` signs.
// It serves https on 127.0.0.1 (a free port) with the certificate the caller made (loopback_tls.mjs).
//
// The packages are imported statically: a test imports this module inside its own
// `try { await import(...) }` so that missing node_modules still means "skip".
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import * as oauth2 from '@openid4vc/oauth2';
import * as oid4vci from '@openid4vc/openid4vci';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import * as jose from 'jose';

const { Openid4vciIssuer } = oid4vci;
const { Oauth2AuthorizationServer, HashAlgorithm } = oauth2;

// The credential's own claims when the caller gives none: one skill, disclosed as a whole.
const defaultClaims = () => ({ skill: { name: { nl: 'Klantgesprekken voeren', en: 'Customer conversations' }, level: 2 } });
const defaultFrame = { _sd: ['skill'] };

// Starts the peer issuer. Options:
//   certFile, keyFile  the TLS certificate and key (PEM) for 127.0.0.1;
//   txCode             the PIN every offer asks for (a string of 6 digits), or null for none;
//   claims(origin)     the credential's subject claims (iss, iat, exp, vct, cnf, status are added);
//   disclosureFrame    the @sd-jwt disclosure frame for those claims.
// Returns { origin, vct, publicJwk, state, newOffer({ revoke }), statusListJwt(), close() }; state
// counts what the peer saw (proofsSeen, credentialsIssued) and holds its codes, tokens and nonces.
export async function startPeerIssuer({ certFile, keyFile, txCode = null, claims = defaultClaims,
  disclosureFrame = defaultFrame } = {}) {
  const issuerKey = await ES256.generateKeyPair();  // JWKs
  const publicJwk = { ...issuerKey.publicKey, kid: 'peer-1' };
  const issuerPrivate = await jose.importJWK(issuerKey.privateKey, 'ES256');
  const callbacks = {
    hash: (data, alg) => {
      const algorithms = { [HashAlgorithm.Sha256]: 'sha256', [HashAlgorithm.Sha384]: 'sha384', [HashAlgorithm.Sha512]: 'sha512' };
      return new Uint8Array(createHash(algorithms[alg]).update(data).digest());
    },
    generateRandom: (n) => new Uint8Array(randomBytes(n)),
    signJwt: async (signer, { header, payload }) => {
      const jwt = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader(header).sign(issuerPrivate);
      return { jwt, signerJwk: issuerKey.publicKey };
    },
    verifyJwt: async (signer, { compact, header }) => {
      try {
        if (signer.method !== 'jwk') return { verified: false };
        await jose.compactVerify(compact, await jose.importJWK(signer.publicJwk, header.alg));
        return { verified: true, signerJwk: signer.publicJwk };
      } catch {
        return { verified: false };
      }
    },
    clientAuthentication: oauth2.clientAuthenticationNone(),
  };
  const issuer = new Openid4vciIssuer({ callbacks });
  const as = new Oauth2AuthorizationServer({ callbacks });
  const sdjwt = new SDJwtVcInstance({
    signer: await ES256.getSigner(issuerKey.privateKey), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });

  let origin = '';
  const state = { codes: new Map(), tokens: new Map(), nonces: new Set(), proofsSeen: 0, credentialsIssued: 0 };
  const list = new StatusList(new Array(1024).fill(0), 2);
  let nextIndex = 7;
  const metadata = () => issuer.createCredentialIssuerMetadata({
    credential_issuer: origin,
    credential_endpoint: `${origin}/credential`,
    nonce_endpoint: `${origin}/nonce`,
    display: [{ name: 'Peer Issuer', locale: 'en' }],
    credential_configurations_supported: {
      peer_skill_sd_jwt: {
        format: 'dc+sd-jwt', vct: `${origin}/vct/skill`,
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
        credential_metadata: { display: [{ name: 'Vaardigheid (peer)', locale: 'nl' }, { name: 'Skill (peer)', locale: 'en' }] },
      },
    },
  });
  const asMetadata = () => as.createAuthorizationServerMetadata({
    issuer: origin, token_endpoint: `${origin}/token`,
    'pre-authorized_grant_anonymous_access_supported': true,
  });
  const issuerMetadataResult = () => {
    const credentialIssuer = metadata();
    return {
      originalDraftVersion: oid4vci.Openid4vciVersion.V1, credentialIssuer, authorizationServers: [asMetadata()],
      knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    };
  };
  // A new pre-authorized offer; with revoke the credential it leads to is revoked in the status list.
  async function newOffer({ revoke = false } = {}) {
    const code = randomBytes(16).toString('base64url');
    const index = nextIndex++;
    state.codes.set(code, { index });
    if (revoke) list.setStatus(index, 1);
    const preAuthorized = { 'pre-authorized_code': code };
    if (txCode) preAuthorized.tx_code = { input_mode: 'numeric', length: txCode.length };
    const { credentialOffer } = await issuer.createCredentialOffer({
      issuerMetadata: issuerMetadataResult(),
      credentialConfigurationIds: ['peer_skill_sd_jwt'],
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': preAuthorized },
    });
    return { link: credentialOffer, code };
  }
  async function statusListJwt() {
    const { header, payload } = createHeaderAndPayload(list, { iss: origin, sub: `${origin}/status/1`,
      iat: Math.floor(Date.now() / 1000), ttl: 60 }, { alg: 'ES256', typ: 'statuslist+jwt', kid: 'peer-1' });
    return new jose.SignJWT(payload).setProtectedHeader(header).sign(issuerPrivate);
  }

  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res, e) => {
    if (e?.errorResponse) return json(res, e.status ?? 400, e.errorResponse);
    return json(res, 500, { error: 'server_error', error_description: String(e?.message ?? e).slice(0, 200) });
  };
  async function handle(req, res, body) {
    const url = new URL(req.url, origin);
    const request = { method: req.method, url: url.toString(), headers: new Headers(req.headers) };
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-credential-issuer') return json(res, 200, metadata());
    if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') return json(res, 200, asMetadata());
    if (req.method === 'GET' && url.pathname === '/.well-known/jwt-vc-issuer') {
      return json(res, 200, { issuer: origin, jwks: { keys: [publicJwk] } });
    }
    if (req.method === 'GET' && url.pathname === '/status/1') {
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' });
      return res.end(await statusListJwt());
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      try {
        const form = Object.fromEntries(new URLSearchParams(body));
        const parsed = as.parseAccessTokenRequest({ request, accessTokenRequest: form });
        const code = parsed.grant.preAuthorizedCode;
        const offer = state.codes.get(code);
        await as.verifyPreAuthorizedCodeAccessTokenRequest({
          authorizationServerMetadata: asMetadata(), grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest,
          request, expectedPreAuthorizedCode: offer ? code : 'no-such-code', expectedTxCode: txCode ?? undefined,
        });
        state.codes.delete(code);  // single use
        const response = await as.createAccessTokenResponse({
          authorizationServer: origin, audience: origin, subject: code.slice(0, 8), expiresInSeconds: 300,
          signer: { method: 'jwk', publicJwk: issuerKey.publicKey, alg: 'ES256' },
        });
        state.tokens.set(response.access_token, offer);
        return json(res, 200, response);
      } catch (e) {
        return oauthError(res, e);
      }
    }
    if (req.method === 'POST' && url.pathname === '/nonce') {
      const cNonce = randomBytes(16).toString('base64url');
      state.nonces.add(cNonce);
      return json(res, 200, issuer.createNonceResponse({ cNonce, cNonceExpiresIn: 300 }));
    }
    if (req.method === 'POST' && url.pathname === '/credential') {
      try {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const offer = state.tokens.get(token);
        if (!offer) return json(res, 401, { error: 'invalid_token' });
        const parsed = issuer.parseCredentialRequest({ issuerMetadata: issuerMetadataResult(), credentialRequest: JSON.parse(body) });
        const proofJwt = parsed.proofs?.jwt?.[0];
        const nonce = proofJwt ? jose.decodeJwt(proofJwt).nonce : undefined;
        if (!nonce || !state.nonces.has(nonce)) return json(res, 400, { error: 'invalid_nonce' });
        state.nonces.delete(nonce);
        const verified = await issuer.verifyCredentialRequestJwtProof({
          issuerMetadata: issuerMetadataResult(), jwt: proofJwt, expectedNonce: nonce,
          nonceExpiresAt: new Date(Date.now() + 300_000),
        });
        state.proofsSeen++;
        const now = Math.floor(Date.now() / 1000);
        const credential = await sdjwt.issue({
          iss: origin, iat: now, exp: now + 3600, vct: `${origin}/vct/skill`,
          cnf: { jwk: verified.signer.publicJwk },
          status: { status_list: { idx: offer.index, uri: `${origin}/status/1` } },
          ...claims(origin),
        }, disclosureFrame, { header: { kid: 'peer-1', typ: 'dc+sd-jwt' } });
        state.tokens.delete(token);
        state.credentialsIssued++;
        return json(res, 200, issuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] }));
      } catch (e) {
        return oauthError(res, e);
      }
    }
    return json(res, 404, { error: 'not_found' });
  }
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => handle(req, res, body).catch((e) => oauthError(res, e)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${server.address().port}`;
  return {
    origin, vct: `${origin}/vct/skill`, publicJwk, state, newOffer, statusListJwt,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
