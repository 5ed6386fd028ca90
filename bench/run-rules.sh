#!/usr/bin/env bash
# Rules-stage benchmark: the whole rules stage (site model, every check of an indicator system, scoring) against
# AngleSharp's bare parse of the same stored site snapshots, for two sets of at least 20,000 pages (generated TRS,
# Hanweb and avalon portals; the shared corpus's real pages), each side in its own child process. Extra arguments go to RulesBench
# (--pages N, --rules FILE, --rounds N, --snapshots DIR).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
dotnet build -c Release "$root/bench/RulesBench/RulesBench.csproj" -v quiet -nologo >&2
exec "$root/bench/RulesBench/bin/Release/net10.0/RulesBench" --rules "$root/rules/jilin-2017-county.yaml" "$@"
