// Crawlee PlaywrightCrawler side of the crawl benchmark (Debian Chromium, never a downloaded browser).
// Usage: node playwright.mjs <start-urls.json> <concurrency>
// Prints one JSON line: {"pages":..,"failed":..,"seconds":..}
import { readFileSync } from 'node:fs';
import { PlaywrightCrawler, Configuration, log } from '@crawlee/playwright';
import { chromium } from 'playwright-core';

const [startFile, concurrencyText] = process.argv.slice(2);
const startUrls = JSON.parse(readFileSync(startFile, 'utf8'));
const concurrency = Number(concurrencyText);
log.setLevel(log.LEVELS.WARNING);

// The same Chromium flags as our BrowserFetcher.
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const crawler = new PlaywrightCrawler({
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestsPerCrawl: 1_000_000,
    headless: true,
    launchContext: {
        launcher: chromium,
        launchOptions: { executablePath: '/usr/bin/chromium', args },
    },
    browserPoolOptions: { useFingerprints: false },
    async requestHandler({ enqueueLinks }) {
        await enqueueLinks({ strategy: 'same-hostname' });
    },
}, new Configuration({ persistStorage: false, purgeOnStart: true }));

const started = performance.now();
const stats = await crawler.run(startUrls);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ pages: stats.requestsFinished, failed: stats.requestsFailed, seconds }));
