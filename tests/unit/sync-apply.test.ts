import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { changePaper } from '../../lib/library';
import type { ScrapedPaper } from '../../lib/paper';
import { applyReplicas, SLICE } from '../../lib/sync/apply';
import { enableSync } from '../../lib/sync/engine';
import { formatHlc } from '../../lib/sync/hlc';
import { applyChange, emptyReplica, type PaperReplica } from '../../lib/sync/model';

const REMOTE = 'remotedevice1';
const P: ScrapedPaper = { id: 'arxiv:2501.00042', title: 'A paper saved during the first sync', authors: ['Ada Lovelace'], url: 'https://arxiv.org/abs/2501.00042' };

describe('applying other devices\' state', () => {
  it('stamps each slice with when it is written, not when the apply began (the search index catches up by it)', async () => {
    const db = new ShelfmarkDb('sync-apply-stamps');
    const began = Date.now() - 10 * 60_000;
    const stamp = formatHlc({ wall: began, counter: 1, device: REMOTE });
    const remote = applyChange(emptyReplica(P.id), { at: stamp, paper: P.id, kind: 'meta', meta: { title: P.title, authors: P.authors, url: P.url } });
    const before = Date.now();
    await applyReplicas(db, [remote], began);
    expect((await db.papers.get(P.id))?.updatedAt).toBeGreaterThanOrEqual(before);
    await db.delete();
  });

  it('a paper saved here during a new device\'s first sync (between two slices) is merged, not overwritten', async () => {
    const db = new ShelfmarkDb('sync-apply-fresh');
    const now = Date.now();
    await enableSync(db, { serverUrl: 'http://127.0.0.1:1/', username: 'u', password: 'p', folder: 'lib', passphrase: '' }, now);
    const stamp = (n: number) => formatHlc({ wall: now - 60_000, counter: n, device: REMOTE });
    // A first slice of papers known only by a tag (nothing to show, so cheap to apply), then P in the next slice.
    const fillers: PaperReplica[] = Array.from({ length: SLICE }, (_, n) => ({ ...emptyReplica(`arxiv:2401.${String(n).padStart(5, '0')}` as PaperId), tags: { old: { added: stamp(n) } } }));
    const remote = applyChange(applyChange(emptyReplica(P.id), { at: stamp(SLICE), paper: P.id, kind: 'meta', meta: { title: P.title, authors: P.authors, url: P.url } }), {
      at: stamp(SLICE + 1),
      paper: P.id,
      kind: 'tag',
      tag: 'remote-tag',
      present: true,
    });
    // The user saves P on a tab while the first slice is being written: that write commits before the next slice starts.
    let saved: Promise<unknown> | undefined;
    db.syncReplica.hook('creating', (key) => {
      if (key === fillers[0].id) saved = Dexie.ignoreTransaction(() => changePaper(db, P.id, { kind: 'save', saved: true }, Date.now(), P));
    });
    await applyReplicas(db, [...fillers, remote], now);
    await saved;
    expect(saved).toBeDefined();

    const record = await db.papers.get(P.id);
    expect(record?.savedAt).not.toBeNull();
    expect(record?.tags).toEqual(['remote-tag']);
    // The save is still on its way to the other devices, and they end up with the state this device holds.
    const outbox = (await db.syncOutbox.toArray()).filter((change) => change.paper === P.id);
    expect(outbox.some((change) => change.kind === 'saved' && change.value !== null)).toBe(true);
    const there = outbox.reduce(applyChange, remote);
    const here = await db.syncReplica.get(P.id);
    expect(here).toEqual(there);
    expect(here?.saved?.value).not.toBeNull();
  });
});
