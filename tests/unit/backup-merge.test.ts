import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, type Backup, type BackupSighting } from '../../lib/backup/format';
import { planBackupImport, type ExistingLibrary } from '../../lib/backup/merge';
import type { PaperId } from '../../lib/ids';
import type { PaperRecord } from '../../lib/paper';
import { record } from '../fixtures/library/records';

const ID: PaperId = 'arxiv:2501.00001';

function backupOf(papers: PaperRecord[], sightings: BackupSighting[] = []): Backup {
  return { format: BACKUP_FORMAT, version: 1, exportedAt: '2026-01-01T00:00:00.000Z', papers, sightings, settings: [] };
}

function libraryOf(papers: PaperRecord[], sightings: BackupSighting[] = []): ExistingLibrary {
  const byPaper = new Map<PaperId, BackupSighting[]>();
  for (const row of sightings) byPaper.set(row.paperId, [...(byPaper.get(row.paperId) ?? []), row]);
  return { papers: new Map(papers.map((paper) => [paper.id, paper])), sightings: byPaper, settings: new Map() };
}

const older = record(ID, {
  tags: ['old'],
  note: 'old note',
  savedAt: 100,
  status: 'read',
  edited: { tags: 100, note: 300, savedAt: 100, status: 100 },
});
const newer = record(ID, {
  tags: ['new'],
  note: 'new note',
  savedAt: null,
  status: 'reading',
  // Unsaved at 200, after its last annotation: the annotated rule (lib/annotated.ts) leaves it unsaved.
  edited: { tags: 200, note: 150, savedAt: 200, status: 50 },
});

describe('planBackupImport: the newest edit wins per field', () => {
  it('takes the backup’s newer fields and keeps the library’s newer ones', () => {
    const { writes, report } = planBackupImport(libraryOf([older]), backupOf([newer]), 1000);
    expect(writes.papers).toHaveLength(1);
    expect(writes.papers[0]).toMatchObject({
      tags: ['new'],
      savedAt: null,
      note: 'old note',
      status: 'read',
      edited: { tags: 200, savedAt: 200, note: 300, status: 100 },
      updatedAt: 1000,
    });
    expect(report.papers).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(report.fieldsChanged).toMatchObject({ tags: 1, savedAt: 1, note: 0, status: 0 });
  });

  it('is symmetric: swapping library and backup gives the same merged user fields', () => {
    const ab = planBackupImport(libraryOf([older]), backupOf([newer]), 1000).writes.papers[0];
    const ba = planBackupImport(libraryOf([newer]), backupOf([older]), 1000).writes.papers[0];
    const userFields = ({ tags, note, savedAt, status, edited }: PaperRecord) => ({ tags, note, savedAt, status, edited });
    expect(userFields(ab)).toEqual(userFields(ba));
  });

  it('an older backup changes nothing', () => {
    const stale = record(ID, { ...older, tags: ['stale'], edited: { tags: 1, note: 1, savedAt: 1, status: 1 } });
    const { writes, report } = planBackupImport(libraryOf([older]), backupOf([stale]), 1000);
    expect(writes.papers).toEqual([]);
    expect(report.papers).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });
});

describe('planBackupImport: metadata and seen history', () => {
  it('keeps every known metadata value', () => {
    const mine = record(ID, { title: 'Title', abstract: 'short', arxiv: { primaryCategory: 'cs.LG' } });
    const theirs = record(ID, { title: 'Other', abstract: 'a much longer abstract', doi: '10.1/x', arxiv: { journalRef: 'J 1' } });
    const [merged] = planBackupImport(libraryOf([mine]), backupOf([theirs]), 1000).writes.papers;
    expect(merged).toMatchObject({
      title: 'Title',
      abstract: 'a much longer abstract',
      doi: '10.1/x',
      arxiv: { primaryCategory: 'cs.LG', journalRef: 'J 1' },
    });
  });

  it('adds only new sightings and recomputes the seen summary', () => {
    const row = (viewId: string, at: number): BackupSighting => ({ paperId: ID, viewId, site: 'hf', url: 'u', label: viewId, at });
    const mine = record(ID, { firstSeenAt: 10, lastSeenAt: 30, seenCount: 2 });
    const { writes, report } = planBackupImport(
      libraryOf([mine], [row('a', 10), row('c', 30)]),
      backupOf([record(ID)], [row('a', 10), row('b', 20), row('d', 40)]),
      1000,
    );
    expect(writes.sightings.map((sighting) => sighting.viewId)).toEqual(['b', 'd']);
    expect(report.sightingsAdded).toBe(2);
    expect(writes.papers[0]).toMatchObject({
      firstSeenAt: 10,
      lastSeenAt: 40,
      seenCount: 4,
      firstSighting: { viewId: 'a' },
      lastSighting: { viewId: 'd' },
      previousSighting: { viewId: 'c' },
    });
  });

  it('adds papers the library lacks and restores changed settings', () => {
    const backup = { ...backupOf([record('arxiv:2501.00002')]), settings: [{ key: 'settings', value: { a: 1 } }] };
    const existing = { ...libraryOf([older]), settings: new Map<string, unknown>([['settings', { a: 0 }]]) };
    const { writes, report } = planBackupImport(existing, backup, 1000);
    expect(writes.papers.map((paper) => paper.id)).toEqual(['arxiv:2501.00002']);
    expect(writes.settings).toEqual([{ key: 'settings', value: { a: 1 } }]);
    expect(report).toMatchObject({ papers: { added: 1, updated: 0, unchanged: 0 }, settingsRestored: 1 });
  });
});
