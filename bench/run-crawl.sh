#!/usr/bin/env bash
# Crawl benchmark: our crawler (http and browser mode) against Crawlee (CheerioCrawler, PlaywrightCrawler) on one
# generated 2,000-page TRS portal served on 127.0.0.1. Extra arguments go to CrawlBench
# (--pages N, --concurrency N, --only http,cheerio,browser,playwright).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium (never a downloaded browser)" >&2
  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
if [ ! -d "$here/crawlee/node_modules" ]; then
  (cd "$here/crawlee" && npm ci --no-audit --no-fund)
fi
dotnet build -c Release "$root/bench/CrawlBench/CrawlBench.csproj" -v quiet -nologo >&2
exec "$root/bench/CrawlBench/bin/Release/net10.0/CrawlBench" --crawlee-dir "$here/crawlee" "$@"
