import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { ForYouMark, RelevanceCard } from '../messaging/relevance';
import type { PaperRecord } from '../paper';
import { CorpusStats } from './corpus';
import { InterestModel } from './interest-model';
import { termCounts } from './terms';

/** A card is "for you" when its saved neighbours outweigh its hidden ones plus the seen-centroid share (docs/relevance.md). */
export const FOR_YOU_THRESHOLD = 0;
/** Papers read for the corpus statistics on first use: the most recently seen, enough for stable idf. */
const CORPUS_SAMPLE = 20_000;
/** The corpus grew by this share since the weights were computed: re-weigh the saved and hidden examples. */
const REWEIGH_GROWTH = 0.1;

export interface ForYouOptions {
  enabled: boolean;
  minSaved: number;
}

const labelled = (record: PaperRecord) => ({
  id: record.id,
  title: record.title,
  abstract: record.abstract,
  summary: record.summary,
  saved: record.savedAt !== null,
  dismissed: record.dismissedAt !== null,
  tags: record.tags,
});

/**
 * The background's "For you" model: built on first use from the library, then kept current on every save, tag and
 * hide (update) and every new card seen (observe). Everything stays in the background's memory; nothing leaves it.
 */
interface Built {
  corpus: CorpusStats;
  model: InterestModel;
  /** Ids whose terms are in the corpus: each paper counts once. */
  counted: Set<string>;
  weighedAt: number;
}

export class ForYou {
  private model: Promise<Built> | null = null;
  private generation = 0;

  constructor(private readonly db: ShelfmarkDb) {}

  private ready(): Promise<Built> {
    this.model ??= this.build();
    return this.model;
  }

  private async build(): Promise<Built> {
    const generation = this.generation;
    const [recent, saved, dismissed] = await Promise.all([
      this.db.papers.orderBy('lastSeenAt').reverse().limit(CORPUS_SAMPLE).toArray(),
      this.db.papers.where('savedAt').above(0).toArray(),
      this.db.papers.where('dismissedAt').above(0).toArray(),
    ]);
    if (generation !== this.generation) return this.build();
    const corpus = new CorpusStats();
    const counted = new Set<string>();
    for (const record of [...recent, ...saved, ...dismissed]) {
      if (counted.has(record.id)) continue;
      counted.add(record.id);
      corpus.add(termCounts(record).keys());
    }
    const model = new InterestModel(corpus);
    for (const record of recent) model.observe(record);
    for (const record of [...saved, ...dismissed]) model.apply(labelled(record));
    return { corpus, model, counted, weighedAt: corpus.size };
  }

  /** Saves, tags, hides and their undos: each record's current verdict replaces the old one. */
  update(records: readonly PaperRecord[]): void {
    if (!this.model) return; // built later from the database as it is then
    void this.model.then(({ model }) => records.forEach((record) => model.apply(labelled(record))));
  }

  reset(): void {
    this.generation += 1;
    this.model = null;
  }

  /** Marks the cards that are for you; all null when off or when fewer than `minSaved` papers are saved. */
  async mark(cards: readonly RelevanceCard[], options: ForYouOptions): Promise<Array<ForYouMark | null>> {
    if (!options.enabled) return cards.map(() => null);
    const state = await this.ready();
    const { corpus, model, counted } = state;
    // Cards seen for the first time join the corpus and the seen centroid (scrolling past is a weak negative).
    for (const card of cards) {
      if (counted.has(card.id)) continue;
      counted.add(card.id);
      corpus.add(termCounts(card).keys());
      model.observe(card);
    }
    if (corpus.size > state.weighedAt * (1 + REWEIGH_GROWTH)) {
      model.reweigh();
      state.weighedAt = corpus.size;
    }
    if (model.savedCount < options.minSaved) return cards.map(() => null);
    return cards.map((card) => {
      const result = model.score(card);
      if (result.score < FOR_YOU_THRESHOLD) return null;
      return { score: result.score, tag: result.tag, like: result.like.map(({ id, title }) => ({ id: id as PaperId, title })) };
    });
  }
}
