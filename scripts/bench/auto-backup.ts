/**
 * The automatic backup of a large library, as the background runs it (lib/auto-backup/writer.ts): read the
 * snapshot, build the gzip JSON backup, hand it to a downloads API that writes the file to disk, rotate. On
 * fake-indexeddb in Node, with titles and abstracts cycled from the 297 real seed papers (so gzip meets real text).
 *
 * Figures: wall time, CPU time of the thread that builds the file, and how long that thread was blocked at a
 * stretch (event-loop delay). In Chromium that thread is the offscreen document's, not the service worker's (which
 * only sends two messages and waits for the download); in Firefox it is the background page's main thread.
 * Run: node --expose-gc --import tsx scripts/bench/auto-backup.ts [papers]   (default 100,000)
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildBackupBlob } from '../../lib/auto-backup/file-source';
import { AutoBackup, type DownloadDelta, type DownloadsApi } from '../../lib/auto-backup/writer';
import { ShelfmarkDb, type SightingRow } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { readJsonFixture } from '../lib/fixture-browser';

const MB = 1024 * 1024;

interface Seed {
  title: string;
  abstract: string;
  authors: string[];
}

/** A library of `size` papers with real titles and abstracts (cycled), 3 sightings each, a tenth saved and tagged. */
function seedLibrary(size: number): { papers: PaperRecord[]; sightings: SightingRow[] } {
  const seeds = readJsonFixture<Seed[]>('seeds/papers.json');
  const papers: PaperRecord[] = [];
  const sightings: SightingRow[] = [];
  for (let i = 0; i < size; i++) {
    const seed = seeds[i % seeds.length];
    const id = `arxiv:25${String((i % 12) + 1).padStart(2, '0')}.${String(i).padStart(5, '0')}` as const;
    const at = 1_700_000_000_000 + i * 1000;
    const saved = i % 10 === 0;
    const rows = [0, 1, 2].map((k) => ({ viewId: `v${Math.floor(i / 50)}-${k}`, site: 'hf' as const, url: 'https://huggingface.co/papers', label: 'HF daily', at: at + k }));
    sightings.push(...rows.map((row) => ({ ...row, paperId: id })));
    papers.push({
      id,
      title: `${seed.title} (${i})`,
      authors: seed.authors.slice(0, 8),
      abstract: seed.abstract,
      url: `https://huggingface.co/papers/${id.slice(6)}`,
      published: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      tags: saved ? ['to-cite'] : [],
      note: '',
      status: null,
      savedAt: saved ? at : null,
      dismissedAt: null,
      firstSeenAt: at,
      lastSeenAt: at + 2,
      seenCount: 3,
      firstSighting: rows[0],
      lastSighting: rows[2],
      previousSighting: rows[1],
      edited: saved ? { savedAt: at, tags: at } : {},
      updatedAt: at,
    });
  }
  return { papers, sightings };
}

/** A downloads API that writes the blob to a folder on disk, as the browser does with a blob: URL. */
function diskDownloads(folder: string, blobs: Map<string, Blob>): DownloadsApi {
  const items = new Map<number, { id: number; filename: string; state: string; fileSize: number; exists: boolean }>();
  const listeners = new Set<(delta: DownloadDelta) => void>();
  let next = 1;
  return {
    async download({ url, filename }) {
      const id = next++;
      const path = join(folder, filename.replace(/\//g, '_'));
      items.set(id, { id, filename: path, state: 'in_progress', fileSize: 0, exists: false });
      const blob = blobs.get(url)!;
      void writeFile(path, blob.stream() as unknown as AsyncIterable<Uint8Array>).then(async () => {
        Object.assign(items.get(id)!, { state: 'complete', fileSize: (await stat(path)).size, exists: true });
        for (const listener of listeners) listener({ id, state: { current: 'complete' } });
      });
      return id;
    },
    search: async ({ id }) => (items.has(id) ? [{ ...items.get(id)! }] : []),
    removeFile: async (id) => void (await rm(items.get(id)!.filename)),
    erase: async ({ id }) => (items.delete(id) ? [id] : []),
    onChanged: { addListener: (listener) => void listeners.add(listener), removeListener: (listener) => void listeners.delete(listener) },
  };
}

export async function main(size = 100_000): Promise<void> {
  const { papers, sightings } = seedLibrary(size);
  const db = new ShelfmarkDb(`bench-auto-backup-${Date.now()}`);
  await db.papers.bulkPut(papers);
  await db.sightings.bulkAdd(sightings);
  await db.settings.put({ key: 'settings', value: { keyboard: true } });
  papers.length = 0;
  sightings.length = 0;
  (globalThis as { gc?: () => void }).gc?.();

  const folder = await mkdtemp(join(tmpdir(), 'shelfmark-bench-backup-'));
  const blobs = new Map<string, Blob>();
  let stored: unknown;
  let built = { ms: 0, bytes: 0 };
  const backup = new AutoBackup({
    store: { load: async () => stored, save: async (state) => void (stored = state) },
    downloads: diskDownloads(folder, blobs),
    makeFile: async (at) => {
      const started = performance.now();
      const blob = await buildBackupBlob(db, at);
      built = { ms: performance.now() - started, bytes: blob.size };
      const url = `blob:bench/${at}`;
      blobs.set(url, blob);
      return { url, bytes: blob.size, release: async () => void blobs.delete(url) };
    },
    hasSavedPapers: async () => true,
    now: Date.now,
  });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await backup.runNow();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  if (!('written' in result)) throw new Error(`the backup was not written: ${JSON.stringify(result)}`);

  console.log(`${size.toLocaleString('en')} papers (real seed titles and abstracts, cycled), ${(size * 3).toLocaleString('en')} sightings`);
  console.log(
    `automatic backup: ${(wall / 1000).toFixed(1)} s wall (building the file ${(built.ms / 1000).toFixed(1)} s), ` +
      `${((used.user + used.system) / 1e6).toFixed(1)} s CPU on the building thread, longest block ${(delay.max / 1e6).toFixed(0)} ms, ` +
      `file ${(result.written.bytes / MB).toFixed(1)} MiB gzip, peak heap ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MiB after`,
  );
  await db.delete();
  await rm(folder, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv[2] ? Number(process.argv[2]) : undefined);
}
