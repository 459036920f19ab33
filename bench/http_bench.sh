#!/usr/bin/env bash
# HTTP throughput with wrk against a running `awardflow serve` on the demo data directory:
# status reads (GET /api/v1/dossiers/{id}, bearer token) at 64 connections with p99 latency, and
# submissions (POST /api/v1/dossiers, multipart: signed XML + two PDFs) next to the in-process
# rate of the same work (awardflow_submit_bench) measured in the same run.
# Targets (issue 5, 2 cores): reads >= 5 000/s with p99 < 20 ms; submissions >= 50 % in-process.
#
# usage: bench/http_bench.sh BUILD-DIR [SECONDS]
set -euo pipefail
build=${1:-build}
seconds=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
work="${build}/http-bench.$$"
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
bin="$build/awardflow"
"$bin" init --demo --data "$work/data" >/dev/null
printf 'log.access =\nserver.threads = 16\n' > "$work/serve.conf"
port=$((20000 + RANDOM % 20000))
"$bin" serve --config "$work/serve.conf" --data "$work/data" --listen "127.0.0.1:$port" \
  > "$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

login() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"demo-$1-2026\"}" -c "$work/$1.cookies" \
    "http://127.0.0.1:$port/api/v1/session" | sed -n 's/.*"csrfToken": "\([0-9a-f]*\)".*/\1/p'
}
token() {
  local csrf; csrf=$(login "$1")
  curl -sf -b "$work/$1.cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"label":"bench"}' "http://127.0.0.1:$port/api/v1/tokens" |
    sed -n 's/.*"token": "\([0-9a-f]*\)".*/\1/p'
}
office=$(token thuong-truc)
clerk=$(token pho-chau)
id=$(curl -sf -H "Authorization: Bearer $office" "http://127.0.0.1:$port/api/v1/dossiers" |
  sed -n 's/.*"id": "\(HS-[0-9-]*\)".*/\1/p' | head -1)

echo "== status reads: GET /api/v1/dossiers/$id, 64 connections, ${seconds}s"
wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $office" \
  "http://127.0.0.1:$port/api/v1/dossiers/$id" > "$work/reads.txt"
reads=$(awk '/Requests\/sec/ {print $2}' "$work/reads.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/reads.txt")
non2xx=$(awk '/Non-2xx/ {print $4}' "$work/reads.txt")
echo "  awardflow: ${reads} reads/s, p99 ${p99} (target >= 5000/s, p99 < 20ms)${non2xx:+; non-2xx: $non2xx}"

# The submission body: the demo clerk signs the sample once; every request submits it anew.
echo "demo-pho-chau-2026" > "$work/pass"
"$bin" sign --key "$work/data/demo-keys/pho-chau.p12" -p "$work/pass" \
  "$root/samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml" -o "$work/09.xml" 2>/dev/null
python3 - "$work" "$root" <<'PY'
import sys
work, root = sys.argv[1], sys.argv[2]
b = "awardflowbenchboundary"
parts = [("dossier", "dossier.xml", "application/xml", open(f"{work}/09.xml", "rb").read())]
for f in ("pho-chau-2024-totrinh-231.pdf", "pho-chau-2024-bienban-binhxet-27.pdf"):
    parts.append(("file", f, "application/pdf", open(f"{root}/samples/attachments/{f}", "rb").read()))
body = b""
for name, fn, ct, data in parts:
    body += (f"--{b}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fn}\"\r\n"
             f"Content-Type: {ct}\r\n\r\n").encode() + data + b"\r\n"
body += f"--{b}--\r\n".encode()
open(f"{work}/body", "wb").write(body)
PY
cat > "$work/submit.lua" <<LUA
local f = io.open("$work/body", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=awardflowbenchboundary"
wrk.headers["Authorization"] = "Bearer $clerk"
LUA
echo "== submissions: POST /api/v1/dossiers (multipart, 2 PDFs), 4 connections, ${seconds}s"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/submit.lua" \
  "http://127.0.0.1:$port/api/v1/dossiers" > "$work/submit.txt"
submits=$(awk '/Requests\/sec/ {print $2}' "$work/submit.txt")
non2xx=$(awk '/Non-2xx/ {print $4}' "$work/submit.txt")
kill $server; wait $server 2>/dev/null || true
inproc=$("$build/bench/awardflow_submit_bench" "$work/data" "$work/09.xml" "$seconds" 2)
ratio=$(awk -v a="$submits" -v b="$inproc" 'BEGIN { printf "%.1f", 100 * a / b }')
echo "  in-process (same work, 2 threads): ${inproc}/s"
echo "  awardflow over HTTP:               ${submits}/s  (${ratio} % of in-process; target >= 50 %)${non2xx:+; non-2xx: $non2xx}"
