/** A sorted list of distinct index terms, looked up by exact term and by prefix (a prefix's terms are contiguous). */
export class Vocabulary {
  private byLength?: LengthIndex;

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

  /** Builds what typo matching scans (tens of milliseconds at 100k papers), so the first typo-tolerant word need not. */
  prepareTypos(): LengthIndex {
    return (this.byLength ??= lengthIndex(this.terms));
  }

  /**
   * Calls `visit` for every term within `maxDistance` edits (Levenshtein) of `query`, as MiniSearch's fuzzy search
   * found them. Terms whose length is out of reach are skipped; the others are compared with the bit-parallel
   * algorithm of Myers (as Hyyrö stated it for edit distance): one machine word per query, a few operations per letter
   * of the term, stopping once the term's remaining letters cannot bring the distance back within reach.
   */
  fuzzy(query: string, maxDistance: number, visit: (position: number, distance: number) => void): void {
    const n = query.length;
    if (!n) return;
    if (n > 31) return this.fuzzyLong(query, maxDistance, visit);
    const ascii = new Int32Array(128);
    const other = new Map<number, number>();
    for (let i = 0; i < n; i += 1) {
      const code = query.charCodeAt(i);
      if (code < 128) ascii[code] |= 1 << i;
      else other.set(code, (other.get(code) ?? 0) | (1 << i));
    }
    const high = 1 << (n - 1);
    const all = n === 31 ? 0x7fffffff : (1 << n) - 1;
    // Only terms of a length within reach can match: their letters sit together in one array, by length.
    const { chars, starts, positions, firstOfLength } = this.prepareTypos();
    const found: number[] = [];
    const shortest = Math.max(1, n - maxDistance);
    const longest = Math.min(firstOfLength.length - 2, n + maxDistance);
    for (let length = shortest; length <= longest; length += 1) {
      for (let at = firstOfLength[length]; at < firstOfLength[length + 1]; at += 1) {
        const start = starts[at];
        let pv = all;
        let mv = 0;
        let score = n;
        let i = 0;
        for (; i < length; i += 1) {
          const code = chars[start + i];
          const eq = code < 128 ? ascii[code] : (other.get(code) ?? 0);
          const xv = eq | mv;
          const xh = ((((eq & pv) + pv) & all) ^ pv) | eq;
          let ph = mv | (~(xh | pv) & all);
          let mh = pv & xh;
          if (ph & high) score += 1;
          else if (mh & high) score -= 1;
          // Each remaining letter lowers the distance by one at most.
          if (score - (length - i - 1) > maxDistance) break;
          ph = ((ph << 1) | 1) & all;
          mh = (mh << 1) & all;
          pv = mh | (~(xv | ph) & all);
          mv = ph & xv;
        }
        if (i === length && score <= maxDistance) found.push(positions[at], score);
      }
    }
    // Visited in vocabulary order, as a scan of the sorted terms finds them.
    const order = Array.from({ length: found.length / 2 }, (_, k) => k).sort((a, b) => found[2 * a] - found[2 * b]);
    for (const k of order) visit(found[2 * k], found[2 * k + 1]);
  }

  /** The plain dynamic programme, for queries longer than a machine word (nobody types those, but they must work). */
  private fuzzyLong(query: string, maxDistance: number, visit: (position: number, distance: number) => void): void {
    const n = query.length;
    let previous = new Uint32Array(n + 1);
    let current = new Uint32Array(n + 1);
    this.terms.forEach((term, position) => {
      if (Math.abs(term.length - n) > maxDistance) return;
      for (let j = 0; j <= n; j += 1) previous[j] = j;
      for (let i = 1; i <= term.length; i += 1) {
        current[0] = i;
        for (let j = 1; j <= n; j += 1) {
          const substitute = previous[j - 1] + (term.charCodeAt(i - 1) === query.charCodeAt(j - 1) ? 0 : 1);
          current[j] = Math.min(substitute, previous[j] + 1, current[j - 1] + 1);
        }
        [previous, current] = [current, previous];
      }
      if (previous[n] <= maxDistance) visit(position, previous[n]);
    });
  }
}

/** The vocabulary's terms grouped by length (in vocabulary order within a length), their letters in one array. */
interface LengthIndex {
  chars: Uint16Array;
  /** Per entry: where its letters start in `chars`, and its vocabulary position. */
  starts: Uint32Array;
  positions: Uint32Array;
  /** Entries of length l are [firstOfLength[l], firstOfLength[l + 1]). */
  firstOfLength: Uint32Array;
}

function lengthIndex(terms: readonly string[]): LengthIndex {
  let longest = 0;
  let total = 0;
  for (const term of terms) {
    longest = Math.max(longest, term.length);
    total += term.length;
  }
  const firstOfLength = new Uint32Array(longest + 2);
  for (const term of terms) firstOfLength[term.length + 1] += 1;
  for (let length = 1; length < firstOfLength.length; length += 1) firstOfLength[length] += firstOfLength[length - 1];
  const next = firstOfLength.slice();
  const starts = new Uint32Array(terms.length);
  const positions = new Uint32Array(terms.length);
  const chars = new Uint16Array(total);
  let written = 0;
  terms.forEach((term, position) => {
    const at = next[term.length]++;
    positions[at] = position;
    starts[at] = written;
    for (let i = 0; i < term.length; i += 1) chars[written++] = term.charCodeAt(i);
  });
  return { chars, starts, positions, firstOfLength };
}
