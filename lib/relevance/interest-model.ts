import { ExampleIndex, type Example } from './example-index';
import { bucketOf, paperFeatures, TABLE_BITS, weigh, type FeatureCorpus, type PaperFeatures } from './features';
import type { PaperText } from './terms';

/** A paper as the model learns from it: the user's verdict and tags, and its text. */
export interface LabelledPaper extends PaperText {
  id: string;
  saved: boolean;
  dismissed: boolean;
  tags: readonly string[];
}

export interface Resemblance {
  id: string;
  title: string;
  similarity: number;
}

export interface RelevanceScore {
  /** Similarity to the saved papers minus similarity to the hidden ones; comparable across one model's cards. */
  score: number;
  /** Mean similarity of the k nearest saved papers alone (no penalties): how close the card is to any interest. */
  match: number;
  /** The tag whose papers this one resembles most, when one tag carries the match. */
  tag: string | null;
  /** The saved papers it resembles most (at most three), most similar first. */
  like: Resemblance[];
}

export interface InterestModelOptions {
  /** Neighbours averaged per interest: one lucky shared bigram with a single paper is not an interest. */
  neighbours?: number;
  /** How much resembling hidden papers counts against a card. */
  dismissWeight?: number;
  /** A tag names the interest when its own neighbours reach this share of the best match over all saved papers. */
  tagShare?: number;
  /** How much resembling the average seen paper counts against a card (scrolling past as a weak negative). */
  seenWeight?: number;
}

/** A paper's text, or its features when the caller already hashed them (the background hashes each card once). */
export type Scorable = PaperText | PaperFeatures;
const featuresOf = (paper: Scorable): PaperFeatures => ('ids' in paper ? paper : paperFeatures(paper));

/**
 * Mean of the k largest values, missing ones counted as 0 (so an interest of one paper weighs a third), and the
 * slots holding them. Reused from card to card (`clear`): scoring allocates no neighbour lists. Equal values keep the
 * order they were offered in.
 */
class TopK {
  readonly values: Float64Array;
  readonly slots: Int32Array;
  size = 0;
  constructor(private readonly k: number) {
    this.values = new Float64Array(k);
    this.slots = new Int32Array(k);
  }
  clear(): void {
    this.size = 0;
  }
  offer(value: number, slot: number): void {
    const { values, slots, k } = this;
    if (this.size === k && value <= values[k - 1]) return;
    let at = this.size < k ? this.size++ : k - 1;
    while (at > 0 && values[at - 1] < value) {
      values[at] = values[at - 1];
      slots[at] = slots[at - 1];
      at--;
    }
    values[at] = value;
    slots[at] = slot;
  }
  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.values[i];
    return sum / this.k;
  }
  resemblances(index: ExampleIndex): Resemblance[] {
    const like: Resemblance[] = [];
    for (let i = 0; i < this.size; i++) {
      const example = index.exampleAt(this.slots[i]);
      like.push({ id: example.id, title: example.title, similarity: this.values[i] });
    }
    return like;
  }
}

/**
 * The shipped "For you" model (docs/relevance.md, method "interest k-NN"): a card's score is the mean cosine
 * similarity (tf-idf over hashed unigrams and bigrams) of its k nearest saved papers, minus a share of the same for its
 * k nearest hidden papers and a share of its similarity to the seen centroid. Each tag is an interest of its own: the
 * badge names the tag whose papers carry the match. Saving, tagging or hiding changes one example of an inverted
 * index (example-index.ts); the result is the same as a rebuild over the same corpus statistics (tested).
 */
export class InterestModel {
  private readonly positives = new ExampleIndex();
  private readonly negatives = new ExampleIndex();
  private readonly neighbours: number;
  private readonly dismissWeight: number;
  private readonly tagShare: number;
  private readonly seenWeight: number;
  /** Sum of the unit vectors of the papers seen (hashed buckets), and its squared length: "what passes by". */
  private readonly seenSum = new Float32Array(1 << TABLE_BITS);
  private seenSquaredLength = 0;
  /** Tag → interest number; numbers are never reused, so an example's numbers stay valid. */
  private readonly interestOf = new Map<string, number>();
  private readonly interestNames: string[] = [];
  /** Per-card scratch: the nearest saved papers overall, per interest (by number), and the nearest hidden ones. */
  private readonly all: TopK;
  private readonly groups: TopK[] = [];
  private readonly hidden: TopK;
  private readonly offerSaved = (slot: number, similarity: number): void => {
    this.all.offer(similarity, slot);
    const { interestEnds, interestList } = this.positives;
    const end = interestEnds[slot];
    for (let i = slot === 0 ? 0 : interestEnds[slot - 1]; i < end; i++) this.groups[interestList[i]].offer(similarity, slot);
  };
  private readonly offerHidden = (slot: number, similarity: number): void => this.hidden.offer(similarity, slot);

  constructor(
    private readonly corpus: FeatureCorpus,
    options: InterestModelOptions = {},
  ) {
    this.neighbours = options.neighbours ?? 3;
    this.dismissWeight = options.dismissWeight ?? 0.5;
    this.tagShare = options.tagShare ?? 0.8;
    this.seenWeight = options.seenWeight ?? 0.3;
    this.all = new TopK(this.neighbours);
    this.hidden = new TopK(this.neighbours);
  }

  /** A paper shown to the user (saved or not): it moves the seen centroid a little. */
  observe(paper: Scorable): void {
    if (this.seenWeight === 0) return;
    const features = featuresOf(paper);
    const weights = weigh(features, this.corpus);
    let along = 0;
    for (let i = 0; i < weights.length; i++) {
      const bucket = bucketOf(features.ids[i]);
      along += this.seenSum[bucket] * weights[i];
      this.seenSum[bucket] += weights[i];
    }
    this.seenSquaredLength += 2 * along + 1;
  }

  get savedCount(): number {
    return this.positives.examples.size;
  }

  get dismissedCount(): number {
    return this.negatives.examples.size;
  }

  /** Whether the paper is one of the model's saved or hidden examples. */
  isLabelled(id: string): boolean {
    return this.positives.examples.has(id) || this.negatives.examples.has(id);
  }

  /** Takes the user's current verdict on one paper: saved (and its tags) teaches, hidden warns, neither forgets. */
  apply(paper: LabelledPaper): void {
    this.positives.remove(paper.id);
    this.negatives.remove(paper.id);
    if (!paper.saved && !paper.dismissed) return;
    const features = paperFeatures(paper);
    const interests = Int32Array.from(paper.tags, (tag) => {
      let number = this.interestOf.get(tag);
      if (number === undefined) {
        number = this.interestNames.push(tag) - 1;
        this.interestOf.set(tag, number);
        this.groups.push(new TopK(this.neighbours));
      }
      return number;
    });
    const example: Example = { id: paper.id, title: paper.title, tags: [...paper.tags], interests, ...features, weights: weigh(features, this.corpus) };
    // Saved wins over hidden: the user kept it, whatever else they did.
    (paper.saved ? this.positives : this.negatives).add(example);
  }

  /**
   * Re-weights every example under the corpus statistics as they are now (the corpus grows as pages are seen;
   * weights are fixed at insertion so that scoring needs no per-card normalisation).
   */
  reweigh(): void {
    for (const index of [this.positives, this.negatives]) index.reweigh((example) => weigh(example, this.corpus));
  }

  score(paper: Scorable): RelevanceScore {
    const features = featuresOf(paper);
    const weights = weigh(features, this.corpus);
    const { all, groups, hidden } = this;
    all.clear();
    hidden.clear();
    for (const group of groups) group.clear();
    this.positives.similarities(features.ids, weights, this.offerSaved);
    this.negatives.similarities(features.ids, weights, this.offerHidden);

    let seen = 0;
    if (this.seenSquaredLength > 0) {
      for (let i = 0; i < weights.length; i++) seen += weights[i] * this.seenSum[bucketOf(features.ids[i])];
      seen /= Math.sqrt(this.seenSquaredLength);
    }
    const overall = all.mean();
    let tag: string | null = null;
    let tagGroup: TopK | null = null;
    let best = 0;
    for (let number = 0; number < groups.length; number++) {
      const group = groups[number];
      // An interest none of whose papers shares a term with the card has no mean to compare.
      if (group.size === 0) continue;
      const name = this.interestNames[number];
      const mean = group.mean();
      // Ties go to the alphabetically first tag, so the badge does not flicker between equal tags.
      if (mean > best || (mean === best && tag !== null && name < tag)) [tag, tagGroup, best] = [name, group, mean];
    }
    if (overall <= 0 || best < this.tagShare * overall) [tag, tagGroup] = [null, null];
    const source = tagGroup ?? all;
    return {
      score: overall - this.dismissWeight * hidden.mean() - this.seenWeight * seen,
      match: overall,
      tag,
      like: source.resemblances(this.positives),
    };
  }
}
