#!/usr/bin/env bash
# Storage benchmark: 50 units x 1,000 pages through ScanStore on SQLite and PostgreSQL side by side (bench/README.md).
#   bench/run-store.sh                      # both providers, 50 units, 1,000 pages, 2 nights
#   bench/run-store.sh --only sqlite --units 10
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/scripts/deps.sh"
ensure_dotnet
if [[ "$*" != *"--only sqlite"* && -z "${OPENNESS_BENCH_POSTGRES:-}" ]]; then
  ensure_postgres
  source "$root/scripts/postgres.sh"
  start_test_postgres
  export OPENNESS_BENCH_POSTGRES="$OPENNESS_TEST_POSTGRES"
fi
dotnet build "$root/bench/StoreBench/StoreBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/bench/StoreBench/bin/Release/net10.0/StoreBench.dll" "$@"
