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
}

const NO_TAGS: string[] = [];

/** Document number → paper id and filter metadata, in flat arrays rather than one object per paper. */
export class PaperTable {
  private readonly numbers = new Map<PaperId, number>();

  private constructor(
    readonly ids: readonly PaperId[],
    readonly flags: Uint8Array,
    readonly first: Float64Array,
    readonly last: Float64Array,
    private readonly tags: Map<number, string[]>,
  ) {
    ids.forEach((id, doc) => this.numbers.set(id, doc));
  }

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
    return new PaperTable(metas.map(({ id }) => id), flags, first, last, tags);
  }

  /** Throws on data that is not a stored paper table. */
  static fromData(data: PaperTableData): PaperTable {
    const { flags, first, last, taggedDocs, tagLists } = data;
    const ids = typeof data.ids === 'string' && data.ids ? data.ids.split('\n') : [];
    const n = typeof data.ids === 'string' ? ids.length : -1;
    if (!(flags instanceof Uint8Array) || flags.length !== n || !(first instanceof Float64Array) || first.length !== n) {
      throw new Error('not a paper table');
    }
    if (!(last instanceof Float64Array) || last.length !== n || !(taggedDocs instanceof Uint32Array) || taggedDocs.length !== tagLists.length) {
      throw new Error('inconsistent paper table');
    }
    const tags = new Map<number, string[]>();
    taggedDocs.forEach((doc, i) => tags.set(doc, tagLists[i]));
    return new PaperTable(ids as PaperId[], flags, first, last, tags);
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
    };
  }

  get size(): number {
    return this.ids.length;
  }

  numberOf(id: PaperId): number | undefined {
    return this.numbers.get(id);
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
