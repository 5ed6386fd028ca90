#!/usr/bin/env bash
# PDF benchmark: UnitReportPdf (one reused Chromium, as the web app uses it) against a Chromium process per report,
# printing the demo's unit reports. Runs `./crawler demo` first when its reports are missing. Extra arguments go to
# PdfBench (--rounds N, --reports DIR).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
reports="$root/data/demo/reports"
if ! ls "$reports"/*.html >/dev/null 2>&1; then
  "$root/crawler" demo >&2
fi
dotnet build -c Release "$root/bench/PdfBench/PdfBench.csproj" -v quiet -nologo >&2
exec "$root/bench/PdfBench/bin/Release/net10.0/PdfBench" --reports "$reports" "$@"
