import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper, syncCards } from '../../lib/library';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { updateSettings, readSettings } from '../../lib/settings';
import { deleteRemoteCopy, deviceOf, SERVER_COPY_GONE, enableSync, readStatus, runSync, type SyncConfig } from '../../lib/sync/engine';
import { WebDavClient } from '../../lib/sync/webdav';
import { decodeSegment } from '../../lib/sync/files';
import { formatHlc } from '../../lib/sync/hlc';
import { decodeFile } from '../../lib/sync/crypto';
import { wipeLibrary } from '../../lib/backup/wipe';
import { readText } from '../../lib/backup/compression';
import { buildExport } from '../../lib/reading-list/export-file';
import { syncView } from '../../lib/sync/handlers';
import { startDavServer, type DavServer } from '../helpers/rclone';

let server: DavServer;
let counter = 0;
beforeAll(async () => {
  server = await startDavServer(18711);
});
afterAll(async () => {
  await server?.close();
});

const paper = (n: number): ScrapedPaper => ({
  id: `arxiv:2501.${String(n).padStart(5, '0')}`,
  title: `Paper number ${n} about secret-topic`,
  authors: ['Ada Lovelace'],
  url: `https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}`,
});
const view = (id: string): PageView => ({ viewId: id, site: 'arxiv', url: 'https://arxiv.org/list/cs.LG/new', label: 'arXiv cs.LG new' });

function device(folder: string, extra: Partial<SyncConfig> = {}, wallClock?: () => number) {
  const db = new ShelfmarkDb(`sync-webdav-${++counter}`);
  const config: SyncConfig = { serverUrl: server.url, username: server.user, password: server.pass, folder, passphrase: '', ...extra };
  let clock = Date.UTC(2026, 11, 1, 10);
  const now = wallClock ?? (() => (clock += 1000));
  return {
    db,
    now,
    config,
    enable: () => enableSync(db, config, now()),
    sync: () => runSync(db, { now }),
  };
}

async function userState(db: ShelfmarkDb) {
  const papers = await db.papers.orderBy('id').toArray();
  return papers.map(({ id, savedAt, dismissedAt, note, status, title, seenCount }) => ({ id, saved: savedAt !== null, dismissed: dismissedAt !== null, tags: [...(papers.find((p) => p.id === id)!.tags)].sort(), note, status, title, seenCount }));
}

describe('sync through a real WebDAV server (rclone serve webdav)', () => {
  it('a paper known only from a reference file (no link) syncs like any other', async () => {
    const a = device('lib-nolink');
    const b = device('lib-nolink');
    await a.enable();
    await b.enable();
    const fromBibtex = { ...paper(7), url: '' };
    await changePaper(a.db, fromBibtex.id, { kind: 'save', saved: true }, a.now(), fromBibtex);
    const sent = await a.sync();
    expect(sent.error).toBeNull();
    const received = await b.sync();
    expect(received.warnings).toEqual([]);
    expect((await b.db.papers.get(fromBibtex.id))?.savedAt).not.toBeNull();
  });

  it('two devices that worked apart end up with equal libraries, concurrent tags kept, the later note winning', async () => {
    const a = device('lib1');
    const b = device('lib1');
    // A had a library before turning sync on; B starts empty.
    await syncCards(a.db, view('va1'), [paper(1), paper(2), paper(3)], a.now());
    await changePaper(a.db, paper(1).id, { kind: 'save', saved: true }, a.now());
    await a.enable();
    await b.enable();
    expect((await a.sync()).error).toBeNull();
    expect((await b.sync()).error).toBeNull();
    expect(await userState(b.db)).toEqual(await userState(a.db));

    // Offline on both: tags, notes, dismissals, new papers.
    await changePaper(a.db, paper(1).id, { kind: 'add-tags', tags: ['rl'] }, a.now());
    await changePaper(b.db, paper(1).id, { kind: 'add-tags', tags: ['agents'] }, b.now());
    await changePaper(a.db, paper(2).id, { kind: 'note', note: 'from the laptop' }, a.now());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await changePaper(b.db, paper(2).id, { kind: 'note', note: 'from the desktop' }, b.now());
    await changePaper(b.db, paper(3).id, { kind: 'dismiss', dismissed: true }, b.now());
    await changePaper(b.db, paper(9).id, { kind: 'save', saved: true }, b.now(), paper(9));
    await updateSettings(b.db, { duplicates: { defaultMode: 'dim' } });

    await a.sync();
    await b.sync();
    await a.sync();
    const state = await userState(a.db);
    expect(await userState(b.db)).toEqual(state);
    expect(state.find((p) => p.id === paper(1).id)!.tags).toEqual(['agents', 'rl']);
    expect(state.find((p) => p.id === paper(2).id)!.note).toBe('from the desktop');
    expect(state.find((p) => p.id === paper(3).id)!.dismissed).toBe(true);
    expect(state.find((p) => p.id === paper(9).id)!.saved).toBe(true);
    expect((await readSettings(a.db)).duplicates.defaultMode).toBe('dim');
    const history = (await a.db.syncReplica.get(paper(2).id))!.notes.map((n) => n.value);
    expect(history).toEqual(['from the desktop', 'from the laptop']);
    const status = await readStatus(a.db);
    expect(status).toMatchObject({ devices: 2, papers: 4, error: null, warnings: [] });

    // Nothing new: a sync uploads nothing and applies nothing.
    const before = JSON.stringify(await a.db.papers.toArray());
    await a.sync();
    expect(JSON.stringify(await a.db.papers.toArray())).toBe(before);
  });

  it('a wrong password gives a clear status and changes nothing', async () => {
    const a = device('lib2', { password: 'wrong' });
    await syncCards(a.db, view('v'), [paper(1)], a.now());
    await a.enable();
    const status = await a.sync();
    expect(status.error).toBe('The server refused the username or password');
    expect(await a.db.syncOutbox.count()).toBe(0);
    expect(readdirSync(server.dir)).not.toContain('lib2');
  });

  it('a server stopped during a sync loses nothing, and the next sync converges', async () => {
    const a = device('lib3');
    const b = device('lib3');
    await a.enable();
    await b.enable();
    await a.sync();
    await b.sync();
    await changePaper(a.db, paper(5).id, { kind: 'save', saved: true }, a.now(), paper(5));
    // Stop the server as soon as the first write of the next sync arrives.
    const fetchStopping: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') await server.stop();
      return fetch(input, init);
    };
    const failed = await runSync(a.db, { now: a.now, fetch: fetchStopping });
    expect(failed.error).toMatch(/Could not reach the server/);
    await server.start();
    expect((await a.sync()).error).toBeNull();
    expect((await b.sync()).error).toBeNull();
    expect(await userState(b.db)).toEqual(await userState(a.db));
    expect((await b.db.papers.get(paper(5).id))?.savedAt).not.toBeNull();
  });

  it('a corrupt or foreign file is skipped with a warning, never applied', async () => {
    const a = device('lib4');
    const b = device('lib4');
    await a.enable();
    await b.enable();
    await changePaper(a.db, paper(1).id, { kind: 'save', saved: true }, a.now(), paper(1));
    await a.sync();
    await changePaper(a.db, paper(2).id, { kind: 'save', saved: true }, a.now(), paper(2));
    await a.sync();
    const id = (await deviceOf(a.db))!.device;
    const segments = readdirSync(join(server.dir, 'lib4', 'devices', id)).filter((name) => name.startsWith('seg-')).sort();
    // The server (or someone with access to it) damages A's latest batch.
    const dav = new WebDavClient({ baseUrl: `${server.url}lib4/`, username: server.user, password: server.pass });
    await dav.put(`devices/${id}/${segments[segments.length - 1]}`, new TextEncoder().encode('SMZ1 not gzip at all'));
    const status = await b.sync();
    expect(status.warnings.join('\n')).toMatch(/Skipped .*seg-.*damaged/);
    expect(await b.db.papers.get(paper(2).id)).toBeUndefined();
    expect(await b.db.papers.get(paper(1).id)).toBeDefined();
    // A foreign device's batch (its changes stamped by someone else) is refused too.
    const foreign = { format: 'shelfmark-sync', version: 1, kind: 'segment', device: 'intruder01', number: 1, changes: [] };
    expect(() => decodeSegment(foreign, 'x', 'laptopaa', 1)).toThrow(/names device intruder01/);
  });

  it('with a passphrase the server holds no title or tag in clear, and the other device reads it', async () => {
    const a = device('lib5', { passphrase: 'correct horse battery staple' });
    const b = device('lib5', { passphrase: 'correct horse battery staple' });
    const c = device('lib5', { passphrase: 'wrong passphrase' });
    await changePaper(a.db, paper(7).id, { kind: 'tags', tags: ['zebra-tag'] }, a.now(), paper(7));
    await a.enable();
    await b.enable();
    await c.enable();
    await a.sync();
    await b.sync();
    expect((await b.db.papers.get(paper(7).id))?.tags).toEqual(['zebra-tag']);
    const all = readdirSync(join(server.dir, 'lib5'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(all.filter((entry) => entry.name.endsWith('.smk')).length).toBeGreaterThan(0);
    for (const entry of all) {
      const text = readFileSync(join(entry.parentPath, entry.name), 'latin1');
      expect(text).not.toContain('secret-topic');
      expect(text).not.toContain('zebra-tag');
    }
    const status = await c.sync();
    expect(status.warnings.join('\n')).toMatch(/passphrase does not open/);
    expect(await c.db.papers.get(paper(7).id)).toBeUndefined();
  });

  it('a wipe reaches every device, older state never comes back, and an edit made after it survives', async () => {
    const [a, b, c] = [device('lib-wipe'), device('lib-wipe'), device('lib-wipe')];
    await changePaper(a.db, paper(1).id, { kind: 'add-tags', tags: ['old-tag'] }, a.now(), paper(1));
    await changePaper(a.db, paper(2).id, { kind: 'save', saved: true }, a.now(), paper(2));
    for (const d of [a, b, c]) await d.enable();
    for (const d of [a, b, c, a]) expect((await d.sync()).error).toBeNull();
    expect(await b.db.papers.count()).toBe(2);
    // C, offline, notes paper 1; then A wipes; then B, which has not heard of the wipe, tags paper 2.
    await changePaper(c.db, paper(1).id, { kind: 'note', note: 'written before the wipe' }, c.now());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await wipeLibrary(a.db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await changePaper(b.db, paper(2).id, { kind: 'add-tags', tags: ['after-wipe'] }, b.now());
    for (const d of [c, a, b, c, a, b]) expect((await d.sync()).error).toBeNull();
    for (const d of [a, b, c]) {
      const papers = await d.db.papers.toArray();
      expect(papers.map((p) => [p.id, p.tags, p.note])).toEqual([[paper(2).id, ['after-wipe'], '']]);
      expect((await d.db.sightings.toArray()).length).toBe(0);
    }
    // The server no longer holds what was wiped: every device replaced its files after hearing of the wipe.
    const files = readdirSync(join(server.dir, 'lib-wipe'), { recursive: true, withFileTypes: true }).filter((entry) => entry.name.endsWith('.smk'));
    expect(files.length).toBeGreaterThan(0);
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name).slice(join(server.dir, 'lib-wipe').length + 1);
      const text = JSON.stringify(await decodeFile(new Uint8Array(readFileSync(join(entry.parentPath, entry.name))), path, null));
      expect(text).not.toContain(paper(1).title);
      expect(text).not.toContain('written before the wipe');
      expect(text).not.toContain('old-tag');
    }
    // A new device that joins now gets the library as it is after the wipe, and keeps its own library, however old:
    // the wipe covered the devices A knew, not one that turns sync on later.
    const d = device('lib-wipe');
    await changePaper(d.db, paper(8).id, { kind: 'save', saved: true }, Date.UTC(2020, 0, 1), paper(8));
    await d.enable();
    expect((await d.sync()).warnings).toEqual([]);
    expect((await d.db.papers.toArray()).map((p) => [p.id, p.tags, p.savedAt !== null])).toEqual([
      [paper(2).id, ['after-wipe'], false],
      [paper(8).id, [], true],
    ]);
    await a.sync();
    expect((await a.db.papers.get(paper(8).id))?.savedAt).not.toBeNull();
  });

  it('an edit made right after hearing of a wipe through a snapshot survives, though the wiping clock ran hours ahead', async () => {
    // Real time here: the recorder stamps local edits with Date.now(), and the clocks are compared against it.
    const [a, b] = [device('lib-wipe-drift', {}, Date.now), device('lib-wipe-drift', {}, Date.now)];
    await changePaper(a.db, paper(1).id, { kind: 'save', saved: true }, Date.now(), paper(1));
    await a.enable();
    await b.enable();
    for (const d of [a, b, a]) expect((await d.sync()).error).toBeNull();
    const wiper = (await deviceOf(a.db))!;
    await a.db.syncMeta.put({ key: 'device', value: { ...wiper, clock: formatHlc({ wall: Date.now() + 3 * 60 * 60 * 1000, counter: 0, device: wiper.device }) } });
    await wipeLibrary(a.db);
    expect((await a.sync()).error).toBeNull();
    // A replaced its batches with a snapshot, so B hears of the wipe through the snapshot alone.
    expect(readdirSync(join(server.dir, 'lib-wipe-drift', 'devices', wiper.device)).filter((name) => name.startsWith('seg-'))).toEqual([]);
    expect((await b.sync()).error).toBeNull();
    expect(await b.db.papers.count()).toBe(0);
    await changePaper(b.db, paper(2).id, { kind: 'save', saved: true }, Date.now(), paper(2));
    for (const d of [b, a, b]) expect((await d.sync()).error).toBeNull();
    for (const d of [a, b]) expect((await d.db.papers.toArray()).map((p) => [p.id, p.savedAt !== null])).toEqual([[paper(2).id, true]]);
  });

  it('a steady-state run creates no folders; a server copy deleted meanwhile is published again', async () => {
    const a = device('lib-folders');
    const b = device('lib-folders');
    await changePaper(a.db, paper(4).id, { kind: 'save', saved: true }, a.now(), paper(4));
    await a.enable();
    await b.enable();
    const methods: string[] = [];
    const counting: typeof fetch = (input, init) => {
      methods.push(init?.method ?? 'GET');
      return fetch(input, init);
    };
    await runSync(a.db, { now: a.now, fetch: counting });
    expect(methods.filter((m) => m === 'MKCOL')).toHaveLength(3);
    await b.sync();
    methods.length = 0;
    await changePaper(a.db, paper(5).id, { kind: 'save', saved: true }, a.now(), paper(5));
    expect((await runSync(a.db, { now: a.now, fetch: counting })).error).toBeNull();
    expect(methods).not.toContain('MKCOL');
    expect(methods.filter((m) => m === 'PUT')).toHaveLength(1);
    // Someone deletes the server copy (Turn off and delete, on another device): A says so and does not undo it...
    await deleteRemoteCopy(b.config);
    expect((await a.sync()).error).toBe(SERVER_COPY_GONE);
    expect(readdirSync(server.dir)).not.toContain('lib-folders');
    // ...until the user saves the form again: then A publishes its whole library again.
    await a.enable();
    expect((await a.sync()).error).toBeNull();
    const c = device('lib-folders');
    await c.enable();
    expect((await c.sync()).warnings).toEqual([]);
    expect((await c.db.papers.toArray()).map((p) => p.id).sort()).toEqual([paper(4).id, paper(5).id]);
  });

  /** Every sync file of a folder on the server, with its first four bytes (SMZ1 plain, SME1 sealed) and raw text. */
  const serverFiles = (folder: string) =>
    readdirSync(join(server.dir, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const bytes = readFileSync(join(entry.parentPath, entry.name));
        return { name: entry.name, device: entry.parentPath.split('/').pop()!, tag: bytes.subarray(0, 4).toString('latin1'), text: bytes.toString('latin1') };
      });

  it('encryption turned on mid-life re-uploads sealed; a device without the passphrase says so; and off again', async () => {
    const a = device('lib-rekey');
    const b = device('lib-rekey');
    await changePaper(a.db, paper(1).id, { kind: 'add-tags', tags: ['clear-tag'] }, a.now(), paper(1));
    await a.enable();
    await b.enable();
    await a.sync();
    await b.sync();
    const idA = (await deviceOf(a.db))!.device;
    expect(serverFiles('lib-rekey').filter((f) => f.device === idA && f.name.endsWith('.smk')).map((f) => f.tag)).toContain('SMZ1');

    // A sets a passphrase: its clear files are replaced by sealed ones.
    const passphrase = 'correct horse battery staple';
    await enableSync(a.db, { ...a.config, passphrase }, a.now());
    await changePaper(a.db, paper(2).id, { kind: 'save', saved: true }, a.now(), paper(2));
    expect((await a.sync()).warnings).toEqual([`Device ${(await deviceOf(b.db))!.device} does not encrypt its files: set the same passphrase there`]);
    const sealed = serverFiles('lib-rekey').filter((f) => f.device === idA && f.name.endsWith('.smk'));
    expect(sealed.length).toBeGreaterThan(0);
    for (const file of sealed) {
      expect(file.tag).toBe('SME1');
      expect(file.text).not.toContain('secret-topic');
    }
    // B, without it, keeps what it had, applies nothing new from A and says why.
    const without = await b.sync();
    expect(without.warnings).toEqual([`Device ${idA} encrypts its files: enter the passphrase to read them`]);
    expect(await b.db.papers.get(paper(2).id)).toBeUndefined();
    expect((await b.db.papers.get(paper(1).id))?.tags).toEqual(['clear-tag']);
    // B enters it: it reads A's sealed snapshot, and its own files become sealed too.
    await enableSync(b.db, { ...b.config, passphrase }, b.now());
    expect((await b.sync()).warnings).toEqual([]);
    expect((await b.db.papers.get(paper(2).id))?.savedAt).not.toBeNull();
    expect(serverFiles('lib-rekey').filter((f) => f.name.endsWith('.smk')).map((f) => f.tag)).not.toContain('SMZ1');

    // A turns encryption off again: its files are plain, and B (with the passphrase) still reads them.
    await enableSync(a.db, { ...a.config, passphrase: '' }, a.now());
    await changePaper(a.db, paper(3).id, { kind: 'save', saved: true }, a.now(), paper(3));
    await a.sync();
    expect(serverFiles('lib-rekey').filter((f) => f.device === idA && f.name.endsWith('.smk')).map((f) => f.tag)).not.toContain('SME1');
    expect((await b.sync()).warnings).toEqual([`Device ${idA} does not encrypt its files: set the same passphrase there`]);
    expect((await b.db.papers.get(paper(3).id))?.savedAt).not.toBeNull();
  });

  it('the password and passphrase never leave for the server, a backup or the options page', async () => {
    const passphrase = 'unguessable-passphrase-42';
    const a = device('lib-secrets', { passphrase });
    await changePaper(a.db, paper(1).id, { kind: 'save', saved: true }, a.now(), paper(1));
    await a.enable();
    expect((await a.sync()).error).toBeNull();
    const files = serverFiles('lib-secrets');
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(file.text).not.toContain(server.pass);
      expect(file.text).not.toContain(passphrase);
    }
    const backup = await buildExport(a.db, 'backup', { kind: 'library' }, new Date());
    const text = typeof backup.content === 'string' ? backup.content : await readText(backup.content);
    expect(text).toContain(paper(1).title);
    expect(text).not.toContain(server.pass);
    expect(text).not.toContain(passphrase);
    const page = JSON.stringify(await syncView(a.db));
    expect(page).not.toContain(server.pass);
    expect(page).not.toContain(passphrase);
  });

  it('lists folders with PROPFIND', async () => {
    const client = new WebDavClient({ baseUrl: `${server.url}lib6/`, username: server.user, password: server.pass });
    await client.mkcol('');
    await client.mkcol('a b');
    await client.put('a b/x.smk', new Uint8Array([1, 2, 3]));
    expect(await client.list('a b')).toEqual([{ name: 'x.smk', collection: false, size: 3 }]);
    expect(await client.list('missing')).toBeNull();
    expect(await client.get('a b/x.smk')).toEqual(new Uint8Array([1, 2, 3]));
    await client.delete('a b/x.smk');
    expect(await client.get('a b/x.smk')).toBeNull();
  });
});
