import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { gzipText, readText } from '../../lib/backup/compression';
import { backupJsonParts, exportBackupJson } from '../../lib/backup/format';
import { ShelfmarkDb } from '../../lib/db';
import { runImportToDatabase, type ImportWriteMessage } from '../../lib/import/import-job';
import type { PaperRecord } from '../../lib/paper';
import { isQuotaError } from '../../lib/storage-errors';
import { record } from '../fixtures/library/records';

let dbCount = 0;

const papers: PaperRecord[] = Array.from({ length: 12_000 }, (_, i) =>
  record(`arxiv:2501.${String(i).padStart(5, '0')}`, { title: `Paper ${i}`, abstract: 'words '.repeat(30), tags: i % 3 ? [] : ['rl'] }),
);
const sightings = papers.slice(0, 3000).map((paper, i) => ({
  paperId: paper.id, viewId: `v${i % 7}`, site: 'arxiv' as const, url: 'https://arxiv.org/list/cs.LG/new', label: 'arXiv cs.LG new', at: 1_700_000_000_000 + i,
}));
const snapshot = { papers, sightings, settings: [{ key: 'filterMode', value: 'dim' }] };

function file(content: string | Blob, name: string) {
  return new File([content], name);
}

async function importInto(db: ShelfmarkDb, source: File, options: { signal?: AbortSignal; onMessage?: (message: ImportWriteMessage) => void } = {}) {
  const messages: ImportWriteMessage[] = [];
  await runImportToDatabase(source, db, (message) => (messages.push(message), options.onMessage?.(message)), { signal: options.signal, now: () => 1 });
  const last = messages.at(-1);
  if (last?.type !== 'written') throw new Error('the job ended without its result');
  return { messages, result: last.result };
}

describe('an import written by the worker itself', () => {
  it('streams the same JSON in parts as in one string, and gzip reads back to that text', async () => {
    const json = exportBackupJson(snapshot, 5);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ format: 'shelfmark-backup', version: 1, exportedAt: new Date(5).toISOString(), ...snapshot })));
    const gz = await gzipText(backupJsonParts(snapshot, 5));
    expect(gz.size).toBeLessThan(json.length / 3);
    expect(await readText(gz)).toBe(json);
    expect(await readText(new Blob([json]))).toBe(json);
  });

  it('writes a plain or a gzip backup whole, with progress while writing, and names the papers written', async () => {
    for (const source of [file(exportBackupJson(snapshot, 5), 'b.json'), file(await gzipText(backupJsonParts(snapshot, 5)), 'b.json.gz')]) {
      const db = new ShelfmarkDb(`test-worker-write-${dbCount++}`);
      const { messages, result } = await importInto(db, source);
      expect(result.ok && result.value.report.papers.added).toBe(12_000);
      expect(result.ok && result.value.ids.length).toBe(12_000);
      const writing = messages.filter((message) => message.type === 'progress' && message.step === 'writing');
      expect(writing.length).toBeGreaterThan(2);
      expect(await db.papers.count()).toBe(12_000);
      expect(await db.sightings.count()).toBe(3000);
      expect((await db.settings.get('filterMode'))?.value).toBe('dim');
      expect((await db.papers.get('arxiv:2501.00003'))?.tags).toEqual(['rl']);
      db.close();
    }
  });

  it('cancelled in the middle of writing, leaves the library exactly as it was', async () => {
    const db = new ShelfmarkDb(`test-worker-write-${dbCount++}`);
    const before = record('arxiv:2501.00001', { title: 'Mine', note: 'kept', tags: ['old'] });
    await db.papers.put(before);
    const cancel = new AbortController();
    const { result } = await importInto(db, file(exportBackupJson(snapshot, 5), 'b.json'), {
      signal: cancel.signal,
      onMessage: (message) => {
        if (message.type === 'progress' && message.step === 'writing' && message.done > 0) cancel.abort();
      },
    });
    expect(result).toEqual({ ok: false, errors: ['The import was cancelled: nothing was written.'] });
    expect(await db.papers.count()).toBe(1);
    expect(await db.papers.get('arxiv:2501.00001')).toEqual(before);
    expect(await db.sightings.count()).toBe(0);
    db.close();
  });

  it('a refused write (quota) writes nothing, says so in one sentence, and the next import works', async () => {
    const db = new ShelfmarkDb(`test-worker-write-${dbCount++}`);
    const realBulkAdd = db.sightings.bulkAdd.bind(db.sightings);
    let full = true;
    db.sightings.bulkAdd = ((...args: Parameters<typeof realBulkAdd>) => {
      if (full) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return realBulkAdd(...args);
    }) as typeof realBulkAdd;
    const source = file(exportBackupJson(snapshot, 5), 'b.json');
    const refused = await importInto(db, source);
    expect(refused.result.ok).toBe(false);
    expect(!refused.result.ok && refused.result.errors).toEqual([expect.stringMatching(/^Nothing was imported: the browser refused to store more \(the disk is full/)]);
    expect(await db.papers.count()).toBe(0);
    full = false;
    const again = await importInto(db, source);
    expect(again.result.ok).toBe(true);
    expect(await db.papers.count()).toBe(12_000);
    db.close();
  });

  it('recognises quota errors however Dexie wraps them', () => {
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });

  it('a broken file is refused before any write', async () => {
    const db = new ShelfmarkDb(`test-worker-write-${dbCount++}`);
    const { result } = await importInto(db, file('{"format":"shelfmark-backup","version":1,"papers":[{}]}', 'b.json'));
    expect(result.ok).toBe(false);
    expect(await db.papers.count()).toBe(0);
    db.close();
  });
});

describe('a reference-manager file written by the worker', () => {
  const bib = new TextEncoder().encode(
    '@article{good2025,\n  title = {Fine},\n  eprint = {2501.00042},\n  archivePrefix = {arXiv},\n  year = {2025}\n}\n@article{untitled2025,\n  year = {2025}\n}\n',
  );

  it('posts its preview, and writes only once the page confirms', async () => {
    for (const confirmed of [false, true]) {
      const db = new ShelfmarkDb(`worker-bib-${++dbCount}`);
      const messages: ImportWriteMessage[] = [];
      let asked = false;
      await runImportToDatabase(new File([bib], 'refs.bib'), db, (message) => messages.push(message), {
        now: () => 1,
        confirm: async () => {
          asked = true;
          // The preview is on screen when the question is asked.
          const preview = messages.find((message) => message.type === 'preview');
          expect(preview?.type === 'preview' && preview.preview.skipped.map((entry) => entry.key)).toEqual(['untitled2025']);
          return confirmed;
        },
      });
      expect(asked).toBe(true);
      const last = messages.at(-1);
      expect(last?.type === 'written' && last.result.ok).toBe(confirmed);
      expect(await db.papers.count()).toBe(confirmed ? 1 : 0);
      await db.delete();
    }
  });
});
