// Table for scripts/bench: Vaardig's SD-JWT VC benchmarks (Google Benchmark JSON) beside
// sd-jwt-js (sdjwt_bench.mjs JSON), with ratios.
// Usage: node sdjwt_report.mjs <vaardig.json> <sdjwt-js.json|->
import { readFileSync } from 'node:fs';

const [vaardigFile, peerFile] = process.argv.slice(2);
const vaardig = JSON.parse(readFileSync(vaardigFile, 'utf8'));
const peer = peerFile && peerFile !== '-' ? JSON.parse(readFileSync(peerFile, 'utf8')) : { results: [] };
const scale = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 };
const ours = new Map(vaardig.benchmarks.filter((b) => b.run_type !== 'aggregate')
  .map((b) => [b.name, scale[b.time_unit] / b.real_time]));
const theirs = new Map(peer.results.map((r) => [r.name, r.ops_per_sec]));
const rows = [
  ['issue a credential (6 disclosable)', 'BM_SdJwtVcIssue', 'sd_jwt_vc_issue'],
  ['verify a presentation (2 of 6, KB-JWT)', 'BM_SdJwtVcVerifyPresentation', 'sd_jwt_vc_verify_presentation'],
  ['encode a 2^20-entry status list', 'BM_TokenStatusListEncode1M', 'token_status_list_encode_1m'],
  ['decode a 2^20-entry status list', 'BM_TokenStatusListDecode1M', 'token_status_list_decode_1m'],
];
const fmt = (x) => (x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
console.log('| operation                              | vaardig ops/s | sd-jwt-js ops/s | vaardig/sd-jwt-js |');
console.log('|----------------------------------------|--------------:|----------------:|------------------:|');
for (const [label, ourName, peerName] of rows) {
  const a = ours.get(ourName);
  const b = theirs.get(peerName);
  const ratio = a !== undefined && b !== undefined ? (a / b).toFixed(2) : '-';
  console.log(`| ${label.padEnd(38)} | ${fmt(a).padStart(13)} | ${fmt(b).padStart(15)} | ${ratio.padStart(17)} |`);
}
