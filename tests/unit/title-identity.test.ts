import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { changePaper, syncCards } from '../../lib/library';
import { createHandlers, dispatch, type Caller } from '../../lib/messaging/handlers';
import type { RequestType } from '../../lib/messaging/protocol';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import type { PageView, PaperState, ScrapedPaper } from '../../lib/paper';
import { SimilarPapers } from '../../lib/similar-papers';
import type { OutboxRow } from '../../lib/sync/store';
import { foldRecord, resolveTitleCards, sameWorkByTitle } from '../../lib/title-identity';
import { emptyRecord } from '../../lib/library';
import { applyReplicas } from '../../lib/sync/apply';
import { HlcClock } from '../../lib/sync/hlc';
import { applyChange, emptyReplica, type SyncChange } from '../../lib/sync/model';

const TITLE = 'SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering';
const ARXIV = 'arxiv:2405.15793' as PaperId;
const TITLE_ID = 'title:swe-agent-agent-computer-interfaces-enable-automated-software-engineering' as PaperId;

const arxivCard: ScrapedPaper = {
  id: ARXIV,
  title: TITLE,
  authors: ['John Yang', 'Carlos E. Jimenez', 'Alexander Wettig', 'Kilian Lieret', 'Shunyu Yao', 'Karthik Narasimhan', 'Ofir Press'],
  abstract: 'Language model agents are increasingly being used to automate complicated tasks in digital environments.',
  url: 'https://arxiv.org/abs/2405.15793',
};
// NeurIPS prints the title in its own case and gives no id; Scholar abbreviates and truncates the authors.
const neuripsCard: ScrapedPaper = {
  id: TITLE_ID,
  title: 'SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering',
  authors: ['John Yang', 'Carlos Jimenez', 'Alexander Wettig'],
  url: 'https://proceedings.neurips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html',
};
const scholarCard: ScrapedPaper = { id: TITLE_ID, title: 'SWE-agent: agent-computer interfaces enable automated software engineering', authors: ['J Yang', 'CE Jimenez', 'A Wettig…'], url: 'https://scholar.google.com/scholar?cluster=1' };

const view = (viewId: string, site: PageView['site'] = 'neurips'): PageView => ({ viewId, site, url: `https://example.org/${viewId}`, label: viewId });

let db: ShelfmarkDb;
let counter = 0;
beforeEach(async () => {
  db = new ShelfmarkDb(`title-identity-${++counter}`);
  await db.open();
});
afterEach(() => db.delete());

describe('one record per work across sites', () => {
  it('a title-only card is answered as the arXiv record with its title, from whatever site that came', async () => {
    await syncCards(db, view('arxiv-abs', 'arxiv'), [arxivCard], 1_000);
    await changePaper(db, ARXIV, { kind: 'add-tags', tags: ['agents'] }, 2_000);
    const [resolved] = await resolveTitleCards(db, [neuripsCard]);
    expect(resolved.id).toBe(ARXIV);
    const [state] = await syncCards(db, view('neurips-year'), [resolved], 3_000);
    expect(state).toMatchObject({ id: ARXIV, tags: ['agents'], savedAt: 2_000 });
    expect(state.earlierSighting?.site).toBe('arxiv');
    expect((await resolveTitleCards(db, [scholarCard]))[0].id).toBe(ARXIV);
    // No second record was made, and the arXiv record keeps its own link.
    expect(await db.papers.count()).toBe(1);
    expect((await db.papers.get(ARXIV))?.url).toBe(arxivCard.url);
  });

  it('prefers the arXiv record over a DOI record and a title record of the same title', async () => {
    await syncCards(db, view('v1'), [neuripsCard, { ...arxivCard, id: 'doi:10.5555/swe' as PaperId, url: 'https://dl.acm.org/x' }], 1_000);
    // Written directly, as an import or a sync from an older device would: both records exist.
    await db.papers.put(emptyRecord(arxivCard, 2_000));
    expect((await resolveTitleCards(db, [neuripsCard]))[0].id).toBe(ARXIV);
  });

  it('leaves alone cards with an id, generic titles, and a same-titled paper by other authors', async () => {
    await syncCards(db, view('v1', 'arxiv'), [arxivCard, { id: 'arxiv:2501.00001' as PaperId, title: 'Introduction', authors: ['A B'], url: 'https://arxiv.org/abs/2501.00001' }], 1_000);
    const others: ScrapedPaper = { ...neuripsCard, authors: ['Maria Garcia', 'Wei Chen'] };
    const generic: ScrapedPaper = { id: 'title:introduction' as PaperId, title: 'Introduction', authors: [], url: 'https://x.org/i' };
    const cvf: ScrapedPaper = { ...arxivCard, id: 'arxiv:2501.09999' as PaperId };
    expect((await resolveTitleCards(db, [others, generic, cvf])).map((paper) => paper.id)).toEqual([others.id, generic.id, cvf.id]);
    expect(sameWorkByTitle(scholarCard, arxivCard)).toBe(true);
    expect(sameWorkByTitle(neuripsCard, { title: TITLE, authors: ['Yang, John'] })).toBe(true);
  });

  it('a paper saved on NeurIPS joins its arXiv record when it is seen on arXiv: nothing the user gave is lost', async () => {
    await syncCards(db, view('neurips-paper'), [neuripsCard], 1_000);
    await changePaper(db, TITLE_ID, { kind: 'save', saved: true }, 1_500);
    await changePaper(db, TITLE_ID, { kind: 'add-tags', tags: ['agents', 'to-cite'] }, 1_600);
    await changePaper(db, TITLE_ID, { kind: 'note', note: 'camera-ready has the ablation' }, 1_700);
    await syncCards(db, view('scholar', 'scholar'), [scholarCard], 1_800);

    const [state] = await syncCards(db, view('arxiv-abs', 'arxiv'), [arxivCard], 2_000);
    expect(state).toMatchObject({ id: ARXIV, savedAt: 1_500, tags: ['agents', 'to-cite'], note: 'camera-ready has the ablation' });
    expect(state.earlierSighting?.site).toBe('scholar');
    expect(await db.papers.get(TITLE_ID)).toBeUndefined();
    const record = (await db.papers.get(ARXIV))!;
    expect(record).toMatchObject({ url: arxivCard.url, abstract: arxivCard.abstract, firstSeenAt: 1_000, lastSeenAt: 2_000, seenCount: 3 });
    expect(record.firstSighting?.viewId).toBe('neurips-paper');
    expect(record.previousSighting?.viewId).toBe('scholar');
    expect((await db.sightings.toArray()).map((row) => [row.paperId, row.viewId])).toEqual([
      [ARXIV, 'neurips-paper'],
      [ARXIV, 'scholar'],
      [ARXIV, 'arxiv-abs'],
    ]);
    // And the NeurIPS card now finds that record.
    expect((await resolveTitleCards(db, [neuripsCard]))[0].id).toBe(ARXIV);
  });

  it('the fold goes through the sync recorder: the arXiv record gets the save, tags and note; nothing is published for the title id', async () => {
    await db.syncMeta.put({ key: 'device', value: { device: 'devicea', clock: undefined as never, recording: true } });
    await syncCards(db, view('neurips-paper'), [neuripsCard], 1_000);
    await changePaper(db, TITLE_ID, { kind: 'add-tags', tags: ['agents'] }, 1_500);
    await db.syncOutbox.clear();
    await syncCards(db, view('arxiv-abs', 'arxiv'), [arxivCard], 2_000);
    const outbox = (await db.syncOutbox.toArray()) as OutboxRow[];
    const of = (paper: PaperId) => outbox.filter((change) => change.paper === paper).map((change) => change.kind).sort();
    expect(of(ARXIV)).toEqual(expect.arrayContaining(['meta', 'saved', 'seen', 'tag']));
    // The sighting history moved: each moved row is a sighting of the arXiv record.
    expect(outbox.filter((change) => change.paper === ARXIV && change.kind === 'seen')).toHaveLength(2);
    // Nothing is published for the title id: a stamped clearing would beat other devices' older edits of it.
    expect(of(TITLE_ID)).toEqual([]);
  });

  it('another device\'s edit of a folded title record, made before the fold, arrives on the joined record', async () => {
    await db.syncMeta.put({ key: 'device', value: { device: 'devicea', clock: undefined as never, recording: true } });
    await syncCards(db, view('neurips-paper'), [neuripsCard], 1_000);
    await changePaper(db, TITLE_ID, { kind: 'add-tags', tags: ['agents'] }, 1_500);
    await syncCards(db, view('arxiv-abs', 'arxiv'), [arxivCard], 2_000);
    // Device B tagged and noted title:X before the fold (an older stamp than anything this device wrote since).
    const clock = new HlcClock('deviceb');
    const meta = { title: neuripsCard.title, authors: neuripsCard.authors, url: neuripsCard.url };
    let replica = emptyReplica(TITLE_ID);
    for (const body of [
      { kind: 'meta', meta },
      { kind: 'tag', tag: 'to-cite', present: true },
      { kind: 'note', value: 'from device B' },
      { kind: 'seen', sighting: { viewId: 'b-view', site: 'neurips', url: neuripsCard.url, label: 'b', at: 1_800 } },
    ]) replica = applyChange(replica, { ...body, paper: TITLE_ID, at: clock.tick(1_800) } as SyncChange);
    await applyReplicas(db, [replica], 3_000);
    expect(await db.papers.get(TITLE_ID)).toBeUndefined();
    const record = (await db.papers.get(ARXIV))!;
    expect(record.tags).toEqual(expect.arrayContaining(['agents', 'to-cite']));
    expect(record.note).toBe('from device B');
    expect(record.savedAt).not.toBeNull();
    expect((await db.sightings.where('paperId').equals(TITLE_ID).count())).toBe(0);
    // Applying it again changes nothing (the note is not appended twice).
    await applyReplicas(db, [replica], 4_000);
    expect((await db.papers.get(ARXIV))!.note).toBe('from device B');
  });

  it('a forged arXiv card with a saved title and no authors takes nothing; the paper\'s own page does', async () => {
    await syncCards(db, view('neurips-paper'), [neuripsCard], 1_000);
    await changePaper(db, TITLE_ID, { kind: 'add-tags', tags: ['agents'] }, 1_500);
    const forged: ScrapedPaper = { id: 'arxiv:2501.66666' as PaperId, title: TITLE, authors: [], url: 'https://evil.example/x' };
    const [state] = await syncCards(db, view('evil', 'arxiv'), [forged], 2_000, { ownPage: () => false });
    expect(state).toMatchObject({ id: forged.id, savedAt: null, tags: [] });
    expect((await db.papers.get(TITLE_ID))?.tags).toEqual(['agents']);
    // Its own abstract page may fold even without authors (judged on the URL the browser reports).
    const own: ScrapedPaper = { ...arxivCard, authors: [] };
    const [joined] = await syncCards(db, view('arxiv-abs', 'arxiv'), [own], 3_000, { ownPage: (id) => id === ARXIV });
    expect(joined).toMatchObject({ id: ARXIV, tags: ['agents'] });
    expect(await db.papers.get(TITLE_ID)).toBeUndefined();
  });

  it('a generic title does not fold into a paper of that title unless both list a shared author', async () => {
    const survey = 'A Survey of Large Language Models';
    const titleId = 'title:a-survey-of-large-language-models' as PaperId;
    await syncCards(db, view('v1'), [{ id: titleId, title: survey, authors: [], url: 'https://x.org/s' }], 1_000);
    await changePaper(db, titleId, { kind: 'save', saved: true }, 1_100);
    await syncCards(db, view('v2', 'arxiv'), [{ id: 'arxiv:2303.18223' as PaperId, title: survey, authors: ['Wayne Xin Zhao'], url: 'https://arxiv.org/abs/2303.18223' }], 2_000);
    expect((await db.papers.get(titleId))?.savedAt).toBe(1_100);
    expect((await db.papers.get('arxiv:2303.18223' as PaperId))?.savedAt).toBeNull();
  });

  it('an un-save on the arXiv record after the title record\'s save survives the fold; tags of both sides are kept', () => {
    const arxiv = { ...emptyRecord(arxivCard, 0), savedAt: null, tags: [], edited: { savedAt: 900, tags: 900 } };
    const title = { ...emptyRecord(neuripsCard, 0), savedAt: 300, tags: ['a'], edited: { savedAt: 300, tags: 300 } };
    expect(foldRecord(arxiv, title, 1_000)).toMatchObject({ savedAt: null, tags: ['a'] });
    // And the other way round: the title record's later un-save wins over an older save here.
    const saved = { ...emptyRecord(arxivCard, 0), savedAt: 200, edited: { savedAt: 200 } };
    const unsaved = { ...emptyRecord(neuripsCard, 0), edited: { savedAt: 800 } };
    expect(foldRecord(saved, unsaved, 1_000).savedAt).toBeNull();
  });

  it('two records both annotated keep the earlier save, the tags of both and both notes', () => {
    const base = emptyRecord(arxivCard, 0);
    const a = { ...base, savedAt: 500, tags: ['a'], note: 'from arXiv', edited: { savedAt: 500, tags: 500, note: 500 } };
    const b = { ...emptyRecord(neuripsCard, 0), savedAt: 300, tags: ['b'], note: 'from NeurIPS', status: 'read' as const, edited: { savedAt: 300, tags: 900, status: 900 } };
    const folded = foldRecord(a, b, 1_000);
    expect(folded).toMatchObject({ id: ARXIV, savedAt: 300, tags: ['a', 'b'], note: 'from arXiv\n\nfrom NeurIPS', status: 'read', updatedAt: 1_000 });
    expect(folded.edited).toEqual({ savedAt: 500, tags: 900, note: 500, status: 900 });
  });

  it('keeps the title key out of every record a reader gets, and current when a title changes', async () => {
    await syncCards(db, view('v1'), [neuripsCard], 1_000);
    expect(Object.keys((await db.papers.get(TITLE_ID))!)).not.toContain('titleKey');
    expect(await db.papers.where('titleKey').equals(TITLE_ID.slice('title:'.length)).count()).toBe(1);
    await db.papers.update(TITLE_ID, { title: 'Renamed Paper About Something Else' });
    expect(await db.papers.where('titleKey').equals('renamed-paper-about-something-else').count()).toBe(1);
  });
});

describe('the page boundary with title resolution', () => {
  const tab: Caller = { kind: 'content', tabId: 7, url: 'https://proceedings.neurips.cc/paper_files/paper/2024' };
  const handlers = () =>
    createHandlers({ db, similar: new SimilarPapers(db), ledger: new ViewLedger(memoryLedgerStore()), now: () => 5_000, changed: () => {}, settingsChanged: () => {} });
  const send = (h: ReturnType<typeof handlers>, caller: Caller, type: RequestType, payload: unknown) =>
    dispatch(h, { shelfmark: 'request', type, payload } as never, caller);

  it('a NeurIPS card shows the arXiv save, and its strip acts on that record (and only on cards it shows)', async () => {
    const h = handlers();
    await send(h, { kind: 'extension' }, 'paper/change', { id: ARXIV, change: { kind: 'save', saved: true }, paper: arxivCard });
    const synced = await send(h, tab, 'cards/sync', { view: view('neurips-year'), papers: [neuripsCard] });
    expect(synced.ok).toBe(true);
    const [state] = (synced as { ok: true; value: PaperState[] }).value;
    expect(state).toMatchObject({ id: ARXIV, savedAt: 5_000 });
    const tagged = await send(h, tab, 'paper/change', { id: ARXIV, change: { kind: 'add-tags', tags: ['agents'] }, paper: { ...neuripsCard, id: ARXIV } });
    expect(tagged.ok).toBe(true);
    expect((await db.papers.get(ARXIV))?.tags).toEqual(['agents']);
    // The title id it resolved from names no record this tab may change.
    expect((await send(h, tab, 'paper/change', { id: TITLE_ID, change: { kind: 'save', saved: true } })).ok).toBe(false);
    expect(await db.papers.count()).toBe(1);
  });

  it('after a fold, tabs are told of the folded title id as well as the record that took it in', async () => {
    const told: PaperId[] = [];
    const h = createHandlers({ db, similar: new SimilarPapers(db), ledger: new ViewLedger(memoryLedgerStore()), now: () => 5_000, changed: (ids) => told.push(...ids), settingsChanged: () => {} });
    await send(h, tab, 'cards/sync', { view: view('neurips-paper'), papers: [neuripsCard] });
    const arxivTab: Caller = { kind: 'content', tabId: 8, url: 'https://arxiv.org/abs/2405.15793' };
    await send(h, arxivTab, 'cards/sync', { view: view('arxiv-abs', 'arxiv'), papers: [arxivCard] });
    expect(told).toEqual(expect.arrayContaining([ARXIV, TITLE_ID]));
    expect(await db.papers.get(TITLE_ID)).toBeUndefined();
  });
});
