// Tables for scripts/bench (issue 5): verify throughput per securing mechanism of the Open Badges
// skill badge, and the 1,048,576-entry Bitstring Status List, from vaardig-bench-vc (Google
// Benchmark JSON) beside w3c_bench.mjs (@digitalbazaar/vc, jose, vc-bitstring-status-list), with
// ratios (sd-jwt-js for vc+sd-jwt).
// Usage: node w3c_report.mjs <vaardig-vc.json> <w3c-js.json|-> [out.json]
import { readFileSync, writeFileSync } from 'node:fs';

const [vaardigFile, peerFile, outFile] = process.argv.slice(2);
const vaardig = JSON.parse(readFileSync(vaardigFile, 'utf8'));
const peer = peerFile && peerFile !== '-' ? JSON.parse(readFileSync(peerFile, 'utf8')) : { results: [] };
const scale = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 };
const ours = new Map(vaardig.benchmarks.filter((b) => b.run_type !== 'aggregate')
  .map((b) => [b.name, scale[b.time_unit] / b.real_time]));
const theirs = new Map(peer.results.map((r) => [r.name, r.ops_per_sec]));
const v = peer.versions ?? {};
const db = `@digitalbazaar/vc ${v['@digitalbazaar/vc'] ?? '?'}`;
const jose = `jose ${v.jose ?? '?'}`;
const bsl = `vc-bitstring-status-list ${v['@digitalbazaar/vc-bitstring-status-list'] ?? '?'}`;

const fmt = (x) => (x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const records = [];
function table(header, rows) {
  const lines = [header];
  for (const [label, ourName, peerLabel, peerName] of rows) {
    const a = ours.get(ourName);
    const b = peerName ? theirs.get(peerName) : undefined;
    const ratio = a !== undefined && b !== undefined ? (a / b).toFixed(1) : '-';
    lines.push([label, fmt(a), peerName ? peerLabel : '- (no peer)', fmt(b), ratio]);
    records.push({ operation: label, vaardig: a ?? null, peer: peerName ? peerLabel : null, peer_ops_per_sec: b ?? null });
  }
  const widths = header.map((_, c) => Math.max(...lines.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log(line(lines[0]));
  console.log(`|${widths.map((w, c) => (c === 0 || c === 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of lines.slice(1)) console.log(line(r));
}

table(['verify the badge, secured as', 'vaardig ops/s', 'peer', 'peer ops/s', 'vaardig/peer'], [
  ['Data Integrity eddsa-rdfc-2022', 'BM_VerifyBadgeDiEddsaRdfc2022', db, 'verify_badge_di_eddsa_rdfc_2022'],
  ['Data Integrity eddsa-jcs-2022', 'BM_VerifyBadgeDiEddsaJcs2022', null, null],
  ['vc+jwt (ES256)', 'BM_VerifyBadgeVcJwtEs256', `${jose} jwtVerify`, 'verify_badge_vc_jwt_es256'],
  ['vc+sd-jwt (ES256, 2 disclosures)', 'BM_VerifyBadgeVcSdJwtEs256', `sd-jwt-js ${v['@sd-jwt/core'] ?? '?'} verify`,
    'verify_badge_vc_sd_jwt_es256'],
  ['Open Badges VC-JWT (RS256)', 'BM_VerifyBadgeObJwtRs256', `${jose} jwtVerify`, 'verify_badge_ob_jwt_rs256'],
  ['ldp_vp of it (challenge, domain)', 'BM_VerifyLdpVpChallengeDomain', db, 'verify_ldp_vp_challenge_domain'],
]);
console.log();
table(['Bitstring Status List, 1,048,576 entries, 1% set', 'vaardig ops/s', 'peer', 'peer ops/s', 'vaardig/peer'], [
  ['encode (GZIP + multibase)', 'BM_BitstringStatusListEncode1M', bsl, 'bitstring_status_list_encode_1m'],
  ['decode', 'BM_BitstringStatusListDecode1M', bsl, 'bitstring_status_list_decode_1m'],
]);
const encode = vaardig.benchmarks.find((b) => b.name === 'BM_BitstringStatusListEncode1M');
console.log(`\nencodedList length: vaardig ${encode?.encoded_chars ?? '-'} characters, ` +
  `peer ${peer.encoded_chars ?? '-'}.`);
if (peer.node_version) console.log(`peers in Node ${peer.node_version}; jose verifies the signature and JWT claims only, not the VCDM shape.`);
if (outFile) writeFileSync(outFile, JSON.stringify({ versions: v, rows: records }, null, 2));
