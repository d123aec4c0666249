/**
 * Restore of a large backup as a user does it: the built extension in Debian Chromium, a Shelfmark backup of N
 * papers (abstracts, three sightings each, a setting) chosen in the Options page's import control, once as .json and
 * once as .json.gz, each into a fresh profile. Measures the wall time from choosing the file to the "Imported" report,
 * the peak JS heap of the Options page and of its import worker (CDP `Runtime.getHeapUsage`, polled every 250 ms),
 * the papers and sightings in the database afterwards, and the file sizes.
 *
 *   npx wxt build && npx tsx scripts/bench/restore-browser.ts [--size=100000] [--json=out.json]
 */
import type { BrowserContext, Page } from '@playwright/test';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { gzipText } from '../../lib/backup/compression';
import { backupJsonParts } from '../../lib/backup/format';
import { EXTENSION_DIR, launchWithExtension } from '../lib/fixture-browser';
import { library } from './transfer';

const MB = 2 ** 20;
const POLL_MS = 250;
const TIMEOUT_MS = 20 * 60_000;

type CdpSession = Awaited<ReturnType<BrowserContext['newCDPSession']>>;
interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/** Peak heap of one V8 isolate: JS heap used, and that plus the ArrayBuffer and external-string storage it owns. */
class Peak {
  used = 0;
  withBacking = 0;
  samples = 0;
  add({ usedSize, backingStorageSize = 0 }: HeapUsage): void {
    this.used = Math.max(this.used, usedSize);
    this.withBacking = Math.max(this.withBacking, usedSize + backingStorageSize);
    this.samples += 1;
  }
}

/**
 * Samples the page's heap and its import worker's: the worker is a dedicated worker, reached as a child target of the
 * page's CDP session (non-flattened, the way popup-open.ts reads the search workers). One request in flight per
 * isolate, so a busy worker does not pile requests up.
 */
class HeapSampler {
  readonly page = new Peak();
  readonly worker = new Peak();
  private workerSession: string | null = null;
  private nextId = 1;
  private waiting = new Map<number, (usage: HeapUsage | undefined) => void>();
  private timer: NodeJS.Timeout | null = null;
  private pageBusy = false;
  private workerBusy = false;
  private attaching = false;

  constructor(private readonly cdp: CdpSession) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
      if (reply.id === undefined) return;
      this.waiting.get(reply.id)?.(reply.result);
      this.waiting.delete(reply.id);
    });
    cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
      if (event.sessionId === this.workerSession) this.workerSession = null;
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), POLL_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.tick();
  }

  private async tick(): Promise<void> {
    await Promise.all([this.samplePage(), this.sampleWorker()]);
  }

  private async samplePage(): Promise<void> {
    if (this.pageBusy) return;
    this.pageBusy = true;
    try {
      this.page.add((await this.cdp.send('Runtime.getHeapUsage')) as HeapUsage);
    } catch {
      // The page is closing.
    } finally {
      this.pageBusy = false;
    }
  }

  private async sampleWorker(): Promise<void> {
    if (!this.workerSession) return this.attach();
    if (this.workerBusy) return;
    this.workerBusy = true;
    const sessionId = this.workerSession;
    const id = this.nextId++;
    const reply = new Promise<HeapUsage | undefined>((resolve) => this.waiting.set(id, resolve));
    try {
      await this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
      const usage = await Promise.race([reply, new Promise<undefined>((resolve) => setTimeout(resolve, 30_000))]);
      if (usage) this.worker.add(usage);
    } catch {
      // The worker ended between two samples.
      this.waiting.delete(id);
    } finally {
      this.workerBusy = false;
    }
  }

  private async attach(): Promise<void> {
    if (this.attaching) return;
    this.attaching = true;
    try {
      const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string; attached: boolean }> };
      const worker = targetInfos.find((target) => target.type === 'worker' && target.url.includes('import-worker'));
      if (worker) this.workerSession = ((await this.cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string }).sessionId;
    } catch {
      // Not there yet, or already gone.
    } finally {
      this.attaching = false;
    }
  }
}

/** Writes the backup as Shelfmark exports it, plain (streamed part by part) and gzip. */
async function writeBackups(size: number, dir: string): Promise<{ plain: string; gzip: string; sightings: number }> {
  const { papers, sightings } = library(size);
  const snapshot = { papers, sightings, settings: [{ key: 'filter', value: { mode: 'hide' } }] };
  const exportedAt = Date.now();
  const plain = path.join(dir, `shelfmark-${size}.json`);
  const out = createWriteStream(plain);
  for (const part of backupJsonParts(snapshot, exportedAt)) if (!out.write(part)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const gzip = path.join(dir, `shelfmark-${size}.json.gz`);
  await writeFile(gzip, new Uint8Array(await (await gzipText(backupJsonParts(snapshot, exportedAt))).arrayBuffer()));
  return { plain, gzip, sightings: sightings.length };
}

/** Papers and sightings in the extension's database, counted from one of its pages. */
function countRows(page: Page): Promise<{ papers: number; sightings: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shelfmark');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // No named inner function: tsx would wrap it in a `__name` helper that the page does not have.
    const [papers, sightings] = await Promise.all(
      ['papers', 'sightings'].map(
        (store) =>
          new Promise<number>((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    const counts = { papers, sightings };
    db.close();
    return counts;
  });
}

export interface RestoreRun {
  file: string;
  bytes: number;
  wallS: number;
  /** Seconds after choosing the file at which the Options page first showed each step ("Reading", "Parsing", "Checking", "Writing"), and when the writing bar was full ("written"). */
  steps: Record<string, number>;
  report: string;
  pageHeapMiB: number;
  pageHeapWithBuffersMiB: number;
  workerHeapMiB: number;
  workerHeapWithBuffersMiB: number;
  workerSamples: number;
  papers: number;
  sightings: number;
}

const STEPS = [
  ['reading', /^Reading/],
  ['parsing', /^Parsing/],
  ['checking', /^Checking/],
  ['writing', /^Writing/],
] as const;

async function restoreOnce(file: string): Promise<RestoreRun> {
  const context = await launchWithExtension();
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const input = options.locator('input[type=file]');
    await input.waitFor({ state: 'attached' });
    const sampler = new HeapSampler(await context.newCDPSession(options));
    sampler.start();
    const status = options.getByRole('group', { name: 'Import' }).getByRole('status').first();
    const steps: Record<string, number> = {};
    const started = performance.now();
    await input.setInputFiles(file);
    const report = options.locator('.import-report');
    for (;;) {
      if (await report.count()) break;
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`no import report after ${TIMEOUT_MS / 60_000} minutes`);
      const text = (await status.textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
      for (const [step, pattern] of STEPS) if (pattern.test(text.trim()) && steps[step] === undefined) steps[step] = (performance.now() - started) / 1000;
      // The writing bar full: every slice is in the transaction; what follows is the commit and the background's refresh.
      if (steps.writing !== undefined && steps.written === undefined && /^Writing/.test(text.trim())) {
        const bar = await options.locator('progress[max]').evaluate((element: HTMLProgressElement) => element.value >= element.max && element.max > 1).catch(() => false);
        if (bar) steps.written = (performance.now() - started) / 1000;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const wallS = (performance.now() - started) / 1000;
    await sampler.stop();
    const reportText = (await report.innerText()).replace(/\s+/g, ' ').trim();
    const counts = await countRows(options);
    return {
      file: path.basename(file),
      bytes: (await stat(file)).size,
      wallS,
      steps,
      report: reportText,
      pageHeapMiB: sampler.page.used / MB,
      pageHeapWithBuffersMiB: sampler.page.withBacking / MB,
      workerHeapMiB: sampler.worker.used / MB,
      workerHeapWithBuffersMiB: sampler.worker.withBacking / MB,
      workerSamples: sampler.worker.samples,
      ...counts,
    };
  } finally {
    await context.close();
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<RestoreRun[]> {
  const size = Number(argv.find((arg) => arg.startsWith('--size='))?.split('=')[1] ?? 100_000);
  const json = argv.find((arg) => arg.startsWith('--json='))?.split('=')[1];
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`no build in ${EXTENSION_DIR}: run npx wxt build first`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-restore-'));
  try {
    const backups = await writeBackups(size, dir);
    console.log(`${size.toLocaleString('en')} papers, ${backups.sightings.toLocaleString('en')} sightings, abstracts of ≈ 1,300 characters, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    const runs: RestoreRun[] = [];
    for (const file of [backups.plain, backups.gzip]) {
      const run = await restoreOnce(file);
      runs.push(run);
      const at = (step: string) => (run.steps[step] === undefined ? '–' : `${run.steps[step].toFixed(1)} s`);
      console.log(`\n${run.file}: ${run.report}`);
      console.table({
        [run.file]: {
          'size MiB': +(run.bytes / MB).toFixed(1),
          'wall s': +run.wallS.toFixed(1),
          'parsing from': at('parsing'),
          'checking from': at('checking'),
          'writing from': at('writing'),
          'all rows put at': at('written'),
          'page heap MiB': +run.pageHeapMiB.toFixed(0),
          'worker heap MiB': +run.workerHeapMiB.toFixed(0),
          'worker heap + buffers MiB': +run.workerHeapWithBuffersMiB.toFixed(0),
          papers: run.papers,
          sightings: run.sightings,
        },
      });
      if (run.papers !== size) console.log(`!! the database holds ${run.papers} papers, not ${size}`);
      if (!run.workerSamples) console.log('!! the import worker was never sampled: its heap is unknown');
    }
    const loadAverage = os.loadavg();
    console.log(`load average after: ${loadAverage.map((n) => n.toFixed(1)).join(' ')}`);
    if (json) writeFileSync(json, JSON.stringify({ size, sightings: backups.sightings, loadAverage, runs }, null, 2));
    return runs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
