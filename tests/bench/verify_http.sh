#!/usr/bin/env bash
# POST /presentations/verify over HTTP on loopback (issue 9): `vaardig-verifier serve` with a signed
# trust list, loaded by wrk with many keep-alive connections, both cores shared by the server and
# wrk (not pinned). The body is one SD-JWT VC skill credential presentation with its KB-JWT
# (made with the release build's own tools: an issuer with a did:jwk, so no key is fetched; no
# status, so no list is fetched): every request runs the whole pipeline — issuer JWT and KB-JWT
# signatures (two ES256 verifies), disclosures, trust list, validity, holder binding — and the
# answer's JSON report. Beside it, the same presentation through `vaardig-verifier verify --batch`
# (one process, one core, no HTTP): the in-process figure.
#
#   tests/bench/verify_http.sh BIN_DIR OUT_DIR [SECONDS] [CONNECTIONS] [SERVER_THREADS]
set -euo pipefail
bin=$(cd "$1" && pwd)
mkdir -p "$2"; out=$(cd "$2" && pwd)
seconds=${3:-10}
connections=${4:-64}
threads=${5:-2}
command -v wrk >/dev/null || { echo "verify_http.sh: wrk is not installed (scripts/setup installs it)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vaardig-bench-verify.XXXXXX")
server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

issuer_did=$("$bin/vaardig-issuer" keys generate --alg ES256 --out issuer.jwk | grep -o 'did:jwk:[A-Za-z0-9_-]*' | head -1)
"$bin/vaardig-issuer" keys generate --alg ES256 --out holder.jwk >/dev/null
"$bin/vaardig-issuer" keys public --key holder.jwk >holder.pub.jwk
vct=https://werk.gemeente-voorbeeld.nl/vct/skill/v1
now=$(date +%s)
cat >claims.json <<JSON
{"iss":"$issuer_did","iat":$now,"exp":$((now + 3 * 365 * 86400)),"vct":"$vct",
 "skill":{"id":"https://werk.gemeente-voorbeeld.nl/skills/snoeien-en-onderhouden-van-beplanting",
          "name":{"nl":"Snoeien en onderhouden van beplanting","en":"Pruning and maintaining plantings"},
          "level":2,"level_label":{"nl":"zelfstandig","en":"independently"}},
 "confirmation":{"status":"confirmed","by":{"name":"Jeroen Hendriks","role":"manager"},"at":"2026-12-01T10:00:00Z"},
 "holder":{"given_name":"Mohamed","family_name":"Yilmaz"}}
JSON
"$bin/vaardig-issuer" sign --format dc+sd-jwt --key issuer.jwk --claims claims.json --holder-jwk holder.pub.jwk >credential.txt
aud=https://werkgever.example
nonce=bench-nonce-0123456789abcdef
"$bin/vaardig-wallet" present --credential credential.txt --holder-key holder.jwk --disclose skill \
  --disclose confirmation.by.role --aud "$aud" --nonce "$nonce" >presentation.txt
presentation=$(cat presentation.txt)
printf '{"verifiablePresentation":"%s","options":{"challenge":"%s","domain":"%s"}}' "$presentation" "$nonce" "$aud" >body.json

"$bin/vaardig-verifier" trust init --key operator.jwk --out trust.jws >/dev/null
"$bin/vaardig-verifier" trust add --list trust.jws --key operator.jwk --issuer "$issuer_did" --name "Gemeente Voorbeeld" \
  --type "$vct" >/dev/null
printf '[server]\nport = 0\nthreads = %s\n[trust]\nlist = "trust.jws"\nkey = "operator.jwk"\n[fetch]\noffline = true\n' \
  "$threads" >verifier.toml
"$bin/vaardig-verifier" serve --config verifier.toml >serve.out 2>serve.log &
server=$!
for _ in $(seq 1 100); do grep -q 'listening on' serve.out 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' serve.out | head -1)
[[ -n $url ]] || { echo "verify_http.sh: the verifier did not start" >&2; cat serve.log >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data-binary @body.json "$url/presentations/verify")
[[ $status == 200 ]] || { echo "verify_http.sh: the presentation did not verify (HTTP $status)" >&2; exit 1; }

cat >post.lua <<'LUA'
local f = io.open("body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests/s %.1f p50_ms %.2f p99_ms %.2f non2xx_or_errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad))
end
LUA
echo "POST /presentations/verify, $connections connections, $threads server threads, ${seconds}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s post.lua "$url/presentations/verify" | tee "$out/verify_http.txt"

# In-process: the same presentation, one process, one core, no HTTP.
n=20000
awk -v p="$presentation" -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print p }' >batch.txt
trust_json=$(printf '{"issuers":[{"id":"%s","name":"Gemeente Voorbeeld","credential_types":["%s"]}]}' "$issuer_did" "$vct")
echo "$trust_json" >trust.json
start=$(date +%s.%N)
"$bin/vaardig-verifier" verify --batch --offline --trust-list trust.json --aud "$aud" --nonce "$nonce" batch.txt >batch.out
end=$(date +%s.%N)
valid=$(grep -c '"verified":true' batch.out || true)
rate=$(echo "$n / ($end - $start)" | bc -l)
printf 'IN-PROCESS verify --batch (one core): %d presentations, %d verified, %.0f/s\n' "$n" "$valid" "$rate" | tee -a "$out/verify_http.txt"
