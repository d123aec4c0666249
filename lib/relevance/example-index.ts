/** One saved or hidden paper as the model keeps it: its hashed terms, their counts and unit tf-idf weights. */
export interface Example {
  id: string;
  title: string;
  tags: readonly string[];
  /** The tags as the model's interest numbers (interest-model.ts), for a lookup without strings while scoring. */
  interests: Int32Array;
  ids: Int32Array;
  counts: Uint16Array;
  /** Under the corpus statistics at the last (re)weighting. */
  weights: Float32Array;
}

/** Examples added since the last build are compared one by one; past this many, the inverted lists are rebuilt. */
const PENDING_MAX = 64;

/**
 * The examples of one class (saved, or hidden) and an inverted index over them in flat typed arrays: term ids
 * ascending (`keys`), each term's postings `starts[k]..starts[k+1]` in `slots` / `weights`. Adding an example is O(1)
 * (it waits in `pending`, compared directly by a merge of two sorted id lists); removing one marks its slot dead.
 * The lists are rebuilt (dead slots dropped, slots renumbered) when pending or dead postings pile up, so the index
 * is never more than a bounded amount of work away from a fresh build, and scores equal a fresh build's.
 */
export class ExampleIndex {
  readonly examples = new Map<string, Example>();
  private bySlot: Array<Example | null> = [];
  private slotOf = new Map<string, number>();
  private pending: number[] = [];
  private keys = new Int32Array(0);
  private starts = new Int32Array(1);
  private slots = new Int32Array(0);
  private weights = new Float32Array(0);
  /** Open addressing over `keys`: a term id's slot holds its key index + 1 (0 = empty); size a power of two. */
  private table = new Int32Array(1);
  private deadPostings = 0;
  private sums = new Float64Array(0);
  /** Slots 0..indexedSlots-1 are in the inverted lists; later ones are pending. */
  private indexedSlots = 0;
  /**
   * Each slot's interests, flat: `interestList[interestEnds[slot - 1] .. interestEnds[slot]]` (from 0 for slot 0).
   * Scoring reads them for every similar slot; one flat array spares it a walk to each example object. Read only
   * outside this class.
   */
  interestEnds: Int32Array = new Int32Array(16);
  interestList: Int32Array = new Int32Array(16);

  add(example: Example): void {
    this.remove(example.id);
    const slot = this.bySlot.length;
    this.bySlot.push(example);
    this.appendInterests(slot, example.interests);
    this.slotOf.set(example.id, slot);
    this.examples.set(example.id, example);
    this.pending.push(slot);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const example = this.bySlot[slot]!;
    this.bySlot[slot] = null;
    this.slotOf.delete(id);
    this.examples.delete(id);
    const waiting = this.pending.indexOf(slot);
    if (waiting >= 0) this.pending.splice(waiting, 1);
    else this.deadPostings += example.ids.length;
  }

  /** The example in a slot that `similarities` named. */
  exampleAt(slot: number): Example {
    return this.bySlot[slot]!;
  }

  private appendInterests(slot: number, interests: Int32Array): void {
    const start = slot === 0 ? 0 : this.interestEnds[slot - 1];
    if (slot >= this.interestEnds.length) this.interestEnds = growInt32(this.interestEnds, slot + 1);
    if (start + interests.length > this.interestList.length) this.interestList = growInt32(this.interestList, start + interests.length);
    this.interestList.set(interests, start);
    this.interestEnds[slot] = start + interests.length;
  }

  /** Replaces every example's weights (the corpus grew): one rebuild. */
  reweigh(weigh: (example: Example) => Float32Array): void {
    for (const example of this.examples.values()) example.weights = weigh(example);
    this.rebuild();
  }

  /**
   * Calls `visit` with the slot of every example sharing a term with the unit query vector, and their dot product
   * (cosine); indexed slots ascending, then the pending ones in the order added. The query's ids must be ascending
   * (PaperFeatures).
   */
  similarities(ids: Int32Array, weights: Float32Array, visit: (slot: number, similarity: number) => void): void {
    if (this.pending.length > PENDING_MAX || this.deadPostings > this.slots.length / 4) this.rebuild();
    if (this.sums.length < this.bySlot.length) this.sums = new Float64Array(this.bySlot.length * 2);
    const { sums, keys, starts, slots, table, weights: postingWeights } = this;
    const mask = table.length - 1;
    // A hash probe per query term (ids are hashes already): a card's ~200 terms against tens of thousands of keys
    // cost more as binary searches than the postings they find. Terms are still summed in ascending id order.
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      let h = id & mask;
      let entry = table[h];
      while (entry !== 0 && keys[entry - 1] !== id) {
        h = (h + 1) & mask;
        entry = table[h];
      }
      const weight = weights[i];
      if (entry === 0 || weight === 0) continue;
      const end = starts[entry];
      for (let p = starts[entry - 1]; p < end; p++) sums[slots[p]] += weight * postingWeights[p];
    }
    // One pass over the slots rather than a list of touched ones: no branch in the loop above (nearly every example
    // shares some term with a card). Dead slots were summed too; they are skipped here.
    const { indexedSlots: indexed, bySlot } = this;
    for (let slot = 0; slot < indexed; slot++) {
      const similarity = sums[slot];
      if (similarity === 0) continue;
      sums[slot] = 0;
      if (bySlot[slot] !== null) visit(slot, similarity);
    }
    for (const slot of this.pending) {
      const example = bySlot[slot]!;
      const similarity = sparseDot(ids, weights, example.ids, example.weights);
      if (similarity !== 0) visit(slot, similarity);
    }
  }

  /** Renumbers the live examples and rebuilds the inverted lists over all of them. */
  private rebuild(): void {
    const live = this.bySlot.filter((example): example is Example => example !== null);
    this.bySlot = live;
    this.slotOf = new Map(live.map((example, slot) => [example.id, slot]));
    this.pending = [];
    this.deadPostings = 0;
    live.forEach((example, slot) => this.appendInterests(slot, example.interests));
    let total = 0;
    for (const example of live) total += example.ids.length;
    const all = new Int32Array(total);
    let at = 0;
    for (const example of live) {
      all.set(example.ids, at);
      at += example.ids.length;
    }
    all.sort();
    let distinct = 0;
    for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i];
    const keys = all.slice(0, distinct);
    const starts = new Int32Array(distinct + 1);
    const keyIndex = (id: number) => {
      let low = 0;
      let high = distinct;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (keys[mid] < id) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    // Counting pass, then prefix sums, then fill (postings of one term in slot order).
    const where = new Int32Array(total);
    at = 0;
    for (const example of live) {
      for (let i = 0; i < example.ids.length; i++) {
        const k = keyIndex(example.ids[i]);
        where[at++] = k;
        starts[k + 1]++;
      }
    }
    for (let k = 0; k < distinct; k++) starts[k + 1] += starts[k];
    const fill = starts.slice(0, distinct);
    const slots = new Int32Array(total);
    const weights = new Float32Array(total);
    at = 0;
    live.forEach((example, slot) => {
      for (let i = 0; i < example.ids.length; i++) {
        const p = fill[where[at++]]++;
        slots[p] = slot;
        weights[p] = example.weights[i];
      }
    });
    let size = 2;
    while (size < 2 * distinct) size *= 2;
    const table = new Int32Array(size);
    for (let k = 0; k < distinct; k++) {
      let h = keys[k] & (size - 1);
      while (table[h] !== 0) h = (h + 1) & (size - 1);
      table[h] = k + 1;
    }
    this.table = table;
    this.indexedSlots = live.length;
    this.keys = keys;
    this.starts = starts;
    this.slots = slots;
    this.weights = weights;
  }
}

function growInt32(array: Int32Array, needed: number): Int32Array {
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Dot product of two sparse vectors with ascending ids. */
export function sparseDot(aIds: Int32Array, aWeights: Float32Array, bIds: Int32Array, bWeights: Float32Array): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < aIds.length && j < bIds.length) {
    if (aIds[i] < bIds[j]) i++;
    else if (aIds[i] > bIds[j]) j++;
    else sum += aWeights[i++] * bWeights[j++];
  }
  return sum;
}

