#!/usr/bin/env bash
# Runs every NUnit test project in Crawler.sln against real components: Chromium, Kestrel on 127.0.0.1, SQLite, and
# a PostgreSQL server on loopback that this script installs and starts when missing. With CI=true a missing
# dependency fails the run; tests never skip for it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/scripts/deps.sh"

ensure_dotnet
ensure_browser
ensure_pdf_tools
ensure_postgres
source "$root/scripts/postgres.sh"
start_test_postgres

export OPENNESS_ROOT="$root"
export OPENNESS_REQUIRE_ALL="${CI:-false}"

log="$(mktemp)"
set +e
# A test that runs past 15 minutes (none takes 4) is a hang: its test host is stopped and the test named, instead
# of CI's clock running out with no word of where.
dotnet test "$root/Crawler.sln" -c Release --nologo \
  --blame-hang-timeout 15min --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, e.g. "Tests: 212 passed, 0 failed, 0 skipped".
python3 - "$log" <<'PY'
import re, sys
passed = failed = skipped = aborted = 0
hung = []
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
for i, line in enumerate(lines):
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
    if line.strip() == "Test Run Aborted.":
        aborted += 1
    if line.startswith("The test running when the crash occurred") and i + 1 < len(lines):
        hung.append(lines[i + 1].strip())
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped"
      + (f"; {aborted} test run(s) aborted (hung or crashed: {', '.join(hung) or 'see above'})" if aborted else ""))
PY
rm -f "$log"
exit "$status"
