import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { ForYouMark, RelevanceCard } from '../messaging/relevance';
import type { PaperRecord } from '../paper';
import { FeatureCorpus, paperFeatures } from './features';
import { InterestModel } from './interest-model';

/** Recently seen papers (neither saved nor hidden) whose scores set the cut: enough for a stable top tenth. */
const REFERENCE_SIZE = 200;
/** Papers read for the corpus statistics on first use: the most recently seen, enough for stable idf. */
const CORPUS_SAMPLE = 20_000;
/** The corpus grew by this share since the weights were computed: re-weigh the saved and hidden examples. */
const REWEIGH_GROWTH = 0.1;

export interface ForYouOptions {
  enabled: boolean;
  minSaved: number;
  /**
   * A card is "for you" when it scores in the top `percent` of the papers the user saw recently (docs/relevance.md):
   * cosine scores have no fixed scale (they shrink with long abstracts and a large vocabulary), ranks among what the
   * user sees do.
   */
  percent: number;
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
  corpus: FeatureCorpus;
  model: InterestModel;
  /** Ids whose terms are in the corpus: each paper counts once. */
  counted: Set<string>;
  weighedAt: number;
  /** The most recently seen unlabelled papers, newest last. */
  reference: RelevanceCard[];
  /** The score a card needs to be "for you"; null when the model changed since it was computed. */
  cutoff: number | null;
  /** The percent the cut was computed for (a settings change computes it again). */
  cutoffPercent: number;
  /** Reference papers replaced since the cut was computed: a quarter new computes it again. */
  newInReference: number;
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
    const corpus = new FeatureCorpus();
    const counted = new Set<string>();
    const seen = recent.map((record) => paperFeatures(record));
    for (const [i, record] of [...recent, ...saved, ...dismissed].entries()) {
      if (counted.has(record.id)) continue;
      counted.add(record.id);
      corpus.add(seen[i] ?? paperFeatures(record));
    }
    const model = new InterestModel(corpus);
    for (const features of seen) model.observe(features);
    for (const record of [...saved, ...dismissed]) model.apply(labelled(record));
    const reference = recent
      .filter((record) => record.savedAt === null && record.dismissedAt === null)
      .slice(0, REFERENCE_SIZE)
      .reverse()
      .map(({ id, title, abstract, summary }) => ({ id, title, abstract, summary }));
    return { corpus, model, counted, weighedAt: corpus.size, reference, cutoff: null, cutoffPercent: 0, newInReference: 0 };
  }

  /** Saves, tags, hides and their undos: each record's current verdict replaces the old one. */
  update(records: readonly PaperRecord[]): void {
    if (!this.model) return; // built later from the database as it is then
    void this.model.then((state) => {
      records.forEach((record) => state.model.apply(labelled(record)));
      state.cutoff = null;
    });
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
    const features = cards.map((card) => paperFeatures(card));
    cards.forEach((card, i) => {
      if (counted.has(card.id)) return;
      counted.add(card.id);
      corpus.add(features[i]);
      model.observe(features[i]);
      state.reference.push(card);
      state.newInReference += 1;
    });
    if (state.reference.length > REFERENCE_SIZE) state.reference.splice(0, state.reference.length - REFERENCE_SIZE);
    if (corpus.size > state.weighedAt * (1 + REWEIGH_GROWTH)) {
      model.reweigh();
      state.weighedAt = corpus.size;
    }
    if (model.savedCount < options.minSaved) return cards.map(() => null);
    if (state.newInReference >= REFERENCE_SIZE / 4 || state.cutoffPercent !== options.percent) state.cutoff = null;
    if (state.cutoff === null) {
      state.cutoff = cutoffOf(model, state.reference, options.percent / 100);
      state.cutoffPercent = options.percent;
      state.newInReference = 0;
    }
    const cutoff = state.cutoff;
    return features.map((card) => {
      const result = model.score(card);
      if (result.match <= 0 || result.score < cutoff) return null;
      return { score: result.score, tag: result.tag, like: result.like.map(({ id, title }) => ({ id: id as PaperId, title })) };
    });
  }
}

/** The score of the top `share` of the reference papers the user has not saved or hidden since. */
function cutoffOf(model: InterestModel, reference: readonly RelevanceCard[], share: number): number {
  const scores = reference.filter((paper) => !model.isLabelled(paper.id)).map((paper) => model.score(paper).score);
  if (scores.length === 0) return Number.NEGATIVE_INFINITY;
  scores.sort((a, b) => a - b);
  return scores[Math.floor((1 - share) * (scores.length - 1))];
}
