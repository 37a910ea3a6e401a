// Table for scripts/bench: Vaardig's JSON-LD / Data Integrity benchmarks (Google Benchmark JSON
// from vaardig-bench-w3c) beside Digital Bazaar's stack (di_bench.mjs JSON), with ratios.
// Usage: node di_report.mjs <vaardig.json> <di-js.json|->
import { readFileSync } from 'node:fs';

const [vaardigFile, peerFile] = process.argv.slice(2);
const vaardig = JSON.parse(readFileSync(vaardigFile, 'utf8'));
const peer = peerFile && peerFile !== '-' ? JSON.parse(readFileSync(peerFile, 'utf8')) : { results: [] };
const scale = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 };
const ours = new Map(vaardig.benchmarks.filter((b) => b.run_type !== 'aggregate')
  .map((b) => [b.name, scale[b.time_unit] / b.real_time]));
const theirs = new Map(peer.results.map((r) => [r.name, r.ops_per_sec]));
const rows = [
  ['RDFC-1.0 canonical form of the badge', 'BM_CanonicalizeBadge', 'jsonld_canonize_badge'],
  ['sign the badge (eddsa-rdfc-2022)', 'BM_DataIntegrityRdfcSignBadge', 'di_rdfc_sign_badge'],
  ['verify the badge (eddsa-rdfc-2022)', 'BM_DataIntegrityRdfcVerifyBadge', 'di_rdfc_verify_badge'],
];
const fmt = (x) => (x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
console.log('| operation                              | vaardig ops/s | Digital Bazaar ops/s | vaardig/DB |');
console.log('|----------------------------------------|--------------:|---------------------:|-----------:|');
for (const [label, ourName, peerName] of rows) {
  const a = ours.get(ourName);
  const b = theirs.get(peerName);
  const ratio = a !== undefined && b !== undefined ? (a / b).toFixed(1) : '-';
  console.log(`| ${label.padEnd(38)} | ${fmt(a).padStart(13)} | ${fmt(b).padStart(20)} | ${ratio.padStart(10)} |`);
}
