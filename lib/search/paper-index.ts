import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { INDEX_OPTIONS, metaOf, toSearchDocument, type SearchDocument, type StoredMeta } from './document';

interface SerializedPaperIndex {
  meta: [PaperId, StoredMeta][];
  index: AsPlainObject;
}

/**
 * The full-text index and, beside it, each paper's filter metadata. The metadata lives in a plain map rather than in
 * MiniSearch's stored fields so that filter-only queries scan it directly instead of materialising a search result
 * for every paper.
 */
export class PaperIndex {
  private constructor(
    readonly text: MiniSearch<SearchDocument>,
    private readonly meta: Map<PaperId, StoredMeta>,
  ) {}

  static create(): PaperIndex {
    return new PaperIndex(new MiniSearch<SearchDocument>(INDEX_OPTIONS), new Map());
  }

  /** Throws on data that is not a serialized index. */
  static fromJSON(data: string): PaperIndex {
    const parsed = JSON.parse(data) as SerializedPaperIndex;
    return new PaperIndex(MiniSearch.loadJS<SearchDocument>(parsed.index, INDEX_OPTIONS), new Map(parsed.meta));
  }

  toJSON(): string {
    const serialized: SerializedPaperIndex = { meta: [...this.meta], index: this.text.toJSON() };
    return JSON.stringify(serialized);
  }

  get size(): number {
    return this.meta.size;
  }

  has(id: PaperId): boolean {
    return this.meta.has(id);
  }

  metaOf(id: PaperId): StoredMeta | undefined {
    return this.meta.get(id);
  }

  entries(): IterableIterator<[PaperId, StoredMeta]> {
    return this.meta.entries();
  }

  /** Adds or replaces papers (discard + add: MiniSearch cannot update a document in place). */
  put(records: readonly PaperRecord[]): void {
    for (const record of records) {
      if (this.text.has(record.id)) this.text.discard(record.id);
      this.text.add(toSearchDocument(record));
      this.meta.set(record.id, metaOf(record));
    }
  }

  remove(ids: readonly PaperId[]): void {
    for (const id of ids) {
      if (this.text.has(id)) this.text.discard(id);
      this.meta.delete(id);
    }
  }
}
