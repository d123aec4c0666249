import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, ShelfmarkDb, type SearchIndexRow, type SettingRow, type SightingRow } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { buildIndex, serializeIndex } from '../../lib/search/index-store';
import { SCHEMA_V1 } from '../fixtures/db-v1/schema';
import { SCHEMA_V3 } from '../fixtures/db-v3/schema';
import { SCHEMA_V4 } from '../fixtures/db-v4/schema';
import { titleKeyOf, type PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import { fixedLibrary } from '../fixtures/library/fixed-library';

let dbCount = 0;
const TAGGED_AT = Date.UTC(2026, 5, 1);

/** The fixture papers, plus one tagged and noted but never saved: what the upgrade to version 2 saves. */
function v1Papers(): PaperRecord[] {
  const papers = fixedLibrary();
  const annotated: PaperRecord = {
    ...papers[0],
    id: 'arxiv:2601.00042',
    savedAt: null,
    dismissedAt: null,
    tags: ['to-cite'],
    note: 'tagged on a listing, Save never pressed',
    edited: { tags: TAGGED_AT, note: TAGGED_AT - 5 },
  };
  return [...papers, annotated];
}

function v1Sightings(papers: readonly PaperRecord[]): SightingRow[] {
  return papers.flatMap((paper, i) =>
    [paper.firstSighting, paper.lastSighting].filter((s) => s !== null).map((s, j) => ({ ...s, paperId: paper.id, seq: i * 2 + j + 1 })),
  );
}

const settings: SettingRow[] = [
  { key: 'filter', value: { mode: 'dim', kinds: { seen: true, repeat: false } } },
  { key: 'sites', value: { hf: true, arxiv: false } },
];

/** The search index rows as version-1 code stored them: built by the same code over the same papers. */
async function v1SearchRows(papers: readonly PaperRecord[]): Promise<SearchIndexRow[]> {
  const scratch = new ShelfmarkDb(`upgrade-scratch-${dbCount++}`);
  await scratch.papers.bulkPut(papers);
  const rows = serializeIndex(await buildIndex(scratch));
  await scratch.delete();
  return rows;
}

async function createV1Database(name: string) {
  const papers = v1Papers();
  const sightings = v1Sightings(papers);
  const searchIndex = await v1SearchRows(papers);
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.table('papers').bulkPut(papers);
  await v1.table('sightings').bulkAdd(sightings);
  await v1.table('settings').bulkPut(settings);
  await v1.table('searchIndex').bulkPut(searchIndex);
  v1.close();
  return { papers, sightings, searchIndex };
}

const byId = (a: PaperRecord, b: PaperRecord) => a.id.localeCompare(b.id);

describe('schema upgrades', () => {
  it(`opens a version-1 database with version ${CURRENT_SCHEMA_VERSION} and keeps every record`, async () => {
    const name = `upgrade-${dbCount++}`;
    const before = await createV1Database(name);
    const upgradeStarted = Date.now();
    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);

    // Sightings, settings and both search indexes: row for row, keys and sequence numbers included.
    expect(await db.sightings.orderBy('seq').toArray()).toEqual(before.sightings);
    expect(await db.settings.orderBy('key').toArray()).toEqual([...settings].sort((a, b) => a.key.localeCompare(b.key)));
    const indexRows = await db.searchIndex.orderBy('key').toArray();
    expect(indexRows.map((row) => row.key)).toEqual(['papers', 'papers:abstracts']);
    expect(indexRows).toEqual([...before.searchIndex].sort((a, b) => a.key.localeCompare(b.key)));

    // Papers: all kept unchanged but the one annotated and never saved, which version 2 saves.
    const after = (await db.papers.toArray()).sort(byId);
    const expected = [...before.papers].sort(byId);
    expect(after.map((paper) => paper.id)).toEqual(expected.map((paper) => paper.id));
    const annotatedUnsaved = (p: PaperRecord) => p.savedAt === null && p.dismissedAt === null && (p.tags.length > 0 || p.note !== '');
    const upgraded = expected.filter(annotatedUnsaved).map((paper) => paper.id);
    // Ours, and one of the fixture's real-title papers that carries a note without being saved.
    expect(upgraded).toContain('arxiv:2601.00042');
    expect(upgraded.length).toBeGreaterThan(1);
    after.forEach((paper, index) => {
      const old = expected[index];
      if (!upgraded.includes(paper.id)) {
        expect(paper).toEqual(old);
        return;
      }
      const { savedAt, edited, updatedAt, ...rest } = paper;
      const { savedAt: _s, edited: oldEdited, updatedAt: _u, ...oldRest } = old;
      const lastAnnotation = Math.max(oldEdited.tags ?? 0, oldEdited.note ?? 0) || old.updatedAt;
      expect(rest).toEqual(oldRest);
      expect(savedAt).toBe(lastAnnotation);
      expect(edited).toEqual({ ...oldEdited, savedAt: lastAnnotation });
      // The search index's catch-up marker: the index learns the new saved state on its next load.
      expect(updatedAt).toBeGreaterThanOrEqual(upgradeStarted);
    });
    expect((await db.papers.get('arxiv:2601.00042'))?.savedAt).toBe(TAGGED_AT);
    expect(await db.papers.where('savedAt').above(0).count()).toBe(expected.filter((p) => p.savedAt !== null).length + upgraded.length);
    await db.delete();
  });

  it('opens a version-3 database with version 4: every paper gets its title key, nothing else changes', async () => {
    const name = `upgrade-v3-${dbCount++}`;
    const neurips = {
      ...emptyRecord({ id: 'title:swe-agent-agent-computer-interfaces-enable-automated-software-engineering' as PaperId, title: 'SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering', authors: ['John Yang'], url: 'https://proceedings.neurips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html' }, 1_000),
      savedAt: 1_500,
      edited: { savedAt: 1_500 },
    };
    const papers = [...v1Papers(), neurips];
    const sightings = v1Sightings(papers);
    const outbox = [{ at: '00000000001-00000-devicea', paper: neurips.id, kind: 'saved', value: 1_500 }];
    const replicas = [{ id: neurips.id, fields: {} }];
    const meta = [{ key: 'device', value: { device: 'devicea', clock: '00000000001-00000-devicea', recording: true } }];
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.table('papers').bulkPut(papers);
    await v3.table('sightings').bulkAdd(sightings);
    await v3.table('settings').bulkPut(settings);
    await v3.table('syncOutbox').bulkPut(outbox);
    await v3.table('syncReplica').bulkPut(replicas);
    await v3.table('syncMeta').bulkPut(meta);
    v3.close();

    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    // Records read back exactly as stored (the key is the index's, never a reader's), updatedAt included.
    expect((await db.papers.toArray()).sort(byId)).toEqual([...papers].sort(byId));
    for (const paper of papers) {
      const found = await db.papers.where('titleKey').equals(titleKeyOf(paper.title)).primaryKeys();
      expect(found).toContain(paper.id);
    }
    expect(await db.papers.where('titleKey').equals(neurips.id.slice('title:'.length)).count()).toBe(1);
    // Sightings, settings and sync's stores are untouched; the upgrade recorded no sync change.
    expect(await db.sightings.orderBy('seq').toArray()).toEqual(sightings);
    expect(await db.settings.orderBy('key').toArray()).toEqual([...settings].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await db.syncOutbox.toArray()).toEqual(outbox);
    expect(await db.syncReplica.toArray()).toEqual(replicas);
    expect(await db.syncMeta.toArray()).toEqual(meta);
    await db.delete();
  });

  it('opens a version-4 database with version 5: the unqueried indexes go, every record and row stays', async () => {
    const name = `upgrade-v4-${dbCount++}`;
    const papers = v1Papers();
    const sightings = v1Sightings(papers);
    const searchIndex = await v1SearchRows(papers);
    const outbox = [{ at: '00000000001-00000-devicea', paper: papers[0].id, kind: 'saved', value: 1_500 }];
    const replicas = [{ id: papers[0].id, fields: {} }];
    const meta = [{ key: 'device', value: { device: 'devicea', clock: '00000000001-00000-devicea', recording: true } }];
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    // As version 4 stored papers: with the title key its index reads.
    await v4.table('papers').bulkPut(papers.map((paper) => ({ ...paper, titleKey: titleKeyOf(paper.title) })));
    await v4.table('sightings').bulkAdd(sightings);
    await v4.table('settings').bulkPut(settings);
    await v4.table('searchIndex').bulkPut(searchIndex);
    await v4.table('syncOutbox').bulkPut(outbox);
    await v4.table('syncReplica').bulkPut(replicas);
    await v4.table('syncMeta').bulkPut(meta);
    v4.close();

    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.papers.schema.indexes.map((index) => index.name).sort()).toEqual(['dismissedAt', 'lastSeenAt', 'savedAt', 'tags', 'titleKey', 'updatedAt']);
    expect(db.sightings.schema.indexes.map((index) => index.name)).toEqual(['paperId']);
    expect((await db.papers.toArray()).sort(byId)).toEqual([...papers].sort(byId));
    expect(await db.sightings.orderBy('seq').toArray()).toEqual(sightings);
    expect(await db.settings.orderBy('key').toArray()).toEqual([...settings].sort((a, b) => a.key.localeCompare(b.key)));
    expect((await db.searchIndex.toArray()).map((row) => row.key).sort()).toEqual(searchIndex.map((row) => row.key).sort());
    expect(await db.syncOutbox.toArray()).toEqual(outbox);
    expect(await db.syncReplica.toArray()).toEqual(replicas);
    expect(await db.syncMeta.toArray()).toEqual(meta);
    // The indexes kept still answer.
    expect(await db.papers.where('titleKey').equals(titleKeyOf(papers[0].title)).primaryKeys()).toContain(papers[0].id);
    expect(await db.sightings.where('paperId').equals(papers[0].id).count()).toBe(sightings.filter((row) => row.paperId === papers[0].id).length);
    await db.delete();
  });
});
