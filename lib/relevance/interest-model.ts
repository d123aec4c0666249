import type { CorpusStats } from './corpus';
import { termCounts, type PaperText } from './terms';

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
  /** Terms kept per paper, heaviest first (bounds memory and scoring time; all by default: 48 cost 0.05 P@10, docs/relevance.md). */
  maxTerms?: number;
}

interface Example {
  id: string;
  title: string;
  tags: readonly string[];
  terms: string[];
  counts: Uint16Array;
  /** Unit-length tf-idf weights under the corpus statistics at the last (re)weighting. */
  weights: Float32Array;
}

/** Inverted lists of one class of examples: term → the slots of the examples holding it, with their weights. */
class Postings {
  readonly examples = new Map<string, Example>();
  private readonly lists = new Map<string, { slots: number[]; weights: number[] }>();
  /** Example by slot; freed slots are reused so the accumulator stays as small as the class. */
  private readonly bySlot: Array<Example | null> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private sums = new Float64Array(0);

  add(example: Example): void {
    const slot = this.free.pop() ?? this.bySlot.length;
    this.bySlot[slot] = example;
    this.slotOf.set(example.id, slot);
    this.examples.set(example.id, example);
    example.terms.forEach((term, i) => {
      let list = this.lists.get(term);
      if (!list) this.lists.set(term, (list = { slots: [], weights: [] }));
      list.slots.push(slot);
      list.weights.push(example.weights[i]);
    });
  }

  remove(id: string): void {
    const example = this.examples.get(id);
    const slot = this.slotOf.get(id);
    if (!example || slot === undefined) return;
    this.examples.delete(id);
    this.slotOf.delete(id);
    this.bySlot[slot] = null;
    this.free.push(slot);
    for (const term of example.terms) {
      const list = this.lists.get(term);
      if (!list) continue;
      const at = list.slots.indexOf(slot);
      // Swap-remove: order within a list does not matter to a sum.
      const last = list.slots.length - 1;
      list.slots[at] = list.slots[last];
      list.weights[at] = list.weights[last];
      list.slots.pop();
      list.weights.pop();
      if (list.slots.length === 0) this.lists.delete(term);
    }
  }

  /** Dot products of a unit query vector with every example sharing a term (cosine similarities). */
  similarities(terms: readonly string[], weights: Float32Array): Map<Example, number> {
    if (this.sums.length < this.bySlot.length) this.sums = new Float64Array(this.bySlot.length * 2);
    const sums = this.sums;
    const touched: number[] = [];
    for (let i = 0; i < terms.length; i++) {
      const list = this.lists.get(terms[i]);
      if (!list) continue;
      const weight = weights[i];
      const { slots, weights: listWeights } = list;
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j];
        if (sums[slot] === 0) touched.push(slot);
        sums[slot] += weight * listWeights[j];
      }
    }
    const out = new Map<Example, number>();
    for (const slot of touched) {
      // A sum can return to exactly 0 only by underflow; such a slot was pushed once and is read once here.
      out.set(this.bySlot[slot]!, sums[slot]);
      sums[slot] = 0;
    }
    return out;
  }
}

const ALL = '';

/** Mean of the k largest values, missing ones counted as 0 (so an interest of one paper weighs a third). */
class TopK {
  readonly values: number[] = [];
  readonly examples: Example[] = [];
  constructor(private readonly k: number) {}
  offer(value: number, example: Example): void {
    if (this.values.length === this.k && value <= this.values[this.k - 1]) return;
    let at = this.values.length;
    while (at > 0 && this.values[at - 1] < value) at--;
    this.values.splice(at, 0, value);
    this.examples.splice(at, 0, example);
    if (this.values.length > this.k) {
      this.values.pop();
      this.examples.pop();
    }
  }
  mean(): number {
    let sum = 0;
    for (const value of this.values) sum += value;
    return sum / this.k;
  }
}

function weigh(terms: readonly string[], counts: Uint16Array, corpus: CorpusStats): Float32Array {
  const weights = new Float32Array(terms.length);
  let norm = 0;
  for (let i = 0; i < terms.length; i++) {
    const weight = (1 + Math.log(counts[i])) * corpus.idf(terms[i]);
    weights[i] = weight;
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i] /= norm;
  return weights;
}

/**
 * The paper's heaviest terms, weighted and re-normalised over what is kept. Which terms are kept depends on the corpus
 * statistics at the time, like the weights (reweigh recomputes both).
 */
function vectorOf(paper: PaperText, corpus: CorpusStats, maxTerms: number): { terms: string[]; counts: Uint16Array; weights: Float32Array } {
  const map = termCounts(paper);
  let terms = [...map.keys()];
  if (terms.length > maxTerms) {
    const weight = (term: string) => (1 + Math.log(map.get(term) as number)) * corpus.idf(term);
    terms = terms
      .map((term) => ({ term, weight: weight(term) }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, maxTerms)
      .map((entry) => entry.term);
  }
  const counts = Uint16Array.from(terms, (term) => Math.min(map.get(term) as number, 0xffff));
  return { terms, counts, weights: weigh(terms, counts, corpus) };
}

function exampleOf(paper: LabelledPaper, corpus: CorpusStats, maxTerms: number): Example {
  return { id: paper.id, title: paper.title, tags: [...paper.tags], ...vectorOf(paper, corpus, maxTerms) };
}

/**
 * The shipped "For you" model (docs/relevance.md, method "interest k-NN"): a card's score is the mean cosine
 * similarity (tf-idf over unigrams and bigrams) of its k nearest saved papers, minus a share of the same for its k
 * nearest hidden papers. Each tag is an interest of its own: the badge names the tag whose papers carry the match.
 * Saving, tagging or hiding changes one example in an inverted index, so an update costs one paper's terms; the
 * result is the same as a rebuild over the same corpus statistics (tested).
 */
export class InterestModel {
  private readonly positives = new Postings();
  private readonly negatives = new Postings();
  private readonly neighbours: number;
  private readonly dismissWeight: number;
  private readonly tagShare: number;
  private readonly seenWeight: number;
  private readonly maxTerms: number;
  /** Sum of the unit vectors of the papers seen, and its squared length: the direction of "what passes by". */
  private readonly seenSum = new Map<string, number>();
  private seenSquaredLength = 0;

  constructor(
    private readonly corpus: CorpusStats,
    options: InterestModelOptions = {},
  ) {
    this.neighbours = options.neighbours ?? 3;
    this.dismissWeight = options.dismissWeight ?? 0.5;
    this.tagShare = options.tagShare ?? 0.8;
    this.seenWeight = options.seenWeight ?? 0.3;
    this.maxTerms = options.maxTerms ?? Number.POSITIVE_INFINITY;
  }

  /** A paper shown to the user (saved or not): it moves the seen centroid a little. */
  observe(paper: PaperText): void {
    if (this.seenWeight === 0) return;
    const { terms, weights } = vectorOf(paper, this.corpus, this.maxTerms);
    let along = 0;
    terms.forEach((term, i) => {
      const before = this.seenSum.get(term) ?? 0;
      along += before * weights[i];
      this.seenSum.set(term, before + weights[i]);
    });
    this.seenSquaredLength += 2 * along + 1;
  }

  get savedCount(): number {
    return this.positives.examples.size;
  }

  /** Whether the paper is one of the model's saved or hidden examples. */
  isLabelled(id: string): boolean {
    return this.positives.examples.has(id) || this.negatives.examples.has(id);
  }

  get dismissedCount(): number {
    return this.negatives.examples.size;
  }

  /** Takes the user's current verdict on one paper: saved (and its tags) teaches, hidden warns, neither forgets. */
  apply(paper: LabelledPaper): void {
    this.positives.remove(paper.id);
    this.negatives.remove(paper.id);
    // Saved wins over hidden: the user kept it, whatever else they did.
    if (paper.saved) this.positives.add(exampleOf(paper, this.corpus, this.maxTerms));
    else if (paper.dismissed) this.negatives.add(exampleOf(paper, this.corpus, this.maxTerms));
  }

  /**
   * Re-weights every example under the corpus statistics as they are now (the corpus grows as pages are seen;
   * weights are fixed at insertion so that scoring needs no per-card normalisation).
   */
  reweigh(): void {
    for (const postings of [this.positives, this.negatives]) {
      const examples = [...postings.examples.values()];
      for (const example of examples) {
        postings.remove(example.id);
        // Re-selects the heaviest terms from the kept ones only: the dropped terms' counts are not stored.
        postings.add({ ...example, weights: weigh(example.terms, example.counts, this.corpus) });
      }
    }
  }

  score(paper: PaperText): RelevanceScore {
    const { terms, weights } = vectorOf(paper, this.corpus, this.maxTerms);
    const groups = new Map<string, TopK>([[ALL, new TopK(this.neighbours)]]);
    for (const [example, similarity] of this.positives.similarities(terms, weights)) {
      groups.get(ALL)!.offer(similarity, example);
      for (const tag of example.tags) {
        let group = groups.get(tag);
        if (!group) groups.set(tag, (group = new TopK(this.neighbours)));
        group.offer(similarity, example);
      }
    }
    const hidden = new TopK(this.neighbours);
    for (const [example, similarity] of this.negatives.similarities(terms, weights)) hidden.offer(similarity, example);

    let seen = 0;
    if (this.seenSquaredLength > 0) {
      for (let i = 0; i < terms.length; i++) seen += weights[i] * (this.seenSum.get(terms[i]) ?? 0);
      seen /= Math.sqrt(this.seenSquaredLength);
    }
    const all = groups.get(ALL)!;
    const overall = all.mean();
    let tag: string | null = null;
    let best = 0;
    for (const [name, group] of groups) {
      if (name === ALL) continue;
      const mean = group.mean();
      // Ties go to the alphabetically first tag, so the badge does not flicker between equal tags.
      if (mean > best || (mean === best && tag !== null && name < tag)) [tag, best] = [name, mean];
    }
    if (overall <= 0 || best < this.tagShare * overall) tag = null;
    const source = tag === null ? all : groups.get(tag)!;
    return {
      score: overall - this.dismissWeight * hidden.mean() - this.seenWeight * seen,
      match: overall,
      tag,
      like: source.examples.map((example, i) => ({ id: example.id, title: example.title, similarity: source.values[i] })),
    };
  }
}
