/**
 * A sorted list of distinct index terms, looked up by exact term, by prefix and by edit distance. Sorted strings
 * stand in for a trie: neighbours share prefixes, so the fuzzy walk reuses edit-distance rows between consecutive
 * terms and skips every term under a prefix that is already too far from the query.
 */
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
    let end = start;
    while (end < this.terms.length && this.terms[end].startsWith(prefix)) end += 1;
    return [start, end];
  }

  /** Calls `visit` for every term within `maxDistance` edits (Levenshtein) of `query`. */
  fuzzy(query: string, maxDistance: number, visit: (position: number, distance: number) => void): void {
    const width = query.length + 1;
    const maxDepth = query.length + maxDistance;
    // rows[d] holds the edit distances between the first d letters of the current term and every prefix of the query.
    const rows = new Uint16Array((maxDepth + 1) * width);
    for (let j = 0; j < width; j += 1) rows[j] = j;
    let previous = '';
    let validRows = 0;
    let position = 0;
    while (position < this.terms.length) {
      const term = this.terms[position];
      let shared = 0;
      while (shared < validRows && shared < term.length && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared += 1;
      const depthLimit = Math.min(term.length, maxDepth);
      let pruneAt = 0;
      let depth = shared + 1;
      for (; depth <= depthLimit; depth += 1) {
        const row = depth * width;
        const above = row - width;
        const letter = term.charCodeAt(depth - 1);
        rows[row] = depth;
        let rowMin = depth;
        for (let j = 1; j < width; j += 1) {
          const substitute = rows[above + j - 1] + (query.charCodeAt(j - 1) === letter ? 0 : 1);
          const value = Math.min(substitute, rows[above + j] + 1, rows[row + j - 1] + 1);
          rows[row + j] = value;
          if (value < rowMin) rowMin = value;
        }
        if (rowMin > maxDistance) {
          pruneAt = depth;
          break;
        }
      }
      previous = term;
      if (pruneAt) {
        validRows = pruneAt - 1;
        // Every term sharing these first letters is at least as far: jump past them.
        const stem = term.slice(0, pruneAt);
        let next = position + 1;
        while (next < this.terms.length && this.terms[next].startsWith(stem)) next = this.lowerBound(`${stem}\uffff`, next);
        position = next;
        continue;
      }
      validRows = depthLimit;
      if (term.length <= maxDepth) {
        const distance = rows[term.length * width + query.length];
        if (distance <= maxDistance) visit(position, distance);
      }
      position += 1;
    }
  }
}
