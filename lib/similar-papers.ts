import type { ShelfmarkDb } from './db';
import { NearDuplicateIndex } from './dedupe/near-duplicate-index';
import { signatureOf, type NearDupSignature } from './dedupe/signature';
import type { PaperId } from './ids';
import type { PageView, PaperRecord, PaperState, ScrapedPaper, SimilarPaper } from './paper';

/** A paper cards are compared with; one only seen remembers on which page view, so its own page never matches it. */
type Target = Omit<SimilarPaper, 'id'> & { viewId?: string };

/**
 * Papers seen recently that a card is also compared with ("seen on arXiv as …": the conference version of a preprint
 * read last week). Bounded, oldest forgotten first: a background that ran for weeks must not grow with every page.
 */
export const RECENT_SEEN = 5_000;

function targetOf(record: PaperRecord): Target | null {
  if (record.savedAt !== null) return { title: record.title, relation: 'saved' };
  if (record.dismissedAt !== null) return { title: record.title, relation: 'dismissed' };
  return null;
}

function seenTarget(paper: { title: string }, view: Pick<PageView, 'site' | 'viewId'>): Target {
  return { title: paper.title, relation: 'seen', site: view.site, viewId: view.viewId };
}

/**
 * Finds, for cards on a page, a paper with another id that is probably another version of the same work
 * (lib/dedupe): a saved or dismissed one first, else one seen recently on another page view. The index is built on
 * first use in the background and kept current on every change and every page synced.
 */
export class SimilarPapers {
  private index: NearDuplicateIndex | null = null;
  private building: Promise<NearDuplicateIndex> | null = null;
  /** Bumped by reset(): a build that started before a wipe must not install what it read. */
  private generation = 0;
  /** Changes that arrive while a build is reading the database, applied before it is published. */
  private pending: PaperRecord[] = [];
  private readonly targets = new Map<PaperId, Target>();
  /** The seen-only targets, oldest first (a Map keeps insertion order). */
  private readonly seen = new Map<PaperId, true>();
  /** Signatures computed while annotating a batch, reused when the same cards are filed as seen right after. */
  private readonly signatures = new WeakMap<object, NearDupSignature>();

  private signature(paper: { title: string; abstract?: string }): NearDupSignature {
    let signature = this.signatures.get(paper);
    if (!signature) this.signatures.set(paper, (signature = signatureOf(paper)));
    return signature;
  }

  constructor(private readonly db: ShelfmarkDb) {}

  private file(index: NearDuplicateIndex, record: PaperRecord): void {
    const target = targetOf(record);
    if (target) {
      this.seen.delete(record.id);
      this.targets.set(record.id, target);
      index.add(record.id, signatureOf(record));
    } else if (this.targets.get(record.id)?.relation !== 'seen' && this.targets.delete(record.id)) {
      index.remove(record.id);
    }
  }

  /** Files a paper as seen on a page view (a saved or dismissed target stays what it is). */
  private fileSeen(index: NearDuplicateIndex, paper: { id: PaperId; title: string; abstract?: string }, target: Target): void {
    const current = this.targets.get(paper.id);
    if (current && current.relation !== 'seen') return;
    this.targets.set(paper.id, target);
    this.seen.delete(paper.id);
    this.seen.set(paper.id, true);
    // Already indexed: only where it was seen changes (re-adding would spend a slot per page view).
    if (!current) index.add(paper.id, this.signature(paper));
    while (this.seen.size > RECENT_SEEN) {
      const oldest = this.seen.keys().next().value as PaperId;
      this.seen.delete(oldest);
      this.targets.delete(oldest);
      index.remove(oldest);
    }
  }

  /** Gives back removed papers' space once it outweighs the live papers (slots are never reused). */
  private compact(): void {
    if (this.index && this.index.deadSlots > Math.max(1_000, this.index.size)) this.index = this.index.compacted();
  }

  private async ready(): Promise<NearDuplicateIndex> {
    if (this.index) return this.index;
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<NearDuplicateIndex> {
    const generation = this.generation;
    const index = new NearDuplicateIndex();
    const [saved, dismissed, recent] = await Promise.all([
      this.db.papers.where('savedAt').above(0).toArray(),
      this.db.papers.where('dismissedAt').above(0).toArray(),
      this.db.papers.orderBy('lastSeenAt').reverse().limit(RECENT_SEEN).toArray(),
    ]);
    if (generation !== this.generation) return this.ready();
    this.targets.clear();
    this.seen.clear();
    // Oldest first, so the most recent stay when the bound is reached.
    for (const record of recent.reverse()) {
      if (record.lastSighting && !targetOf(record)) this.fileSeen(index, record, seenTarget(record, record.lastSighting));
    }
    for (const record of [...saved, ...dismissed, ...this.pending]) this.file(index, record);
    this.pending = [];
    this.index = index;
    this.building = null;
    return index;
  }

  /** Keeps the index in step with changed records (saves, dismissals, imports). */
  update(records: readonly PaperRecord[]): void {
    if (this.index) {
      for (const record of records) this.file(this.index, record);
      this.compact();
    } else if (this.building) this.pending.push(...records);
    // Otherwise nothing is built yet: the first use reads the database as it is then.
  }

  /** Drops papers that are no longer in the library (a `title:` record folded into its arXiv record), seen ones too. */
  forget(ids: readonly PaperId[]): void {
    if (this.building) this.pending = this.pending.filter((record) => !ids.includes(record.id));
    if (!this.index) return;
    for (const id of ids) {
      this.seen.delete(id);
      if (this.targets.delete(id)) this.index.remove(id);
    }
    this.compact();
  }

  /** Files the cards of a page view just synced as seen there (after annotating them, so they never match themselves). */
  observe(view: PageView, papers: readonly ScrapedPaper[], states: readonly PaperState[]): void {
    if (!this.index) return; // built later from the database, which holds these sightings by then
    papers.forEach((paper, position) => {
      const state = states[position];
      if (state && state.savedAt === null && state.dismissedAt === null) this.fileSeen(this.index!, paper, seenTarget(paper, view));
    });
    this.compact();
  }

  /** Forgets everything, e.g. after a wipe; the next query rebuilds from the database. */
  reset(): void {
    this.generation += 1;
    this.index = null;
    this.building = null;
    this.pending = [];
    this.targets.clear();
    this.seen.clear();
  }

  /**
   * Adds `similarTo` to each card state whose paper is not itself saved or dismissed. `view` is the page view the
   * cards are on: papers seen only there are not "seen before" (a listing holding two versions is not a repeat).
   */
  async annotate(papers: readonly ScrapedPaper[], states: PaperState[], view?: Pick<PageView, 'viewId'>): Promise<PaperState[]> {
    const index = await this.ready();
    if (index.size === 0) return states;
    const found = new Map<PaperId, SimilarPaper | null>();
    return states.map((state, position) => {
      if (state.savedAt !== null || state.dismissedAt !== null) return state;
      // A card seen before is stubbed as "seen …" already: another version merely seen would say less.
      if (!found.has(state.id)) found.set(state.id, this.best(index, papers[position], state.earlierSighting ? null : view?.viewId));
      const similarTo = found.get(state.id);
      return similarTo ? { ...state, similarTo } : state;
    });
  }

  /**
   * The best match the user saved or dismissed, else the best one seen on a page view other than `viewId`
   * (`null`: none that was only seen).
   */
  private best(index: NearDuplicateIndex, paper: ScrapedPaper, viewId: string | null | undefined): SimilarPaper | null {
    let seen: SimilarPaper | null = null;
    for (const match of index.query(this.signature(paper), { exclude: paper.id })) {
      const target = this.targets.get(match.id as PaperId);
      if (!target) continue;
      const { viewId: seenOn, ...shown } = target;
      if (target.relation !== 'seen') return { id: match.id as PaperId, ...shown };
      if (!seen && viewId !== null && seenOn !== viewId) seen = { id: match.id as PaperId, ...shown };
    }
    return seen;
  }
}
