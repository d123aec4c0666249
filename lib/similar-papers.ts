import type { ShelfmarkDb } from './db';
import { NearDuplicateIndex } from './dedupe/near-duplicate-index';
import { signatureOf } from './dedupe/signature';
import type { PaperId } from './ids';
import type { PaperRecord, PaperState, ScrapedPaper, SimilarPaper } from './paper';

type Target = Omit<SimilarPaper, 'id'>;

function targetOf(record: PaperRecord): Target | null {
  if (record.savedAt !== null) return { title: record.title, relation: 'saved' };
  if (record.dismissedAt !== null) return { title: record.title, relation: 'dismissed' };
  return null;
}

function file(index: NearDuplicateIndex, targets: Map<PaperId, Target>, record: PaperRecord): void {
  const target = targetOf(record);
  if (target) {
    targets.set(record.id, target);
    index.add(record.id, signatureOf(record));
  } else if (targets.delete(record.id)) {
    index.remove(record.id);
  }
}

/**
 * Finds, for cards on a page, a saved or dismissed paper with another id that is probably another version of the
 * same work (lib/dedupe). Only saved and dismissed papers are indexed: a near duplicate of a paper merely seen is
 * not worth folding away. The index is built on first use in the background and kept current on every change.
 */
export class SimilarPapers {
  private index: NearDuplicateIndex | null = null;
  private building: Promise<NearDuplicateIndex> | null = null;
  /** Bumped by reset(): a build that started before a wipe must not install what it read. */
  private generation = 0;
  /** Changes that arrive while a build is reading the database, applied before it is published. */
  private pending: PaperRecord[] = [];
  private readonly targets = new Map<PaperId, Target>();

  constructor(private readonly db: ShelfmarkDb) {}

  private async ready(): Promise<NearDuplicateIndex> {
    if (this.index) return this.index;
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<NearDuplicateIndex> {
    const generation = this.generation;
    const index = new NearDuplicateIndex();
    const targets = new Map<PaperId, Target>();
    const [saved, dismissed] = await Promise.all([
      this.db.papers.where('savedAt').above(0).toArray(),
      this.db.papers.where('dismissedAt').above(0).toArray(),
    ]);
    if (generation !== this.generation) return this.ready();
    for (const record of [...saved, ...dismissed, ...this.pending]) file(index, targets, record);
    this.pending = [];
    for (const [id, target] of targets) this.targets.set(id, target);
    this.index = index;
    this.building = null;
    return index;
  }

  /** Keeps the index in step with changed records (saves, dismissals, imports). */
  update(records: readonly PaperRecord[]): void {
    if (this.index) for (const record of records) file(this.index, this.targets, record);
    else if (this.building) this.pending.push(...records);
    // Otherwise nothing is built yet: the first use reads the database as it is then.
  }

  /** Forgets everything, e.g. after a wipe; the next query rebuilds from the database. */
  reset(): void {
    this.generation += 1;
    this.index = null;
    this.building = null;
    this.pending = [];
    this.targets.clear();
  }

  /** Adds `similarTo` to each card state whose paper is not itself saved or dismissed. */
  async annotate(papers: readonly ScrapedPaper[], states: PaperState[]): Promise<PaperState[]> {
    const index = await this.ready();
    if (index.size === 0) return states;
    const found = new Map<PaperId, SimilarPaper | null>();
    return states.map((state, position) => {
      if (state.savedAt !== null || state.dismissedAt !== null) return state;
      if (!found.has(state.id)) found.set(state.id, this.best(index, papers[position]));
      const similarTo = found.get(state.id);
      return similarTo ? { ...state, similarTo } : state;
    });
  }

  private best(index: NearDuplicateIndex, paper: ScrapedPaper): SimilarPaper | null {
    for (const match of index.query(signatureOf(paper), { exclude: paper.id })) {
      const target = this.targets.get(match.id as PaperId);
      if (target) return { id: match.id as PaperId, ...target };
    }
    return null;
  }
}
