import type { MinHash } from './minhash';
import { withCapacity } from './typed-pool';

/**
 * How a MinHash is cut into bands: two signatures become candidates when all `rows` values of any band agree.
 * Rows are 1 or 2, so a band's key is its 16-bit values side by side — exact, no hashing, no key storage.
 */
export interface LshShape {
  bands: number;
  rows: 1 | 2;
}

/** Slots and keys are packed as `key * 2^21 + slot` to sort them natively as float64s (exact below 2^53). */
const SLOT_BITS = 21;
const SLOT_SCALE = 2 ** SLOT_BITS;
const MERGE_AFTER = 512;
/**
 * A bucket this full is a phrase every other paper uses ("large language models" hashed lowest in both rows), not an
 * identity: it is skipped. A real near duplicate shares many bands (10 of 64 on average at Jaccard 0.4), so losing a
 * few such buckets costs no recall, while keeping them made 1 query in 20 score 5,000 candidates at 100k papers.
 */
const CROWDED_BUCKET = 1000;

const UNUSED = 0;
const LIVE = 1;
const REMOVED = 2;

/**
 * Banded LSH over MinHashes, keyed by numeric slots the caller assigns and never reuses. It keeps each slot's MinHash
 * in one flat array, and each band's buckets as one array of slots sorted by band key — 4 bytes per slot and band, a
 * key being read back from the MinHash — instead of a Map of arrays at ~45 bytes per entry. Additions wait in a short
 * unsorted list that queries scan, and are merged into the sorted arrays once enough have gathered.
 */
export class LshIndex {
  private readonly width: number;
  private values = new Uint16Array(0);
  private state = new Uint8Array(0);
  private sorted: Uint32Array[];
  private pending: number[] = [];
  private removedSinceMerge = 0;
  private live = 0;

  constructor(readonly shape: LshShape) {
    this.width = shape.bands * shape.rows;
    this.sorted = Array.from({ length: shape.bands }, () => new Uint32Array(0));
  }

  get size(): number {
    return this.live;
  }

  has(slot: number): boolean {
    return this.state[slot] === LIVE;
  }

  add(slot: number, minHash: MinHash): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOT_SCALE) throw new RangeError(`LSH slot ${slot} outside 0..2^21`);
    if ((this.state[slot] ?? UNUSED) !== UNUSED) throw new Error(`LSH slot ${slot} was already used`);
    if (minHash.length < this.width) throw new RangeError(`MinHash of ${minHash.length} values, LSH needs ${this.width}`);
    this.state = withCapacity(this.state, slot + 1);
    this.values = withCapacity(this.values, (slot + 1) * this.width);
    this.values.set(minHash.subarray(0, this.width), slot * this.width);
    this.state[slot] = LIVE;
    this.pending.push(slot);
    this.live++;
  }

  remove(slot: number): boolean {
    if (this.state[slot] !== LIVE) return false;
    this.state[slot] = REMOVED;
    this.removedSinceMerge++;
    this.live--;
    return true;
  }

  /** The MinHash filed under a slot (a view, valid until the next add). */
  minHashOf(slot: number): MinHash | undefined {
    return this.has(slot) ? this.values.subarray(slot * this.width, (slot + 1) * this.width) : undefined;
  }

  /** Live slots sharing at least one band with the MinHash, crowded buckets aside. */
  candidates(minHash: MinHash): number[] {
    if (this.pending.length + this.removedSinceMerge > MERGE_AFTER) this.merge();
    const found = new Set<number>();
    for (let band = 0; band < this.shape.bands; band++) {
      const key = keyOf(minHash, band * this.shape.rows, this.shape.rows);
      const slots = this.sorted[band];
      const start = this.lowerBound(slots, band, key);
      const end = this.lowerBound(slots, band, key + 1);
      if (end - start > CROWDED_BUCKET) continue;
      for (let i = start; i < end; i++) if (this.state[slots[i]] === LIVE) found.add(slots[i]);
    }
    for (const slot of this.pending) {
      if (this.state[slot] !== LIVE || found.has(slot)) continue;
      for (let band = 0; band < this.shape.bands; band++) {
        if (this.key(slot, band) === keyOf(minHash, band * this.shape.rows, this.shape.rows)) {
          found.add(slot);
          break;
        }
      }
    }
    return [...found];
  }

  private key(slot: number, band: number): number {
    return keyOf(this.values, slot * this.width + band * this.shape.rows, this.shape.rows);
  }

  private lowerBound(slots: Uint32Array, band: number, key: number): number {
    let low = 0;
    let high = slots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.key(slots[mid], band) < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Folds pending slots into the sorted arrays and drops removed ones. */
  private merge(): void {
    const added = this.pending.filter((slot) => this.state[slot] === LIVE);
    this.sorted = this.sorted.map((current, band) => {
      const packed = new Float64Array(added.length);
      for (let i = 0; i < added.length; i++) packed[i] = this.key(added[i], band) * SLOT_SCALE + added[i];
      packed.sort();
      const out = new Uint32Array(current.length + added.length);
      let i = 0;
      let j = 0;
      let n = 0;
      while (i < current.length || j < packed.length) {
        const takeCurrent =
          j >= packed.length || (i < current.length && this.key(current[i], band) * SLOT_SCALE + current[i] < packed[j]);
        const slot = takeCurrent ? current[i++] : packed[j++] % SLOT_SCALE;
        if (this.state[slot] === LIVE) out[n++] = slot;
      }
      return n === out.length ? out : out.slice(0, n);
    });
    this.pending = [];
    this.removedSinceMerge = 0;
  }
}

function keyOf(values: Uint16Array, offset: number, rows: 1 | 2): number {
  return rows === 1 ? values[offset] : values[offset] * 0x10000 + values[offset + 1];
}
