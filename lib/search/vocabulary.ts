/** A sorted list of distinct index terms, looked up by exact term and by prefix (a prefix's terms are contiguous). */
export class Vocabulary {
  constructor(readonly terms: readonly string[]) {}

  get size(): number {
    return this.terms.length;
  }

  /** First position whose term is ≥ `term`. */
  lowerBound(term: string, from = 0): number {
    let low = from;
    let high = this.terms.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.terms[mid] < term) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  indexOf(term: string): number {
    const at = this.lowerBound(term);
    return at < this.terms.length && this.terms[at] === term ? at : -1;
  }

  /** Positions [start, end) of the terms starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const start = this.lowerBound(prefix);
    // Past the last term with this prefix, whatever letters follow it.
    let end = this.lowerBound(`${prefix}\uffff`, start);
    while (end < this.terms.length && this.terms[end].startsWith(prefix)) end += 1;
    return [start, end];
  }
}
