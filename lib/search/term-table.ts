/**
 * Interns index terms as dense ids while a rebuild reads every title and abstract. An open-addressing hash table over
 * the terms' characters lets the scanner look a word up straight from the text it is reading, without cutting it out
 * as a string first: in a large library almost every word is one seen before, and a string plus a `Map` lookup per
 * word was most of a rebuild's time.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** One step of the terms' hash (FNV-1a over UTF-16 code units). */
export const hashStep = (hash: number, code: number): number => Math.imul(hash ^ code, FNV_PRIME);
export const HASH_START = FNV_OFFSET;

export function hashOf(term: string): number {
  let hash = HASH_START;
  for (let at = 0; at < term.length; at += 1) hash = hashStep(hash, term.charCodeAt(at));
  return hash;
}

export class TermTable {
  readonly terms: string[] = [];
  /** Pairs (term id or −1, its hash): the hash beside the id saves a look at the term on most collisions. */
  private slots = new Int32Array(2 * 2048).fill(-1);

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number {
    return this.idOfRange(term, 0, term.length, hashOf(term));
  }

  /** The id of `source.slice(start, end)` (whose hash is `hash`), adding it when new. */
  idOfRange(source: string, start: number, end: number, hash: number): number {
    const slot = this.probe(source, start, end, hash);
    const id = this.slots[2 * slot];
    return id >= 0 ? id : this.insert(source.slice(start, end), hash, slot);
  }

  /** Whether the table holds `source.slice(start, end)` (whose hash is `hash`). */
  hasRange(source: string, start: number, end: number, hash: number): boolean {
    return this.slots[2 * this.probe(source, start, end, hash)] >= 0;
  }

  /** The slot holding the term, or the empty slot where it would go. */
  private probe(source: string, start: number, end: number, hash: number): number {
    const { slots, terms } = this;
    const mask = slots.length / 2 - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot];
      if (id < 0) return slot;
      if (slots[2 * slot + 1] !== hash) continue;
      const term = terms[id];
      if (term.length !== length) continue;
      let at = 0;
      while (at < length && term.charCodeAt(at) === source.charCodeAt(start + at)) at += 1;
      if (at === length) return slot;
    }
  }

  private insert(term: string, hash: number, slot: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.slots[2 * slot] = id;
    this.slots[2 * slot + 1] = hash;
    // Kept at most half full, so probes stay short.
    if (this.terms.length * 4 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2).fill(-1);
    const mask = slots.length / 2 - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] < 0) continue;
      let slot = old[from + 1] & mask;
      while (slots[2 * slot] >= 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from];
      slots[2 * slot + 1] = old[from + 1];
    }
    this.slots = slots;
  }
}
