import { hashWords } from './hash32';
import type { MinHash } from './minhash';

/** How a MinHash is cut into bands: two signatures become candidates when all `rows` values of any band agree. */
export interface LshShape {
  bands: number;
  rows: number;
}

/**
 * Each band's bucket entries live in one sorted Float64Array of `key * 2^21 + slot` (exact below 2^53): 8 bytes per
 * entry, against ~45 for a Map<number, number[]> — 26 MB instead of ~140 MB for 100k papers × 32 bands. Additions wait
 * in a small unsorted list that queries scan, and are merged in on the next query once there are enough of them.
 */
const SLOT_BITS = 21;
const SLOT_SCALE = 2 ** SLOT_BITS;
const MERGE_AFTER = 512;

interface PendingEntry {
  slot: number;
  keys: Uint32Array;
}

export class LshIndex {
  private readonly ids: Array<string | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private sorted: Float64Array[];
  private pending: PendingEntry[] = [];
  private removedSinceMerge = 0;

  constructor(readonly shape: LshShape) {
    this.sorted = Array.from({ length: shape.bands }, () => new Float64Array(0));
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds or replaces the signature filed under `id`. */
  add(id: string, signature: MinHash): void {
    this.remove(id);
    const slot = this.ids.length;
    // Slots are never reused within one index; the extension rebuilds the index at start-up, far below 2M additions.
    if (slot >= SLOT_SCALE) throw new RangeError('LshIndex holds at most 2^21 additions');
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.pending.push({ slot, keys: this.bandKeys(signature) });
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.removedSinceMerge++;
    return true;
  }

  /** Ids sharing at least one band with the signature (the signature's own id included, if filed). */
  candidates(signature: MinHash): string[] {
    if (this.pending.length + this.removedSinceMerge > MERGE_AFTER) this.merge();
    const keys = this.bandKeys(signature);
    const found = new Set<number>();
    for (let band = 0; band < keys.length; band++) {
      const entries = this.sorted[band];
      const low = keys[band] * SLOT_SCALE;
      const high = low + SLOT_SCALE;
      for (let i = lowerBound(entries, low); i < entries.length && entries[i] < high; i++) {
        const slot = entries[i] - low;
        if (this.ids[slot] !== undefined) found.add(slot);
      }
    }
    for (const entry of this.pending) {
      if (this.ids[entry.slot] === undefined || found.has(entry.slot)) continue;
      for (let band = 0; band < keys.length; band++) {
        if (entry.keys[band] === keys[band]) {
          found.add(entry.slot);
          break;
        }
      }
    }
    return [...found].map((slot) => this.ids[slot] as string);
  }

  private bandKeys(signature: MinHash): Uint32Array {
    const { bands, rows } = this.shape;
    if (signature.length < bands * rows) {
      throw new RangeError(`signature of ${signature.length} values, LSH needs ${bands * rows}`);
    }
    const keys = new Uint32Array(bands);
    for (let band = 0; band < bands; band++) keys[band] = hashWords(signature.subarray(band * rows, (band + 1) * rows));
    return keys;
  }

  /** Folds pending additions into the sorted arrays and drops removed slots. */
  private merge(): void {
    const live = this.pending.filter((entry) => this.ids[entry.slot] !== undefined);
    this.sorted = this.sorted.map((entries, band) => {
      const added = new Float64Array(live.length);
      for (let i = 0; i < live.length; i++) added[i] = live[i].keys[band] * SLOT_SCALE + live[i].slot;
      added.sort();
      return mergeLive(entries, added, this.ids);
    });
    this.pending = [];
    this.removedSinceMerge = 0;
  }
}

function lowerBound(entries: Float64Array, value: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isLive(entry: number, ids: ReadonlyArray<string | undefined>): boolean {
  return ids[entry % SLOT_SCALE] !== undefined;
}

/** Merges two sorted arrays, keeping only entries whose slot is still filed. */
function mergeLive(a: Float64Array, b: Float64Array, ids: ReadonlyArray<string | undefined>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (isLive(next, ids)) out[n++] = next;
  }
  return n === out.length ? out : out.slice(0, n);
}
