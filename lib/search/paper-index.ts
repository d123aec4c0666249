import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { metaOf, type StoredMeta } from './document';
import { HEAD_FIELD_COUNT, HeadPostings, HeadPostingsBuilder, type HeadPostingsData } from './head-postings';
import { PaperTable, type PaperTableData } from './paper-table';
import { Postings, PostingsBuilder, type PostingsData } from './postings';
import { abstractImpact } from './term-impacts';

/** A set of papers numbered 0…n−1, with their filter metadata, head postings and body (abstract) postings. */
export interface Segment {
  table: PaperTable;
  head: HeadPostings;
  /** Absent until the abstracts are loaded. */
  body?: Postings;
}

/** A segment placed in the index's document numbering; `dead` marks its papers that were replaced or removed. */
export interface SegmentView {
  segment: Segment;
  offset: number;
  dead?: Uint8Array;
}

/** Persisted head: enough for first results. `build` pairs it with the body stored beside it. */
export interface HeadData {
  build: string;
  table: PaperTableData;
  head: HeadPostingsData;
}

export interface BodyData {
  build: string;
  body: PostingsData;
}

const newBuildId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Builds a segment one paper at a time, so a rebuild never holds every paper's term map at once. Without `body` it
 * indexes titles, tags, authors and notes only (the abstracts are indexed afterwards, by `BodyRebuild`).
 */
class SegmentBuilder {
  private readonly metas: { id: PaperId; meta: StoredMeta }[] = [];
  private readonly head = new HeadPostingsBuilder();
  private readonly body?: PostingsBuilder;

  constructor(withBody = true) {
    if (withBody) this.body = new PostingsBuilder();
  }

  add(record: PaperRecord, meta = metaOf(record)): void {
    const doc = this.metas.length;
    this.metas.push({ id: record.id, meta });
    this.head.add(record);
    this.body?.addText(doc, record.abstract ?? '', abstractImpact);
  }

  finish(): Required<Segment> {
    return { table: PaperTable.of(this.metas), head: this.head.finish(), body: (this.body ?? new PostingsBuilder()).finish() };
  }

  /** The table and head now; the abstracts' postings (if built here) packed when `packBody` is first called. */
  finishHead(): Segment & { body?: undefined; packBody?: () => Postings } {
    const { body } = this;
    return { table: PaperTable.of(this.metas), head: this.head.finish(), packBody: body && (() => body.finish()) };
  }
}

/**
 * Builds a whole index one paper at a time (a rebuild from the library). Without `abstracts`, the head only: it
 * answers title, tag, author and note queries in half the time, and `BodyRebuild` adds the abstracts after.
 */
export class IndexBuilder {
  private readonly segment: SegmentBuilder;

  constructor({ abstracts = true }: { abstracts?: boolean } = {}) {
    this.segment = new SegmentBuilder(abstracts);
  }

  add(record: PaperRecord): void {
    this.segment.add(record);
  }

  /**
   * The built index. Packing the abstracts' postings (a few hundred milliseconds at 100k) waits until they are first
   * needed (`loadAbstracts`, storing), so a rebuilt index answers title, author, tag and note queries first.
   */
  finish(): PaperIndex {
    const { packBody, ...head } = this.segment.finishHead();
    return PaperIndex.fromSegment(head, packBody);
  }
}

/** Rebuilds a loaded head's missing body from the library, numbered like the head. */
export class BodyRebuild {
  private readonly body = new PostingsBuilder();

  constructor(private readonly index: PaperIndex) {}

  add(record: PaperRecord): void {
    const doc = this.index.baseNumberOf(record.id);
    if (doc === undefined) return;
    this.body.addText(doc, record.abstract ?? '', abstractImpact);
  }

  finish(): void {
    this.index.attachBody({ build: this.index.build, body: this.body.finish().toData() });
  }
}

/**
 * The searchable library: a large immutable base segment (loaded from storage or built in one pass) plus a small
 * overlay of papers changed since, rebuilt on every change; each holds filter metadata, head postings (title, tags,
 * authors, note) and abstracts' postings. Base papers that were changed or removed are marked dead rather than edited
 * out; `compact` merges the two before the index is persisted again.
 */
export class PaperIndex {
  private dead: Uint8Array;
  private deadCount = 0;
  /** Head field lengths of the dead base papers, taken off the averages BM25 uses. */
  private readonly deadLengths = new Float64Array(HEAD_FIELD_COUNT);
  /** Papers changed since the base was built, with their metadata: the overlay is rebuilt from them. */
  private readonly changed = new Map<PaperId, { record: PaperRecord; meta: StoredMeta }>();
  private overlay: Segment;

  private constructor(
    private base: Segment,
    public build: string,
    /** The base's abstracts' postings, built but not yet packed (a rebuild). */
    private packBody?: () => Postings,
  ) {
    this.dead = new Uint8Array(base.table.size);
    this.overlay = new SegmentBuilder().finish();
  }

  static create(): PaperIndex {
    return PaperIndex.fromSegment(new SegmentBuilder().finish());
  }

  static fromSegment(segment: Segment, packBody?: () => Postings): PaperIndex {
    return new PaperIndex(segment, newBuildId(), packBody);
  }

  static fromRecords(records: readonly PaperRecord[]): PaperIndex {
    const builder = new IndexBuilder();
    for (const record of records) builder.add(record);
    const index = builder.finish();
    index.packPendingBody();
    return index;
  }

  /** Packs the abstracts' postings of a rebuild if they are pending; returns whether it did. */
  packPendingBody(): boolean {
    if (!this.packBody) return false;
    this.base = { ...this.base, body: this.packBody() };
    this.packBody = undefined;
    return true;
  }

  /** Throws on data that is not a stored head. */
  static fromHead(data: HeadData): PaperIndex {
    if (typeof data?.build !== 'string') throw new Error('not a stored search index');
    const table = PaperTable.fromData(data.table);
    const head = HeadPostings.fromData(data.head);
    if (head.size !== table.size) throw new Error('stored head and paper table disagree');
    return new PaperIndex({ table, head }, data.build);
  }

  /** Adds the abstracts' postings to a loaded head; throws when they belong to another build. */
  attachBody(data: BodyData): void {
    if (data?.build !== this.build) throw new Error('stored abstracts belong to another index build');
    this.base = { ...this.base, body: Postings.fromData(data.body, this.base.table.size) };
  }

  /** Prepares what the first typo-tolerant word would otherwise wait for (see `Vocabulary.prepareTypos`). */
  prepareTypos(): void {
    this.base.head.vocabulary.prepareTypos();
  }

  /** Whether abstracts are searchable (they always are for papers changed since loading). */
  get complete(): boolean {
    return this.base.body !== undefined;
  }

  get size(): number {
    return this.base.table.size - this.deadCount + this.changed.size;
  }

  /** Average length of a head field over the live papers, as BM25 normalizes by it. */
  averageHeadLength(field: number): number {
    const size = this.size;
    if (!size) return 0;
    return (this.base.head.lengthSums[field] - this.deadLengths[field] + this.overlay.head.lengthSums[field]) / size;
  }

  /** Size of the document numbering the segments share (dead papers included). */
  get docCount(): number {
    return this.base.table.size + this.overlay.table.size;
  }

  segments(): SegmentView[] {
    return [
      { segment: this.base, offset: 0, dead: this.dead },
      { segment: this.overlay, offset: this.base.table.size },
    ];
  }

  /** The base number of a paper that the base still holds live. */
  baseNumberOf(id: PaperId): number | undefined {
    const doc = this.base.table.numberOf(id);
    return doc !== undefined && !this.dead[doc] ? doc : undefined;
  }

  has(id: PaperId): boolean {
    return this.changed.has(id) || this.baseNumberOf(id) !== undefined;
  }

  metaOf(id: PaperId): StoredMeta | undefined {
    const changed = this.changed.get(id);
    if (changed) return changed.meta;
    const doc = this.baseNumberOf(id);
    return doc === undefined ? undefined : this.base.table.metaOf(doc);
  }

  /** The document number of a live paper, in the numbering the segments share. */
  numberOf(id: PaperId): number | undefined {
    if (!this.changed.has(id)) return this.baseNumberOf(id);
    const row = this.overlay.table.numberOf(id);
    return row === undefined ? undefined : this.base.table.size + row;
  }

  /** The paper and table row behind a document number. */
  locate(doc: number): { table: PaperTable; row: number } {
    const baseSize = this.base.table.size;
    return doc < baseSize ? { table: this.base.table, row: doc } : { table: this.overlay.table, row: doc - baseSize };
  }

  /** Adds or replaces papers. */
  put(records: readonly PaperRecord[]): void {
    if (!records.length) return;
    for (const record of records) {
      this.kill(record.id);
      this.changed.set(record.id, { record, meta: metaOf(record) });
    }
    this.rebuildOverlay();
  }

  remove(ids: readonly PaperId[]): void {
    let overlayChanged = false;
    for (const id of ids) {
      this.kill(id);
      overlayChanged = this.changed.delete(id) || overlayChanged;
    }
    if (overlayChanged) this.rebuildOverlay();
  }

  /** Merges the overlay into a new base (needs the abstracts: wait for them before compacting). */
  compact(): void {
    this.packPendingBody();
    const body = this.base.body;
    if (!body) throw new Error('abstracts are not loaded yet');
    const baseSize = this.base.table.size;
    const renumber = new Int32Array(baseSize);
    const metas: { id: PaperId; meta: StoredMeta }[] = [];
    for (let doc = 0; doc < baseSize; doc += 1) {
      if (this.dead[doc]) {
        renumber[doc] = -1;
        continue;
      }
      renumber[doc] = metas.length;
      metas.push({ id: this.base.table.ids[doc], meta: this.base.table.metaOf(doc) });
    }
    const live = metas.length;
    this.overlay.table.ids.forEach((id, row) => metas.push({ id, meta: this.overlay.table.metaOf(row) }));
    const merged = new PostingsBuilder();
    merged.addAll(body, (doc) => renumber[doc]);
    merged.addAll(this.overlay.body!, (row) => live + row);
    const head = new HeadPostingsBuilder();
    head.addAll(this.base.head, (doc) => !this.dead[doc]);
    head.addAll(this.overlay.head, () => true);
    this.base = { table: PaperTable.of(metas), head: head.finish(), body: merged.finish() };
    this.build = newBuildId();
    this.dead = new Uint8Array(metas.length);
    this.deadCount = 0;
    this.deadLengths.fill(0);
    this.changed.clear();
    this.overlay = new SegmentBuilder().finish();
  }

  /** The compacted index as its two stored parts. */
  toData(): { head: HeadData; body: BodyData } {
    this.packPendingBody();
    if (this.changed.size || this.deadCount) this.compact();
    const body = this.base.body;
    if (!body) throw new Error('abstracts are not loaded yet');
    return {
      head: { build: this.build, table: this.base.table.toData(), head: this.base.head.toData() },
      body: { build: this.build, body: body.toData() },
    };
  }

  private kill(id: PaperId): void {
    const doc = this.baseNumberOf(id);
    if (doc === undefined) return;
    this.dead[doc] = 1;
    this.deadCount += 1;
    for (let field = 0; field < HEAD_FIELD_COUNT; field += 1) this.deadLengths[field] += this.base.head.lengths[doc * HEAD_FIELD_COUNT + field];
  }

  private rebuildOverlay(): void {
    const builder = new SegmentBuilder();
    for (const { record, meta } of this.changed.values()) builder.add(record, meta);
    this.overlay = builder.finish();
  }
}
