#!/usr/bin/env bash
# Load test of the web app (crawler serve) with wrk: 200 concurrent connections, signed in as an office
# administrator, alternating the ranking page and a unit's report page for 60 s, on the demo's data in a throw-away
# data folder; then the same load, side by side, on the peer: the same two reports as the static files the demo
# wrote, served by Python's threading http.server. Prints p50/p99, errors and the ratios; exits 1 on any error of
# the app. Usage: bench/run-load.sh [--duration 60s] [--connections 200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/scripts/deps.sh"
ensure_dotnet
ensure_browser
command -v wrk >/dev/null || { sudo apt-get install -y wrk >/dev/null 2>&1 || apt-get install -y wrk; }

duration=60s; connections=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
server=""; peer=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; [[ -n "$peer" ]] && kill "$peer" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export OPENNESS_ROOT="$root" OPENNESS_DataDir="$work/data"

echo "building..." >&2
dotnet build "$root/src/Cli/Cli.csproj" -c Release -o "$work/cli" -nologo -v quiet -clp:ErrorsOnly >&2
crawler() { dotnet "$work/cli/crawler.dll" "$@"; }
echo "scanning the demo portals into $work/data ..." >&2
crawler demo --no-serve > "$work/demo.log"
password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 20)"
echo "$password" | crawler users add --username bench --role office --password-stdin >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
crawler serve --urls "$base" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "$base/login" >/dev/null 2>&1 && break; sleep 0.5; done

jar="$work/cookies"
token="$(curl -fs -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=bench" --data-urlencode "password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/login"
cookie="$(awk '$6 ~ /^openness\./ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"

ranking="/office/e/1"
unit="/units/1/county"
for p in "$ranking" "$unit"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$p")"
  [[ "$code" == 200 ]] || { echo "GET $p answered $code before the load; see $work/serve.log" >&2; exit 1; }
done

echo "wrk: $connections connections, $duration, alternating $ranking and $unit (signed in)" >&2
out="$(LOAD_PATHS="$ranking,$unit" LOAD_COOKIE="$cookie" wrk -t2 -c"$connections" -d"$duration" --timeout 10s \
  -s "$root/bench/load.lua" "$base")"
echo "$out"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

# The peer: the same two reports as static files (what the demo wrote), no sign-in, no store.
reports="$work/data/demo/reports"
peerport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$peerport" --bind 127.0.0.1 --directory "$reports" > "$work/peer.log" 2>&1 &
peer=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$peerport/ranking.html" >/dev/null 2>&1 && break; sleep 0.5; done
echo "peer: python3 http.server, same load on ranking.html and county.html" >&2
peerout="$(LOAD_PATHS="/ranking.html,/county.html" LOAD_COOKIE="" wrk -t2 -c"$connections" -d"$duration" --timeout 10s \
  -s "$root/bench/load.lua" "http://127.0.0.1:$peerport")"
echo "$peerout"

python3 - "$out" "$peerout" <<'PY'
import re, sys
def parse(text):
    m = re.search(r"requests (\d+) in ([\d.]+) s", text); p = re.search(r"p50 ([\d.]+) ms, p90 ([\d.]+) ms, p99 ([\d.]+) ms", text)
    return int(m.group(1)) / float(m.group(2)), float(p.group(1)), float(p.group(3))
app, peer = parse(sys.argv[1]), parse(sys.argv[2])
print(f"{'':10} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}")
print(f"{'app':10} {app[0]:9.0f} {app[1]:9.1f} {app[2]:9.1f}")
print(f"{'peer':10} {peer[0]:9.0f} {peer[1]:9.1f} {peer[2]:9.1f}")
print(f"{'app/peer':10} {app[0]/peer[0]:9.2f} {app[1]/peer[1]:9.2f} {app[2]/peer[2]:9.2f}")
PY
echo "$out" | grep -q "errors connect 0, read 0, write 0, timeout 0, non-2xx 0" || { echo "load test had errors" >&2; exit 1; }
