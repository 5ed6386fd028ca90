// Crawlee CheerioCrawler side of the crawl benchmark.
// Usage: node cheerio.mjs <start-urls.json> <concurrency>
// Prints one JSON line: {"pages":..,"failed":..,"seconds":..}
import { readFileSync } from 'node:fs';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';

const [startFile, concurrencyText] = process.argv.slice(2);
const startUrls = JSON.parse(readFileSync(startFile, 'utf8'));
const concurrency = Number(concurrencyText);
log.setLevel(log.LEVELS.WARNING);

const crawler = new CheerioCrawler({
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestsPerCrawl: 1_000_000,
    async requestHandler({ enqueueLinks }) {
        await enqueueLinks({ strategy: 'same-hostname' });
    },
}, new Configuration({ persistStorage: false, purgeOnStart: true }));

const started = performance.now();
const stats = await crawler.run(startUrls);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ pages: stats.requestsFinished, failed: stats.requestsFailed, seconds }));
