/**
 * Per-card cost of the whole content script on the largest page of each site, in Chromium with the built extension:
 * the site adapter, the card layer, the syncs to the background and every strip mounted.
 *
 *   npx wxt build && npx tsx scripts/bench/site-pages.ts      (add --runs=3)
 *
 * Pages are the unit-test fixtures with their card repeated to each site's real largest size (the same pages as
 * site-adapters.ts, which times the adapter alone in happy-dom). Figures per page: main-thread time of the content
 * script (its `shelfmark:*` performance measures, lib/page/work-timing.ts) until every card has its strip, that per
 * card, the longest single piece of it, and the wall time from navigation to the last strip (which includes the
 * background's database writes).
 */
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, serveFixtures } from '../../tests/e2e/browser';
import { CASES, repeated } from './site-adapters';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function option(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const readMeasures = () =>
  performance
    .getEntriesByType('measure')
    .filter((entry) => entry.name.startsWith('shelfmark:'))
    .map((entry) => entry.duration);

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const runs = Number(option(argv, 'runs') ?? 2);
  console.log(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')}; median of ${runs} runs, a fresh profile per page`);
  console.log('| page | cards | strips | content script main thread ms | µs per card | longest piece ms | wall ms to last strip |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const item of CASES) {
    const html = repeated(readFileSync(path.join(ROOT, 'tests/fixtures', item.file), 'utf8'), item.card, item.count);
    const context = await launchWithExtension();
    try {
      if (!context.serviceWorkers()[0]) await context.waitForEvent('serviceworker');
      const server = await serveFixtures(context);
      server.serveHtml(item.url, html);
      const results: Array<{ strips: number; total: number; longest: number; wall: number }> = [];
      for (let run = 0; run < runs; run++) {
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(item.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        // Every card of the page gets its strip (the fixture's own malformed cards aside, hence "at least count").
        await page.waitForFunction((count) => document.querySelectorAll('shelfmark-controls').length >= count, item.count, { timeout: 180_000, polling: 100 });
        const wall = Date.now() - started;
        await page.waitForTimeout(1_000);
        const measures = (await page.evaluate(readMeasures)) as number[];
        results.push({
          strips: await page.locator('shelfmark-controls').count(),
          total: measures.reduce((sum, value) => sum + value, 0),
          longest: Math.max(...measures),
          wall,
        });
        await page.close();
      }
      const total = median(results.map((result) => result.total));
      const strips = median(results.map((result) => result.strips));
      console.log(
        `| ${item.site} | ${item.count} | ${strips} | ${total.toFixed(0)} | ${((total * 1000) / Math.max(strips, 1)).toFixed(0)} | ${median(results.map((result) => result.longest)).toFixed(1)} | ${median(results.map((result) => result.wall))} |`,
      );
    } finally {
      await context.close();
    }
  }
  console.log(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
