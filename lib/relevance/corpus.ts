/**
 * Document frequencies over the papers the user has seen: what makes a word common or telling *for this user's
 * reading*. Seen papers are used only here, never as negative examples (docs/relevance.md says why).
 */
export class CorpusStats {
  private readonly df = new Map<string, number>();
  private docs = 0;

  /** Counts one distinct paper's terms; call once per paper. */
  add(terms: Iterable<string>): void {
    this.docs += 1;
    for (const term of terms) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  get size(): number {
    return this.docs;
  }

  /** Smoothed idf (as scikit-learn's): a term never seen still weighs, and no weight is zero. */
  idf(term: string): number {
    return Math.log((1 + this.docs) / (1 + (this.df.get(term) ?? 0))) + 1;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }
}
