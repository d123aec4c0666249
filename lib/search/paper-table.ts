import type { PaperId } from '../ids';
import type { StoredMeta } from './document';

/** Persisted form of a paper table: parallel arrays indexed by document number. */
export interface PaperTableData {
  /** Paper ids joined with "\n" (ids never hold one): one string clones far faster than 100 000. */
  ids: string;
  flags: Uint8Array;
  /** Earliest and latest activity, ms (0 when unknown). */
  first: Float64Array;
  last: Float64Array;
  /** Only tagged papers, which are few, carry a tag list. */
  taggedDocs: Uint32Array;
  tagLists: string[][];
  /** Document numbers in the order of their ids, to find a paper's number by binary search. */
  byId: Uint32Array;
}

/** Rows in the order of their ids: the identity for a table built from the library, which is read in id order. */
function idOrder(ids: readonly PaperId[]): Uint32Array {
  const order = Uint32Array.from(ids, (_, row) => row);
  let sorted = true;
  for (let row = 1; row < ids.length && sorted; row += 1) sorted = ids[row - 1] < ids[row];
  return sorted ? order : order.sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
}

const NO_TAGS: string[] = [];

/** Document number → paper id and filter metadata, in flat arrays rather than one object per paper. */
export class PaperTable {
  private constructor(
    readonly ids: readonly PaperId[],
    readonly flags: Uint8Array,
    readonly first: Float64Array,
    readonly last: Float64Array,
    private readonly tags: Map<number, string[]>,
    // Searched instead of a map of every id, which took tens of milliseconds to build on load.
    private readonly byId: Uint32Array,
  ) {}

  static of(metas: readonly { id: PaperId; meta: StoredMeta }[]): PaperTable {
    const flags = new Uint8Array(metas.length);
    const first = new Float64Array(metas.length);
    const last = new Float64Array(metas.length);
    const tags = new Map<number, string[]>();
    metas.forEach(({ meta }, doc) => {
      flags[doc] = meta.f;
      first[doc] = meta.a;
      last[doc] = meta.z;
      if (meta.t.length) tags.set(doc, meta.t);
    });
    const ids = metas.map(({ id }) => id);
    return new PaperTable(ids, flags, first, last, tags, idOrder(ids));
  }

  /** Throws on data that is not a stored paper table. */
  static fromData(data: PaperTableData): PaperTable {
    const { flags, first, last, taggedDocs, tagLists, byId } = data;
    const ids = typeof data.ids === 'string' && data.ids ? data.ids.split('\n') : [];
    const n = typeof data.ids === 'string' ? ids.length : -1;
    if (!(flags instanceof Uint8Array) || flags.length !== n || !(first instanceof Float64Array) || first.length !== n) {
      throw new Error('not a paper table');
    }
    if (!(last instanceof Float64Array) || last.length !== n || !(taggedDocs instanceof Uint32Array) || taggedDocs.length !== tagLists.length) {
      throw new Error('inconsistent paper table');
    }
    if (!(byId instanceof Uint32Array) || byId.length !== n) throw new Error('inconsistent paper table');
    const tags = new Map<number, string[]>();
    taggedDocs.forEach((doc, i) => tags.set(doc, tagLists[i]));
    return new PaperTable(ids as PaperId[], flags, first, last, tags, byId);
  }

  toData(): PaperTableData {
    const taggedDocs = Uint32Array.from(this.tags.keys());
    return {
      ids: this.ids.join('\n'),
      flags: this.flags,
      first: this.first,
      last: this.last,
      taggedDocs,
      tagLists: [...taggedDocs].map((doc) => this.tags.get(doc)!),
      byId: this.byId,
    };
  }

  get size(): number {
    return this.ids.length;
  }

  numberOf(id: PaperId): number | undefined {
    const { ids, byId } = this;
    let low = 0;
    let high = byId.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ids[byId[mid]] < id) low = mid + 1;
      else high = mid;
    }
    return low < byId.length && ids[byId[low]] === id ? byId[low] : undefined;
  }

  /** The rows of tagged papers (few), ascending. */
  taggedRows(): IterableIterator<number> {
    return this.tags.keys();
  }

  tagsOf(doc: number): string[] {
    return this.tags.get(doc) ?? NO_TAGS;
  }

  metaOf(doc: number): StoredMeta {
    return { f: this.flags[doc], t: this.tagsOf(doc), a: this.first[doc], z: this.last[doc] };
  }
}
