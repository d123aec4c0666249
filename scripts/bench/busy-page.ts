/**
 * Busy and huge pages: what the content script costs on a Hugging Face listing flooded to 20,000 cards, at load and
 * while the page churns, in Chromium with the built extension; and applying 2,000 changes to a page's cards.
 *
 *   npx wxt build && npx tsx scripts/bench/busy-page.ts      (add --cards=20000 --seconds=10 --runs=3)
 *
 * Load: the longest single piece of the content script's main-thread work (its `shelfmark:*` performance measures,
 * lib/page/work-timing.ts) until every card it annotates has its strip. Churn: then a page script adds and removes
 * 20 unrelated elements per second (a live counter, a toast) for 10 s; the figure is the extension's main-thread ms
 * per second over that window (measures of the watcher's decisions and of any rescan). Changes: 2,000 states applied
 * at once to a 2,000-card page in a plain Chromium page (the card layer bundled alone, strips that draw nothing), as
 * a broadcast after an import would.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, serveFixtures } from '../../tests/e2e/browser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const URL_20K = 'https://huggingface.co/papers/date/2026-11-30';
const TARGET_CHURN_MS_PER_S = 5;
const TARGET_APPLY_MS = 20;

function option(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/**
 * The real daily fixture page with its grid flooded to `count` cards. Each card is the minimal shape the adapter
 * reads (an article with its title link and abstract, as a flooding script would add): 20,000 full cards are
 * 60 MB of HTML, and the figure would be Chromium parsing it.
 */
function floodedPage(count: number): string {
  const html = readFileSync(path.join(ROOT, 'tests/fixtures/hf/daily-2026-10-02.html'), 'utf8');
  const articles = [...html.matchAll(/<article\b[\s\S]*?<\/article>/g)].map((match) => match[0]);
  const titles = articles.map((article) => /<h3[^>]*><a [^>]*>([^<]*)<\/a>/.exec(article)?.[1] ?? 'Untitled');
  const first = html.indexOf(articles[0]);
  const last = html.lastIndexOf(articles[articles.length - 1]) + articles[articles.length - 1].length;
  const cards: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = `2601.${String(n).padStart(5, '0')}`;
    cards.push(`<article class="relative flex flex-col"><h3><a href="/papers/${id}">${titles[n % titles.length]} (${n})</a></h3><a href="/papers/${id}"><p>Abstract of card ${n}.</p></a></article>`);
  }
  return html.slice(0, first) + cards.join('') + html.slice(last);
}

interface Measure {
  name: string;
  start: number;
  duration: number;
}

const readMeasures = () =>
  performance
    .getEntriesByType('measure')
    .filter((entry) => entry.name.startsWith('shelfmark:'))
    .map((entry) => ({ name: entry.name, start: entry.startTime, duration: entry.duration }));

async function browserRuns(cards: number, seconds: number, runs: number) {
  const context = await launchWithExtension();
  try {
    if (!context.serviceWorkers()[0]) await context.waitForEvent('serviceworker');
    const server = await serveFixtures(context);
    server.serveHtml(URL_20K, floodedPage(cards));
    const results: Array<{ longest: number; loadTotal: number; annotated: number; churnPerSecond: number; rescans: number }> = [];
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      await page.goto(URL_20K, { waitUntil: 'domcontentloaded', timeout: 120_000 });
      // A page view records at most 2,500 papers: that many strips, then nothing more to do.
      await page.waitForFunction(() => document.querySelectorAll('article[data-shelfmark-id]').length >= 2500, undefined, { timeout: 120_000 });
      // The last idle slices (mounting strips, the bar) settle before the churn window opens.
      await page.waitForTimeout(3_000);
      const atLoad = (await page.evaluate(readMeasures)) as Measure[];
      const annotated = await page.locator('article[data-shelfmark-id]').count();
      const churnStart = await page.evaluate(() => performance.now());
      await page.evaluate(async (duration) => {
        const ticker = document.createElement('div');
        document.body.append(ticker);
        const end = performance.now() + duration * 1000;
        while (performance.now() < end) {
          const toast = document.createElement('div');
          toast.className = 'toast';
          toast.textContent = `Live: ${Math.random()}`;
          ticker.append(toast);
          if (ticker.childElementCount > 5) ticker.firstElementChild!.remove();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }, seconds);
      await page.waitForTimeout(200);
      const all = (await page.evaluate(readMeasures)) as Measure[];
      const churn = all.filter((entry) => entry.start >= churnStart);
      results.push({
        longest: Math.max(...atLoad.map((entry) => entry.duration)),
        loadTotal: atLoad.reduce((sum, entry) => sum + entry.duration, 0),
        annotated,
        churnPerSecond: churn.reduce((sum, entry) => sum + entry.duration, 0) / seconds,
        rescans: churn.filter((entry) => entry.name === 'shelfmark:rest:scan' || entry.name === 'shelfmark:first-screen:scan').length,
      });
      await page.close();
    }
    return results;
  } finally {
    await context.close();
  }
}

/** The card layer applying 2,000 changes, in a plain Chromium page (no extension: the layer itself is measured). */
async function applyChangesRuns(runs: number): Promise<number[]> {
  const bundle = await build({
    entryPoints: [path.join(ROOT, 'scripts/bench/pages/apply-changes.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>apply changes</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    return await page.evaluate((rounds) => (globalThis as unknown as { applyChangesBench: (n: number) => Promise<number[]> }).applyChangesBench(rounds), runs);
  } finally {
    await browser.close();
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const cards = Number(option(argv, 'cards') ?? 20_000);
  const seconds = Number(option(argv, 'seconds') ?? 10);
  const runs = Number(option(argv, 'runs') ?? 3);
  console.log(`load average at start: ${load()}`);
  if (!argv.includes('--changes-only')) await printPageRuns(cards, seconds, runs);
  const applied = await applyChangesRuns(5);
  console.log(`applying 2,000 changes to a 2,000-card page (Chromium, the card layer alone, median of 5): ${median(applied).toFixed(1)} ms (target ≤ ${TARGET_APPLY_MS}; runs ${applied.map((t) => t.toFixed(1)).join(', ')})`);
  console.log(`load average at end: ${load()}`);
}

async function printPageRuns(cards: number, seconds: number, runs: number): Promise<void> {
  const pages = await browserRuns(cards, seconds, runs);
  const pick = (f: (r: (typeof pages)[number]) => number) => median(pages.map(f));
  console.log(`Hugging Face listing with ${cards} cards, median of ${runs} loads (Chromium, built extension; main-thread ms)`);
  console.log(`  cards annotated (page-view cap)        ${pick((r) => r.annotated)}`);
  console.log(`  longest task of the content script     ${pick((r) => r.longest).toFixed(1)} ms`);
  console.log(`  content script total until annotated   ${pick((r) => r.loadTotal).toFixed(0)} ms`);
  console.log(`  churn: 20 unrelated mutations/s, ${seconds} s  ${pick((r) => r.churnPerSecond).toFixed(2)} ms/s (target ≤ ${TARGET_CHURN_MS_PER_S}); rescans ${pick((r) => r.rescans)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
