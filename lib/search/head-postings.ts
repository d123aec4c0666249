import type { PaperRecord } from '../paper';
import { FIELD_BOOSTS, fuzzyDistance, HEAD_FIELDS, MATCH_WEIGHTS, isAscii, MIN_PREFIX_LENGTH, processAsciiTerm, processTerm, tokenizeText } from './document';
import type { QueryTerm } from './term-expansion';
import { decodeGaps, encodeGaps } from './doc-gaps';
import { sortedTerms } from './postings';
import { TermTable } from './term-table';
import { Vocabulary } from './vocabulary';

/** Field numbers of the head, in the order MiniSearch scored them (title, tags, authors, note). */
export const HEAD_FIELD_COUNT = HEAD_FIELDS.length;
export const HEAD_FIELD_BOOSTS = Float64Array.from(HEAD_FIELDS.map((field) => FIELD_BOOSTS[field]));

/** BM25+ as MiniSearch computed it for the head (k 1.2, b 0.7, d 0.5), so the ranking did not change with the engine. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

const HEAD_TEXT: Record<(typeof HEAD_FIELDS)[number], (record: PaperRecord) => string> = {
  title: (record) => record.title,
  tags: (record) => record.tags.join(' '),
  authors: (record) => record.authors.join(', '),
  note: (record) => record.note,
};
const HEAD_TEXTS = HEAD_FIELDS.map((field) => HEAD_TEXT[field]);

/** How many distinct strings `tokens` holds (a field's few words: comparing them beats building a set). */
function distinctCount(tokens: readonly string[]): number {
  if (tokens.length > 32) return new Set(tokens).size;
  let distinct = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    let j = 0;
    while (j < i && tokens[j] !== tokens[i]) j += 1;
    if (j === i) distinct += 1;
  }
  return distinct;
}

/**
 * Persisted head: typed arrays and one string, which IndexedDB clones as flat binary and which load without building
 * any tree or map (the vocabulary is one `split`).
 */
export interface HeadPostingsData {
  /** The sorted vocabulary, joined with "\n". */
  terms: string;
  /** Start of each term's entries, plus one final end. */
  offsets: Uint32Array;
  /** Per entry: document (ascending within a term, stored as gaps: doc-gaps.ts), field, term frequency. */
  docGaps: Uint8Array;
  fields: Uint8Array;
  tfs: Uint16Array;
  /** Per document and field: its length. */
  lengths: Uint16Array;
}

/** An immutable inverted index over title, tags, authors and note, with what BM25 needs per field. */
export class HeadPostings {
  /**
   * Documents containing each term, per field (term × field), counted the first time a query needs the term: counting
   * them all on load was a pass over every entry before the first answer.
   */
  private readonly fieldFrequencies: Uint32Array;
  private readonly counted: Uint8Array;
  /** Sum of each field's lengths over the documents. */
  readonly lengthSums: Float64Array;

  constructor(
    readonly vocabulary: Vocabulary,
    readonly offsets: Uint32Array,
    readonly docs: Uint32Array,
    readonly fields: Uint8Array,
    readonly tfs: Uint16Array,
    readonly lengths: Uint16Array,
  ) {
    this.fieldFrequencies = new Uint32Array(vocabulary.size * HEAD_FIELD_COUNT);
    this.counted = new Uint8Array(vocabulary.size);
    this.lengthSums = new Float64Array(HEAD_FIELD_COUNT);
    for (let at = 0; at < lengths.length; at += 1) this.lengthSums[at % HEAD_FIELD_COUNT] += lengths[at];
  }

  get size(): number {
    return this.lengths.length / HEAD_FIELD_COUNT;
  }

  /** Throws on data that is not a stored head. */
  static fromData(data: HeadPostingsData): HeadPostings {
    const { terms, offsets, docGaps, fields, tfs, lengths } = data ?? ({} as HeadPostingsData);
    if (
      typeof terms !== 'string' ||
      !(offsets instanceof Uint32Array) ||
      !(docGaps instanceof Uint8Array) ||
      !(fields instanceof Uint8Array) ||
      !(tfs instanceof Uint16Array) ||
      !(lengths instanceof Uint16Array)
    ) {
      throw new Error('not a stored head');
    }
    const vocabulary = new Vocabulary(terms ? terms.split('\n') : []);
    const entries = fields.length;
    const documents = lengths.length / HEAD_FIELD_COUNT;
    if (offsets.length !== vocabulary.size + 1 || tfs.length !== entries || offsets[vocabulary.size] !== entries || !Number.isInteger(documents)) {
      throw new Error('inconsistent stored head');
    }
    for (let position = 0; position < vocabulary.size; position += 1) if (offsets[position] > offsets[position + 1]) throw new Error('inconsistent stored head');
    for (let at = 0; at < entries; at += 1) if (fields[at] >= HEAD_FIELD_COUNT) throw new Error('inconsistent stored head');
    const docs = decodeGaps(offsets, docGaps, documents);
    return new HeadPostings(vocabulary, offsets, docs, fields, tfs, lengths);
  }

  toData(): HeadPostingsData {
    const { offsets, docs, fields, tfs, lengths } = this;
    return { terms: this.vocabulary.terms.join('\n'), offsets, docGaps: encodeGaps(offsets, docs), fields, tfs, lengths };
  }

  /** Documents whose `field` contains the term at this position. */
  fieldFrequency(position: number, field: number): number {
    if (!this.counted[position]) {
      for (let at = this.offsets[position]; at < this.offsets[position + 1]; at += 1) this.fieldFrequencies[position * HEAD_FIELD_COUNT + this.fields[at]] += 1;
      this.counted[position] = 1;
    }
    return this.fieldFrequencies[position * HEAD_FIELD_COUNT + field];
  }
}

/** MiniSearch's BM25+ of one field match, before the match weight and the field boost. */
export function bm25(tf: number, rarity: number, length: number, averageLength: number): number {
  return rarity * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / averageLength)));
}

export function rarity(documentCount: number, frequency: number): number {
  return Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));
}

/** Collects head entries one document at a time (ascending), and packs them by term with a stable counting sort. */
export class HeadPostingsBuilder {
  private readonly table = new TermTable();
  private termIds = new Uint32Array(1024);
  private docs = new Uint32Array(1024);
  private fields = new Uint8Array(1024);
  private tfs = new Uint16Array(1024);
  private length = 0;
  private lengths: number[] = [];

  /** Per term id, its count in the field being added (zero between fields). */
  private counts = new Uint32Array(1024);
  private readonly seen: number[] = [];

  /**
   * Adds the next paper (numbered by arrival): per field its length (distinct raw tokens, as MiniSearch counted) and
   * each of its terms with its frequency, in order of first occurrence.
   */
  add(record: PaperRecord): void {
    const doc = this.lengths.length / HEAD_FIELD_COUNT;
    for (let field = 0; field < HEAD_FIELD_COUNT; field += 1) {
      const text = HEAD_TEXTS[field](record);
      // Most notes and many tag lists are empty.
      if (!text) {
        this.lengths.push(0);
        continue;
      }
      const tokens = tokenizeText(text);
      this.lengths.push(Math.min(0xffff, distinctCount(tokens)));
      const { seen } = this;
      seen.length = 0;
      // One test per field instead of one per word.
      const process = isAscii(text) ? processAsciiTerm : processTerm;
      for (const token of tokens) {
        const term = process(token);
        if (!term) continue;
        const id = this.table.idOf(term);
        if (id >= this.counts.length) {
          const counts = new Uint32Array(Math.max(id + 1, this.counts.length * 2));
          counts.set(this.counts);
          this.counts = counts;
        }
        if (this.counts[id]++ === 0) seen.push(id);
      }
      for (const id of seen) {
        this.push(id, doc, field, Math.min(0xffff, this.counts[id]));
        this.counts[id] = 0;
      }
    }
  }

  /** Adds every document of `source` that `keep` accepts, in order, renumbered by arrival. */
  addAll(source: HeadPostings, keep: (doc: number) => boolean): void {
    const renumber = new Int32Array(source.size).fill(-1);
    const first = this.lengths.length / HEAD_FIELD_COUNT;
    let next = first;
    for (let doc = 0; doc < source.size; doc += 1) {
      if (!keep(doc)) continue;
      renumber[doc] = next++;
      for (let field = 0; field < HEAD_FIELD_COUNT; field += 1) this.lengths.push(source.lengths[doc * HEAD_FIELD_COUNT + field]);
    }
    // Entries go in by term, so documents of one term stay ascending; `finish` sorts the terms.
    const { terms } = source.vocabulary;
    for (let position = 0; position < terms.length; position += 1) {
      for (let at = source.offsets[position]; at < source.offsets[position + 1]; at += 1) {
        const doc = renumber[source.docs[at]];
        if (doc >= 0) this.push(this.table.idOf(terms[position]), doc, source.fields[at], source.tfs[at]);
      }
    }
  }

  finish(): HeadPostings {
    const { order, rankOf } = sortedTerms(this.table.terms);
    const offsets = new Uint32Array(order.length + 1);
    for (let i = 0; i < this.length; i += 1) offsets[rankOf[this.termIds[i]] + 1] += 1;
    for (let rank = 0; rank < order.length; rank += 1) offsets[rank + 1] += offsets[rank];
    const cursor = offsets.slice(0, order.length);
    const docs = new Uint32Array(this.length);
    const fields = new Uint8Array(this.length);
    const tfs = new Uint16Array(this.length);
    // Stable: documents arrive in ascending order (a merge's kept ones first, renumbered in order), so every term's
    // entries stay ascending by document, and by field within one.
    for (let i = 0; i < this.length; i += 1) {
      const at = cursor[rankOf[this.termIds[i]]]++;
      docs[at] = this.docs[i];
      fields[at] = this.fields[i];
      tfs[at] = this.tfs[i];
    }
    return new HeadPostings(new Vocabulary(order), offsets, docs, fields, tfs, Uint16Array.from(this.lengths));
  }

  private push(id: number, doc: number, field: number, tf: number): void {
    if (this.length === this.docs.length) this.grow();
    this.termIds[this.length] = id;
    this.docs[this.length] = doc;
    this.fields[this.length] = field;
    this.tfs[this.length] = tf;
    this.length += 1;
  }

  private grow(): void {
    const capacity = this.docs.length * 2;
    const grown = <T extends Uint32Array | Uint8Array | Uint16Array>(from: T, to: T): T => (to.set(from), to);
    this.termIds = grown(this.termIds, new Uint32Array(capacity));
    this.docs = grown(this.docs, new Uint32Array(capacity));
    this.fields = grown(this.fields, new Uint8Array(capacity));
    this.tfs = grown(this.tfs, new Uint16Array(capacity));
  }
}

// While a query is typed its earlier words repeat on every keystroke: their expansions are remembered per vocabulary.
const CACHE_LIMIT = 64;
const cache = new WeakMap<Vocabulary, Map<string, Map<number, number>>>();

/**
 * Vocabulary positions a query term matches in the head, each with MiniSearch's weight for that kind of match: exact 1;
 * prefix (from 2 letters) 0.375 × l / (l + 0.3 × extra letters); typo (Levenshtein within `fuzzyDistance`, not
 * already a prefix match) 0.45 × l / (l + distance), l the indexed term's length.
 */
export function expandHeadTerm(vocabulary: Vocabulary, term: QueryTerm): ReadonlyMap<number, number> {
  let entries = cache.get(vocabulary);
  if (!entries) cache.set(vocabulary, (entries = new Map()));
  const key = `${term.exact ? '=' : '~'}${term.text}`;
  let found = entries.get(key);
  if (found) entries.delete(key);
  else {
    if (entries.size >= CACHE_LIMIT) entries.delete(entries.keys().next().value!);
    found = expand(vocabulary, term);
  }
  entries.set(key, found);
  return found;
}

function expand(vocabulary: Vocabulary, term: QueryTerm): Map<number, number> {
  const found = new Map<number, number>();
  const { text } = term;
  const exact = vocabulary.indexOf(text);
  if (exact >= 0) found.set(exact, MATCH_WEIGHTS.exact);
  if (term.exact) return found;
  if (text.length >= MIN_PREFIX_LENGTH) {
    const [start, end] = vocabulary.prefixRange(text);
    for (let position = start; position < end; position += 1) {
      const length = vocabulary.terms[position].length;
      if (position !== exact) found.set(position, (MATCH_WEIGHTS.prefix * length) / (length + 0.3 * (length - text.length)));
    }
  }
  const distance = fuzzyDistance(text);
  if (distance > 0) {
    vocabulary.fuzzy(text, distance, (position, edits) => {
      if (edits === 0 || found.has(position)) return;
      const length = vocabulary.terms[position].length;
      found.set(position, (MATCH_WEIGHTS.fuzzy * length) / (length + edits));
    });
  }
  return found;
}
