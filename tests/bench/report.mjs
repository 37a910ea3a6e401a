// Prints scripts/bench's comparison table from the three measurements of one run.
// Usage: node report.mjs <google-benchmark.json> <openssl-speed.txt> <jose.json|-> [out.json]
import { readFileSync, writeFileSync } from 'node:fs';

const [ourPath, opensslPath, josePath, outPath] = process.argv.slice(2);

// Google Benchmark JSON → ops/s by benchmark name (one iteration = one operation).
const ours = {};
for (const b of JSON.parse(readFileSync(ourPath, 'utf8')).benchmarks) {
  if (b.run_type === 'aggregate') continue;
  const perSecond = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 }[b.time_unit];
  ours[b.name] = perSecond / b.real_time;
}

// `openssl speed` text: "256 bits ecdsa (nistp256) 0.0000s 0.0001s 30713.0 11825.3".
const openssl = {};
for (const line of readFileSync(opensslPath, 'utf8').split('\n')) {
  const m = line.match(/\((nistp256|Ed25519)\)\s+\S+s\s+\S+s\s+([\d.]+)\s+([\d.]+)/);
  if (m) {
    const key = m[1] === 'nistp256' ? 'es256' : 'eddsa';
    openssl[`${key}_sign`] = Number(m[2]);
    openssl[`${key}_verify`] = Number(m[3]);
  }
}

let jose = {};
let joseVersion = null;
if (josePath && josePath !== '-') {
  const j = JSON.parse(readFileSync(josePath, 'utf8'));
  joseVersion = j.jose_version;
  for (const r of j.results) jose[r.name] = r.ops_per_sec;
}

const rows = [
  ['ES256 sign (raw)', 'BM_Es256Sign', 'es256_sign', null],
  ['ES256 verify (raw)', 'BM_Es256Verify', 'es256_verify', null],
  ['EdDSA sign (raw)', 'BM_EdDsaSign', 'eddsa_sign', null],
  ['EdDSA verify (raw)', 'BM_EdDsaVerify', 'eddsa_verify', null],
  ['JWS sign ES256', 'BM_JwsSignEs256', 'es256_sign', 'jws_sign_es256'],
  ['JWS verify ES256 (parse+verify)', 'BM_JwsVerifyEs256', 'es256_verify', 'jws_verify_es256'],
  ['JWS sign EdDSA', 'BM_JwsSignEdDsa', 'eddsa_sign', 'jws_sign_eddsa'],
  ['JWS verify EdDSA (parse+verify)', 'BM_JwsVerifyEdDsa', 'eddsa_verify', 'jws_verify_eddsa'],
];

const fmt = (v) => (v == null || Number.isNaN(v) ? '-' : Math.round(v).toLocaleString('en-US'));
const ratio = (a, b) => (a == null || b == null ? '-' : (a / b).toFixed(2));
const table = [['operation', 'vaardig ops/s', 'openssl ops/s', 'jose ops/s', 'vaardig/openssl', 'vaardig/jose']];
const records = [];
for (const [label, ourName, opensslName, joseName] of rows) {
  const o = ours[ourName];
  if (o == null) continue;
  const s = openssl[opensslName];
  const j = joseName ? jose[joseName] : null;
  table.push([label, fmt(o), fmt(s), fmt(j), ratio(o, s), ratio(o, j)]);
  records.push({ operation: label, vaardig: o, openssl: s ?? null, jose: j ?? null });
}

const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
console.log('\nopenssl column: `openssl speed` raw signature operations (a JWS row compares with the raw');
console.log('operation it contains); jose column: compactVerify / CompactSign' +
  (joseVersion ? ` (jose ${joseVersion}, Node ${process.version})` : ' (not measured)') + '.');
if (outPath) writeFileSync(outPath, JSON.stringify({ jose_version: joseVersion, rows: records }, null, 2));
