import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShelfmarkDb, type SightingRow } from '../../lib/db';
import { exportBackupJson } from '../../lib/backup/format';
import { readSnapshot } from '../../lib/backup/snapshot';
import { parseBackup } from '../../lib/backup/validate';
import { wipeLibrary } from '../../lib/backup/wipe';
import { applyImport } from '../../lib/import/apply';
import type { PaperRecord } from '../../lib/paper';
import { savedIfAnnotatedSince } from '../../lib/annotated';
import { libraryArb, nastyText, sightingArb } from '../fixtures/library/records';

let dbCount = 0;

// Libraries as the current code keeps them: an annotated paper is saved unless unsaved since (lib/annotated.ts).
const libraryWithHistory = libraryArb.map((papers) => papers.map(savedIfAnnotatedSince)).chain((papers) =>
  fc.record({
    papers: fc.constant(papers),
    sightings: fc.array(
      fc.tuple(fc.nat({ max: Math.max(papers.length - 1, 0) }), sightingArb).map(([index, sighting]) => ({ index, sighting })),
      { maxLength: papers.length ? 20 : 0 },
    ),
    settings: fc.array(fc.record({ key: nastyText, value: fc.jsonValue() }), { maxLength: 3 }),
  }),
);

function withoutUpdatedAt(papers: readonly PaperRecord[]) {
  return [...papers].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _updatedAt, ...rest }) => rest);
}

function withoutSeq(rows: readonly SightingRow[]) {
  return rows.map(({ seq: _seq, ...rest }) => rest);
}

describe('JSON backup round trip', () => {
  it('export → wipe → import gives back the identical library', async () => {
    await fc.assert(
      fc.asyncProperty(libraryWithHistory, async ({ papers, sightings, settings }) => {
        const db = new ShelfmarkDb(`test-roundtrip-${dbCount++}`);
        try {
          await db.papers.bulkPut(papers);
          await db.sightings.bulkAdd(sightings.map(({ index, sighting }) => ({ ...sighting, paperId: papers[index].id })));
          await db.settings.bulkPut([...new Map(settings.map((row) => [row.key, row])).values()]);
          const before = await readSnapshot(db);

          const file = exportBackupJson(before, 1_800_000_000_000);
          const wiped = await wipeLibrary(db);
          expect(wiped.papers).toBe(papers.length);
          expect(await db.papers.count()).toBe(0);
          expect(await db.sightings.count()).toBe(0);

          const parsed = parseBackup(file);
          if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
          const result = await applyImport(db, { kind: 'backup', backup: parsed.value }, 1_900_000_000_001);
          if (!result.ok) throw new Error(result.errors.join('\n'));
          expect(result.value.report.papers).toEqual({ added: papers.length, updated: 0, unchanged: 0 });

          const after = await readSnapshot(db);
          expect(withoutUpdatedAt(after.papers)).toEqual(withoutUpdatedAt(before.papers));
          // updatedAt is search-index bookkeeping: an imported record counts as written at import time.
          expect(after.papers.every((paper) => paper.updatedAt === 1_900_000_000_001)).toBe(true);
          expect(withoutSeq(after.sightings)).toEqual(withoutSeq(before.sightings));
          expect(after.settings).toEqual(before.settings);

          // Importing the same file again changes nothing.
          const again = await applyImport(db, { kind: 'backup', backup: parsed.value }, 1_900_000_000_002);
          if (!again.ok) throw new Error(again.errors.join('\n'));
          expect(again.value.report.papers).toEqual({ added: 0, updated: 0, unchanged: papers.length });
          expect(again.value.report.sightingsAdded).toBe(0);
        } finally {
          db.close();
          await db.delete();
        }
      }),
      { numRuns: 40 },
    );
  });
});
