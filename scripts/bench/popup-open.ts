/**
 * Popup open-to-results in the real browser: seeds the extension's IndexedDB with a synthetic library, opens
 * popup.html once cold (the index is rebuilt and persisted), then several times warm, and prints when the popup's
 * milestones (performance marks set by entrypoints/popup/main.tsx) happened after navigation start, and its heap.
 *
 *   npx wxt build && npx tsx scripts/bench/popup-open.ts            (--size=10000 --runs=5 --pause=3000 [--cold-only])
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PaperRecord } from '../../lib/paper';
import { referenceBuildMs } from './machine-speed';
import { generateLibrary, keystrokes, percentile, QUERIES } from './search';

const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
const SEEDS_PATH = fileURLToPath(new URL('../../tests/fixtures/seeds/papers.json', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MILESTONES = ['first-results', 'index-ready', 'abstracts-ready'] as const;
type Milestone = (typeof MILESTONES)[number];
const SEED_CHUNK = 2_000;

async function launch(): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

/** Writes records straight into the extension's database from one of its pages (the popup has created the schema). */
async function seed(page: Page, records: readonly PaperRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += SEED_CHUNK) {
    await page.evaluate(async (chunk) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('papers', 'readwrite');
        for (const record of chunk) tx.objectStore('papers').put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, records.slice(start, start + SEED_CHUNK));
  }
}

/** Runs one IndexedDB request against the extension's database from `page`. */
async function inDatabase<T>(page: Page, action: 'clear-index' | 'indexed-papers'): Promise<T> {
  return page.evaluate(async (what) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shelfmark');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('searchIndex', what === 'clear-index' ? 'readwrite' : 'readonly').objectStore('searchIndex');
    const request = what === 'clear-index' ? store.clear() : store.get('papers');
    const result = await new Promise<unknown>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    // The head row's paper table has one flag byte per indexed paper.
    const row = result as { data?: { table?: { flags?: Uint8Array } } } | undefined;
    return (what === 'clear-index' ? null : (row?.data?.table?.flags?.length ?? 0)) as never;
  }, action);
}

interface OpenMeasure {
  marks: Record<Milestone, number>;
  /** DOMContentLoaded: the page and its scripts, before any search work. */
  loadedMs: number;
  /** First contentful paint: when the popup first showed anything (a bare extension page paints at ≈ 170 ms here). */
  paintedMs: number;
  /** The popup page's longest main-thread task until the abstracts were ready: how long typing could stall. */
  longestTaskMs: number;
  /** JS heap + array-buffer backing stores of the popup page and of its search worker, after a GC. */
  heapMb: number;
  workerHeapMb: number;
}

type CdpSession = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/** Heap of the popup's search workers: CDP reaches a dedicated worker through its page's session, as a child target. */
async function workerHeapMb(cdp: CdpSession): Promise<number> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  // Earlier popups are closed (and their workers gone) before the next one opens, so these are the measured popup's.
  const workers = targetInfos.filter((target) => target.type === 'worker' && target.url.includes('search-worker'));
  if (!workers.length) throw new Error('no search worker found for the popup');
  const replies = new Map<string, { result?: { usedSize: number; backingStorageSize?: number } }>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const reply = JSON.parse(event.message) as { id: number; result?: { usedSize: number; backingStorageSize?: number } };
    replies.set(`${event.sessionId}:${reply.id}`, reply);
  });
  let total = 0;
  for (const worker of workers) {
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
    const call = async (id: number, method: string) => {
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      const key = `${sessionId}:${id}`;
      for (let waited = 0; !replies.has(key) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      return replies.get(key);
    };
    await call(1, 'HeapProfiler.collectGarbage');
    const usage = (await call(2, 'Runtime.getHeapUsage'))?.result;
    if (!usage) throw new Error('a search worker did not report its heap');
    total += (usage.usedSize + (usage.backingStorageSize ?? 0)) / 2 ** 20;
  }
  return total;
}

/** `keepOpenUntil`: the popup's worker dies with its page, so a rebuild's persist needs the page open until it is written. */
async function openPopup(context: BrowserContext, extensionId: string, timeoutMs: number, keepOpenUntil?: () => Promise<void>): Promise<OpenMeasure> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(
    () => performance.getEntriesByName('shelfmark:abstracts-ready').length > 0,
    null,
    { timeout: timeoutMs },
  );
  const marks = await page.evaluate(
    (names) => Object.fromEntries(names.map((name) => [name, performance.getEntriesByName(`shelfmark:${name}`)[0].startTime])),
    [...MILESTONES],
  );
  const loadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  const paintedMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
  if (!(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask')))) throw new Error('this Chromium reports no long tasks');
  const longestTaskMs = await page.evaluate(
    (until) => Math.max(0, ...(globalThis as unknown as { longTasks: Array<{ start: number; duration: number }> }).longTasks.filter((task) => task.start <= until).map((task) => task.duration)),
    marks['abstracts-ready'],
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  // Typed arrays live in backing stores outside the JS heap proper; count both when this Chromium reports them.
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  const workerMb = await workerHeapMb(cdp);
  await keepOpenUntil?.();
  await page.close();
  const pageMb = (usage.usedSize + (usage.backingStorageSize ?? 0)) / 2 ** 20;
  return { marks: marks as Record<Milestone, number>, loadedMs, paintedMs, longestTaskMs, heapMb: pageMb + workerMb, workerHeapMb: workerMb };
}

interface KeystrokeLatency {
  input: string;
  /** From the input event to the library's answer drawn. */
  ms: number;
}

/**
 * Types the benchmark's queries into an open popup one letter at a time, each letter once the previous one's final
 * answer is drawn, and times each measured keystroke from its input event to the results drawn for it (the popup
 * marks `shelfmark:results` after each render of new results).
 */
async function typeQueries(context: BrowserContext, extensionId: string): Promise<KeystrokeLatency[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(() => performance.getEntriesByName('shelfmark:abstracts-ready').length > 0, null, { timeout: 120_000 });
  await page.evaluate(() => {
    const inputs: Array<{ value: string; at: number }> = [];
    (globalThis as unknown as { inputs: typeof inputs }).inputs = inputs;
    document.querySelector('input')!.addEventListener('input', (event) => inputs.push({ value: (event.target as HTMLInputElement).value, at: event.timeStamp }), { capture: true });
  });
  const box = page.getByRole('combobox', { name: 'Search papers' });
  await box.focus();
  // Waits for the answer to the latest input (answers to the same text typed earlier do not count).
  const answered = () =>
    page.waitForFunction(
      () => {
        const { inputs } = globalThis as unknown as { inputs: Array<{ value: string; at: number }> };
        const last = inputs[inputs.length - 1];
        if (!last) return true;
        return performance
          .getEntriesByName('shelfmark:results')
          .some((mark) => mark.startTime >= last.at && (mark as PerformanceMark).detail.input === last.value);
      },
      null,
      { timeout: 30_000 },
    );
  for (const query of QUERIES) {
    if (await box.inputValue()) {
      await box.fill('');
      await answered();
    }
    for (const letter of query) {
      await page.keyboard.type(letter);
      await answered();
    }
  }
  const measured = new Set(QUERIES.flatMap(keystrokes));
  const latencies = await page.evaluate(() => {
    const marks = performance.getEntriesByName('shelfmark:results') as PerformanceMark[];
    return (globalThis as unknown as { inputs: Array<{ value: string; at: number }> }).inputs.map(({ value, at }) => {
      const answer = marks.find((mark) => mark.startTime >= at && mark.detail.input === value);
      return { input: value, ms: (answer?.startTime ?? Number.NaN) - at };
    });
  });
  await page.close();
  return latencies.filter((latency) => measured.has(latency.input) && Number.isFinite(latency.ms));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The Long Tasks API reports tasks of 50 ms and more only. */
const taskText = (ms: number) => (ms === 0 ? '< 50 ms' : `${ms.toFixed(0)} ms`);
/** Results drawn before the first paint (the cached list) are on screen with it; later ones when their mark is set. */
const onScreen = ({ marks, paintedMs }: Pick<OpenMeasure, 'marks' | 'paintedMs'>) => Math.max(marks['first-results'], paintedMs);
const describe = ({ marks, loadedMs, paintedMs, longestTaskMs, heapMb, workerHeapMb: workerMb }: OpenMeasure) =>
  `page loaded ${loadedMs.toFixed(0)} ms · first paint ${paintedMs.toFixed(0)} ms · first results on screen ${onScreen({ marks, paintedMs }).toFixed(0)} ms · index ready ${marks['index-ready'].toFixed(0)} ms · abstracts ready ${marks['abstracts-ready'].toFixed(0)} ms · longest popup task ${taskText(longestTaskMs)} · heap ${heapMb.toFixed(0)} MB (workers ${workerMb.toFixed(0)} MB)`;

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const option = (name: string, fallback: number) => Number(argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const size = option('size', 10_000);
  const runs = option('runs', 5);
  // Between warm opens: the background's work for the popup just closed (its footer's counts) would otherwise still
  // hold the database when the next one opens, as IndexedDB serves one database's reads in turn.
  const pauseMs = option('pause', 3_000);
  // Only the cold open (the rebuild) and the bare read, for comparing rebuilds.
  const coldOnly = argv.includes('--cold-only');
  if (!existsSync(EXTENSION_DIR)) throw new Error(`no built extension at ${EXTENSION_DIR}: run npx wxt build first`);
  const seeds = JSON.parse(readFileSync(SEEDS_PATH, 'utf8')) as Parameters<typeof generateLibrary>[1];
  const records = generateLibrary(size, seeds);
  const { context, extensionId } = await launch();
  // Long tasks of every page, from its first script on: how long the popup's main thread was ever busy at once.
  await context.addInitScript(() => {
    const tasks: Array<{ start: number; duration: number }> = [];
    (globalThis as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    console.log(`Popup open benchmark: ${size.toLocaleString('en')} papers, Chromium headless, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
    console.log(`This machine's speed: indexing 10,000 papers in Node takes ${referenceBuildMs(generateLibrary(10_000, seeds)).toFixed(0)} ms (best of 3)`);
    console.log('Times are from navigation start of popup.html; wall time on a shared machine.');
    const setup = await context.newPage();
    await setup.goto(`chrome-extension://${extensionId}/popup.html`);
    await setup.waitForFunction(() => performance.getEntriesByName('shelfmark:abstracts-ready').length > 0);
    await seed(setup, records);
    await setup.close();
    // The setup popup may have persisted its index of the empty library meanwhile: drop it, so the next open rebuilds.
    const probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/icon.svg`);
    await inDatabase(probe, 'clear-index');

    const persisted = async () => {
      const persistedBy = Date.now() + 300_000;
      while ((await inDatabase<number>(probe, 'indexed-papers')) < size) {
        if (Date.now() > persistedBy) throw new Error('the rebuilt index was not persisted within 5 minutes');
        await probe.waitForTimeout(500);
      }
    };
    const cold = await openPopup(context, extensionId, 600_000, persisted);
    console.log(`  cold (index rebuilt from the library): ${describe(cold)}`);
    const reads = await probe.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // No helper functions in here: the page does not have the bundler's function-naming helper.
      const times: number[] = [];
      for (const key of ['papers', 'papers:abstracts']) {
        const start = performance.now();
        await new Promise((resolve, reject) => {
          const request = db.transaction('searchIndex').objectStore('searchIndex').get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        times.push(performance.now() - start);
      }
      const [head, body] = times;
      db.close();
      return { head, body };
    });
    // The bare IndexedDB read, with no popup code around it, separates storage cost from decoding and catch-up.
    console.log(`  bare IndexedDB read of the stored rows: head ${reads.head.toFixed(0)} ms · abstracts ${reads.body.toFixed(0)} ms`);
    await probe.close();
    if (coldOnly) return;

    const warm: OpenMeasure[] = [];
    for (let run = 0; run < runs; run += 1) {
      if (run) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      warm.push(await openPopup(context, extensionId, 120_000));
      console.log(`  warm #${run + 1}: ${describe(warm[run])}`);
    }
    // The first results above come from the list cached by the previous popup; without it they wait for the worker.
    const clearer = await context.newPage();
    await clearer.goto(`chrome-extension://${extensionId}/icon.svg`);
    await clearer.evaluate(() => localStorage.clear());
    await clearer.close();
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    console.log(`  warm, no cached recent list: ${describe(await openPopup(context, extensionId, 120_000))}`);
    const typed = await typeQueries(context, extensionId);
    const times = typed.map((latency) => latency.ms);
    console.log(
      `  typing (${typed.length} keystrokes, each after the previous answer): input event to the library's answer drawn p50 ${percentile(times, 50).toFixed(1)} ms · p95 ${percentile(times, 95).toFixed(1)} ms · max ${Math.max(...times).toFixed(0)} ms`,
    );
    const slowest = [...typed].sort((a, b) => b.ms - a.ms).slice(0, 6);
    console.log(`  slowest: ${slowest.map((latency) => `${JSON.stringify(latency.input)} ${latency.ms.toFixed(0)}`).join(' · ')}`);
    const medianOf = (milestone: Milestone) => median(warm.map((measure) => measure.marks[milestone])).toFixed(0);
    console.log(
      `  warm median: page loaded ${median(warm.map((m) => m.loadedMs)).toFixed(0)} ms · first paint ${median(warm.map((m) => m.paintedMs)).toFixed(0)} ms · first results on screen ${median(warm.map(onScreen)).toFixed(0)} ms · index ready ${medianOf('index-ready')} ms · abstracts ready ${medianOf('abstracts-ready')} ms · longest popup task ${taskText(median(warm.map((m) => m.longestTaskMs)))} · heap ${median(warm.map((m) => m.heapMb)).toFixed(0)} MB`,
    );
  } finally {
    await context.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
