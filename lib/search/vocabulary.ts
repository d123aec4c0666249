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

  /**
   * Calls `visit` for every term within `maxDistance` edits (Levenshtein) of `query`, as MiniSearch's fuzzy search
   * found them. The sorted terms are walked as a trie: a term reuses the rows of the letters it shares with the
   * previous one, and a stem already too far from the query skips every term that starts with it.
   */
  fuzzy(query: string, maxDistance: number, visit: (position: number, distance: number) => void): void {
    if (!query) return;
    const n = query.length;
    const width = n + 1;
    const maxDepth = n + maxDistance;
    const far = maxDistance + 1;
    // rows[d] holds the edit distances between the first d letters of the current term and the query's prefixes; only
    // the band |d − j| ≤ maxDistance is computed, the rest is never within reach.
    const rows = new Uint16Array((maxDepth + 1) * width);
    for (let j = 0; j < width; j += 1) rows[j] = j;
    let previous = '';
    let validRows = 0;
    let position = 0;
    const end = this.terms.length;
    while (position < end) {
      const term = this.terms[position];
      let shared = 0;
      while (shared < validRows && shared < term.length && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared += 1;
      const depthLimit = Math.min(term.length, maxDepth);
      let pruneAt = 0;
      for (let depth = shared + 1; depth <= depthLimit; depth += 1) {
        const row = depth * width;
        const above = row - width;
        const letter = term.charCodeAt(depth - 1);
        const low = Math.max(1, depth - maxDistance);
        const high = Math.min(n, depth + maxDistance);
        rows[row + low - 1] = low === 1 ? depth : far;
        if (depth > 1 && high === depth + maxDistance) rows[above + high] = far;
        let rowMin = low === 1 ? depth : far;
        for (let j = low; j <= high; j += 1) {
          let value = rows[above + j - 1] + (query.charCodeAt(j - 1) === letter ? 0 : 1);
          const insert = rows[above + j] + 1;
          const remove = rows[row + j - 1] + 1;
          if (insert < value) value = insert;
          if (remove < value) value = remove;
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
        position = this.pastStem(term, pruneAt, position + 1);
        continue;
      }
      validRows = depthLimit;
      if (term.length <= maxDepth && term.length >= n - maxDistance) {
        const distance = rows[term.length * width + n];
        if (distance <= maxDistance) visit(position, distance);
      }
      position += 1;
    }
  }

  /** First position from `from` on whose term does not start with the first `length` letters of `term`. */
  private pastStem(term: string, length: number, from: number): number {
    // Deep stems cover a handful of terms: step over them; shallow ones can cover thousands: search.
    for (let step = 0; step < 8; step += 1, from += 1) if (from >= this.terms.length || !this.sharesStem(from, term, length)) return from;
    let next = this.lowerBound(`${term.slice(0, length)}\uffff`, from);
    while (next < this.terms.length && this.sharesStem(next, term, length)) next += 1;
    return next;
  }

  private sharesStem(position: number, term: string, length: number): boolean {
    const other = this.terms[position];
    if (other.length < length) return false;
    for (let i = length - 1; i >= 0; i -= 1) if (other.charCodeAt(i) !== term.charCodeAt(i)) return false;
    return true;
  }
}
