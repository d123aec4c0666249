import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { exportBackupJson } from '../../lib/backup/format';
import { readSnapshot } from '../../lib/backup/snapshot';
import { parseBackup } from '../../lib/backup/validate';
import { applyImport } from '../../lib/import/apply';
import { fixedLibrary } from '../fixtures/library/fixed-library';

const papers = fixedLibrary();
const validFile = exportBackupJson({ papers, sightings: [], settings: [{ key: 'settings', value: { sites: { hf: false } } }] }, 0);
const valid = JSON.parse(validFile) as Record<string, unknown> & { papers: Record<string, unknown>[] };

function errorsOf(text: string): string[] {
  const result = parseBackup(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

describe('parseBackup', () => {
  it('accepts a backup it wrote', () => {
    expect(parseBackup(validFile).ok).toBe(true);
  });

  it('keeps the ids of title records folded into a paper (the alias their later edits arrive through)', () => {
    const folded = structuredClone(valid);
    folded.papers[0].foldedFrom = ['title:some-folded-paper-title'];
    const result = parseBackup(JSON.stringify(folded));
    expect(result.ok && result.value.papers[0].foldedFrom).toEqual(['title:some-folded-paper-title']);
  });

  it('names the path of a wrong value', () => {
    const broken = structuredClone(valid);
    (broken.papers[3].tags as unknown[]) = ['ok', 'ok2', 'ok3', 42];
    broken.papers[5].savedAt = 'yesterday';
    delete broken.papers[1].title;
    expect(errorsOf(JSON.stringify(broken))).toEqual([
      'papers[1].title: missing',
      'papers[3].tags[3]: expected a string, got number 42',
      'papers[5].savedAt: expected a finite number, got string "yesterday"',
    ]);
  });

  it('refuses a newer format version with an explanation', () => {
    const [message] = errorsOf(JSON.stringify({ ...valid, version: 2, papers: 'whatever a v2 holds' }));
    expect(message).toMatch(/^version: this backup has format version 2, written by a newer Shelfmark/);
    expect(message).toMatch(/Update Shelfmark/);
  });

  it('explains truncated JSON and files that are not backups', () => {
    expect(errorsOf(validFile.slice(0, 200))[0]).toMatch(/^The file is not valid JSON/);
    expect(errorsOf('')).toEqual(['The file is empty.']);
    expect(errorsOf('[1,2]')[0]).toMatch(/not a Shelfmark backup/);
    expect(errorsOf('{"format":"zotero"}')[0]).toMatch(/^format: expected "shelfmark-backup"/);
  });

  it('refuses duplicate papers and sightings of papers the backup does not hold', () => {
    const broken = {
      ...valid,
      papers: [...valid.papers, valid.papers[0]],
      sightings: [{ paperId: 'arxiv:9999.99999', viewId: 'v', site: 'hf', url: '', label: '', at: 1 }],
    };
    expect(errorsOf(JSON.stringify(broken))).toEqual([
      `papers[11].id: duplicate of papers[0] (${papers[0].id})`,
      'sightings[0].paperId: no paper arxiv:9999.99999 in this backup',
    ]);
  });
});

describe('malformed imports never write and never throw', () => {
  let db: ShelfmarkDb;
  let n = 0;
  beforeEach(async () => {
    db = new ShelfmarkDb(`test-malformed-${n++}`);
    await db.papers.bulkPut(papers.slice(0, 4));
    await db.settings.put({ key: 'settings', value: { sites: { hf: true } } });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  /** Mutations of a valid file: cut it, swap a value for a wrong type, change the version. */
  const mutation = fc.oneof(
    fc.nat({ max: validFile.length - 1 }).map((cut) => validFile.slice(0, cut)),
    fc
      .tuple(
        fc.nat({ max: valid.papers.length - 1 }),
        fc.constantFrom('id', 'title', 'authors', 'tags', 'savedAt', 'edited', 'seenCount', 'status', 'arxiv'),
        fc.constantFrom<unknown>(null, 7, 'x', [1], { a: 1 }, true, -1.5),
      )
      .map(([index, key, value]) => {
        const broken = structuredClone(valid);
        broken.papers[index][key] = value;
        return JSON.stringify(broken);
      }),
    fc.constantFrom<unknown>(0, 2, 99, '1', null).map((version) => JSON.stringify({ ...valid, version })),
    fc.string({ maxLength: 200 }),
  );

  it('reports an error and leaves the library as it was', async () => {
    const before = await readSnapshot(db);
    await fc.assert(
      fc.asyncProperty(mutation, async (text) => {
        const parsed = parseBackup(text);
        if (parsed.ok) {
          // Some mutations stay valid (a null arxiv is refused, a 7 in seenCount is fine): then it must apply cleanly.
          const applied = await applyImport(db, { kind: 'backup', backup: parsed.value }, 5);
          expect(applied.ok).toBe(true);
          await db.transaction('rw', db.papers, db.sightings, db.settings, async () => {
            await Promise.all([db.papers.clear(), db.sightings.clear(), db.settings.clear()]);
            await db.papers.bulkPut([...before.papers]);
            await db.settings.bulkPut([...before.settings]);
          });
          return;
        }
        expect(parsed.errors.length).toBeGreaterThan(0);
        for (const error of parsed.errors) expect(error.length).toBeGreaterThan(5);
        // Even if a page sent it anyway, the background validates again and writes nothing.
        const forced = await applyImport(db, { kind: 'backup', backup: JSON.parse(JSON.stringify({ ...valid, version: 3 })) }, 5);
        expect(forced.ok).toBe(false);
        expect(await readSnapshot(db)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('a failing write rolls back the whole import', async () => {
    const before = await readSnapshot(db);
    const parsed = parseBackup(validFile);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    // The papers are written, then adding the sightings fails: the papers must not stay.
    const poisoned = { ...parsed.value, sightings: [{ paperId: papers[6].id, viewId: 'v', site: 'hf' as const, url: '', label: '', at: 1 }] };
    const failing = vi.spyOn(db.sightings, 'bulkAdd').mockRejectedValue(new Error('disk full'));
    const result = await applyImport(db, { kind: 'backup', backup: poisoned }, 5);
    failing.mockRestore();
    expect(result).toEqual({ ok: false, errors: ['Nothing was imported: disk full'] });
    expect(await readSnapshot(db)).toEqual(before);
  });
});
