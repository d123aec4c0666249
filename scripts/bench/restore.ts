/**
 * Restore of a large backup as the import worker does it (read → gunzip → parse → check → one transaction), and
 * the gzip backup export, on fake-indexeddb in Node: wall time, peak heap, file sizes.
 * Run: node --expose-gc --import tsx scripts/bench/restore.ts [papers]   (default 100,000)
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipText } from '../../lib/backup/compression';
import { backupJsonParts } from '../../lib/backup/format';
import { readSnapshot } from '../../lib/backup/snapshot';
import { ShelfmarkDb } from '../../lib/db';
import { runImportToDatabase } from '../../lib/import/import-job';
import { library } from './transfer';

const MB = 1024 * 1024;

/** Heap high-water mark, sampled on a timer and at every progress message (the work is mostly synchronous). */
class PeakHeap {
  peak = 0;
  private timer = setInterval(() => this.sample(), 50);
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

export async function main(size = 100_000): Promise<void> {
  const { papers, sightings } = library(size);
  const snapshot = { papers, sightings, settings: [{ key: 'filter', value: { mode: 'hide' } }] };
  const plainParts = [...backupJsonParts(snapshot, Date.now())];
  const plain = new File(plainParts, 'shelfmark.json');
  plainParts.length = 0;
  const gzip = new File([await gzipText(backupJsonParts(snapshot, Date.now()))], 'shelfmark.json.gz');
  console.log(`${size.toLocaleString('en')} papers, ${sightings.length.toLocaleString('en')} sightings, abstracts of ≈ 1,300 characters`);
  console.log(`backup size: ${(plain.size / MB).toFixed(1)} MiB plain, ${(gzip.size / MB).toFixed(1)} MiB gzip`);

  const source = new ShelfmarkDb(`bench-restore-source-${Date.now()}`);
  await source.papers.bulkPut(papers);
  await source.sightings.bulkAdd(sightings);
  let started = performance.now();
  const blob = await gzipText(backupJsonParts(await readSnapshot(source), Date.now()));
  console.log(`gzip backup of the stored library (read snapshot + compress): ${((performance.now() - started) / 1000).toFixed(1)} s, ${(blob.size / MB).toFixed(1)} MiB`);
  await source.delete();

  for (const file of [plain, gzip]) {
    gc();
    const db = new ShelfmarkDb(`bench-restore-${Date.now()}`);
    const base = process.memoryUsage().heapUsed;
    const heap = new PeakHeap();
    started = performance.now();
    const steps = new Map<string, number>();
    let result = '';
    await runImportToDatabase(file, db, (message) => {
      heap.sample();
      if (message.type === 'progress') steps.set(message.step, steps.get(message.step) ?? performance.now());
      else if (message.type === 'written') result = message.result.ok ? `${message.result.value.report.papers.added.toLocaleString('en')} added` : message.result.errors[0];
    });
    const wall = (performance.now() - started) / 1000;
    const peak = heap.stop();
    const at = (step: string) => (((steps.get(step) ?? performance.now()) - started) / 1000).toFixed(1);
    console.log(
      `restore ${file.name}: ${wall.toFixed(1)} s (parse from ${at('parsing')} s, check from ${at('checking')} s, write from ${at('writing')} s), ` +
        `peak heap ${(peak / MB).toFixed(0)} MiB (${((peak - base) / MB).toFixed(0)} MiB above the files and library held by the bench): ${result}`,
    );
    await db.delete();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv[2] ? Number(process.argv[2]) : undefined);
}
