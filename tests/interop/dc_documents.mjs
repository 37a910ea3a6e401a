// The document loader the Digital Bazaar peers get in these tests: the bundled contexts of
// specs/contexts (never fetched), security v2 for controller documents, and did:key (Ed25519)
// DID documents built in memory. Anything else is refused, so nothing goes over the network.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

export function makeDocumentLoader(securityContext) {
  const specs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'specs', 'contexts');
  const documents = new Map();
  for (const [url, file] of Object.entries(JSON.parse(readFileSync(join(specs, 'index.json'), 'utf8')))) {
    documents.set(url, JSON.parse(readFileSync(join(specs, file), 'utf8')));
  }
  documents.set(securityContext.SECURITY_CONTEXT_V2_URL, securityContext.contexts.get(securityContext.SECURITY_CONTEXT_V2_URL));
  // did:key:z6Mk... (Ed25519): the DID document and its one verification method, for both
  // assertionMethod and authentication (did:key spec §3.1.2, the Multikey form).
  const didKeyDocuments = (did) => {
    const multibase = did.slice('did:key:'.length);
    const method = { '@context': MULTIKEY_V1, id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
    const { '@context': _, ...embedded } = method;
    const controller = {
      '@context': [securityContext.SECURITY_CONTEXT_V2_URL, MULTIKEY_V1],
      id: did, assertionMethod: [embedded], authentication: [embedded],
    };
    return { method, controller };
  };
  return async (url) => {
    if (url.startsWith('did:key:z6Mk')) {
      const [did, fragment] = url.split('#');
      const { method, controller } = didKeyDocuments(did);
      return { contextUrl: null, documentUrl: url, document: fragment ? method : controller };
    }
    const document = documents.get(url);
    if (!document) throw new Error(`document not allowed: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

// A fresh Ed25519 key as did:key, ready to sign (controller and id set).
export async function newDidKey(Ed25519Multikey) {
  const key = await Ed25519Multikey.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  key.controller = did;
  key.id = `${did}#${key.publicKeyMultibase}`;
  return { key, did };
}
