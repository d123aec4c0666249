import { decodeGaps, encodeGaps } from './doc-gaps';
import { forEachTermId } from './document';
import { TermTable } from './term-table';
import { Vocabulary } from './vocabulary';

/**
 * Persisted form of one inverted index: typed arrays, which IndexedDB stores and structured-clones as flat binary
 * instead of millions of small objects.
 */
export interface PostingsData {
  /** The sorted vocabulary, joined with "\n" (the tokenizer never keeps a line break inside a term). */
  terms: string;
  /** Start of each term's postings, plus one final end. */
  offsets: Uint32Array;
  /** Document numbers, ascending within each term, as gaps (doc-gaps.ts). */
  docGaps: Uint8Array;
  /** Quantized term impact (see term-impacts.ts) of the term in that document. */
  impacts: Uint8Array;
}

/** An immutable inverted index: for every term, the documents containing it and how strongly. */
export class Postings {
  constructor(
    readonly vocabulary: Vocabulary,
    readonly offsets: Uint32Array,
    readonly docs: Uint32Array,
    readonly impacts: Uint8Array,
  ) {}

  static empty(): Postings {
    return new Postings(new Vocabulary([]), new Uint32Array(1), new Uint32Array(0), new Uint8Array(0));
  }

  /** Throws on data that is not a stored postings table over `documents` documents. */
  static fromData(data: PostingsData, documents: number): Postings {
    const { terms, offsets, docGaps, impacts } = data ?? ({} as PostingsData);
    if (typeof terms !== 'string' || !(offsets instanceof Uint32Array) || !(docGaps instanceof Uint8Array) || !(impacts instanceof Uint8Array)) {
      throw new Error('not a postings table');
    }
    const vocabulary = new Vocabulary(terms ? terms.split('\n') : []);
    if (offsets.length !== vocabulary.size + 1 || offsets[vocabulary.size] !== impacts.length) throw new Error('inconsistent postings table');
    for (let position = 0; position < vocabulary.size; position += 1) {
      if (offsets[position] > offsets[position + 1]) throw new Error('inconsistent postings table');
    }
    return new Postings(vocabulary, offsets, decodeGaps(offsets, docGaps, documents), impacts);
  }

  toData(): PostingsData {
    return { terms: this.vocabulary.terms.join('\n'), offsets: this.offsets, docGaps: encodeGaps(this.offsets, this.docs), impacts: this.impacts };
  }

  /** Number of documents containing the term at this vocabulary position. */
  documentFrequency(position: number): number {
    return this.offsets[position + 1] - this.offsets[position];
  }

  /** Document frequency of a term by its text; 0 when absent. */
  frequencyOf(term: string): number {
    const position = this.vocabulary.indexOf(term);
    return position < 0 ? 0 : this.documentFrequency(position);
  }
}

/** Most entries per chunk of a TripleBuffer. */
const MAX_CHUNK = 1 << 17;

/**
 * Storage for (term, doc, impact) triples in typed-array chunks (growing from 1024 entries to MAX_CHUNK, so a small
 * overlay stays small): a rebuild of 100k abstracts pushes about ten million, and growing one array by doubling copied
 * them over and over and held both copies at each step.
 */
class TripleBuffer {
  readonly termIds: Uint32Array[] = [];
  readonly docs: Uint32Array[] = [];
  readonly impacts: Uint8Array[] = [];
  /** Filled entries of the last chunk, and its capacity (both 0 before the first). */
  private fill = 0;
  private capacity = 0;
  length = 0;

  push(termId: number, doc: number, impact: number): void {
    if (this.fill === this.capacity) this.addChunk();
    const last = this.docs.length - 1;
    this.termIds[last][this.fill] = termId;
    this.docs[last][this.fill] = doc;
    this.impacts[last][this.fill] = impact;
    this.fill += 1;
    this.length += 1;
  }

  /** Entries held by chunk `chunk`. */
  chunkLength(chunk: number): number {
    return chunk === this.docs.length - 1 ? this.fill : this.docs[chunk].length;
  }

  private addChunk(): void {
    this.capacity = Math.min(MAX_CHUNK, Math.max(1024, this.length));
    this.termIds.push(new Uint32Array(this.capacity));
    this.docs.push(new Uint32Array(this.capacity));
    this.impacts.push(new Uint8Array(this.capacity));
    this.fill = 0;
  }
}

/**
 * Collects postings one (term, document) pair at a time, in any term order, and packs them with a stable counting
 * sort: documents added in ascending order stay ascending within each term.
 */
export class PostingsBuilder {
  private readonly table = new TermTable();
  private readonly triples = new TripleBuffer();
  /** Per term id, its count in the text being added (zero between texts). */
  private counts = new Uint32Array(1024);
  private seen = new Uint32Array(256);

  add(term: string, doc: number, impact: number): void {
    this.triples.push(this.table.idOf(term), doc, impact);
  }

  /**
   * Adds one document's text: every distinct term once, in order of first occurrence, with the impact of its count
   * in a text of that many terms. Counted in typed arrays by term id (no map per document: a rebuild adds 100k).
   */
  addText(doc: number, text: string, impactOf: (tf: number, length: number) => number): void {
    let distinct = 0;
    let length = 0;
    forEachTermId(text, this.table, (id) => {
      length += 1;
      if (id >= this.counts.length) this.counts = grown(this.counts, Math.max(id + 1, this.counts.length * 2));
      if (this.counts[id]++ === 0) {
        if (distinct === this.seen.length) this.seen = grown(this.seen, distinct * 2);
        this.seen[distinct++] = id;
      }
    });
    for (let i = 0; i < distinct; i += 1) {
      const id = this.seen[i];
      this.triples.push(id, doc, impactOf(this.counts[id], length));
      this.counts[id] = 0;
    }
  }

  /** Adds every posting of `source`, renumbering documents through `renumber` (a negative number drops one). */
  addAll(source: Postings, renumber: (doc: number) => number): void {
    const { terms } = source.vocabulary;
    for (let position = 0; position < terms.length; position += 1) {
      const id = source.offsets[position] < source.offsets[position + 1] ? this.table.idOf(terms[position]) : -1;
      for (let at = source.offsets[position]; at < source.offsets[position + 1]; at += 1) {
        const doc = renumber(source.docs[at]);
        if (doc >= 0) this.triples.push(id, doc, source.impacts[at]);
      }
    }
  }

  finish(): Postings {
    const { order, rankOf } = sortedTerms(this.table.terms);
    const { triples } = this;
    const offsets = new Uint32Array(order.length + 1);
    for (let chunk = 0; chunk < triples.termIds.length; chunk += 1) {
      const termIds = triples.termIds[chunk];
      for (let i = 0, end = triples.chunkLength(chunk); i < end; i += 1) offsets[rankOf[termIds[i]] + 1] += 1;
    }
    for (let rank = 0; rank < order.length; rank += 1) offsets[rank + 1] += offsets[rank];
    const cursor = offsets.slice(0, order.length);
    const packedDocs = new Uint32Array(triples.length);
    const packedImpacts = new Uint8Array(triples.length);
    for (let chunk = 0; chunk < triples.termIds.length; chunk += 1) {
      const termIds = triples.termIds[chunk];
      const docs = triples.docs[chunk];
      const impacts = triples.impacts[chunk];
      for (let i = 0, end = triples.chunkLength(chunk); i < end; i += 1) {
        const at = cursor[rankOf[termIds[i]]]++;
        packedDocs[at] = docs[i];
        packedImpacts[at] = impacts[i];
      }
    }
    return new Postings(new Vocabulary(order), offsets, packedDocs, packedImpacts);
  }
}

function grown(from: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const to = new Uint32Array(capacity);
  to.set(from);
  return to;
}

/**
 * The terms sorted (by UTF-16 code units, as `<` compares), and each term id's rank among them. Sorting the strings
 * themselves with the built-in order is several times faster than sorting ids through a comparator.
 */
export function sortedTerms(termList: readonly string[]): { order: string[]; rankOf: Uint32Array } {
  const order = [...termList].sort();
  const rank = new Map<string, number>();
  order.forEach((term, at) => rank.set(term, at));
  const rankOf = new Uint32Array(termList.length);
  termList.forEach((term, id) => (rankOf[id] = rank.get(term)!));
  return { order, rankOf };
}
